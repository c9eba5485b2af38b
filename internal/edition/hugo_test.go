package edition

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/model"
)

// TestHugoUnbuilt: a page the manifest lists that hugo would not build
// (a draft, one published after the edition) is printed, with a
// warning; {{< param >}} reads the page, then its language's params,
// then the site's.
func TestHugoUnbuilt(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"hugo.toml":        "title = \"H\"\n[params]\nmotto = \"Site motto\"\n[languages.en]\nweight = 1\n[languages.fr]\n[languages.fr.params]\nmotto = \"Devise\"\n",
		"content/draft.md": "+++\ntitle = \"Draft\"\ndate = 2026-11-01\ndraft = true\n+++\nA draft. {{< param motto >}}\n",
		"content/later.md": "+++\ntitle = \"Later\"\ndate = 2027-01-01\n+++\nLater. {{< param motto >}}\n",
		"content/p.fr.md":  "+++\ntitle = \"Fr\"\ndate = 2026-11-02\n[params]\nother = \"x\"\n+++\nFrançais. {{< param motto >}}\n",
		"content/own.md":   "+++\ntitle = \"Own\"\ndate = 2026-11-02\nmotto = \"Page motto\"\n+++\nOwn. {{< param motto >}}\n",
		"content/none.md":  "+++\ntitle = \"None\"\ndate = 2026-11-02\n+++\nNone. {{< param nothing >}}\n",
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	manifestText := "publication: H\ndate: 2026-11-25\nposts: [content/draft.md, content/later.md, content/p.fr.md, content/own.md, content/none.md]\n"
	mp := filepath.Join(dir, "edition.yaml")
	if err := os.WriteFile(mp, []byte(manifestText), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := manifest.Load(mp)
	if err != nil {
		t.Fatal(err)
	}
	var log diag.Log
	ed, err := Build(m, &log, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ws []string
	for _, w := range log.Warnings() {
		ws = append(ws, filepath.Base(w.Path)+": "+w.Msg)
	}
	all := strings.Join(ws, "\n")
	for _, want := range []string{"draft.md: draft: true; hugo does not build it", "later.md: published 2027-01-01, after the edition's date",
		`none.md: {{< param "nothing" >}}: neither the page nor the site sets it`} {
		if !strings.Contains(all, want) {
			t.Errorf("no warning %q in\n%s", want, all)
		}
	}
	got := map[string]string{}
	for _, a := range ed.Sections[0].Articles {
		got[a.Title] = plainBlocks(a)
	}
	for title, want := range map[string]string{"Draft": "A draft. Site motto", "Fr": "Français. Devise", "Own": "Own. Page motto", "None": "None. nothing"} {
		if got[title] != want {
			t.Errorf("%s: %q, want %q", title, got[title], want)
		}
	}
}

// plainBlocks is the text of an article's paragraphs.
func plainBlocks(a *model.Article) string {
	var parts []string
	for _, b := range a.Blocks {
		if p, ok := b.(*model.Paragraph); ok {
			parts = append(parts, model.PlainText(p.Inlines))
		}
	}
	return strings.Join(parts, " ")
}

// TestRefKey: the forms a {{< ref >}} target takes name the same page.
func TestRefKey(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"blog/post.md", "blog/post"},
		{"/blog/post.md", "blog/post"},
		{"blog/post/", "blog/post"},
		{"blog/Bundle/index.md", "blog/bundle"},
		{"blog/bundle/_index.md", "blog/bundle"},
		{"post.md#section", "post"},
		{"index.md", ""},
	} {
		if got := refKey(tc.in); got != tc.want {
			t.Errorf("refKey(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
