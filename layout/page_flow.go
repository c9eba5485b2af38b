package layout

import (
	"slices"

	"github.com/redtide/edition/internal/model"
)

// Column filling. Each column takes items until the next one does not fit;
// the break then goes back to the last place a break is allowed (TeX's
// \vsplit with penalties: widow, orphan and keep-with-next rules forbid
// breaks). Footnotes referenced by an item must fit in the same column
// below the text, else the item moves on — unless at least two lines of the
// note fit, in which case the note is split, marked as continued, and its
// rest continues at the foot of the next column (TeX's \insert splitting,
// The TeXbook ch. 15).
//
// Figures and small tables are floats, placed as LaTeX's output routine
// places them (Lamport, LaTeX, 2nd ed., C.9.1; ltoutput.dtx), column by
// column, in newspaper fashion at the head or foot of a column, never in
// the middle of its text:
//
//   - A float met in the text goes to the foot of the current column if it
//     fits there with the text before it, and the floats at the foot then
//     take at most bottomFraction of the column (\bottomfraction). The text
//     that follows fills the space above it.
//   - Otherwise it waits, and the text goes on, so the column is not left
//     short. At the top of the next column waiting floats are placed first,
//     as long as they take at most topFraction of it (\topfraction) and
//     leave textFraction for text (\textfraction). A float too big for
//     those limits goes alone at the top of a fresh column: LaTeX would
//     give it a float page; a newspaper sets the picture over the leg.
//   - Floats keep their order: a float never goes before one met earlier.
//   - A float never passes the end of its article (LaTeX's \clearpage at a
//     chapter): at the start of the next article waiting floats are set at
//     the foot of the column if they fit, else the column ends there.
//
// Floats wider than a column span the columns; package layout places them
// at the top of a page or below a band of balanced columns (see makeup).

// Float placement limits, in percent of the column height.
const (
	topFraction    = 70 // LaTeX's \topfraction
	bottomFraction = 50 // LaTeX says 30: a newspaper sets pictures at the foot as readily as at the head
	textFraction   = 20 // LaTeX's \textfraction
)

// placed is an item at a vertical offset from the top of the column.
type placed struct {
	it *vitem
	y  Length
}

// stream is column material being placed: its items and how far they have
// gone. A stream runs from column to column and page to page.
type stream struct {
	items   []*vitem
	i       int      // first item not placed
	carry   []*vitem // note lines continued in the next column
	waiting []*vitem // floats met and not yet placed
	early   []*vitem // floats placed before their place in the text, skipped there
}

// done reports whether everything of the stream is placed.
func (s *stream) done() bool {
	return s.i >= len(s.items) && len(s.carry) == 0 && len(s.waiting) == 0
}

// colFill is the content chosen for one column.
type colFill struct {
	end     int           // index of the first item not taken
	body    []placed      // floats at the top, then the text
	bottom  []*vitem      // floats at the foot, above the notes
	notes   []*vitem      // note lines, top to bottom
	carry   []*vitem      // note lines continued in the next column
	waiting []*vitem      // floats left for a later column
	early   []*vitem      // floats placed above their place in the text
	used    Length        // height of the body
	nh      Length        // height of the note area: separator, lines and continued marker
	bh      Length        // height of the floats at the foot, with their separation
	newN    []*model.Note // notes that start in this column
	full    bool          // the column ended for want of room
	// bad tells that the column ended where no break is allowed (no
	// allowed place came before): balancing must not choose it.
	bad bool
}

// fillState is a snapshot that a break can return to.
type fillState struct {
	j       int
	y       Length
	nh      Length // height of the note area, separator and marker included
	bh      Length // height of the floats at the foot
	marked  bool   // nh holds the continued marker
	nNotes  int
	nBody   int
	nNew    int
	nBottom int
	nTop    int    // floats at the top of the column, the first nTop of the body
	topH    Length // their height, with their separation
	carry   []*vitem
	waiting []*vitem
}

// filler fills one column: the state of lt.fill.
type filler struct {
	lt       *layouter
	items    []*vitem
	h        Length
	f        colFill
	st       fillState
	last     fillState // the last place a break is allowed
	haveLast bool
	early    []*vitem // floats set above their place in the text (skipped there)
	want     *vitem   // a float that asks for the top of this column
	wantAt   int      // its index
	noRetry  bool     // a retry with want at the top: do not ask again
}

func (lt *layouter) noteSep() Length { return lt.cfg.BodyLeading * 3 / 4 }

// floatSep is the space between a float and the text (LaTeX's
// \textfloatsep), or between two floats (\floatsep).
func (lt *layouter) floatSep() Length { return lt.cfg.BodyLeading }

