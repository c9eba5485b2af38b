package site

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/post"
)

// Person is an author as the site's data names them.
type Person struct {
	Name string
}

// handleKeys name the field that holds a handle when authors.yml is a list.
var handleKeys = []string{"handle", "id", "key", "username", "login", "slug", "short_name"}

// Author looks a handle up in the site's author data, as Jekyll themes do
// (jekyll-seo-tag, Minimal Mistakes: site.data.authors[page.author]):
// _data/authors.yml (or .yaml, .json), a mapping of handles to a name or
// to a mapping with name or display_name; or a list of such mappings with a
// handle field; or one file per author in _data/authors/. Handles match
// exactly, then ignoring case.
func (s *Site) Author(handle string) (string, bool) {
	s.once.Do(s.loadAuthors)
	if p, ok := s.authors[handle]; ok {
		return p.Name, true
	}
	if p, ok := s.authors[strings.ToLower(handle)]; ok {
		return p.Name, true
	}
	return "", false
}

// AuthorsErr is the error reading the author data met, if any (a broken
// file is reported once, not per post).
func (s *Site) AuthorsErr() error {
	s.once.Do(s.loadAuthors)
	return s.authErr
}

func (s *Site) dataDir() string {
	if d, ok := s.Config.Vars["data_dir"].(string); ok && d != "" {
		return strings.Trim(path.Clean("/"+d), "/")
	}
	return "_data"
}

func (s *Site) loadAuthors() {
	s.authors = map[string]Person{}
	dir := s.dataDir()
	for _, name := range []string{"authors.yml", "authors.yaml", "authors.json"} {
		rel := dir + "/" + name
		data, err := ReadFile(s.Root, rel)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		file := filepath.Join(s.Root, filepath.FromSlash(rel))
		if err != nil {
			s.authErr = &diag.Error{Path: file, Err: err}
			return
		}
		var v any
		if strings.HasSuffix(name, ".json") {
			err = json.Unmarshal(data, &v)
		} else {
			v, err = yamlValue(data)
		}
		if err != nil {
			s.authErr = diag.Errorf(file, 0, "malformed author data: %v", err)
			return
		}
		s.addAuthors(normalize(v))
		return
	}
	// One file per author: _data/authors/<handle>.yml.
	entries, err := os.ReadDir(filepath.Join(s.Root, filepath.FromSlash(dir), "authors"))
	if err != nil {
		return
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	for _, e := range entries {
		ext := path.Ext(e.Name())
		if e.IsDir() || (ext != ".yml" && ext != ".yaml") {
			continue
		}
		data, err := ReadFile(s.Root, dir+"/authors/"+e.Name())
		if err != nil {
			continue
		}
		if v, err := yamlValue(data); err == nil {
			s.add(strings.TrimSuffix(e.Name(), ext), v)
		}
	}
}

func yamlValue(data []byte) (any, error) {
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		return nil, err
	}
	return value(&n)
}

func (s *Site) addAuthors(v any) {
	switch x := v.(type) {
	case map[string]any:
		for h, p := range x {
			s.add(h, p)
		}
	case []any:
		for _, e := range x {
			m, ok := e.(map[string]any)
			if !ok {
				continue
			}
			for _, k := range handleKeys {
				if h := Stringify(m[k]); h != "" {
					s.add(h, m)
					break
				}
			}
		}
	}
}

func (s *Site) add(handle string, v any) {
	var name string
	switch x := v.(type) {
	case string:
		name = strings.TrimSpace(x)
	case map[string]any:
		name = post.NameOf(x)
	}
	if name == "" {
		return
	}
	s.authors[handle] = Person{Name: name}
	if l := strings.ToLower(handle); l != handle {
		if _, taken := s.authors[l]; !taken {
			s.authors[l] = Person{Name: name}
		}
	}
}
