package layout

import (
	"fmt"

	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/layout/text"
)

// Page makeup. A page is a stack of bands: material across the text width
// (the masthead, a headline, a float across the columns) and material in
// columns. Articles run on: each starts below the one before, after a
// rule, unless its start (model.Start) asks for a new column or page.
//
//   - A short piece (its text under a third of a page) gets a headline in
//     its column and runs on in the columns' stream, as newspapers set
//     briefs and letters.
//   - A longer piece gets a headline across the columns: the columns of
//     what came before are balanced above it (a band ends), the headline
//     spans the text width, and the article's columns start below it.
//   - A headline never ends a column or a page: it is kept with at least
//     three lines of its text.
//   - Where a section starts a new page, and on the last page, the columns
//     are balanced.
//   - Floats across the columns wait for the top of the next page, or for
//     room below a band when their article's columns end.
//
// With one column, the same rules give a continuous galley with a headline
// and a rule between articles.

// makeup is where the page builder stands.
type makeup struct {
	p       *Page
	y       Length   // top of the free area of p, across the columns
	fresh   bool     // nothing is on p yet
	text    bool     // something is on p (for its running head)
	wide    []*vitem // floats across the columns waiting for room
	pending stream   // column material not yet placed
	cur     *model.Article
	heads   map[int]*model.Article    // the article each page's running head names
	artY    map[*model.Article]Length // top of each article's head
	refs    []pageRef                 // page numbers printed before their page is known
	jumped  map[*model.Article]int    // page index where a jumped article continues
}

// pageRef is a page number printed before its page is known: the last
// run of a placed line, filled in once every page is made.
type pageRef struct {
	sl     *text.Line
	format string         // the words around the number ("%d" alone in the contents)
	art    *model.Article // whose page: the page of its head, or where it continues
	cont   bool           // the page where art continues after a jump
	right  Length         // the run ends here, from the line's left (right-aligned); 0: starts at its X
}

func newMakeup() *makeup {
	return &makeup{heads: map[int]*model.Article{}, artY: map[*model.Article]Length{}, jumped: map[*model.Article]int{}}
}

// textBottom is the foot of the text area.
func (lt *layouter) textBottom() Length { return lt.cfg.MarginTop + lt.cfg.textHeight() }

// nextPage starts a page: its running head names the article going on,
// and the floats across the columns waiting for room go at its top.
func (lt *layouter) nextPage() {
	mk := lt.mk
	mk.p = lt.newPage()
	mk.y = lt.cfg.MarginTop
	mk.fresh, mk.text = true, false
	if mk.cur != nil {
		mk.heads[mk.p.Index] = mk.cur
	}
	// a link cited again on a later page has its note there too
	for _, n := range lt.linkDone {
		delete(lt.notesDone, n)
	}
	lt.linkDone = lt.linkDone[:0]
	lt.placeWide()
}

// placeWide sets the waiting floats across the columns at the current
// height, in order, while they leave room for a few lines below (a page's
// top may hold topFraction of floats; the first float of a fresh page
// goes whatever its size).
func (lt *layouter) placeWide() {
	mk := lt.mk
	sep := lt.floatSep()
	for len(mk.wide) > 0 {
		f := mk.wide[0]
		room := lt.textBottom() - mk.y
		limit := room - 3*lt.cfg.BodyLeading
		if mk.fresh {
			limit = min(limit, lt.cfg.textHeight()*topFraction/100)
		}
		if f.h+sep > limit && !(mk.fresh && mk.y == lt.cfg.MarginTop) {
			return
		}
		lt.placed(mk.p, f, mk.y)
		lt.placeItem(mk.p, f, lt.cfg.textLeft(mk.p.Index), mk.y, -1)
		mk.y = lt.gridY(mk.y + f.h + sep)
		mk.fresh = false
		mk.wide = mk.wide[1:]
	}
}

// gridY moves y down to the baseline grid, when it is on.
func (lt *layouter) gridY(y Length) Length {
	if !lt.cfg.BaselineGrid {
		return y
	}
	l, top := lt.cfg.BodyLeading, lt.cfg.MarginTop
	return top + (y-top+l-1)/l*l
}

