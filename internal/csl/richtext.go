package csl

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// richMarks are the characters that may start markup or a quotation.
const richMarks = "<\"'‘’“”"

// parseRich reads CSL-JSON's rich-text markup (<i>, <b>, <sup>, <sub>,
// small-caps and nocase spans) and straight quotation marks into nodes.
// Anything else that looks like markup is literal text.
func parseRich(s string) *node {
	if !strings.ContainsAny(s, richMarks) {
		return textNode(s)
	}
	p := &richParser{src: s}
	p.stack = []*richFrame{{n: &node{}}}
	p.run()
	for len(p.stack) > 1 {
		p.pop()
	}
	return p.stack[0].n
}

type richFrame struct {
	n     *node
	close string // the tag or quote that ends it
}

type richParser struct {
	src   string
	i     int
	buf   strings.Builder
	stack []*richFrame
}

var richTags = []struct {
	open, close string
	mk          func() *node
}{
	{"<i>", "</i>", func() *node { return &node{flip: Italic} }},
	{"<b>", "</b>", func() *node { return &node{set: Bold} }},
	{"<sup>", "</sup>", func() *node { return &node{set: Superscript} }},
	{"<sub>", "</sub>", func() *node { return &node{set: Subscript} }},
	{`<span style="font-variant:small-caps;">`, "</span>", func() *node { return &node{set: SmallCaps} }},
	{`<span style="font-variant: small-caps;">`, "</span>", func() *node { return &node{set: SmallCaps} }},
	{`<span class="nocase">`, "</span>", func() *node { return &node{nocase: true} }},
	{`<sc>`, "</sc>", func() *node { return &node{set: SmallCaps} }},
}

func (p *richParser) run() {
	for p.i < len(p.src) {
		if p.src[p.i] == '<' && p.tag() {
			continue
		}
		r, size := utf8.DecodeRuneInString(p.src[p.i:])
		if strings.ContainsRune("\"'‘’“”", r) && p.quote(r) {
			p.i += size
			continue
		}
		if r == '\'' {
			r = '’'
		}
		p.buf.WriteRune(r)
		p.i += size
	}
	p.flush()
}

func (p *richParser) tag() bool {
	rest := p.src[p.i:]
	top := p.stack[len(p.stack)-1]
	if top.close != "" && strings.HasPrefix(rest, top.close) {
		p.flush()
		p.pop()
		p.i += len(top.close)
		return true
	}
	for _, t := range richTags {
		if strings.HasPrefix(rest, t.open) && strings.Contains(rest[len(t.open):], t.close) {
			p.push(t.mk(), t.close)
			p.i += len(t.open)
			return true
		}
	}
	return false
}

// quote opens or closes a quotation at r; false leaves r as text.
func (p *richParser) quote(r rune) bool {
	prev, _ := utf8.DecodeLastRuneInString(p.src[:p.i])
	next, _ := utf8.DecodeRuneInString(p.src[p.i+utf8.RuneLen(r):])
	closer := map[rune]string{'"': "\"", '“': "”", '\'': "'", '‘': "’"}
	if p.closes(r) && (r == '"' || r == '”' || !isWordRune(next)) {
		p.flush()
		p.pop()
		return true
	}
	c, ok := closer[r]
	if !ok || (p.i > 0 && isWordRune(prev)) || next == 0 || unicode.IsSpace(next) {
		return false
	}
	if !strings.Contains(p.src[p.i+1:], c) && !(c == "’" && strings.Contains(p.src[p.i+1:], "'")) {
		return false
	}
	p.push(&node{quote: true}, c)
	return true
}

func (p *richParser) closes(r rune) bool {
	for i := len(p.stack) - 1; i > 0; i-- {
		c := p.stack[i].close
		if c == string(r) || (c == "’" && r == '\'') || (c == "'" && r == '’') {
			return i == len(p.stack)-1
		}
	}
	return false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func (p *richParser) push(n *node, close string) {
	p.flush()
	top := p.stack[len(p.stack)-1].n
	top.kids = append(top.kids, n)
	p.stack = append(p.stack, &richFrame{n: n, close: close})
}

func (p *richParser) pop() {
	p.flush()
	if len(p.stack) > 1 {
		p.stack = p.stack[:len(p.stack)-1]
	}
}

func (p *richParser) flush() {
	if p.buf.Len() == 0 {
		return
	}
	nocase := false
	for _, f := range p.stack {
		nocase = nocase || f.n.nocase
	}
	top := p.stack[len(p.stack)-1].n
	top.kids = append(top.kids, &node{text: p.buf.String(), nocase: nocase})
	p.buf.Reset()
}
