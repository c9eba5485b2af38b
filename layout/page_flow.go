package layout

import "github.com/redtide/edition/internal/model"

// Column filling. Each column takes items until the next one does not fit;
// the break then goes back to the last place a break is allowed (TeX's
// \vsplit with penalties: widow, orphan and keep-with-next rules forbid
// breaks). Footnotes referenced by an item must fit in the same column
// below the text, else the item moves on — unless at least two lines of the
// note fit, in which case the note is split and its rest continues at the
// foot of the next column (TeX's \insert splitting, The TeXbook ch. 15).

// placed is an item at a vertical offset from the top of the column.
type placed struct {
	it *vitem
	y  Length
}

// colFill is the content chosen for one column.
type colFill struct {
	end   int           // index of the first item not taken
	body  []placed      // items from the top
	notes []*vitem      // note lines, top to bottom
	carry []*vitem      // note lines continued in the next column
	used  Length        // height of the body
	newN  []*model.Note // notes that start in this column
}

// fillState is a snapshot that a break can return to.
type fillState struct {
	j      int
	y      Length
	nh     Length // height of the note area, separator included
	nNotes int
	nBody  int
	nNew   int
	carry  []*vitem
}

func (lt *layouter) noteSep() Length { return lt.cfg.BodyLeading * 3 / 4 }

// fill chooses the content of one column of height h starting at item i,
// with note lines carried over from the previous column.
func (lt *layouter) fill(items []*vitem, i int, h Length, carry []*vitem) colFill {
	var f colFill
	// The body is only read until the next fill: its buffer is reused.
	f.body = lt.fillBody[:0]
	defer func() { lt.fillBody = f.body }()
	st := fillState{j: i}
	sep := lt.noteSep()
	if len(carry) > 0 {
		st.nh = sep
		limit := h * 2 / 3
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
		f.notes = append(f.notes, carry[:k]...)
		st.carry = carry[k:]
	}
	started := func(n *model.Note) bool {
		if lt.notesDone[n] {
			return true
		}
		for _, m := range f.newN[:st.nNew] {
			if m == n {
				return true
			}
		}
		return false
	}
	var last fillState // the last place a break is allowed
	haveLast := false
	restore := func(s fillState) {
		st = s
		f.body = f.body[:s.nBody]
		f.notes = f.notes[:s.nNotes]
		f.newN = f.newN[:s.nNew]
	}
	st.nNotes = len(f.notes)
	take := func(it *vitem, fresh []*model.Note, nl []*vitem, k int, extraSep Length) {
		f.body = append(f.body, placed{it, st.y})
		st.y += it.h
		st.nBody++
		if len(nl) > 0 {
			var kh Length
			for _, x := range nl[:k] {
				kh += x.h
			}
			if k > 0 {
				f.notes = append(f.notes, nl[:k]...)
				st.nh += extraSep + kh
			}
			st.carry = append(st.carry[:len(st.carry):len(st.carry)], nl[k:]...)
			f.newN = append(f.newN[:st.nNew], fresh...)
		}
		st.nNotes = len(f.notes)
		st.nNew = len(f.newN)
		st.j++
	}
	for st.j < len(items) {
		it := items[st.j]
		if st.nBody == 0 && it.space {
			st.j++
			continue
		}
		breakOK := st.nBody > 0 && !it.noBreak && !f.body[st.nBody-1].it.keep
		if breakOK {
			last, haveLast = st, true
		}
		var fresh []*model.Note
		for _, n := range it.notes {
			if !started(n) && !containsNote(fresh, n) {
				fresh = append(fresh, n)
			}
		}
		var nl []*vitem
		var nlh Length
		for _, n := range fresh {
			for _, x := range lt.noteItems(n) {
				nl = append(nl, x)
				nlh += x.h
			}
		}
		extraSep := Length(0)
		if len(nl) > 0 && st.nh == 0 {
			extraSep = sep
		}
		switch {
		case len(nl) > 0 && len(st.carry) > 0:
			// an earlier note continues: later ones wait for it
			if st.nBody == 0 {
				take(it, fresh, nl, 0, 0)
				continue
			}
		case st.y+it.h+st.nh+extraSep+nlh <= h:
			take(it, fresh, nl, len(nl), extraSep)
			continue
		case len(nl) > 0:
			// split the notes if the line and two lines of them fit
			avail := h - st.y - it.h - st.nh - extraSep
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
				take(it, fresh, nl, k, extraSep)
				continue
			}
		}
		if st.nBody == 0 {
			// not even the first item fits: take it anyway, its notes
			// (if any) continue in the next column
			take(it, fresh, nl, min(1, len(nl)), extraSep)
			break
		}
		if !breakOK && haveLast {
			restore(last)
		}
		break
	}
	f.end = st.j
	f.carry = st.carry
	f.used = st.y
	return f
}

