package layout

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/layout/text"
)

// Layout computes the pages of the print edition: a front page with the
// masthead, the lead article and an "In this issue" box, then the
// articles in order, run on in cfg.Columns columns or from a new column or
// page as their start says (see makeup), with floats at the head or foot
// of columns and footnotes at the foot of the column where they are
// referenced. warn receives problems that do not stop the layout, at the
// article's source and the line of the block (warn may be nil).
func Layout(ed *model.Edition, fs *fonts.Set, cfg Config, warn func(diag.Warning)) (*Document, error) {
	return layout(ed, fs, cfg, warn, nil, nil)
}

// StreamPage is a page of a streamed layout (see Stream).
type StreamPage struct {
	Page *Page
	// Draft tells that page numbers printed on the page (the contents,
	// a jump line) are not known yet: the page comes again, final, once
	// the last page is made, the same but for the text, position and width
	// of those numbers' runs (see fillRefs).
	Draft bool
	// Bookmarked tells that entries of the outline (Document.Outline,
	// known at the end) point to the page.
	Bookmarked bool
	// Settled is how many articles, in reading order, have every element
	// (text, floats, notes, bibliography) on this page or an earlier one:
	// no later page holds anything of them. It only grows from page to
	// page; a page given again at the end (see Draft) carries every
	// article.
	Settled int
	// Taken are the articles the layout had taken when it gave the page
	// (by index in reading order, in the order it took them: the lead,
	// then the others in reading order): no page holds text of an
	// article before it is taken, so a page map need not know the others
	// yet (PageMap.AddStreamed). The slice only grows from page to page
	// and is shared: read it, don't change it.
	Taken []int
}

// Stream lays out the edition as Layout does, but gives each page to sink
// as soon as no later page can change it, and keeps none: the document
// returned has the outline and the sizes but no Pages. Pages come in page
// order, each once, except those that print page numbers not yet known,
// which come first as drafts, in their place, and again, final, after
// the last page, in page order. An error from sink stops the pages
// (the layout finishes, giving no more) and is returned.
//
// With Stream, the memory of a layout is that of the pages being made
// and of the articles set ahead of them, not of the whole edition.
func Stream(ed *model.Edition, fs *fonts.Set, cfg Config, warn func(diag.Warning), sink func(StreamPage) error) (*Document, error) {
	if sink == nil {
		return nil, errors.New("layout: nil page sink")
	}
	return layout(ed, fs, cfg, warn, sink, nil)
}

// layout is Layout, or Stream when sink is not nil, reusing the articles
// r kept (see LayoutReusing) when r is not nil.
func layout(ed *model.Edition, fs *fonts.Set, cfg Config, warn func(diag.Warning), sink func(StreamPage) error, r *Reuse) (*Document, error) {
	if ed == nil {
		return nil, errors.New("layout: nil edition")
	}
	if fs == nil || fs.Text == nil || fs.Display == nil || fs.Mono == nil ||
		fs.Text.Regular == nil || fs.Text.Italic == nil || fs.Text.Bold == nil || fs.Text.BoldItalic == nil {
		return nil, errors.New("layout: incomplete font set")
	}
	cfg = cfg.withDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("layout: %w", err)
	}
	lt := &layouter{
		fs: fs, cfg: cfg,
		noteState: noteState{
			notesDone:  map[*model.Note]bool{},
			noteCache:  map[*model.Note][]*vitem{},
			articleArt: map[*model.Note]*model.Article{},
			isLinkNote: map[*model.Note]bool{},
		},
		ed: ed, warnFn: warn,
		warned:      map[string]bool{},
		pageOfArt:   map[*model.Article]int{},
		mk:          newMakeup(),
		sink:        sink,
		linkNotesOf: map[*model.Article][]*model.Note{},
	}
	lt.Setter = text.NewSetter(fs, cfg.settings(), lt)
	var arts []*model.Article
	for _, s := range ed.Sections {
		arts = append(arts, s.Articles...)
	}
	d := newDocument(cfg)
	lt.doc = d
	if len(arts) == 0 {
		lt.nextPage()
		lt.span(lt.masthead(), 0, 0)
		lt.emit(lt.mk.p, false)
		r.keepMakeup(lt, ed, nil, 0)
		return lt.done(d)
	}
	lead, li := leadOf(ed, arts)
	lt.lead = lead
	lt.arts = arts
	if r != nil && sink == nil {
		lt.record(len(arts))
	}
	sets := lt.setArticles(arts, li, cfg.workers(), r)
	defer sets.stop()
	lt.meetLast(r.last(), ed, arts, li)
	lt.paginate(arts, li, sets, sets.resume)
	lt.finish(d, lead)
	r.keepMakeup(lt, ed, arts, li)
	return lt.done(d)
}

