package layout

import (
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/redtide/edition/internal/model"
)

// Restarting the page makeup. A layout with a Reuse records where the
// makeup stood clean before an article: everything before it placed
// (nothing pending in the columns, no float waiting, no note
// continued), on a page that prints no page number filled in late (the
// contents, jump lines). The next layout of the same edition with the
// articles before such a point unchanged (the same pointers, see Reuse)
// takes the pages before it as they are, rebuilds the page it stood on
// as far as it was filled, restores the makeup's state and makes up the
// pages from that article on; its pages are those of a full makeup.
//
// The pages before a point depend only on what came before it, with
// three exceptions: the front page's masthead (the edition's fields,
// which must be the same), its contents box (every article's title and
// authors, every section's title and start) and the page numbers
// printed there and in jump lines, which fillRefs prints again at the
// end of every layout. When the contents changed, the front page is made
// again; the pages after it are taken only if the contents box is as
// high as it was and held the whole contents (none continued on page
// 2), and the makeup stands where it stood after the front page (see
// frontState), else every page is made up again. Notes belong to one
// article, so the notes of the articles from the point on are neither
// placed nor cached there: the note state starts empty, as it would be
// for them in a full makeup.
//
// The makeup, restarted or not, also ends early where it meets the last
// one again: at a point after the last article that changed, standing
// exactly where the last makeup stood there, the rest would make what it
// made (see converge).
//
// The pages taken are shared with the last document; only fillRefs
// changes them, printing the page numbers anew on the first pages.

// restartPoint is the makeup's state where it stood clean before an
// article (see cleanPoint): what a later layout restores to start there.
type restartPoint struct {
	ok    bool
	par   int // paragraphs numbered before the article's (add)
	warns int // warnings given before the article's
	// the page it stood on, filled so far: its index and the lengths of
	// its lists (which the makeup only appends to until it leaves the
	// page); its marks, which leaving the page splits for fallback
	// fonts, as they were
	page                                      int
	nLines, nRules, nImages, nLinks, nAnchors int
	marks                                     []Run
	y                                         Length
	fresh, text                               bool
	cur                                       *model.Article
	head                                      *model.Article // the running head of the page, if hasHead
	hasHead                                   bool
	headsOn                                   bool
	art                                       *model.Article
	source                                    string
	line                                      int
	node                                      any
}

// frontState is where the makeup stands once the front page is made:
// what the rest of the makeup reads of it. With the same front state,
// the articles after the front page are placed as they were, whatever
// the contents box prints.
type frontState struct {
	boxTop      Length // top of the contents box: the front articles are set above it
	more        bool   // contents continued on page 2
	pages       int
	y           Length
	fresh, text bool
	cur         *model.Article
	par, warns  int
	refs        int
	taken       int // articles begun or set on the front page
	wide        int // floats across the columns waiting
}

// makeupRec records a layout's makeup for Reuse.
type makeupRec struct {
	front  frontState
	points []restartPoint // by article index
	warns  []warning      // every warning the paginating layouter gave, in order
	// refPage is the last page a page number filled in late is printed
	// on, once the main run of articles starts; nRefs the number of such
	// numbers then (no later one is made).
	refPage, nRefs int
	// the article about to be placed, when it may be a point (-1: not),
	// with the paragraphs and warnings before and after add took it
	at           int
	par0, par1   int
	warn0, warn1 int
	// resume, in a restarted layout, is the point it started from, until
	// the makeup passes it again
	resume *restartPoint
	// last is the last layout's makeup, which this one may meet again at
	// a point from article meet on (see converge); ended tells it did,
	// at article until, and the makeup ended there.
	last        *lastMakeup
	meet, until int
	ended       bool
	// index gives the place of each article, in this edition and in last's
	index, lastIndex map[*model.Article]int
}

