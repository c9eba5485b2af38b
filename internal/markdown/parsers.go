package markdown

import (
	"bytes"
	"strings"
	"unicode/utf8"

	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/redtide/edition/internal/lazy"
	"github.com/redtide/edition/internal/markdown/scan"
)

// looseKey, set in a parser.Context, turns on the math delimiters that
// need a post that clearly uses math (see mathAt).
var looseKey = parser.NewContextKey()

func loose(pc parser.Context) bool { return pc.Get(looseKey) != nil }

// refsKey, set in a parser.Context, reads \eqref{…} and \ref{…} in
// text as inline math (Engine.MathRefs).
var refsKey = parser.NewContextKey()

// escapesKey, set in a parser.Context, makes \( and \[ escaped brackets,
// as the site's engine reads them (Engine.Escapes).
var escapesKey = parser.NewContextKey()

// escapedBracket: s starts with \( or \[ and the engine reads it as an
// escaped bracket, not a math delimiter.
func escapedBracket(s []byte, pc parser.Context) bool {
	return pc.Get(escapesKey) != nil && len(s) > 1 && s[0] == '\\' && (s[1] == '(' || s[1] == '[')
}

// blockParser opens an extBlock where match finds a construct at the
// start of a line that nothing but white space follows on its last line.
// The block's Lines are the construct's source lines.
type blockParser struct {
	triggers  []byte
	interrupt bool
	// match reads the construct at src[at:] and returns its kind and
	// length (0: none).
	match func(src []byte, at int, pc parser.Context) (extKind, int, bool)
}

func (p *blockParser) Trigger() []byte             { return p.triggers }
func (p *blockParser) CanInterruptParagraph() bool { return p.interrupt }
func (p *blockParser) CanAcceptIndentedLine() bool { return false }

func (p *blockParser) Open(parent gast.Node, reader text.Reader, pc parser.Context) (gast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos >= len(line) {
		return nil, parser.NoChildren
	}
	src := reader.Source()
	at := seg.Start - seg.Padding + pos
	if at < seg.Start {
		return nil, parser.NoChildren // a tab's padding: not worth the trouble
	}
	kind, n, braceless := p.match(src, at, pc)
	if n == 0 || !scan.RestBlank(src[at+n:]) {
		return nil, parser.NoChildren
	}
	node := &extBlock{kind: kind, end: at + n, braceless: braceless}
	first := text.NewSegment(at, seg.Stop)
	node.Lines().Append(first)
	node.done = seg.Stop >= node.end
	reader.AdvanceToEOL()
	return node, parser.NoChildren
}

func (p *blockParser) Continue(node gast.Node, reader text.Reader, pc parser.Context) parser.State {
	n := node.(*extBlock)
	if n.done {
		return parser.Close
	}
	line, seg := reader.PeekLine()
	if line == nil {
		return parser.Close
	}
	n.Lines().Append(seg)
	reader.AdvanceToEOL()
	if seg.Stop >= n.end {
		n.done = true
		return parser.Close
	}
	return parser.Continue | parser.NoChildren
}

func (p *blockParser) Close(node gast.Node, reader text.Reader, pc parser.Context) {}

// matchTemplate reads a Liquid tag, a Hugo shortcode or a kramdown
// attribute list or extension standing on lines of its own.
func matchTemplate(src []byte, at int, pc parser.Context) (extKind, int, bool) {
	s := src[at:]
	if len(s) < 2 {
		return 0, 0, false
	}
	if s[0] == '%' {
		// "% include x.html … %}": a tag that lost its opening brace.
		if m := bracelessInclude().Find(s); m != nil {
			return extLiquidTag, len(m), true
		}
		return 0, 0, false
	}
	switch s[1] {
	case '%':
		name, _, n := scan.LiquidTag(s)
		if n == 0 {
			return 0, 0, false
		}
		kind := extLiquidTag
		switch name {
		case "highlight":
			kind = extHighlight
		case "raw":
			kind = extRaw
		case "comment":
			kind = extComment
		default:
			if scan.PluginBlockName(name) {
				if _, end := memoEnd(pc, src, at+n, name); end >= 0 {
					return extPluginBlock, end - at, false
				}
			}
			return kind, n, false
		}
		if _, end := memoEnd(pc, src, at+n, name); end >= 0 {
			return kind, end - at, false
		}
		return extLiquidTag, n, false // never closed: the tag alone is dropped
	case '{':
		if name, _, closing, escaped, n := scan.Shortcode(s); n > 0 {
			if name == "highlight" && !closing && !escaped {
				if _, end := scan.ShortcodeEnd(s[n:], name); end >= 0 {
					return extHighlight, n + end, false
				}
			}
			return extShortcode, n, false
		}
		if n := scan.LiquidOutput(s); n > 0 {
			return extLiquidOutput, n, false
		}
	case ':':
		ext, n := scan.KramdownSpan(s)
		if n == 0 {
			return 0, 0, false
		}
		if ext != "" {
			return extKramdownExt, n, false
		}
		return extIAL, n, false
	}
	return 0, 0, false
}

