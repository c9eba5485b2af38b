package edition

import (
	"bytes"
	"path"
	"path/filepath"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/redtide/edition/internal/post"
	"github.com/redtide/edition/internal/site"
)

// Where a post's databases and style are found, as the tools that
// publish it look for them:
//
//   - the post's front matter: bibliography: (a file or a list, relative
//     to the post), references: (works written out, CSL YAML), csl:
//     (pandoc, Quarto, R Markdown), and the site's defaults for the post;
//   - Quarto's project files: the _metadata.yml of the post's folder and
//     the folders above it, then _quarto.yml, each relative to its own
//     folder;
//   - jekyll-scholar's configuration, _config.yml's scholar: (source:,
//     default ./_bibliography; bibliography:, a name, with or without
//     .bib, or a glob; style:, a built-in style's name or a file);
//     jekyll-scholar's defaults hold for a post that uses its tags on a
//     site without scholar:;
//   - the style, last, from the manifest's csl:, then _config.yml's
//     csl: or scholar: style:, else the default, Chicago
//     notes-bibliography.
//
// The first place that names databases gives them all (a post's list
// replaces the project's, as Quarto merges metadata); references: adds
// to them.

// citeSources is what a post's citations are resolved with.
type citeSources struct {
	files    []named // databases, relative to the site's root
	refs     any     // front matter references:, decoded
	refsLine int
	style    named // a file relative to the root, or a built-in style's name (builtin)
	lang     string
	opt      citeOptions
}

// named is a file named somewhere: rel relative to the site's root, the
// name as written, and where it was written (file and line) for
// messages.
type named struct {
	rel, as string
	file    string
	line    int
	builtin bool
	remote  bool                   // a URL: never fetched
	open    func() ([]byte, error) // reads the file when it is not under the site's root (the manifest's csl:)
}

// findSources finds the databases, style and options of the post at rel
// (relative to root; shown as display).
func findSources(st *site.Site, read func(rel string) ([]byte, error), rel, display string, data []byte, p *post.Post, manifestStyle named) citeSources {
	front := map[string]any{}
	if st != nil {
		for k, v := range st.Defaults(rel) {
			front[k] = v
		}
	}
	for k, v := range p.Extra {
		front[k] = v
	}
	cs := citeSources{lang: p.Language}
	dir := path.Dir(rel)
	cs.files = namedList(front["bibliography"], dir, display, frontLine(data, "bibliography"))
	if v := str(front["csl"]); v != "" {
		cs.style = namedFile(v, dir, display, frontLine(data, "csl"))
	}
	if v, ok := front["references"]; ok {
		cs.refs, cs.refsLine = v, frontLine(data, "references")
	}
	cs.opt = frontOptions(front, data)
	for _, meta := range quartoMeta(read, dir) {
		if cs.files == nil {
			cs.files = namedList(meta.vars["bibliography"], meta.dir, meta.file, 0)
		}
		if cs.style.as == "" {
			if v := str(meta.vars["csl"]); v != "" {
				cs.style = namedFile(v, meta.dir, meta.file, 0)
			}
		}
	}
	if cs.style.as == "" {
		cs.style = manifestStyle
	}
	if st != nil {
		cs.scholar(st, read)
	}
	return cs
}

// scholar fills what the post's sources lack from jekyll-scholar's
// configuration (and its defaults).
func (cs *citeSources) scholar(st *site.Site, read func(string) ([]byte, error)) {
	cfg, _ := st.Config.Vars["scholar"].(map[string]any)
	if cs.style.as == "" {
		if v := str(st.Config.Vars["csl"]); v != "" {
			cs.style = namedFile(v, ".", site.ConfigName, 0)
		} else if v := str(cfg["style"]); v != "" {
			cs.style = scholarStyle(v, read)
		}
	}
	if cs.files != nil {
		return
	}
	source := strings.TrimPrefix(path.Clean(strings.TrimPrefix(cmpOr(str(cfg["source"]), "./_bibliography"), "/")), "./")
	name := cmpOr(str(cfg["bibliography"]), "references.bib")
	pattern := path.Join(source, name)
	var matches []string
	if strings.ContainsAny(pattern, "*?[") && site.CheckRel(pattern, "the site's folder") == nil {
		found, _ := filepath.Glob(filepath.Join(st.Root, filepath.FromSlash(pattern)))
		for _, f := range found {
			if r, err := filepath.Rel(st.Root, f); err == nil {
				matches = append(matches, filepath.ToSlash(r))
			}
		}
	}
	if len(matches) == 0 && path.Ext(name) == "" {
		if _, err := read(pattern + ".bib"); err == nil {
			matches = []string{pattern + ".bib"}
		}
	}
	if len(matches) == 0 {
		if _, err := read(pattern); err == nil {
			matches = []string{pattern}
		}
	}
	for _, m := range matches {
		cs.files = append(cs.files, named{rel: m, as: m, file: site.ConfigName})
	}
}

