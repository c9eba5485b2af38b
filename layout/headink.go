package layout

import (
	"strings"
	"unicode/utf8"

	"github.com/redtide/edition/layout/text"
)

// Headlines by their ink. A headline is large: the ink of its last
// glyph may run past the advance width a line is measured by (an
// italic's overhang), and a headline across the columns may end in the
// gutter between two of them, where it reads as a line of the first
// column that runs past its edge. titleLines therefore measures each
// line where its ink ends (the last glyph's advance less its right side
// bearing, from the font's glyf table) and re-sets a headline whose
// ink passes the column it ends in: first a size at most a tenth
// smaller, in steps of a fifty-second (half a point at 26 pt: the eye
// does not tell 25.5 from 26 pt), then the measure cut back to the edge
// of that column.

// inkIn moves each line of items whose first glyph's ink begins left of
// its origin (an A's foot, an italic's lower left) right by as much, so
// that no ink passes the column's left edge.
func (lt *layouter) inkIn(items []*vitem) {
	for _, it := range items {
		for _, sl := range it.lines {
			for i := range sl.Runs {
				r := &sl.Runs[i]
				txt := strings.TrimLeft(r.Text, " \u00a0\u2005")
				if txt == "" {
					continue
				}
				first, _ := utf8.DecodeRuneInString(txt)
				if left, _ := r.Face.Font(lt.fs).Ink(first); left < 0 {
					sl.DX += Length(-left) * r.Size / 1000
				}
				break
			}
		}
	}
}

// inkEnd is where the ink of line sl ends, from the left edge of the
// measure it was set to.
func (lt *layouter) inkEnd(sl *text.Line) Length {
	end := Length(0)
	for i := range sl.Runs {
		r := &sl.Runs[i]
		txt := strings.TrimRight(r.Text, " \u00a0\u2005")
		if txt == "" {
			continue
		}
		f := r.Face.Font(lt.fs)
		last, _ := utf8.DecodeLastRuneInString(txt)
		_, ink := f.Ink(last)
		adv := Length(f.StringWidth(txt)-f.Width(last)+ink) * r.Size / 1000
		end = max(end, r.X+adv)
	}
	return sl.DX + end
}

// inkLimit is the furthest the ink of a line of measure w that ends at x
// may reach: the measure's edge, or the edge of the column x is in, or
// of the column before the gutter x is in. A measure begins at a
// column's left edge.
func (lt *layouter) inkLimit(x, w Length) Length {
	colW, step := lt.cfg.columnWidth(), lt.cfg.columnWidth()+lt.cfg.ColumnGap
	if w <= colW || x <= 0 {
		return w
	}
	k := min(x/step, Length(lt.cfg.Columns-1))
	return min(w, k*step+colW)
}

// inkPast returns the end of the first line of items whose ink passes
// its limit, and that limit.
func (lt *layouter) inkPast(items []*vitem, w Length) (end, limit Length, past bool) {
	for _, it := range items {
		for _, sl := range it.lines {
			x := lt.inkEnd(sl)
			if l := lt.inkLimit(x, w); x > l {
				return x, l, true
			}
		}
	}
	return 0, 0, false
}

// fitInk re-sets a headline whose ink passes a column's edge (see
// above); set sets it at a size, leading and measure.
func (lt *layouter) fitInk(items []*vitem, st text.Style, leading, w Length, set func(text.Style, Length, Length) []*vitem) []*vitem {
	if _, _, past := lt.inkPast(items, w); !past {
		return items
	}
	step := max(st.Size/52, 1) // half a point at 26 pt
	for size := st.Size - step; size >= st.Size*9/10; size -= step {
		s := st
		s.Size = size
		it := set(s, leading*size/st.Size, w)
		if _, _, past := lt.inkPast(it, w); !past && !overfull(it) {
			return it
		}
	}
	cw := w
	for range lt.cfg.Columns + 2 {
		end, limit, past := lt.inkPast(items, cw)
		if !past {
			break
		}
		if limit < cw {
			cw = limit
		} else {
			cw -= end - limit // the overhang past the measure
		}
		items = set(st, leading, cw)
	}
	return items
}
