package layout

import (
	"sort"
	"strconv"

	"github.com/redtide/edition/internal/model"
)

// Where each page begins in the document model (model.PageStart), so that
// the EPUB can mark the print edition's pages. Every line knows the model
// element it sets (TextLine.Node, from layouter.node) and how many words
// of that element's text come before it (TextLine.Word: wordCounter, in
// setParagraph and code); a page begins at its first line in reading
// order. Nothing here depends on an article starting a page: articles
// that run on share pages, and a page starts wherever its first line is.

// wordCounter counts the words of an element's text up to a line, as
// model.PageStart counts them: a word begins at a letter that follows
// white space, a glue item, or nothing.
type wordCounter struct {
	k  int  // items counted (upTo)
	n  int  // words begun
	in bool // inside a word
}

// upTo counts the words that begin in items[:start] (the paragraph's
// items, counted from where the last call stopped) and returns the words
// begun before start: the number of the first word that begins at or
// after it. A box continuing a word broken at the end of the previous
// line (a hyphenation, a URL break) begins no word.
func (c *wordCounter) upTo(items []Item, data []boxData, start int) int {
	for ; c.k < start && c.k < len(items); c.k++ {
		switch items[c.k].Kind {
		case GlueItem:
			c.in = false
		case BoxItem:
			if d := &data[c.k]; d.text != "" || d.ref != nil {
				if !c.in {
					c.n++
				}
				c.in = true
			}
		}
	}
	return c.n
}

// text counts the words that begin in s (a code line).
func (c *wordCounter) text(s string) {
	for _, r := range s {
		switch {
		case model.IsWordSpace(r):
			c.in = false
		case !c.in:
			c.n++
			c.in = true
		}
	}
}

// gap ends a word: a line break of code, spaces dropped at a wrap.
func (c *wordCounter) gap() { c.in = false }

// PageStarts returns where each page of d after the cover begins in ed,
// the edition d was laid out from, in page order. The cover (the first
// page, when it has no folio) has none. A page's start is the first
// element of an article in reading order: spanning lines (titles) and
// the columns between them, top to bottom, each column before the next;
// an image counts as its figure. Notes are the start only of a page that
// holds nothing else. A page without any (a contents page, a blank page)
// has a PageStart with no Article.
func (d *Document) PageStarts(ed *model.Edition) []model.PageStart {
	owner := owners(ed)
	var out []model.PageStart
	for i, p := range d.Pages {
		if i == 0 && p.Folio == "" {
			continue
		}
		label := p.Folio
		if label == "" {
			label = strconv.Itoa(i + 1)
		}
		ps := model.PageStart{Label: label}
		if c, ok := firstOnPage(p, owner); ok {
			ps.Article, ps.At, ps.Word = owner.art[c.at], c.at, c.word
		}
		out = append(out, ps)
	}
	return out
}

// owned maps the model's elements to their articles, and images to the
// figures that show them.
type owned struct {
	art    map[any]*model.Article
	figure map[*model.Image]*model.Figure
}

func owners(ed *model.Edition) owned {
	o := owned{art: map[any]*model.Article{}, figure: map[*model.Image]*model.Figure{}}
	for _, s := range ed.Sections {
		for _, a := range s.Articles {
			o.art[a] = a
			o.blocks(a, a.Blocks)
			if b := a.Bibliography; b != nil {
				o.art[b] = a
				for _, e := range b.Entries {
					o.art[e] = a
				}
			}
			for _, n := range a.Notes {
				o.art[n] = a
				o.blocks(a, n.Blocks)
			}
		}
	}
	return o
}

func (o owned) blocks(a *model.Article, bs []model.Block) {
	model.WalkBlocks(bs, func(b model.Block) {
		o.art[b] = a
		switch t := b.(type) {
		case *model.Figure:
			if t.Image != nil && o.figure[t.Image] == nil {
				o.figure[t.Image] = t
			}
		case *model.Table:
			for i := range t.Header {
				o.art[&t.Header[i]] = a
			}
			for _, r := range t.Rows {
				for i := range r {
					o.art[&r[i]] = a
				}
			}
		}
	})
}

// candidate is something a page may begin with.
type candidate struct {
	band Length // top of the band of the page it is in (see firstOnPage)
	col  int    // -1 for a line across the columns
	y, x Length
	at   any
	word int
	note bool
}

// firstOnPage returns the first element of an article on p in reading
// order. The page is cut into bands by the lines that span the columns
// (article titles); a band's columns are read one after the other.
func firstOnPage(p *Page, o owned) (candidate, bool) {
	var spans []Length
	colX := map[int]Length{}
	for _, l := range p.Lines {
		if l.Node == nil || o.art[l.Node] == nil {
			continue
		}
		if l.Column < 0 {
			spans = append(spans, l.Y)
		} else if x, ok := colX[l.Column]; !ok || l.X < x {
			colX[l.Column] = l.X
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i] < spans[j] })
	band := func(y Length) Length {
		b := Length(-1 << 40)
		for _, s := range spans {
			if s < y {
				b = s
			}
		}
		return b
	}
	var cs []candidate
	for _, l := range p.Lines {
		if l.Node == nil || o.art[l.Node] == nil {
			continue
		}
		c := candidate{col: l.Column, y: l.Y, x: l.X, at: l.Node, word: l.Word, note: l.Kind == KindNote}
		if c.col < 0 {
			c.band = l.Y
		} else {
			c.band = band(l.Y)
		}
		cs = append(cs, c)
	}
	for _, im := range p.Images {
		f := o.figure[im.Image]
		if f == nil {
			continue
		}
		c := candidate{col: imageColumn(im.X, colX), y: im.Y, x: im.X, at: f}
		c.band = band(im.Y)
		cs = append(cs, c)
	}
	if len(cs) == 0 {
		return candidate{}, false
	}
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if a.note != b.note {
			return !a.note
		}
		if a.band != b.band {
			return a.band < b.band
		}
		if a.col != b.col {
			return a.col < b.col
		}
		if a.y != b.y {
			return a.y < b.y
		}
		return a.x < b.x
	})
	return cs[0], true
}

// imageColumn is the column an image at x stands in: the rightmost
// whose lines start at or left of it.
func imageColumn(x Length, colX map[int]Length) int {
	col := 0
	for c, cx := range colX {
		if cx <= x+Pt && c > col {
			col = c
		}
	}
	return col
}
