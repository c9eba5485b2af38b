package texmath

import (
	"fmt"
	"strings"
)

// Error is a problem in TeX source, at a byte offset of the source
// given to Parse. Callers turn the offset into a line and column.
type Error struct {
	Offset int
	Msg    string
}

func (e *Error) Error() string { return e.Msg }

// Options control a parse.
type Options struct {
	Display bool // display math ($$…$$ on its own, \[…\]): display style
	// Macros holds the macros in force: the site's (its MathJax or
	// KaTeX configuration) and those the post defined in earlier
	// formulas. Definitions in this formula are added to it, as MathJax
	// keeps them for the rest of the page. Nil means none.
	Macros *Macros
}

// Limits on what one formula may do, so hostile or broken input cannot
// exhaust the stack or loop: TeX itself stops at similar bounds.
const (
	maxDepth      = 200
	maxExpansions = 2000
	maxTokens     = 200000
)

type parser struct {
	toks       []token
	pos        int
	src        string
	macros     *Macros
	depth      int
	expansions int
	err        *Error
	row        *Row     // the array row being read, for \tag and \label
	formula    *Formula // for \tag outside arrays
	inArg      bool     // reading a one-token argument: a digit is one atom
}

// Parse reads TeX math (without its $ or \[ delimiters) into a Formula.
// The formula is returned even with an error, holding what was read.
func Parse(tex string, opts Options) (*Formula, error) {
	f := &Formula{TeX: tex, Display: opts.Display}
	m := opts.Macros
	if m == nil {
		m = NewMacros()
	}
	p := &parser{toks: tokenize(tex, 0), src: tex, macros: m, formula: f}
	f.Body = p.parseTop()
	if p.err != nil {
		return f, p.err
	}
	return f, nil
}

// fail records the first error; parsing then winds down.
func (p *parser) fail(off int, format string, args ...any) {
	if p.err == nil {
		p.err = &Error{Offset: off, Msg: fmt.Sprintf(format, args...)}
	}
}

func (p *parser) peek() token {
	if p.pos < len(p.toks) {
		return p.toks[p.pos]
	}
	return token{kind: tEOF, off: len(p.src)}
}

func (p *parser) next() token {
	t := p.peek()
	if p.pos < len(p.toks) {
		p.pos++
	}
	return t
}

// skipSpace steps over space tokens: spaces mean nothing in math.
func (p *parser) skipSpace() {
	for p.pos < len(p.toks) && p.toks[p.pos].kind == tSpace {
		p.pos++
	}
}