// NewDocument is a document without pages, with the sizes and press
// settings a layout with cfg gives it: what a PDF writer of a streamed
// layout needs before the first page.
func NewDocument(cfg Config) (*Document, error) {
	cfg = cfg.withDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("layout: %w", err)
	}
	return newDocument(cfg), nil
}

func newDocument(cfg Config) *Document {
	return &Document{Width: cfg.TrimWidth, Height: cfg.TrimHeight, Bleed: cfg.Bleed, CropMarks: cfg.CropMarks,
		KeepImageResolution: cfg.KeepImageResolution, Press: cfg.Press}
}

// done returns the document, without its pages when they were streamed,
// or the sink's error.
func (lt *layouter) done(d *Document) (*Document, error) {
	if lt.sink == nil {
		return d, nil
	}
	d.Pages = nil
	if lt.sinkErr != nil {
		return nil, lt.sinkErr
	}
	return d, nil
}

// leadOf is the edition's lead article and its index in arts: the
// manifest's lead, else the first article.
func leadOf(ed *model.Edition, arts []*model.Article) (*model.Article, int) {
	for i, a := range arts {
		if a == ed.Lead {
			return a, i
		}
	}
	return arts[0], 0
}

// paginate puts the articles on pages: the front page with the lead (and
// the articles after it while there is room), then every article in
// order; or, with rs, the articles from where the last makeup is
// restarted (see restart.go).
func (lt *layouter) paginate(arts []*model.Article, li int, sets *artSets, rs *resume) {
	var front map[*model.Article]*frontPiece
	var more *stream
	first := true
	if rs == nil || rs.front {
		lead := arts[li]
		leadSet := sets.get(li)
		lt.take(li, leadSet)
		got := map[int]bool{li: true}
		k := 0
		next := func() (*model.Article, *artSet) {
			for ; k < len(arts); k++ {
				if !got[k] {
					got[k] = true
					set := sets.get(k)
					lt.take(k, set)
					return arts[k], set
				}
			}
			return nil, nil
		}
		front, more = lt.frontPage(lead, leadSet, next)
		if more != nil {
			lt.contentsMore(more)
		}
		lt.mainRun(more != nil, len(got))
		if rs != nil && !lt.sameFront(rs.last) {
			rs = nil // every page made up again
			sets.restartFailed()
		}
	}
	if rs != nil {
		lt.restore(rs, arts)
		first = false
	}
	idx := 0
	for _, s := range lt.ed.Sections {
		for ai, a := range s.Articles {
			i := idx
			idx++
			if rs != nil && i < rs.at {
				continue
			}
			lt.placing = i
			piece := front[a]
			if piece != nil && piece.rest != nil && piece.rest.done() {
				continue
			}
			start := startOf(s, a, ai == 0)
			candidate := !first && i > li && piece == nil
			if first {
				// the first article after the front page opens page 2,
				// or runs on below the contents continued there
				start = model.StartPage
				if more != nil {
					start = model.StartRunOn
				}
				first = false
			}
			switch {
			case piece != nil && piece.rest != nil:
				lt.continuation(a, piece.set, piece.rest, start)
			case piece != nil:
				lt.placeArticle(a, piece.set, start)
			default:
				set := sets.get(i)
				lt.beforeAdd(i, candidate)
				lt.take(i, set)
				lt.afterAdd()
				lt.placeArticle(a, set, start)
				if lt.ended() {
					return
				}
				lt.beforeAdd(-1, false) // no point before the next article until it is taken
			}
		}
	}
	lt.flushPending()
	for len(lt.mk.wide) > 0 {
		lt.nextPage() // the floats across the columns still waiting
	}
}

