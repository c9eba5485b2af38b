package mathbox

import (
	"fmt"
	"math"
	"strings"

	"github.com/redtide/edition/fonts/otmath"
	"github.com/redtide/edition/internal/texmath"
)

// style is one of TeX's eight styles: D, T, S or SS (level 0 to 3),
// cramped or not (The TeXbook, p. 140).
type style struct {
	level   int
	cramped bool
}

const (
	display = iota
	text
	script
	scriptScript
)

// sup is the style of a superscript, sub of a subscript, num and den of
// a fraction's numerator and denominator (The TeXbook, p. 141).
func (s style) sup() style {
	return style{min(max(s.level, text)+1, scriptScript), s.cramped}
}
func (s style) sub() style   { return style{s.sup().level, true} }
func (s style) num() style   { return style{min(s.level+1, scriptScript), s.cramped} }
func (s style) den() style   { return style{s.num().level, true} }
func (s style) cramp() style { return style{s.level, true} }

// scriptForms maps glyphs to the forms the font draws for script and
// scriptscript sizes (the OpenType feature ssty, alternates 1 and 2),
// found by their glyph names: STIX Two Math names them NAME.ssty and
// NAME.ssty2. Lacking a GSUB reader, the names stand in for the feature's
// lookup; a font without such names has none. A glyph with only the
// first form uses it in both styles.
func scriptForms(f *otmath.Font) [2]map[otmath.GlyphID]otmath.GlyphID {
	m := [2]map[otmath.GlyphID]otmath.GlyphID{{}, {}}
	for g := 0; g < f.NumGlyphs(); g++ {
		name := f.Name(otmath.GlyphID(g))
		level := 0
		base, ok := strings.CutSuffix(name, ".ssty")
		if !ok {
			base, ok = strings.CutSuffix(name, ".ssty2")
			level = 1
		}
		if !ok {
			continue
		}
		if b, ok := f.GlyphByName(base); ok {
			m[level][b] = otmath.GlyphID(g)
		}
	}
	for b, g := range m[0] {
		if _, ok := m[1][b]; !ok {
			m[1][b] = g
		}
	}
	return m
}

// setter is the state of setting one formula.
type setter struct {
	font  *otmath.Font
	ssty  [2]map[otmath.GlyphID]otmath.GlyphID
	tex   string // the formula's source, for \cfrac
	c     *otmath.Constants
	size  float64 // text size, in points
	warns []Warning
	// rowY records the baselines of the rows of these arrays, below the
	// array's baseline (nil: none recorded).
	rowY map[*texmath.Array][]float64
}

// pt returns v font units in points in style st.
func (x *setter) pt(v int, st style) float64 {
	return float64(v) * x.sizeOf(st) / float64(x.font.UnitsPerEm)
}

// sizeOf is the font size of style st: rules 1–3 with the MATH table's
// script scale-downs.
func (x *setter) sizeOf(st style) float64 {
	switch st.level {
	case script:
		return x.size * float64(x.c.ScriptPercentScaleDown) / 100
	case scriptScript:
		return x.size * float64(x.c.ScriptScriptPercentScaleDown) / 100
	}
	return x.size
}

// mu is one math unit in style st: 1/18 of the style's em.
func (x *setter) mu(st style) float64 { return x.sizeOf(st) / 18 }

// axis is the height of the math axis in style st.
func (x *setter) axis(st style) float64 { return x.pt(x.c.AxisHeight, st) }

func (x *setter) warn(off int, format string, args ...any) {
	x.warns = append(x.warns, Warning{Offset: off, Msg: fmt.Sprintf(format, args...)})
}

// newSetter prepares to set one formula at o.Size; a size that is not a
// positive finite number is taken as 10 pt.
func (s *Setter) newSetter(o Options) *setter {
	size := o.Size
	if !(size > 0) || math.IsInf(size, 0) {
		size = 10
	}
	return &setter{font: s.font, ssty: s.ssty, c: &s.font.Constants, size: size}
}

func startStyle(o Options) style {
	if o.Display {
		return style{level: display}
	}
	return style{level: text}
}

// layout sets f whole.
func (s *Setter) layout(f *texmath.Formula, o Options) (*Box, []Warning) {
	x := s.newSetter(o)
	x.tex = f.TeX
	st := startStyle(o)
	b := x.hlist(x.items(f.Body, st), st)
	return b, x.warns
}

