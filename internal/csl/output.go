package csl

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// node is rendered output before flattening: text or children, with the
// formatting, quotes and affixes of the element that made it.
type node struct {
	text           string
	kids           []*node
	delim          string
	prefix, suffix string
	anchor         *anchor // link or item reference, rare
	set, clear     Format  // decorations switched on and off here
	flip           Format  // decorations that toggle (italics inside italics)
	quote          bool
	nocase         bool // text-case leaves this text alone
	names          bool // made by <names> (subsequent-author-substitute)
	role           byte // in a name list: 'p' one name, 'l' the list, 'L' its label
	term           bool // a locale term (capitalized at the start of a note)
}

// anchor is where a node's text points: a URL, or an item's entry.
type anchor struct{ link, ref string }

// newNode returns a new node of the rendering under way (see arena).
func (p *Processor) newNode() *node { return p.arena.node() }

// kids returns a copy of ks for a node's children (see arena); appending
// to it copies it.
func (p *Processor) kids(ks []*node) []*node { return p.arena.kids(ks) }

// wrap returns a new node of the rendering under way with kids ks.
func (p *Processor) wrap(ks ...*node) *node {
	n := p.arena.node()
	n.kids = p.arena.kids(ks)
	return n
}

// text is textNode, made by newNode.
func (c *ctx) text(s string) *node {
	if s == "" {
		return nil
	}
	n := c.p.newNode()
	n.text = s
	return n
}

// rich is parseRich, with the nodes of plain text made by newNode.
func (c *ctx) rich(s string) *node {
	if !hasRichMarks(s) {
		return c.text(s)
	}
	if c.p.rich.arena == nil {
		c.p.rich.arena = &c.p.arena
	}
	return c.p.rich.parse(s)
}

func textNode(s string) *node {
	if s == "" {
		return nil
	}
	return &node{text: s}
}

// group makes a node of the non-empty kids.
func group(kids []*node, delim string) *node {
	all := len(kids) > 0
	for _, k := range kids {
		all = all && !k.empty()
	}
	if all {
		if len(kids) == 1 {
			return kids[0] // a delimiter needs two
		}
		return &node{kids: kids, delim: delim}
	}
	var ks []*node
	for _, k := range kids {
		if !k.empty() {
			ks = append(ks, k)
		}
	}
	switch len(ks) {
	case 0:
		return nil
	case 1:
		return ks[0]
	}
	return &node{kids: ks, delim: delim}
}

// group is the function group, its nodes and lists made in the arena:
// kids may be scratch space.
func (c *ctx) group(kids []*node, delim string) *node {
	var room [8]*node
	ks := room[:0]
	for _, k := range kids {
		if !k.empty() {
			ks = append(ks, k)
		}
	}
	switch len(ks) {
	case 0:
		return nil
	case 1:
		return ks[0] // a delimiter needs two
	}
	n := c.p.newNode()
	n.kids, n.delim = c.p.kids(ks), delim
	return n
}

func (n *node) empty() bool {
	if n == nil {
		return true
	}
	if n.text != "" {
		return false
	}
	for _, k := range n.kids {
		if !k.empty() {
			return false
		}
	}
	return true
}

// plain is the node's text without formatting, for comparisons and sorting.
func (n *node) plain() string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	b.Grow(n.plainLen()) // one allocation
	n.writePlain(&b)
	return b.String()
}

// appendPlain appends n's plain text to dst.
func (n *node) appendPlain(dst []byte) []byte {
	if n == nil {
		return dst
	}
	dst = append(dst, n.prefix...)
	if n.quote {
		dst = append(dst, '"')
	}
	dst = append(dst, n.text...)
	first := true
	for _, k := range n.kids {
		if k.empty() {
			continue
		}
		if !first {
			dst = append(dst, n.delim...)
		}
		first = false
		dst = k.appendPlain(dst)
	}
	if n.quote {
		dst = append(dst, '"')
	}
	return append(dst, n.suffix...)
}

// plainLen is the length of n's plain text.
func (n *node) plainLen() int {
	l := len(n.prefix) + len(n.text) + len(n.suffix)
	if n.quote {
		l += 2
	}
	first := true
	for _, k := range n.kids {
		if k.empty() {
			continue
		}
		if !first {
			l += len(n.delim)
		}
		first = false
		l += k.plainLen()
	}
	return l
}

