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
		util.Prioritized(&linkifyFilter{extension.NewLinkifyParser()}, 999),
	))
}

type linkifyFilter struct{ parser.InlineParser }

func (f *linkifyFilter) Parse(parent gast.Node, block text.Reader, pc parser.Context) gast.Node {
	if !blockScan(parent, block.Source(), pc).link {
		return nil
	}
	if line, _ := block.PeekLine(); len(line) > 0 && !mayLink(line) {
		return nil
	}
	return f.InlineParser.Parse(parent, block, pc)
}

// blockMemoKey holds, in a parser.Context, what blockScan found in the
// lines of the block whose inlines are being parsed.
var blockMemoKey = parser.NewContextKey()

// blockSummary is what the lines of a block hold that inline parsers
// tried at many places of every paragraph ask about: most paragraphs
// hold neither a URL nor an address nor a citation key.
type blockSummary struct {
	lines *text.Segments // the block's lines, which stand for it
	at    bool           // an @: an address or a citation key may be there
	link  bool           // an @, www., tp: or tps: (lineMayLink)
}

// blockScan returns what the lines of block (whose inlines are parsed:
// inline parsers read only its lines) hold, read once per block.
func blockScan(block gast.Node, src []byte, pc parser.Context) *blockSummary {
	m, _ := pc.Get(blockMemoKey).(*blockSummary)
	if m == nil {
		m = &blockSummary{}
		pc.Set(blockMemoKey, m)
	}
	if lines := block.Lines(); m.lines != lines {
		*m = blockSummary{lines: lines}
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			line := src[seg.Start:seg.Stop]
			m.at = m.at || bytes.IndexByte(line, '@') >= 0
			m.link = m.link || m.at || lineMayLink(line)
		}
	}
	return m
}

// lineMayLink reports whether line holds www., tp: or tps: (in http:,
// https:, ftp:).
func lineMayLink(line []byte) bool {
	if bytes.Contains(line, []byte("www.")) {
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
func (f *linkifyFilter) SetOption(name parser.OptionName, value any) {
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
