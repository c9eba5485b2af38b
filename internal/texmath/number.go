package texmath

import (
	"strconv"
	"strings"
)

// Numbering says which displays get equation numbers, as a renderer's
// configuration asks: MathJax 2's equationNumbers: {autoNumber: …},
// MathJax 3's tex: {tags: …}.
type Numbering uint8

const (
	// NumberNone numbers nothing: only \tag{…} marks a display (MathJax's
	// default).
	NumberNone Numbering = iota
	// NumberAMS numbers the rows of the AMS environments without a star
	// (equation, align, gather, multline, …), as LaTeX and KaTeX do.
	NumberAMS
	// NumberAll numbers every display as well (MathJax's "all"), but not
	// a starred environment's rows.
	NumberAll
)

// ParseNumbering reads a configuration's value: "all", "AMS"/"ams",
// anything else is NumberNone.
func ParseNumbering(s string) Numbering {
	switch strings.ToLower(s) {
	case "all":
		return NumberAll
	case "ams":
		return NumberAMS
	}
	return NumberNone
}

// Equations numbers the displays of one page (MathJax numbers per page:
// here per article) in document order, and resolves the references to
// their labels. Number every display first, then Resolve every formula,
// so a reference may come before its equation.
type Equations struct {
	mode   Numbering
	n      int
	labels map[string]label
}

type label struct {
	text string // the number or the tag's text, without parentheses
}

// NewEquations starts numbering a page's displays in mode.
func NewEquations(mode Numbering) *Equations {
	return &Equations{mode: mode, labels: map[string]label{}}
}

// displayEnvs are the environments that make a display of their own;
// starred, they are never numbered.
var displayEnvs = map[string]bool{"equation": true, "align": true, "flalign": true, "alignat": true,
	"eqnarray": true, "gather": true, "multline": true}

// Number sets the tags of display f: its Tag, or its rows' Tags when it
// is an environment that numbers its rows. An explicit \tag is kept and
// takes no number. It returns the labels defined twice, which keep their
// first equation.
func (e *Equations) Number(f *Formula) (dup []string) {
	if f == nil || !f.Display {
		return nil
	}
	define := func(l, text string) {
		if l == "" || text == "" {
			return // MathJax keeps no label for an equation without a tag
		}
		if _, ok := e.labels[l]; ok {
			dup = append(dup, l)
			return
		}
		e.labels[l] = label{text: text}
	}
	envs, starred := 0, false
	for _, n := range f.Body {
		a, ok := n.(*Array)
		if !ok {
			continue
		}
		base := strings.TrimSuffix(a.Env, "*")
		if !displayEnvs[base] {
			continue
		}
		if !a.Numbered {
			starred = true
			for _, r := range a.Rows {
				define(r.Label, r.TagText)
			}
			continue
		}
		envs++
		e.numberRows(a, define)
	}
	if envs > 0 || starred {
		define(f.Label, f.TagText)
		return dup
	}
	switch {
	case f.Tag != nil:
		define(f.Label, f.TagText)
	case f.NoTag || e.mode != NumberAll:
	default:
		f.Tag, f.TagText = e.next()
		define(f.Label, f.TagText)
	}
	return dup
}

// numberRows numbers the rows of a numbered environment: each row,
// except \notag rows; multline takes one number, on its last row.
func (e *Equations) numberRows(a *Array, define func(l, text string)) {
	if strings.TrimSuffix(a.Env, "*") == "multline" && len(a.Rows) > 0 {
		last := a.Rows[len(a.Rows)-1]
		tagged, no, lbl := -1, false, ""
		for i, r := range a.Rows {
			if r.Tag != nil {
				tagged = i
			}
			no = no || r.NoTag
			if r.Label != "" {
				lbl = r.Label
			}
		}
		switch {
		case tagged >= 0:
			define(lbl, a.Rows[tagged].TagText)
		case no || e.mode == NumberNone:
		default:
			last.Tag, last.TagText = e.next()
			define(lbl, last.TagText)
		}
		return
	}
	for _, r := range a.Rows {
		switch {
		case r.Tag != nil:
		case r.NoTag || emptyRow(r) || e.mode == NumberNone:
		default:
			r.Tag, r.TagText = e.next()
		}
		define(r.Label, r.TagText)
	}
}

// emptyRow reports a row with no cells, as after a final \\.
func emptyRow(r *Row) bool {
	for _, c := range r.Cells {
		if len(c) > 0 {
			return false
		}
	}
	return true
}

func (e *Equations) next() ([]Node, string) {
	e.n++
	s := strconv.Itoa(e.n)
	return []Node{&TextRun{Text: "(" + s + ")", Variant: Normal}}, s
}

// Resolve sets the Text of f's references: "(n)" for \eqref,
// "n" for \ref, and "(???)" or "???" for a label no equation defines, as
// MathJax prints it, also for the label of an equation without a number.
// It returns the unknown labels.
func (e *Equations) Resolve(f *Formula) (unknown []string) {
	if f == nil {
		return nil
	}
	Walk(f.Body, func(n Node) {
		r, ok := n.(*Ref)
		if !ok {
			return
		}
		l, ok := e.labels[r.Label]
		text := l.text
		if !ok {
			text = "???"
			unknown = append(unknown, r.Label)
		}
		if r.Paren {
			text = "(" + text + ")"
		}
		r.Text = text
	})
	return unknown
}

// Walk calls fn for each node of nodes and of their lists, depth first,
// parents before children.
func Walk(nodes []Node, fn func(Node)) {
	for _, n := range nodes {
		if n == nil {
			continue
		}
		fn(n)
		switch n := n.(type) {
		case *Group:
			Walk(n.Body, fn)
		case *Scripts:
			if n.Nucleus != nil {
				Walk([]Node{n.Nucleus}, fn)
			}
			Walk(n.Sub, fn)
			Walk(n.Sup, fn)
		case *Frac:
			Walk(n.Num, fn)
			Walk(n.Den, fn)
		case *Radical:
			Walk(n.Index, fn)
			Walk(n.Body, fn)
		case *Accent:
			Walk(n.Body, fn)
		case *Stack:
			Walk(n.Base, fn)
			Walk(n.Over, fn)
			Walk(n.Under, fn)
		case *Delimited:
			Walk(n.Body, fn)
		case *StyleChange:
			Walk(n.Body, fn)
		case *Phantom:
			Walk(n.Body, fn)
		case *Enclose:
			Walk(n.Body, fn)
		case *Array:
			for _, r := range n.Rows {
				for _, c := range r.Cells {
					Walk(c, fn)
				}
			}
		}
	}
}
