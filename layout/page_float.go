package layout

import "github.com/redtide/edition/internal/model"

// Floats: figures and small tables, placed at the head or foot of a column
// (see the rules at the top of page_flow.go).

// floatOf makes one float of the items of a figure or table (the picture
// and its caption, or a caption and rows): they move together.
func floatOf(items []*vitem) *vitem {
	for len(items) > 0 && items[0].space {
		items = items[1:]
	}
	for len(items) > 0 && items[len(items)-1].space {
		items = items[:len(items)-1]
	}
	if len(items) == 0 {
		return nil
	}
	f := &vitem{float: true}
	for _, it := range items {
		for i, sl := range it.lines {
			f.lines = append(f.lines, sl)
			f.lineY = append(f.lineY, f.h+it.lineY[i])
		}
		for _, r := range it.rules {
			r.Y += f.h
			f.rules = append(f.rules, r)
		}
		for _, im := range it.images {
			im.Y += f.h
			f.images = append(f.images, im)
		}
		for _, l := range it.links {
			l.Y += f.h
			f.links = append(f.links, l)
		}
		for _, a := range it.anchors {
			a.Y += f.h
			f.anchors = append(f.anchors, a)
		}
		f.notes = append(f.notes, it.notes...)
		f.h += it.h
	}
	return f
}

// topFloats sets waiting floats at the top of the column, in order, within
// topFraction and textFraction; the first float of an empty column goes
// whatever its size (force: every waiting float, before an article starts).
func (fl *filler) topFloats(force bool) {
	st := &fl.st
	for len(st.waiting) > 0 {
		it := st.waiting[0]
		sep := fl.lt.floatSep()
		first := st.nBody == 0
		if it.h > fl.h-st.y-st.nh-st.bh && !(first && fl.h >= fl.lt.cfg.textHeight()*9/10) {
			return // wait for a taller column
		}
		if !first && !force && (st.y+it.h+sep > fl.h*topFraction/100 ||
			fl.h-st.y-it.h-sep-st.nh-st.bh < fl.h*textFraction/100) {
			return
		}
		fresh, nl, nlh := fl.notesOf(it)
		extra := fl.extraSep(nl)
		if !first && st.y+it.h+sep+st.nh+st.bh+extra+nlh > fl.h {
			return
		}
		fl.addBody(it, st.y)
		st.y += sep
		st.nTop++
		st.topH += it.h + sep
		fl.addNotes(fresh, nl, len(nl), extra)
		st.waiting = st.waiting[1:]
	}
}

// extraSep is the separator a note area needs when note lines nl open it.
func (fl *filler) extraSep(nl []*vitem) Length {
	if len(nl) > 0 && fl.st.nh == 0 {
		return fl.lt.noteSep()
	}
	return 0
}

// meetFloat handles a float met in the text: at the top of an empty
// column it is a top float; else it goes to the foot if it fits there and
// no float waits before it; else it asks for the top of this column
// (fl.want, see fill) or waits for the next.
func (fl *filler) meetFloat(it *vitem) {
	st := &fl.st
	if fl.atTop() && len(st.waiting) == 0 {
		st.j++
		st.waiting = []*vitem{it}
		fl.topFloats(false)
		return
	}
	if len(st.waiting) == 0 && fl.toBottom(it, true) {
		st.j++
		return
	}
	if len(st.waiting) == 0 && !fl.noRetry && fl.canTop(it) {
		fl.want, fl.wantAt = it, st.j
		return
	}
	st.j++
	st.waiting = append(st.waiting[:len(st.waiting):len(st.waiting)], it)
}

// canTop reports whether float it would fit at the top of the column,
// below the floats there, within topFraction and textFraction.
func (fl *filler) canTop(it *vitem) bool {
	st := &fl.st
	top := st.topH + it.h + fl.lt.floatSep()
	return top <= fl.h*topFraction/100 && fl.h-top-st.nh-st.bh >= fl.h*textFraction/100
}

// toBottom sets float it at the foot of the column if it fits there (and,
// when limit is set, within bottomFraction); it reports whether it did.
func (fl *filler) toBottom(it *vitem, limit bool) bool {
	st := &fl.st
	sep := fl.lt.floatSep()
	if limit && st.bh+sep+it.h > fl.h*bottomFraction/100 {
		return false
	}
	fresh, nl, nlh := fl.notesOf(it)
	extra := fl.extraSep(nl)
	if st.y+st.nh+st.bh+sep+it.h+extra+nlh > fl.h {
		return false
	}
	fl.f.bottom = append(fl.f.bottom[:st.nBottom], it)
	st.nBottom++
	st.bh += sep + it.h
	fl.addNotes(fresh, nl, len(nl), extra)
	return true
}

