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
	"github.com/redtide/edition/internal/markdown/typo"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/texmath"
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
	// ReadInclude, if set, reads the site's include template name (a file
	// in _includes/): an include that wraps jekyll-scholar's
	// {% bibliography %} places the bibliography.
	ReadInclude func(name string) ([]byte, error)
	// SiteURL is the absolute URL the post's site is served at (its
	// url and baseurl, e.g. "https://example.org/blog"): a link written
	// from the site's root ("/about") leads there. "" keeps such links
	// as text, with a warning.
	SiteURL string
	// Engine is how the site's Markdown engine reads the post; the zero
	// value is edition's own reading (see Engine).
	Engine Engine
	// Liquid, when set, renders Liquid output and assign tags with the
	// post's page and site variables, in the order they come (Jekyll
	// renders Liquid before Markdown): {{ page.title }} prints the title.
	// ok is false when it cannot be rendered.
	Liquid func(src string) (out string, ok bool)
	// ReadRelative, when set, reads a file named relative to the post's
	// folder ({% include_relative notes.md %}); it refuses paths that
	// leave the site.
	ReadRelative func(name string) ([]byte, error)
	// Macros returns the site's TeX macros (its MathJax or KaTeX
	// configuration); it is called only for a post that has math, which
	// starts from a copy. Nil for none.
	Macros func() *texmath.Macros
}

// Engine holds what a site's Markdown engine does differently from
// edition's own reading (set from Jekyll's markdown: and kramdown:
// settings by the caller).
type Engine struct {
	// Escapes: \( and \[ are escaped brackets, as kramdown and CommonMark
	// read them (the page shows "(" and MathJax sees no delimiter), never
	// math; \\( and $$ still are.
	Escapes bool
	// HardWrap: a line break inside a paragraph is kept (kramdown's
	// hard_wrap).
	HardWrap bool
	// ParseBlockHTML: the content of HTML block elements is read as
	// Markdown (kramdown's parse_block_html), as markdown="1" asks.
	ParseBlockHTML bool
	// Kramdown: kramdown's own syntax is read: definition lists (a term,
	// then ": its definition") and abbreviation definitions
	// (*[HTML]: HyperText Markup Language), which the page never shows.
	Kramdown bool
	// MathRaw: math delimiters reach the page as written (Hugo's
	// passthrough extension), so their TeX skips the escapes.
	MathRaw bool
	// MathRefs: the page's math renderer typesets \eqref{…} and \ref{…}
	// written in the text outside math, as MathJax does (processRefs);
	// they are read as inline math in a post that uses math. KaTeX's
	// auto-render leaves them as text.
	MathRefs bool
}

// mathEscaped reports whether math written with src's delimiters went
// through the engine's backslash escapes before the page's math renderer
// saw it: $…$ is text to kramdown and CommonMark alike (so statproofbook
// writes $f'\'\_X(x)$ for f”_X(x)), and $$…$$ is text to CommonMark
// engines (Hugo's goldmark, jekyll-commonmark), whose authors double
// their backslashes (\\, \{), while kramdown reads $$…$$ as math.
func (e Engine) mathEscaped(src string) bool {
	switch {
	case !e.Escapes, e.MathRaw:
		return false
	case strings.HasPrefix(src, "$$"):
		return !e.Kramdown
	}
	return strings.HasPrefix(src, "$")
}

// Result is a converted post body.
type Result struct {
	Blocks []model.Block
	// Notes are the footnote definitions in order of definition. Numbers
	// are not assigned here.
	Notes []*model.Note
}

// Converter turns Markdown into model blocks. It is safe for concurrent use.
type Converter struct {
	md  goldmark.Markdown // Markdown and every extension
	raw goldmark.Markdown // the same without templates: the text of {% raw %}
	// hugo adds what Hugo's goldmark turns on by default: definition
	// lists and heading attributes. Made when a Hugo post first needs it.
	hugo func() goldmark.Markdown
	kd   goldmark.Markdown // md with kramdown's definition lists (Engine.Kramdown)
}