// markHeight is the height of the marker under a note continued in the
// next column.
func (lt *layouter) markHeight() Length { return lt.cfg.BodyLeading * 8 / 10 }

// fill chooses the content of one column of height h from stream s; s is
// not changed.
func (lt *layouter) fill(s *stream, h Length) colFill {
	var fl filler // on the stack: a paper fills thousands of columns
	lt.startFiller(&fl, s, h, s.waiting, s.early, lt.fillBody[:0])
	fl.run()
	if f := fl.want; f != nil {
		// LaTeX's top of the current page: a float that fits neither at
		// the foot nor here goes to the top of this column, the text
		// before it moving down, if its reference stays in the column
		early := append(s.early[:len(s.early):len(s.early)], f)
		var g filler
		lt.startFiller(&g, s, h, append(s.waiting[:len(s.waiting):len(s.waiting)], f), early, nil)
		g.noRetry = true
		g.run()
		if g.st.j > fl.wantAt && !slices.Contains(g.st.waiting, f) {
			return g.result()
		}
		// else the float waits for the next column, the text going on
		fl.want, fl.noRetry = nil, true
		fl.st.j++
		fl.st.waiting = append(fl.st.waiting[:len(fl.st.waiting):len(fl.st.waiting)], f)
		fl.run()
	}
	// The body is only read until the next fill: its buffer is reused.
	lt.fillBody = fl.f.body
	return fl.result()
}

// startFiller starts fl on a column of height h from stream s, with
// floats waiting for its top and floats already placed early.
func (lt *layouter) startFiller(fl *filler, s *stream, h Length, waiting, early []*vitem, body []placed) {
	*fl = filler{lt: lt, items: s.items, h: h, early: early}
	fl.f.body = body
	fl.st = fillState{j: s.i, waiting: waiting}
	fl.carryIn(s.carry)
	fl.topFloats(false)
	fl.st.nNotes = len(fl.f.notes)
}

// result is the column filled.
func (fl *filler) result() colFill {
	f := fl.f
	f.end = fl.st.j
	f.carry = fl.st.carry
	f.waiting = fl.st.waiting
	f.early = fl.early
	f.used = fl.st.y
	f.nh = fl.st.nh
	f.bh = fl.st.bh
	f.bottom = f.bottom[:fl.st.nBottom]
	return f
}

// carryIn sets at the foot of the column the note lines continued from the
// previous one, at most two thirds of the column.
func (fl *filler) carryIn(carry []*vitem) {
	if len(carry) == 0 {
		return
	}
	st := &fl.st
	st.nh = fl.lt.noteSep()
	limit := fl.h * 2 / 3
	k := 0
	for k < len(carry) && (k == 0 || st.nh+carry[k].h <= limit) {
		st.nh += carry[k].h
		k++
	}
	// the note lines obey the same rules as the text: no widow,
	// orphan or hyphenated word across the break
	for k > 1 && k < len(carry) && carry[k].noBreak {
		k--
		st.nh -= carry[k].h
	}
	fl.f.notes = append(fl.f.notes, carry[:k]...)
	st.carry = carry[k:]
	fl.mark()
}

// mark reserves room for the continued marker once a note continues.
func (fl *filler) mark() {
	if len(fl.st.carry) > 0 && !fl.st.marked {
		fl.st.nh += fl.lt.markHeight()
		fl.st.marked = true
	}
}

// run takes items until the column is full or a break is forced.
func (fl *filler) run() {
	st := &fl.st
	for st.j < len(fl.items) {
		it := fl.items[st.j]
		if fl.atTop() && it.space && !it.barrier {
			st.j++
			continue
		}
		if it.colBreak && !fl.atTop() {
			return
		}
		if it.barrier && len(st.waiting) > 0 && !fl.flushFloats() {
			return
		}
		if it.float {
			if slices.Contains(fl.early, it) {
				st.j++
				continue
			}
			if fl.meetFloat(it); fl.want != nil {
				return
			}
			continue
		}
		if fl.atTop() && it.barrier && it.space {
			st.j++ // a separator at the top of a column
			continue
		}
		breakOK := st.nBody > 0 && !it.noBreak && !fl.f.body[st.nBody-1].it.keep
		if breakOK {
			fl.last, fl.haveLast = *st, true
		}
		switch fl.tryTake(it) {
		case taken:
			continue
		case forced:
			fl.f.full, fl.f.bad = true, true
			return
		}
		fl.f.full = true
		if !breakOK && fl.haveLast {
			fl.restore(fl.last)
		} else if !breakOK {
			fl.f.bad = true
		}
		return
	}
	if len(st.waiting) > 0 {
		fl.flushFloats() // the text has ended: the floats close it
	}
}