// lastMakeup is what a layout with a Reuse leaves for the next one to
// restart its makeup from.
type lastMakeup struct {
	arts     []*model.Article
	li       int
	head     model.Edition // the edition's fields the masthead prints (no sections, lead, file-as names)
	contents []string      // contentsKey
	doc      *Document
	rec      *makeupRec
	refs     []pageRef
	// the makeup's maps at the end
	pageOfArt map[*model.Article]int
	artY      map[*model.Article]Length
	jumped    map[*model.Article]int
	headsOn   map[int]bool
	heads     map[int]*model.Article
	nBody     int
}

// resume is where a layout restarts its makeup: before article at, from
// the makeup last left, after making the front page again if front.
type resume struct {
	at    int
	pt    *restartPoint
	last  *lastMakeup
	front bool
}

// edHead is the edition without its sections, lead and file-as names:
// what the masthead, running heads and contents box read of it besides
// the articles.
func edHead(ed *model.Edition) model.Edition {
	h := *ed
	h.Sections, h.Lead, h.FileAs = nil, nil, nil
	return h
}

// contentsKey names what the contents print: each section's title,
// start and number of articles, each article's title and authors, and
// the anchor its entry links to.
func contentsKey(ed *model.Edition) []string {
	var k []string
	for _, s := range ed.Sections {
		k = append(k, s.Title+"\x00"+string(s.Start)+"\x00"+strconv.Itoa(len(s.Articles)))
		for _, a := range s.Articles {
			k = append(k, a.ID+"\x00"+a.Title+"\x00"+strings.Join(a.Authors, "\x00"))
		}
	}
	return k
}

// restartAt returns where this layout of ed may restart the makeup the
// last one left (nil: nowhere, make up every page): the last point
// before the first article that changed, after the lead. begin calls
// it, with r.mu held, once it has forgotten the last makeup if the
// fonts, configuration or language changed.
func (r *Reuse) restartAt(ed *model.Edition, arts []*model.Article, li int) *resume {
	m := r.makeup
	if m == nil || m.li != li || len(m.rec.points) != len(m.arts) {
		return nil
	}
	if !reflect.DeepEqual(m.head, edHead(ed)) {
		return nil
	}
	front := !slices.Equal(m.contents, contentsKey(ed))
	if front && (m.rec.front.more || m.rec.refPage != 0) {
		return nil
	}
	k := 0
	for k < len(arts) && k < len(m.arts) && arts[k] == m.arts[k] {
		k++
	}
	for j := k - 1; j > li; j-- {
		if pt := &m.rec.points[j]; pt.ok && m.holds(pt) {
			return &resume{at: j, pt: pt, last: m, front: front}
		}
	}
	return nil
}

// holds reports whether the last document holds what point pt names.
func (m *lastMakeup) holds(pt *restartPoint) bool {
	if pt.page >= len(m.doc.Pages) || pt.warns > len(m.rec.warns) || len(m.refs) != m.rec.nRefs {
		return false
	}
	old := m.doc.Pages[pt.page]
	return len(old.Lines) >= pt.nLines && len(old.Rules) >= pt.nRules && len(old.Images) >= pt.nImages &&
		len(old.Links) >= pt.nLinks && len(old.Anchor) >= pt.nAnchors
}

// record starts recording the makeup of a layout with a Reuse.
func (lt *layouter) record(n int) {
	lt.rec = &makeupRec{points: make([]restartPoint, n), at: -1}
}

// mainRun notes, as the articles after the front page start, where the
// makeup stands and the last page that prints a page number filled in
// late.
func (lt *layouter) mainRun(more bool, taken int) {
	rec := lt.rec
	if rec == nil {
		return
	}
	mk := lt.mk
	rec.front = frontState{boxTop: rec.front.boxTop, more: more, pages: len(lt.doc.Pages), y: mk.y, fresh: mk.fresh, text: mk.text,
		cur: mk.cur, par: lt.par, warns: len(rec.warns), refs: len(mk.refs), taken: taken, wide: len(mk.wide)}
	rec.nRefs, rec.refPage = len(lt.mk.refs), -1
	on := map[*TextLine]bool{}
	for _, r := range lt.mk.refs {
		if r.sl.Placed {
			on[&r.sl.Info] = true
		}
	}
	for _, p := range lt.doc.Pages {
		for _, l := range p.Lines {
			if on[l] {
				rec.refPage = p.Index
				break
			}
		}
	}
}

