package mathbox

import (
	"github.com/redtide/edition/fonts/otmath"
	"github.com/redtide/edition/internal/texmath"
)

// item is one element of a math list once its nucleus and scripts are
// set: an atom of a class, or an explicit space.
type item struct {
	class texmath.Class
	box   *Box
	kern  bool  // an explicit space (\, \quad): no class, no spacing
	st    style // the style in force where it stands
	// mid is the \middle this item sets, grown by the enclosing
	// \left…\right.
	mid *texmath.Middle
}

// nuc is a set nucleus, with what scripts need to know of it.
type nuc struct {
	box    *Box
	class  texmath.Class
	italic float64 // italic correction of its last glyph, not in box.Width
	glyph  otmath.GlyphID
	char   bool // a single glyph that is not an extended shape (rule 18a)
	op     bool // a large operator (rule 13)
	limits bool // scripts above and below in display style (\sum, \lim)
	always bool // scripts above and below in every style (\limits, braces)
	never  bool // scripts beside in every style (\nolimits, \int)
}

// items sets each node of a math list in style st.
func (x *setter) items(ns []texmath.Node, st style) []item {
	its := make([]item, 0, len(ns))
	for _, n := range ns {
		switch n := n.(type) {
		case nil:
		case *texmath.StyleChange:
			its = append(its, x.items(n.Body, styleOf(n.Style, st))...)
		case *texmath.Middle:
			its = append(its, item{class: texmath.Open, box: x.delimiter(n.Delim, 0, st, n.Offset), st: st, mid: n})
		case *texmath.Space:
			its = append(its, item{box: &Box{Width: n.MU * x.mu(st)}, kern: true, st: st})
		default:
			a := x.atom(n, st)
			b := a.box
			if a.italic != 0 {
				b.Width += a.italic
			}
			its = append(its, item{class: a.class, box: b, st: st})
		}
	}
	return its
}

// styleOf is the style \displaystyle... sets, or st for StyleAuto.
func styleOf(s texmath.Style, st style) style {
	switch s {
	case texmath.StyleDisplay:
		return style{level: display}
	case texmath.StyleText:
		return style{level: text}
	case texmath.StyleScript:
		return style{level: script}
	case texmath.StyleScriptScript:
		return style{level: scriptScript}
	}
	return st
}

// hlist sets a math list as one box, with the spaces of The TeXbook's
// table on p. 170 between its atoms.
func (x *setter) hlist(its []item, st style) *Box {
	b := &Box{}
	gaps := x.spacing(its)
	for i, it := range its {
		b.Width += gaps[i]
		appendBox(b, it.box)
	}
	return b
}

// classify applies rules 5 and 6: a binary operation that cannot be one
// (first in the list, after an operator, relation, opening or
// punctuation, or before a relation, closing or punctuation) becomes
// ordinary.
func classify(its []item) {
	prev := -1
	for i := range its {
		if its[i].kern {
			continue
		}
		c := its[i].class
		switch c {
		case texmath.Bin:
			if prev < 0 {
				its[i].class = texmath.Ord
			} else {
				switch its[prev].class {
				case texmath.Bin, texmath.Op, texmath.Rel, texmath.Open, texmath.Punct:
					its[i].class = texmath.Ord
				}
			}
		case texmath.Rel, texmath.Close, texmath.Punct:
			if prev >= 0 && its[prev].class == texmath.Bin {
				its[prev].class = texmath.Ord
			}
		}
		prev = i
	}
	if prev >= 0 && its[prev].class == texmath.Bin {
		its[prev].class = texmath.Ord
	}
}

// spaces is The TeXbook's table of spaces between atoms (p. 170), rows
// the left atom's class and columns the right's, in TeX's class order:
// 0 none, 1 thin, 2 medium, 3 thick; the book's bracketed entries, set
// in display and text styles only, are 5, 6 and 7.
var spaces = [8][8]uint8{
	//Ord Op Bin Rel Open Close Punct Inner
	{0, 1, 6, 7, 0, 0, 0, 5}, // Ord
	{1, 1, 0, 7, 0, 0, 0, 5}, // Op
	{6, 6, 0, 0, 6, 0, 0, 6}, // Bin
	{7, 7, 0, 0, 7, 0, 0, 7}, // Rel
	{0, 0, 0, 0, 0, 0, 0, 0}, // Open
	{0, 1, 6, 7, 0, 0, 0, 5}, // Close
	{5, 5, 0, 5, 5, 5, 5, 5}, // Punct
	{5, 1, 6, 7, 5, 0, 5, 5}, // Inner
}

// spacing returns the space to set before each item: rules 5, 6 and 20.
func (x *setter) spacing(its []item) []float64 {
	classify(its)
	gaps := make([]float64, len(its))
	prev := -1
	for i, it := range its {
		if it.kern {
			continue
		}
		if prev >= 0 {
			l, r := its[prev].class, it.class
			if l < 8 && r < 8 {
				gaps[i] = x.space(spaces[l][r], it.st)
			}
		}
		prev = i
	}
	return gaps
}

// space is the width of a table entry in style st: thin 3 mu, medium
// 4 mu, thick 5 mu (plain TeX's \thinmuskip, \medmuskip, \thickmuskip);
// the bracketed ones only in display and text styles.
func (x *setter) space(e uint8, st style) float64 {
	if e > 4 {
		if st.level >= script {
			return 0
		}
		e -= 4
	}
	switch e {
	case 1:
		return 3 * x.mu(st)
	case 2:
		return 4 * x.mu(st)
	case 3:
		return 5 * x.mu(st)
	}
	return 0
}

// nextAtom is the index of the first atom after i, or -1.
func nextAtom(its []item, i int) int {
	for j := i + 1; j < len(its); j++ {
		if !its[j].kern {
			return j
		}
	}
	return -1
}