// atTop reports whether no text is in the column yet (floats may be).
func (fl *filler) atTop() bool { return fl.st.nBody == fl.st.nTop }

// restore returns to a snapshot.
func (fl *filler) restore(s fillState) {
	fl.st = s
	fl.f.body = fl.f.body[:s.nBody]
	fl.f.notes = fl.f.notes[:s.nNotes]
	fl.f.newN = fl.f.newN[:s.nNew]
	fl.f.bottom = fl.f.bottom[:s.nBottom]
}

// started reports whether note n is already placed, in an earlier column or
// in this one.
func (fl *filler) started(n *model.Note) bool {
	if fl.lt.notesDone[n] {
		return true
	}
	for _, m := range fl.f.newN[:fl.st.nNew] {
		if m == n {
			return true
		}
	}
	return false
}

// notesOf returns the notes item it brings into the column and their
// lines, in buffers of the layouter that the next call reuses (addNotes
// copies them).
func (fl *filler) notesOf(it *vitem) (fresh []*model.Note, nl []*vitem, nlh Length) {
	if len(it.notes) == 0 {
		return nil, nil, 0
	}
	lt := fl.lt
	fresh, nl = lt.freshBuf[:0], lt.nlBuf[:0]
	for _, n := range it.notes {
		if !fl.started(n) && !containsNote(fresh, n) {
			fresh = append(fresh, n)
		}
	}
	for _, n := range fresh {
		for _, x := range lt.noteItems(n) {
			nl = append(nl, x)
			nlh += x.h
		}
	}
	lt.freshBuf, lt.nlBuf = fresh, nl
	return fresh, nl, nlh
}

// What tryTake did.
type takeResult uint8

const (
	full   takeResult = iota // the item does not fit: the column ends before it
	taken                    // the item is in the column
	forced                   // the item did not fit but was taken, the column being empty: it ends the column
)

// tryTake takes text item it, with its notes, if it fits.
func (fl *filler) tryTake(it *vitem) takeResult {
	st := &fl.st
	y := fl.lt.snap(st.y, it)
	fresh, nl, nlh := fl.notesOf(it)
	extraSep := Length(0)
	if len(nl) > 0 && st.nh == 0 {
		extraSep = fl.lt.noteSep()
	}
	switch {
	case len(nl) > 0 && len(st.carry) > 0:
		// an earlier note continues: later ones wait for it
		if st.nBody == 0 {
			fl.take(it, y, fresh, nl, 0, 0)
			return taken
		}
	case y+it.h+st.nh+st.bh+extraSep+nlh <= fl.h:
		fl.take(it, y, fresh, nl, len(nl), extraSep)
		return taken
	case len(nl) > 0:
		// split the notes if the line and two lines of them fit
		avail := fl.h - y - it.h - st.nh - st.bh - extraSep - fl.lt.markHeight()
		k := 0
		var kh Length
		for k < len(nl) && kh+nl[k].h <= avail {
			kh += nl[k].h
			k++
		}
		for k > 0 && k < len(nl) && nl[k].noBreak {
			k--
		}
		if k >= 2 || (k >= 1 && st.nBody == 0) {
			fl.take(it, y, fresh, nl, k, extraSep)
			return taken
		}
	}
	if st.nBody == 0 {
		// not even the first item fits: take it anyway, its notes (if
		// any) continue in the next column
		fl.take(it, y, fresh, nl, min(1, len(nl)), extraSep)
		return forced
	}
	return full
}

// take puts item it at y with the first k of its note lines nl; the rest
// continue in the next column.
func (fl *filler) take(it *vitem, y Length, fresh []*model.Note, nl []*vitem, k int, extraSep Length) {
	fl.addBody(it, y)
	fl.addNotes(fresh, nl, k, extraSep)
	fl.st.j++
}

// addBody puts it at y in the body.
func (fl *filler) addBody(it *vitem, y Length) {
	st := &fl.st
	fl.f.body = append(fl.f.body[:st.nBody], placed{it, y})
	st.y = y + it.h
	st.nBody++
}

// addNotes adds the first k of note lines nl (of the fresh notes) to the
// note area; the rest continue in the next column.
func (fl *filler) addNotes(fresh []*model.Note, nl []*vitem, k int, extraSep Length) {
	st := &fl.st
	if len(nl) > 0 {
		var kh Length
		for _, x := range nl[:k] {
			kh += x.h
		}
		if k > 0 {
			fl.f.notes = append(fl.f.notes[:st.nNotes], nl[:k]...)
			st.nh += extraSep + kh
		}
		if k < len(nl) {
			st.carry = append(st.carry[:len(st.carry):len(st.carry)], nl[k:]...)
		}
		fl.f.newN = append(fl.f.newN[:st.nNew], fresh...)
		fl.mark()
	}
	st.nNotes = len(fl.f.notes)
	st.nNew = len(fl.f.newN)
}