// beforeAdd notes, for article i about to be added and placed, the
// paragraphs and warnings before it; candidate says whether it may be
// a point (an article of the main run after the lead, not the first).
func (lt *layouter) beforeAdd(i int, candidate bool) {
	rec := lt.rec
	if rec == nil {
		return
	}
	rec.at = -1
	if candidate {
		rec.at = i
	}
	rec.par0, rec.warn0 = lt.par, len(rec.warns)
}

// afterAdd notes the paragraphs and warnings once add took the article.
func (lt *layouter) afterAdd() {
	if rec := lt.rec; rec != nil {
		rec.par1, rec.warn1 = lt.par, len(rec.warns)
	}
}

// cleanPoint records the makeup's state before the article being
// placed, once what came before it is placed, if it stands clean there.
// In a restarted layout, at the point it started from, it first gives
// back the layouter's article, source and block, which placing the
// material before the article left and restarting did not.
func (lt *layouter) cleanPoint() {
	rec := lt.rec
	if rec == nil || rec.at < 0 {
		return
	}
	i := rec.at
	rec.at = -1
	if pt := rec.resume; pt != nil {
		lt.art, lt.source, lt.line, lt.node = pt.art, pt.source, pt.line, pt.node
		rec.resume = nil
	}
	mk := lt.mk
	p := mk.p
	if p == nil || len(mk.wide) > 0 || !mk.pending.done() || lt.par != rec.par1 || len(rec.warns) != rec.warn1 ||
		p.Index <= rec.refPage || len(mk.refs) != rec.nRefs {
		return
	}
	head, hasHead := mk.heads[p.Index]
	rec.points[i] = restartPoint{ok: true, par: rec.par0, warns: rec.warn0,
		page: p.Index, nLines: len(p.Lines), nRules: len(p.Rules), nImages: len(p.Images), nLinks: len(p.Links), nAnchors: len(p.Anchor),
		marks: slices.Clone(p.Marks), y: mk.y, fresh: mk.fresh, text: mk.text, cur: mk.cur, head: head, hasHead: hasHead,
		headsOn: lt.headsOn[p.Index], art: lt.art, source: lt.source, line: lt.line, node: lt.node}
	if rec.last != nil && i >= rec.meet {
		lt.converge(i)
	}
}

// sameFront reports whether the front page just made again leaves the
// makeup where the last one's did, with the same warnings.
func (lt *layouter) sameFront(m *lastMakeup) bool {
	rec := lt.rec
	if rec.front != m.rec.front || rec.front.more || rec.front.pages != 1 || rec.refPage != 0 {
		return false
	}
	for i, w := range rec.warns {
		if w != m.rec.warns[i] {
			return false
		}
	}
	return true
}