// span sets items across the text width, on a new page when they and need
// below them do not fit; rule, if not zero, is drawn above them (a rule
// between articles) unless they open a page.
func (lt *layouter) span(items []*vitem, need, rule Length) {
	mk := lt.mk
	h := Length(0)
	for _, it := range items {
		h += it.h
	}
	if !mk.fresh && mk.y+rule+h+need > lt.textBottom() {
		lt.nextPage()
	}
	x := lt.cfg.textLeft(mk.p.Index)
	if rule > 0 && !mk.fresh {
		mk.p.Rules = append(mk.p.Rules, Rule{X: x, Y: mk.y + rule/2, W: lt.cfg.textWidth(), H: Pt * 3 / 4})
		mk.y += rule
	}
	for _, it := range items {
		lt.placed(mk.p, it, mk.y)
		lt.placeItem(mk.p, it, x, mk.y, -1)
		mk.y += it.h
	}
	mk.y = lt.gridY(mk.y)
	mk.fresh = false
}

// placed notes that item it goes on page p at y: the article it starts,
// for the running heads, contents and outline, and the floats across the
// columns that ride on it.
func (lt *layouter) placed(p *Page, it *vitem, y Length) {
	mk := lt.mk
	if a := it.art; a != nil {
		mk.cur = a
		lt.art, lt.source = a, a.Source
		if _, ok := lt.pageOfArt[a]; !ok {
			lt.pageOfArt[a] = p.Index
			mk.artY[a] = y
			if a != lt.lead {
				if lt.headsOn == nil {
					lt.headsOn = map[int]bool{}
				}
				lt.headsOn[p.Index] = true
			}
		}
		if !mk.text {
			mk.heads[p.Index] = a
		}
	}
	mk.text = true
	mk.wide = append(mk.wide, it.wide...)
}

// flow sets stream s in the columns from the current height on, adding
// pages as needed; the columns of its last page are balanced when balance
// is set. The free area then starts below the lowest column.
func (lt *layouter) flow(s *stream, balance bool) {
	mk := lt.mk
	for !s.done() {
		h := lt.textBottom() - mk.y
		if h < 3*lt.cfg.BodyLeading {
			lt.nextPage()
			continue
		}
		if balance {
			// in one column too: the notes then sit under the text, and
			// what follows starts below them
			h = lt.balance(s, h)
		}
		bottom := lt.fillColumns(mk.p, s, mk.y, h, h)
		mk.fresh = false
		if s.done() {
			mk.y = lt.gridY(bottom)
			break
		}
		lt.nextPage()
	}
	if len(mk.wide) > 0 {
		mk.y += lt.floatSep()
		lt.placeWide()
	}
}

// flushPending places the column material waiting for the next band.
func (lt *layouter) flushPending() {
	s := &lt.mk.pending
	if s.done() {
		return
	}
	lt.flow(s, true)
	lt.mk.pending = stream{}
}

// settlePoint is a point where the makeup stood clean before an
// article: arts articles, every element of which is on page or earlier.
type settlePoint struct{ page, arts int }

// settle records, in a streamed layout, that the articles before the one
// being placed are settled if the makeup stands clean: nothing of them
// pending in the columns, no float waiting, no note continued. After the
// front page the articles are placed in reading order (a front-page
// article continued at its place), and placing one first flushes what
// came before it, so nothing of an earlier article is placed after this
// point. The page the point stands on tells it when it is given (emit).
func (lt *layouter) settle() {
	mk := lt.mk
	if lt.sink == nil || mk.p == nil || len(mk.wide) > 0 || !mk.pending.done() {
		return
	}
	lt.settles = append(lt.settles, settlePoint{page: mk.p.Index, arts: lt.placing})
}

// forget takes the first n articles as settled: the layout forgets
// their notes (set, placed, link notes), which no later page prints, so
// that what it keeps of an article does not outlive its pages.
func (lt *layouter) forget(n int) {
	for _, a := range lt.arts[lt.settled:max(n, lt.settled)] {
		for _, ns := range [][]*model.Note{a.Notes, lt.linkNotesOf[a]} {
			for _, note := range ns {
				delete(lt.notesDone, note)
				delete(lt.noteCache, note)
				delete(lt.isLinkNote, note)
				delete(lt.noteUsers, note)
				delete(lt.articleArt, note)
			}
		}
		delete(lt.linkNotesOf, a)
	}
	lt.settled = max(lt.settled, n)
}