// parseTop reads the whole formula. A \\ at the top level breaks lines,
// as MathJax and KaTeX allow in display math: the lines become a
// gathered array.
func (p *parser) parseTop() []Node {
	body := p.parseList(stopAtEnd)
	if t := p.peek(); t.kind == tCS && (t.text == `\` || t.text == "cr" || t.text == "newline") {
		arr := &Array{At: At{0}, Env: "gathered", Align: []byte{'c'}, Style: StyleDisplay}
		arr.Rows = append(arr.Rows, &Row{Cells: [][]Node{body}})
		p.parseRows(arr, stopAtEnd)
		return []Node{arr}
	}
	if t := p.peek(); t.kind != tEOF && p.err == nil {
		if t.kind == tCS || t.kind == tAlign {
			p.fail(t.off, "%s", describe(t))
		} else {
			p.fail(t.off, "unexpected %s", describe(t))
		}
	}
	return body
}

// stop decides where a list ends.
type stop func(t token) bool

func stopAtEnd(t token) bool { return false }

func stopAtBrace(t token) bool { return t.kind == tEnd }

// parseList reads atoms until EOF, a closing brace, & or \\, or what
// stop accepts; it does not consume the token it stops at.
func (p *parser) parseList(s stop) []Node {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxDepth {
		p.fail(p.peek().off, "formula nested too deeply")
		return nil
	}
	var list []Node
	for p.err == nil {
		p.skipSpace()
		t := p.peek()
		if t.kind == tEOF || t.kind == tEnd || t.kind == tAlign || s(t) || isRowEnd(t) || isEnvEnd(t) {
			return list
		}
		if t.kind == tCS && isInfix(t.text) {
			return p.parseInfix(list, s)
		}
		list = p.parseItem(list)
	}
	return list
}

func isRowEnd(t token) bool {
	return t.kind == tCS && (t.text == `\` || t.text == "cr" || t.text == "newline")
}

func isEnvEnd(t token) bool {
	return t.kind == tCS && (t.text == "end" || t.text == "right" || t.text == "middle")
}

// parseItem reads one atom, or the scripts that attach to the last one,
// and returns the list with it.
func (p *parser) parseItem(list []Node) []Node {
	t := p.peek()
	switch t.kind {
	case tSup, tSub:
		p.next()
		return p.attachScript(list, t)
	case tChar:
		if t.text == "'" || t.text == "′" {
			return p.attachPrimes(list)
		}
	case tCS:
		if m, ok := p.macros.lookup(t.text); ok {
			p.next()
			p.expand(t, m)
			return list
		}
		if t.text == "limits" || t.text == "nolimits" || t.text == "displaylimits" {
			p.next()
			return setLimits(list, t)
		}
	}
	n := p.parseAtom()
	if n == nil {
		return list
	}
	if g, ok := n.(*restOfGroup); ok {
		return append(list, g.finish(p.parseList(stopAtBrace))...)
	}
	return append(list, n)
}

// parseAtom reads one atom without scripts: a character, a group, or a
// command with its arguments. It returns nil for what sets nothing
// (definitions, \label).
func (p *parser) parseAtom() Node {
	p.skipSpace()
	t := p.next()
	switch t.kind {
	case tBegin:
		body := p.parseList(stopAtBrace)
		p.expect(tEnd, t)
		return &Group{At: At{t.off}, Class: Ord, Body: body}
	case tChar:
		return p.charAtom(t, p.inArg)
	case tActive:
		return &Space{At: At{t.off}, MU: 6}
	case tCS:
		return p.command(t)
	case tEOF:
		p.fail(t.off, "missing argument at the end of the formula")
	case tParam:
		p.fail(t.off, "# outside a macro definition")
	default:
		p.fail(t.off, "unexpected %s", describe(t))
	}
	return nil
}

// expect consumes a token of kind k, or reports that open was not closed.
func (p *parser) expect(k tokKind, open token) {
	if p.peek().kind == k {
		p.next()
		return
	}
	if k == tEnd {
		p.fail(open.off, "unbalanced braces: { without }")
		return
	}
	p.fail(p.peek().off, "expected %s", k)
}

func (k tokKind) String() string {
	switch k {
	case tBegin:
		return "{"
	case tEnd:
		return "}"
	}
	return "token"
}

func describe(t token) string {
	switch t.kind {
	case tCS:
		switch t.text {
		case "right":
			return `\right without \left`
		case "middle":
			return `\middle outside \left…\right`
		case "end":
			return `\end without \begin`
		}
		return `\` + t.text
	case tEnd:
		return "}"
	case tAlign:
		return "& outside an array"
	case tEOF:
		return "end of formula"
	}
	return fmt.Sprintf("%q", t.text)
}

// charAtom makes the atom of a character typed in math: a letter, a
// run of digits (with a decimal point inside it), or a symbol.
//
// A digit read as an argument stands alone: \frac12 is one half.
func (p *parser) charAtom(t token, single bool) Node {
	r := []rune(t.text)[0]
	if r >= '0' && r <= '9' && !single {
		var b strings.Builder
		b.WriteString(t.text)
		for {
			n := p.peek()
			if n.kind != tChar || !(isDigit(n.text) || n.text == "." && p.digitAfter()) {
				break
			}
			b.WriteString(n.text)
			p.next()
		}
		return &Symbol{At: At{t.off}, Class: Ord, Kind: Number, Text: b.String()}
	}
	if s, ok := symbolOfRune(r); ok {
		return &Symbol{At: At{t.off}, Class: s.class, Kind: s.kind, Text: s.text}
	}
	tablesOnce.Do(loadTables)
	if op, ok := bigOpRunes[r]; ok {
		return &OpName{At: At{t.off}, Text: t.text, Symbol: true, Limits: op}
	}
	c, k := charClass(r)
	text := t.text
	switch r {
	case '-':
		text = "−" // TeX's minus sign, not the hyphen
	case '*':
		text = "∗"
	}
	return &Symbol{At: At{t.off}, Class: c, Kind: k, Text: text}
}

func isDigit(s string) bool { return len(s) == 1 && s[0] >= '0' && s[0] <= '9' }

// digitAfter reports whether the token after the next is a digit, so
// that "3.14" is one number and "x." ends with a period.
func (p *parser) digitAfter() bool {
	return p.pos+1 < len(p.toks) && p.toks[p.pos+1].kind == tChar && isDigit(p.toks[p.pos+1].text)
}

// parseArg reads a macro argument: a braced group's contents, or one
// atom. Spaces before it are skipped.
func (p *parser) parseArg() []Node {
	p.skipSpace()
	t := p.peek()
	if t.kind == tBegin {
		p.next()
		body := p.parseList(stopAtBrace)
		p.expect(tEnd, t)
		return body
	}
	if t.kind == tEOF || t.kind == tEnd {
		p.fail(t.off, "missing argument")
		return nil
	}
	for p.err == nil {
		// A macro in argument position expands first, as TeX does.
		if t := p.peek(); t.kind == tCS {
			if m, ok := p.macros.lookup(t.text); ok {
				p.next()
				p.expand(t, m)
				p.skipSpace()
				continue
			}
		}
		break
	}
	if p.peek().kind == tBegin {
		return p.parseArg()
	}
	p.inArg = true
	n := p.parseAtom()
	p.inArg = false
	if n == nil {
		return nil
	}
	return []Node{n}
}

// rawArg reads a braced argument as source text (for \text, \label,
// \begin's name, \color). A single token stands for itself.
func (p *parser) rawArg() (string, int) {
	p.skipSpace()
	t := p.next()
	switch t.kind {
	case tBegin:
		depth := 1
		start := p.pos
		for p.pos < len(p.toks) {
			switch p.toks[p.pos].kind {
			case tBegin:
				depth++
			case tEnd:
				depth--
			}
			if depth == 0 {
				s := p.sourceOf(start, p.pos)
				p.pos++
				return s, t.off + 1
			}
			p.pos++
		}
		p.fail(t.off, "unbalanced braces: { without }")
		return "", t.off
	case tCS:
		return `\` + t.text, t.off
	case tEOF, tEnd:
		p.fail(t.off, "missing argument")
		return "", t.off
	}
	return t.text, t.off
}

// sourceOf returns the tokens from i to j as text. Tokens from a macro
// expansion are written back from their own text.
func (p *parser) sourceOf(i, j int) string {
	var b strings.Builder
	for _, t := range p.toks[i:j] {
		switch t.kind {
		case tCS:
			b.WriteByte('\\')
			b.WriteString(t.text)
			if t.text != "" && isLetter(t.text[0]) {
				// a control word: a following letter must stay apart
				b.WriteByte(' ')
			}
		case tParam:
			b.WriteString("#" + t.text)
		default:
			b.WriteString(t.text)
		}
	}
	return b.String()
}

// optArg reads an optional [argument] as source text; ok is false when
// there is none.
func (p *parser) optArg() (string, int, bool) {
	save := p.pos
	p.skipSpace()
	t := p.peek()
	if t.kind != tChar || t.text != "[" {
		p.pos = save
		return "", 0, false
	}
	p.next()
	depth := 0
	start := p.pos
	for p.pos < len(p.toks) {
		k := p.toks[p.pos]
		switch {
		case k.kind == tBegin:
			depth++
		case k.kind == tEnd:
			depth--
		case k.kind == tChar && k.text == "]" && depth == 0:
			s := p.sourceOf(start, p.pos)
			p.pos++
			return s, t.off + 1, true
		}
		p.pos++
	}
	p.fail(t.off, "[ without ]")
	return "", t.off, false
}

// sub parses TeX given as source text at offset off of the formula, in
// the parser's macros and state: for optional arguments.
func (p *parser) sub(src string, off int) []Node {
	q := &parser{toks: tokenize(src, off), src: p.src, macros: p.macros, depth: p.depth,
		expansions: p.expansions, row: p.row, formula: p.formula}
	nodes := q.parseList(stopAtEnd)
	if t := q.peek(); t.kind != tEOF && q.err == nil {
		q.fail(t.off, "unexpected %s", describe(t))
	}
	p.expansions = q.expansions
	if q.err != nil && p.err == nil {
		p.err = q.err
	}
	return nodes
}
