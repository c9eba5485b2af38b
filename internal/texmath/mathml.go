package texmath

import (
	"strconv"
	"strings"
)

// MathML writes f as MathML Core presentation markup for XHTML: a
// <math> element with display="block" for display math, the TeX source
// as alttext and as a TeX annotation, so reading systems without math
// layout can still speak or show it.
func MathML(f *Formula) string {
	w := &mmlWriter{}
	w.b.WriteString(`<math xmlns="http://www.w3.org/1998/Math/MathML"`)
	if f.Display {
		w.b.WriteString(` display="block"`)
	}
	w.b.WriteString(` alttext="`)
	w.b.WriteString(escapeXML(strings.TrimSpace(f.TeX), true))
	w.b.WriteString(`"><semantics><mrow>`)
	st := StyleText
	if f.Display {
		st = StyleDisplay
	}
	body := f.Body
	if f.Tag != nil && f.Display {
		body = []Node{&Array{Env: "equation", Align: []byte{'c'}, Style: StyleDisplay,
			Rows: []*Row{{Cells: [][]Node{f.Body}, Tag: f.Tag}}}}
	}
	w.list(body, st)
	w.b.WriteString(`</mrow><annotation encoding="application/x-tex">`)
	w.b.WriteString(escapeXML(f.TeX, false))
	w.b.WriteString(`</annotation></semantics></math>`)
	return w.b.String()
}

type mmlWriter struct{ b strings.Builder }

func (w *mmlWriter) list(nodes []Node, st Style) {
	for _, n := range nodes {
		w.node(n, st)
	}
}

// row writes nodes as one element: the node itself when there is one,
// else an mrow around them (script and fraction parts must be single
// elements).
func (w *mmlWriter) row(nodes []Node, st Style) {
	if len(nodes) == 1 {
		if _, ok := nodes[0].(*Space); !ok {
			w.node(nodes[0], st)
			return
		}
	}
	w.b.WriteString("<mrow>")
	w.list(nodes, st)
	w.b.WriteString("</mrow>")
}

func (w *mmlWriter) node(n Node, st Style) {
	switch n := n.(type) {
	case *Symbol:
		w.symbol(n)
	case *Group:
		w.group(n, st)
	case *Scripts:
		w.scripts(n, st)
	case *OpName:
		w.op(n, st)
	case *Frac:
		w.frac(n, st)
	case *Radical:
		w.radical(n, st)
	case *Accent:
		w.accent(n, st)
	case *Stack:
		w.stack(n, st, nil, nil)
	case *Delimited:
		w.delimited(n, st)
	case *Middle:
		w.mo(n.Delim, ` stretchy="true" symmetric="true" lspace="0.05em" rspace="0.05em"`)
	case *BigDelim:
		size := strconv.FormatFloat([]float64{0, 1.2, 1.8, 2.4, 3}[n.Size], 'f', -1, 64) + "em"
		w.mo(n.Delim, ` fence="false" stretchy="true" symmetric="true" minsize="`+size+`" maxsize="`+size+`"`)
	case *Space:
		w.b.WriteString(`<mspace width="` + ems(n.MU) + `"/>`)
	case *TextRun:
		w.text(n)
	case *StyleChange:
		w.b.WriteString(`<mstyle` + styleAttrs(n.Style) + `>`)
		w.list(n.Body, n.Style)
		w.b.WriteString(`</mstyle>`)
	case *Phantom:
		w.b.WriteString("<mphantom>")
		w.row(n.Body, st)
		w.b.WriteString("</mphantom>")
	case *Enclose:
		style := "border:1px solid;padding:0.2em"
		if n.Notation != "box" {
			style = "text-decoration:line-through"
		}
		w.b.WriteString(`<mrow style="` + style + `">`)
		w.list(n.Body, st)
		w.b.WriteString("</mrow>")
	case *Rule:
		w.b.WriteString(`<mspace width="` + ems(n.Width) + `" height="` + ems(n.Height+n.Raise) + `" style="background:currentColor"/>`)
	case *Ref:
		w.b.WriteString("<mtext>" + escapeXML(refText(n), false) + "</mtext>")
	case *Array:
		w.array(n, st)
	}
}

// refText shows a reference as the edition numbered it, else by its
// label.
func refText(r *Ref) string {
	if r.Text != "" {
		return r.Text
	}
	if r.Paren {
		return "(" + r.Label + ")"
	}
	return r.Label
}