// finish pads the document, finishes its last pages, adds the outline
// and the page numbers printed before their pages were known; a
// streamed layout then gives the pages that waited for them.
func (lt *layouter) finish(d *Document, lead *model.Article) {
	// every article is placed: the pages given from now on settle them all
	lt.settles, lt.settled = nil, len(lt.arts)
	if !lt.ended() { // else the pages are made, the last layout's from where the makeup met it
		lt.nBody = len(d.Pages)
		if m := lt.cfg.PadToMultiple; m > 1 {
			for len(d.Pages)%m != 0 {
				lt.newPage()
			}
		}
		lt.leave(d.Pages[len(d.Pages)-1])
	}
	d.Outline = lt.outline(lead)
	lt.fillRefs()
	for _, p := range lt.held {
		lt.emit(p, false)
	}
	lt.held = nil
}

// leave finishes page p once the makeup has moved past it, as nothing
// but the page numbers of fillRefs changes it after that: its running
// head (on every page but the front page and the padding), the lines
// left alone at the head or foot of a column, the runs split for the
// fallback fonts. A streamed layout then gives it to the sink, as a
// draft while it holds a page number not yet known.
func (lt *layouter) leave(p *Page) {
	if p.Index > 0 && (lt.nBody == 0 || p.Index < lt.nBody) {
		title := lt.edWords().InThisIssue
		if a := lt.mk.heads[p.Index]; a != nil {
			title = a.Title
		}
		lt.runningHead(p, title)
	}
	markWidows(p)
	for _, ln := range p.Lines {
		ln.Runs = lt.SplitFallback(ln.Runs)
	}
	p.Marks = lt.SplitFallback(p.Marks)
	if lt.sink == nil {
		return
	}
	if lt.holdsRef(p) {
		lt.held = append(lt.held, p)
		lt.emit(p, true)
		return
	}
	lt.emit(p, false)
}

// holdsRef reports whether a page number of fillRefs is printed on p.
func (lt *layouter) holdsRef(p *Page) bool {
	if len(lt.mk.refs) == 0 {
		return false
	}
	on := make(map[*TextLine]bool, len(p.Lines))
	for _, l := range p.Lines {
		on[l] = true
	}
	for _, r := range lt.mk.refs {
		if r.sl.Placed && on[&r.sl.Info] {
			return true
		}
	}
	return false
}

// emit gives page p to the sink of a streamed layout and, once final,
// drops it.
func (lt *layouter) emit(p *Page, draft bool) {
	if lt.sink == nil {
		return
	}
	for len(lt.settles) > 0 && lt.settles[0].page <= p.Index {
		lt.forget(lt.settles[0].arts)
		lt.settles = lt.settles[1:]
	}
	if lt.sinkErr == nil {
		lt.sinkErr = lt.sink(StreamPage{Page: p, Draft: draft, Bookmarked: lt.bookmarked(p.Index), Settled: lt.settled, Taken: lt.taken})
	}
	if !draft {
		lt.doc.Pages[p.Index] = nil
	}
}

// bookmarked reports whether an entry of the outline points to page i:
// the lead on the front page and where it continues, every other
// article where its head is (and a section where its first article's
// is). It is known once the makeup has left the page.
func (lt *layouter) bookmarked(i int) bool {
	if lt.lead == nil {
		return false
	}
	if i == 0 {
		return true
	}
	if j, ok := lt.mk.jumped[lt.lead]; ok && j == i {
		return true
	}
	return lt.headsOn[i]
}

