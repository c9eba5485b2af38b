package mathbox

import (
	"strings"
	"unicode/utf8"

	"github.com/redtide/edition/fonts/otmath"
	"github.com/redtide/edition/internal/texmath"
)

// atom sets one node of a math list as a nucleus (rules 7–17).
func (x *setter) atom(n texmath.Node, st style) nuc {
	switch n := n.(type) {
	case *texmath.Symbol:
		v := n.Variant
		if v == texmath.VariantAuto && n.Kind == texmath.Operator {
			v = texmath.Normal // \bmod's "mod" is upright
		}
		text := n.Text
		if text == ":" && n.Class == texmath.Rel {
			text = "∶" // the ratio, as unicode-math sets a relation colon
		}
		a := x.run(text, v, n.Variant != texmath.Normal, st, n.Offset)
		a.class = n.Class
		return a
	case *texmath.Group:
		// \mathbf{x} and the like are groups to texmath but a font
		// change in TeX: one letter stays a character for its scripts.
		if len(n.Body) == 1 && n.Class == texmath.Ord {
			if s, ok := n.Body[0].(*texmath.Symbol); ok && s.Variant != texmath.VariantAuto && utf8.RuneCountInString(s.Text) == 1 {
				a := x.run(s.Text, s.Variant, s.Variant != texmath.Normal, st, s.Offset)
				a.class = texmath.Ord
				return a
			}
		}
		a := nuc{box: x.hlist(x.items(n.Body, st), st), class: n.Class}
		if n.Class == texmath.Op {
			a.op, a.limits = true, true
		}
		return a
	case *texmath.Scripts:
		return x.scripts(n, st)
	case *texmath.OpName:
		return x.opName(n, st)
	case *texmath.Frac:
		return nuc{box: x.frac(n, st), class: texmath.Inner}
	case *texmath.Radical:
		return nuc{box: x.radical(n, st), class: texmath.Ord}
	case *texmath.Accent:
		return x.accent(n, st)
	case *texmath.Stack:
		return nuc{box: x.stack(n, st), class: n.Class}
	case *texmath.Delimited:
		return nuc{box: x.delimited(n, st), class: texmath.Inner}
	case *texmath.Middle:
		x.warn(n.Offset, `\middle outside \left…\right`)
		return nuc{box: x.delimiter(n.Delim, 0, st, n.Offset), class: texmath.Ord}
	case *texmath.BigDelim:
		return nuc{box: x.big(n, st), class: n.Class}
	case *texmath.TextRun:
		return nuc{box: x.textRun(n, st), class: texmath.Ord}
	case *texmath.Phantom:
		b := x.hlist(x.items(n.Body, st), st)
		p := &Box{Width: b.Width, Height: b.Height, Depth: b.Depth}
		if n.Horizontal != n.Vertical { // \hphantom or \vphantom
			if !n.Horizontal {
				p.Width = 0
			}
			if !n.Vertical {
				p.Height, p.Depth = 0, 0
			}
		}
		return nuc{box: p, class: texmath.Ord}
	case *texmath.Enclose:
		return nuc{box: x.enclose(n, st), class: texmath.Ord}
	case *texmath.Rule:
		mu := x.mu(st)
		w, h, r := n.Width*mu, n.Height*mu, n.Raise*mu
		b := &Box{Width: max(w, 0), Height: max(h+r, 0), Depth: max(-r, 0)}
		if w > 0 && h > 0 {
			b.Rules = []Rule{{X: 0, Y: -(h + r), W: w, H: h}}
		}
		return nuc{box: b, class: texmath.Ord}
	case *texmath.Ref:
		label := n.Label
		if n.Text != "" {
			label = n.Text
		} else if n.Paren {
			label = "(" + label + ")"
		}
		return nuc{box: x.textRun(&texmath.TextRun{At: n.At, Text: label, Variant: texmath.Normal}, st), class: texmath.Ord}
	case *texmath.Array:
		b, delimited := x.array(n, st)
		c := texmath.Ord
		if delimited {
			c = texmath.Inner
		}
		return nuc{box: b, class: c}
	case *texmath.Space:
		return nuc{box: &Box{Width: n.MU * x.mu(st)}, class: texmath.Ord}
	case *texmath.StyleChange:
		st2 := styleOf(n.Style, st)
		return nuc{box: x.hlist(x.items(n.Body, st2), st2), class: texmath.Ord}
	}
	x.warn(n.Pos(), "math node %T not set", n)
	return nuc{box: &Box{}, class: texmath.Ord}
}

// glyph sets g in style st as a box of its own, standing for text.
func (x *setter) glyph(g otmath.GlyphID, text string, st style) *Box {
	size := x.sizeOf(st)
	_, yMin, _, yMax := x.font.Box(g)
	return &Box{
		Width:  x.pt(x.font.Advance(g), st),
		Height: max(x.pt(yMax, st), 0),
		Depth:  max(x.pt(-yMin, st), 0),
		Glyphs: []Glyph{{Size: size, GID: g, Text: text}},
	}
}

