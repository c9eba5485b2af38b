// Package markdown converts a post's Markdown body into the document model.
//
// It parses with goldmark (footnotes, tables, strikethrough, typographic
// substitutions as literal characters), rewrites Jekyll/Liquid and kramdown
// syntax first, and turns raw HTML into model elements through a sanitizer,
// so no markup from a post ever reaches a renderer unchecked.
package markdown

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/model"
)

// ImageRef is an image reference found in a post.
type ImageRef struct {
	Src  string // the path or URL as written
	Alt  string // text alternative
	Line int    // file line of the reference
	// Include is the Liquid include or Hugo shortcode that placed the
	// image ("figure.html"), "" for a Markdown or HTML image; Params are
	// its parameters. A site's include template may build the image's
	// path from them.
	Include string
	Params  map[string]string
}

// ImageFunc resolves an image reference. It returns the image, nil when
// it cannot be used (the resolver reports why), or an error that stops
// the build.
type ImageFunc func(ref ImageRef) (*model.Image, error)

// Result is a converted post body.
type Result struct {
	Blocks []model.Block
	// Notes are the footnote definitions in order of definition. Numbers
	// are not assigned here.
	Notes []*model.Note
}

// Converter turns Markdown into model blocks. It is safe for concurrent use.
type Converter struct {
	md goldmark.Markdown
}

// typography maps goldmark's substitutions to literal characters: its
// defaults are HTML entities, which are not well-formed XHTML and mean
// nothing to the PDF.
var typography = map[extension.TypographicPunctuation]string{
	extension.LeftSingleQuote:  "‘",
	extension.RightSingleQuote: "’",
	extension.LeftDoubleQuote:  "“",
	extension.RightDoubleQuote: "”",
	extension.EnDash:           "–",
	extension.EmDash:           "—",
	extension.Ellipsis:         "…",
	extension.LeftAngleQuote:   "«",
	extension.RightAngleQuote:  "»",
	extension.Apostrophe:       "’",
}

// New returns a Converter.
func New() *Converter {
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.Table,
			extension.Strikethrough,
			extension.NewTypographer(extension.WithTypographicSubstitutions(typography)),
		),
		goldmark.WithParserOptions(
			// Footnote parsers without goldmark's transformer: numbering
			// happens once, in package edition.
			parser.WithBlockParsers(util.Prioritized(extension.NewFootnoteBlockParser(), 999)),
			parser.WithInlineParsers(util.Prioritized(extension.NewFootnoteParser(), 101)),
		),
	)
	return &Converter{md: md}
}

// Convert parses body, a post's Markdown whose first line is file line
// base+1, and returns its blocks and notes.
func (c *Converter) Convert(path string, body []byte, base int, images ImageFunc, log *diag.Log) (*Result, error) {
	if bytes.IndexByte(body, 0) >= 0 {
		// CommonMark: NUL is insecure and becomes U+FFFD. (post.Parse
		// already refuses it; this guards other callers.)
		body = bytes.ReplaceAll(body, []byte{0}, []byte("\uFFFD"))
	}
	src := preprocess(path, body, base, log)
	root := c.md.Parser().Parse(text.NewReader(src))
	cv := &conv{
		path:   path,
		src:    src,
		lines:  diag.NewLines(src, base),
		images: images,
		log:    log,
		notes:  map[string]*model.Note{},
	}
	// Definitions first, so references can point at them.
	var lists []*east.FootnoteList
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if l, ok := n.(*east.FootnoteList); ok {
			lists = append(lists, l)
		}
	}
	type def struct {
		fn   *east.Footnote
		note *model.Note
	}
	var defs []def
	for _, l := range lists {
		for n := l.FirstChild(); n != nil; n = n.NextSibling() {
			fn, ok := n.(*east.Footnote)
			if !ok {
				continue
			}
			label := string(fn.Ref)
			if _, dup := cv.notes[label]; dup {
				cv.warn(fn, "footnote [^%s] defined twice; the first definition is used", label)
				continue
			}
			note := &model.Note{Label: label}
			cv.notes[label] = note
			cv.byIndex(fn.Index, note)
			defs = append(defs, def{fn, note})
		}
	}
	res := &Result{Blocks: cv.blocks(root)}
	for _, d := range defs {
		if d.fn.Index < 0 {
			cv.warn(d.fn, "footnote [^%s] is defined but never referenced; it is kept after the referenced notes", d.note.Label)
		}
		d.note.Blocks = cv.blocks(d.fn)
		res.Notes = append(res.Notes, d.note)
	}
	if cv.err != nil {
		return nil, cv.err
	}
	return res, nil
}