// scholarStyle reads jekyll-scholar's style: a file (relative to the
// site's root, with or without .csl) or a style's name.
func scholarStyle(v string, read func(string) ([]byte, error)) named {
	for _, p := range []string{v, v + ".csl"} {
		if _, err := read(strings.TrimPrefix(path.Clean(p), "/")); err == nil {
			return named{rel: strings.TrimPrefix(path.Clean(p), "/"), as: v, file: site.ConfigName}
		}
	}
	return named{as: v, builtin: true, file: site.ConfigName}
}

// quartoFile is one of Quarto's metadata files.
type quartoFile struct {
	dir, file string
	vars      map[string]any
}

// quartoMeta reads the _metadata.yml files from the post's folder up and
// the _quarto.yml of the project, nearest first.
func quartoMeta(read func(string) ([]byte, error), dir string) []quartoFile {
	var out []quartoFile
	for d := dir; ; d = path.Dir(d) {
		for _, name := range []string{"_metadata.yml", "_quarto.yml"} {
			f := path.Join(d, name)
			data, err := read(f)
			if err != nil {
				continue
			}
			var vars map[string]any
			if yaml.Unmarshal(data, &vars) == nil && vars != nil {
				out = append(out, quartoFile{dir: d, file: f, vars: vars})
			}
		}
		if d == "." || d == "/" || d == "" {
			break
		}
	}
	return out
}

// namedList reads bibliography: (a string or a list), relative to dir.
func namedList(v any, dir, file string, line int) []named {
	var out []named
	switch t := v.(type) {
	case string:
		if strings.TrimSpace(t) != "" {
			out = append(out, namedFile(t, dir, file, line))
		}
	case []any:
		for _, x := range t {
			if s := str(x); s != "" {
				out = append(out, namedFile(s, dir, file, line))
			}
		}
	case []string:
		for _, s := range t {
			out = append(out, namedFile(s, dir, file, line))
		}
	}
	return out
}

// namedFile resolves a file name written in file (in folder dir): a URL
// stays remote; "/x" is from the site's root.
func namedFile(v, dir, file string, line int) named {
	v = strings.TrimSpace(v)
	n := named{as: v, file: file, line: line}
	switch {
	case strings.Contains(v, "://"):
		n.remote = true
	case strings.HasPrefix(v, "/"):
		n.rel = path.Clean(strings.TrimPrefix(v, "/"))
	default:
		n.rel = path.Join(dir, v)
	}
	return n
}

// frontOptions reads pandoc's citation keys of the front matter.
func frontOptions(front map[string]any, data []byte) citeOptions {
	opt := citeOptions{
		sectionTitle:  str(front["reference-section-title"]),
		suppress:      truth(front["suppress-bibliography"]),
		linkCitations: truth(front["link-citations"]),
	}
	var nocite []string
	switch t := front["nocite"].(type) {
	case string:
		nocite = []string{t}
	case []any:
		for _, x := range t {
			nocite = append(nocite, str(x))
		}
	}
	for _, s := range nocite {
		for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || unicode.IsSpace(r) || r == '[' || r == ']' }) {
			if k := strings.TrimPrefix(f, "@"); k != "" && f != k {
				opt.nocite = append(opt.nocite, k)
			}
		}
	}
	return opt
}

// frontLine is the file line of key in a post's front matter, 1 when it
// cannot be found.
func frontLine(data []byte, key string) int {
	for i, l := range bytes.Split(data, []byte("\n")) {
		if bytes.HasPrefix(l, []byte(key+":")) {
			return i + 1
		}
		if i > 0 && bytes.Equal(bytes.TrimSpace(l), []byte("---")) {
			break
		}
	}
	return 1
}

func str(v any) string {
	s, _ := v.(string)
	return strings.TrimSpace(s)
}

func truth(v any) bool {
	switch t := v.(type) {
	case bool:
		return t
	case string:
		return t == "true" || t == "yes"
	}
	return false
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