// addGlyph sets g, standing for text, at the end of b.
func (x *setter) addGlyph(b *Box, g otmath.GlyphID, text string, st style) {
	_, yMin, _, yMax := x.font.Box(g)
	b.Glyphs = append(b.Glyphs, Glyph{X: b.Width, Size: x.sizeOf(st), GID: g, Text: text})
	b.Height = max(b.Height, x.pt(yMax, st))
	b.Depth = max(b.Depth, x.pt(-yMin, st))
	b.Width += x.pt(x.font.Advance(g), st)
}

// lookup returns the glyph of r, warning when the font has none.
func (x *setter) lookup(r rune, off int) (otmath.GlyphID, bool) {
	if r == '\n' || r == '\r' || r == '\t' {
		r = ' ' // an end of line in \text or \verb is a space, as TeX reads it
	}
	g, ok := x.font.Glyph(r)
	if !ok {
		x.warn(off, "no glyph for %q (U+%04X) in the math font", r, r)
	}
	return g, ok
}

// scriptForm is g as drawn in style st: its script-size form in script
// and scriptscript styles, when the font has one.
func (x *setter) scriptForm(g otmath.GlyphID, st style) otmath.GlyphID {
	if st.level >= script {
		if s, ok := x.ssty[st.level-script][g]; ok {
			return s
		}
	}
	return g
}

// run sets the characters of a symbol in alphabet v, each followed by its
// italic correction but the last, whose correction is left to the caller
// (rule 17: added unless a subscript follows). ssty takes the font's
// script forms in script styles: not for upright words (\mathrm, operator
// names), which TeX sets in the text face.
func (x *setter) run(s string, v texmath.Variant, ssty bool, st style, off int) nuc {
	a := nuc{box: &Box{}}
	n := 0
	for i, r := range s {
		g, ok := x.lookup(texmath.Styled(r, v), off)
		if !ok {
			continue
		}
		if ssty {
			g = x.scriptForm(g, st)
		}
		a.box.Width += a.italic
		x.addGlyph(a.box, g, s[i:i+utf8.RuneLen(r)], st)
		a.italic = 0
		if ic, ok := x.font.ItalicCorrection(g); ok {
			a.italic = x.pt(ic, st)
		}
		a.glyph = g
		n++
	}
	// A lone glyph is a character box for rule 18a, even an extended
	// shape such as ")": LuaTeX does the same; grown delimiters and
	// large operators are boxes.
	a.char = n == 1
	return a
}

// textRun sets \text{…} upright (or in its alphabet) with the math font's
// own letters, spaces as the font's space.
func (x *setter) textRun(n *texmath.TextRun, st style) *Box {
	b := &Box{}
	for _, r := range n.Text {
		if r == ' ' || r == '\u00a0' {
			b.Width += x.spaceWidth(st)
			continue
		}
		g, ok := x.lookup(texmath.Styled(r, n.Variant), n.Offset)
		if !ok {
			continue
		}
		x.addGlyph(b, g, string(r), st)
	}
	return b
}

// spaceWidth is an interword space in style st: the font's space, or a
// quarter em.
func (x *setter) spaceWidth(st style) float64 {
	if g, ok := x.font.Glyph(' '); ok && x.font.Advance(g) > 0 {
		return x.pt(x.font.Advance(g), st)
	}
	return x.sizeOf(st) / 4
}

// opName sets a large operator (rule 13): a symbol at its display size
// in display style, centred on the axis; or a name such as lim, upright.
func (x *setter) opName(n *texmath.OpName, st style) nuc {
	a := nuc{class: texmath.Op, op: true}
	switch n.Limits {
	case texmath.StyleLimits:
		a.limits = true
	case texmath.AlwaysLimits:
		a.limits, a.always = true, true
	case texmath.NoLimits:
		a.never = true
	}
	if !n.Symbol {
		b := &Box{}
		for i, w := range strings.Split(n.Text, " ") {
			if i > 0 {
				b.Width += 3 * x.mu(st)
			}
			r := x.run(w, texmath.Normal, false, st, n.Offset)
			r.box.Width += r.italic
			appendBox(b, r.box)
		}
		a.box = b
		return a
	}
	r, _ := utf8.DecodeRuneInString(n.Text)
	g, ok := x.lookup(r, n.Offset)
	if !ok {
		a.box = &Box{}
		return a
	}
	g = x.scriptForm(g, st)
	if st.level == display {
		if c := x.font.Vertical(g); c != nil {
			v, _ := c.Fit(x.c.DisplayOperatorMinHeight)
			if v.Glyph != 0 {
				g = v.Glyph
			}
		}
	}
	b := x.glyph(g, n.Text, st)
	if ic, ok := x.font.ItalicCorrection(g); ok {
		a.italic = x.pt(ic, st)
	}
	a.glyph = g
	a.box = x.centre(b, st)
	return a
}

// centre raises or lowers b to centre it on the axis.
func (x *setter) centre(b *Box, st style) *Box {
	return shifted(b, x.axis(st)-(b.Height-b.Depth)/2)
}

