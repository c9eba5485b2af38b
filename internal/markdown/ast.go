package markdown

import (
	"bytes"
	"strings"

	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// The syntax a post carries besides Markdown (Liquid tags, Hugo
// shortcodes, kramdown attribute lists and extensions, TeX math) is
// recognised by goldmark parsers of this package (jekyll.go, hugo.go,
// kramdown.go, math.go) and held in the nodes below until conv turns
// them into model elements. Code spans and code blocks are parsed by
// goldmark before any of these parsers can see their text, so nothing
// inside code is ever taken for markup.

// extKind says what an extension node holds.
type extKind uint8

const (
	extLiquidTag    extKind = iota // {% name args %}
	extLiquidOutput                // {{ expression }}
	extHighlight                   // {% highlight lang %} … or {{< highlight lang >}} …: code
	extRaw                         // {% raw %} … {% endraw %}: text kept as written
	extComment                     // {% comment %} … {% endcomment %}
	extShortcode                   // {{< name args >}} or {{% name args %}}
	extIAL                         // kramdown {: …} attribute list
	extKramdownExt                 // kramdown {::name …} extension
	extMath                        // TeX math
	extRefs                        // pandoc's ::: {#refs} ::: div: where the bibliography goes
	extPluginBlock                 // {% name %} … {% endname %} of a plugin
)

// extBlock is a block of extension syntax. Its Lines are the source of
// the whole construct, delimiters included, from its first byte; body is
// filled by conv from them.
type extBlock struct {
	gast.BaseBlock
	kind extKind
	end  int  // source offset just past the construct
	done bool // parsing: the end has been consumed
	// braceless: a {% include %} that lost its opening brace
	braceless bool
}

var kindExtBlock = gast.NewNodeKind("EditionExtBlock")

func (n *extBlock) Kind() gast.NodeKind { return kindExtBlock }
func (n *extBlock) IsRaw() bool         { return true }
func (n *extBlock) Dump(src []byte, level int) {
	gast.DumpHelper(n, src, level, map[string]string{"kind": string('0' + rune(n.kind))}, nil)
}

// source returns the text of the construct.
func (n *extBlock) source(src []byte) string {
	var b strings.Builder
	ls := n.Lines()
	for i := 0; i < ls.Len(); i++ {
		s := ls.At(i)
		b.Write(s.Value(src))
	}
	return b.String()
}

// extInline is an inline piece of extension syntax; text is its source,
// delimiters included.
type extInline struct {
	gast.BaseInline
	kind extKind
	text string
	at   int // source offset of its first byte
	// display: math written with display delimiters ($$, \[) that stands
	// on lines of its own, to be set as a display block.
	display bool
}

var kindExtInline = gast.NewNodeKind("EditionExtInline")

func (n *extInline) Kind() gast.NodeKind { return kindExtInline }
func (n *extInline) Dump(src []byte, level int) {
	gast.DumpHelper(n, src, level, map[string]string{"text": n.text}, nil)
}

// undefRef is a footnote reference [^label] whose label has no
// definition.
type undefRef struct {
	gast.BaseInline
	label  string
	padded bool // written with spaces inside the brackets: "[^ 18]"
}

var kindUndefRef = gast.NewNodeKind("EditionUndefinedRef")

func (n *undefRef) Kind() gast.NodeKind { return kindUndefRef }
func (n *undefRef) Dump(src []byte, level int) {
	gast.DumpHelper(n, src, level, map[string]string{"label": n.label}, nil)
}

// templLink is a Markdown link or image whose destination holds Liquid
// ([text]({{ site.baseurl }}/x)): goldmark cannot read such a
// destination, which may hold spaces. label is the link text's source.
type templLink struct {
	gast.BaseInline
	image bool
	label string
	dest  string
	title string
}

var kindTemplLink = gast.NewNodeKind("EditionTemplatedLink")

func (n *templLink) Kind() gast.NodeKind { return kindTemplLink }
func (n *templLink) Dump(src []byte, level int) {
	gast.DumpHelper(n, src, level, map[string]string{"dest": n.dest}, nil)
}

// scanInline reads from the inline reader's position, across the lines
// of the block, a construct that ends with closer. end gets the text
// gathered so far (whole lines), each time it holds one more closer,
// and returns the
// construct's length when it is complete, else 0 and whether more text
// could complete it. On success the reader is left after the construct,
// whose text is returned; otherwise the reader is where it was. The
// search stops limit bytes on, and before it starts when the source
// holds no closer that near: a paragraph full of openers costs one scan
// each.
func scanInline(block text.Reader, closer string, end func(s []byte) (n int, more bool), limit int) (string, bool) {
	savedLine, savedPos := block.Position()
	src := block.Source()
	if !bytes.Contains(src[savedPos.Start:min(len(src), savedPos.Start+limit)], []byte(closer)) {
		return "", false
	}
	var buf []byte
	checked := 1 // buf[:checked] holds no closer end has not seen; a closer never starts a construct
	for len(buf) <= limit {
		line, _ := block.PeekLine()
		if line == nil {
			break
		}
		start := len(buf)
		if start == 0 {
			// the first line is read in place (most constructs end
			// on it); a second one is appended to a copy (capped, the
			// append cannot write over the source)
			buf = line[:len(line):len(line)]
		} else {
			buf = append(buf, line...)
		}
		for {
			k := bytes.Index(buf[checked:], []byte(closer))
			if k < 0 {
				checked = max(checked, len(buf)-len(closer)+1)
				break
			}
			checked += k + 1
			n, more := end(buf)
			if n > 0 {
				block.Advance(max(n-start, 0))
				return string(buf[:n]), true
			}
			if !more {
				block.SetPosition(savedLine, savedPos)
				return "", false
			}
		}
		block.AdvanceLine()
	}
	block.SetPosition(savedLine, savedPos)
	return "", false
}