// endMemoKey holds, in a parser.Context, where the last search for each
// Liquid end tag started and what it found, so that a post with many
// unclosed {% raw %} costs one search, not one per tag.
var endMemoKey = parser.NewContextKey()

type endMemo map[string][2]int // end tag name -> {searched from, found at (-1: none)}

// memoEnd is liquidEnd over src[from:], with absolute offsets.
func memoEnd(pc parser.Context, src []byte, from int, name string) (int, int) {
	m, _ := pc.Get(endMemoKey).(endMemo)
	if m == nil {
		m = endMemo{}
		pc.Set(endMemoKey, m)
	}
	if r, ok := m[name]; ok && r[0] <= from && (r[1] < 0 || r[1] >= from) {
		if r[1] < 0 {
			return -1, -1
		}
		_, l := scan.LiquidEnd(src[r[1]:], name)
		return r[1], r[1] + l
	}
	start, end := scan.LiquidEnd(src[from:], name)
	if start < 0 {
		m[name] = [2]int{from, -1}
		return -1, -1
	}
	m[name] = [2]int{from, from + start}
	return from + start, from + end
}

var bracelessInclude = lazy.Regexp(`^%\s*include\s(?:[^%]|%[^}])*%\}`)

// matchMath reads display math standing on lines of its own: $$…$$,
// \[…\] (and \\[…\\]), or a LaTeX environment.
func matchMath(src []byte, at int, pc parser.Context) (extKind, int, bool) {
	s := src[at:]
	if _, n := scan.MathEnv(s); n > 0 {
		return extMath, n, false
	}
	// \[…\] standing alone is math even in a post that uses no other:
	// prose does not put a bracketed passage on lines of its own.
	if escapedBracket(s, pc) {
		return 0, 0, false
	}
	if _, display, n := scan.MathAt(s, true); n > 0 && display {
		return extMath, n, false
	}
	return 0, 0, false
}

// inlineParser reads extension syntax inside a paragraph. parse reads
// the construct at the start of s (see scanInline for n and more).
type inlineParser struct {
	triggers []byte
	// closer returns the delimiter that ends the construct s starts
	// with, "" when s starts none.
	closer func(s []byte, pc parser.Context) string
	parse  func(s []byte, pc parser.Context) (node *extInline, n int, more bool)
}

func (p *inlineParser) Trigger() []byte { return p.triggers }

func (p *inlineParser) Parse(parent gast.Node, block text.Reader, pc parser.Context) gast.Node {
	line, seg := block.PeekLine()
	closer := p.closer(line, pc)
	if closer == "" {
		return nil
	}
	var node *extInline
	text, ok := scanInline(block, closer, func(s []byte) (int, bool) {
		x, n, more := p.parse(s, pc)
		node = x
		return n, more
	}, rawLimit)
	if !ok {
		return nil
	}
	node.text = text
	node.at = seg.Start
	if node.kind == extMath && node.display {
		_, after := block.Position()
		src := block.Source()
		node.display = lineStartsAt(src, seg.Start) && scan.RestBlank(src[after.Start:])
	}
	return node
}

// lineStartsAt reports whether only white space precedes src[i] on its
// line.
func lineStartsAt(src []byte, i int) bool {
	for i--; i >= 0 && src[i] != '\n'; i-- {
		if src[i] != ' ' && src[i] != '\t' {
			return false
		}
	}
	return true
}

// rawLimit bounds the text of {% raw %}, {% comment %} and
// {% highlight %} inside a paragraph.
const rawLimit = 64 << 10

// templateCloser: the delimiter that ends the template construct s
// starts with.
func templateCloser(s []byte, _ parser.Context) string {
	switch {
	case bytes.HasPrefix(s, []byte("{%")):
		// {% raw %}, {% comment %} and {% highlight %} end with their
		// end tag: searching for it alone keeps a paragraph full of them
		// linear.
		if name, _, n := scan.LiquidTag(s); n > 0 && (name == "raw" || name == "comment" || name == "highlight") {
			return "end" + name
		}
		return "%}"
	case bytes.HasPrefix(s, []byte("{{")):
		return "}}"
	case bytes.HasPrefix(s, []byte("{:")):
		return "}"
	}
	return ""
}