// outline is the PDF's bookmarks, in page order as package pdf wants them:
// the lead on the front page first, then the sections and their articles
// (the lead again where it continues).
func (lt *layouter) outline(lead *model.Article) []Bookmark {
	mk := lt.mk
	out := []Bookmark{{Title: lead.Title, Level: 0, Page: 0, Y: mk.artY[lead]}}
	for _, s := range lt.ed.Sections {
		lvl := 1
		if s.Title == "" {
			lvl = 0
		}
		var arts []Bookmark
		for _, a := range s.Articles {
			page, y := lt.pageOfArt[a], mk.artY[a]
			if a == lead {
				p, ok := mk.jumped[a]
				if !ok {
					continue
				}
				page, y = p, 0
			}
			arts = append(arts, Bookmark{Title: a.Title, Level: lvl, Page: page, Y: y})
		}
		if len(arts) > 0 && s.Title != "" {
			out = append(out, Bookmark{Title: s.Title, Level: 0, Page: arts[0].Page, Y: arts[0].Y})
		}
		out = append(out, arts...)
	}
	slices.SortStableFunc(out, func(a, b Bookmark) int { return a.Page - b.Page })
	return out
}

// artSets are the articles being set by forks of the layouter.
type artSets struct {
	arts  []*model.Article
	order []int // the articles in the order paginate takes them
	sets  []*artSet
	done  []chan struct{} // closed when sets[k] is ready; nil: set on demand
	next  atomic.Int64    // next position in order for a worker
	// ahead holds a token for each article the workers may set ahead of
	// paginate: the articles set and not yet paginated are what a layout
	// holds besides its pages.
	ahead chan struct{}
	quit  chan struct{}
	fork  *layouter // the fork that sets on demand
	wg    sync.WaitGroup
	kept  []*artSet // the articles Reuse kept, by index (nil: set them)
	r     *Reuse
	// resume is where the makeup restarts (nil: it makes up every page);
	// the articles before it, from, are neither set nor copied ahead
	resume *resume
	from   int
	lt     *layouter // sets an article not kept before from
}

// setAhead is how many articles each worker may set ahead of paginate.
const setAhead = 4

// setArticles starts workers goroutines that set the articles, each with
// its own fork of lt, in the order paginate takes them (the lead, li,
// then the others in order), a few ahead of it. With one worker the
// articles are set on demand, by get, on the caller's goroutine. Either
// way every article is set by a fork from the same state, so the result
// does not depend on workers.
func (lt *layouter) setArticles(arts []*model.Article, li, workers int, r *Reuse) *artSets {
	as := &artSets{arts: arts, sets: make([]*artSet, len(arts)), r: r, lt: lt}
	as.kept, as.resume = r.begin(lt, arts, li)
	if as.resume != nil {
		as.from = as.resume.at // after the lead
	}
	// the articles kept are copied in the same order, a few ahead of
	// paginate, as the others are set: a makeup that ends early (see
	// converge) copies no more than those
	todo := func(k int) bool { return k >= as.from }
	as.order = make([]int, 0, len(arts))
	if todo(li) {
		as.order = append(as.order, li)
	}
	for k := range arts {
		if k != li && todo(k) {
			as.order = append(as.order, k)
		}
	}
	workers = min(workers, len(as.order))
	if workers <= 1 {
		as.fork = lt.fork()
		return as
	}
	as.done = make([]chan struct{}, len(arts))
	for k := range as.done {
		as.done[k] = make(chan struct{})
	}
	as.quit = make(chan struct{})
	as.ahead = make(chan struct{}, setAhead*workers)
	for range cap(as.ahead) {
		as.ahead <- struct{}{}
	}
	for range workers {
		f := lt.fork()
		as.wg.Go(func() {
			for {
				select {
				case <-as.ahead:
				case <-as.quit:
					return
				}
				i := int(as.next.Add(1) - 1)
				if i >= len(as.order) {
					return
				}
				k := as.order[i]
				as.sets[k] = as.make(f, k)
				close(as.done[k])
			}
		})
	}
	return as
}