// typography maps goldmark's substitutions to literal characters (its
// defaults are HTML entities, which are not well-formed XHTML and mean
// nothing to the PDF); quotes become placeholders that localize writes
// in the post's language: the Unicode noncharacters typo.PhLSQ … typo.PhApo
// (U+FDD0–U+FDD4, see quotes.go), which no input keeps.
var typography = map[extension.TypographicPunctuation]string{
	extension.LeftSingleQuote:  string(typo.PhLSQ),
	extension.RightSingleQuote: string(typo.PhRSQ),
	extension.LeftDoubleQuote:  string(typo.PhLDQ),
	extension.RightDoubleQuote: string(typo.PhRDQ),
	extension.EnDash:           "–",
	extension.EmDash:           "—",
	extension.Ellipsis:         "…",
	extension.LeftAngleQuote:   "«",
	extension.RightAngleQuote:  "»",
	extension.Apostrophe:       string(typo.PhApo),
}

// New returns a Converter.
func New() *Converter {
	return &Converter{md: newMarkdown(true, false), raw: newMarkdown(false, false), kd: newMarkdown(true, true), hugo: sync.OnceValue(newHugoMarkdown)}
}

// newMarkdown makes a parser: templates adds the parsers of Liquid tags
// and Hugo shortcodes, defLists definition lists (kramdown's and Hugo's
// goldmark read them), extra whatever else an engine turns on.
func newMarkdown(templates, defLists bool, extra ...goldmark.Option) goldmark.Markdown {
	blocks, inlines := extensionParsers()
	if !templates {
		blocks, inlines = blocks[1:], inlines[1:]
	}
	exts := []goldmark.Extender{}
	if defLists {
		exts = append(exts, extension.DefinitionList)
	}
	return goldmark.New(append([]goldmark.Option{
		goldmark.WithExtensions(exts...),
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
// clearly using math, and with them the references in text the engine's
// math renderer typesets (e.MathRefs); e.Escapes makes \( and \[
// escaped brackets.
func parse(md goldmark.Markdown, src []byte, loose bool, e Engine) gast.Node {
	pc := parser.NewContext()
	if loose {
		pc.Set(looseKey, true)
		if e.MathRefs {
			pc.Set(refsKey, true)
		}
	}
	if e.Escapes {
		pc.Set(escapesKey, true)
	}
	return md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
}

// parse parses a piece of the post with the post's engine settings: md
// is c.cv.md for the post's own Markdown, which gm reads as the post's
// engine does.
func (c *conv) parse(md goldmark.Markdown, src []byte) gast.Node {
	if md == c.post.cv.md {
		md = c.gm()
	}
	return parse(md, src, false, Engine{Escapes: c.post.engine.Escapes})
}

// Convert parses a post body and returns its blocks and notes.
func (c *Converter) Convert(in Input, images ImageFunc, log *diag.Log) (*Result, error) {
	src := in.Body
	if bytes.IndexByte(src, 0) >= 0 {
		// CommonMark: NUL is insecure and becomes U+FFFD. (post.Parse
		// already refuses it; this guards other callers.)
		src = bytes.ReplaceAll(src, []byte{0}, []byte("\uFFFD"))
	}
	// An author's noncharacter is never taken for a quote placeholder.
	src = typo.NoPlaceholders(src)
	md := c.md
	switch {
	case in.Hugo != nil:
		md = c.hugo()
	case in.Engine.Kramdown:
		md = c.kd
	}
	root := parse(md, src, in.Math, in.Engine)
	if !in.Math && hasMath(root) {
		// A post that uses math surely means $x$ as math too.
		root = parse(md, src, true, in.Engine)
	}
	p := &post{
		cv:          c,
		path:        in.Path,
		images:      images,
		log:         log,
		lang:        lang.For(in.Lang),
		site:        in.SiteURL,
		tag:         in.Lang,
		readInclude: in.ReadInclude,
		notes:       map[string]*model.Note{},
		loose:       map[string]*model.Note{},
		inlineNotes: new([]*model.Note),
		engine:      in.Engine,
		liquid:      in.Liquid,
		read:        in.ReadRelative,
		siteMacros:  in.Macros,
	}
	cv := &conv{post: p, src: src, lines: diag.NewLines(src, in.BodyLine)}
	if in.Hugo != nil {
		p.hugo = &hugoState{opts: in.Hugo, warned: map[string]bool{}}
	}
	defs := cv.definitions(root)
	res := &Result{Blocks: cv.blocks(root)}
	for _, d := range defs {
		if d.fn != nil {
			if d.fn.Index < 0 && !p.referenced[d.note] {
				cv.warn(d.fn, "footnote [^%s] is defined but never referenced; it is kept after the referenced notes", d.note.Label)
			}
			d.note.Blocks = cv.blocks(d.fn)
		}
		res.Notes = append(res.Notes, d.note)
	}
	res.Notes = append(res.Notes, *p.inlineNotes...)
	res.Notes = append(res.Notes, p.tagNotes...)
	cv.flushTallies()
	if p.err != nil {
		return nil, p.err
	}
	typo.LocalizeBlocks(res.Blocks, p.lang)
	typo.Scrub(res.Blocks)
	localizeCites(res.Blocks, p.lang)
	for _, n := range res.Notes {
		typo.LocalizeBlocks(n.Blocks, p.lang)
		typo.Scrub(n.Blocks)
		localizeCites(n.Blocks, p.lang)
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

// conv converts one piece of Markdown: the post's own source, or a piece
// of it read again (a caption, the text of {% raw %}, the content of an
// HTML element with markdown="1"). What belongs to the post as a whole,
// and so is shared by its sub-conversions, is in post.
type conv struct {
	post      *post         // the post's settings and state, shared with sub-conversions
	src       []byte        // the Markdown being converted
	lines     *diag.Lines   // maps offsets in src to file lines
	index     []*model.Note // goldmark footnote index -> note, for this source's footnotes
	tagColumn int           // column of the Liquid tag being converted, for citations
	textBuf   []byte        // textRun's buffer, reused from run to run
	skipTo    int           // source offset before which blocks were read by an extension (see extBlock)
	depth     int           // nesting of sub-conversions (captions, markdown="1")
	trusted   bool          // converting a site template's output, not the post's HTML
	scEnd     int           // source offset just past the shortcode tag being converted
}

// post is what one post's conversion shares among its converters: the
// post's settings, read from Input, and what the conversion collects
// across sub-conversions (notes, warnings given once, caption marks).
type post struct {
	cv          *Converter                        // the parsers, shared by every post
	path        string                            // Input.Path, for warnings
	images      ImageFunc                         // resolves the post's images
	log         *diag.Log                         // where warnings go; nil for titles
	lang        *lang.Language                    // the post's language, for typography
	tag         string                            // the post's language, as given (Input.Lang)
	site        string                            // Input.SiteURL
	engine      Engine                            // Input.Engine, as changed by kramdown's {::options}
	liquid      func(string) (string, bool)       // Input.Liquid
	read        func(string) ([]byte, error)      // Input.ReadRelative
	readInclude func(name string) ([]byte, error) // Input.ReadInclude
	hugo        *hugoState                        // a Hugo post's settings, nil for other posts
	siteMacros  func() *texmath.Macros            // Input.Macros
	macros      *texmath.Macros                   // the post's TeX macros, from the site's at its first math
	notes       map[string]*model.Note            // footnotes defined in the post, by label
	// loose are notes defined without the colon ("[^3] text"), by label.
	loose      map[string]*model.Note
	referenced map[*model.Note]bool // notes referenced somewhere in the post
	// inlineNotes are the notes written in place (^[…]); nil for a title,
	// which has no notes.
	inlineNotes *[]*model.Note
	tagNotes    []*model.Note   // notes made of plugin tags' text
	tagsWarned  map[string]bool // plugin tags warned about, by name
	// small holds the inlines that were inside <small>, and captionParas
	// the HTML paragraphs whose class names a caption (see captions.go).
	small        map[model.Inline]bool
	captionParas map[*model.Paragraph]bool
	moved        map[*model.Figure]bool // figures taken out of text or tables (captions.go)
	tallies      map[string]*tallied    // causes repeated in the post (tally.go)
	err          error                  // the first error met, which fails the conversion
}

// sub returns a converter for a piece of Markdown that is not the post's
// own source (a caption, the text of {% raw %}, the content of an HTML
// element with markdown="1"), whose first line is file line line.
func (c *conv) sub(src string, line int) *conv {
	return &conv{post: c.post, src: []byte(src), lines: diag.NewLines([]byte(src), max(line-1, 0)),
		depth: c.depth + 1, trusted: c.trusted}
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
	if c.post.log != nil {
		c.post.log.Warnf(c.post.path, line, format, args...)
	}
}

func (c *conv) fail(err error) {
	if c.post.err == nil {
		c.post.err = err
	}
}

// Smarten makes the typographic substitutions of Markdown in plain text
// from elsewhere (raw HTML, front matter, the manifest) for a text in
// language: see typo.Smarten.
func Smarten(s, language string) string { return typo.Smarten(s, language) }
