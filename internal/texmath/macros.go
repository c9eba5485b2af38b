package texmath

import (
	"strconv"
	"strings"
)

// Macros is a table of user macros: \newcommand and \def in a post, and
// the macros a site defines in its MathJax or KaTeX configuration.
type Macros struct {
	defs map[string]*macro
}

type macro struct {
	args int     // number of parameters, 0–9
	opt  *string // default of an optional first argument (\newcommand{\x}[2][d]{…})
	body []token
}

// NewMacros returns an empty table.
func NewMacros() *Macros { return &Macros{defs: map[string]*macro{}} }

// Define adds a macro of args parameters (#1…#9) with the body given as
// TeX, as MathJax's `macros: {name: [body, args]}` and KaTeX's
// `macros: {"\\name": "body"}` give them. name is without backslash.
func (m *Macros) Define(name, body string, args int) {
	if args < 0 || args > 9 {
		args = 0
	}
	m.defs[strings.TrimPrefix(name, `\`)] = &macro{args: args, body: tokenize(body, 0)}
}

// Clone returns a copy whose definitions do not reach m: a post starts
// from the site's macros without changing them.
func (m *Macros) Clone() *Macros {
	c := NewMacros()
	if m != nil {
		for k, v := range m.defs {
			c.defs[k] = v
		}
	}
	return c
}

// Len returns the number of macros defined.
func (m *Macros) Len() int {
	if m == nil {
		return 0
	}
	return len(m.defs)
}

func (m *Macros) lookup(name string) (*macro, bool) {
	if m == nil {
		return nil, false
	}
	d, ok := m.defs[name]
	return d, ok
}

// expand replaces the macro call t, whose name has been read, by its
// body with the arguments put in. The body's tokens take the offset of
// the call, so errors inside it point at the call.
func (p *parser) expand(t token, m *macro) {
	p.expansions++
	if p.expansions > maxExpansions || len(p.toks) > maxTokens {
		p.fail(t.off, `macro \%s expands too often (a loop?)`, t.text)
		return
	}
	var args [][]token
	if m.opt != nil {
		if s, _, ok := p.optArgTokens(); ok {
			args = append(args, s)
		} else {
			args = append(args, tokenize(*m.opt, 0))
		}
	}
	for len(args) < m.args {
		args = append(args, p.argTokens())
		if p.err != nil {
			return
		}
	}
	var out []token
	for _, b := range m.body {
		b.off = t.off
		if b.kind == tParam && b.text != "" {
			i, _ := strconv.Atoi(b.text)
			if i >= 1 && i <= len(args) {
				out = append(out, args[i-1]...)
				continue
			}
		}
		out = append(out, b)
	}
	rest := p.toks[p.pos:]
	p.toks = append(append(make([]token, 0, len(out)+len(rest)), out...), rest...)
	p.pos = 0
}

// argTokens reads an undelimited macro argument as tokens: a braced
// group without its braces, or one token.
func (p *parser) argTokens() []token {
	p.skipSpace()
	t := p.next()
	switch t.kind {
	case tBegin:
		start := p.pos
		if !p.skipGroup() {
			p.fail(t.off, "unbalanced braces: { without }")
			return nil
		}
		return append([]token(nil), p.toks[start:p.pos-1]...)
	case tEOF, tEnd:
		p.fail(t.off, "missing macro argument")
		return nil
	}
	return []token{t}
}

// skipGroup steps past the tokens of a group whose { has been read,
// and its }; false when the group does not end.
func (p *parser) skipGroup() bool {
	depth := 1
	for p.pos < len(p.toks) {
		switch p.toks[p.pos].kind {
		case tBegin:
			depth++
		case tEnd:
			depth--
		}
		p.pos++
		if depth == 0 {
			return true
		}
	}
	return false
}

// optArgTokens reads an optional [argument] as tokens.
func (p *parser) optArgTokens() ([]token, int, bool) {
	save := p.pos
	p.skipSpace()
	t := p.peek()
	if t.kind != tChar || t.text != "[" {
		p.pos = save
		return nil, 0, false
	}
	p.next()
	start, depth := p.pos, 0
	for p.pos < len(p.toks) {
		k := p.toks[p.pos]
		switch {
		case k.kind == tBegin:
			depth++
		case k.kind == tEnd:
			depth--
		case k.kind == tChar && k.text == "]" && depth == 0:
			out := append([]token(nil), p.toks[start:p.pos]...)
			p.pos++
			return out, t.off, true
		}
		p.pos++
	}
	p.fail(t.off, "[ without ]")
	return nil, t.off, false
}

// csName reads the name of the macro being defined: \x or {\x}.
func (p *parser) csName() (string, bool) {
	p.skipSpace()
	t := p.next()
	if t.kind == tBegin {
		p.skipSpace()
		n := p.next()
		p.skipSpace()
		if n.kind != tCS || p.next().kind != tEnd {
			p.fail(t.off, "expected a control sequence to define")
			return "", false
		}
		return n.text, true
	}
	if t.kind != tCS {
		p.fail(t.off, "expected a control sequence to define")
		return "", false
	}
	return t.text, true
}

// newcommand reads \newcommand{\name}[n][default]{body} (and
// \renewcommand, \providecommand) after the command's name.
func (p *parser) newcommand(t token) {
	name, ok := p.csName()
	if !ok {
		return
	}
	m := &macro{}
	if s, off, ok := p.optArg(); ok {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 0 || n > 9 {
			p.fail(off, "the number of arguments of \\%s must be 0 to 9", name)
			return
		}
		m.args = n
	}
	if toks, _, ok := p.optArgTokens(); ok {
		s := p.tokensText(toks)
		m.opt = &s
	}
	m.body = p.argTokens()
	if p.err != nil {
		return
	}
	if t.text == "providecommand" {
		if _, exists := p.macros.lookup(name); exists {
			return
		}
	}
	p.macros.defs[name] = m
}

func (p *parser) tokensText(toks []token) string {
	q := &parser{toks: toks}
	return q.sourceOf(0, len(toks))
}

// def reads \def\name#1#2{body}. Parameter text other than #1…#9 in
// order (delimited parameters) is not supported and is reported.
func (p *parser) def(t token) {
	n := p.next()
	if n.kind != tCS {
		p.fail(t.off, `\def must be followed by a control sequence`)
		return
	}
	m := &macro{}
	for p.err == nil {
		k := p.peek()
		if k.kind == tBegin {
			break
		}
		if k.kind != tParam || k.text != strconv.Itoa(m.args+1) {
			p.fail(k.off, `\def\%s: only the parameters #1 to #9, in order, are supported`, n.text)
			return
		}
		p.next()
		m.args++
	}
	m.body = p.argTokens()
	if p.err == nil {
		p.macros.defs[n.text] = m
	}
}

// declareOperator reads \DeclareMathOperator{\name}{text} (starred: with
// limits).
func (p *parser) declareOperator(star bool) {
	name, ok := p.csName()
	if !ok {
		return
	}
	text, _ := p.rawArg()
	cmd := "operatorname"
	if star {
		cmd = "operatorname*"
	}
	p.macros.defs[name] = &macro{body: append(tokenize(`\`+cmd, 0), append([]token{{kind: tBegin, text: "{"}}, append(tokenize(text, 0), token{kind: tEnd, text: "}"})...)...)}
}