// restore puts the layouter where the last makeup stood at point rs:
// its pages before the point's page as they are (but a front page made
// again), that page rebuilt as far as it was filled, the makeup's
// state, the paragraphs numbered and the warnings given (again, to
// warnFn).
func (lt *layouter) restore(rs *resume, arts []*model.Article) {
	m, pt := rs.last, rs.pt
	old := m.doc.Pages[pt.page]
	// the page as it was: its lines copied, since leaving it marks
	// widows and orphans (false until then) and splits runs for the
	// fallback fonts (which splitting again leaves as they are)
	p := &Page{Index: pt.page, Lines: make([]*TextLine, pt.nLines), Marks: slices.Clone(pt.marks),
		Rules: slices.Clone(old.Rules[:pt.nRules]), Images: slices.Clone(old.Images[:pt.nImages]),
		Links: slices.Clone(old.Links[:pt.nLinks]), Anchor: slices.Clone(old.Anchor[:pt.nAnchors])}
	lines := make([]TextLine, pt.nLines)
	for i, l := range old.Lines[:pt.nLines] {
		lines[i] = *l
		lines[i].Widow, lines[i].Orphan = false, false
		p.Lines[i] = &lines[i]
	}
	pages := append(make([]*Page, 0, len(m.doc.Pages)), m.doc.Pages[:pt.page]...)
	if rs.front {
		// the makeup would leave it as it goes on to page 2
		front := lt.doc.Pages[0]
		lt.leave(front)
		pages[0] = front
	}
	lt.doc.Pages = append(pages, p)

	mk := lt.mk
	mk.p, mk.y, mk.fresh, mk.text, mk.cur = p, pt.y, pt.fresh, pt.text, pt.cur
	if pt.hasHead {
		mk.heads[p.Index] = pt.head
	}
	if !rs.front {
		// the same contents, of the articles now in their places
		mk.refs = slices.Clone(m.refs)
		now := map[*model.Article]*model.Article{}
		for i, a := range m.arts {
			if i < len(arts) && arts[i] != a {
				now[a] = arts[i]
			}
		}
		for i, r := range mk.refs {
			if a, ok := now[r.art]; ok {
				mk.refs[i].art = a
			}
		}
	}
	before := append(arts[:rs.at:rs.at], lt.lead)
	lt.takePlaces(m, before)
	lt.headsOn = map[int]bool{}
	for k, v := range m.headsOn {
		if k < p.Index && v {
			lt.headsOn[k] = true
		}
	}
	if pt.headsOn {
		lt.headsOn[p.Index] = true
	}
	lt.par = pt.par
	rec := lt.rec
	rec.refPage, rec.nRefs, rec.front = m.rec.refPage, m.rec.nRefs, m.rec.front
	copy(rec.points, m.rec.points[:rs.at])
	given := 0
	if rs.front {
		given = len(rec.warns) // the front page's, the same as before
	}
	for _, w := range m.rec.warns[given:pt.warns] {
		lt.warnOnce(w.once, w.w)
	}
	rec.resume = pt
}

// keepMakeup leaves this layout's makeup to the next layout (none, when
// it recorded none).
func (r *Reuse) keepMakeup(lt *layouter, ed *model.Edition, arts []*model.Article, li int) {
	if r == nil {
		return
	}
	if lt.rec == nil {
		r.mu.Lock()
		r.makeup = nil
		r.mu.Unlock()
		return
	}
	m := &lastMakeup{arts: arts, li: li, head: edHead(ed), contents: contentsKey(ed), doc: lt.doc, rec: lt.rec,
		refs: lt.mk.refs, pageOfArt: lt.pageOfArt, artY: lt.mk.artY, jumped: lt.mk.jumped, headsOn: lt.headsOn,
		heads: lt.mk.heads, nBody: lt.nBody}
	m.rec.resume, m.rec.last = nil, nil
	r.mu.Lock()
	r.makeup = m
	if lt.rec.ended {
		r.Until = lt.rec.until
	}
	r.mu.Unlock()
}

// meetLast lets the makeup meet the last one, m, again (see converge):
// from the first article after which every article is the one m placed
// there.
func (lt *layouter) meetLast(m *lastMakeup, ed *model.Edition, arts []*model.Article, li int) {
	if lt.rec == nil || m == nil || m.li != li || len(m.arts) != len(arts) || !reflect.DeepEqual(m.head, edHead(ed)) {
		return
	}
	c := len(arts)
	for c > 0 && arts[c-1] == m.arts[c-1] {
		c--
	}
	lt.rec.last, lt.rec.meet = m, c
	lt.rec.index, lt.rec.lastIndex = make(map[*model.Article]int, len(arts)), make(map[*model.Article]int, len(arts))
	for i, a := range arts {
		lt.rec.index[a], lt.rec.lastIndex[m.arts[i]] = i, i
	}
}