type conv struct {
	path   string
	src    []byte
	lines  *diag.Lines
	images ImageFunc
	log    *diag.Log
	notes  map[string]*model.Note
	index  []*model.Note // goldmark footnote index -> note
	err    error
}

func (c *conv) byIndex(i int, n *model.Note) {
	if i < 0 {
		return
	}
	for len(c.index) <= i {
		c.index = append(c.index, nil)
	}
	c.index[i] = n
}

// line returns the file line of a node: its own source position, else
// that of its first descendant that has one, else of its nearest ancestor.
func (c *conv) line(n gast.Node) int {
	if l := c.ownLine(n); l > 0 {
		return l
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if l := c.ownLine(p); l > 0 {
			return l
		}
	}
	return 0
}

func (c *conv) ownLine(n gast.Node) int {
	for depth := 0; n != nil && depth < 64; depth++ {
		switch t := n.(type) {
		case *gast.Text:
			return c.lines.Line(t.Segment.Start)
		case *gast.Document:
			return 0
		}
		if n.Type() == gast.TypeBlock {
			if ls := n.Lines(); ls != nil && ls.Len() > 0 {
				return c.lines.Line(ls.At(0).Start)
			}
		}
		n = n.FirstChild()
	}
	return 0
}

func (c *conv) warn(n gast.Node, format string, args ...any) {
	c.log.Warnf(c.path, c.line(n), format, args...)
}

// blocks converts the block children of n.
func (c *conv) blocks(n gast.Node) []model.Block {
	var out []model.Block
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		out = append(out, c.block(ch)...)
	}
	return out
}

func (c *conv) block(n gast.Node) []model.Block {
	switch n := n.(type) {
	case *gast.Paragraph, *gast.TextBlock:
		return c.paragraph(n)
	case *gast.Heading:
		ins := c.inlines(n)
		if len(ins) == 0 {
			return nil
		}
		return []model.Block{&model.Heading{Level: n.Level, Inlines: ins}}
	case *gast.ThematicBreak:
		return []model.Block{&model.Rule{}}
	case *gast.CodeBlock, *gast.FencedCodeBlock:
		cb := &model.CodeBlock{Text: strings.TrimRight(c.rawLines(n), "\n")}
		if f, ok := n.(*gast.FencedCodeBlock); ok {
			cb.Language = string(f.Language(c.src))
		}
		return []model.Block{cb}
	case *gast.Blockquote:
		bs := c.blocks(n)
		if len(bs) == 0 {
			return nil
		}
		return []model.Block{&model.Quote{Blocks: bs}}
	case *gast.List:
		l := &model.List{Ordered: n.IsOrdered(), Start: n.Start}
		if l.Ordered && l.Start == 0 && n.Start == 0 {
			l.Start = 0
		}
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			l.Items = append(l.Items, &model.ListItem{Blocks: c.blocks(it)})
		}
		return []model.Block{l}
	case *gast.HTMLBlock:
		return c.htmlBlock(n)
	case *east.Table:
		return []model.Block{c.table(n)}
	case *east.FootnoteList:
		return nil // handled in Convert
	case *gast.LinkReferenceDefinition:
		return nil
	}
	c.warn(n, "unsupported Markdown element %s dropped", n.Kind())
	return nil
}

func (c *conv) rawLines(n gast.Node) string {
	var b strings.Builder
	ls := n.Lines()
	for i := 0; i < ls.Len(); i++ {
		s := ls.At(i)
		b.Write(s.Value(c.src))
	}
	return b.String()
}

// paragraph converts a paragraph; images in it become figures after it,
// since a print column has no room for images inside a line.
func (c *conv) paragraph(n gast.Node) []model.Block {
	ins := c.inlines(n)
	var figs []model.Block
	ins = extractFigures(ins, &figs)
	ins = trimSpace(ins)
	var out []model.Block
	if len(ins) > 0 {
		out = append(out, &model.Paragraph{Inlines: ins})
	}
	return append(out, figs...)
}