// display is layout with the row tags of f's outer environments.
func (s *Setter) display(f *texmath.Formula, o Options) (*Box, []RowTag, []Warning) {
	x := s.newSetter(o)
	x.tex = f.TeX
	var arrays []*texmath.Array
	for _, n := range f.Body {
		if a, ok := n.(*texmath.Array); ok && rowTagged(a) {
			arrays = append(arrays, a)
		}
	}
	if len(arrays) > 0 {
		x.rowY = map[*texmath.Array][]float64{}
	}
	st := startStyle(o)
	b := x.hlist(x.items(f.Body, st), st)
	var tags []RowTag
	tst := style{level: text}
	for _, a := range arrays {
		ys := x.rowY[a]
		for i, r := range a.Rows {
			if len(r.Tag) == 0 || r.NoTag || i >= len(ys) {
				continue
			}
			tags = append(tags, RowTag{Box: x.hlist(x.items(r.Tag, tst), tst), Y: ys[i]})
		}
	}
	return b, tags, x.warns
}

// rowTagged reports whether some row of a has a tag to print.
func rowTagged(a *texmath.Array) bool {
	for _, r := range a.Rows {
		if len(r.Tag) > 0 && !r.NoTag {
			return true
		}
	}
	return false
}

// Tag sets a display's \tag as text, "(…)" as the tag reads, for layout to
// place at the right margin; nil when the formula has none or \notag.
func (s *Setter) Tag(f *texmath.Formula, o Options) *Box {
	if f == nil || len(f.Tag) == 0 || f.NoTag {
		return nil
	}
	x := s.newSetter(o)
	st := style{level: text}
	return x.hlist(x.items(f.Tag, st), st)
}

// pieces sets an inline formula and cuts it after each relation and
// binary operation of its outer level that is followed by an atom other
// than a relation (TeX puts no break between two relations).
func (s *Setter) pieces(f *texmath.Formula, o Options) ([]Piece, []Warning) {
	x := s.newSetter(o)
	x.tex = f.TeX
	st := startStyle(o)
	its := x.items(f.Body, st)
	gaps := x.spacing(its)
	var ps []Piece
	cur := &Box{}
	for i := 0; i < len(its); i++ {
		cur.Width += gaps[i]
		appendBox(cur, its[i].box)
		pen := 0
		switch {
		case its[i].kern:
			continue
		case its[i].class == texmath.Rel:
			pen = 500
		case its[i].class == texmath.Bin:
			pen = 700
		default:
			continue
		}
		next := nextAtom(its, i)
		if next < 0 || its[next].class == texmath.Rel {
			continue
		}
		// The space after the operator, up to the next atom, goes with
		// the break: dropped at a break, the piece's Space otherwise.
		sp := gaps[next]
		for j := i + 1; j < next; j++ {
			sp += gaps[j] + its[j].box.Width
		}
		ps = append(ps, Piece{Box: cur, Penalty: pen, Break: true, Space: sp})
		cur = &Box{}
		gaps[next] = 0
		i = next - 1
	}
	ps = append(ps, Piece{Box: cur})
	return ps, x.warns
}

// appendBox sets src after the material of dst.
func appendBox(dst, src *Box) {
	place(dst, src, dst.Width, 0)
	dst.Width += src.Width
}

// place adds src's glyphs and rules to dst with src's reference point at
// dx, raised by up, and grows dst's height and depth; not its width. src
// is used up: every box is placed once, into its parent, and an empty
// parent takes over its glyphs rather than copying them.
func place(dst, src *Box, dx, up float64) {
	if len(dst.Glyphs) == 0 && len(dst.Rules) == 0 && len(src.Lines) == 0 {
		dst.Glyphs, dst.Rules = src.Glyphs, src.Rules
		src.Glyphs, src.Rules = nil, nil
		if dx != 0 || up != 0 {
			for i := range dst.Glyphs {
				dst.Glyphs[i].X += dx
				dst.Glyphs[i].Y -= up
			}
			for i := range dst.Rules {
				dst.Rules[i].X += dx
				dst.Rules[i].Y -= up
			}
		}
		dst.Height = max(dst.Height, src.Height+up)
		dst.Depth = max(dst.Depth, src.Depth-up)
		return
	}
	dst.Add(src, dx, -up, 1)
	dst.Height = max(dst.Height, src.Height+up)
	dst.Depth = max(dst.Depth, src.Depth-up)
}

// shifted returns b raised by up.
func shifted(b *Box, up float64) *Box {
	n := &Box{Width: b.Width}
	place(n, b, 0, up)
	// A box may lie wholly above or below the baseline: its extents
	// are kept as they are, not floored at zero.
	n.Height, n.Depth = b.Height+up, b.Depth-up
	return n
}
