package layout

import (
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/fonts/otmath"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/layout/mathbox"
	"github.com/redtide/edition/layout/text"
)

// This file sets math for print: inline formulas as boxes in the lines of
// their paragraph (package text breaks them after their outer relations
// and binary operations), display formulas centred in the column, each
// with its \tag at the right margin; both by package mathbox, in STIX Two
// Math. A formula the markdown layer could not read (Formula nil) is set
// as its TeX source in the monospaced face, as before.

// mathFace is the math font, read once when an edition first sets math
// (its 6,760 glyphs take a while to read), and a setter of it, which is
// safe for concurrent use.
var mathFace = sync.OnceValues(func() (*mathbox.Setter, error) {
	f, err := otmath.Parse(fonts.MathData())
	if err != nil {
		return nil, err
	}
	return mathbox.NewSetter(f), nil
})

// mathSetter returns the math setter, nil (with one warning) when the math
// font cannot be read: formulas are then set as their source.
func (lt *layouter) mathSetter() *mathbox.Setter {
	s, err := mathFace()
	if err != nil {
		lt.warnOnce("math font", lt.at(fmt.Sprintf("math font %s: %v; formulas are printed as their TeX source", fonts.MathName, err)))
		return nil
	}
	return s
}

// inlineMath appends the pieces of inline formula m in style st: the
// pieces mathbox sets it in, each with the break after it and the math
// space that a break drops. The space keeps its width in a justified
// line: TeX's thick and medium spaces stretch, but the space before a
// relation or operation is inside its piece and cannot, and a relation
// spaced unevenly reads worse than word spaces a little wider.
func (lt *layouter) inlineMath(m *model.Math, st text.Style, out []text.Piece) []text.Piece {
	s := lt.mathSetter()
	if s == nil || m.Formula == nil {
		// TeX source, in the mono face
		st.Face = Face{Kind: MonoFace}
		st.Size = st.Size * 9 / 10
		return append(out, text.Piece{Text: m.TeX, Style: st})
	}
	ps, ws := s.Pieces(m.Formula, mathbox.Options{Size: st.Size.Points()})
	lt.mathWarnings(m.TeX, ws)
	for i, p := range ps {
		if p.Box == nil {
			continue
		}
		mp := &text.MathPiece{Box: p.Box, Break: p.Break, Penalty: p.Penalty, Space: FromPoints(p.Space)}
		if i == 0 {
			mp.TeX = m.TeX
		}
		out = append(out, text.Piece{Style: st, Math: mp})
	}
	return out
}

// mathWarnings gives the setter's warnings at the line of the formula's
// TeX that they point to, counted from the block's line.
func (lt *layouter) mathWarnings(tex string, ws []mathbox.Warning) {
	for _, w := range ws {
		off := min(max(w.Offset, 0), len(tex))
		lt.warnOnce("", diag.Warning{Path: lt.source, Line: max(lt.line, 0) + strings.Count(tex[:off], "\n"),
			Msg: fmt.Sprintf("TeX math %q: %s", mathExcerpt(tex, off), w.Msg)})
	}
}

// mathExcerpt is the TeX around offset off, for a message.
func mathExcerpt(tex string, off int) string {
	start, end := max(0, off-20), min(len(tex), off+20)
	for start > 0 && !utf8.RuneStart(tex[start]) {
		start--
	}
	for end < len(tex) && !utf8.RuneStart(tex[end]) {
		end++
	}
	return strings.Join(strings.Fields(tex[start:end]), " ")
}