// unknownRef finds footnote references that have no definition; goldmark
// leaves them as text.
var unknownRef = regexp.MustCompile(`\[\^([^\]\s]+)\]`)

func (c *conv) table(t *east.Table) *model.Table {
	out := &model.Table{}
	for _, a := range t.Alignments {
		switch a {
		case east.AlignLeft:
			out.Align = append(out.Align, model.AlignLeft)
		case east.AlignCenter:
			out.Align = append(out.Align, model.AlignCenter)
		case east.AlignRight:
			out.Align = append(out.Align, model.AlignRight)
		default:
			out.Align = append(out.Align, model.AlignNone)
		}
	}
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var row []model.Cell
		for cell := r.FirstChild(); cell != nil; cell = cell.NextSibling() {
			ins := c.inlines(cell)
			var figs []model.Block
			ins = extractFigures(ins, &figs)
			row = append(row, model.Cell{Inlines: trimSpace(ins)})
		}
		if _, ok := r.(*east.TableHeader); ok {
			out.Header = row
		} else {
			out.Rows = append(out.Rows, row)
		}
	}
	return out
}

// trimSpace removes leading and trailing white space and breaks.
func trimSpace(ins []model.Inline) []model.Inline {
	for len(ins) > 0 {
		switch t := ins[0].(type) {
		case *model.LineBreak:
			ins = ins[1:]
			continue
		case *model.Text:
			t.Text = strings.TrimLeft(t.Text, " \t\n")
			if t.Text == "" {
				ins = ins[1:]
				continue
			}
		}
		break
	}
	for len(ins) > 0 {
		switch t := ins[len(ins)-1].(type) {
		case *model.LineBreak:
			ins = ins[:len(ins)-1]
			continue
		case *model.Text:
			t.Text = strings.TrimRight(t.Text, " \t\n")
			if t.Text == "" {
				ins = ins[:len(ins)-1]
				continue
			}
		}
		break
	}
	return ins
}

// extractFigures moves figures out of an inline list (at any depth).
func extractFigures(ins []model.Inline, figs *[]model.Block) []model.Inline {
	out := ins[:0]
	for _, in := range ins {
		if f, ok := in.(*figureInline); ok {
			*figs = append(*figs, f.fig)
			continue
		}
		if c := model.Children(in); c != nil {
			*c = extractFigures(*c, figs)
		}
		out = append(out, in)
	}
	return out
}

// figureInline is a figure met inside inline content, moved out by
// extractFigures. It never leaves this package.
type figureInline struct {
	model.Text
	fig *model.Figure
}

func (c *conv) image(n *gast.Image) model.Inline {
	src := string(n.Destination)
	alt := model.PlainText(c.inlines(n))
	var caption []model.Inline
	if t := strings.TrimSpace(string(unescape(n.Title))); t != "" {
		caption = c.inlineMarkdown(t)
	}
	if alt == "" {
		alt = model.PlainText(caption)
	}
	line := c.line(n)
	if line == 0 {
		line = c.line(n.Parent())
	}
	in := c.resolveImage(line, src, alt)
	if f, ok := in.(*figureInline); ok {
		f.fig.Caption = caption
		return in
	}
	if len(caption) > 0 {
		// No image to show: its caption, links and all, stands in.
		return &model.Emph{Inlines: caption}
	}
	return in
}

// inlineMarkdown converts a short Markdown string (a caption) to inlines.
func (c *conv) inlineMarkdown(s string) []model.Inline {
	sub := &conv{path: c.path, src: []byte(s), lines: diag.NewLines(nil, 0), images: c.images, log: nil, notes: c.notes}
	root := New().md.Parser().Parse(text.NewReader(sub.src))
	var out []model.Inline
	for p := root.FirstChild(); p != nil; p = p.NextSibling() {
		if len(out) > 0 {
			out = append(out, &model.Text{Text: " "})
		}
		ins := sub.inlines(p)
		var figs []model.Block
		out = append(out, trimSpace(extractFigures(ins, &figs))...)
	}
	return out
}
