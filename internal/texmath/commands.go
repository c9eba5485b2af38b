package texmath

import (
	"strings"
	"sync"
)

// handler reads a command's arguments (its name t is read) and returns
// its node, or nil when it sets nothing.
type handler func(p *parser, t token) Node

var (
	handlersOnce sync.Once
	handlers     map[string]handler
)

// command reads the control sequence t: a symbol, an operator, or a
// command with arguments.
func (p *parser) command(t token) Node {
	tablesOnce.Do(loadTables)
	handlersOnce.Do(loadHandlers)
	if s, ok := symbols[t.text]; ok {
		return &Symbol{At: At{t.off}, Class: s.class, Kind: s.kind, Text: s.text}
	}
	if sym, ok := bigOps[t.text]; ok {
		return &OpName{At: At{t.off}, Text: sym, Symbol: true, Limits: opLimits(sym)}
	}
	if lim, ok := namedOps[t.text]; ok {
		return &OpName{At: At{t.off}, Text: opText(t.text), Limits: lim}
	}
	if h, ok := handlers[t.text]; ok {
		return h(p, t)
	}
	if s, ok := escapes[t.text]; ok {
		return &Symbol{At: At{t.off}, Class: s.class, Kind: s.kind, Text: s.text}
	}
	if mu, ok := spaces[t.text]; ok {
		return &Space{At: At{t.off}, MU: mu}
	}
	if t.text == "" {
		p.fail(t.off, "a backslash at the end of the formula")
		return nil
	}
	p.fail(t.off, `unknown command \%s`, t.text)
	return nil
}

// opText writes the names TeX spells with a space: \liminf is "lim inf".
func opText(name string) string {
	switch name {
	case "liminf":
		return "lim inf"
	case "limsup":
		return "lim sup"
	case "injlim":
		return "inj lim"
	case "projlim":
		return "proj lim"
	}
	return name
}

// escapes are the control symbols that stand for a character.
var escapes = map[string]symbol{
	"{": {"{", Open, Operator}, "}": {"}", Close, Operator}, "|": {"‖", Ord, Operator},
	"#": {"#", Ord, Ident}, "$": {"$", Ord, Ident}, "%": {"%", Ord, Ident},
	"&": {"&", Ord, Ident}, "_": {"_", Ord, Ident},
}

// spaces are the spacing commands, in math units (18 mu = 1 em).
var spaces = map[string]float64{
	",": 3, "thinspace": 3, ":": 4, ">": 4, "medspace": 4, ";": 5, "thickspace": 5,
	"!": -3, "negthinspace": -3, "negmedspace": -4, "negthickspace": -5,
	" ": 6, "quad": 18, "qquad": 36, "enspace": 9, "enskip": 9, "space": 6, "nobreakspace": 6,
}

func loadHandlers() {
	handlers = map[string]handler{}
	for _, g := range []map[string]handler{structureHandlers(), boxHandlers(), classHandlers(), fontHandlers(), delimHandlers(), defHandlers()} {
		for k, v := range g {
			handlers[k] = v
		}
	}
}

