package edition

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/model"
)

// TestLiquidVariables: Jekyll renders a post's Liquid before its
// Markdown, with the page's and the site's variables, so text such sites
// print through Liquid (a course site's "{{ page.title }}" in its
// introductions, a blog's {{ site.title }}, a name assigned once and
// used later) is kept, {% post_url %} and {% link %} lead to the pages
// they name (the slug gives the URL: Maps-and-Places); output that
// prints nothing is dropped with one warning.
func TestLiquidVariables(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"_config.yml": "title: The Course\nauthor: Ada\nurl: https://course.example.org\n",
		"_posts/2026-01-05-unit.md": "---\ntitle: Maps and Places\nslug: Maps-and-Places\n---\n" +
			"Welcome to *{{ page.title }}* on {{ site.title }}.\n\n" +
			"{% assign who = \"the editors\" %}Written by {{ who | upcase }} for {{ site.author }}.\n\n" +
			"Images live in images/{{ page.slug }}/ and {{ page.nothing }} prints nothing.\n\n" +
			"<p>In HTML: {{ page.title }}.</p>\n\n" +
			"See [the first unit]({% post_url 2026-01-05-unit %}) and [the about page]({% link about.md %}).\n",
		"about.md": "---\ntitle: About\n---\nAbout.\n",
	})
	m, err := manifest.Parse(filepath.Join(dir, "edition.yaml"), []byte("publication: P\ndate: 2026-02-01\nlanguage: en\nposts: [_posts/2026-01-05-unit.md]\n"))
	if err != nil {
		t.Fatal(err)
	}
	var log diag.Log
	ed, err := Build(m, &log, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, b := range ed.Sections[0].Articles[0].Blocks {
		if p, ok := b.(*model.Paragraph); ok {
			texts = append(texts, model.PlainText(p.Inlines))
		}
	}
	got := strings.Join(texts, "\n")
	for _, want := range []string{"Welcome to Maps and Places on The Course.", "Written by THE EDITORS for Ada.", "Images live in images/Maps-and-Places/ and prints nothing."} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
	var links []string
	model.WalkInlinesInBlocks(ed.Sections[0].Articles[0].Blocks, func(in model.Inline) {
		if l, ok := in.(*model.Link); ok {
			links = append(links, l.URL)
		}
	})
	if want := "https://course.example.org/2026/01/05/Maps-and-Places.html https://course.example.org/about.html"; strings.Join(links, " ") != want {
		t.Errorf("links %q, want %s", links, want)
	}
	var ws []string
	for _, w := range log.Warnings() {
		ws = append(ws, w.String())
	}
	if all := strings.Join(ws, "\n"); !strings.Contains(all, "Liquid output dropped ({{ page.nothing }})") || strings.Contains(all, "assign") {
		t.Errorf("warnings:\n%s", all)
	}
}
