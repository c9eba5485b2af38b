package csl

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// richMarks are the characters that may start markup or a quotation.
const richMarks = "<\"'‘’“”"

// hasRichMarks is strings.ContainsAny(s, richMarks), a byte at a time:
// with marks beyond ASCII in the set, ContainsAny decodes every rune of
// s and searches the set for it, and every variable a style prints is
// asked.
func hasRichMarks(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '<', '"', '\'':
			return true
		case 0xE2: // ‘ ’ “ ” are E2 80 98, 99, 9C, 9D
			if i+2 < len(s) && s[i+1] == 0x80 {
				switch s[i+2] {
				case 0x98, 0x99, 0x9C, 0x9D:
					return true
				}
			}
		}
	}
	return false
}

// parseRich reads CSL-JSON's rich-text markup (<i>, <b>, <sup>, <sub>,
// small-caps and nocase spans) and straight quotation marks into nodes.
// Anything else that looks like markup is literal text.
func parseRich(s string) *node {
	if !hasRichMarks(s) {
		return textNode(s)
	}
	return (&richParser{}).parse(s)
}

// parse is parseRich by p, whose arena (nil: new) makes the nodes and
// their lists of children: a processor keeps one parser for all its
// renderings, and its scratch space.
func (p *richParser) parse(s string) *node {
	*p = richParser{src: s, arena: p.arena, stack: p.stack[:0], kids: p.kids[:0]}
	p.stack = append(p.stack, richFrame{n: p.node()})
	p.run()
	for len(p.stack) > 1 {
		p.pop()
	}
	p.flush()
	root := p.stack[0].n
	root.kids = p.list(p.kids)
	return root
}

type richFrame struct {
	n     *node
	close string // the tag or quote that ends it
	start int    // its children, in the parser's kids from there
}

type richParser struct {
	src string
	i   int
	buf strings.Builder
	// text not yet in buf: src[pend:i] when pending (text as written
	// becomes a node without a copy)
	pend    int
	pending bool
	stack   []richFrame
	arena   *arena // makes the nodes and their lists of children; nil: new
	// the children of the frames open, gathered here and made a node's
	// list once, when its frame closes
	kids []*node
}

// list makes a node's list of children of ks.
func (p *richParser) list(ks []*node) []*node {
	switch {
	case len(ks) == 0:
		return nil
	case p.arena != nil:
		return p.arena.kids(ks)
	}
	return append([]*node(nil), ks...)
}

// node returns a new node.
func (p *richParser) node() *node {
	if p.arena != nil {
		return p.arena.node()
	}
	return &node{}
}

// richTags are the tags of rich text, with the formatting each sets.
var richTags = []struct {
	open, close string
	mk          node
}{
	{"<i>", "</i>", node{flip: Italic}},
	{"<b>", "</b>", node{set: Bold}},
	{"<sup>", "</sup>", node{set: Superscript}},
	{"<sub>", "</sub>", node{set: Subscript}},
	{`<span style="font-variant:small-caps;">`, "</span>", node{set: SmallCaps}},
	{`<span style="font-variant: small-caps;">`, "</span>", node{set: SmallCaps}},
	{`<span class="nocase">`, "</span>", node{nocase: true}},
	{`<sc>`, "</sc>", node{set: SmallCaps}},
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
			p.spill()
			p.buf.WriteRune('’')
		} else if !p.pending {
			p.pend, p.pending = p.i, true
		}
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
			n := p.node()
			*n = t.mk
			p.push(n, t.close)
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
	if p.closes(r) && (r == '"' || r == '”' || !isWordRune(next)) {
		p.flush()
		p.pop()
		return true
	}
	c, ok := closerOf(r)
	if !ok || (p.i > 0 && isWordRune(prev)) || next == 0 || unicode.IsSpace(next) {
		return false
	}
	if !strings.Contains(p.src[p.i+1:], c) && !(c == "’" && strings.Contains(p.src[p.i+1:], "'")) {
		return false
	}
	n := p.node()
	n.quote = true
	p.push(n, c)
	return true
}

// closerOf is the mark that closes a quotation opened by r.
func closerOf(r rune) (string, bool) {
	switch r {
	case '"':
		return "\"", true
	case '“':
		return "”", true
	case '\'':
		return "'", true
	case '‘':
		return "’", true
	}
	return "", false
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
	p.kids = append(p.kids, n)
	p.stack = append(p.stack, richFrame{n: n, close: close, start: len(p.kids)})
}

func (p *richParser) pop() {
	p.flush()
	if len(p.stack) > 1 {
		f := p.stack[len(p.stack)-1]
		f.n.kids = p.list(p.kids[f.start:])
		p.kids = p.kids[:f.start]
		p.stack = p.stack[:len(p.stack)-1]
	}
}

// spill writes the pending text into buf.
func (p *richParser) spill() {
	if p.pending {
		p.buf.WriteString(p.src[p.pend:p.i])
		p.pending = false
	}
}

func (p *richParser) flush() {
	var text string
	if p.buf.Len() == 0 {
		if !p.pending {
			return
		}
		text, p.pending = p.src[p.pend:p.i], false
	} else {
		p.spill()
		text = p.buf.String()
	}
	nocase := false
	for _, f := range p.stack {
		nocase = nocase || f.n.nocase
	}
	n := p.node()
	n.text, n.nocase = text, nocase
	p.kids = append(p.kids, n)
	p.buf.Reset()
}
