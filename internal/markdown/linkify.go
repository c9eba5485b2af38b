package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// quickLinkify is goldmark's Linkify extension (bare URLs and addresses
// become links, as GFM's autolinks), registered as Linkify registers
// itself, with tests in front of its parser. Linkify is tried at every
// space of every paragraph, and finds a link only where the word starts
// with http:, https:, ftp: or www., or is an address, an @ within its
// first 65 bytes (util.FindEmailIndex); elsewhere it returns nothing and
// changes nothing, so the tests can answer for it: first whether the
// paragraph holds any of these at all (most hold none), then whether
// the word could be one.
type quickLinkify struct{}

func (quickLinkify) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(linkifyFilter{extension.NewLinkifyParser()}, 999),
	))
}

type linkifyFilter struct{ parser.InlineParser }

func (f linkifyFilter) Parse(parent gast.Node, block text.Reader, pc parser.Context) gast.Node {
	if !blockMayLink(parent, block.Source(), pc) {
		return nil
	}
	if line, _ := block.PeekLine(); len(line) > 0 && !mayLink(line) {
		return nil
	}
	return f.InlineParser.Parse(parent, block, pc)
}

// linkMemoKey holds, in a parser.Context, the block whose inlines are
// being parsed and whether any of its lines could hold a link: most
// paragraphs hold neither a URL nor an address, and Linkify is tried at
// each of their spaces.
var linkMemoKey = parser.NewContextKey()

type linkMemo struct {
	lines *text.Segments // the block's lines, which stand for it
	may   bool
}

// blockMayLink reports whether a line of block (whose inlines are
// parsed: Linkify reads only its lines) holds what mayLink looks for: an
// @, or http:, https:, ftp: or www.
func blockMayLink(block gast.Node, src []byte, pc parser.Context) bool {
	m, _ := pc.Get(linkMemoKey).(*linkMemo)
	if m == nil {
		m = &linkMemo{}
		pc.Set(linkMemoKey, m)
	}
	if lines := block.Lines(); m.lines != lines {
		m.lines, m.may = lines, false
		for i := 0; i < lines.Len() && !m.may; i++ {
			seg := lines.At(i)
			m.may = lineMayLink(src[seg.Start:seg.Stop])
		}
	}
	return m.may
}

// lineMayLink reports whether line holds an @, www., tp: or tps: (in
// http:, https:, ftp:).
func lineMayLink(line []byte) bool {
	if bytes.IndexByte(line, '@') >= 0 || bytes.Contains(line, []byte("www.")) {
		return true
	}
	for {
		i := bytes.IndexByte(line, ':')
		if i < 0 {
			return false
		}
		if bytes.HasSuffix(line[:i], []byte("tp")) || bytes.HasSuffix(line[:i], []byte("tps")) {
			return true
		}
		line = line[i+1:]
	}
}

// SetOption passes the parser's options on to Linkify's.
func (f linkifyFilter) SetOption(name parser.OptionName, value any) {
	if so, ok := f.InlineParser.(parser.SetOptioner); ok {
		so.SetOption(name, value)
	}
}

// mayLink reports whether Linkify could find a link at line, which
// starts with the character it was tried at.
func mayLink(line []byte) bool {
	switch line[0] {
	case ' ', '*', '_', '~', '(': // Linkify's triggers, which it steps over
		line = line[1:]
	}
	if len(line) > 0 {
		var schemes []string
		switch line[0] { // most words start otherwise
		case 'h':
			schemes = []string{"http:", "https:"}
		case 'f':
			schemes = []string{"ftp:"}
		case 'w':
			schemes = []string{"www."}
		}
		for _, p := range schemes {
			if bytes.HasPrefix(line, []byte(p)) {
				return true
			}
		}
	}
	// An address starts where Linkify was tried: a local part of at
	// most 64 bytes, with no space and not starting with punctuation,
	// then "@" (util.FindEmailIndex).
	if len(line) == 0 || util.IsPunct(line[0]) {
		return false
	}
	at := bytes.IndexByte(line[:min(len(line), 65)], '@')
	return at > 0 && !bytes.ContainsAny(line[:at], " \t\n\r")
}
