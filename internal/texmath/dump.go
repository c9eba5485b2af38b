package texmath

import (
	"fmt"
	"strings"
)

// Dump writes nodes as a compact S-expression, one node a term: for
// tests and for debugging a formula's reading.
func Dump(nodes []Node) string {
	var b strings.Builder
	dumpList(&b, nodes)
	return b.String()
}

func dumpList(b *strings.Builder, nodes []Node) {
	for i, n := range nodes {
		if i > 0 {
			b.WriteByte(' ')
		}
		dumpNode(b, n)
	}
}

func sub(b *strings.Builder, label string, nodes []Node) {
	b.WriteString(" " + label + "[")
	dumpList(b, nodes)
	b.WriteString("]")
}

func dumpNode(b *strings.Builder, n Node) {
	switch n := n.(type) {
	case *Symbol:
		fmt.Fprintf(b, "%s:%q", n.Class, n.Text)
		if n.Variant != VariantAuto {
			fmt.Fprintf(b, "/v%d", n.Variant)
		}
	case *Group:
		fmt.Fprintf(b, "(group %s", n.Class)
		sub(b, "", n.Body)
		b.WriteString(")")
	case *Scripts:
		b.WriteString("(scripts ")
		if n.Nucleus != nil {
			dumpNode(b, n.Nucleus)
		} else {
			b.WriteString("_")
		}
		if n.HasSub {
			sub(b, "sub", n.Sub)
		}
		if n.HasSup {
			sub(b, "sup", n.Sup)
		}
		b.WriteString(")")
	case *OpName:
		fmt.Fprintf(b, "(op %q limits=%d)", n.Text, n.Limits)
	case *Middle:
		fmt.Fprintf(b, "(middle %q)", n.Delim)
	case *BigDelim:
		fmt.Fprintf(b, "(big%d %s %q)", n.Size, n.Class, n.Delim)
	case *Space:
		fmt.Fprintf(b, "(space %gmu)", n.MU)
	case *TextRun:
		fmt.Fprintf(b, "(text %q)", n.Text)
	case *StyleChange:
		fmt.Fprintf(b, "(style %d", n.Style)
		sub(b, "", n.Body)
		b.WriteString(")")
	case *Phantom:
		fmt.Fprintf(b, "(phantom h=%v v=%v", n.Horizontal, n.Vertical)
		sub(b, "", n.Body)
		b.WriteString(")")
	case *Enclose:
		fmt.Fprintf(b, "(enclose %s", n.Notation)
		sub(b, "", n.Body)
		b.WriteString(")")
	case *Rule:
		fmt.Fprintf(b, "(rule %g %g %g)", n.Width, n.Height, n.Raise)
	case *Ref:
		fmt.Fprintf(b, "(ref %q)", n.Label)
	case *Array:
		dumpArray(b, n)
	default:
		if !dumpStructure(b, n) {
			fmt.Fprintf(b, "(%T)", n)
		}
	}
}

// dumpStructure writes the nodes made of several lists: fractions,
// radicals, accents, stacks and delimited groups; false for others.
func dumpStructure(b *strings.Builder, n Node) bool {
	switch n := n.(type) {
	case *Frac:
		fmt.Fprintf(b, "(frac norule=%v %q %q style=%d", n.NoRule, n.Open, n.Close, n.Style)
		sub(b, "num", n.Num)
		sub(b, "den", n.Den)
		b.WriteString(")")
	case *Radical:
		b.WriteString("(sqrt")
		if n.Index != nil {
			sub(b, "index", n.Index)
		}
		sub(b, "", n.Body)
		b.WriteString(")")
	case *Accent:
		fmt.Fprintf(b, "(accent %q under=%v stretchy=%v", n.Mark, n.Under, n.Stretchy)
		sub(b, "", n.Body)
		b.WriteString(")")
	case *Stack:
		fmt.Fprintf(b, "(stack %s", n.Class)
		sub(b, "base", n.Base)
		if n.Over != nil {
			sub(b, "over", n.Over)
		}
		if n.Under != nil {
			sub(b, "under", n.Under)
		}
		b.WriteString(")")
	case *Delimited:
		fmt.Fprintf(b, "(left %q", n.Open)
		sub(b, "", n.Body)
		fmt.Fprintf(b, " right %q)", n.Close)
	default:
		return false
	}
	return true
}

func dumpArray(b *strings.Builder, a *Array) {
	fmt.Fprintf(b, "(array %s %q %q %q", a.Env, a.Align, a.Open, a.Close)
	for _, r := range a.Rows {
		b.WriteString(" (row")
		for _, c := range r.Cells {
			sub(b, "", c)
		}
		if r.Tag != nil {
			sub(b, "tag", r.Tag)
		}
		if r.Label != "" {
			fmt.Fprintf(b, " label=%q", r.Label)
		}
		b.WriteString(")")
	}
	b.WriteString(")")
}
