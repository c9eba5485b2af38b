// Package site reads what edition needs from the Jekyll or Hugo site a
// manifest's posts come from: where the site's root folder is, its
// _config.yml (title, language, base URL, front matter defaults,
// collections) or Hugo's configuration (hugo.go: title, languages,
// content and static folders, goldmark settings), its include or
// shortcode templates and its author data. It is read in one place and
// used by assemble, authors, languages and images.
//
// The root is named by a manifest (`site: ..`) or found by walking up from
// the manifest's folder to the first folder holding _config.yml (or a Hugo
// configuration), stopping at a folder holding .git or at the file system
// root. Without either, the manifest's folder is the root and the
// configuration is empty.
package site

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/redtide/edition/internal/lazy"
	"github.com/redtide/edition/internal/texmath"

	"github.com/redtide/edition/internal/diag"
)

// ConfigName is the file Jekyll reads its configuration from.
const ConfigName = "_config.yml"

// Site is a site's root folder and its configuration.
type Site struct {
	// Root is the site's folder. Posts and images are read only from
	// inside it.
	Root string
	// ConfigPath is the _config.yml read, "" when the site has none (for
	// a Hugo site, its first configuration file).
	ConfigPath string
	Config     Config
	// Hugo is a Hugo site's own configuration; nil for a Jekyll site.
	Hugo *Hugo

	once     sync.Once
	authors  map[string]Person // from _data/authors.*, by handle
	authErr  error
	incMu    sync.Mutex
	includes map[string]*tmpl // parsed _includes templates, nil when missing

	folderOnce    sync.Once
	configFolders []string // image folders the configuration names (configFolders)
	dirMu         sync.Mutex
	dirs          map[string]bool // isDir's answers, by relative path

	scMu       sync.Mutex
	shortcodes map[string]scEntry // a Hugo site's parsed shortcode templates, by name

	postsOnce sync.Once
	posts     map[string][]string // post files by name without extension (postFiles)
	macroOnce sync.Once
	macros    *texmath.Macros // MathMacros
	setupOnce sync.Once
	setup     MathSetup // MathSetup
}

// Config holds the _config.yml fields edition uses.
type Config struct {
	Title   string // the site's name (title, else name): the default publication name
	Lang    string // the site's language (`lang`, else `locale`)
	BaseURL string // path (or, on some sites, a full URL) the site is served under
	URL     string // scheme and host, e.g. https://example.org
	// CollectionsDir is the folder holding the collections' folders
	// (Jekyll's collections_dir), "" for the root.
	CollectionsDir string
	// Collections are the labels of the site's collections; their
	// documents live in _<label>/ under CollectionsDir. posts is always
	// one.
	Collections []string
	Defaults    []Default
	Exclude     []string // paths Jekyll leaves out of the site
	// MarkdownExt are the extensions (without dot) Jekyll reads as
	// Markdown.
	MarkdownExt []string
	// Vars is the whole configuration, for site.* in include templates
	// and for custom keys that name folders (essay-images: /essays/images).
	Vars map[string]any
}

// Default is one entry of the configuration's `defaults:` list.
type Default struct {
	Path   string         // scope.path; "" covers the whole site; may hold * globs
	Type   string         // scope.type: posts, pages, drafts or a collection label; "" for any
	Values map[string]any // front matter values the scope gives
	Line   int            // line of the entry in _config.yml
}

// Find walks up from dir to the nearest folder holding _config.yml (or a
// Hugo site's configuration: hugo.toml, config.toml, config/_default/). It
// stops at a folder holding .git (the top of a repository) and at the file
// system root; ok is false when no configuration was found.
func Find(dir string) (root string, ok bool) {
	d, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	for {
		if fi, err := os.Stat(filepath.Join(d, ConfigName)); err == nil && fi.Mode().IsRegular() {
			return d, true
		}
		if len(findHugoConfig(d)) > 0 {
			return d, true
		}
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return "", false
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", false
		}
		d = parent
	}
}

