package edition

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/bib"
	"github.com/redtide/edition/internal/biblio"
	"github.com/redtide/edition/internal/csl"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/model"
)

const citeBib = `@book{doe99, author = {Doe, Jane}, title = {A Book}, publisher = {Press}, year = {1999}}
@book{roe04, author = {Roe, Richard}, title = {Another Book}, publisher = {Press}, year = {2004}, url = {https://example.org/roe}}
@book{poe10, author = {Poe, Ann}, title = {Third}, publisher = {Press}, year = {2010}}
`

// citeSite writes a site with files (name → content) and builds an
// edition of post.md.
func citeSite(t *testing.T, files map[string]string) (*model.Article, []diag.Warning) {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ed, ws, err := buildOne(t, dir, "post.md")
	if err != nil {
		t.Fatal(err)
	}
	return ed.Sections[0].Articles[0], ws
}

func warned(ws []diag.Warning, substr string) bool {
	for _, w := range ws {
		if strings.Contains(w.String(), substr) {
			return true
		}
	}
	return false
}

func entryKeys(a *model.Article) string {
	if a.Bibliography == nil {
		return "none"
	}
	var keys []string
	for _, e := range a.Bibliography.Entries {
		keys = append(keys, e.Key)
	}
	return strings.Join(keys, " ")
}

// TestCitationOptions checks the front matter's citation keys, the
// places databases are found and what is warned about.
func TestCitationOptions(t *testing.T) {
	front := "---\ntitle: T\ndate: 2026-11-20\n"
	for _, tc := range []struct {
		name  string
		files map[string]string
		keys  string // the bibliography's entries, by key
		warn  string // a warning that must be given ("" for none about citations)
		check func(t *testing.T, a *model.Article)
	}{
		{name: "front matter bibliography, default style in notes",
			files: map[string]string{"refs.bib": citeBib, "post.md": front + "bibliography: refs.bib\n---\nText [@doe99, p. 3].\n"},
			keys:  "doe99",
			check: func(t *testing.T, a *model.Article) {
				if len(a.Notes) != 1 || a.Notes[0].Label != "cite" {
					t.Errorf("want one citation note, got %d", len(a.Notes))
				}
			}},
		{name: "nocite @* lists every work",
			files: map[string]string{"refs.bib": citeBib, "post.md": front + "bibliography: refs.bib\nnocite: '@*'\n---\nText [@doe99].\n"},
			keys:  "doe99 poe10 roe04"},
		{name: "nocite one key",
			files: map[string]string{"refs.bib": citeBib, "post.md": front + "bibliography: refs.bib\nnocite: |\n  @poe10\n---\nText [@doe99].\n"},
			keys:  "doe99 poe10"},
		{name: "suppress-bibliography",
			files: map[string]string{"refs.bib": citeBib, "post.md": front + "bibliography: refs.bib\nsuppress-bibliography: true\n---\nText [@doe99].\n"},
			keys:  "none"},
		{name: "reference-section-title",
			files: map[string]string{"refs.bib": citeBib, "post.md": front + "bibliography: refs.bib\nreference-section-title: Works Cited\n---\nText [@doe99].\n"},
			keys:  "doe99",
			check: func(t *testing.T, a *model.Article) {
				if a.Bibliography.Title != "Works Cited" {
					t.Errorf("title %q", a.Bibliography.Title)
				}
			}},
		{name: "link-citations",
			files: map[string]string{"refs.bib": citeBib, "post.md": front + "bibliography: refs.bib\nlink-citations: true\ncsl: chicago-author-date\n---\nText [@roe04].\n"},
			keys:  "roe04",
			check: func(t *testing.T, a *model.Article) {
				found := false
				model.WalkInlinesInBlocks(a.Blocks, func(in model.Inline) {
					if r, ok := in.(*model.CiteRef); ok && r.Entry == a.Bibliography.Entries[0] {
						found = true
					}
				})
				if !found {
					t.Error("no link to the entry")
				}
			}},
		{name: "references in front matter",
			files: map[string]string{"post.md": front + "references:\n- id: foo\n  type: book\n  author:\n  - family: Foo\n    given: Al\n  title: Foo's Book\n  issued:\n    date-parts: [[2001]]\n---\nText [@foo].\n"},
			keys:  "foo"},
		{name: "quarto project",
			files: map[string]string{"_quarto.yml": "bibliography: bib/refs.bib\ncsl: chicago-author-date\n", "bib/refs.bib": citeBib,
				"post.md": front + "---\nAs @doe99 [p. 4] says.\n"},
			keys: "doe99",
			check: func(t *testing.T, a *model.Article) {
				if len(a.Notes) != 0 {
					t.Errorf("author-date style: %d notes", len(a.Notes))
				}
				if txt := model.PlainText(a.Blocks[0].(*model.Paragraph).Inlines); !strings.Contains(txt, "Doe") || strings.Contains(txt, "@") {
					t.Errorf("text %q", txt)
				}
			}},
		{name: "jekyll-scholar defaults",
			files: map[string]string{"_config.yml": "title: S\nscholar:\n  style: chicago-author-date\n", "_bibliography/references.bib": citeBib,
				"post.md": front + "---\nText {% cite doe99 roe04 -l 5 %}.\n\n{% bibliography --cited %}\n"},
			keys: "doe99 roe04"},
		{name: "a site include wraps the bibliography tag",
			files: map[string]string{"_config.yml": "title: S\nscholar:\n  style: chicago-author-date\n", "_bibliography/references.bib": citeBib,
				"_includes/refs.html": "<h2>Sources</h2>\n{% bibliography --cited %}\n",
				"post.md":             front + "---\nText {% cite poe10 %}.\n\n{% include refs.html %}\n\nA last word.\n"},
			keys: "poe10",
			check: func(t *testing.T, a *model.Article) {
				if !model.BibliographyPlaced(a) {
					t.Error("the bibliography is not at the include")
				}
			}},
		{name: "unknown key",
			files: map[string]string{"refs.bib": citeBib, "post.md": front + "bibliography: refs.bib\n---\nText [@doe99; @nobody].\n"},
			keys:  "doe99", warn: `post.md:6:6: citation key "nobody" is in no bibliography database`},
		{name: "no database",
			files: map[string]string{"post.md": front + "---\nText {% cite doe99 %} and @handle.\n"},
			keys:  "none", warn: "1 citation by key but no bibliography database",
			check: func(t *testing.T, a *model.Article) {
				if txt := model.PlainText(a.Blocks[0].(*model.Paragraph).Inlines); txt != "Text doe99? and @handle." {
					t.Errorf("text %q", txt)
				}
			}},
		{name: "bibliography that is a URL",
			files: map[string]string{"post.md": front + "bibliography: https://example.org/refs.bib\n---\nText [@doe99].\n"},
			keys:  "none", warn: "bibliography https://example.org/refs.bib is a URL"},
		{name: "missing bibliography file",
			files: map[string]string{"post.md": front + "bibliography: gone.bib\n---\nText [@doe99].\n"},
			keys:  "none", warn: "bibliography gone.bib could not be read"},
		{name: "bad bib",
			files: map[string]string{"refs.bib": "@book{x, title = {unclosed\n", "post.md": front + "bibliography: refs.bib\n---\nText [@x].\n"},
			keys:  "none", warn: "refs.bib"},
		{name: "unreadable style",
			files: map[string]string{"refs.bib": citeBib, "post.md": front + "bibliography: refs.bib\ncsl: nowhere.csl\n---\nText [@doe99].\n"},
			keys:  "doe99", warn: "citation style nowhere.csl"},
		{name: "hand-written list and citations",
			files: map[string]string{"refs.bib": citeBib, "post.md": front + "bibliography: refs.bib\n---\nText [@doe99].\n\n## References\n\n- Smith, John. *Old Book*. London: Verso, 1987.\n- Jones, Ann. *New Book*. Oxford University Press, 2001.\n"},
			keys:  "doe99  ", warn: "has a reference list of its own"},
		{name: "cross-reference",
			files: map[string]string{"refs.bib": citeBib, "post.md": front + "bibliography: refs.bib\n---\nSee @fig-map and [@doe99].\n"},
			keys:  "doe99", warn: "cross-reference @fig-map"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, ws := citeSite(t, tc.files)
			if got := entryKeys(a); got != tc.keys {
				t.Errorf("entries %q, want %q", got, tc.keys)
			}
			if tc.warn != "" && !warned(ws, tc.warn) {
				t.Errorf("no warning %q in %v", tc.warn, ws)
			}
			if tc.warn == "" {
				for _, w := range ws {
					if strings.Contains(w.Msg, "citation") || strings.Contains(w.Msg, "bibliography") {
						t.Errorf("unexpected warning %s", w)
					}
				}
			}
			model.WalkArticle(a, func(in model.Inline) {
				if _, ok := in.(*model.Cite); ok {
					t.Error("a Cite left in the model")
				}
			})
			if tc.check != nil {
				tc.check(t, a)
			}
		})
	}
}