// structureHandlers: fractions, roots, accents, stacks, boxes.
func structureHandlers() map[string]handler {
	h := map[string]handler{
		"frac":  fracOf(false, "", "", StyleAuto),
		"dfrac": fracOf(false, "", "", StyleDisplay),
		"tfrac": fracOf(false, "", "", StyleText),
		"cfrac": fracOf(false, "", "", StyleDisplay),
		"binom": fracOf(true, "(", ")", StyleAuto), "dbinom": fracOf(true, "(", ")", StyleDisplay),
		"tbinom": fracOf(true, "(", ")", StyleText),
		"sqrt":   (*parser).sqrt,
		"overset": func(p *parser, t token) Node {
			over := p.parseArg()
			base := p.parseArg()
			return &Stack{At: At{t.off}, Class: classOf(base), Base: base, Over: over}
		},
		"underset": func(p *parser, t token) Node {
			under := p.parseArg()
			base := p.parseArg()
			return &Stack{At: At{t.off}, Class: classOf(base), Base: base, Under: under}
		},
		"stackrel": func(p *parser, t token) Node {
			over := p.parseArg()
			base := p.parseArg()
			return &Stack{At: At{t.off}, Class: Rel, Base: base, Over: over}
		},
		"not":    (*parser).not,
		"bmod":   func(p *parser, t token) Node { return &Symbol{At: At{t.off}, Class: Bin, Kind: Operator, Text: "mod"} },
		"pmod":   func(p *parser, t token) Node { return p.pmod(t, true) },
		"pod":    func(p *parser, t token) Node { return p.pmod(t, false) },
		"mod":    func(p *parser, t token) Node { return p.pmod(t, false) },
		"eqref":  func(p *parser, t token) Node { l, _ := p.rawArg(); return &Ref{At: At{t.off}, Label: l, Paren: true} },
		"ref":    func(p *parser, t token) Node { l, _ := p.rawArg(); return &Ref{At: At{t.off}, Label: l} },
		"begin":  (*parser).environment,
		"hspace": (*parser).hspace, "mspace": (*parser).hspace, "kern": (*parser).kern,
		"mkern": (*parser).kern, "hskip": (*parser).kern, "mskip": (*parser).kern,
		"operatorname": (*parser).operatorname,
		"genfrac":      (*parser).genfrac,
		"rule":         (*parser).rule,
		"verb":         (*parser).verb,
		"TeX":          logo("TeX"), "LaTeX": logo("LaTeX"), "KaTeX": logo("KaTeX"),
		"substack": (*parser).substack,
	}
	for name, a := range accents {
		a := a
		h[name] = func(p *parser, t token) Node {
			return &Accent{At: At{t.off}, Mark: a.mark, Body: p.parseArg(), Under: a.under, Stretchy: a.stretchy}
		}
	}
	return h
}

// boxHandlers: boxes, phantoms and frames around material.
func boxHandlers() map[string]handler {
	return map[string]handler{
		"boxed": func(p *parser, t token) Node { return &Enclose{At: At{t.off}, Notation: "box", Body: p.parseArg()} },
		"fbox": func(p *parser, t token) Node {
			return &Enclose{At: At{t.off}, Notation: "box", Body: []Node{p.textArg(t, Normal)}}
		},
		"phantom": phantom(true, true), "hphantom": phantom(true, false), "vphantom": phantom(false, true),
		"smash": func(p *parser, t token) Node {
			p.optArg()
			return &Group{At: At{t.off}, Class: Ord, Body: p.parseArg()}
		},
		"mathstrut": func(p *parser, t token) Node {
			return &Phantom{At: At{t.off}, Body: []Node{&Symbol{At: At{t.off}, Class: Open, Kind: Operator, Text: "("}}, Vertical: true}
		},
		"vcenter": func(p *parser, t token) Node { return &Group{At: At{t.off}, Class: Ord, Body: p.parseArg()} },
		"fcolorbox": func(p *parser, t token) Node {
			p.rawArg()
			p.rawArg()
			return &Enclose{At: At{t.off}, Notation: "box", Body: []Node{p.textArg(t, Normal)}}
		},
		"raisebox": func(p *parser, t token) Node {
			p.dimension()
			return p.textArg(t, Normal)
		},
	}
}

// classHandlers: commands that give material a class, a style or a
// size, and the marks drawn through it.
func classHandlers() map[string]handler {
	h := map[string]handler{}
	for _, name := range []string{"mathllap", "mathrlap", "mathclap", "llap", "rlap", "clap"} {
		h[name] = func(p *parser, t token) Node { return &Group{At: At{t.off}, Class: Ord, Body: p.parseArg()} }
	}
	for _, name := range []string{"cancel", "bcancel", "xcancel", "sout"} {
		h[name] = func(p *parser, t token) Node {
			return &Enclose{At: At{t.off}, Notation: t.text, Body: p.parseArg()}
		}
	}
	for _, name := range []string{"tiny", "scriptsize", "footnotesize", "small", "normalsize",
		"large", "Large", "LARGE", "huge", "Huge"} {
		// Sizes: the print edition keeps math at the size of its text.
		h[name] = func(p *parser, t token) Node {
			return &restOfGroup{finish: func(body []Node) []Node { return body }}
		}
	}
	for name, arrow := range xArrows {
		arrow := arrow
		h[name] = func(p *parser, t token) Node { return p.xarrow(t, arrow) }
	}
	for _, c := range []struct {
		name  string
		class Class
	}{{"mathord", Ord}, {"mathop", Op}, {"mathbin", Bin}, {"mathrel", Rel}, {"mathopen", Open},
		{"mathclose", Close}, {"mathpunct", Punct}, {"mathinner", Inner}} {
		class := c.class
		h[c.name] = func(p *parser, t token) Node { return &Group{At: At{t.off}, Class: class, Body: p.parseArg()} }
	}
	for name, st := range map[string]Style{"displaystyle": StyleDisplay, "textstyle": StyleText,
		"scriptstyle": StyleScript, "scriptscriptstyle": StyleScriptScript} {
		st := st
		h[name] = func(p *parser, t token) Node {
			return &restOfGroup{finish: func(body []Node) []Node { return []Node{&StyleChange{At: At{t.off}, Style: st, Body: body}} }}
		}
	}
	return h
}

