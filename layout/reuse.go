package layout

import (
	"reflect"
	"slices"
	"sync"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/layout/text"
)

// Reuse keeps the articles one layout set into lines (the line breaking,
// hyphenation and setting of their heads, notes and figures: most of the
// work of a layout) for the next layout, for `edition serve`. An article
// is set again unless it is the same article (the same pointer: package
// edition's Reuse keeps an unchanged post's article) laid out with the
// same fonts, configuration and edition language. The page makeup is
// kept too: the pages are made up again from the last article before
// the first that changed where the makeup stood clean, the pages before
// it taken as they are (see restart.go), so the document is the one
// Layout makes. The zero value is ready to use; it is not safe for
// concurrent layouts.
type Reuse struct {
	mu   sync.Mutex
	fs   *fonts.Set
	cfg  Config
	lang string
	sets map[*model.Article]*artSet // as set, before pagination touches them
	// makeup is what the last layout's page makeup left for this one to
	// restart from (see restart.go); nil after a streamed layout, a
	// failed one, or a change of fonts, configuration or language.
	makeup *lastMakeup
	// Set counts the articles the last layout set (the others were
	// reused).
	Set int
	// From is the index, in edition order, of the article from which the
	// last layout made up the pages again, taking those before it as the
	// layout before left them (see restart.go); 0 when it made up every
	// page.
	From int
	// Until is the index of the article at which the last layout's
	// makeup came back to where the layout before's stood, taking the
	// pages after as that one left them (see converge); 0 when it made
	// up the pages to the end.
	Until int
}

// LayoutReusing is Layout, reusing the articles and pages r kept from
// the last layout and keeping this one's for the next. A nil r reuses
// nothing. The document's pages may be those of the last document, and
// those of the next: they must not be changed, and the page numbers
// printed on the first pages (the contents) are those of the last
// layout's document once the next is made.
func LayoutReusing(ed *model.Edition, fs *fonts.Set, cfg Config, warn func(diag.Warning), r *Reuse) (*Document, error) {
	return layout(ed, fs, cfg, warn, nil, r)
}

