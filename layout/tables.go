package layout

import (
	"fmt"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/layout/text"
)

// table sets a table row by row. Column widths follow the content (TeX's
// tabular with p-columns chosen automatically); a table never gets wider
// than the measure: its size shrinks first, then cells wrap.
func (lt *layouter) table(t *model.Table, c blockCtx) []*vitem {
	rows := lt.tableGrid(t, c)
	if len(t.Caption) == 0 || len(rows) == 0 {
		return rows
	}
	// The caption above the table, as a table's title is set, kept with
	// its first row.
	capCtx := c
	capCtx.size = c.size * 85 / 100
	capCtx.leading = c.leading * 85 / 100
	capCtx.kind = KindCaption
	capCtx.italic = true
	capCtx.justify = false
	capCtx.label = nil
	caps := lt.paragraph(lt.flatten(t.Caption, capCtx.style(), nil), capCtx, 0, 0)
	for i, it := range caps {
		it.noBreak = it.noBreak || i > 0
	}
	sp := spaceItem(c.leading / 4)
	sp.noBreak = true
	rows[0].noBreak = true
	return append(append(caps, sp), rows...)
}

// tableGrid sets a table's rows.
func (lt *layouter) tableGrid(t *model.Table, c blockCtx) []*vitem {
	rows := tableCells(t)
	ncol := len(t.Align)
	for _, r := range rows {
		ncol = max(ncol, len(r))
	}
	if ncol == 0 {
		return nil
	}
	size := c.size * 85 / 100
	tm := lt.measureTable(rows, t.Header != nil, ncol, size, c.width)
	if tm.sum(tm.minW) > c.width {
		// shrink the type, down to 6pt, so the longest words fit
		f := float64(c.width) / float64(tm.sum(tm.minW))
		size = max(6*Pt, Length(float64(size)*f))
		tm = lt.measureTable(rows, t.Header != nil, ncol, size, c.width)
		if tm.sum(tm.minW) > c.width {
			lt.warn(fmt.Sprintf("table of %d columns too wide for the measure even at %s; set as a list of rows: %s",
				ncol, size, text.Abbrev(lt.headerPieces(t, c.style()))))
			return lt.tableRows(t, c)
		}
	}
	widths := tm.widths(c.width)
	var out []*vitem
	for ri, r := range rows {
		it := lt.tableRow(t, r, ri, len(rows), widths, tm.pad, size, c)
		if it.h > lt.cfg.textHeight()/4 {
			out = append(out, splitRow(it, size*12/10)...)
			continue
		}
		out = append(out, it)
	}
	return out
}

// tableCells are the rows of a table, its header first.
func tableCells(t *model.Table) [][]model.Cell {
	var rows [][]model.Cell
	if t.Header != nil {
		rows = append(rows, t.Header)
	}
	return append(rows, t.Rows...)
}

// tableMeasure is the natural and the minimum width of each column of a
// table (the longest line and the longest word of its cells), and the
// padding on each side of a cell.
type tableMeasure struct {
	natW, minW []Length
	pad        Length
}

// measureTable measures a table's columns at type size size; a word
// counts at most half the measure.
func (lt *layouter) measureTable(rows [][]model.Cell, header bool, ncol int, size, measure Length) tableMeasure {
	tm := tableMeasure{natW: make([]Length, ncol), minW: make([]Length, ncol), pad: size / 2}
	var wb text.WordBuf
	for ri, r := range rows {
		st := text.Style{Face: Face{Kind: TextFace}, Size: size}
		if ri == 0 && header {
			st.Face.Style = fonts.Bold
		}
		for ci, cell := range r {
			words, _ := text.SplitWords(lt.flatten(cell.Inlines, st, nil), &wb)
			line := Length(0)
			for wi, w := range words {
				ww := Length(0)
				for _, p := range w.Pieces {
					ww += lt.Width(p.Text, p.Style)
				}
				tm.minW[ci] = max(tm.minW[ci], min(ww, measure/2))
				line += ww
				if wi > 0 {
					line += lt.Width(" ", st)
				}
			}
			tm.natW[ci] = max(tm.natW[ci], line)
		}
	}
	return tm
}