// restOfGroup is returned by switches that take the rest of the group
// (\displaystyle, \rm, \color): the caller reads the rest and finish
// wraps it.
type restOfGroup struct {
	At
	finish func([]Node) []Node
}

func fracOf(noRule bool, open, close string, st Style) handler {
	return func(p *parser, t token) Node {
		num := p.parseArg()
		den := p.parseArg()
		return &Frac{At: At{t.off}, Num: num, Den: den, NoRule: noRule, Open: open, Close: close, Style: st}
	}
}

func phantom(h, v bool) handler {
	return func(p *parser, t token) Node {
		return &Phantom{At: At{t.off}, Body: p.parseArg(), Horizontal: h, Vertical: v}
	}
}

// classOf is the class of a stack's base: a relation stays a relation
// under \overset (TeX's \mathrel{\mathop{…}\limits^…}).
func classOf(base []Node) Class {
	if len(base) == 1 {
		if s, ok := base[0].(*Symbol); ok && (s.Class == Rel || s.Class == Bin) {
			return s.Class
		}
	}
	return Ord
}

func (p *parser) sqrt(t token) Node {
	r := &Radical{At: At{t.off}}
	if src, off, ok := p.optArg(); ok {
		r.Index = p.sub(src, off)
	}
	r.Body = p.parseArg()
	return r
}

// negations maps a relation to its negated character, for \not.
var negations = map[string]string{
	"=": "≠", "<": "≮", ">": "≯", "≤": "≰", "≥": "≱", "∈": "∉", "∋": "∌", "⊂": "⊄",
	"⊃": "⊅", "⊆": "⊈", "⊇": "⊉", "≡": "≢", "∼": "≁", "≃": "≄", "≅": "≇", "≈": "≉",
	"∣": "∤", "∥": "∦", "≺": "⊀", "≻": "⊁", "→": "↛", "←": "↚", "↔": "↮", "⇒": "⇏",
	"⇐": "⇍", "⇔": "⇎", "⊢": "⊬", "⊨": "⊭", "∃": "∄",
}

// not negates the next atom: a precomposed character where Unicode has
// one, else the combining long solidus overlay.
func (p *parser) not(t token) Node {
	n := p.parseAtom()
	s, ok := n.(*Symbol)
	if !ok {
		return n
	}
	if neg, ok := negations[s.Text]; ok {
		s.Text = neg
	} else {
		s.Text += "\u0338"
	}
	if s.Class == Ord {
		s.Class, s.Kind = Rel, Operator
	}
	return s
}

// pmod sets (mod x) with the space before it: \pmod{x}, \pod{x}, \mod x.
func (p *parser) pmod(t token, word bool) Node {
	arg := p.parseArg()
	body := []Node{&Space{At: At{t.off}, MU: 18}}
	if t.text == "mod" {
		body = append(body, &OpName{At: At{t.off}, Text: "mod", Limits: NoLimits}, &Space{At: At{t.off}, MU: 6})
		return &Group{At: At{t.off}, Class: Ord, Body: append(body, arg...)}
	}
	body = append(body, &Symbol{At: At{t.off}, Class: Open, Kind: Operator, Text: "("})
	if word {
		body = append(body, &OpName{At: At{t.off}, Text: "mod", Limits: NoLimits}, &Space{At: At{t.off}, MU: 6})
	}
	body = append(body, arg...)
	body = append(body, &Symbol{At: At{t.off}, Class: Close, Kind: Operator, Text: ")"})
	return &Group{At: At{t.off}, Class: Ord, Body: body}
}

