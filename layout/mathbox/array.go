package mathbox

import (
	"strings"

	"github.com/redtide/edition/internal/texmath"
)

// Spaces of LaTeX and amsmath arrays at 10 pt, in ems: rows are at least
// a strut (0.7 and 0.3 of the 12 pt \baselineskip) tall, \jot (3 pt) apart
// in the align family; matrix columns are 2\arraycolsep (10 pt) apart,
// cases columns a \quad, align pairs 2 em.
const (
	strutHeight = 0.84
	strutDepth  = 0.36
	jot         = 0.3
	colSep      = 0.5
)

// array sets a grid (matrix, cases, aligned, gathered, array): cells in
// their columns' alignment, rows at least a strut apart, the whole centred
// on the axis and, for pmatrix and the like, between delimiters that grow
// to its height. It reports whether it has delimiters.
func (x *setter) array(n *texmath.Array, st style) (*Box, bool) {
	cst := styleOf(n.Style, st)
	if n.Style == texmath.StyleAuto {
		cst = style{level: text}
		if st.level > text {
			cst = st
		}
	}
	if n.Small {
		cst = style{level: script}
	}
	em := x.sizeOf(st)
	cases := strings.Contains(n.Env, "cases")
	stretch := 1.0
	if cases {
		stretch = 1.2
	}
	if n.Small {
		stretch = 0.7
	}
	// Set the cells.
	ncol := 0
	cells := make([][]*Box, len(n.Rows))
	for i, r := range n.Rows {
		for j, c := range r.Cells {
			its := x.items(c, cst)
			if n.Aligned && j%2 == 1 {
				// amsmath starts the left half of a pair with {},
				// so that "&= a" spaces "=" as a relation.
				its = append([]item{{class: texmath.Ord, box: &Box{}, st: cst}}, its...)
			}
			cells[i] = append(cells[i], x.hlist(its, cst))
		}
		ncol = max(ncol, len(r.Cells))
	}
	widths := make([]float64, ncol)
	for _, row := range cells {
		for j, c := range row {
			widths[j] = max(widths[j], c.Width)
		}
	}
	// Column gaps: gap[j] is the space before column j.
	gaps := make([]float64, ncol+1)
	for j := 1; j < ncol; j++ {
		switch {
		case n.Aligned:
			if j%2 == 0 {
				gaps[j] = 2 * em
			}
		case cases:
			gaps[j] = em
		case n.Small:
			gaps[j] = colSep * em
		default:
			gaps[j] = 2 * colSep * em
		}
	}
	if n.Env == "array" || n.Env == "subarray" {
		gaps[0], gaps[ncol] = colSep*em, colSep*em
	}
	b := &Box{}
	y := 0.0 // the baseline of the row, down from the top of the first row
	// The align and gather family set rows as lines of a paragraph:
	// \baselineskip (1.2 em) apart, or \lineskip (0.1 em) between them
	// when they would come closer, with \jot more; arrays set each row
	// at least a strut tall and deep.
	lines := n.Aligned || strings.HasPrefix(n.Env, "gather") || n.Env == "split" || n.Env == "multline"
	prevDepth := 0.0
	var rowY []float64 // each row's baseline, down from the top
	for i, row := range cells {
		h, d := strutHeight*stretch*em, strutDepth*stretch*em
		var ch, cd float64
		for _, c := range row {
			ch, cd = max(ch, c.Height), max(cd, c.Depth)
		}
		h, d = max(h, ch), max(d, cd)
		if lines && i > 0 {
			skip := 1.2 * em // \baselineskip, or \lineskip when too close
			if prevDepth+h > skip {
				skip = prevDepth + h + 0.1*em
			}
			y += jot*em + skip - prevDepth
		} else {
			y += h
		}
		prevDepth = d
		if x.rowY != nil {
			rowY = append(rowY, y)
		}
		xpos := 0.0
		for j := 0; j < ncol; j++ {
			xpos += gaps[j]
			if j < len(row) {
				c := row[j]
				dx := 0.0
				switch align(n, j) {
				case 'r':
					dx = widths[j] - c.Width
				case 'c':
					dx = (widths[j] - c.Width) / 2
				}
				place(b, c, xpos+dx, -y)
			}
			xpos += widths[j]
		}
		b.Width = xpos + gaps[ncol]
		y += d
	}
	// Centre on the axis: the grid is y tall, its top at height 0 so far.
	up := x.axis(st) + y/2
	grid := &Box{Width: b.Width}
	place(grid, b, 0, up)
	grid.Height, grid.Depth = up, y-up
	if x.rowY != nil {
		for i := range rowY {
			rowY[i] -= up
		}
		x.rowY[n] = rowY
	}
	if n.Open == "" && n.Close == "" {
		return grid, false
	}
	size := x.cover(grid.Height, grid.Depth, st)
	out := &Box{}
	if n.Open != "" {
		appendBox(out, x.delimiter(n.Open, size, st, n.Offset))
	}
	appendBox(out, grid)
	if n.Close != "" {
		appendBox(out, x.delimiter(n.Close, size, st, n.Offset))
	}
	if n.Close == "" {
		out.Width += nullDelimiterSpace * em
	}
	return out, true
}

// align is the alignment of column j: as given, the align family's
// pattern repeated, else centred.
func align(n *texmath.Array, j int) byte {
	if j < len(n.Align) {
		return n.Align[j]
	}
	if n.Aligned && len(n.Align) > 0 {
		return n.Align[j%len(n.Align)]
	}
	if n.Aligned {
		return "rl"[j%2]
	}
	return 'c'
}

// enclose frames its body (\boxed, \fbox: LaTeX's \fboxsep 3 pt and
// \fboxrule 0.4 pt) or strikes it through: horizontally (\sout) or
// diagonally (\cancel up to the right, \bcancel down, \xcancel both, as
// the cancel package draws them, corner to corner of the body's box).
func (x *setter) enclose(n *texmath.Enclose, st style) *Box {
	body := x.hlist(x.items(n.Body, st), st)
	em := x.sizeOf(st)
	switch n.Notation {
	case "box":
		sep, t := 0.3*em, 0.04*em
		pad := sep + t
		b := &Box{Width: body.Width + 2*pad}
		place(b, body, pad, 0)
		top, bottom := body.Height+pad, body.Depth+pad
		w := b.Width
		b.Rules = append(b.Rules,
			Rule{X: 0, Y: -top, W: w, H: t}, Rule{X: 0, Y: bottom - t, W: w, H: t},
			Rule{X: 0, Y: -top, W: t, H: top + bottom}, Rule{X: w - t, Y: -top, W: t, H: top + bottom})
		b.Height, b.Depth = max(b.Height, top), max(b.Depth, bottom)
		return b
	case "sout":
		t := x.pt(x.c.FractionRuleThickness, st)
		body.Rules = append(body.Rules, Rule{X: 0, Y: -(x.axis(st) + t/2), W: body.Width, H: t})
		return body
	}
	t := x.pt(x.c.FractionRuleThickness, st)
	up := Line{X1: 0, Y1: body.Depth, X2: body.Width, Y2: -body.Height, W: t}
	down := Line{X1: 0, Y1: -body.Height, X2: body.Width, Y2: body.Depth, W: t}
	switch n.Notation {
	case "cancel":
		body.Lines = append(body.Lines, up)
	case "bcancel":
		body.Lines = append(body.Lines, down)
	case "xcancel":
		body.Lines = append(body.Lines, up, down)
	default:
		x.warn(n.Offset, "%s: a strike this setter does not know", n.Notation)
	}
	return body
}
