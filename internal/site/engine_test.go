package site

import "testing"

// TestEngine: the engine and options Jekyll sites set in _config.yml
// (shapes from public sites: a kramdown blog with MathJax turned off, a
// site on jekyll-commonmark-ghpages, a Jekyll site without a markdown
// key, which gets kramdown with input GFM).
func TestEngine(t *testing.T) {
	tests := []struct {
		name, config string
		want         Engine
	}{
		{"default", "title: Blog\n", Engine{Name: "kramdown", Input: "gfm", MathEngine: "mathjax"}},
		{"kramdown options", "markdown: kramdown\nkramdown:\n  input: GFM\n  hard_wrap: true\n  parse_block_html: true\n  math_engine: null\n  smart_quotes: apos,apos,quot,quot\n",
			Engine{Name: "kramdown", Input: "gfm", HardWrap: true, ParseBlockHTML: true, SmartQuotes: "apos,apos,quot,quot"}},
		{"kramdown input", "kramdown:\n  input: kramdown\n  math_engine: katex\n", Engine{Name: "kramdown", Input: "kramdown", MathEngine: "katex"}},
		{"commonmark", "markdown: CommonMarkGhPages\ncommonmark:\n  options: [\"SMART\"]\n", Engine{Name: "commonmarkghpages", Input: "gfm", MathEngine: "mathjax"}},
	}
	for _, tc := range tests {
		cfg, err := ParseConfig("_config.yml", []byte(tc.config))
		if err != nil {
			t.Fatal(err)
		}
		s := &Site{ConfigPath: "_config.yml", Config: cfg}
		if got := s.Engine(); got != tc.want {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
		}
	}
	if got := Bare(".").Engine(); got != (Engine{}) {
		t.Errorf("no configuration: %+v, want the zero Engine", got)
	}
}

// TestHugoEngine: a Hugo site's engine is goldmark, whose math is text
// to the Markdown (so it goes through its escapes) unless the site turns
// on the passthrough extension (as math-heavy Hugo sites since 0.122 do).
func TestHugoEngine(t *testing.T) {
	for _, tc := range []struct {
		config string
		want   Engine
	}{
		{"title = \"Calculus\"\n", Engine{Name: "goldmark"}},
		{"title = \"Calculus\"\n[markup.goldmark.extensions.passthrough]\nenable = true\n", Engine{Name: "goldmark", MathRaw: true}},
	} {
		dir := hugoSite(t, map[string]string{"hugo.toml": tc.config, "content/x.md": "x"})
		s, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Engine(); got != tc.want {
			t.Errorf("%q: %+v, want %+v", tc.config, got, tc.want)
		}
	}
}