// mathCloser: the delimiter that ends the math s starts with.
func mathCloser(s []byte, pc parser.Context) string {
	switch {
	case bytes.HasPrefix(s, []byte("$$")):
		return "$$"
	case bytes.HasPrefix(s, []byte(`\\(`)):
		return `\\)`
	case bytes.HasPrefix(s, []byte(`\\[`)):
		return `\\]`
	case !loose(pc), escapedBracket(s, pc):
	case bytes.HasPrefix(s, []byte(`\(`)):
		return `\)`
	case bytes.HasPrefix(s, []byte(`\[`)):
		return `\]`
	case bytes.HasPrefix(s, []byte("$")):
		return "$"
	case pc.Get(refsKey) != nil && scan.TeXRef(s) > 0:
		return "}"
	}
	return ""
}

// parseTemplate reads a Liquid tag or output, a Hugo shortcode or a
// kramdown attribute list inside a line.
func parseTemplate(s []byte, _ parser.Context) (*extInline, int, bool) {
	if len(s) < 2 || s[0] != '{' {
		return nil, 0, false
	}
	switch s[1] {
	case '%':
		name, _, n := scan.LiquidTag(s)
		if n == 0 {
			return nil, 0, false
		}
		kind := extLiquidTag
		switch name {
		case "raw":
			kind = extRaw
		case "comment":
			kind = extComment
		case "highlight":
			kind = extHighlight
		default:
			if scan.PluginBlockName(name) {
				if _, end := scan.LiquidEnd(s[n:], name); end >= 0 {
					return &extInline{kind: extPluginBlock}, n + end, false
				}
			}
			return &extInline{kind: kind}, n, false
		}
		if _, end := scan.LiquidEnd(s[n:], name); end >= 0 {
			return &extInline{kind: kind}, n + end, false
		}
		if len(s) < rawLimit {
			return nil, 0, true
		}
		return &extInline{kind: extLiquidTag}, n, false // never closed: the tag alone
	case '{':
		if _, _, _, _, n := scan.Shortcode(s); n > 0 {
			return &extInline{kind: extShortcode}, n, false
		}
		if n := scan.LiquidOutput(s); n > 0 {
			return &extInline{kind: extLiquidOutput}, n, false
		}
		return nil, 0, len(s) < scan.TagLimit && !bytes.Contains(s[2:], []byte("{{"))
	case ':':
		if ext, n := scan.KramdownSpan(s); n > 0 {
			if ext != "" {
				return &extInline{kind: extKramdownExt}, n, false
			}
			return &extInline{kind: extIAL}, n, false
		}
	}
	return nil, 0, false
}

// parseMath reads inline math.
func parseMath(s []byte, pc parser.Context) (*extInline, int, bool) {
	if len(s) < 2 {
		return nil, 0, false
	}
	if escapedBracket(s, pc) {
		return nil, 0, false
	}
	_, display, n := scan.MathAt(s, loose(pc))
	if n > 0 {
		return &extInline{kind: extMath, display: display}, n, false
	}
	if pc.Get(refsKey) != nil {
		if n := scan.TeXRef(s); n > 0 {
			return &extInline{kind: extMath}, n, false
		}
	}
	// A closer that closes nothing ($$ with no TeX before it, an escaped
	// one) may be followed by the real one.
	return nil, 0, len(s) < scan.TagLimit && s[0] != '$' || bytes.HasPrefix(s, []byte("$$"))
}

// undefRefParser reads a footnote reference that goldmark's footnote
// parser (tried first) found no definition for.
type undefRefParser struct{}

func (undefRefParser) Trigger() []byte { return []byte{'['} }

func (undefRefParser) Parse(parent gast.Node, block text.Reader, pc parser.Context) gast.Node {
	line, _ := block.PeekLine()
	n, label := undefRefAt(line)
	if n == 0 {
		return nil
	}
	block.Advance(n)
	return &undefRef{label: string(label), padded: n > len(label)+3}
}

// undefRefAt returns the length of the footnote reference that starts
// line, [^label] with blanks (spaces, tabs) allowed around a label of 1
// to 100 runes that are neither ']' nor blank (\s), and its label; 0 if
// none. It reads what ^\[\^[ \t]*([^\]\s]{1,100})[ \t]*\] matches
// (TestUndefRefAt) without its 100 compiled repetitions.
func undefRefAt(line []byte) (n int, label []byte) {
	if !bytes.HasPrefix(line, []byte("[^")) {
		return 0, nil // most brackets: links and citations
	}
	tabs := func(i int) int {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		return i
	}
	start := tabs(2)
	end, runes := start, 0
	for end < len(line) && !strings.ContainsRune("]\t\n\f\r ", rune(line[end])) {
		_, size := utf8.DecodeRune(line[end:])
		end += size
		runes++
	}
	i := tabs(end)
	if runes < 1 || runes > 100 || i == len(line) || line[i] != ']' {
		return 0, nil
	}
	return i + 1, line[start:end]
}

