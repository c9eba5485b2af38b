// Package markdown converts a post's Markdown body into the document model.
//
// It parses with goldmark (footnotes, tables, strikethrough, typographic
// substitutions) extended with parsers of its own for what Jekyll, Hugo
// and kramdown sites put in posts besides Markdown: Liquid tags and
// output, Hugo shortcodes, kramdown attribute lists and extensions, and
// TeX math (see ast.go). Every element keeps the file line it came from.
// Raw HTML becomes model elements through a sanitizer, so no markup from a
// post ever reaches a renderer unchecked.
package markdown

import (
	"bytes"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/lang"
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

// Input is one post body to convert.
type Input struct {
	Path     string // the post's path, for messages
	Body     []byte // Markdown, after the front matter
	BodyLine int    // lines before the body in the file: body line n is file line BodyLine+n
	// Lang is the post's language (BCP 47): it picks the quotation marks
	// and spacing typewriter quotes become. "" means English.
	Lang string
	// Math says the post declares that it uses TeX math (front matter
	// math: true and the like, see UsesMath), which turns on the
	// delimiters prose also uses: $…$ and \(…\).
	Math bool
	// Hugo holds a Hugo site's settings and hooks (see Hugo); nil for
	// other sites.
	Hugo *Hugo
	// SiteURL is the absolute URL the post's site is served at (its
	// url and baseurl, e.g. "https://example.org/blog"): a link written
	// from the site's root ("/about") leads there. "" keeps such links
	// as text, with a warning.
	SiteURL string
}

// Result is a converted post body.
type Result struct {
	Blocks []model.Block
	// Notes are the footnote definitions in order of definition. Numbers
	// are not assigned here.
	Notes []*model.Note
	// MathLine is the file line of the post's first math, 0 for none.
	MathLine int
}

// Converter turns Markdown into model blocks. It is safe for concurrent use.
type Converter struct {
	md  goldmark.Markdown // Markdown and every extension
	raw goldmark.Markdown // the same without templates: the text of {% raw %}
	// hugo adds what Hugo's goldmark turns on by default: definition
	// lists and heading attributes. Made when a Hugo post first needs it.
	hugo func() goldmark.Markdown
}

// typography maps goldmark's substitutions to literal characters (its
// defaults are HTML entities, which are not well-formed XHTML and mean
// nothing to the PDF); quotes become placeholders that localize writes
// in the post's language.
var typography = map[extension.TypographicPunctuation]string{
	extension.LeftSingleQuote:  string(phLSQ),
	extension.RightSingleQuote: string(phRSQ),
	extension.LeftDoubleQuote:  string(phLDQ),
	extension.RightDoubleQuote: string(phRDQ),
	extension.EnDash:           "–",
	extension.EmDash:           "—",
	extension.Ellipsis:         "…",
	extension.LeftAngleQuote:   "«",
	extension.RightAngleQuote:  "»",
	extension.Apostrophe:       string(phApo),
}

// New returns a Converter.
func New() *Converter {
	return &Converter{md: newMarkdown(true), raw: newMarkdown(false), hugo: sync.OnceValue(newHugoMarkdown)}
}

func newMarkdown(templates bool, extra ...goldmark.Option) goldmark.Markdown {
	blocks, inlines := extensionParsers()
	if !templates {
		blocks, inlines = blocks[1:], inlines[1:]
	}
	return goldmark.New(append([]goldmark.Option{
		goldmark.WithExtensions(
			extension.Table,
			extension.Strikethrough,
			// Bare URLs and addresses in running text become links (GFM's
			// autolinks extension), in both outputs.
			quickLinkify{},
			extension.NewTypographer(extension.WithTypographicSubstitutions(typography)),
		),
		goldmark.WithParserOptions(
			// Footnote parsers without goldmark's transformer: numbering
			// happens once, in package edition.
			parser.WithBlockParsers(append(blocks, util.Prioritized(extension.NewFootnoteBlockParser(), 999))...),
			parser.WithInlineParsers(append(inlines, util.Prioritized(extension.NewFootnoteParser(), 101))...),
		),
	}, extra...)...,
	)
}

// parse parses src; loose turns on the math delimiters that need a post
// clearly using math.
func parse(md goldmark.Markdown, src []byte, loose bool) gast.Node {
	pc := parser.NewContext()
	if loose {
		pc.Set(looseKey, true)
	}
	return md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
}

// Convert parses a post body and returns its blocks and notes.
func (c *Converter) Convert(in Input, images ImageFunc, log *diag.Log) (*Result, error) {
	src := in.Body
	if bytes.IndexByte(src, 0) >= 0 {
		// CommonMark: NUL is insecure and becomes U+FFFD. (post.Parse
		// already refuses it; this guards other callers.)
		src = bytes.ReplaceAll(src, []byte{0}, []byte("\uFFFD"))
	}
	src = noPlaceholders(src)
	md := c.md
	if in.Hugo != nil {
		md = c.hugo()
	}
	root := parse(md, src, in.Math)
	if !in.Math && hasMath(root) {
		// A post that uses math surely means $x$ as math too.
		root = parse(md, src, true)
	}
	cv := &conv{
		cv:     c,
		path:   in.Path,
		src:    src,
		lines:  diag.NewLines(src, in.BodyLine),
		images: images,
		log:    log,
		lang:   lang.For(in.Lang),
		site:   in.SiteURL,
		tag:    in.Lang,
		notes:  map[string]*model.Note{},
		loose:  map[string]*model.Note{},
	}
	if in.Hugo != nil {
		cv.hugo = &hugoState{opts: in.Hugo, warned: map[string]bool{}}
	}
	defs := cv.definitions(root)
	res := &Result{Blocks: cv.blocks(root)}
	for _, d := range defs {
		if d.fn != nil {
			if d.fn.Index < 0 && !cv.referenced[d.note] {
				cv.warn(d.fn, "footnote [^%s] is defined but never referenced; it is kept after the referenced notes", d.note.Label)
			}
			d.note.Blocks = cv.blocks(d.fn)
		}
		res.Notes = append(res.Notes, d.note)
	}
	if cv.err != nil {
		return nil, cv.err
	}
	localizeBlocks(res.Blocks, cv.lang)
	scrub(res.Blocks)
	for _, n := range res.Notes {
		localizeBlocks(n.Blocks, cv.lang)
		scrub(n.Blocks)
	}
	if cv.mathLine > 0 {
		res.MathLine = cv.mathLine
		cv.log.Warnf(in.Path, cv.mathLine, "TeX math is printed as its source (the EPUB and the PDF show the TeX, in a face of its own)")
	}
	return res, nil
}

// hasMath reports whether root holds math.
func hasMath(root gast.Node) bool {
	found := false
	_ = gast.Walk(root, func(n gast.Node, entering bool) (gast.WalkStatus, error) {
		switch t := n.(type) {
		case *extBlock:
			found = found || t.kind == extMath
		case *extInline:
			found = found || t.kind == extMath
		}
		if found {
			return gast.WalkStop, nil
		}
		return gast.WalkContinue, nil
	})
	return found
}

// UsesMath reports whether a post's front matter declares TeX math, as
// Jekyll themes and Hugo read it: math, mathjax, katex, use_math or
// usemathjax set to true.
func UsesMath(frontMatter map[string]any) bool {
	for k, v := range frontMatter {
		switch strings.ToLower(strings.ReplaceAll(k, "_", "")) {
		case "math", "mathjax", "katex", "usemath", "usemathjax", "usekatex":
			if b, ok := v.(bool); ok && b {
				return true
			}
		}
	}
	return false
}

type conv struct {
	cv     *Converter
	path   string
	src    []byte
	lines  *diag.Lines
	images ImageFunc
	log    *diag.Log
	lang   *lang.Language
	site   string // Input.SiteURL
	tag    string // the post's language, as given (Input.Lang)
	notes  map[string]*model.Note
	index  []*model.Note // goldmark footnote index -> note
	// loose are notes defined without the colon ("[^3] text"), by label.
	loose      map[string]*model.Note
	referenced map[*model.Note]bool
	mathLine   int
	textBuf    []byte // textRun's buffer, reused from run to run
	skipTo     int    // source offset before which blocks were read by an extension (see extBlock)
	depth      int    // nesting of sub-conversions (captions, markdown="1")
	parent     *conv  // the converter a sub-conversion reports errors to
	err        error
	hugo       *hugoState // a Hugo post's settings, nil for other posts
	trusted    bool       // converting a site template's output, not the post's HTML
	scEnd      int        // source offset just past the shortcode tag being converted
}

// sub returns a converter for a piece of Markdown that is not the post's
// own source (a caption, the text of {% raw %}, the content of an HTML
// element with markdown="1"), whose first line is file line line.
func (c *conv) sub(src string, line int) *conv {
	return &conv{cv: c.cv, path: c.path, src: []byte(src), lines: diag.NewLines([]byte(src), max(line-1, 0)),
		images: c.images, log: c.log, lang: c.lang, site: c.site, tag: c.tag, notes: c.notes, index: nil, loose: c.loose,
		referenced: c.referenced, depth: c.depth + 1, parent: c, hugo: c.hugo, trusted: c.trusted}
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
// that of its nearest ancestor that has one.
func (c *conv) line(n gast.Node) int {
	for depth := 0; n != nil && depth < 1000; depth++ {
		if _, ok := n.(*gast.Document); ok {
			break
		}
		if p := n.Pos(); p >= 0 {
			return c.lines.Line(p)
		}
		if t, ok := n.(*gast.Text); ok {
			return c.lines.Line(t.Segment.Start)
		}
		if n.Type() == gast.TypeBlock {
			if ls := n.Lines(); ls != nil && ls.Len() > 0 {
				return c.lines.Line(ls.At(0).Start)
			}
		}
		n = n.Parent()
	}
	return c.lines.Line(0)
}

func (c *conv) warn(n gast.Node, format string, args ...any) {
	c.warnAt(c.line(n), format, args...)
}

func (c *conv) warnAt(line int, format string, args ...any) {
	if c.log != nil {
		c.log.Warnf(c.path, line, format, args...)
	}
}

func (c *conv) fail(err error) {
	if c.err == nil {
		c.err = err
	}
	if c.parent != nil {
		c.parent.fail(err)
	}
}