func containsNote(ns []*model.Note, n *model.Note) bool {
	for _, m := range ns {
		if m == n {
			return true
		}
	}
	return false
}

// commit puts a column's content on the page.
func (lt *layouter) commit(p *Page, f colFill, colX, top, h Length, col int) {
	for _, pl := range f.body {
		placeItem(p, pl.it, colX, top+pl.y, col)
	}
	for _, n := range f.newN {
		lt.notesDone[n] = true
	}
	if len(f.notes) == 0 {
		return
	}
	var nh Length
	for _, n := range f.notes {
		nh += n.h
	}
	sep := lt.noteSep()
	y := top + h - nh - sep
	p.Rules = append(p.Rules, Rule{X: colX, Y: y + sep/3, W: lt.cfg.columnWidth() / 4, H: Pt * 4 / 10})
	y += sep
	for _, n := range f.notes {
		placeItem(p, n, colX, y, col)
		y += n.h
	}
}

// colX is the left edge of column c on page p.
func (lt *layouter) colX(p *Page, c int) Length {
	return lt.cfg.textLeft(p.Index) + Length(c)*(lt.cfg.columnWidth()+lt.cfg.ColumnGap)
}

// flow sets items in the columns of page p starting at top, adding pages
// as needed. The columns of the last page are balanced.
func (lt *layouter) flow(items []*vitem, p *Page, top Length) *Page {
	cols := lt.cfg.Columns
	var carry []*vitem
	i := 0
	bottom := lt.cfg.MarginTop + lt.cfg.textHeight()
	for {
		h := bottom - top
		if h < lt.cfg.BodyLeading*3 && (i < len(items) || len(carry) > 0) {
			p = lt.newPage()
			top = lt.cfg.MarginTop
			continue
		}
		if cols > 1 {
			h = lt.balance(items, i, h, carry)
		}
		for c := 0; c < cols; c++ {
			f := lt.fill(items, i, h, carry)
			lt.commit(p, f, lt.colX(p, c), top, h, c)
			i, carry = f.end, f.carry
		}
		if i >= len(items) && len(carry) == 0 {
			return p
		}
		p = lt.newPage()
		top = lt.cfg.MarginTop
	}
}

// balance returns the smallest column height, at most h, that takes all the
// remaining items in the page's columns; h itself when they do not fit.
func (lt *layouter) balance(items []*vitem, i int, h Length, carry []*vitem) Length {
	fits := func(h Length) bool {
		saved := map[*model.Note]bool{}
		j, c := i, carry
		ok := true
		for col := 0; col < lt.cfg.Columns; col++ {
			f := lt.fill(items, j, h, c)
			// notes started in a trial column count as placed for the next one
			for _, n := range f.newN {
				if !lt.notesDone[n] {
					saved[n] = true
					lt.notesDone[n] = true
				}
			}
			if f.used+notesHeight(f.notes) > h {
				ok = false
			}
			j, c = f.end, f.carry
		}
		for n := range saved {
			delete(lt.notesDone, n)
		}
		return ok && j >= len(items) && len(c) == 0
	}
	if !fits(h) {
		return h
	}
	lo, hi := Length(0), h // invariant: fits(hi)
	for hi-lo > Pt/2 {
		mid := lo + (hi-lo)/2
		if fits(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

func notesHeight(ns []*vitem) Length {
	var h Length
	for _, n := range ns {
		h += n.h
	}
	return h
}