// templLinkParser reads [text](dest) and ![alt](dest) whose destination
// holds Liquid, which goldmark's link parser cannot read.
type templLinkParser struct{}

func (templLinkParser) Trigger() []byte { return []byte{'[', '!'} }

func (templLinkParser) Parse(parent gast.Node, block text.Reader, pc parser.Context) gast.Node {
	line, _ := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("[")) && !bytes.HasPrefix(line, []byte("![")) {
		return nil
	}
	var node *templLink
	_, ok := scanInline(block, ")", func(s []byte) (int, bool) {
		l, n, more := templLinkAt(s)
		node = l
		return n, more
	}, 4096)
	if !ok {
		return nil
	}
	return node
}

// templLinkAt reads [label](dest "title") at the start of s when dest
// holds a Liquid tag or output; more says that s ends before the
// construct could.
func templLinkAt(s []byte) (*templLink, int, bool) {
	l := &templLink{}
	i := 0
	if len(s) > 0 && s[0] == '!' {
		l.image = true
		i++
	}
	if i >= len(s) || s[i] != '[' {
		return nil, 0, false
	}
	close, more := scan.MatchBracket(s, i, '[', ']')
	if close < 0 {
		return nil, 0, more
	}
	if close+1 >= len(s) || s[close+1] != '(' {
		return nil, 0, false
	}
	l.label = string(s[i+1 : close])
	end, more := scan.MatchBracket(s, close+1, '(', ')')
	if end < 0 {
		return nil, 0, more
	}
	dest := bytes.TrimSpace(s[close+2 : end])
	if !bytes.Contains(dest, []byte("{{")) && !bytes.Contains(dest, []byte("{%")) {
		return nil, 0, false
	}
	if m := linkTitle().FindSubmatch(dest); m != nil && !bytes.HasSuffix(m[1], []byte("{{")) {
		dest, l.title = m[1], string(m[2])+string(m[3])
	}
	l.dest = string(bytes.TrimSuffix(bytes.TrimPrefix(dest, []byte("<")), []byte(">")))
	return l, end + 1, false
}

var linkTitle = lazy.Regexp(`^(.*\S)\s+(?:"([^"]*)"|'([^']*)')$`)

// extensionParsers are the block and inline parsers of this package,
// with their priorities among goldmark's (a lower number is tried
// first): templates before paragraphs and lists, math before
// paragraphs; footnote-less references right after goldmark's footnote
// parser (101), citations and templated links before its link parser
// (200).
func extensionParsers() ([]util.PrioritizedValue, []util.PrioritizedValue) {
	blocks := []util.PrioritizedValue{
		util.Prioritized(&blockParser{triggers: []byte{'{', '%'}, interrupt: true, match: matchTemplate}, 90),
		util.Prioritized(&blockParser{triggers: []byte{'$', '\\'}, match: matchMath}, 95),
		util.Prioritized(&blockParser{triggers: []byte{':'}, interrupt: true, match: matchRefsDiv}, 96),
	}
	inlines := []util.PrioritizedValue{
		util.Prioritized(&inlineParser{triggers: []byte{'{'}, closer: templateCloser, parse: parseTemplate}, 90),
		util.Prioritized(&inlineParser{triggers: []byte{'$', '\\'}, closer: mathCloser, parse: parseMath}, 91),
		util.Prioritized(undefRefParser{}, 102),
		util.Prioritized(inlineNoteParser{}, 110),
		util.Prioritized(citeParser{}, 120),
		util.Prioritized(templLinkParser{}, 150),
	}
	return blocks, inlines
}

// refsDiv matches pandoc's empty div with the id refs, which says where
// the bibliography goes: ::: {#refs} and its closing fence, with nothing
// but blank lines between.
var refsDiv = lazy.Regexp(`^:{3,}[ \t]*\{[^}\n]*#refs\b[^}\n]*\}[ \t]*:*[ \t]*\n(?:[ \t]*\n)*:{3,}[ \t]*(?:\n|$)`)

// matchRefsDiv reads ::: {#refs} ::: standing on lines of their own.
func matchRefsDiv(src []byte, at int, pc parser.Context) (extKind, int, bool) {
	if m := refsDiv().Find(src[at:]); m != nil {
		return extRefs, len(bytes.TrimRight(m, "\n")), false
	}
	return 0, 0, false
}
