package texmath

// accentSpec is an accent command's mark and placement.
type accentSpec struct {
	mark     string
	under    bool
	stretchy bool
}

// accents are the math accents and the over- and underlines, with the
// characters MathML Core and the OpenType MATH table use for them.
var accents = map[string]accentSpec{
	"hat": {"^", false, false}, "check": {"ˇ", false, false}, "tilde": {"~", false, false},
	"acute": {"´", false, false}, "grave": {"`", false, false}, "dot": {"˙", false, false},
	"ddot": {"¨", false, false}, "dddot": {"\u20DB", false, false}, "breve": {"˘", false, false},
	"bar": {"¯", false, false}, "vec": {"→", false, false}, "mathring": {"˚", false, false},
	"widehat": {"^", false, true}, "widetilde": {"~", false, true}, "widecheck": {"ˇ", false, true},
	"overline": {"‾", false, true}, "underline": {"_", true, true}, "underbar": {"_", true, true},
	"overrightarrow": {"→", false, true}, "overleftarrow": {"←", false, true},
	"overleftrightarrow": {"↔", false, true}, "underrightarrow": {"→", true, true},
	"underleftarrow": {"←", true, true}, "underleftrightarrow": {"↔", true, true},
	"overbrace": {"⏞", false, true}, "underbrace": {"⏟", true, true},
	"overparen": {"⏜", false, true}, "underparen": {"⏝", true, true},
	"overbracket": {"⎴", false, true}, "underbracket": {"⎵", true, true},
	"overgroup": {"⏠", false, true}, "undergroup": {"⏡", true, true},
	"Overrightarrow": {"⇒", false, true}, "overlinesegment": {"‾", false, true},
	"underlinesegment": {"_", true, true}, "overleftharpoon": {"↼", false, true},
	"overrightharpoon": {"⇀", false, true},
}

// xArrows are the extensible arrows with text over and under them.
var xArrows = map[string]string{
	"xrightarrow": "→", "xleftarrow": "←", "xleftrightarrow": "↔", "xRightarrow": "⇒",
	"xLeftarrow": "⇐", "xLeftrightarrow": "⇔", "xmapsto": "↦", "xhookrightarrow": "↪",
	"xhookleftarrow": "↩", "xrightharpoonup": "⇀", "xrightharpoondown": "⇁",
	"xleftharpoonup": "↼", "xleftharpoondown": "↽", "xrightleftharpoons": "⇌",
	"xrightleftarrows": "⇄", "xtwoheadrightarrow": "↠", "xtwoheadleftarrow": "↞", "xlongequal": "=",
}

// xarrow reads \xrightarrow[under]{over}.
func (p *parser) xarrow(t token, arrow string) Node {
	s := &Stack{At: At{t.off}, Class: Rel,
		Base: []Node{&Symbol{At: At{t.off}, Class: Rel, Kind: Operator, Text: arrow, Stretchy: true}}}
	if src, off, ok := p.optArg(); ok {
		s.Under = p.sub(src, off)
	}
	s.Over = p.parseArg()
	return s
}

// bigSizes are the fixed delimiter sizes: \big is 1 (1.2 em in plain
// TeX at 10 pt: 8.5 pt), up to \Bigg, 4.
var bigSizes = map[string]int{"big": 1, "Big": 2, "bigg": 3, "Bigg": 4}

func delimHandlers() map[string]handler {
	h := map[string]handler{
		"left": (*parser).left,
		"right": func(p *parser, t token) Node {
			p.fail(t.off, `\right without \left`)
			return nil
		},
		"middle": func(p *parser, t token) Node {
			p.fail(t.off, `\middle outside \left…\right`)
			return nil
		},
	}
	for name, size := range bigSizes {
		for suffix, class := range map[string]Class{"": Ord, "l": Open, "r": Close, "m": Rel} {
			size, class := size, class
			h[name+suffix] = func(p *parser, t token) Node {
				d, ok := p.delimiter()
				if !ok {
					return nil
				}
				return &BigDelim{At: At{t.off}, Delim: d, Size: size, Class: class}
			}
		}
	}
	return h
}