func ems(mu float64) string {
	return strconv.FormatFloat(float64(int(mu/18*10000+0.5*sign(mu)))/10000, 'f', -1, 64) + "em"
}

func sign(f float64) float64 {
	if f < 0 {
		return -1
	}
	return 1
}

func styleAttrs(st Style) string {
	switch st {
	case StyleDisplay:
		return ` displaystyle="true" scriptlevel="0"`
	case StyleText:
		return ` displaystyle="false" scriptlevel="0"`
	case StyleScript:
		return ` displaystyle="false" scriptlevel="1"`
	case StyleScriptScript:
		return ` displaystyle="false" scriptlevel="2"`
	}
	return ""
}

// symbol writes a letter as mi (its alphabet given by its code point, as
// MathML Core wants), a number as mn, anything else as mo.
func (w *mmlWriter) symbol(s *Symbol) {
	switch s.Kind {
	case Number:
		w.b.WriteString("<mn>" + escapeXML(StyledString(s.Text, numberVariant(s.Variant)), false) + "</mn>")
	case Ident:
		text := s.Text
		attr := ""
		if s.Variant != VariantAuto {
			text = StyledString(text, s.Variant)
			if len([]rune(text)) == 1 {
				attr = ` mathvariant="normal"`
			}
		} else if r := []rune(text); len(r) == 1 && !italicByDefault(text) {
			attr = ` mathvariant="normal"`
		}
		w.b.WriteString("<mi" + attr + ">" + escapeXML(text, false) + "</mi>")
	default:
		attr := ""
		if s.Stretchy {
			attr = ` stretchy="true"`
		} else if s.Class == Open || s.Class == Close {
			attr = ` stretchy="false"`
		}
		switch s.Class {
		case Ord:
			if s.Text != "′" && s.Text != "″" && s.Text != "‴" {
				attr += ` lspace="0" rspace="0"`
			}
		case Bin, Rel:
			if s.Text == "|" || s.Text == "/" {
				attr += ` form="infix"`
			}
		}
		w.mo(s.Text, attr)
	}
}

// numberVariant: digits are upright unless an alphabet asks otherwise.
func numberVariant(v Variant) Variant {
	if v == VariantAuto {
		return Normal
	}
	return v
}

func (w *mmlWriter) mo(text, attrs string) {
	w.b.WriteString("<mo" + attrs + ">" + escapeXML(text, false) + "</mo>")
}

func (w *mmlWriter) text(t *TextRun) {
	attr := ""
	switch t.Variant {
	case Bold:
		attr = ` mathvariant="bold"`
	case Italic:
		attr = ` mathvariant="italic"`
	case Monospace:
		attr = ` mathvariant="monospace"`
	case SansSerif:
		attr = ` mathvariant="sans-serif"`
	}
	w.b.WriteString("<mtext" + attr + ">" + escapeXML(strings.ReplaceAll(t.Text, " ", "\u00A0"), false) + "</mtext>")
}

// group writes a braced group; a class other than Ord is an operator's
// spacing, written on an mrow as MathML Core's lspace/rspace cannot be.
func (w *mmlWriter) group(g *Group, st Style) {
	switch g.Class {
	case Bin, Rel:
		w.b.WriteString(`<mrow><mspace width="` + ems(classSpace(g.Class)) + `"/>`)
		w.list(g.Body, st)
		w.b.WriteString(`<mspace width="` + ems(classSpace(g.Class)) + `"/></mrow>`)
	default:
		w.row(g.Body, st)
	}
}

func classSpace(c Class) float64 {
	if c == Rel {
		return 5
	}
	return 4
}

func (w *mmlWriter) op(o *OpName, st Style) {
	if o.Symbol {
		attr := ` largeop="true"`
		if o.Limits == StyleLimits {
			attr += ` movablelimits="true"`
		} else {
			attr += ` movablelimits="false"`
		}
		w.mo(o.Text, attr)
		return
	}
	w.b.WriteString("<mi>" + escapeXML(o.Text, false) + "</mi><mo>\u2061</mo>")
}

