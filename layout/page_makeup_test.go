package layout_test

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/layout"
	"github.com/redtide/edition/layout/layouttest"
)

// article is an article of words words in paragraphs of about 60.
func article(r *rand.Rand, id string, words int) *model.Article {
	a := &model.Article{ID: id, Source: id + ".md", Title: "Article " + id, Authors: []string{"Writer " + id}}
	for words > 0 {
		a.Blocks = append(a.Blocks, layouttest.Paragraph(r, min(words, 60)))
		words -= 60
	}
	return a
}

// artAt is where the head of article id is: its page and its anchor.
func artAt(t *testing.T, d *layout.Document, id string) (int, layout.Anchor) {
	t.Helper()
	for _, p := range d.Pages {
		for _, a := range p.Anchor {
			if a.Name == "art:"+id {
				return p.Index, a
			}
		}
	}
	t.Fatalf("article %s not placed", id)
	return 0, layout.Anchor{}
}

// pageText is the text of the lines of page p.
func pageText(p *layout.Page) string {
	var b strings.Builder
	for _, l := range p.Lines {
		b.WriteString(text(l))
		b.WriteByte('\n')
	}
	return b.String()
}

func edition(secs ...*model.Section) *model.Edition {
	return &model.Edition{Publication: "Makeup", Volume: 1, Number: 2, Language: "en",
		Date: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), Sections: secs}
}

// TestStarts: articles run on below the one before, or start a column or
// a page as their section or their own print_start says.
func TestStarts(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	lead, long, short := article(r, "lead", 2500), article(r, "long", 1500), article(r, "short", 150)
	col := article(r, "col", 300)
	col.PrintStart = model.StartColumn
	page := article(r, "page", 300)
	runon := article(r, "runon", 300)
	ed := edition(&model.Section{Title: "One", Articles: []*model.Article{lead, long, short, col}},
		&model.Section{Title: "Two", Articles: []*model.Article{page}},
		&model.Section{Title: "Three", Start: model.StartRunOn, Articles: []*model.Article{runon}})
	for name, cfg := range map[string]layout.Config{"tabloid-2col": layout.DefaultConfig(), "a5-1col": a5()} {
		d, _ := layoutOf(t, ed, cfg)
		measure(t, name, d, cfg)
		if p, _ := artAt(t, d, "lead"); p != 0 {
			t.Errorf("%s: the lead starts on page %d", name, p+1)
		}
		lp, la := artAt(t, d, "long")
		sp, sa := artAt(t, d, "short")
		if sp < lp || (sp == lp && sa.Y <= la.Y && sa.X <= la.X) {
			t.Errorf("%s: the short piece (page %d) does not follow the long one (page %d)", name, sp+1, lp+1)
		}
		pp, pa := artAt(t, d, "page")
		if pa.Y > cfg.MarginTop+cfg.BodyLeading {
			t.Errorf("%s: the section starting a page has its head at %v on page %d", name, pa.Y, pp+1)
		}
		rp, ra := artAt(t, d, "runon")
		endPage, endY := lastLine(d, "page.md")
		bottom := cfg.TrimHeight - cfg.MarginBottom
		if endY < bottom-8*cfg.BodyLeading && (rp != endPage || ra.Y < endY) {
			t.Errorf("%s: the run-on section is on page %d at %v, the article before it ends on page %d at %v", name, rp+1, ra.Y, endPage+1, endY)
		}
		cp, ca := artAt(t, d, "col")
		for _, l := range d.Pages[cp].Lines {
			if l.Column >= 0 && l.X <= ca.X && l.X+l.Width > ca.X && l.Y < ca.Y && l.Y > ca.Y-20*cfg.BodyLeading && l.Kind == layout.KindBody {
				t.Errorf("%s: the article starting a column has text above it: %q", name, text(l))
				break
			}
		}
	}
}

// TestJumpLines: the lead and the articles begun on the front page jump
// inside: "Continued on page N" at the break, "Continued from page 1" and
// the headline where they continue, on page N; the contents give the
// pages of the heads.
func TestJumpLines(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	ed := edition(&model.Section{Title: "News", Articles: []*model.Article{article(r, "a", 3000), article(r, "b", 2000), article(r, "c", 2000)}})
	onPage := regexp.MustCompile(`Continued on page (\d+)`)
	for name, cfg := range map[string]layout.Config{"tabloid-2col": layout.DefaultConfig(), "a5-1col": a5()} {
		d, _ := layoutOf(t, ed, cfg)
		measure(t, name, d, cfg)
		jumps := onPage.FindAllStringSubmatch(pageText(d.Pages[0]), -1)
		if len(jumps) == 0 {
			t.Fatalf("%s: no jump line on the front page:\n%s", name, pageText(d.Pages[0]))
		}
		for _, j := range jumps {
			var n int
			fmt.Sscan(j[1], &n)
			if n < 2 || n > len(d.Pages) || !strings.Contains(pageText(d.Pages[n-1]), "Continued from page 1") {
				t.Errorf("%s: %q, but page %d does not say where it continues from", name, j[0], n)
			}
		}
		front := pageText(d.Pages[0])
		for _, id := range []string{"a", "b", "c"} {
			p, _ := artAt(t, d, id)
			if !regexp.MustCompile(`Article ` + id + ` .*\b` + fmt.Sprint(p+1) + ` \n`).MatchString(front) {
				t.Errorf("%s: the contents do not give page %d for article %s:\n%s", name, p+1, id, front)
			}
		}
	}
}

