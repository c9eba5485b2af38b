package markdown

import (
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/lang"
	"github.com/redtide/edition/internal/markdown/typo"
	"github.com/redtide/edition/internal/model"
)

// InlineText reads a front matter string (a title, a subtitle, a
// description) as the sites that publish it do, as a line of Markdown,
// and returns its text for a reader in language: entities resolved
// ("Migration &amp; Trade" is "Migration & Trade"), emphasis and code
// marks removed ("_Capital_" is "Capital"), quotes and dashes made
// typographic (see Smarten). A title is plain text everywhere it is
// printed (headline, running heads, contents, EPUB navigation, PDF
// bookmarks), so its emphasis is not kept. Block syntax is not read: a
// title that starts with "#" or "1." keeps it.
func InlineText(s, language string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	line := collapseSpace(s)
	if plainLine(line, lang.For(language)) {
		return line
	}
	return inlineText(line, language)
}

// plainLine reports whether line (its spaces collapsed) holds nothing
// that lineParser, its typographer or the language's spacing would
// change, and that InlineText would return as it is: most titles.
func plainLine(line string, l *lang.Language) bool {
	return !strings.ContainsAny(line, "`[]!<>*_~'\"&\\") && // Markdown, quotes, entities, escapes
		!strings.Contains(line, "--") && !strings.Contains(line, "...") && // dashes, ellipsis
		!strings.ContainsFunc(line, func(r rune) bool { return r < 0x20 || r == 0x7f || typo.IsPlaceholder(r) }) &&
		!typo.TextNeedsLocalizing(line, l)
}

// inlineText is InlineText of a line with its spaces collapsed.
func inlineText(line, language string) string {
	src := typo.NoPlaceholders([]byte(line))
	root := lineParser().Parser().Parse(text.NewReader(src))
	c := &conv{src: src, lines: diag.NewLines(src, 0), depth: 21, post: &post{notes: map[string]*model.Note{},
		loose: map[string]*model.Note{}, referenced: map[*model.Note]bool{},
		images: func(ImageRef) (*model.Image, error) { return nil, nil }}}
	var ins []model.Inline
	for p := root.FirstChild(); p != nil; p = p.NextSibling() {
		ins = append(ins, c.inlines(p)...)
	}
	var figs []model.Block
	ins = extractFigures(ins, &figs)
	typo.Localize(ins, lang.For(language))
	return collapseSpace(model.PlainText(ins))
}

// collapseSpace joins runs of ASCII white space into one space and trims
// the ends. No-break spaces are kept: the narrow one the language's
// typography puts before a French colon or question mark belongs to a
// title as much as to the text (strings.Fields would take it for a
// space to collapse, and the title would break before its colon).
func collapseSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, isASCIISpace), " ")
}

func isASCIISpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v'
}

var lineParserOnce struct {
	sync.Once
	md goldmark.Markdown
}

// lineParser reads one line of inline Markdown: paragraphs are its only
// blocks.
func lineParser() goldmark.Markdown {
	lineParserOnce.Do(func() {
		p := parser.NewParser(
			parser.WithBlockParsers(util.Prioritized(parser.NewParagraphParser(), 1000)),
			parser.WithInlineParsers(parser.DefaultInlineParsers()...),
			parser.WithParagraphTransformers(),
		)
		lineParserOnce.md = goldmark.New(goldmark.WithParser(p), goldmark.WithExtensions(
			extension.Strikethrough,
			extension.NewTypographer(extension.WithTypographicSubstitutions(typography)),
		))
	})
	return lineParserOnce.md
}
