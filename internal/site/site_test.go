package site

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, s := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const phConfig = `title: Programming Historian
lang: en
baseurl: 'https://example.org/ph'
collections:
  essays:
    output: true
defaults:
  - scope: {path: ""}
    values: {lang: en}
  - scope: {path: "es"}
    values: {lang: es}
  - scope: {path: "fr/lecons"}
    values: {lang: fr, lesson: true}
  - scope: {path: "fr"}
    values: {lang: fr-CA}
  - scope: {path: "_posts", type: posts}
    values: {layout: post}
  - scope: {path: "_posts"}
    values: {layout: page, author: staff}
  - scope: {path: "de/*/print"}
    values: {lang: de}
  - scope: {type: essays}
    values: {lang: it}
essay-images: /essays/images
`

func TestDefaults(t *testing.T) {
	cfg, err := ParseConfig("_config.yml", []byte(phConfig))
	if err != nil {
		t.Fatal(err)
	}
	s := &Site{Root: t.TempDir(), Config: cfg}
	for _, c := range []struct {
		rel, key string
		want     any
	}{
		{"en/x.md", "lang", "en"},
		{"es/x.md", "lang", "es"},
		{"es/sub/deeper/x.md", "lang", "es"},
		{"fr/lecons/x.md", "lang", "fr"}, // the longer scope wins, wherever it is listed
		{"fr/lecons/x.md", "lesson", true},
		{"fr/autre/x.md", "lang", "fr-CA"},
		{"index.md", "lang", "en"},
		{"_posts/2020-01-01-a.md", "layout", "post"}, // same path: the scope with a type wins
		{"_posts/2020-01-01-a.md", "author", "staff"},
		{"de/2020/print/x.md", "lang", "de"}, // a glob covers the folders it matches
		{"de/2020/web/x.md", "lang", "en"},
		{"_essays/x.md", "lang", "it"},
		{"essays/x.md", "lang", "en"},  // not the collection's folder
		{"espanol/x.md", "lang", "en"}, // whole segments, not string prefixes
		{"es", "lang", "es"},
	} {
		got := s.Defaults(c.rel)[c.key]
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("Defaults(%q)[%q] = %v, want %v", c.rel, c.key, got, c.want)
		}
	}
	if typ := s.Type("_essays/x.md"); typ != "essays" {
		t.Errorf("type %q", typ)
	}
	if cfg.Title != "Programming Historian" || cfg.Lang != "en" || cfg.BaseURL != "https://example.org/ph" {
		t.Errorf("config %+v", cfg)
	}
}

func TestParseConfigErrors(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"title: a\nlang: x: y\n", "_config.yml:2: malformed site configuration"},
		{"- a\n- b\n", "_config.yml:1: site configuration must be a mapping"},
		{"defaults: 3\n", "_config.yml:1: defaults: want a list"},
		{"defaults:\n  - 3\n", "_config.yml:2: defaults: each entry needs scope and values"},
	} {
		_, err := ParseConfig("_config.yml", []byte(c.src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.src, err, c.want)
		}
	}
}

func TestFindAndLocate(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"site/_config.yml":                 "title: S\n",
		"site/editions/issue.yaml":         "",
		"repo/.git/HEAD":                   "",
		"repo/sub/edition.yaml":            "",
		"_config.yml":                      "title: above the repository\n",
		"other/config-is-elsewhere/x.yaml": "",
	})
	if root, ok := Find(filepath.Join(dir, "site", "editions")); !ok || root != filepath.Join(dir, "site") {
		t.Errorf("Find = %q, %v", root, ok)
	}
	if root, ok := Find(filepath.Join(dir, "repo", "sub")); ok {
		t.Errorf("Find crossed a repository's top: %q", root)
	}
	s, err := Locate(filepath.Join(dir, "site", "editions"), "")
	if err != nil || s.Config.Title != "S" {
		t.Fatalf("Locate: %v %+v", err, s)
	}
	s, err = Locate(filepath.Join(dir, "other", "config-is-elsewhere"), "../../site")
	if err != nil || s.Config.Title != "S" {
		t.Fatalf("Locate declared: %v", err)
	}
	if _, err := Locate(dir, "nowhere"); err == nil {
		t.Error("a missing site folder was accepted")
	}
}

func TestSitePath(t *testing.T) {
	for _, c := range []struct{ url, base, src, want string }{
		{"", "https://example.org/ph", "https://example.org/ph/images/a/x.png", "/images/a/x.png"},
		{"", "https://example.org/ph", "http://example.org/ph/images/x.png", "/images/x.png"},
		{"https://example.org", "/blog", "https://example.org/blog/x.png", "/x.png"},
		{"https://example.org", "/blog", "/blog/assets/x.png", "/assets/x.png"},
		{"https://example.org", "", "https://example.org/assets/x.png", "/assets/x.png"},
		{"https://example.org", "/blog", "https://other.org/blog/x.png", "https://other.org/blog/x.png"},
		{"", "/blog", "/blogroll/x.png", "/blogroll/x.png"},
		{"", "", "images/x.png", "images/x.png"},
	} {
		s := &Site{Config: Config{URL: c.url, BaseURL: c.base}}
		if got := s.SitePath(c.src); got != c.want {
			t.Errorf("SitePath(%q) with url %q baseurl %q = %q, want %q", c.src, c.url, c.base, got, c.want)
		}
	}
}

func TestConfigFields(t *testing.T) {
	for _, c := range []struct{ src, title, lang string }{
		{"title: T\nname: N\nlang: fr\n", "T", "fr"},
		{"name: N\nlocale: pt-BR\n", "N", "pt-BR"},
		{"title: A\ntitle: B\n", "B", ""}, // repeated keys: the last wins, as in Ruby's YAML
	} {
		cfg, err := ParseConfig("_config.yml", []byte(c.src))
		if err != nil || cfg.Title != c.title || cfg.Lang != c.lang {
			t.Errorf("%q: title %q lang %q, %v", c.src, cfg.Title, cfg.Lang, err)
		}
	}
	cfg, _ := ParseConfig("_config.yml", []byte("collections_dir: my_collections\ncollections: [essays, notes]\nmarkdown_ext: \"md, txt\"\n"))
	if cfg.CollectionsDir != "my_collections" || strings.Join(cfg.Collections, " ") != "posts essays notes" || strings.Join(cfg.MarkdownExt, " ") != "md txt" {
		t.Errorf("config %+v", cfg)
	}
	s := &Site{Config: cfg}
	if typ := s.Type("my_collections/_essays/x.md"); typ != "essays" {
		t.Errorf("type in collections_dir: %q", typ)
	}
}

func TestAddress(t *testing.T) {
	for _, c := range []struct{ url, base, want string }{
		{"https://example.org", "/blog", "https://example.org/blog"},
		{"https://example.org/", "blog/", "https://example.org/blog"},
		{"", "https://example.org/ph/", "https://example.org/ph"},
		{"https://example.org", "", "https://example.org"},
		{"", "/blog", ""},
		{"example.org", "/blog", ""},
	} {
		s := &Site{Config: Config{URL: c.url, BaseURL: c.base}}
		if got := s.Address(); got != c.want {
			t.Errorf("Address() with url %q baseurl %q = %q, want %q", c.url, c.base, got, c.want)
		}
	}
	if (*Site)(nil).Address() != "" {
		t.Error("nil site has an address")
	}
}