// flushFloats sets the waiting floats before the next article starts: at
// the top of an empty column, else at the foot of this one. It reports
// whether they all went; if not, the column ends.
func (fl *filler) flushFloats() bool {
	st := &fl.st
	if fl.atTop() {
		fl.topFloats(true)
		return len(st.waiting) == 0
	}
	for len(st.waiting) > 0 {
		f := st.waiting[0]
		if !fl.toBottom(f, false) {
			// a picture may shrink to fill the room left, as a newspaper
			// fits a photograph to its hole, to half its height at least
			if f = fl.shrunk(f); f == nil || !fl.toBottom(f, false) {
				break
			}
		}
		st.waiting = st.waiting[1:]
	}
	return len(st.waiting) == 0
}

// shrunk is float f with its picture scaled down so that it fits at the
// foot of the column, or nil when it would lose more than half its height
// or is not a picture over its caption.
func (fl *filler) shrunk(f *vitem) *vitem {
	if len(f.images) != 1 || f.images[0].Y != 0 || len(f.rules) > 0 {
		return nil
	}
	st := &fl.st
	im := f.images[0]
	_, _, nlh := fl.notesOf(f)
	room := fl.h - st.y - st.nh - st.bh - fl.lt.floatSep() - nlh - fl.lt.noteSep()
	ih := room - (f.h - im.H)
	if ih < im.H/2 || ih >= im.H {
		return nil
	}
	g := *f
	iw := Length(int64(im.W) * int64(ih) / int64(im.H))
	g.images = []ImageBox{{X: im.X + (im.W-iw)/2, Y: 0, W: iw, H: ih, Image: im.Image}}
	g.lineY = make([]Length, len(f.lineY))
	for i, y := range f.lineY {
		g.lineY[i] = y - (im.H - ih)
	}
	g.h = f.h - (im.H - ih)
	return &g
}

// snap moves y down to the next line of the baseline grid when item it is
// a line of body text and the grid is on.
func (lt *layouter) snap(y Length, it *vitem) Length {
	l := lt.cfg.BodyLeading
	if !lt.cfg.BaselineGrid || it.h != l || len(it.lines) != 1 {
		return y
	}
	return (y + l - 1) / l * l
}

// floating makes a float of a figure's or table's items, across the
// columns when across is set; in a note, where nothing floats, they stay
// in the text.
func (lt *layouter) floating(items []*vitem, c blockCtx, across bool) []*vitem {
	if c.kind == KindNote || len(items) == 0 {
		return lt.surround(items, c.leading/2)
	}
	f := floatOf(items)
	if f == nil {
		return nil
	}
	f.across = across
	if lt.cfg.BaselineGrid {
		l := lt.cfg.BodyLeading
		f.h = (f.h + l - 1) / l * l
	}
	return []*vitem{f}
}

// tableBlock sets a table. A table wider than a column of a page of
// several columns is set across the text width, as a float across the
// columns, when it is not taller than half the page; other tables stay in
// the text, where they can break across columns.
func (lt *layouter) tableBlock(t *model.Table, c blockCtx) []*vitem {
	if lt.cfg.Columns > 1 && c.kind != KindNote && c.dx == 0 && c.width == lt.cfg.columnWidth() {
		rows := tableCells(t)
		ncol := 0
		for _, r := range rows {
			ncol = max(ncol, len(r))
		}
		tm := lt.measureTable(rows, t.Header != nil, max(ncol, len(t.Align)), c.size*85/100, c.width)
		if ncol > 0 && tm.sum(tm.natW) > c.width {
			wc := c
			wc.width = lt.cfg.textWidth()
			nw := lt.warnings()
			items := lt.table(t, wc)
			var h Length
			for _, it := range items {
				h += it.h
			}
			if h <= lt.cfg.textHeight()/2 {
				return lt.floating(items, wc, true)
			}
			lt.dropWarnings(nw) // set again in the column, which warns again
		}
	}
	return lt.surround(lt.table(t, c), c.leading/2)
}

// wideFloats takes the floats across the columns out of the column
// material: each rides on the last item before it that is not a space (or
// the first after it) and is placed by the makeup once that item is on a
// page (see placed).
func wideFloats(items []*vitem) []*vitem {
	out := items[:0]
	var carrier *vitem
	var pending []*vitem
	for _, it := range items {
		switch {
		case it.float && it.across && carrier != nil:
			carrier.wide = append(carrier.wide, it)
			continue
		case it.float && it.across:
			pending = append(pending, it)
			continue
		case !it.space:
			carrier = it
			carrier.wide = append(carrier.wide, pending...)
			pending = nil
		}
		out = append(out, it)
	}
	if len(pending) > 0 {
		out = append(out, &vitem{wide: pending})
	}
	return out
}

// warnings is how many warnings a fork has recorded.
func (lt *layouter) warnings() int {
	if lt.set == nil {
		return 0
	}
	return len(lt.set.warns)
}

// dropWarnings forgets the warnings a fork recorded after the first n,
// those of a draft set aside.
func (lt *layouter) dropWarnings(n int) {
	if lt.set != nil && n <= len(lt.set.warns) {
		for _, w := range lt.set.warns[n:] {
			if w.once != "" {
				delete(lt.warned, w.once)
			}
		}
		lt.set.warns = lt.set.warns[:n]
	}
}