// startOf is where article a of section s starts: its own print_start,
// else its section's start, else a new page for a section's first article
// and a run-on for the others.
func startOf(s *model.Section, a *model.Article, first bool) model.Start {
	switch {
	case a.PrintStart != model.StartDefault:
		return a.PrintStart
	case s.Start != model.StartDefault:
		return s.Start
	case first:
		return model.StartPage
	}
	return model.StartRunOn
}

// short reports whether an article is a short piece, with its headline in
// one column: its text takes less than a third of a page.
func (lt *layouter) short(set *artSet) bool {
	return set.height < lt.cfg.textHeight()/3
}

// placeArticle puts an article on pages from where start says.
func (lt *layouter) placeArticle(a *model.Article, set *artSet, start model.Start) {
	lt.art, lt.source = a, a.Source
	mk := lt.mk
	body := keepHead(set.body)
	l := lt.cfg.BodyLeading
	if start == model.StartColumn && lt.cfg.Columns == 1 {
		start = model.StartPage // one column: the column is the page
	}
	switch {
	case start == model.StartPage:
		lt.flushPending()
		lt.settle()
		if lt.cleanPoint(); lt.ended() {
			return
		}
		if !mk.fresh {
			lt.nextPage()
		}
		lt.span(lt.headOf(set), 3*l, 0)
		mk.pending.items = body
	case start == model.StartColumn:
		brk := &vitem{space: true, colBreak: true, barrier: true}
		mk.pending.items = append(append(append(mk.pending.items, brk), set.headCol...), body...)
	case lt.cfg.Columns == 1 || !lt.short(set):
		lt.flushPending()
		lt.settle()
		if lt.cleanPoint(); lt.ended() {
			return
		}
		lt.span(lt.headOf(set), 3*l, 2*l)
		mk.pending.items = body
	default:
		mk.pending.items = append(append(append(mk.pending.items, lt.separator()), set.headCol...), body...)
	}
}

// headOf is the head an article gets across the text: the large one,
// or in one column the smaller one for a short piece.
func (lt *layouter) headOf(set *artSet) []*vitem {
	if lt.cfg.Columns == 1 && lt.short(set) {
		return set.headCol
	}
	return set.head
}

// separator is the rule between two articles run on in a column; at the
// top of a column it is dropped.
func (lt *layouter) separator() *vitem {
	l := lt.cfg.BodyLeading
	w := lt.cfg.columnWidth()
	return &vitem{h: 2 * l, space: true, barrier: true, keep: true,
		rules: []Rule{{X: w / 4, Y: l * 3 / 4, W: w / 2, H: Pt / 2}}}
}

// keepHead keeps a headline with at least three lines of its text: no
// column break before the third line of the body.
func keepHead(body []*vitem) []*vitem {
	n := 0
	for _, it := range body {
		if n == 3 {
			break
		}
		if it.space || it.float {
			continue
		}
		if n > 0 {
			it.noBreak = true
		}
		n++
	}
	if n > 0 {
		// and the first line with the head above it
		for _, it := range body {
			if !it.space && !it.float {
				it.noBreak = true
				break
			}
		}
	}
	return body
}

// fillRefs prints the page numbers the pages now know.
func (lt *layouter) fillRefs() {
	for _, r := range lt.mk.refs {
		page, ok := lt.pageOfArt[r.art]
		if r.cont {
			page, ok = lt.mk.jumped[r.art]
		}
		if !ok || !r.sl.Placed {
			continue // a contents entry of a draft of the box
		}
		// the last run: splitting runs for the fallback fonts (leave)
		// leaves it and what comes before it in place
		run := &r.sl.Info.Runs[len(r.sl.Info.Runs)-1]
		st := text.Style{Face: run.Face, Size: run.Size}
		run.Text = fmt.Sprintf(r.format, page+1)
		w := lt.Width(run.Text, st)
		if r.right != 0 {
			run.X = r.sl.Info.X + r.right - w
		}
		run.Width = w
	}
}
