package layout_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/pipeline/pipelinetest"
	"github.com/redtide/edition/layout"
)

// nodeText is the text of a page-map element as model.PageStart counts
// its words: a note reference is its number.
func nodeText(at any) string {
	var b strings.Builder
	ins := func(ins []model.Inline) {
		model.WalkInlines(ins, func(in model.Inline) {
			switch t := in.(type) {
			case *model.Text:
				b.WriteString(t.Text)
			case *model.Code:
				b.WriteString(t.Text)
			case *model.Math:
				b.WriteString(t.TeX)
			case *model.LineBreak:
				b.WriteString(" ")
			case *model.NoteRef:
				b.WriteString(strconv.Itoa(t.Note.Number))
			}
		})
	}
	switch t := at.(type) {
	case *model.Paragraph:
		ins(t.Inlines)
	case *model.Heading:
		ins(t.Inlines)
	case *model.CodeBlock:
		b.WriteString(t.Text)
	case *model.MathBlock:
		b.WriteString(t.TeX)
	case *model.Figure:
		ins(t.Caption)
	case *model.Table:
		ins(t.Caption)
	case *model.Cell:
		ins(t.Inlines)
	case *model.BibEntry:
		ins(t.Inlines)
	case *model.Bibliography:
		b.WriteString(t.Title)
	case *model.Article:
		b.WriteString(t.Title)
	}
	return b.String()
}

func words(s string) []string { return strings.FieldsFunc(s, model.IsWordSpace) }

