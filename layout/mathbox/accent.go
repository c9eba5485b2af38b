package mathbox

import (
	"math"
	"unicode/utf8"

	"github.com/redtide/edition/internal/texmath"
)

// accentChars maps the marks texmath gives accents to the combining
// characters the math font sets over a base.
var accentChars = map[string]rune{
	"^": '\u0302', "ˇ": '\u030C', "~": '\u0303', "´": '\u0301', "`": '\u0300',
	"˙": '\u0307', "¨": '\u0308', "˘": '\u0306', "¯": '\u0304', "→": '\u20D7',
	"˚": '\u030A', "\u20DB": '\u20DB', "←": '\u20D6', "↔": '\u20E1',
}

// braces are marks set as limits over or under their base: braces,
// parentheses and brackets that grow; their scripts go above or below.
var braces = map[string]bool{"⏞": true, "⏟": true, "⏜": true, "⏝": true, "⎴": true, "⎵": true, "⏠": true, "⏡": true}

// accent sets an accent over or under its body (rules 9, 10, 12).
func (x *setter) accent(n *texmath.Accent, st style) nuc {
	c := x.c
	switch {
	case n.Mark == "‾" && !n.Under: // \overline, rule 9
		body := x.hlist(x.items(n.Body, st.cramp()), st.cramp())
		t := x.pt(c.OverbarRuleThickness, st)
		top := body.Height + x.pt(c.OverbarVerticalGap, st) + t
		b := &Box{Width: body.Width}
		place(b, body, 0, 0)
		b.Rules = append(b.Rules, Rule{X: 0, Y: -top, W: body.Width, H: t})
		b.Height = max(b.Height, top+x.pt(c.OverbarExtraAscender, st))
		return nuc{box: b, class: texmath.Ord}
	case n.Mark == "_" && n.Under: // \underline, rule 10
		body := x.hlist(x.items(n.Body, st), st)
		t := x.pt(c.UnderbarRuleThickness, st)
		y := body.Depth + x.pt(c.UnderbarVerticalGap, st)
		b := &Box{Width: body.Width}
		place(b, body, 0, 0)
		b.Rules = append(b.Rules, Rule{X: 0, Y: y, W: body.Width, H: t})
		b.Depth = max(b.Depth, y+t+x.pt(c.UnderbarExtraDescender, st))
		return nuc{box: b, class: texmath.Ord}
	}
	mark, _ := utf8.DecodeRuneInString(n.Mark)
	if r, ok := accentChars[n.Mark]; ok && !braces[n.Mark] && !(n.Stretchy && isArrow(n.Mark)) {
		mark = r
	}
	g, ok := x.lookup(mark, n.Offset)
	if braces[n.Mark] || n.Under || (n.Stretchy && isArrow(n.Mark)) {
		body := x.hlist(x.items(n.Body, st), st)
		var m *Box
		if ok {
			m = x.horizontal(g, n.Mark, body.Width, st)
		} else {
			m = &Box{}
		}
		b := x.over(body, m, n.Under, st)
		return nuc{box: b, class: texmath.Ord, op: braces[n.Mark], limits: true, always: braces[n.Mark]}
	}
	// Rule 12: a single character keeps its italic correction and top
	// accent attachment; anything else is centred.
	var base nuc
	if len(n.Body) == 1 {
		if s, isSym := n.Body[0].(*texmath.Symbol); isSym {
			base = x.run(s.Text, s.Variant, s.Variant != texmath.Normal, st.cramp(), s.Offset)
		}
	}
	if base.box == nil {
		base = nuc{box: x.hlist(x.items(n.Body, st.cramp()), st.cramp())}
	}
	body := base.box
	if !ok {
		return nuc{box: body, class: texmath.Ord, italic: base.italic}
	}
	var m *Box
	if n.Stretchy {
		m = x.horizontal(g, string(mark), body.Width, st)
	} else {
		m = x.glyph(g, string(mark), st)
	}
	baseAttach := body.Width / 2
	if base.char {
		if v, ok := x.font.TopAccentAttachment(base.glyph); ok {
			baseAttach = x.pt(v, st)
		}
	}
	markAttach := m.Width / 2
	if len(m.Glyphs) == 1 {
		if v, ok := x.font.TopAccentAttachment(m.Glyphs[0].GID); ok {
			markAttach = x.pt(v, st)
		}
	}
	delta := min(body.Height, x.pt(c.AccentBaseHeight, st))
	b := &Box{Width: body.Width}
	place(b, body, 0, 0)
	place(b, m, baseAttach-markAttach, body.Height-delta)
	b.Depth = body.Depth
	return nuc{box: b, class: texmath.Ord, italic: base.italic}
}

func isArrow(s string) bool {
	switch s {
	case "→", "←", "↔", "⇒", "↼", "⇀":
		return true
	}
	return false
}

// over sets mark, a brace or arrow as wide as body, over it (or under it),
// with the stretch stack gaps of the MATH table; both centred.
func (x *setter) over(body, mark *Box, under bool, st style) *Box {
	c := x.c
	w := max(body.Width, mark.Width)
	b := &Box{Width: w}
	place(b, body, (w-body.Width)/2, 0)
	top, bottom := x.ink(mark)
	if under {
		gap := x.pt(c.StretchStackGapAboveMin, st)
		place(b, mark, (w-mark.Width)/2, -(body.Depth + gap + top))
	} else {
		gap := x.pt(c.StretchStackGapBelowMin, st)
		place(b, mark, (w-mark.Width)/2, body.Height+gap-bottom)
	}
	return b
}

// ink returns the top and bottom of b's glyphs, as heights above its
// baseline: a brace's ink may lie wholly above or below the baseline,
// which the box's height and depth (never below zero) do not say.
func (x *setter) ink(b *Box) (top, bottom float64) {
	top, bottom = math.Inf(-1), math.Inf(1)
	for _, g := range b.Glyphs {
		_, yMin, _, yMax := x.font.Box(g.GID)
		u := g.Size / float64(x.font.UnitsPerEm)
		top = max(top, float64(yMax)*u-g.Y)
		bottom = min(bottom, float64(yMin)*u-g.Y)
	}
	if len(b.Glyphs) == 0 {
		return b.Height, -b.Depth
	}
	return top, bottom
}

// stack sets \overset, \underset, \stackrel and \xrightarrow: the base
// with material above and below, as limits; a stretchy arrow base grows
// to the width of its labels.
func (x *setter) stack(n *texmath.Stack, st style) *Box {
	var over, under *Box
	if len(n.Over) > 0 {
		over = x.hlist(x.items(n.Over, st.sup()), st.sup())
	}
	if len(n.Under) > 0 {
		under = x.hlist(x.items(n.Under, st.sub()), st.sub())
	}
	var base *Box
	if len(n.Base) == 1 {
		if s, ok := n.Base[0].(*texmath.Symbol); ok && s.Stretchy {
			w := 0.0
			if over != nil {
				w = over.Width
			}
			if under != nil {
				w = max(w, under.Width)
			}
			r, _ := utf8.DecodeRuneInString(s.Text)
			if g, ok := x.lookup(r, s.Offset); ok {
				base = x.horizontal(g, s.Text, w+x.sizeOf(st)*0.8, st)
			}
		}
	}
	if base == nil {
		base = x.hlist(x.items(n.Base, st), st)
	}
	a := nuc{box: base}
	b := x.limitBoxes(a, over, under, st)
	return b
}
