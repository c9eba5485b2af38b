package layout

import (
	"strconv"

	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/layout/linebreak"
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
func (c *wordCounter) upTo(items []linebreak.Item, data []boxData, start int) int {
	for ; c.k < start && c.k < len(items); c.k++ {
		switch items[c.k].Kind {
		case linebreak.GlueItem:
			c.in = false
		case linebreak.BoxItem:
			if d := &data[c.k]; (d.text != "" || d.ref != nil) && !d.st.added {
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

// PageStarts returns where each page of d but a cover begins in ed, the
// edition d was laid out from, in page order. A cover (a first page
// without folio or any article's text) has none; a front page that
// opens the lead article is page 1. A page's start is where the text
// flowing onto it continues: of the lines of articles on the page, the
// first in the edition's order (its element, then the words before it),
// whatever its place on the page, since a newspaper page runs one
// article on below another and sets floats at the head of columns.
// Figures, captions and tables that float are the start only of a page
// without text of the flow, and notes only of a page that holds nothing
// else. A page without any (a contents page, a blank page) has a
// PageStart with no Article.
func (d *Document) PageStarts(ed *model.Edition) []model.PageStart {
	owner := owners(ed)
	begun := map[*model.Article]bool{} // articles with lines on earlier pages
	var out []model.PageStart
	for i, p := range d.Pages {
		if i > 0 || p.Folio != "" || holdsArticle(p, owner) {
			label := p.Folio
			if label == "" {
				label = strconv.Itoa(i + 1)
			}
			ps := model.PageStart{Label: label}
			if c, ok := firstOnPage(p, owner, begun); ok {
				ps.Article, ps.At, ps.Word = owner.art[c.at], c.at, c.word
			}
			out = append(out, ps)
		}
		for _, l := range p.Lines {
			if a := owner.art[l.Node]; a != nil {
				begun[a] = true
			}
		}
	}
	return out
}

// holdsArticle reports whether any line on p sets an article's text.
func holdsArticle(p *Page, o owned) bool {
	for _, l := range p.Lines {
		if o.art[l.Node] != nil {
			return true
		}
	}
	return false
}

// owned maps the model's elements to their articles, and images to the
// figures that show them; order numbers the elements in the edition's
// reading order.
type owned struct {
	art    map[any]*model.Article
	order  map[any]int
	figure map[*model.Image]*model.Figure
}

func owners(ed *model.Edition) owned {
	o := owned{art: map[any]*model.Article{}, order: map[any]int{}, figure: map[*model.Image]*model.Figure{}}
	for _, s := range ed.Sections {
		for _, a := range s.Articles {
			o.own(a, a)
			o.blocks(a, a.Blocks)
			if !model.BibliographyPlaced(a) {
				o.bibliography(a)
			}
			for _, n := range a.Notes {
				o.own(n, a)
				o.blocks(a, n.Blocks)
			}
		}
	}
	return o
}

// own records that element x is a's, next in reading order.
func (o owned) own(x any, a *model.Article) {
	o.art[x] = a
	o.order[x] = len(o.order)
}

func (o owned) blocks(a *model.Article, bs []model.Block) {
	model.WalkBlocks(bs, func(b model.Block) {
		o.own(b, a)
		switch t := b.(type) {
		case *model.Figure:
			if t.Image != nil && o.figure[t.Image] == nil {
				o.figure[t.Image] = t
			}
		case *model.BibliographyHere:
			o.bibliography(a)
		case *model.Table:
			for i := range t.Header {
				o.own(&t.Header[i], a)
			}
			for _, r := range t.Rows {
				for i := range r {
					o.own(&r[i], a)
				}
			}
		}
	})
}

// bibliography owns a's bibliography and its entries, next in reading
// order.
func (o owned) bibliography(a *model.Article) {
	if b := a.Bibliography; b != nil {
		o.own(b, a)
		for _, e := range b.Entries {
			o.own(e, a)
		}
	}
}

// candidate is something a page may begin with.
type candidate struct {
	rank  int // 0 text of the flow, 1 a float, 2 a note: the lowest is taken
	order int // the element's place in the edition (owned.order)
	at    any
	word  int
}

// before reports whether c comes before d as a page's start.
func (c candidate) before(d candidate) bool {
	if c.rank != d.rank {
		return c.rank < d.rank
	}
	if c.order != d.order {
		return c.order < d.order
	}
	return c.word < d.word
}

// firstOnPage returns the element of an article that p begins with (see
// PageStarts). The head of an article begun on an earlier page is the
// headline repeated over its continuation ("Continued from page 1"), not
// where the page begins.
func firstOnPage(p *Page, o owned, begun map[*model.Article]bool) (candidate, bool) {
	var best candidate
	found := false
	take := func(c candidate) {
		if !found || c.before(best) {
			best, found = c, true
		}
	}
	for _, l := range p.Lines {
		if l.Node == nil || o.art[l.Node] == nil {
			continue
		}
		if a, ok := l.Node.(*model.Article); ok && begun[a] {
			continue
		}
		c := candidate{order: o.order[l.Node], at: l.Node, word: l.Word}
		switch l.Kind {
		case KindNote:
			c.rank = 2
		case KindCaption:
			c.rank = 1
		}
		take(c)
	}
	for _, im := range p.Images {
		if f := o.figure[im.Image]; f != nil {
			take(candidate{rank: 1, order: o.order[f], at: f})
		}
	}
	return best, found
}
