package site

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"
)

// linkURL is the URL Jekyll's {% link path %} and {% post_url name %}
// print: the URL (see URL) of the site's document at path, or of the post
// whose file name, without extension, is name (2010-07-21-name, or
// folder/2010-07-21-name), found under any _posts folder.
func (s *Site) linkURL(tag, arg string) (string, error) {
	arg = strings.Trim(strings.TrimSpace(arg), `"'`)
	if arg == "" || strings.Contains(arg, "..") {
		return "", fmt.Errorf("{%% %s %s %%}: no such document", tag, arg)
	}
	rel := strings.TrimLeft(arg, "/")
	if tag == "post_url" {
		rel = s.findPost(arg)
	}
	if rel == "" {
		return "", fmt.Errorf("{%% %s %s %%}: no such document", tag, arg)
	}
	data, err := readInside(s.Root, rel)
	if err != nil {
		return "", fmt.Errorf("{%% %s %s %%}: %w", tag, arg, unwrap(err))
	}
	u, _ := s.Page(rel, frontMatter(data))["url"].(string)
	return u, nil
}

// findPost finds the post file {% post_url name %} names: a file under
// a _posts folder whose name, without extension, is name's last element,
// and whose folder inside _posts is name's folder (/subdir/2010-07-21-x).
func (s *Site) findPost(name string) string {
	dir, base := path.Split(strings.Trim(name, "/"))
	want := strings.TrimSuffix("_posts/"+dir, "/")
	for _, rel := range s.postFiles()[base] {
		if strings.HasSuffix(path.Dir(rel), want) {
			return rel
		}
	}
	return ""
}

// postFiles indexes the site's post files by name without extension,
// once (a post may link to many others).
func (s *Site) postFiles() map[string][]string {
	s.postsOnce.Do(func() {
		s.posts = map[string][]string{}
		_ = filepath.WalkDir(s.Root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() {
				if n := d.Name(); p != s.Root && (strings.HasPrefix(n, ".") || n == "_site" || n == "node_modules") {
					return fs.SkipDir
				}
				return nil
			}
			if rel, ok := s.Rel(p); ok && strings.Contains("/"+rel, "/_posts/") {
				n := strings.TrimSuffix(d.Name(), path.Ext(d.Name()))
				s.posts[n] = append(s.posts[n], rel)
			}
			return nil
		})
	})
	return s.posts
}

// frontMatter reads the YAML front matter of a document; nil without.
func frontMatter(data []byte) map[string]any {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !bytes.HasPrefix(data, []byte("---")) {
		return nil
	}
	rest := data[3:]
	end := bytes.Index(rest, []byte("\n---"))
	if end < 0 {
		return nil
	}
	var m map[string]any
	if yaml.Unmarshal(rest[:end], &m) != nil {
		return nil
	}
	v, _ := normalize(m).(map[string]any)
	return v
}
