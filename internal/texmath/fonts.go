package texmath

import "strings"

// fontHandlers: math alphabets (\mathbf{…}), their old switches (\bf),
// and text inside math (\text{…}).
func fontHandlers() map[string]handler {
	h := map[string]handler{}
	for name, v := range map[string]Variant{
		"mathrm": Normal, "mathup": Normal, "mathnormal": VariantAuto, "mathit": Italic,
		"mathbf": Bold, "mathbfup": Bold, "mathbfit": BoldItalic, "mathsf": SansSerif,
		"mathsfup": SansSerif, "mathsfit": SansSerifItalic, "mathtt": Monospace,
		"mathbb": DoubleStruck, "Bbb": DoubleStruck, "mathcal": Script, "mathscr": Script,
		"mathfrak": Fraktur, "frak": Fraktur, "boldsymbol": BoldItalic, "bm": BoldItalic,
		"pmb": BoldItalic, "mathbold": Bold, "bold": Bold,
	} {
		v := v
		h[name] = func(p *parser, t token) Node {
			body := p.parseArg()
			setVariant(body, v, t.text == "boldsymbol" || t.text == "bm" || t.text == "pmb")
			return &Group{At: At{t.off}, Class: Ord, Body: body}
		}
	}
	for name, v := range map[string]Variant{"rm": Normal, "bf": Bold, "it": Italic,
		"sf": SansSerif, "tt": Monospace, "cal": Script, "mit": VariantAuto} {
		v := v
		h[name] = func(p *parser, t token) Node {
			return &restOfGroup{finish: func(body []Node) []Node { setVariant(body, v, false); return body }}
		}
	}
	for name, v := range map[string]Variant{"text": Normal, "textrm": Normal, "textnormal": Normal,
		"mbox": Normal, "hbox": Normal, "textup": Normal, "textit": Italic, "textbf": Bold,
		"texttt": Monospace, "textsf": SansSerif, "emph": Italic} {
		v := v
		h[name] = func(p *parser, t token) Node { return p.textArg(t, v) }
	}
	for _, name := range []string{"red", "blue", "green", "orange", "purple", "gray", "grey", "yellow", "teal", "pink", "black", "white", "brown", "cyan", "magenta"} {
		// KaTeX's colour macros (\red{x}); colour is not printed
		h[name] = func(p *parser, t token) Node { return &Group{At: At{t.off}, Class: Ord, Body: p.parseArg()} }
	}
	for _, name := range []string{"color", "textcolor", "colorbox"} {
		name := name
		h[name] = func(p *parser, t token) Node { return p.color(t, name) }
	}
	return h
}

// setVariant sets the alphabet of the letters and digits in nodes. bold
// keeps what is upright upright (\boldsymbol{\Gamma} is bold upright).
func setVariant(nodes []Node, v Variant, bold bool) {
	for _, n := range nodes {
		switch n := n.(type) {
		case *Symbol:
			if n.Kind == Operator {
				continue
			}
			n.Variant = v
			if bold && !italicByDefault(n.Text) {
				n.Variant = Bold
			}
		case *Group:
			setVariant(n.Body, v, bold)
		case *Scripts:
			if n.Nucleus != nil {
				setVariant([]Node{n.Nucleus}, v, bold)
			}
		case *StyleChange:
			setVariant(n.Body, v, bold)
		case *Accent:
			setVariant(n.Body, v, bold)
		case *Frac:
			setVariant(n.Num, v, bold)
			setVariant(n.Den, v, bold)
		case *Radical:
			setVariant(n.Body, v, bold)
		case *TextRun:
			if v == Bold || v == BoldItalic {
				n.Variant = Bold
			}
		}
	}
}

func italicByDefault(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || isSmallGreek(r)) {
			return false
		}
	}
	return true
}

// textArg reads the argument of \text{…}: text, with $…$ inside it set
// as math again (\text{if $x > 0$}).
func (p *parser) textArg(t token, v Variant) Node {
	src, off := p.rawArg()
	if p.err != nil {
		return nil
	}
	parts := splitDollars(src)
	if len(parts) == 1 {
		return &TextRun{At: At{t.off}, Text: textOf(src), Variant: v}
	}
	g := &Group{At: At{t.off}, Class: Ord}
	at := 0
	for i, part := range parts {
		if i%2 == 0 {
			if part != "" {
				g.Body = append(g.Body, &TextRun{At: At{off + at}, Text: textOf(part), Variant: v})
			}
		} else {
			g.Body = append(g.Body, p.sub(part, off+at+1)...)
		}
		at += len(part) + 1
	}
	return g
}