// scripts writes sub- and superscripts, or under- and overscripts for
// an operator with limits and for braces.
func (w *mmlWriter) scripts(s *Scripts, st Style) {
	if op, ok := s.Nucleus.(*OpName); ok && !op.Symbol && op.Limits != NoLimits {
		w.limitsOf(s, st, func() { w.b.WriteString("<mi>" + escapeXML(op.Text, false) + "</mi>") }, op.Limits == StyleLimits)
		w.b.WriteString("<mo>\u2061</mo>")
		return
	}
	if op, ok := s.Nucleus.(*OpName); ok && op.Symbol && op.Limits != NoLimits {
		w.limitsOf(s, st, func() { w.op(op, st) }, false)
		return
	}
	if a, ok := s.Nucleus.(*Accent); ok && a.Stretchy && strings.ContainsAny(a.Mark, "⏞⏟⏜⏝⎴⎵") {
		w.limitsOf(s, st, func() { w.accent(a, st) }, false)
		return
	}
	sub, sup := s.HasSub, s.HasSup
	tag := scriptTag(sub, sup, false)
	if tag == "" {
		w.nucleus(s.Nucleus, st)
		return
	}
	w.b.WriteString("<" + tag + ">")
	w.nucleus(s.Nucleus, st)
	if sub {
		w.row(s.Sub, scriptStyle(st))
	}
	if sup {
		w.row(s.Sup, scriptStyle(st))
	}
	w.b.WriteString("</" + tag + ">")
}

// limitsOf writes munder, mover or munderover around base.
func (w *mmlWriter) limitsOf(s *Scripts, st Style, base func(), movable bool) {
	tag := scriptTag(s.HasSub, s.HasSup, !movable || st == StyleDisplay)
	w.b.WriteString("<" + tag + ">")
	base()
	if s.HasSub {
		w.row(s.Sub, scriptStyle(st))
	}
	if s.HasSup {
		w.row(s.Sup, scriptStyle(st))
	}
	w.b.WriteString("</" + tag + ">")
}

// scriptTag is the MathML element for a base with material below (sub)
// and above (sup): scripts beside it, or limits under and over it; ""
// for neither.
func scriptTag(sub, sup, limits bool) string {
	switch {
	case !sub && !sup:
		return ""
	case limits && sub && sup:
		return "munderover"
	case limits && sub:
		return "munder"
	case limits:
		return "mover"
	case sub && sup:
		return "msubsup"
	case sub:
		return "msub"
	}
	return "msup"
}

func (w *mmlWriter) nucleus(n Node, st Style) {
	if n == nil {
		w.b.WriteString("<mrow></mrow>")
		return
	}
	if op, ok := n.(*OpName); ok && !op.Symbol {
		w.b.WriteString("<mi>" + escapeXML(op.Text, false) + "</mi>")
		return
	}
	w.node(n, st)
}

func scriptStyle(st Style) Style {
	switch st {
	case StyleDisplay, StyleText:
		return StyleScript
	}
	return StyleScriptScript
}

func fracStyle(st Style) Style {
	switch st {
	case StyleDisplay:
		return StyleText
	case StyleText:
		return StyleScript
	}
	return StyleScriptScript
}

func (w *mmlWriter) frac(f *Frac, st Style) {
	inner := st
	if f.Style != StyleAuto {
		inner = f.Style
		w.b.WriteString(`<mstyle` + styleAttrs(f.Style) + `>`)
	}
	if f.Open != "" || f.Close != "" {
		w.b.WriteString("<mrow>")
		w.mo(f.Open, ` stretchy="true"`)
	}
	attr := ""
	if f.NoRule {
		attr = ` linethickness="0"`
	}
	w.b.WriteString("<mfrac" + attr + ">")
	w.row(f.Num, fracStyle(inner))
	w.row(f.Den, fracStyle(inner))
	w.b.WriteString("</mfrac>")
	if f.Open != "" || f.Close != "" {
		w.mo(f.Close, ` stretchy="true"`)
		w.b.WriteString("</mrow>")
	}
	if f.Style != StyleAuto {
		w.b.WriteString(`</mstyle>`)
	}
}

func (w *mmlWriter) radical(r *Radical, st Style) {
	if r.Index == nil {
		w.b.WriteString("<msqrt>")
		w.list(r.Body, st)
		w.b.WriteString("</msqrt>")
		return
	}
	w.b.WriteString("<mroot>")
	w.row(r.Body, st)
	w.row(r.Index, StyleScriptScript)
	w.b.WriteString("</mroot>")
}

func (w *mmlWriter) accent(a *Accent, st Style) {
	tag, attr := "mover", ` accent="true"`
	if a.Under {
		tag, attr = "munder", ` accentunder="true"`
	}
	w.b.WriteString("<" + tag + attr + ">")
	w.row(a.Body, st)
	stretch := ` stretchy="false"`
	if a.Stretchy {
		stretch = ` stretchy="true"`
	}
	w.mo(a.Mark, stretch)
	w.b.WriteString("</" + tag + ">")
}