// BenchmarkResolve1000 measures resolving 1,000 citations against a
// database of 5,000 works in the default style.
func BenchmarkResolve1000(b *testing.B) {
	items := map[string]*bib.Item{}
	for i := range 5000 {
		id := fmt.Sprintf("w%d", i)
		items[id] = &bib.Item{ID: id, Type: "book", Vars: map[string]string{"title": "Title " + id, "publisher": "Press"},
			Names: map[string][]bib.Name{"author": {{Family: fmt.Sprintf("Author%d", i%700), Given: "A."}}},
			Dates: map[string]bib.Date{"issued": {Parts: [][]int{{1900 + i%120}}}}}
	}
	lookup := func(id string) *bib.Item { return items[id] }
	b.ResetTimer()
	for range b.N {
		a := &model.Article{}
		for i := range 1000 {
			c := &model.Cite{Items: []model.CiteItem{{Key: fmt.Sprintf("w%d", (i*37)%5000), Locator: "12"}}, Line: i + 1, Column: 1}
			a.Blocks = append(a.Blocks, &model.Paragraph{Inlines: []model.Inline{&model.Text{Text: "x "}, c}})
		}
		st := csl.DefaultStyle()
		cx := &citeContext{path: "p.md", log: &diag.Log{}, tag: "en", db: mapDB(lookup),
			proc: &cslProc{p: csl.NewProcessor(st, "en", lookup), style: st}}
		finishCited(a, biblio.Source{Path: "p.md"}, "en", cx.log, cx)
	}
}

type mapDB func(string) *bib.Item

func (m mapDB) Lookup(id string) *bib.Item { return m(id) }