// splitDollars splits text at unescaped $: text, math, text...
func splitDollars(s string) []string {
	var parts []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '$':
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

// textAccents are the text-mode accent commands, as combining marks.
var textAccents = map[byte]string{'\'': "\u0301", '`': "\u0300", '^': "\u0302", '"': "\u0308",
	'~': "\u0303", '=': "\u0304", '.': "\u0307", 'u': "\u0306", 'v': "\u030C", 'H': "\u030B", 'r': "\u030A", 'c': "\u0327"}

// textOf turns the source of a \text argument into its characters: the
// escapes, accents and spaces of text mode.
func textOf(src string) string {
	var b strings.Builder
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '{' || c == '}':
		case c == '~':
			b.WriteRune('\u00A0')
		case c == '\\' && i+1 < len(src):
			i = textEscape(&b, src, i+1)
		case c == '\n' || c == '\t' || c == '\r':
			b.WriteByte(' ')
		default:
			b.WriteByte(c)
		}
	}
	return collapseSpaces(b.String())
}

// collapseSpaces turns each run of spaces into one, keeping one at
// either end: \text{ if } stays apart from the math around it.
func collapseSpaces(s string) string {
	words := strings.Fields(s)
	if len(words) == 0 {
		if s != "" {
			return " "
		}
		return ""
	}
	out := strings.Join(words, " ")
	if strings.HasPrefix(s, " ") {
		out = " " + out
	}
	if strings.HasSuffix(s, " ") {
		out += " "
	}
	return out
}

// textEscape writes the text-mode command at src[i:] (after its
// backslash) and returns the index of its last byte.
func textEscape(b *strings.Builder, src string, i int) int {
	c := src[i]
	if mark, ok := textAccents[c]; ok && (!isLetter(c) || i+1 < len(src) && !isLetter(src[i+1])) {
		j := i + 1
		for j < len(src) && (src[j] == '{' || src[j] == ' ') {
			j++
		}
		if j < len(src) {
			r := []rune(src[j:])[0]
			if r == '\\' && j+1 < len(src) && (src[j+1] == 'i' || src[j+1] == 'j') {
				r, j = map[byte]rune{'i': 'ı', 'j': 'ȷ'}[src[j+1]], j+1
			}
			b.WriteRune(r)
			b.WriteString(mark)
			return j + len(string(r)) - 1
		}
	}
	if !isLetter(c) {
		switch c {
		case ' ', ',', ';', ':':
			b.WriteByte(' ')
		default:
			b.WriteByte(c)
		}
		return i
	}
	j := i
	for j < len(src) && isLetter(src[j]) {
		j++
	}
	if s, ok := symbols[src[i:j]]; ok {
		b.WriteString(s.text)
	} else if src[i:j] == "quad" || src[i:j] == "qquad" {
		b.WriteString("\u2003")
	} else if r, ok := textWords[src[i:j]]; ok {
		b.WriteString(r)
	}
	for j < len(src) && src[j] == ' ' {
		j++
	}
	return j - 1
}

var textWords = map[string]string{"i": "ı", "j": "ȷ", "ss": "ß", "ae": "æ", "AE": "Æ", "oe": "œ",
	"OE": "Œ", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "l": "ł", "L": "Ł", "ldots": "…",
	"textendash": "–", "textemdash": "—", "dots": "…"}

// color reads \color{c}, which takes the rest of the group, and
// \textcolor{c}{…}: colour is not printed (the edition prints in black);
// the text is kept.
func (p *parser) color(t token, name string) Node {
	p.rawArg()
	if name == "color" {
		return &restOfGroup{finish: func(body []Node) []Node { return body }}
	}
	if name == "colorbox" {
		return p.textArg(t, Normal)
	}
	return &Group{At: At{t.off}, Class: Ord, Body: p.parseArg()}
}
