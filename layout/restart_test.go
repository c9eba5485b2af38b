package layout_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/pipeline/pipelinetest"
	"github.com/redtide/edition/layout"
	"github.com/redtide/edition/layout/layouttest"
)

// TestRestartMakeup edits editions one article at a time, as an editor
// saves, each edit on top of the last, and lays them out with one
// Reuse: each document is deeply equal to a fresh layout's (every page,
// line, run, link and anchor, the outline) with the same warnings, and
// an edit to the body of an article after the front page restarts the
// makeup before that article, where an edit to the lead makes up every
// page.
func TestRestartMakeup(t *testing.T) {
	other := layout.DefaultConfig()
	other.Columns, other.PadToMultiple, other.BaselineGrid, other.Links = 1, 4, true, layout.LinkInline
	eds := []pipelinetest.Edition{
		{Name: "big", Ed: layouttest.Big(20000, 5), Cfg: layout.DefaultConfig()},
		{Name: "big in one column", Ed: layouttest.Big(20000, 7), Cfg: other},
	}
	if !testing.Short() {
		eds = append(eds, pipelinetest.Load(t)...)
		eds = append(eds, pipelinetest.Lessons(t)...)
	}
	fs := fonts.Default()
	for _, e := range eds {
		t.Run(e.Name, func(t *testing.T) {
			arts := articles(e.Ed)
			if len(arts) < 6 {
				t.Skipf("%d articles", len(arts))
			}
			var r layout.Reuse
			ed := e.Ed
			lead := 0
			for i, a := range arts {
				if a == ed.Lead {
					lead = i
				}
			}
			last, mid := len(arts)-1, len(arts)/2
			restarted, met := map[string]bool{}, map[string]bool{}
			step := func(name string, at int, f func(*model.Article)) {
				t.Helper()
				if at >= 0 {
					ed = replaced(ed, at, f)
				}
				got, gotWarns := layWith(t, fs, ed, e.Cfg, &r)
				want, wantWarns := layWith(t, fs, ed, e.Cfg, nil)
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s: the document differs from a fresh layout's: %s", name, firstDiff(want.Dump(), got.Dump()))
				}
				if gotWarns != wantWarns {
					t.Errorf("%s: warnings\n%s\nwant\n%s", name, gotWarns, wantWarns)
				}
				if at >= 0 && r.From > at {
					t.Errorf("%s: the makeup restarted at article %d, after the edit to article %d", name, r.From, at)
				}
				if at == lead && r.From != 0 {
					t.Errorf("%s: the makeup restarted at article %d after an edit to the lead", name, r.From)
				}
				restarted[name] = r.From > 0
				met[name] = r.Until > 0
				if r.Until > 0 && (r.Until < r.From || at >= 0 && r.Until <= at) {
					t.Errorf("%s: the makeup met the last one again at article %d, restarting at %d after an edit to article %d", name, r.Until, r.From, at)
				}
				t.Logf("%s: %d pages, made up again from article %d until %d", name, len(got.Pages), r.From, r.Until)
			}
			grow := func(a *model.Article) { a.Blocks = append(append([]model.Block(nil), a.Blocks...), a.Blocks...) }
			shrink := func(a *model.Article) { a.Blocks = a.Blocks[:(len(a.Blocks)+1)/2] }
			step("first", -1, nil)
			step("again", -1, nil)
			step("the middle article saved unchanged", mid, func(*model.Article) {})
			step("a word in the middle article", mid, reword)
			step("the last article grown", last, grow)
			step("the middle article grown", mid, grow)
			step("the middle article shrunk", mid, shrink)
			step("an article before the middle retitled", mid-1, func(a *model.Article) { a.Title += " again" })
			step("the last article given another author", last, func(a *model.Article) { a.Authors = append(a.Authors, "A. N. Other") })
			step("the lead edited", lead, grow)
			step("the article after the lead edited", lead+1, shrink)
			step("the last article shrunk", last, shrink)
			for _, name := range []string{"again", "the middle article saved unchanged", "a word in the middle article"} {
				if !met[name] {
					t.Errorf("%s: the makeup did not meet the last one again", name)
				}
			}
			for _, name := range []string{"again", "the last article grown", "the middle article grown", "the middle article shrunk", "the last article shrunk"} {
				if !restarted[name] {
					t.Errorf("%s: every page made up again", name)
				}
			}
		})
	}
}

// articles lists the articles of ed in order.
func articles(ed *model.Edition) []*model.Article {
	var out []*model.Article
	for _, s := range ed.Sections {
		out = append(out, s.Articles...)
	}
	return out
}

// replaced is ed with article i copied and changed by f, as package
// edition gives a post that changed: a new article.
func replaced(ed *model.Edition, i int, f func(*model.Article)) *model.Edition {
	c := *ed
	c.Sections = nil
	k := 0
	for _, s := range ed.Sections {
		sc := *s
		sc.Articles = nil
		for _, a := range s.Articles {
			if k == i {
				n := *a
				f(&n)
				if ed.Lead == a {
					c.Lead = &n
				}
				a = &n
			}
			k++
			sc.Articles = append(sc.Articles, a)
		}
		c.Sections = append(c.Sections, &sc)
	}
	return &c
}

func layWith(t *testing.T, fs *fonts.Set, ed *model.Edition, cfg layout.Config, r *layout.Reuse) (*layout.Document, string) {
	t.Helper()
	var warns strings.Builder
	d, err := layout.LayoutReusing(ed, fs, cfg, func(w diag.Warning) { fmt.Fprintln(&warns, w) }, r)
	if err != nil {
		t.Fatal(err)
	}
	return d, warns.String()
}

// reword changes a word of the first paragraph of a that has one, in
// copies of the paragraph and its text: "the" becomes "thy".
func reword(a *model.Article) {
	a.Blocks = append([]model.Block(nil), a.Blocks...)
	for i, b := range a.Blocks {
		p, ok := b.(*model.Paragraph)
		if !ok {
			continue
		}
		for j, in := range p.Inlines {
			if tx, ok := in.(*model.Text); ok && strings.Contains(tx.Text, " the ") {
				np := *p
				np.Inlines = append([]model.Inline(nil), p.Inlines...)
				np.Inlines[j] = &model.Text{Text: strings.Replace(tx.Text, " the ", " thy ", 1)}
				a.Blocks[i] = &np
				return
			}
		}
	}
}