// delimiter reads a delimiter after \left, \right, \middle or \big: a
// character, a control sequence that names one, or "." for none.
func (p *parser) delimiter() (string, bool) {
	p.skipSpace()
	t := p.next()
	switch t.kind {
	case tChar:
		if t.text == "." {
			return "", true
		}
		if isDelimChar(t.text) {
			return t.text, true
		}
	case tCS:
		tablesOnce.Do(loadTables)
		if s, ok := escapes[t.text]; ok && (s.class == Open || s.class == Close || s.text == "‖") {
			return s.text, true
		}
		if s, ok := symbols[t.text]; ok && (s.class == Open || s.class == Close || isDelimChar(s.text) || s.class == Rel && isArrow(s.text)) {
			return s.text, true
		}
		if t.text == "lt" || t.text == "gt" {
			return map[string]string{"lt": "⟨", "gt": "⟩"}[t.text], true
		}
	}
	p.fail(t.off, "missing or unknown delimiter: %s", describe(t))
	return "", false
}

func isDelimChar(s string) bool {
	switch s {
	case "(", ")", "[", "]", "|", "/", "<", ">", "‖", "⟨", "⟩", "⌈", "⌉", "⌊", "⌋", "{", "}", "∣", "\\":
		return true
	}
	return false
}

func isArrow(s string) bool {
	switch s {
	case "↑", "↓", "↕", "⇑", "⇓", "⇕":
		return true
	}
	return false
}

// left reads \left d … \middle d … \right d.
func (p *parser) left(t token) Node {
	open, ok := p.delimiter()
	if !ok {
		return nil
	}
	d := &Delimited{At: At{t.off}, Open: normDelim(open)}
	for p.err == nil {
		d.Body = append(d.Body, p.parseList(stopAtEnd)...)
		k := p.peek()
		if k.kind == tCS && k.text == "middle" {
			p.next()
			m, ok := p.delimiter()
			if !ok {
				return nil
			}
			d.Body = append(d.Body, &Middle{At: At{k.off}, Delim: normDelim(m)})
			continue
		}
		if k.kind == tCS && k.text == "right" {
			p.next()
			c, ok := p.delimiter()
			if ok {
				d.Close = normDelim(c)
			}
			return d
		}
		p.fail(t.off, `\left without \right`)
	}
	return d
}

// normDelim writes < and > as the angle brackets they mean as
// delimiters.
func normDelim(s string) string {
	switch s {
	case "<":
		return "⟨"
	case ">":
		return "⟩"
	}
	return s
}

// defHandlers: definitions, equation tags and labels.
func defHandlers() map[string]handler {
	return map[string]handler{
		"newcommand":     func(p *parser, t token) Node { p.newcommand(t); return nil },
		"renewcommand":   func(p *parser, t token) Node { p.newcommand(t); return nil },
		"providecommand": func(p *parser, t token) Node { p.newcommand(t); return nil },
		"def":            func(p *parser, t token) Node { p.def(t); return nil },
		"gdef":           func(p *parser, t token) Node { p.def(t); return nil },
		"DeclareMathOperator": func(p *parser, t token) Node {
			star := false
			if k := p.peek(); k.kind == tChar && k.text == "*" {
				p.next()
				star = true
			}
			p.declareOperator(star)
			return nil
		},
		"tag":      (*parser).tag,
		"notag":    func(p *parser, t token) Node { p.setNoTag(); return nil },
		"nonumber": func(p *parser, t token) Node { p.setNoTag(); return nil },
		"label": func(p *parser, t token) Node {
			l, _ := p.rawArg()
			if p.row != nil {
				p.row.Label = l
			} else {
				p.formula.Label = l
			}
			return nil
		},
		"hline":       func(p *parser, t token) Node { return nil },
		"hdashline":   func(p *parser, t token) Node { return nil },
		"nolinebreak": func(p *parser, t token) Node { return nil },
		"nobreak":     func(p *parser, t token) Node { return nil },
		"allowbreak":  func(p *parser, t token) Node { return nil },
		"relax":       func(p *parser, t token) Node { return nil },
	}
}

// tag reads \tag{…} and \tag*{…} (without parentheses).
func (p *parser) tag(t token) Node {
	star := false
	if k := p.peek(); k.kind == tChar && k.text == "*" {
		p.next()
		star = true
	}
	src, off := p.rawArg()
	body := []Node{&TextRun{At: At{off}, Text: textOf(src), Variant: Normal}}
	if !star {
		body = append([]Node{&TextRun{At: At{t.off}, Text: "(", Variant: Normal}}, append(body, &TextRun{At: At{t.off}, Text: ")", Variant: Normal})...)
	}
	if p.row != nil {
		p.row.Tag, p.row.TagText = body, textOf(src)
	} else {
		p.formula.Tag, p.formula.TagText = body, textOf(src)
	}
	return nil
}

func (p *parser) setNoTag() {
	if p.row != nil {
		p.row.NoTag = true
	} else {
		p.formula.NoTag = true
	}
}