// scripts sets a nucleus with its scripts: as limits above and below
// (rule 13a) or beside it (rules 18a–f).
func (x *setter) scripts(n *texmath.Scripts, st style) nuc {
	var a nuc
	if n.Nucleus != nil {
		a = x.atom(n.Nucleus, st)
	} else {
		a = nuc{box: &Box{}, class: texmath.Ord}
	}
	if a.op && !a.never && (a.always || a.limits && st.level == display) {
		return nuc{box: x.limits(a, n.Sup, n.Sub, st), class: a.class}
	}
	var sup, sub *Box
	if n.HasSup || len(n.Sup) > 0 {
		sup = x.hlist(x.items(n.Sup, st.sup()), st.sup())
	}
	if n.HasSub || len(n.Sub) > 0 {
		sub = x.hlist(x.items(n.Sub, st.sub()), st.sub())
	}
	if sup == nil && sub == nil {
		return a
	}
	return nuc{box: x.attach(a, sup, sub, st), class: a.class}
}

// attach sets sup and sub (either may be nil) beside the nucleus a, by
// rules 18a–f with the MATH constants, the superscript moved right by the
// italic correction and both tucked in by the nucleus' corner kerns.
func (x *setter) attach(a nuc, sup, sub *Box, st style) *Box {
	c := x.c
	nb := a.box
	var u, v float64
	if !a.char {
		// The drops are taken at the nucleus' size, as LuaTeX does
		// (TeX took σ18 and σ19 of the script font).
		u = nb.Height - x.pt(c.SuperscriptBaselineDropMax, st)
		v = nb.Depth + x.pt(c.SubscriptBaselineDropMin, st)
	}
	if sup != nil {
		shift := c.SuperscriptShiftUp
		if st.cramped {
			shift = c.SuperscriptShiftUpCramped
		}
		u = max(u, x.pt(shift, st), sup.Depth+x.pt(c.SuperscriptBottomMin, st))
	}
	if sub != nil {
		v = max(v, x.pt(c.SubscriptShiftDown, st))
		if sup == nil {
			v = max(v, sub.Height-x.pt(c.SubscriptTopMax, st))
		}
	}
	if sup != nil && sub != nil {
		gap := (u - sup.Depth) - (sub.Height - v)
		if need := x.pt(c.SubSuperscriptGapMin, st); gap < need {
			d := need - gap
			up := min(d, max(0, x.pt(c.SuperscriptBottomMaxWithSubscript, st)-(u-sup.Depth)))
			u += up
			v += d - up
		}
	}
	b := &Box{Width: nb.Width}
	place(b, nb, 0, 0)
	var k *otmath.KernInfo
	if a.char || a.op {
		k = x.font.Kerns(a.glyph)
	}
	w := nb.Width
	end := w
	scale := float64(x.font.UnitsPerEm) / x.sizeOf(st)
	// A character's superscript moves right by its italic correction; a
	// large operator's subscript moves left by it (LuaTeX's reading of
	// the MATH table's italic correction of integrals).
	supDX, subDX := w+a.italic, w
	if a.op {
		supDX, subDX = w, w-a.italic
	}
	if sup != nil {
		dx := supDX
		if k != nil {
			dx += x.pt(k.TopRight.At(int((u-sup.Depth)*scale)), st)
		}
		place(b, sup, dx, u)
		end = max(end, dx+sup.Width)
	}
	if sub != nil {
		dx := subDX
		if k != nil {
			dx += x.pt(k.BottomRight.At(int((sub.Height-v)*scale)), st)
		}
		place(b, sub, dx, -v)
		end = max(end, dx+sub.Width)
	}
	b.Width = end + x.pt(c.SpaceAfterScript, st)
	return b
}

// limits sets an operator's scripts above and below it, centred, the
// upper moved right and the lower left by half the italic correction
// (rule 13a, with the MATH table's limit gaps).
func (x *setter) limits(a nuc, supN, subN []texmath.Node, st style) *Box {
	var sup, sub *Box
	if len(supN) > 0 {
		sup = x.hlist(x.items(supN, st.sup()), st.sup())
	}
	if len(subN) > 0 {
		sub = x.hlist(x.items(subN, st.sub()), st.sub())
	}
	return x.limitBoxes(a, sup, sub, st)
}

// limitBoxes sets sup and sub, either nil, above and below a.
func (x *setter) limitBoxes(a nuc, sup, sub *Box, st style) *Box {
	c := x.c
	nb := a.box
	w := nb.Width
	if sup != nil {
		w = max(w, sup.Width+a.italic/2)
	}
	if sub != nil {
		w = max(w, sub.Width+a.italic/2)
	}
	b := &Box{Width: w}
	place(b, nb, (w-nb.Width)/2, 0)
	if sup != nil {
		gap := max(x.pt(c.UpperLimitGapMin, st), x.pt(c.UpperLimitBaselineRiseMin, st)-sup.Depth)
		place(b, sup, (w-sup.Width)/2+a.italic/2, nb.Height+gap+sup.Depth)
	}
	if sub != nil {
		gap := max(x.pt(c.LowerLimitGapMin, st), x.pt(c.LowerLimitBaselineDropMin, st)-sub.Height)
		place(b, sub, (w-sub.Width)/2-a.italic/2, -(nb.Depth + gap + sub.Height))
	}
	return b
}