// letters keeps the letters and digits of s: what survives hyphenation,
// glyph substitution and the joining of runs.
func letters(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

// TestLineWords checks, on every line of whole editions, that the word
// TextLine.Word numbers in its element's text begins on the line: the
// layout and the model count words alike.
func TestLineWords(t *testing.T) {
	for _, e := range pipelinetest.Load(t) {
		d, err := layout.Layout(e.Ed, fonts.Default(), e.Cfg, nil)
		if err != nil {
			t.Fatal(err)
		}
		bad := 0
		// a line after which the next line of its element starts at the same
		// word begins none (it holds the tail of a word, or a link's address
		// the layout prints)
		var prev *layout.TextLine
		begins := map[*layout.TextLine]bool{}
		for _, p := range d.Pages {
			for _, l := range p.Lines {
				if l.Node == nil {
					continue
				}
				if prev != nil && prev.Node == l.Node && prev.Word == l.Word {
					begins[prev] = false
				} else if prev != nil {
					begins[prev] = true
				}
				prev = l
			}
		}
		for pi, p := range d.Pages {
			for _, l := range p.Lines {
				if l.Node == nil || len(l.Runs) == 0 || !begins[l] && l != prev {
					continue
				}
				if _, ok := l.Node.(*model.Article); ok {
					continue // title, subtitle and byline: the article's start
				}
				ws := words(nodeText(l.Node))
				if l.Word >= len(ws) {
					continue // the tail of the last word, or a label alone
				}
				var text strings.Builder
				for _, r := range l.Runs {
					text.WriteString(r.Text)
				}
				if letters(text.String()) == "" {
					continue // blank code lines
				}
				w := []rune(letters(ws[l.Word]))
				if len(w) > 2 {
					w = w[:2]
				}
				if !strings.Contains(letters(text.String()), string(w)) {
					bad++
					if bad <= 5 {
						t.Errorf("%s: page %d: line %q (%T): word %d is %q", e.Name, pi+1, text.String(), l.Node, l.Word, ws[l.Word])
					}
				}
			}
		}
		if bad > 5 {
			t.Errorf("%s: %d lines in all", e.Name, bad)
		}
	}
}

// TestPageStarts checks the page map of whole editions: one start per
// page after the cover, each in an article of the edition unless the page
// holds none of their text, in the order of the text.
func TestPageStarts(t *testing.T) {
	for _, e := range pipelinetest.Load(t) {
		d, err := layout.Layout(e.Ed, fonts.Default(), e.Cfg, nil)
		if err != nil {
			t.Fatal(err)
		}
		starts := d.PageStarts(e.Ed)
		first := 1 // the first page marked: 2 after a cover, 1 after a front page
		for _, l := range d.Pages[0].Lines {
			if l.Node != nil {
				first = 0
			}
		}
		if len(starts) != len(d.Pages)-first {
			t.Errorf("%s: %d starts for %d pages", e.Name, len(starts), len(d.Pages))
		}
		order := map[*model.Article]int{}
		for _, s := range e.Ed.Sections {
			for _, a := range s.Articles {
				order[a] = len(order)
			}
		}
		headed := map[*model.Article]int{} // the first page holding an article's head
		for pi := len(d.Pages) - 1; pi >= 0; pi-- {
			for _, l := range d.Pages[pi].Lines {
				if a, ok := l.Node.(*model.Article); ok {
					headed[a] = pi
				}
			}
		}
		prev := -1
		for i, s := range starts {
			if s.Label != strconv.Itoa(i+first+1) {
				t.Errorf("%s: start %d labelled %q", e.Name, i, s.Label)
			}
			if s.Article == nil {
				continue
			}
			if order[s.Article] < prev {
				t.Errorf("%s: page %s starts in article %s, before the previous page's", e.Name, s.Label, s.Article.ID)
			}
			prev = order[s.Article]
			// a headline repeated over a continuation is not the start
			if a, ok := s.At.(*model.Article); ok && headed[a] < i+first {
				t.Errorf("%s: page %s starts at the head of %s, whose head is on page %d", e.Name, s.Label, a.ID, headed[a]+1)
			}
		}
	}
}

// TestSettled checks what a streamed layout says of the articles it has
// settled, page by page, and what the page map then gives: the count
// never falls and ends with every article; no later page holds a line
// of an article settled; the map gives each settled article once, in
// reading order, with its final page starts (those of the whole
// layout); and it logs how many articles were settled before the end
// (the EPUB makes their documents then).
func TestSettled(t *testing.T) {
	for _, e := range pipelinetest.Load(t) {
		d, err := layout.Layout(e.Ed, fonts.Default(), e.Cfg, nil)
		if err != nil {
			t.Fatal(err)
		}
		final := d.PageStarts(e.Ed)
		var arts []*model.Article
		index := map[any]int{} // the elements of each article, by its index
		for _, s := range e.Ed.Sections {
			for _, a := range s.Articles {
				k := len(arts)
				arts = append(arts, a)
				index[a] = k
				mark := func(b model.Block) { index[b] = k }
				model.WalkBlocks(a.Blocks, mark)
				for _, n := range a.Notes {
					index[n] = k
					model.WalkBlocks(n.Blocks, mark)
				}
			}
		}
		of := func(ps []model.PageStart, a *model.Article) []model.PageStart {
			var out []model.PageStart
			for _, p := range ps {
				if p.Article == a {
					out = append(out, p)
				}
			}
			return out
		}
		pm := layout.NewPageMap(e.Ed)
		var settledOn []int // by page
		var pages []*layout.Page
		next, early := 0, 0
		_, err = layout.Stream(e.Ed, fonts.Default(), e.Cfg, nil, func(sp layout.StreamPage) error {
			if sp.Page.Index < len(pages) {
				return nil // a draft given again
			}
			pages = append(pages, sp.Page)
			if n := len(settledOn); n > 0 && sp.Settled < settledOn[n-1] {
				t.Errorf("%s: page %d settles %d articles, page %d had %d", e.Name, n+1, sp.Settled, n, settledOn[n-1])
			}
			settledOn = append(settledOn, sp.Settled)
			pm.Add(sp.Page)
			settled, starts := pm.Settled(sp.Settled)
			for _, a := range settled {
				if next >= len(arts) || a != arts[next] {
					t.Fatalf("%s: page %d settles %s out of reading order", e.Name, len(pages), a.ID)
				}
				next++
				if got, want := of(starts, a), of(final, a); !slices.Equal(got, want) {
					t.Errorf("%s: page %d settles %s with starts %v, the whole layout gives %v", e.Name, len(pages), a.ID, got, want)
				}
			}
			if sp.Settled < len(arts) {
				early = next
			}
			for _, ps := range starts {
				if !slices.Contains(settled, ps.Article) {
					t.Errorf("%s: page %d gives the start of page %s, not in an article settled", e.Name, len(pages), ps.Label)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if next != len(arts) {
			t.Errorf("%s: %d of %d articles settled", e.Name, next, len(arts))
		}
		for i, p := range pages {
			for _, l := range p.Lines {
				if k, ok := index[l.Node]; ok && l.Node != nil {
					for j := range i {
						if k < settledOn[j] {
							t.Errorf("%s: page %d holds a line of %s, settled on page %d", e.Name, i+1, arts[k].ID, j+1)
							break
						}
					}
				}
			}
		}
		t.Logf("%s: %d of %d articles settled before the last page", e.Name, early, len(arts))
	}
}

// sharedLead is the default edition with its last article as the lead,
// opening with a figure of the first image an earlier article shows: the
// layout takes the lead first, before the article whose figure of that
// image comes first in reading order. It returns that figure, the index
// of its article and the lead's.
func sharedLead(t *testing.T) (pipelinetest.Edition, *model.Figure, int, *model.Figure) {
	e := pipelinetest.Load(t)[0]
	var arts []*model.Article
	for _, s := range e.Ed.Sections {
		arts = append(arts, s.Articles...)
	}
	var fig *model.Figure
	j := -1
	for k, a := range arts {
		model.WalkBlocks(a.Blocks, func(b model.Block) {
			if f, ok := b.(*model.Figure); ok && fig == nil && f.Image != nil {
				fig, j = f, k
			}
		})
	}
	lead := arts[len(arts)-1]
	if fig == nil || j >= len(arts)-1 {
		t.Fatalf("the default edition has no figure before its last article")
	}
	shown := *fig
	lead.Blocks = append([]model.Block{&shown}, lead.Blocks...)
	e.Ed.Lead = lead
	e.Name = "shared-lead"
	return e, fig, j, &shown
}

// TestPageMapTaken checks that a streamed page map holds the elements of
// no article before the layout has taken it (StreamPage.Taken: the lead
// first, then the others in reading order, a list that only grows), and
// that it gives the page starts of the whole layout, also when the lead
// is taken before an earlier article showing the same image.
func TestPageMapTaken(t *testing.T) {
	shared, fig, j, shown := sharedLead(t)
	eds := append(pipelinetest.Load(t), shared)
	for _, e := range eds {
		d, err := layout.Layout(e.Ed, fonts.Default(), e.Cfg, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := d.PageStarts(e.Ed)
		var arts []*model.Article
		for _, s := range e.Ed.Sections {
			arts = append(arts, s.Articles...)
		}
		lead := slices.Index(arts, e.Ed.Lead)
		if lead < 0 {
			lead = 0
		}
		if e.Name == "shared-lead" {
			if len(d.Pages[0].Images) == 0 {
				t.Errorf("%s: the lead's figure is not on the front page", e.Name)
			}
		}
		pm := layout.NewPageMap(e.Ed)
		if got := pm.OwnedArticles(); len(got) > 0 {
			t.Errorf("%s: a new page map owns articles %v", e.Name, got)
		}
		var taken []int
		lazy := false // a page was added before every article was taken
		pages := 0
		_, err = layout.Stream(e.Ed, fonts.Default(), e.Cfg, nil, func(sp layout.StreamPage) error {
			if sp.Page.Index < pages {
				return nil
			}
			pages++
			if len(sp.Taken) < len(taken) || !slices.Equal(sp.Taken[:len(taken)], taken) {
				t.Errorf("%s: page %d: taken %v, then %v", e.Name, pages, taken, sp.Taken)
			}
			taken = slices.Clone(sp.Taken)
			if len(taken) == 0 || taken[0] != lead {
				t.Fatalf("%s: page %d: taken %v, the lead is %d", e.Name, pages, taken, lead)
			}
			for i, k := range taken[1:] {
				if i > 0 && k <= taken[i] || k == lead {
					t.Errorf("%s: page %d: taken %v, not the lead then the others in reading order", e.Name, pages, taken)
					break
				}
			}
			lazy = lazy || len(taken) < len(arts)
			pm.AddStreamed(sp)
			// the figure of an image is the first in reading order of the
			// articles taken
			if e.Name == shared.Name {
				f := shown
				if slices.Contains(taken, j) {
					f = fig
				}
				if got := pm.FigureOf(fig.Image); got != f {
					t.Errorf("%s: page %d: taken %v, the image's figure is %p, want %p (the lead's %p)", e.Name, pages, taken, got, f, shown)
				}
			}
			for _, k := range pm.OwnedArticles() {
				if !slices.Contains(taken, k) {
					t.Errorf("%s: page %d: the page map owns article %d, not taken (%v)", e.Name, pages, k, taken)
				}
			}
			pm.Settled(sp.Settled)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(taken) != len(arts) {
			t.Errorf("%s: %d of %d articles taken", e.Name, len(taken), len(arts))
		}
		if !lazy && len(arts) > 2 {
			t.Errorf("%s: every article taken before the first page", e.Name)
		}
		if got := pm.Starts(); !slices.Equal(got, want) {
			t.Errorf("%s: streamed page starts\n%v\nwant\n%v", e.Name, got, want)
		}
	}
}