// converge ends the makeup at article i, when it stands there as the
// last layout's stood (the same page, height, running head, paragraphs
// numbered and warnings given) and the articles from i on are those it
// placed: the rest of the makeup would make what it made. The page is
// filled with what the last makeup placed on it after the point (its
// lines copied, as restore does), the pages after it are the last
// layout's, and so are the pages, heights and jumps of the articles from
// i on, and the warnings they gave.
func (lt *layouter) converge(i int) {
	rec, m := lt.rec, lt.rec.last
	np, op := &rec.points[i], &m.rec.points[i]
	if !np.ok || !op.ok || !m.holds(op) || np.page != op.page || np.y != op.y || np.fresh != op.fresh || np.text != op.text ||
		!rec.sameArt(np.cur, op.cur) || !rec.sameArt(np.head, op.head) || np.hasHead != op.hasHead || np.headsOn != op.headsOn ||
		np.par != op.par || np.warns != op.warns || len(rec.warns) > len(m.rec.warns) {
		return
	}
	for k, w := range rec.warns {
		if w != m.rec.warns[k] {
			return
		}
	}
	old := m.doc.Pages[op.page]
	nl, nr := len(old.Lines), len(old.Rules)
	// the page was left, with its running head last (a page of the
	// makeup's, before any padding), its marks not split
	if old.Folio == "" || nl == op.nLines || nr == op.nRules || len(old.Marks) != len(op.marks) || op.page >= m.nBody {
		return
	}
	p := lt.mk.p
	for _, l := range old.Lines[op.nLines : nl-1] {
		c := *l
		c.Widow, c.Orphan = false, false
		p.Lines = append(p.Lines, &c)
	}
	p.Rules = append(p.Rules, old.Rules[op.nRules:nr-1]...)
	p.Images = append(p.Images, old.Images[op.nImages:]...)
	p.Links = append(p.Links, old.Links[op.nLinks:]...)
	p.Anchor = append(p.Anchor, old.Anchor[op.nAnchors:]...)
	mk := lt.mk
	if a, ok := m.heads[p.Index]; ok {
		mk.heads[p.Index] = a
	}
	lt.nBody = m.nBody
	lt.leave(p)
	lt.doc.Pages = append(lt.doc.Pages, m.doc.Pages[op.page+1:]...)
	lt.takePlaces(m, m.arts[i:])
	for k, v := range m.headsOn {
		if k >= p.Index && v {
			if lt.headsOn == nil {
				lt.headsOn = map[int]bool{}
			}
			lt.headsOn[k] = true
		}
	}
	for _, w := range m.rec.warns[len(rec.warns):] {
		lt.warnOnce(w.once, w.w)
	}
	// the points after i on its page name lengths of the last page
	copy(rec.points[i+1:], m.rec.points[i+1:])
	for k := i + 1; k < len(rec.points); k++ {
		if rec.points[k].page == p.Index {
			rec.points[k].ok = false
		}
	}
	rec.ended, rec.until = true, i
}

// sameArt reports whether article a of this edition stands for article
// b of the last one where the makeup reads them (the running heads):
// the same article, or one in its place with the same title.
func (rec *makeupRec) sameArt(a, b *model.Article) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil || a.Title != b.Title {
		return false
	}
	i, ok := rec.index[a]
	j, ok2 := rec.lastIndex[b]
	return ok && ok2 && i == j
}

// ended reports whether the makeup ended where it met the last one.
func (lt *layouter) ended() bool { return lt.rec != nil && lt.rec.ended }

// last is the makeup the last layout left, nil if none.
func (r *Reuse) last() *lastMakeup {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.makeup
}

// takePlaces takes from the last makeup where each of arts stood: its
// page, its top and whether it jumped.
func (lt *layouter) takePlaces(m *lastMakeup, arts []*model.Article) {
	for _, a := range arts {
		if v, ok := m.pageOfArt[a]; ok {
			lt.pageOfArt[a] = v
		}
		if v, ok := m.artY[a]; ok {
			lt.mk.artY[a] = v
		}
		if v, ok := m.jumped[a]; ok {
			lt.mk.jumped[a] = v
		}
	}
}
