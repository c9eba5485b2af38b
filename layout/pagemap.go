package layout

import (
	"maps"
	"slices"
	"strconv"

	"github.com/redtide/edition/internal/model"
)

// Where each page begins in the document model (model.PageStart), so that
// the EPUB can mark the print edition's pages. Every line knows the model
// element it sets (TextLine.Node, from layouter.node) and how many words
// of that element's text come before it (TextLine.Word: text.WordCounter, in
// text.Setter.SetParagraph and code); a page begins at its first line in reading
// order. Nothing here depends on an article starting a page: articles
// that run on share pages, and a page starts wherever its first line is.

// PageStarts returns where each page of d but a cover begins in ed, the
// edition d was laid out from, in page order. A cover (a first page
// without folio or any article's text) has none; a front page that
// opens the lead article is page 1.
//
// The start of page N is the first word in reading order (the EPUB's:
// an article's title, its blocks, bibliography and notes, article after
// article) that is printed on page N or later; so every word before the
// marker of page N is printed before page N, and the markers stand in
// reading order, as the page list must (epubcheck NAV-011). The first
// word of page N itself is not always that word: a newspaper page runs
// one article on below another, sets floats at the head of columns and
// notes at their foot, so text read before a page's first line may be
// printed on a later page (a figure floated past its page, a note
// carried over), and then it is where the page begins. A page whose
// text all comes later in reading order than the next page's shares its
// start with that page. A page without any text of an article (a
// contents page, a blank page) before the first article's text has a
// PageStart with no Article; one after the last, too.
func (d *Document) PageStarts(ed *model.Edition) []model.PageStart {
	pm := NewPageMap(ed)
	for _, p := range d.Pages {
		pm.Add(p)
	}
	return pm.Starts()
}

// PageMap gathers the page starts of a document page by page, for a
// streamed layout (Stream) whose pages are not kept: add each page in
// page order (a draft will do: page numbers do not matter) with
// AddStreamed, then Starts gives what Document.PageStarts would. It
// learns the elements of an article only once the layout has taken it
// (StreamPage.Taken), so that an article's text need not be read before
// the layout comes to it.
type PageMap struct {
	owner  owned
	taken  int                     // how many of the articles taken the map owns
	begun  map[*model.Article]bool // articles with lines on earlier pages
	firsts []candidate
	has    []bool
	own    []bool   // the page holds an article's text
	labels []string // printed page numbers
	// passed is how many articles Settled has given.
	passed  int
	scratch []candidate // Settled's, reused
	// firstOn is the first page with text of each article (by index in
	// owner.arts), -1 before; firstOwn the first page holding any
	// article's text, -1 before.
	firstOn  []int
	firstOwn int
}

// NewPageMap starts the page map of a layout of ed. It owns no
// article's elements yet: Add and AddStreamed take them.
func NewPageMap(ed *model.Edition) *PageMap {
	pm := &PageMap{owner: owners(ed), begun: map[*model.Article]bool{}, firstOwn: -1}
	pm.firstOn = make([]int, len(pm.owner.arts))
	for i := range pm.firstOn {
		pm.firstOn[i] = -1
	}
	return pm
}

// Add takes the next page of a whole layout (Layout), every article
// taken.
func (pm *PageMap) Add(p *Page) {
	if pm.taken < len(pm.owner.arts) {
		for k := range pm.owner.arts {
			pm.owner.take(k)
		}
		pm.taken = len(pm.owner.arts)
	}
	pm.add(p)
}

// AddStreamed takes the next page of a streamed layout, owning the
// articles the layout has taken since the last.
func (pm *PageMap) AddStreamed(sp StreamPage) {
	for _, k := range sp.Taken[min(pm.taken, len(sp.Taken)):] {
		pm.owner.take(k)
	}
	pm.taken = max(pm.taken, len(sp.Taken))
	pm.add(sp.Page)
}