// lastLine is the page and baseline of the last line set from source.
func lastLine(d *layout.Document, source string) (int, layout.Length) {
	page, y := -1, layout.Length(0)
	for _, p := range d.Pages {
		for _, l := range p.Lines {
			if l.Source == source && l.Kind != layout.KindNote && (p.Index > page || l.Y > y) {
				page, y = p.Index, l.Y
			}
		}
	}
	return page, y
}

// TestLinks: the target of an external link is printed as the manifest
// says: in a lettered note in the column (once a page for a URL linked
// twice), in parentheses, or not at all; a link whose text is its URL is
// left alone; every link stays clickable.
func TestLinks(t *testing.T) {
	T, P := layouttest.T, layouttest.P
	link := func(url, text string) model.Inline {
		return &model.Link{URL: url, Inlines: []model.Inline{T(text)}}
	}
	a := &model.Article{ID: "l", Source: "l.md", Title: "Links", Blocks: []model.Block{
		P(T("The "), link("https://example.org/strike", "strike committee"), T(" met; see the "),
			link("https://example.org/minutes?day=3", "minutes"), T(" and "), link("https://example.org/strike", "again"), T(".")),
		P(T("An autolink "), link("https://example.org/self", "https://example.org/self"), T(" and "), link("mailto:desk@example.org", "the desk"), T(".")),
	}}
	ed := edition(&model.Section{Articles: []*model.Article{a}})
	for _, tc := range []struct {
		mode        layout.LinkMode
		want, not   []string
		notes       int
		superLetter bool
	}{
		{layout.LinkNotes, []string{"a.", "https://example.org/strike", "b.", "https://example.org/minutes?day=3", "c.", "desk@example.org"}, []string{"(https://example.org/self)", "d."}, 3, true},
		{layout.LinkInline, []string{"(https://example.org/strike)", "(https://example.org/minutes?day=3)", "(desk@example.org)"}, []string{"a.", "(https://example.org/self)"}, 0, false},
		{layout.LinkOff, nil, []string{"https://example.org/strike", "a.", "(desk"}, 0, false},
	} {
		cfg := layout.DefaultConfig()
		cfg.Links = tc.mode
		d, _ := layoutOf(t, ed, cfg)
		measure(t, tc.mode.String(), d, cfg)
		var all strings.Builder
		notes, urls := 0, map[string]bool{}
		for _, p := range d.Pages {
			for _, l := range p.Lines {
				all.WriteString(text(l))
				if l.Kind == layout.KindNote {
					notes++
				}
			}
			for _, l := range p.Links {
				urls[l.URL] = true
			}
		}
		squeezed := strings.ReplaceAll(all.String(), " ", "") // lines and runs joined
		for _, w := range tc.want {
			if !strings.Contains(squeezed, w) {
				t.Errorf("%s: %q not printed in %q", tc.mode, w, all.String())
			}
		}
		for _, w := range tc.not {
			if strings.Contains(squeezed, w) {
				t.Errorf("%s: %q printed", tc.mode, w)
			}
		}
		if notes != tc.notes {
			t.Errorf("%s: %d note lines, want %d", tc.mode, notes, tc.notes)
		}
		for _, u := range []string{"https://example.org/strike", "https://example.org/minutes?day=3", "https://example.org/self", "mailto:desk@example.org"} {
			if !urls[u] {
				t.Errorf("%s: no clickable link to %s", tc.mode, u)
			}
		}
		if got := strings.Contains(all.String(), "\u2005a"); got != tc.superLetter {
			t.Errorf("%s: letter a after the link's text: %v", tc.mode, got)
		}
	}
}