func (w *mmlWriter) stack(s *Stack, st Style, _, _ []Node) {
	tag := scriptTag(s.Under != nil, s.Over != nil, true)
	if tag == "" {
		w.row(s.Base, st)
		return
	}
	if s.Class == Rel {
		w.b.WriteString(`<mrow><mspace width="0.2778em"/>`)
	}
	w.b.WriteString("<" + tag + ">")
	w.row(s.Base, st)
	if s.Under != nil {
		w.row(s.Under, scriptStyle(st))
	}
	if s.Over != nil {
		w.row(s.Over, scriptStyle(st))
	}
	w.b.WriteString("</" + tag + ">")
	if s.Class == Rel {
		w.b.WriteString(`<mspace width="0.2778em"/></mrow>`)
	}
}

func (w *mmlWriter) delimited(d *Delimited, st Style) {
	w.b.WriteString("<mrow>")
	if d.Open != "" {
		w.mo(d.Open, ` fence="true" form="prefix" stretchy="true" symmetric="true"`)
	}
	w.list(d.Body, st)
	if d.Close != "" {
		w.mo(d.Close, ` fence="true" form="postfix" stretchy="true" symmetric="true"`)
	}
	w.b.WriteString("</mrow>")
}

// array writes an mtable; delimiters around it stretch to its height.
// Aligned columns pair right and left alignment with no space between
// them, as AMS align sets them.
func (w *mmlWriter) array(a *Array, st Style) {
	fenced := a.Open != "" || a.Close != ""
	if fenced {
		w.b.WriteString("<mrow>")
		if a.Open != "" {
			w.mo(a.Open, ` fence="true" form="prefix" stretchy="true" symmetric="true"`)
		}
	}
	cellStyle := a.Style
	if cellStyle == StyleAuto {
		cellStyle = st
	}
	w.b.WriteString(`<mtable` + tableAttrs(a) + `>`)
	for _, r := range a.Rows {
		tagged := r.Tag != nil && !r.NoTag
		w.b.WriteString("<mtr>")
		for i, c := range r.Cells {
			w.b.WriteString(`<mtd` + cellAttrs(a, i) + `>`)
			if a.Aligned && i%2 == 1 {
				w.b.WriteString(`<mrow><mi></mi>`)
				w.list(c, cellStyle)
				w.b.WriteString(`</mrow>`)
			} else {
				w.b.WriteString(`<mstyle` + styleAttrs(cellStyle) + `>`)
				w.list(c, cellStyle)
				w.b.WriteString(`</mstyle>`)
			}
			w.b.WriteString("</mtd>")
		}
		if tagged {
			w.b.WriteString(`<mtd style="padding-left:2em">`)
			w.list(r.Tag, StyleText)
			w.b.WriteString(`</mtd>`)
		}
		w.b.WriteString("</mtr>")
	}
	w.b.WriteString("</mtable>")
	if fenced {
		if a.Close != "" {
			w.mo(a.Close, ` fence="true" form="postfix" stretchy="true" symmetric="true"`)
		}
		w.b.WriteString("</mrow>")
	}
}

func tableAttrs(a *Array) string {
	if a.Small {
		return ` rowspacing="0.1em" columnspacing="0.2778em"`
	}
	if a.Aligned {
		return ` columnspacing="0em 2em" rowspacing="0.25em"`
	}
	return ` rowspacing="0.25em" columnspacing="1em"`
}

func cellAttrs(a *Array, i int) string {
	if len(a.Align) == 0 {
		return ""
	}
	c := a.Align[i%len(a.Align)]
	if i >= len(a.Align) && !a.Aligned {
		c = a.Align[len(a.Align)-1]
	}
	switch c {
	case 'l':
		return ` columnalign="left" style="text-align:left"`
	case 'r':
		return ` columnalign="right" style="text-align:right"`
	}
	return ""
}

// escapeXML escapes text for XML content, and for attributes when attr.
func escapeXML(s string, attr bool) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"' && attr:
			b.WriteString("&quot;")
		case r == '\n' && attr:
			b.WriteString("&#10;")
		case r < 0x20 && r != '\n' && r != '\t' || r == 0xFFFE || r == 0xFFFF:
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