// displayMath sets a display formula: centred in the column in display
// style, its \tag (if any) flush with the column's right edge, in one
// item that no column break splits. A formula wider than the column
// breaks after an outer relation or binary operation onto continuation
// lines indented by two quads, when its pieces allow that; else it is
// scaled down to the column, with a warning. A formula that could not be
// read is set as its source.
func (lt *layouter) displayMath(b *model.MathBlock, c blockCtx) []*vitem {
	s := lt.mathSetter()
	if s == nil || b.Formula == nil {
		return lt.surround(lt.code(b.TeX, c, true), c.leading/2)
	}
	o := mathbox.Options{Size: c.size.Points(), Display: true}
	box, rowTags, ws := s.Display(b.Formula, o)
	lt.mathWarnings(b.TeX, ws)
	if box == nil {
		return lt.surround(lt.code(b.TeX, c, true), c.leading/2)
	}
	pieces := func() []mathbox.Piece {
		ps, _ := s.Pieces(b.Formula, o) // Layout gave the warnings
		return ps
	}
	// a display is never split: one taller than half a column (a long
	// align), which might not fit below an article's head or in what is
	// left of a column, is scaled down, as a picture is
	if maxH, h := lt.cfg.textHeight()/2, FromPoints(box.Height+box.Depth); h > maxH && maxH > 0 {
		f := float64(maxH) / float64(h)
		lt.warn(fmt.Sprintf("display math %q is taller than half a column; it is printed at %.0f%% of its size", displayExcerpt(b.TeX), f*100))
		box = scaleBox(box, f)
		for i := range rowTags {
			rowTags[i].Y *= f
		}
		pieces = func() []mathbox.Piece { return nil }
	}
	var rows []mathRow
	var scale float64
	if len(rowTags) > 0 {
		rows, scale = taggedRows(box, rowTags, c.width, c.size)
	} else {
		rows, scale = displayRows(box, s.Tag(b.Formula, o), pieces, c.width, c.size)
	}
	if scale < 1 {
		lt.warn(fmt.Sprintf("display math %q is %.0f%% wider than the column and cannot break after an outer relation; it is printed at %.0f%% of its size",
			displayExcerpt(b.TeX), (1/scale-1)*100, scale*100))
	}
	lt.par++
	it := &vitem{}
	y := Length(0)
	gap := c.size * 3 / 10 // TeX's \jot
	W := c.width
	for i, r := range rows {
		up, down := c.size*78/100, c.size*24/100
		for _, bx := range append([]*mathbox.Box{r.box, r.tag}, r.rowTags...) {
			if bx != nil {
				up, down = max(up, FromPoints(bx.Height)), max(down, FromPoints(bx.Depth))
			}
		}
		base := c.leading * 77 / 100
		extraUp := max(0, up+gap/2-base)
		extraDown := max(0, down+gap/2-(c.leading-base))
		sl := &text.Line{Height: c.leading + extraUp + extraDown, Base: base + extraUp, Width: W, DX: c.dx}
		if r.box != nil {
			sl.Runs = append(sl.Runs, Run{X: r.x, Width: FromPoints(r.box.Width), Size: c.size, Math: r.box})
		}
		if r.tag != nil {
			sl.Runs = append(sl.Runs, Run{X: r.tagX, Width: FromPoints(r.tag.Width), Size: c.size, Math: r.tag})
		}
		for _, t := range r.rowTags {
			sl.Runs = append(sl.Runs, Run{X: W - FromPoints(t.Width), Width: FromPoints(t.Width), Size: c.size, Math: t})
		}
		sl.Info = TextLine{Kind: KindMath, Width: W, Source: lt.source, SourceLine: lt.line, Node: lt.node, ParLine: i, ParLen: len(rows)}
		lt.numbered(sl)
		it.lines = append(it.lines, sl)
		it.lineY = append(it.lineY, y)
		y += sl.Height
	}
	it.h = y
	if lt.cfg.BaselineGrid {
		// whole lines of the grid, the white shared above and below
		l := lt.cfg.BodyLeading
		h := (y + l - 1) / l * l
		for i := range it.lineY {
			it.lineY[i] += (h - y) / 2
		}
		it.h = h
	}
	// no column break before a display (TeX's \predisplaypenalty 10000)
	out := lt.surround([]*vitem{it}, c.leading/2)
	out[0].noBreak, out[1].noBreak = true, true
	return out
}

// mathRow is a line of a display: a formula, or part of one, and an
// equation number, at their distances from the column's left edge.
type mathRow struct {
	box, tag *mathbox.Box
	x, tagX  Length
	// rowTags are the numbers of the rows of the formula's environments,
	// each moved onto its row's baseline, flush right.
	rowTags []*mathbox.Box
}

// taggedRows places display box b, whose environment's rows carry the
// numbers tags, in a column of width w, quad being a quad of the text:
// the formula centred, or moved left of centre to keep a quad from the
// widest number, and scaled by scale < 1 when even that does not fit;
// each number flush right on its row's baseline, as amsmath sets them.
func taggedRows(b *mathbox.Box, tags []mathbox.RowTag, w, quad Length) (rows []mathRow, scale float64) {
	scale = 1
	tw := Length(0)
	for _, t := range tags {
		tw = max(tw, FromPoints(t.Box.Width))
	}
	avail := w - tw - quad
	bw := FromPoints(b.Width)
	if bw > avail && bw > 0 {
		scale = max(float64(avail), float64(w)/4) / float64(bw)
		b, bw = scaleBox(b, scale), Length(float64(bw)*scale)
	}
	r := mathRow{box: b, x: max(min((w-bw)/2, avail-bw), 0)}
	for _, t := range tags {
		r.rowTags = append(r.rowTags, shiftBox(t.Box, t.Y*scale))
	}
	return []mathRow{r}, scale
}