// TestLinkNoteEachPage: a URL linked on several pages has its note on
// each of them, once a page, in the article's run and in a later
// article's.
func TestLinkNoteEachPage(t *testing.T) {
	T, P := layouttest.T, layouttest.P
	const url = "https://example.org/strike"
	link := &model.Link{URL: url, Inlines: []model.Inline{T("the strike")}}
	filler := func(n int) []model.Block {
		var out []model.Block
		for range n {
			out = append(out, P(T(strings.Repeat("Words fill the columns of the page. ", 20))))
		}
		return out
	}
	cite := P(T("On "), link, T(" and "), link, T(" again."))
	var blocks []model.Block
	for range 3 {
		blocks = append(append(blocks, cite), filler(30)...)
	}
	a := &model.Article{ID: "a", Source: "a.md", Title: "Long", Blocks: blocks}
	b := &model.Article{ID: "b", Source: "b.md", Title: "Short", Blocks: append([]model.Block{cite}, filler(2)...)}
	cfg := layout.DefaultConfig()
	cfg.Links = layout.LinkNotes
	d, _ := layoutOf(t, edition(&model.Section{Articles: []*model.Article{a, b}}), cfg)
	cited := 0
	for _, p := range d.Pages {
		linked := false
		for _, l := range p.Links {
			linked = linked || l.URL == url
		}
		notes := 0
		for _, l := range p.Lines {
			if l.Kind == layout.KindNote && strings.Contains(strings.ReplaceAll(text(l), " ", ""), url) {
				notes++
			}
		}
		if linked {
			cited++
		}
		if want := map[bool]int{true: 1, false: 0}[linked]; notes != want {
			t.Errorf("page %d: %d notes for %s, want %d", p.Index+1, notes, url, want)
		}
	}
	if cited < 3 {
		t.Errorf("%s linked on %d pages, want 3 or more: the test proves little", url, cited)
	}
}

// TestFloats: figures float to the head or foot of columns in the order
// of the text, never over a line, and the columns before the last page
// stay full.
func TestFloats(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	a := &model.Article{ID: "f", Source: "f.md", Title: "Pictures"}
	for i := range 12 {
		a.Blocks = append(a.Blocks, layouttest.Paragraph(r, 90+r.IntN(200)))
		img := layouttest.PNG(40+i*7, 30+(i%4)*25)
		img.Name = fmt.Sprintf("img-%02d.png", i)
		a.Blocks = append(a.Blocks, &model.Figure{Image: img, Caption: []model.Inline{layouttest.T(fmt.Sprintf("Figure %d.", i))}})
	}
	a.Blocks = append(a.Blocks, layouttest.Paragraph(r, 300))
	ed := edition(&model.Section{Articles: []*model.Article{article(r, "lead", 400), a}})
	for name, cfg := range map[string]layout.Config{"tabloid-2col": layout.DefaultConfig(), "a5-1col": a5()} {
		d, _ := layoutOf(t, ed, cfg)
		measure(t, name, d, cfg)
		var order []string
		prev := place{page: -1}
		for _, p := range d.Pages {
			for _, im := range p.Images {
				order = append(order, im.Image.Name)
				at := place{p.Index, colOf(cfg, p, im.X), im.Y}
				if at.before(prev) {
					t.Errorf("%s: %s on page %d before the figure that comes first", name, im.Image.Name, p.Index+1)
				}
				prev = at
				for _, l := range p.Lines {
					if l.X < im.X+im.W && l.X+l.Width > im.X && l.Y > im.Y && l.Y-cfg.BodySize < im.Y+im.H {
						t.Errorf("%s: page %d: line %q over %s", name, p.Index+1, text(l), im.Image.Name)
					}
				}
			}
		}
		if len(order) != 12 {
			t.Errorf("%s: %d figures placed, want 12: %v", name, len(order), order)
		}
		if s := pageFill(d, cfg); s.mean < 0.9 {
			t.Errorf("%s: pages before the last filled %.0f%% on average", name, 100*s.mean)
		}
	}
}

// TestBaselineGrid: with the grid on, the lines of body text of every
// column of a page sit on one grid of the leading.
func TestBaselineGrid(t *testing.T) {
	ed := layouttest.Big(8000, 4)
	for name, cfg := range map[string]layout.Config{"tabloid-2col": layout.DefaultConfig(), "a5-1col": a5()} {
		cfg.BaselineGrid = true
		d, _ := layoutOf(t, ed, cfg)
		measure(t, name, d, cfg)
		off := 0
		for _, p := range d.Pages {
			phase := map[layout.Length]int{}
			for _, l := range p.Lines {
				if l.Kind == layout.KindBody && l.Column >= 0 {
					phase[(l.Y-cfg.MarginTop)%cfg.BodyLeading]++
				}
			}
			if len(phase) > 1 {
				off++
				t.Errorf("%s: page %d: body lines on %d grids %v", name, p.Index+1, len(phase), phase)
			}
		}
		if off > 0 {
			t.Errorf("%s: %d pages off the grid", name, off)
		}
	}
}