// restartFailed records that the makeup is not restarted after all: the
// articles before the restart are taken too (get copies them).
func (as *artSets) restartFailed() {
	as.r.mu.Lock()
	as.r.From = 0
	as.r.mu.Unlock()
}

// get returns article k set. paginate takes each article once, in the
// order of setArticles; a layout that restarts the makeup takes only
// those from the restart on, and the lead and front page's when it
// makes the front page again, which Reuse kept: get copies them.
func (as *artSets) get(k int) *artSet {
	if k < as.from {
		// kept, as every article of the last layout is (see restartAt);
		// else set here, as no worker sets it
		if set := as.r.copyOf(as.arts[k]); set != nil {
			return set
		}
		set := as.lt.fork().setArticle(as.arts[k])
		as.r.keep(as.arts[k], set)
		return set
	}
	if as.done == nil {
		return as.make(as.fork, k)
	}
	<-as.done[k]
	set := as.sets[k]
	as.sets[k] = nil
	as.ahead <- struct{}{}
	return set
}

// make returns article k set by fork f, or a copy of the set Reuse kept.
func (as *artSets) make(f *layouter, k int) *artSet {
	if as.kept != nil && as.kept[k] != nil {
		return as.kept[k].clone()
	}
	set := f.setArticle(as.arts[k])
	as.r.keep(as.arts[k], set)
	return set
}

// stop ends the workers, early when the layout fails, and waits for them.
func (as *artSets) stop() {
	if as.quit != nil {
		close(as.quit)
	}
	as.wg.Wait()
}

func (lt *layouter) newPage() *Page {
	if n := len(lt.doc.Pages); n > 0 {
		lt.leave(lt.doc.Pages[n-1])
	}
	p := &Page{Index: len(lt.doc.Pages)}
	lt.doc.Pages = append(lt.doc.Pages, p)
	return p
}

// runningHead adds the head line and folio: left-hand (even) pages carry
// the publication and issue, right-hand (odd) pages the article title; the
// folio sits at the outer edge.
func (lt *layouter) runningHead(p *Page, title string) {
	c := lt.cfg
	p.Folio = strconv.Itoa(p.Index + 1)
	size := max(c.BodySize*8/10, 6*Pt)
	y := c.MarginTop - size*3/2 // baseline
	left := c.textLeft(p.Index)
	w := c.textWidth()
	folio := text.Style{Face: Face{Kind: TextFace, Style: fonts.Bold}, Size: size}
	head := text.Style{Face: Face{Kind: TextFace, Style: fonts.Italic}, Size: size}
	fw := lt.Width(p.Folio, folio)
	var text string
	even := (p.Index+1)%2 == 0
	if even {
		text = lt.ed.Publication
		if il := model.IssueLabel(lt.ed); il != "" {
			text += " · " + il
		}
		if !lt.ed.Date.IsZero() {
			text += " · " + model.LongDate(lt.ed.Date, lt.edLang())
		}
	} else {
		text = title
	}
	text = lt.Clean(text, head.Face)
	text = lt.fit(text, head, w-fw-3*size)
	tw := lt.Width(text, head)
	ln := &TextLine{Kind: KindFurniture, Column: -1, X: left, Y: y, Width: w}
	if even {
		ln.Runs = []Run{
			{X: left, Y: y, Width: fw, Face: folio.Face, Size: size, Text: p.Folio},
			{X: left + fw + 2*size, Y: y, Width: tw, Face: head.Face, Size: size, Text: text},
		}
	} else {
		ln.Runs = []Run{
			{X: left + w - fw - 2*size - tw, Y: y, Width: tw, Face: head.Face, Size: size, Text: text},
			{X: left + w - fw, Y: y, Width: fw, Face: folio.Face, Size: size, Text: p.Folio},
		}
	}
	p.Lines = append(p.Lines, ln) // last, so text extraction reads the body first
	p.Rules = append(p.Rules, Rule{X: left, Y: y + size/2, W: w, H: Pt * 4 / 10})
}

