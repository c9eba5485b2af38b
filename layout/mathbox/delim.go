package mathbox

import (
	"unicode/utf8"

	"github.com/redtide/edition/fonts/otmath"
	"github.com/redtide/edition/internal/texmath"
)

// Plain TeX's \delimiterfactor and \delimitershortfall (rule 19): a
// delimiter covers at least 901/1000 of the formula around it, and comes
// short of it by no more than 5 pt at 10 pt.
const (
	delimiterFactor    = 901
	delimiterShortfall = 0.5  // em
	nullDelimiterSpace = 0.12 // em: plain TeX's 1.2 pt at 10 pt
)

// delimiter returns the delimiter d at least size points tall, centred
// on the axis: the first Vertical variant that is tall enough, else the
// glyph assembly (rule 19). "" and "." are the null delimiter, an empty
// box \nulldelimiterspace wide.
func (x *setter) delimiter(d string, size float64, st style, off int) *Box {
	if d == "" || d == "." {
		return &Box{Width: nullDelimiterSpace * x.sizeOf(st)}
	}
	r, _ := utf8.DecodeRuneInString(d)
	g, ok := x.lookup(r, off)
	if !ok {
		return &Box{Width: nullDelimiterSpace * x.sizeOf(st)}
	}
	return x.centre(x.vertical(g, d, size, st), st)
}

// vertical grows glyph g, standing for text, to size points: a variant
// or an assembly.
func (x *setter) vertical(g otmath.GlyphID, text string, size float64, st style) *Box {
	c := x.font.Vertical(g)
	if c == nil {
		return x.glyph(g, text, st)
	}
	need := int(size * float64(x.font.UnitsPerEm) / x.sizeOf(st))
	v, ok := c.Fit(need)
	if ok || len(c.Parts) == 0 {
		if v.Glyph == 0 && len(c.Variants) == 0 {
			return x.glyph(g, text, st)
		}
		return x.glyph(v.Glyph, text, st)
	}
	a, _ := c.Assemble(need, x.font.MinConnectorOverlap)
	b := &Box{}
	unit := x.sizeOf(st) / float64(x.font.UnitsPerEm)
	pos := 0.0 // font units from the assembly's bottom
	for i, p := range a.Parts {
		if i > 0 {
			pos -= a.Overlaps[i-1]
		}
		pb := x.glyph(p.Glyph, text, st)
		_, yMin, _, _ := x.font.Box(p.Glyph)
		place(b, pb, 0, (pos-float64(yMin))*unit)
		b.Width = max(b.Width, pb.Width)
		pos += float64(p.FullAdvance)
	}
	// The assembly stands on the baseline; the caller centres it.
	b.Depth = max(b.Depth, 0)
	return b
}

// horizontal grows glyph g, standing for text, to width points: a
// Horizontal variant or an assembly (wide accents, braces, arrows). Its
// reference point is the left end of its baseline.
func (x *setter) horizontal(g otmath.GlyphID, text string, width float64, st style) *Box {
	c := x.font.Horizontal(g)
	if c == nil {
		return x.glyph(g, text, st)
	}
	need := int(width * float64(x.font.UnitsPerEm) / x.sizeOf(st))
	v, ok := c.Fit(need)
	if ok || len(c.Parts) == 0 {
		if len(c.Variants) == 0 {
			return x.glyph(g, text, st)
		}
		return x.glyph(v.Glyph, text, st)
	}
	a, _ := c.Assemble(need, x.font.MinConnectorOverlap)
	b := &Box{}
	pos := 0.0
	unit := x.sizeOf(st) / float64(x.font.UnitsPerEm)
	for i, p := range a.Parts {
		if i > 0 {
			pos -= a.Overlaps[i-1]
		}
		place(b, x.glyph(p.Glyph, text, st), pos*unit, 0)
		pos += float64(p.FullAdvance)
	}
	b.Width = pos * unit
	return b
}

// cover is the size of delimiter that covers a formula of height h and
// depth d in style st (rule 19): 2δ, where δ is the formula's larger
// extent from the axis, at least 901/1000 of it and at most 5 pt short.
func (x *setter) cover(h, d float64, st style) float64 {
	a := x.axis(st)
	delta := max(h-a, d+a)
	return max(2*delta*delimiterFactor/1000, 2*delta-delimiterShortfall*x.sizeOf(st))
}

// delimited sets \left…\middle…\right: the body, then every delimiter
// grown to cover it.
func (x *setter) delimited(n *texmath.Delimited, st style) *Box {
	its := x.items(n.Body, st)
	var h, d float64
	for _, it := range its {
		if it.mid == nil {
			h, d = max(h, it.box.Height), max(d, it.box.Depth)
		}
	}
	size := x.cover(h, d, st)
	for i, it := range its {
		if it.mid != nil {
			its[i].box = x.delimiter(it.mid.Delim, size, st, it.mid.Offset)
		}
	}
	all := make([]item, 0, len(its)+2)
	all = append(all, item{class: texmath.Open, box: x.delimiter(n.Open, size, st, n.Offset), st: st})
	all = append(all, its...)
	all = append(all, item{class: texmath.Close, box: x.delimiter(n.Close, size, st, n.Offset), st: st})
	return x.hlist(all, st)
}

// bigFactors are the sizes of \big, \Big, \bigg and \Bigg in units of
// bigSize, \big in ems, as amsmath sets them (\Big, \bigg and \Bigg at
// 1.5, 2 and 2.5 times \big); bigSize is the height of \big that
// LuaLaTeX's amsmath 2.17n gives at 10 pt (11.18 pt, the box it centres
// on the axis).
var bigFactors = [...]float64{0, 1, 1.5, 2, 2.5}

const bigSize = 1.118

// big sets \big…\Bigg: the delimiter grown to a fixed size by rule 19.
func (x *setter) big(n *texmath.BigDelim, st style) *Box {
	f := 1.0
	if n.Size >= 1 && n.Size < len(bigFactors) {
		f = bigFactors[n.Size]
	}
	h := f * bigSize * x.sizeOf(st) / 2
	a := x.axis(st)
	b := x.delimiter(n.Delim, x.cover(h+a, h-a, st), st, n.Offset)
	// amsmath's box holds the delimiter and the strut it was sized to.
	b.Height, b.Depth = max(b.Height, h+a), max(b.Depth, h-a)
	return b
}