// begin forgets what the last layout set and made up when the fonts,
// configuration or language changed, and the articles no longer in
// arts. It returns where this layout may restart the last makeup (nil:
// nowhere; see restartAt) and the kept articles' sets by index, as set
// (nil where none is kept, and before the restart, whose articles are
// not placed again): the layout takes copies (artSets.make).
func (r *Reuse) begin(lt *layouter, arts []*model.Article, li int) ([]*artSet, *resume) {
	if r == nil {
		return nil, nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.Set, r.From, r.Until = 0, 0, 0
	lang := lt.edLang()
	if r.sets == nil || r.fs != lt.fs || r.lang != lang || !reflect.DeepEqual(r.cfg, lt.cfg) {
		r.sets = map[*model.Article]*artSet{}
		r.makeup = nil
	}
	r.fs, r.cfg, r.lang = lt.fs, lt.cfg, lang
	var rs *resume
	if lt.sink == nil {
		rs = r.restartAt(lt.ed, arts, li)
	}
	from := 0
	if rs != nil {
		from = rs.at
	}
	r.From = from
	out := make([]*artSet, len(arts))
	kept := make(map[*model.Article]*artSet, len(arts))
	for k, a := range arts {
		if s := r.sets[a]; s != nil {
			kept[a] = s
			if k >= from {
				out[k] = s
			}
		}
	}
	r.sets = kept
	return out, rs
}

// copyOf returns a copy of the set of article a kept, nil if none is.
func (r *Reuse) copyOf(a *model.Article) *artSet {
	r.mu.Lock()
	s := r.sets[a]
	r.mu.Unlock()
	if s == nil {
		return nil
	}
	return s.clone()
}

// keep records an article just set, before pagination modifies it.
func (r *Reuse) keep(a *model.Article, set *artSet) {
	if r == nil {
		return
	}
	c := set.clone()
	r.mu.Lock()
	r.sets[a] = c
	r.Set++
	r.mu.Unlock()
}

// clone copies a set deeply enough that paginating the copy leaves the
// original as it was: its items and lines, and every slice pagination
// writes into or appends to. Items and lines shared inside the set stay
// shared in the copy. Items, lines and runs are cut from slabs sized for
// the set.
func (s *artSet) clone() *artSet {
	nItems := len(s.head) + len(s.headCol) + len(s.title) + len(s.body)
	for _, items := range s.notes {
		nItems += len(items)
	}
	nRuns := 0
	for _, l := range s.lines {
		nRuns += len(l.Runs) + len(l.Info.Runs)
	}
	c := &cloner{
		items:    make(map[*vitem]*vitem, nItems),
		lines:    make(map[*text.Line]*text.Line, len(s.lines)),
		itemSlab: make([]vitem, 0, nItems),
		lineSlab: make([]text.Line, 0, len(s.lines)),
		runSlab:  make([]text.Run, 0, nRuns),
	}
	out := &artSet{
		head:      c.itemList(s.head),
		headCol:   c.itemList(s.headCol),
		title:     c.itemList(s.title),
		body:      c.itemList(s.body),
		notes:     make(map[*model.Note][]*vitem, len(s.notes)),
		pars:      s.pars,
		warns:     s.warns,
		height:    s.height,
		linkNotes: s.linkNotes,
		art:       s.art,
	}
	for n, items := range s.notes {
		out.notes[n] = c.itemList(items)
	}
	out.lines = make([]*text.Line, len(s.lines))
	for i, l := range s.lines {
		out.lines[i] = c.line(l)
	}
	return out
}

type cloner struct {
	items    map[*vitem]*vitem
	lines    map[*text.Line]*text.Line
	itemSlab []vitem
	lineSlab []text.Line
	runSlab  []text.Run
}

func (c *cloner) itemList(items []*vitem) []*vitem {
	if items == nil {
		return nil
	}
	out := make([]*vitem, len(items))
	for i, it := range items {
		out[i] = c.item(it)
	}
	return out
}

func (c *cloner) item(it *vitem) *vitem {
	if it == nil {
		return nil
	}
	if n, ok := c.items[it]; ok {
		return n
	}
	if len(c.itemSlab) == cap(c.itemSlab) {
		c.itemSlab = make([]vitem, 0, 64)
	}
	c.itemSlab = append(c.itemSlab, *it)
	n := &c.itemSlab[len(c.itemSlab)-1]
	c.items[it] = n
	if len(it.lines) == 1 && &it.lines[0] == &it.one[0] {
		n.one[0] = c.line(it.one[0])
		n.lines = n.one[:]
	} else if it.lines != nil {
		n.lines = make([]*text.Line, len(it.lines))
		for i, l := range it.lines {
			n.lines[i] = c.line(l)
		}
	}
	if len(it.lineY) == 1 && &it.lineY[0] == &it.oneY[0] {
		n.lineY = n.oneY[:]
	} else {
		n.lineY = slices.Clone(it.lineY)
	}
	n.rules = slices.Clone(it.rules)
	n.images = slices.Clone(it.images)
	n.links = slices.Clone(it.links)
	n.anchors = slices.Clone(it.anchors)
	n.notes = slices.Clone(it.notes)
	n.wide = c.itemList(it.wide)
	return n
}

func (c *cloner) line(l *text.Line) *text.Line {
	if l == nil {
		return nil
	}
	if n, ok := c.lines[l]; ok {
		return n
	}
	if len(c.lineSlab) == cap(c.lineSlab) {
		c.lineSlab = make([]text.Line, 0, 64)
	}
	c.lineSlab = append(c.lineSlab, *l)
	n := &c.lineSlab[len(c.lineSlab)-1]
	c.lines[l] = n
	n.Runs = c.runs(l.Runs)
	n.Marks = slices.Clone(l.Marks)
	n.Links = slices.Clone(l.Links)
	n.Anchors = slices.Clone(l.Anchors)
	n.Notes = slices.Clone(l.Notes)
	n.Info.Runs = c.runs(l.Info.Runs)
	return n
}

// runs copies rs into the slab, capped so that an append to the copy
// cannot write over the next line's runs.
func (c *cloner) runs(rs []text.Run) []text.Run {
	if rs == nil {
		return nil
	}
	if len(rs) > cap(c.runSlab)-len(c.runSlab) {
		c.runSlab = make([]text.Run, 0, max(len(rs), 256))
	}
	i := len(c.runSlab)
	c.runSlab = append(c.runSlab, rs...)
	return c.runSlab[i:len(c.runSlab):len(c.runSlab)]
}