// sum is the width of a table whose columns are ws wide, padding included.
func (tm tableMeasure) sum(ws []Length) Length {
	s := Length(0)
	for _, w := range ws {
		s += w + 2*tm.pad
	}
	return s
}

// widths chooses the column widths for a table of at most width: the
// natural widths when they fit, else the minimum widths with the rest of
// the measure shared in proportion to what each column lacks, else equal
// widths.
func (tm tableMeasure) widths(width Length) []Length {
	ncol := len(tm.natW)
	widths := make([]Length, ncol)
	avail := width - Length(ncol)*2*tm.pad
	switch {
	case tm.sum(tm.natW) <= width:
		copy(widths, tm.natW)
	case tm.sum(tm.minW) <= width:
		var slack Length
		extra := avail
		for i := range tm.natW {
			slack += tm.natW[i] - tm.minW[i]
			extra -= tm.minW[i]
		}
		for i := range widths {
			widths[i] = tm.minW[i]
			if slack > 0 {
				widths[i] += Length(int64(extra) * int64(tm.natW[i]-tm.minW[i]) / int64(slack))
			}
		}
	default:
		for i := range widths {
			widths[i] = avail / Length(ncol)
		}
	}
	return widths
}

// tableRow sets row ri of n rows of a table: its cells side by side, the
// rules that open and close the table and underline the header.
func (lt *layouter) tableRow(t *model.Table, r []model.Cell, ri, n int, widths []Length, pad, size Length, c blockCtx) *vitem {
	header := ri == 0 && t.Header != nil
	leading := size * 12 / 10
	defer func(n any) { lt.node = n }(lt.node)
	it := &vitem{}
	x := c.dx
	h := leading
	for ci := range widths {
		if ci < len(r) {
			al := model.AlignNone
			if ci < len(t.Align) {
				al = t.Align[ci]
			}
			lt.node = &r[ci]
			lines := lt.tableCell(r[ci], header, al, widths[ci], size, c)
			y := Length(0)
			for _, l := range lines {
				sl := l.lines[0]
				sl.DX += x + pad
				it.lines = append(it.lines, sl)
				it.lineY = append(it.lineY, pad/4+y)
				it.notes = append(it.notes, sl.Notes...)
				y += l.h // the leading, or more for a tall formula
			}
			h = max(h, y)
		}
		x += widths[ci] + 2*pad
	}
	total := x - c.dx
	it.h = h + pad/2
	if ri == 0 {
		it.rules = append(it.rules, Rule{X: c.dx, Y: 0, W: total, H: Pt / 2})
	}
	if header {
		it.rules = append(it.rules, Rule{X: c.dx, Y: it.h - Pt/4, W: total, H: Pt / 4})
	}
	if ri == n-1 {
		it.rules = append(it.rules, Rule{X: c.dx, Y: it.h - Pt/2, W: total, H: Pt / 2})
	}
	// keep short tables whole, longer ones with the header and the
	// last row attached to their neighbours
	if ri > 0 && (n <= 6 || (ri == 1 && t.Header != nil) || ri == n-1) {
		it.noBreak = true
	}
	return it
}

// tableCell sets one cell at width w, aligned; its lines are shifted from
// the cell's left edge.
func (lt *layouter) tableCell(cell model.Cell, header bool, al model.Align, w, size Length, c blockCtx) []*vitem {
	st := text.Style{Face: Face{Kind: TextFace}, Size: size}
	if header {
		st.Face.Style = fonts.Bold
	}
	ctx := c
	ctx.width, ctx.size, ctx.leading, ctx.kind, ctx.justify, ctx.label = w, size, size*12/10, KindTable, false, nil
	ctx.dx = 0
	lines := lt.paragraph(lt.flatten(cell.Inlines, st, nil), ctx, 0, 0)
	for _, l := range lines {
		sl := l.lines[0]
		sl.DX = 0
		switch al {
		case model.AlignRight:
			sl.DX = w - sl.NaturalRight()
		case model.AlignCenter:
			sl.DX = (w - sl.NaturalRight()) / 2
		}
	}
	return lines
}