// fit shortens s with an ellipsis until it fits w.
func (lt *layouter) fit(s string, st text.Style, w Length) string {
	if lt.Width(s, st) <= w {
		return s
	}
	rs := []rune(s)
	for len(rs) > 0 && lt.Width(string(rs)+"…", st) > w {
		rs = rs[:len(rs)-1]
	}
	return strings.TrimSpace(string(rs)) + "…"
}

// placeLine puts a set line on the page at the given top-left position.
// A line is placed once, so its TextLine and runs become the page's; a
// line placed again is copied.
func placeLine(p *Page, sl *text.Line, colX, top Length, col int) {
	x := colX + sl.DX
	base := top + sl.Base
	tl := &sl.Info
	runs := sl.Runs
	if sl.Placed {
		c := sl.Info
		tl = &c
		runs = make([]Run, len(sl.Runs))
		copy(runs, sl.Runs)
		for i := range runs {
			runs[i].X -= sl.PlacedX
			runs[i].Y -= sl.PlacedY
		}
	}
	sl.Placed, sl.PlacedX, sl.PlacedY = true, x, base
	tl.Column = col
	tl.X, tl.Y = x, base
	for i := range runs {
		runs[i].X += x
		runs[i].Y += base
	}
	tl.Runs = runs
	p.Lines = append(p.Lines, tl)
	for _, m := range sl.Marks {
		m.X += x
		m.Y += base
		p.Marks = append(p.Marks, m)
	}
	for _, l := range sl.Links {
		l.X += x
		l.Y += base
		p.Links = append(p.Links, l)
	}
	for _, a := range sl.Anchors {
		p.Anchor = append(p.Anchor, Anchor{Name: a, Y: top, X: x})
	}
}

func (lt *layouter) placeItem(p *Page, it *vitem, colX, top Length, col int) {
	placeItem(p, it, colX, top, col)
	for _, n := range it.notes {
		if k := lt.noteUsers[n]; k > 0 {
			if k == 1 {
				delete(lt.noteUsers, n)
				delete(lt.noteCache, n)
				continue
			}
			lt.noteUsers[n] = k - 1
		}
	}
}

func placeItem(p *Page, it *vitem, colX, top Length, col int) {
	for i, sl := range it.lines {
		placeLine(p, sl, colX, top+it.lineY[i], col)
	}
	for _, r := range it.rules {
		r.X += colX
		r.Y += top
		p.Rules = append(p.Rules, r)
	}
	for _, im := range it.images {
		im.X += colX
		im.Y += top
		p.Images = append(p.Images, im)
	}
	for _, l := range it.links {
		l.X += colX
		l.Y += top
		p.Links = append(p.Links, l)
	}
	for _, a := range it.anchors {
		a.Y += top
		a.X += colX
		p.Anchor = append(p.Anchor, a)
	}
}

// markWidows flags lines left alone at the top (widows) or bottom
// (orphans) of a column of page p, for the measurements.
func markWidows(p *Page) {
	byCol := map[int][]*TextLine{}
	for _, l := range p.Lines {
		if l.Column < 0 || l.Par == 0 || l.Kind == KindNote || l.Kind == KindTable || l.Kind == KindFurniture {
			continue
		}
		byCol[l.Column] = append(byCol[l.Column], l)
	}
	for _, ls := range byCol {
		first, last := ls[0], ls[len(ls)-1]
		if first.ParLen > 1 && first.ParLine == first.ParLen-1 {
			first.Widow = true
		}
		if last.ParLen > 1 && last.ParLine == 0 {
			last.Orphan = true
		}
	}
}