// add takes the next page, its articles owned.
func (pm *PageMap) add(p *Page) {
	first, has := firstOnPage(p, pm.owner, pm.begun)
	i := len(pm.firsts)
	pm.firsts = append(pm.firsts, first)
	pm.has = append(pm.has, has)
	pm.labels = append(pm.labels, p.Folio)
	on := func(w order) {
		if k := w.art(); pm.firstOn[k] < 0 {
			pm.firstOn[k] = i
		}
	}
	// the articles with text on the page: begun from now on, and whether
	// there is any (own)
	own := false
	for _, l := range p.Lines {
		if w, ok := pm.owner.of[l.Node]; ok {
			pm.begun[pm.owner.arts[w.art()]] = true
			own = true
			on(w)
		}
	}
	pm.own = append(pm.own, own)
	if pm.firstOwn < 0 && own {
		pm.firstOwn = i
	}
	for _, im := range p.Images {
		if f := pm.owner.figure[im.Image]; f != nil {
			on(pm.owner.of[f])
		}
	}
}

// Settled returns the articles settled since it was last called, in
// reading order, with their page starts: the first n articles of the
// edition are settled once a page that says so is added (StreamPage's
// Settled), as no later page holds anything of them. Their page starts
// are then final, those Starts will give: the start of a page is the
// first word printed on it or later, and every word printed later comes
// after them in reading order. The EPUB makes their documents then.
func (pm *PageMap) Settled(n int) ([]*model.Article, []model.PageStart) {
	n = min(n, len(pm.owner.arts))
	if n <= pm.passed {
		return nil, nil
	}
	arts := pm.owner.arts[pm.passed:n]
	// The pages from the first with an element of arts on it (none
	// before it can start in arts, but one whose own first element comes
	// after arts in reading order, or that has none, may share a later
	// page's start: back over those) give every start in arts.
	from := len(pm.firsts)
	for k := pm.passed; k < n; k++ {
		if f := pm.firstOn[k]; f >= 0 {
			from = min(from, f)
		}
	}
	first := orderOf(pm.passed, 0) // an article comes before its elements
	for from > 0 && (!pm.has[from-1] || pm.firsts[from-1].order >= first) {
		from--
	}
	passed := pm.passed
	pm.passed = n
	defer func() {
		for k := passed; k < n; k++ {
			pm.owner.forget(k)
		}
	}()
	var starts []model.PageStart
	pm.scratch = pm.each(pm.scratch, from, func(ps model.PageStart) {
		if ps.Article != nil && slices.Contains(arts, ps.Article) {
			starts = append(starts, ps)
		}
	})
	return arts, starts
}

// Starts returns where each page added but a cover begins (see
// Document.PageStarts).
func (pm *PageMap) Starts() []model.PageStart {
	var out []model.PageStart
	pm.each(nil, 0, func(ps model.PageStart) { out = append(out, ps) })
	return out
}

// each calls f with where each page added from page from on but a cover
// begins, in page order, working in scratch, which it returns to be used
// again.
func (pm *PageMap) each(scratch []candidate, from int, f func(model.PageStart)) []candidate {
	n := len(pm.firsts)
	// the first word printed on each page or later: a minimum over the
	// pages from the last (firsts[i-from] for page i)
	firsts := append(scratch[:0], pm.firsts[from:]...)
	found := -1 // the page with the least word so far, going back
	for i := n - 1; i >= from; i-- {
		switch j := i - from; {
		case pm.has[i] && (found < 0 || firsts[j].before(firsts[found])):
			found = j
		case found >= 0:
			firsts[j] = firsts[found]
		}
	}
	// an earlier page holds an article's text
	text := pm.firstOwn >= 0 && pm.firstOwn < from
	last := -1 // the last page with a word of its own or later
	for i := n - 1; i >= 0 && last < 0; i-- {
		if pm.has[i] {
			last = i
		}
	}
	for i := from; i < n; i++ {
		own := pm.own[i]
		if i > 0 || pm.labels[i] != "" || own {
			label := pm.labels[i]
			if label == "" {
				label = strconv.Itoa(i + 1)
			}
			ps := model.PageStart{Label: label}
			if c := firsts[i-from]; i <= last && (text || own) {
				ps.Article, ps.At, ps.Word = pm.owner.arts[c.order.art()], c.at, c.word
			}
			f(ps)
		}
		text = text || own
	}
	return firsts
}