// headerPieces is the text of a table's header row, for messages.
func (lt *layouter) headerPieces(t *model.Table, st text.Style) []text.Piece {
	var ps []text.Piece
	for _, h := range t.Header {
		ps = lt.flatten(h.Inlines, st, ps)
		ps = append(ps, text.Piece{Text: " ", Style: st})
	}
	return ps
}

// tableRows sets a table too wide for the measure as a list of its rows
// between the rules that open and close a table: each row is a paragraph
// of "header: cell" pairs, its later lines indented, so that no cell is
// lost and no line overfull however many columns there are.
func (lt *layouter) tableRows(t *model.Table, c blockCtx) []*vitem {
	size := c.size * 85 / 100
	ctx := c
	ctx.size, ctx.leading, ctx.kind, ctx.label, ctx.justify = size, size*12/10, KindTable, nil, false
	hang := size
	head := text.Style{Face: Face{Kind: TextFace, Style: fonts.Bold}, Size: size}
	pad := size / 2
	rule := func(h Length) *vitem {
		return &vitem{h: pad, rules: []Rule{{X: c.dx, Y: pad / 2, W: c.width, H: h}}}
	}
	out := []*vitem{rule(Pt / 2)}
	defer func(n any) { lt.node = n }(lt.node)
	for ri, r := range t.Rows {
		var ps []text.Piece
		if len(r) > 0 {
			lt.node = &r[0] // words past the first cell's are not counted as the EPUB does
		}
		for ci, cell := range r {
			if len(cell.Inlines) == 0 {
				continue
			}
			if len(ps) > 0 {
				ps = append(ps, text.Piece{Text: "; ", Style: ctx.style()})
			}
			if ci < len(t.Header) && len(t.Header[ci].Inlines) > 0 {
				ps = lt.flatten(t.Header[ci].Inlines, head, ps)
				ps = append(ps, text.Piece{Text: ": ", Style: head})
			}
			ps = lt.flatten(cell.Inlines, ctx.style(), ps)
		}
		if ri > 0 {
			out = append(out, rule(Pt/4))
		}
		out = append(out, lt.paragraph(ps, ctx, 0, hang)...)
	}
	if len(t.Rows) == 0 {
		// a header alone: its cells are the text
		out = append(out, lt.paragraph(lt.headerPieces(t, head), ctx, 0, hang)...)
	}
	out = append(out, rule(Pt/2))
	out[len(out)-1].noBreak = true
	return out
}

// splitRow cuts a row too tall to keep whole into bands of one line of
// every cell, so that it can break across columns.
func splitRow(it *vitem, leading Length) []*vitem {
	n := int((it.h + leading - 1) / leading)
	bands := make([]*vitem, n)
	for i := range bands {
		bands[i] = &vitem{h: leading}
	}
	bands[0].noBreak = it.noBreak
	bands[n-1].h = it.h - Length(n-1)*leading
	for i, sl := range it.lines {
		b := min(int(it.lineY[i]/leading), n-1)
		bands[b].lines = append(bands[b].lines, sl)
		bands[b].lineY = append(bands[b].lineY, it.lineY[i]-Length(b)*leading)
		bands[b].notes = append(bands[b].notes, sl.Notes...)
	}
	for _, r := range it.rules {
		b := min(int(r.Y/leading), n-1)
		r.Y -= Length(b) * leading
		bands[b].rules = append(bands[b].rules, r)
	}
	return bands
}