func containsNote(ns []*model.Note, n *model.Note) bool {
	for _, m := range ns {
		if m == n {
			return true
		}
	}
	return false
}

// commit puts a column's content on the page; it returns the bottom of
// what it placed.
func (lt *layouter) commit(p *Page, f colFill, colX, top, h Length, col int) Length {
	for _, pl := range f.body {
		lt.placed(p, pl.it, top+pl.y)
		lt.placeItem(p, pl.it, colX, top+pl.y, col)
	}
	bottom := top + f.used
	if len(f.bottom) > 0 {
		y := top + f.used
		if f.full {
			y = top + h - f.nh - f.bh
		}
		for _, it := range f.bottom {
			y += lt.floatSep()
			lt.placed(p, it, y)
			lt.placeItem(p, it, colX, y, col)
			y += it.h
		}
		bottom = y
	}
	for _, n := range f.newN {
		if !lt.notesDone[n] && lt.isLinkNote[n] {
			lt.linkDone = append(lt.linkDone, n)
		}
		lt.notesDone[n] = true
	}
	if len(f.notes) == 0 {
		return bottom
	}
	lt.commitNotes(p, f, colX, top+h, col)
	return top + h
}

// commitNotes sets the note area of a column, ending at bottom: a short
// rule, the note lines and, when a note continues in the next column, a
// marker saying so in the note's language.
func (lt *layouter) commitNotes(p *Page, f colFill, colX, bottom Length, col int) {
	sep := lt.noteSep()
	y := bottom - f.nh
	p.Rules = append(p.Rules, Rule{X: colX, Y: y + sep/3, W: lt.cfg.columnWidth() / 4, H: Pt * 4 / 10})
	y += sep
	for _, n := range f.notes {
		placeItem(p, n, colX, y, col)
		y += n.h
	}
	if len(f.carry) > 0 && len(f.notes) > 0 {
		lt.continuedMark(p, f.notes[len(f.notes)-1], colX, y, col)
	}
}

// colX is the left edge of column c on page p.
func (lt *layouter) colX(p *Page, c int) Length {
	return lt.cfg.textLeft(p.Index) + Length(c)*(lt.cfg.columnWidth()+lt.cfg.ColumnGap)
}

// fillColumns sets stream s in the columns of page p, from top, each of
// height h (the last one lastH); it returns the bottom of the lowest
// column.
func (lt *layouter) fillColumns(p *Page, s *stream, top, h, lastH Length) Length {
	bottom := top
	for c := 0; c < lt.cfg.Columns; c++ {
		ch := h
		if c == lt.cfg.Columns-1 {
			ch = lastH
		}
		f := lt.fill(s, ch)
		bottom = max(bottom, lt.commit(p, f, lt.colX(p, c), top, ch, c))
		s.i, s.carry, s.waiting, s.early = f.end, f.carry, f.waiting, f.early
	}
	return bottom
}

// balance returns the smallest column height, at most h, that takes all
// the rest of stream s in the page's columns; h itself when it does not
// fit.
func (lt *layouter) balance(s *stream, h Length) Length {
	if !lt.fits(s, h) {
		return h
	}
	lo, hi := Length(0), h // invariant: fits(hi)
	for hi-lo > Pt/2 {
		mid := lo + (hi-lo)/2
		if lt.fits(s, mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	if lt.cfg.BaselineGrid {
		// whole lines, so that the band below starts on the grid
		l := lt.cfg.BodyLeading
		if g := (hi + l - 1) / l * l; g <= h {
			hi = g
		}
	}
	return hi
}

// fits reports whether the rest of stream s fits in the page's columns of
// height h.
func (lt *layouter) fits(s *stream, h Length) bool {
	saved := map[*model.Note]bool{}
	t := *s
	ok := true
	for col := 0; col < lt.cfg.Columns; col++ {
		f := lt.fill(&t, h)
		// notes started in a trial column count as placed for the next one
		for _, n := range f.newN {
			if !lt.notesDone[n] {
				saved[n] = true
				lt.notesDone[n] = true
			}
		}
		if f.used+f.nh+f.bh > h || f.bad {
			ok = false
		}
		t.i, t.carry, t.waiting, t.early = f.end, f.carry, f.waiting, f.early
	}
	for n := range saved {
		delete(lt.notesDone, n)
	}
	return ok && t.done()
}