// shiftBox returns b moved down by dy points (up for dy < 0).
func shiftBox(b *mathbox.Box, dy float64) *mathbox.Box {
	s := &mathbox.Box{Width: b.Width, Height: b.Height - dy, Depth: b.Depth + dy}
	s.Add(b, 0, dy, 1)
	return s
}

// displayExcerpt is the start of a display's TeX, for a message, without
// the \label{…} a post often opens it with.
func displayExcerpt(tex string) string {
	t := strings.TrimSpace(tex)
	for strings.HasPrefix(t, `\label{`) {
		end := strings.IndexByte(t, '}')
		if end < 0 {
			break
		}
		t = strings.TrimSpace(t[end+1:])
	}
	return mathExcerpt(t, 0)
}

// displayRows places display box b (display style), with its equation
// number tag (nil for none), in a column of width w, quad being a quad of
// the text: centred, the number flush right, the formula moved left of
// centre when the number would come closer than a quad, and the number on
// a line of its own below when even that does not fit (TeX's rule, The
// TeXbook p. 188). A formula wider than the column breaks into lines of
// its pieces (taken from pieces only then) after a relation or binary
// operation, continuation lines indented by two quads; when the pieces
// do not allow it, the formula is scaled by scale < 1 to fit.
func displayRows(b, tag *mathbox.Box, pieces func() []mathbox.Piece, w, quad Length) (rows []mathRow, scale float64) {
	scale = 1
	bw := FromPoints(b.Width)
	var tagRow *mathRow
	if tag != nil {
		tw := FromPoints(tag.Width)
		if avail := w - tw - quad; bw <= avail {
			return []mathRow{{box: b, x: max(min((w-bw)/2, avail-bw), 0), tag: tag, tagX: w - tw}}, 1
		}
		tagRow = &mathRow{tag: tag, tagX: max(w-tw, 0)}
	}
	switch {
	case bw <= w:
		rows = []mathRow{{box: b, x: (w - bw) / 2}}
	default:
		if lines := breakDisplay(pieces(), w, 2*quad); lines != nil {
			for i, l := range lines {
				r := mathRow{box: l}
				if i > 0 {
					r.x = 2 * quad
				}
				rows = append(rows, r)
			}
			break
		}
		scale = float64(w) / float64(bw)
		rows = []mathRow{{box: scaleBox(b, scale)}}
	}
	if tagRow != nil {
		rows = append(rows, *tagRow)
	}
	return rows, scale
}

// breakDisplay cuts the pieces of a display formula too wide for measure
// w into lines after its outer relations or binary operations, each as
// long as fits (continuation lines are indent narrower); nil when the
// pieces do not allow lines that fit.
func breakDisplay(ps []mathbox.Piece, w, indent Length) []*mathbox.Box {
	if len(ps) < 2 {
		return nil
	}
	var out []*mathbox.Box
	start := 0
	for start < len(ps) {
		measure := w
		if len(out) > 0 {
			measure = w - indent
		}
		// the longest run of pieces from start that fits and ends at a break
		end, width := -1, Length(0)
		for k := start; k < len(ps); k++ {
			if ps[k].Box == nil {
				return nil
			}
			width += FromPoints(ps[k].Box.Width)
			if width > measure {
				break
			}
			if ps[k].Break || k == len(ps)-1 {
				end = k + 1
			}
			width += FromPoints(ps[k].Space)
		}
		if end < 0 {
			return nil
		}
		out = append(out, joinPieces(ps[start:end]))
		start = end
	}
	return out
}

// joinPieces sets pieces of a formula in a row, with the math space
// between them: one box.
func joinPieces(ps []mathbox.Piece) *mathbox.Box {
	j := &mathbox.Box{}
	x := 0.0
	for i, p := range ps {
		j.Add(p.Box, x, 0, 1)
		j.Height, j.Depth = max(j.Height, p.Box.Height), max(j.Depth, p.Box.Depth)
		x += p.Box.Width
		if i < len(ps)-1 {
			x += p.Space
		}
	}
	j.Width = x
	return j
}

// scaleBox returns b scaled by f about its reference point.
func scaleBox(b *mathbox.Box, f float64) *mathbox.Box {
	s := &mathbox.Box{Width: b.Width * f, Height: b.Height * f, Depth: b.Depth * f}
	s.Add(b, 0, 0, f)
	return s
}
