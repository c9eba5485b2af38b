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
// itself, with a test in front of its parser. Linkify is tried at every
// space of every paragraph, and finds a link only where the word starts
// with http:, https:, ftp: or www., or has an @ within its first 65
// bytes (util.FindEmailIndex); elsewhere it returns nothing and changes
// nothing, so the test can answer for it.
type quickLinkify struct{}

func (quickLinkify) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(linkifyFilter{extension.NewLinkifyParser()}, 999),
	))
}

type linkifyFilter struct{ parser.InlineParser }

func (f linkifyFilter) Parse(parent gast.Node, block text.Reader, pc parser.Context) gast.Node {
	if line, _ := block.PeekLine(); len(line) > 0 && !mayLink(line) {
		return nil
	}
	return f.InlineParser.Parse(parent, block, pc)
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
	return bytes.IndexByte(line[:min(len(line), 65)], '@') >= 0
}