// Locate returns the site of a manifest in manifestDir. declared is the
// manifest's `site:` value (relative to manifestDir), or "" to look for
// _config.yml upwards; without one the manifest's folder is the root.
func Locate(manifestDir, declared string) (*Site, error) {
	root := manifestDir
	if declared != "" {
		root = filepath.Join(manifestDir, filepath.FromSlash(declared))
		fi, err := os.Stat(root)
		if err != nil {
			return nil, fmt.Errorf("site %q: %w", declared, unwrap(err))
		}
		if !fi.IsDir() {
			return nil, fmt.Errorf("site %q is not a folder", declared)
		}
	} else if r, ok := Find(manifestDir); ok {
		root = r
		if rel, err := filepath.Rel(absOrSame(manifestDir), r); err == nil {
			root = filepath.Join(manifestDir, rel)
		}
	}
	return Open(root)
}

func absOrSame(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// Open reads the site rooted at root. A missing _config.yml gives an
// empty configuration; a broken one is an error naming its line.
func Open(root string) (*Site, error) {
	s := &Site{Root: filepath.Clean(root)}
	file := filepath.Join(s.Root, ConfigName)
	data, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		s.Config = emptyConfig()
		if files := findHugoConfig(s.Root); len(files) > 0 {
			return s, s.openHugo(files)
		}
		return s, nil
	}
	if err != nil {
		return nil, &diag.Error{Path: file, Err: unwrap(err)}
	}
	cfg, err := ParseConfig(file, data)
	if err != nil {
		return nil, err
	}
	s.ConfigPath = file
	s.Config = cfg
	return s, nil
}

// Bare is a site without configuration rooted at root (a folder of posts
// that is not a Jekyll site).
func Bare(root string) *Site {
	return &Site{Root: filepath.Clean(root), Config: emptyConfig()}
}

func emptyConfig() Config {
	return Config{Collections: []string{"posts"}, MarkdownExt: defaultMarkdownExt, Vars: map[string]any{}}
}

// defaultMarkdownExt is Jekyll's default markdown_ext.
var defaultMarkdownExt = []string{"markdown", "mkdown", "mkdn", "mkd", "md"}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

var yamlLineRe = lazy.Regexp(`^yaml: line (\d+): (.*)$`)

// ParseConfig reads a _config.yml; file names it in messages.
func ParseConfig(file string, data []byte) (Config, error) {
	cfg := emptyConfig()
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		msg := err.Error()
		line := 0
		if m := yamlLineRe().FindStringSubmatch(strings.SplitN(msg, "\n", 2)[0]); m != nil {
			fmt.Sscan(m[1], &line)
			msg = m[2]
		}
		return cfg, diag.Errorf(file, line, "malformed site configuration: %s", strings.TrimPrefix(msg, "yaml: "))
	}
	if len(root.Content) == 0 {
		return cfg, nil
	}
	top := root.Content[0]
	if top.Kind != yaml.MappingNode {
		return cfg, diag.Errorf(file, top.Line, "site configuration must be a mapping of keys to values")
	}
	vars, err := value(top)
	if err != nil {
		return cfg, diag.Errorf(file, top.Line, "malformed site configuration: %v", err)
	}
	cfg.Vars = vars.(map[string]any)
	str := func(k string) string { return Stringify(cfg.Vars[k]) }
	// jekyll-seo-tag reads site.title, else site.name (older sites).
	cfg.Title = strings.TrimSpace(firstNonEmpty(str("title"), str("name")))
	cfg.Lang = strings.TrimSpace(firstNonEmpty(str("lang"), str("locale")))
	cfg.BaseURL = strings.TrimSpace(str("baseurl"))
	cfg.URL = strings.TrimRight(strings.TrimSpace(str("url")), "/")
	cfg.CollectionsDir = strings.Trim(path.Clean("/"+strings.TrimSpace(str("collections_dir"))), "/")
	if ext := strings.TrimSpace(str("markdown_ext")); ext != "" {
		cfg.MarkdownExt = nil
		for _, e := range strings.Split(ext, ",") {
			if e = strings.TrimPrefix(strings.TrimSpace(e), "."); e != "" {
				cfg.MarkdownExt = append(cfg.MarkdownExt, strings.ToLower(e))
			}
		}
	}
	switch c := cfg.Vars["collections"].(type) {
	case map[string]any:
		for k := range c {
			cfg.Collections = append(cfg.Collections, k)
		}
	case []any:
		for _, v := range c {
			cfg.Collections = append(cfg.Collections, Stringify(v))
		}
	}
	cfg.Collections = dedupeSorted(cfg.Collections)
	if ex, ok := cfg.Vars["exclude"].([]any); ok {
		for _, v := range ex {
			cfg.Exclude = append(cfg.Exclude, strings.Trim(Stringify(v), "/"))
		}
	}
	var errs []error
	for i := 0; i+1 < len(top.Content); i += 2 {
		if top.Content[i].Value == "defaults" {
			cfg.Defaults, errs = parseDefaults(file, top.Content[i+1])
		}
	}
	return cfg, diag.Join(errs...)
}