// operatorname reads \operatorname{name} and \operatorname*{name}: an
// operator whose name is set upright, with limits when starred.
func (p *parser) operatorname(t token) Node {
	lim := NoLimits
	if k := p.peek(); k.kind == tChar && k.text == "*" {
		p.next()
		lim = StyleLimits
	}
	body := p.parseArg()
	return &OpName{At: At{t.off}, Text: plainText(body), Limits: lim}
}

// plainText writes the characters of nodes, a thin space for a space:
// operator names as \operatorname{arg\,max} spells them.
func plainText(nodes []Node) string {
	var b strings.Builder
	var walk func([]Node)
	walk = func(ns []Node) {
		for _, n := range ns {
			switch n := n.(type) {
			case *Symbol:
				b.WriteString(n.Text)
			case *TextRun:
				b.WriteString(n.Text)
			case *Space:
				if n.MU > 0 {
					b.WriteString("\u2009")
				}
			case *Group:
				walk(n.Body)
			case *OpName:
				b.WriteString(n.Text)
			}
		}
	}
	walk(nodes)
	return b.String()
}

// substack reads \substack{a\\b}: lines of limits, centred, in script
// style.
func (p *parser) substack(t token) Node {
	p.skipSpace()
	open := p.next()
	if open.kind != tBegin {
		p.fail(open.off, `\substack needs a braced argument`)
		return nil
	}
	arr := &Array{At: At{t.off}, Env: "substack", Align: []byte{'c'}, Small: true, Style: StyleScript}
	p.parseRows(arr, stopAtBrace)
	p.expect(tEnd, open)
	return arr
}

func logo(name string) handler {
	return func(p *parser, t token) Node { return &TextRun{At: At{t.off}, Text: name, Variant: Normal} }
}

// genfrac reads \genfrac{left}{right}{thickness}{style}{num}{den}.
func (p *parser) genfrac(t token) Node {
	f := &Frac{At: At{t.off}}
	open, _ := p.rawArg()
	close, _ := p.rawArg()
	f.Open, f.Close = delimText(open), delimText(close)
	if th, _ := p.rawArg(); strings.TrimSpace(th) != "" {
		mu, ok := parseDimension(th)
		f.NoRule = ok && mu == 0
	}
	if st, _ := p.rawArg(); strings.TrimSpace(st) != "" {
		f.Style = map[string]Style{"0": StyleDisplay, "1": StyleText, "2": StyleScript, "3": StyleScriptScript}[strings.TrimSpace(st)]
	}
	f.Num = p.parseArg()
	f.Den = p.parseArg()
	return f
}

// delimText reads a delimiter written as source: "(", "\\{", "".
func delimText(src string) string {
	src = strings.TrimSpace(src)
	if src == "" || src == "." {
		return ""
	}
	if strings.HasPrefix(src, `\`) {
		name := src[1:]
		if s, ok := escapes[name]; ok {
			return s.text
		}
		tablesOnce.Do(loadTables)
		if s, ok := symbols[name]; ok {
			return s.text
		}
	}
	return normDelim(src)
}

// verb reads \verb|text| (any delimiter): text in the code face.
func (p *parser) verb(t token) Node {
	if p.pos >= len(p.toks) {
		p.fail(t.off, `\verb without its text`)
		return nil
	}
	start := p.toks[p.pos].off
	delim := p.src[start : start+len(p.toks[p.pos].text)]
	if start >= len(p.src) || p.toks[p.pos].kind == tSpace {
		p.fail(t.off, `\verb without its text`)
		return nil
	}
	end := strings.Index(p.src[start+len(delim):], delim)
	if end < 0 {
		p.fail(t.off, `\verb text does not end`)
		return nil
	}
	text := p.src[start+len(delim) : start+len(delim)+end]
	stop := start + len(delim) + end + len(delim)
	for p.pos < len(p.toks) && p.toks[p.pos].off < stop {
		p.pos++
	}
	return &TextRun{At: At{t.off}, Text: text, Variant: Monospace}
}

// rule reads \rule[raise]{width}{height}: a filled box.
func (p *parser) rule(t token) Node {
	r := &Rule{At: At{t.off}}
	if src, off, ok := p.optArg(); ok {
		mu, good := parseDimension(src)
		if !good {
			p.fail(off, "not a dimension: %q", src)
		}
		r.Raise = mu
	}
	r.Width = p.dimension()
	r.Height = p.dimension()
	return r
}
