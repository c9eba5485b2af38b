package mathbox

import (
	"strings"

	"github.com/redtide/edition/internal/texmath"
)

// frac sets a generalised fraction (rule 15): numerator and denominator
// centred over each other, shifted from the baseline and kept clear of
// the bar on the axis (or of each other without a bar), with delimiters
// for \binom.
func (x *setter) frac(n *texmath.Frac, st style) *Box {
	st = styleOf(n.Style, st) // \dfrac, \tfrac
	c := x.c
	nst, dst := st.num(), st.den()
	cfrac := n.Offset >= 0 && n.Offset < len(x.tex) && strings.HasPrefix(x.tex[n.Offset:], `\cfrac`)
	if cfrac {
		// amsmath: \genfrac{}{}{}{0}{\strut #1}{\displaystyle #2}.
		nst, dst = style{level: text}, style{level: display}
	}
	num := x.hlist(x.items(n.Num, nst), nst)
	den := x.hlist(x.items(n.Den, dst), dst)
	if cfrac {
		num.Height = max(num.Height, strutHeight*x.sizeOf(st))
		num.Depth = max(num.Depth, strutDepth*x.sizeOf(st))
	}
	disp := st.level == display
	a := x.axis(st)
	var u, v, theta float64
	if !n.NoRule {
		theta = x.pt(c.FractionRuleThickness, st)
		u, v = x.pt(c.FractionNumeratorShiftUp, st), x.pt(c.FractionDenominatorShiftDown, st)
		gn, gd := x.pt(c.FractionNumeratorGapMin, st), x.pt(c.FractionDenominatorGapMin, st)
		if disp {
			u, v = x.pt(c.FractionNumeratorDisplayStyleShiftUp, st), x.pt(c.FractionDenominatorDisplayStyleShiftDown, st)
			gn, gd = x.pt(c.FractionNumDisplayStyleGapMin, st), x.pt(c.FractionDenomDisplayStyleGapMin, st)
		}
		if cl := (u - num.Depth) - (a + theta/2); cl < gn {
			u += gn - cl
		}
		if cl := (a - theta/2) - (den.Height - v); cl < gd {
			v += gd - cl
		}
	} else {
		u, v = x.pt(c.StackTopShiftUp, st), x.pt(c.StackBottomShiftDown, st)
		g := x.pt(c.StackGapMin, st)
		if disp {
			u, v = x.pt(c.StackTopDisplayStyleShiftUp, st), x.pt(c.StackBottomDisplayStyleShiftDown, st)
			g = x.pt(c.StackDisplayStyleGapMin, st)
		}
		if cl := (u - num.Depth) - (den.Height - v); cl < g {
			u += (g - cl) / 2
			v += (g - cl) / 2
		}
	}
	w := max(num.Width, den.Width)
	f := &Box{Width: w}
	place(f, num, (w-num.Width)/2, u)
	place(f, den, (w-den.Width)/2, -v)
	if !n.NoRule {
		f.Rules = append(f.Rules, Rule{X: 0, Y: -(a + theta/2), W: w, H: theta})
		f.Height = max(f.Height, a+theta/2)
		f.Depth = max(f.Depth, theta/2-a)
	}
	// Rule 15e: delimiters of TeX's σ20 (2.39 em) in display style and
	// σ21 (1.01 em) otherwise, or as tall as the fraction.
	size := 1.01 * x.sizeOf(st)
	if disp {
		size = 2.39 * x.sizeOf(st)
	}
	if n.Open != "" || n.Close != "" {
		size = max(size, x.cover(f.Height, f.Depth, st))
	}
	b := &Box{}
	appendBox(b, x.delimiter(n.Open, size, st, n.Offset))
	appendBox(b, f)
	appendBox(b, x.delimiter(n.Close, size, st, n.Offset))
	return b
}

// radical sets a root (rule 11): the smallest radical sign that covers the
// body and the gap above it, its overbar over the body, and the degree
// of \sqrt[n] in scriptscript style, kerned and raised as the MATH table
// says.
func (x *setter) radical(n *texmath.Radical, st style) *Box {
	c := x.c
	body := x.hlist(x.items(n.Body, st.cramp()), st.cramp())
	theta := x.pt(c.RadicalRuleThickness, st)
	gap := x.pt(c.RadicalVerticalGap, st)
	if st.level == display {
		gap = x.pt(c.RadicalDisplayStyleVerticalGap, st)
	}
	need := body.Height + body.Depth + gap + theta
	g, ok := x.lookup('√', n.Offset)
	var sign *Box
	if ok {
		sign = x.vertical(g, "√", need, st)
	} else {
		sign = &Box{}
	}
	// The sign's top is the bar's top; extra room goes half above, half
	// below the body.
	total := sign.Height + sign.Depth
	if extra := total - need; extra > 0 {
		gap += extra / 2
	}
	top := body.Height + gap + theta
	up := top - sign.Height
	b := &Box{}
	var degree *Box
	kb, ka := x.pt(c.RadicalKernBeforeDegree, st), x.pt(c.RadicalKernAfterDegree, st)
	if len(n.Index) > 0 {
		ss := style{level: scriptScript}
		degree = x.hlist(x.items(n.Index, ss), ss)
		// The degree may not stick out to the left of the radical.
		b.Width = kb + degree.Width + ka
		if b.Width < 0 {
			kb -= b.Width
			b.Width = 0
		}
	}
	place(b, sign, b.Width, up)
	if degree != nil {
		bottom := -(sign.Depth - up) + float64(c.RadicalDegreeBottomRaisePercent)/100*total
		place(b, degree, kb, bottom+degree.Depth)
	}
	b.Width += sign.Width
	b.Rules = append(b.Rules, Rule{X: b.Width, Y: -top, W: body.Width, H: theta})
	place(b, body, b.Width, 0)
	b.Width += body.Width
	b.Height = max(b.Height, top+x.pt(c.RadicalExtraAscender, st))
	return b
}