// parseDefaults reads the `defaults:` list, keeping each entry's line.
func parseDefaults(file string, n *yaml.Node) ([]Default, []error) {
	if n.Kind != yaml.SequenceNode {
		return nil, []error{diag.Errorf(file, n.Line, "defaults: want a list of scopes and values")}
	}
	var out []Default
	var errs []error
	for _, e := range n.Content {
		v, err := value(e)
		m, ok := v.(map[string]any)
		if err != nil || !ok {
			errs = append(errs, diag.Errorf(file, e.Line, "defaults: each entry needs scope and values mappings"))
			continue
		}
		d := Default{Line: e.Line, Values: map[string]any{}}
		if vals, ok := m["values"].(map[string]any); ok {
			d.Values = vals
		}
		if scope, ok := m["scope"].(map[string]any); ok {
			d.Path = sanitize(Stringify(scope["path"]))
			d.Type = Stringify(scope["type"])
		}
		out = append(out, d)
	}
	return out, errs
}

// sanitize writes a scope path as Jekyll compares it: no leading ./ or /.
func sanitize(p string) string {
	p = strings.TrimSpace(filepath.ToSlash(p))
	for strings.HasPrefix(p, "./") {
		p = p[2:]
	}
	return strings.TrimLeft(p, "/")
}

// normalize turns YAML's decoded maps into map[string]any throughout, so
// templates can index them.
func normalize(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = normalize(e)
		}
		return x
	case map[any]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[Stringify(k)] = normalize(e)
		}
		return m
	case []any:
		for i, e := range x {
			x[i] = normalize(e)
		}
		return x
	}
	return v
}

func dedupeSorted(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range append([]string{"posts"}, in...) {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	// Keep posts first, then the labels in name order (maps have none).
	rest := out[1:]
	sortStrings(rest)
	return out
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// Rel returns file's path relative to the root, slash-separated; ok is
// false when file is outside the root.
func (s *Site) Rel(file string) (string, bool) {
	r, err := filepath.Rel(absOrSame(s.Root), absOrSame(file))
	if err != nil {
		return "", false
	}
	r = filepath.ToSlash(r)
	if r == ".." || strings.HasPrefix(r, "../") {
		return "", false
	}
	return r, true
}

// Address is the absolute URL the site is served at: its url and
// baseurl joined ("https://example.org" + "/blog"), or baseurl alone when
// a site sets it to a whole URL; "" when the configuration gives no
// absolute http(s) address.
func (s *Site) Address() string {
	if s == nil {
		return ""
	}
	base := strings.TrimSpace(s.Config.BaseURL)
	if isAbsoluteHTTP(base) {
		return strings.TrimRight(base, "/")
	}
	u := strings.TrimRight(strings.TrimSpace(s.Config.URL), "/")
	if !isAbsoluteHTTP(u) {
		return ""
	}
	if base != "" && !strings.HasPrefix(base, "/") {
		base = "/" + base
	}
	return u + strings.TrimRight(base, "/")
}

func isAbsoluteHTTP(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