// owned maps the elements of the articles taken to their places in
// reading order, and images to the first figures that show them. One
// map holds both, as it holds an entry for every element of the
// articles being laid out.
type owned struct {
	of     map[any]order
	arts   []*model.Article // in reading order
	owns   []bool           // by index in arts: taken, its elements put in of
	figure map[*model.Image]*model.Figure
	peak   int // the most entries `of` has held
}

// order is an element's place in reading order: its article's index in
// owned.arts, then its own in the article's elements. Numbering within
// an article lets an article be owned without counting the elements of
// those before it, and in whatever order the layout takes them.
type order int64

// orderOf is the order of element i of article art.
func orderOf(art, i int) order { return order(art)<<32 | order(i) }

// art is the index of the element's article.
func (o order) art() int { return int(o >> 32) }

// owners starts the map of ed's articles, owning none.
func owners(ed *model.Edition) owned {
	o := owned{of: map[any]order{}, figure: map[*model.Image]*model.Figure{}}
	for _, s := range ed.Sections {
		o.arts = append(o.arts, s.Articles...)
	}
	o.owns = make([]bool, len(o.arts))
	return o
}

// take records the elements of article k; the figure of an image is the
// first to show it in reading order of the articles taken (the lead is
// taken before the articles it follows).
func (o *owned) take(k int) {
	if o.owns[k] {
		return
	}
	o.owns[k] = true
	i := 0
	elements(o.arts[k], func(x any) {
		w := orderOf(k, i)
		i++
		o.of[x] = w
		if f, ok := x.(*model.Figure); ok && f.Image != nil {
			if g := o.figure[f.Image]; g == nil || w < o.of[g] {
				o.figure[f.Image] = f
			}
		}
	})
	o.peak = max(o.peak, len(o.of))
}

// forget drops the elements of article k, which no page to come holds,
// keeping the figures of images (a later article may show an image
// again); the map is made again once most of its entries are dropped, as
// a map does not shrink.
func (o *owned) forget(k int) {
	if !o.owns[k] {
		return
	}
	elements(o.arts[k], func(x any) {
		if f, ok := x.(*model.Figure); !ok || f.Image == nil || o.figure[f.Image] != f {
			delete(o.of, x)
		}
	})
	if len(o.of) < o.peak/4 {
		o.of = maps.Clone(o.of)
		o.peak = len(o.of)
	}
}

// elements calls f with each element of a a page may begin with, in
// reading order: the article (its head), its blocks (a table's cells
// after the table), its bibliography where it is placed, its notes and
// their blocks.
func elements(a *model.Article, f func(x any)) {
	f(a)
	blocks := func(bs []model.Block) {
		model.WalkBlocks(bs, func(b model.Block) {
			f(b)
			switch t := b.(type) {
			case *model.BibliographyHere:
				bibliography(a, f)
			case *model.Table:
				for i := range t.Header {
					f(&t.Header[i])
				}
				for _, r := range t.Rows {
					for i := range r {
						f(&r[i])
					}
				}
			}
		})
	}
	blocks(a.Blocks)
	if !model.BibliographyPlaced(a) {
		bibliography(a, f)
	}
	for _, n := range a.Notes {
		f(n)
		blocks(n.Blocks)
	}
}

// bibliography calls f with a's bibliography and its entries.
func bibliography(a *model.Article, f func(x any)) {
	if b := a.Bibliography; b != nil {
		f(b)
		for _, e := range b.Entries {
			f(e)
		}
	}
}

// candidate is something a page may begin with.
type candidate struct {
	order order // the element's place in reading order
	at    any
	word  int
}

// before reports whether c comes before d in reading order.
func (c candidate) before(d candidate) bool {
	if c.order != d.order {
		return c.order < d.order
	}
	return c.word < d.word
}

// firstOnPage returns the first element of an article, in reading
// order, printed on p (see PageStarts). The head of an article begun on an earlier page is the
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
		w, ok := o.of[l.Node]
		if l.Node == nil || !ok {
			continue
		}
		if a, ok := l.Node.(*model.Article); ok && begun[a] {
			continue
		}
		take(candidate{order: w, at: l.Node, word: l.Word})
	}
	for _, im := range p.Images {
		if f := o.figure[im.Image]; f != nil {
			take(candidate{order: o.of[f], at: f})
		}
	}
	return best, found
}