func (n *node) writePlain(b *strings.Builder) {
	b.WriteString(n.prefix)
	if n.quote {
		b.WriteString("\"")
	}
	b.WriteString(n.text)
	first := true
	for _, k := range n.kids {
		if k.empty() {
			continue
		}
		if !first {
			b.WriteString(n.delim)
		}
		first = false
		k.writePlain(b)
	}
	if n.quote {
		b.WriteString("\"")
	}
	b.WriteString(n.suffix)
}

// leaves calls f on every text leaf in order.
func (n *node) leaves(f func(*node)) {
	if n == nil {
		return
	}
	if n.text != "" {
		f(n)
	}
	for _, k := range n.kids {
		k.leaves(f)
	}
}

// quotes are the locale's quotation marks.
type quotes struct {
	open, close, innerOpen, innerClose string
	punctInside                        bool
}

// piece is a run of flattened text; closeQuote marks a closing quotation
// mark, which punctuation may move inside.
type piece struct {
	text       string
	f          Format
	link, ref  string
	closeQuote bool
	joins      bool // continues the span of the piece before (see flatten)
}

type flattener struct {
	q      quotes
	pieces []piece
}

// flatten turns a node tree into spans, joining punctuation where affixes
// and delimiters meet as citeproc-js does. The pieces are gathered in the
// processor's scratch buffer, reused from one citation or entry to the
// next.
func (p *Processor) flatten(n *node) Rich {
	fl := &flattener{q: p.q, pieces: p.pieces[:0]}
	defer func() { p.pieces = fl.pieces }()
	if !n.empty() {
		fl.walk(n, 0, 0, "", "")
	}
	// a piece joins the span of the one before when it has its
	// formatting and link; counted first, to size the spans once, with
	// the bytes of the spans of several pieces, whose texts are made in
	// one string (a span of one piece keeps its text)
	spans, joined := 0, 0
	for i := range fl.pieces {
		p := &fl.pieces[i]
		p.joins = i > 0 && p.f == fl.pieces[i-1].f && p.link == fl.pieces[i-1].link && p.ref == fl.pieces[i-1].ref
		switch {
		case !p.joins:
			spans++
		case !fl.pieces[i-1].joins:
			joined += len(fl.pieces[i-1].text) + len(p.text) // a run's first two
		default:
			joined += len(p.text)
		}
	}
	if spans == 0 {
		return nil
	}
	var all string
	if joined > 0 {
		var b strings.Builder
		b.Grow(joined)
		for i, p := range fl.pieces {
			if p.joins || i+1 < len(fl.pieces) && fl.pieces[i+1].joins {
				b.WriteString(p.text)
			}
		}
		all = b.String()
	}
	r := make(Rich, 0, spans)
	off := 0 // in all, of the next run of several pieces
	for i := 0; i < len(fl.pieces); {
		p := fl.pieces[i]
		j := i + 1
		for j < len(fl.pieces) && fl.pieces[j].joins {
			j++
		}
		text := p.text
		if j > i+1 {
			n := 0
			for _, q := range fl.pieces[i:j] {
				n += len(q.text)
			}
			text, off = all[off:off+n], off+n
		}
		r = append(r, Span{Text: text, Format: p.f, Link: p.link, Ref: p.ref})
		i = j
	}
	return r
}

// walk adds the pieces of n, which is not empty.
func (fl *flattener) walk(n *node, f Format, level int, link, ref string) {
	if a := n.anchor; a != nil {
		if a.link != "" {
			link = a.link
		}
		if a.ref != "" {
			ref = a.ref
		}
	}
	if n.prefix != "" {
		fl.add(piece{text: n.prefix, f: f, link: link, ref: ref})
	}
	inner := (f | n.set) &^ n.clear
	if n.flip&Italic != 0 {
		if inner&Italic != 0 {
			inner = inner&^Italic | NoDecoration
		} else {
			inner = inner&^NoDecoration | Italic
		}
	}
	if n.set&Italic != 0 {
		inner &^= NoDecoration
	}
	if n.clear&Italic != 0 && f&Italic != 0 {
		inner |= NoDecoration
	}
	if n.quote {
		open, shut := fl.q.open, fl.q.close
		if level%2 == 1 {
			open, shut = fl.q.innerOpen, fl.q.innerClose
		}
		fl.add(piece{text: open, f: inner, link: link, ref: ref})
		fl.content(n, inner, level+1, link, ref)
		fl.add(piece{text: shut, f: inner, link: link, ref: ref, closeQuote: true})
	} else {
		fl.content(n, inner, level, link, ref)
	}
	if n.suffix != "" {
		fl.add(piece{text: n.suffix, f: f, link: link, ref: ref})
	}
}

func (fl *flattener) content(n *node, f Format, level int, link, ref string) {
	if n.text != "" {
		fl.add(piece{text: n.text, f: f, link: link, ref: ref})
	}
	first := true
	for _, k := range n.kids {
		if k.empty() {
			continue
		}
		if !first && n.delim != "" {
			fl.add(piece{text: n.delim, f: f &^ (Italic | Bold | NoDecoration), link: link, ref: ref})
		}
		first = false
		fl.walk(k, f, level, link, ref)
	}
}

// add appends a piece, merging punctuation at the join.
func (fl *flattener) add(p piece) {
	if p.text == "" {
		return
	}
	if !p.closeQuote {
		p.text = fl.join(p.text)
		if p.text == "" {
			return
		}
	}
	fl.pieces = append(fl.pieces, p)
}

// join handles the text about to be added against what precedes it:
// punctuation moves inside closing quotes when the locale says so, and
// doubled punctuation is dropped.
func (fl *flattener) join(s string) string {
	if s[0] == ' ' && len(fl.pieces) > 0 && strings.HasSuffix(fl.pieces[len(fl.pieces)-1].text, " ") {
		s = s[1:]
		if s == "" {
			return ""
		}
	}
	first, size := utf8.DecodeRuneInString(s)
	if !isPunct(first) {
		return s
	}
	i := len(fl.pieces) - 1
	for i >= 0 && fl.pieces[i].closeQuote {
		i--
	}
	if i < 0 {
		return s
	}
	prev := &fl.pieces[i]
	last, _ := utf8.DecodeLastRuneInString(prev.text)
	quoted := i < len(fl.pieces)-1
	if keep, ok := mergePunct(last, first); ok {
		if !keep {
			return s[size:]
		}
		if quoted && fl.q.punctInside && (first == '.' || first == ',') {
			return s[size:]
		}
		return s
	}
	if quoted && fl.q.punctInside && (first == '.' || first == ',') {
		// the mark goes just inside the closing quotation mark, in the
		// quotation's own formatting
		q := fl.pieces[i+1]
		q.text, q.closeQuote = s[:size], false
		fl.pieces = slices.Insert(fl.pieces, i+1, q) // in the processor's scratch buffer
		return s[size:]
	}
	return s
}

func isPunct(r rune) bool {
	switch r {
	case '.', ',', ';', ':', '!', '?':
		return true
	}
	return false
}

// mergePunct decides what happens when b follows a: ok is false when a is
// not punctuation; keep tells whether b stays.
func mergePunct(a, b rune) (keep, ok bool) {
	if !isPunct(a) {
		return true, false
	}
	switch {
	case a == b:
		return false, true
	case (a == '!' || a == '?') && (b == '.' || b == ','):
		return false, true
	case a == '.' && (b == ',' || b == ';' || b == ':'):
		return true, true
	case (a == ',' || a == ';' || a == ':') && b == '.':
		return false, true
	case a == ':' && (b == ',' || b == ';'):
		return false, true
	}
	return true, true
}

// capitalizeFirst upper-cases the first letter of s.
func capitalizeFirst(s string) string {
	for i, r := range s {
		if unicode.IsLetter(r) {
			return s[:i] + string(unicode.ToUpper(r)) + s[i+utf8.RuneLen(r):]
		}
		if !unicode.IsPunct(r) && !unicode.IsSpace(r) {
			return s
		}
	}
	return s
}

// firstLeaf returns the first text leaf under n.
func (n *node) firstLeaf() *node {
	var first *node
	n.leaves(func(l *node) {
		if first == nil {
			first = l
		}
	})
	return first
}
