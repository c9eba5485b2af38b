package markdown

import (
	"bytes"
	"errors"
	"path"
	"strings"
	"unicode/utf8"

	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/lazy"
	"github.com/redtide/edition/internal/markdown/scan"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/texmath"
)

// extBlock converts a block of extension syntax.
func (c *conv) extBlock(n *extBlock) []model.Block {
	src := n.source(c.src)
	line := c.line(n)
	if !n.done && n.Lines().Len() > 0 {
		// The container it started in (a list item) ended before the
		// construct did, at a line less indented: take the construct from
		// the source, and skip what goldmark made of its last lines.
		src = string(c.src[n.Lines().At(0).Start:n.end])
		c.skipTo = max(c.skipTo, n.end)
	}
	if n.Lines().Len() > 0 {
		c.tagColumn = c.lines.Column(n.Lines().At(0).Start)
	}
	switch n.kind {
	case extLiquidTag:
		if n.braceless {
			c.warnAt(line, "Liquid tag without its opening { read as {%% include %%}")
			src = "{" + src
		}
		return c.liquidTag(line, src)
	case extHighlight:
		return []model.Block{c.highlight(line, src)}
	case extRaw:
		return c.rawText(line, src)
	case extMath:
		return []model.Block{c.mathBlock(line, src)}
	case extShortcode:
		c.scEnd = n.end
		return c.shortcode(line, src, true)
	case extRefs:
		return []model.Block{&model.BibliographyHere{Pos: model.Pos{Line: line}, Cited: true}}
	case extPluginBlock:
		return c.pluginBlock(line, src)
	case extLiquidOutput:
		if ins := c.liquidOutput(line, src); ins != nil {
			return []model.Block{&model.Paragraph{Pos: model.Pos{Line: line}, Inlines: ins}}
		}
	}
	c.dropTemplate(line, n.kind, src)
	return nil
}

// extInline converts extension syntax met inside a paragraph.
func (c *conv) extInline(n *extInline) []model.Inline {
	line := c.line(n)
	c.tagColumn = c.lines.Column(n.at)
	switch n.kind {
	case extLiquidTag:
		ins := blocksAsInlines(c.liquidTag(line, n.text))
		if len(ins) > 0 {
			switch ins[0].(type) {
			case *model.NoteRef, *model.Cite:
			default:
				// A plugin tag's text, set apart from the words around it.
				ins = append(append([]model.Inline{&model.Text{Text: " "}}, ins...), &model.Text{Text: " "})
			}
		}
		return ins
	case extHighlight:
		return []model.Inline{&model.Code{Text: c.highlight(line, n.text).Text}}
	case extRaw:
		return []model.Inline{&model.Text{Text: rawBody(n.text)}}
	case extShortcode:
		return blocksAsInlines(c.shortcode(line, n.text, false))
	case extPluginBlock:
		return blocksAsInlines(c.pluginBlock(line, n.text))
	case extLiquidOutput:
		if ins := c.liquidOutput(line, n.text); ins != nil {
			return ins
		}
	case extMath:
		m := c.mathBlock(line, n.text)
		if n.display {
			return []model.Inline{&displayMath{math: m}}
		}
		return []model.Inline{inlineMath(m)}
	}
	c.dropTemplate(line, n.kind, n.text)
	return nil
}

// dropTemplate drops template syntax that has no place in an edition:
// Liquid output and kramdown extensions with a warning, kramdown
// attribute lists (IALs and ALDs: {: .class}, {:target="_blank"},
// {:ref: .cls}) silently unless they carry text. A Liquid comment is the
// author's note to themselves and goes silently.
func (c *conv) dropTemplate(line int, kind extKind, src string) {
	src = strings.TrimSpace(src)
	switch kind {
	case extLiquidOutput:
		c.tally(line, "Liquid output dropped", clip(src, 40))
	case extIAL:
		// Classes, ids, targets and styles are the page's presentation:
		// an edition has its own, and nothing a reader reads is lost.
		// Only an attribute that carries words is worth a warning.
		if p := scan.TagParams(src); strings.TrimSpace(p["title"]+p["alt"]+p["caption"]) != "" {
			c.warnAt(line, "kramdown attribute list %s dropped with its text", clip(src, 60))
		}
	case extKramdownExt:
		ext, _ := scan.KramdownSpan([]byte(src))
		switch {
		case ext == "comment":
		case ext == "options" && c.documentOptions(src):
		default:
			c.warnAt(line, "kramdown extension %s dropped", clip(firstLine(src), 60))
		}
	}
}

// linkTag matches Jekyll's tags that print another document's URL.
var linkTag = lazy.Regexp(`^\{%-?\s*(?:link|post_url)\s`)

// renderLiquid renders Liquid output ({{ … }}, {% link %}, {% post_url
// %}) met in a link or in HTML; ok is
// false when it cannot be rendered or prints nothing.
func (c *conv) renderLiquid(m string) (string, bool) {
	if c.post.liquid == nil || !strings.HasPrefix(m, "{{") && !linkTag().MatchString(m) {
		return "", false
	}
	out, ok := c.post.liquid(m)
	out = strings.TrimSpace(out)
	return out, ok && out != "" && !strings.Contains(out, "{{") && !strings.Contains(out, "{%")
}

// liquidOutput renders {{ … }} as Jekyll does, with the post's page and
// site variables; its output is Markdown. nil when it cannot be rendered
// or prints nothing (the caller drops it with a warning).
func (c *conv) liquidOutput(line int, src string) []model.Inline {
	if c.post.liquid == nil {
		return nil
	}
	out, ok := c.post.liquid(strings.TrimSpace(src))
	if !ok || strings.TrimSpace(out) == "" || strings.Contains(out, "{{") || strings.Contains(out, "{%") {
		return nil
	}
	return c.inlineMarkdown(strings.TrimSpace(out), line)
}

// documentOptions applies kramdown's {::options key="value" /} to the
// rest of the post, as kramdown does, for the options that change the
// text (hard_wrap, parse_block_html); it reports whether every option
// given is one of those.
func (c *conv) documentOptions(src string) bool {
	p := scan.TagParams(strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(src), "{::options"), "/}"))
	if len(p) == 0 {
		return false
	}
	all := true
	for k, v := range p {
		on := strings.EqualFold(strings.TrimSpace(v), "true")
		switch k {
		case "parse_block_html":
			c.post.engine.ParseBlockHTML = on
		case "hard_wrap":
			c.post.engine.HardWrap = on
		default:
			all = false
		}
	}
	return all
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

// blocksAsInlines turns what an include or a shortcode gave inside a
// paragraph back into inline content: figures are moved out of the
// paragraph later (extractFigures), other blocks give their text.
func blocksAsInlines(bs []model.Block) []model.Inline {
	var out []model.Inline
	sep := func() {
		if len(out) > 0 {
			out = append(out, &model.Text{Text: " "})
		}
	}
	for _, b := range bs {
		switch t := b.(type) {
		case *model.Figure:
			out = append(out, &figureInline{fig: t})
		case *model.Paragraph:
			sep()
			out = append(out, t.Inlines...)
		case *model.Heading:
			sep()
			out = append(out, t.Inlines...)
		case *model.Quote:
			sep()
			out = append(out, blocksAsInlines(t.Blocks)...)
		case *model.List:
			for _, it := range t.Items {
				sep()
				out = append(out, blocksAsInlines(it.Blocks)...)
			}
		case *model.CodeBlock:
			sep()
			out = append(out, &model.Code{Text: t.Text})
		case *model.MathBlock:
			sep()
			out = append(out, inlineMath(t))
		case *model.Table:
			for _, r := range append([][]model.Cell{t.Header}, t.Rows...) {
				for _, cell := range r {
					sep()
					out = append(out, cell.Inlines...)
				}
			}
		}
	}
	return out
}

// liquidTag converts a Liquid tag: {% include %} becomes what it shows;
// other tags (if, for, assign, link, …) are dropped with a warning, the
// text between them kept.
func (c *conv) liquidTag(line int, src string) []model.Block {
	name, args, _ := scan.LiquidTag([]byte(src))
	if bs, ok := c.scholarTag(line, name, args); ok {
		return bs
	}
	switch name {
	case "include_relative":
		if bs, ok := c.includeRelative(line, args); ok {
			return bs
		}
		return c.include(line, args)
	case "include":
		return c.include(line, args)
	case "":
		c.warnAt(line, "unreadable Liquid tag %s dropped", clip(src, 40))
		return nil
	}
	if scan.PluginBlockName(name) {
		return c.pluginTag(line, name, args)
	}
	if name == "assign" && c.post.liquid != nil {
		if _, ok := c.post.liquid(src); ok {
			return nil // a name for the Liquid that follows; nothing to print
		}
	}
	if strings.HasPrefix(name, "end") && scan.PluginBlockName(name[3:]) {
		c.warnTag(line, name, "Liquid tag {%% %s %%} without its opening tag dropped", name)
		return nil
	}
	c.warnTag(line, name, "Liquid tag {%% %s %%} dropped", name)
	return nil
}

// includeRelative converts {% include_relative file.md %}: the file,
// beside the post, is part of its text, read as Markdown with the post's
// settings, as Jekyll inserts it before the Markdown is read. ok is false
// when the file cannot be read (include then says why).
func (c *conv) includeRelative(line int, args string) ([]model.Block, bool) {
	name, _ := splitFirst(strings.TrimSpace(args))
	if c.post.read == nil || name == "" || c.depth > 5 || strings.Contains(name, "{{") {
		return nil, false
	}
	data, err := c.post.read(name)
	if err != nil {
		c.warnAt(line, "{%% include_relative %s %%}: %v; dropped", name, err)
		return nil, true
	}
	if bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data) {
		c.warnAt(line, "{%% include_relative %s %%}: not UTF-8 text; dropped", name)
		return nil, true
	}
	sub := c.sub(string(data), line)
	sub.lines = diag.NewLines(nil, line-1) // every line of it is the tag's line, for messages
	return sub.blocks(c.parse(c.post.cv.md, sub.src)), true
}

func splitFirst(s string) (string, string) {
	if i := strings.IndexAny(s, " \t\r\n"); i >= 0 {
		return s[:i], s[i:]
	}
	return s, ""
}

// highlight converts {% highlight lang %}…{% endhighlight %} or Hugo's
// {{< highlight lang >}}…{{< /highlight >}} into a code block.
func (c *conv) highlight(line int, src string) *model.CodeBlock {
	var args string
	var n int
	if strings.HasPrefix(src, "{{") {
		_, args, _, _, n = scan.Shortcode([]byte(src))
	} else {
		_, args, n = scan.LiquidTag([]byte(src))
	}
	body := trimEnd(src[n:])
	lang := ""
	if f := strings.Fields(strings.NewReplacer(`"`, " ", ",", " ").Replace(args)); len(f) > 0 {
		lang = f[0]
	}
	return &model.CodeBlock{Pos: model.Pos{Line: line}, Language: lang, Text: blankLinesTrimmed(codeText(body))}
}

// trimEnd cuts the end tag off a highlight's text and trims the blank
// lines around the code (as Jekyll's highlight tag does), keeping the
// indentation of its first line.
func trimEnd(body string) string {
	if i := strings.LastIndex(body, "{%"); i >= 0 && strings.Contains(body[i:], "endhighlight") {
		body = body[:i]
	} else if i := strings.LastIndex(body, "{{"); i >= 0 && strings.Contains(body[i:], "highlight") {
		body = body[:i]
	}
	body = strings.TrimRight(body, " \t\r\n")
	for {
		l, rest, ok := strings.Cut(body, "\n")
		if !ok || strings.TrimSpace(l) != "" {
			break
		}
		body = rest
	}
	return body
}

// rawTags are Liquid's {% raw %} and {% endraw %}: Jekyll removes them
// wherever they are, code included (they are how a post shows {{ }} in
// code), so they are removed from code too.
var rawTags = lazy.Regexp(`\{%-?\s*(?:end)?raw\s*-?%\}`)

// codeText is the text of code as a reader of the site saw it: the code
// as written, less the {% raw %} tags that kept Liquid off it.
func codeText(s string) string {
	if !strings.Contains(s, "raw") || !strings.Contains(s, "{%") {
		return s
	}
	return rawTags().ReplaceAllString(s, "")
}

// blankLinesTrimmed drops the blank lines that start and end a code
// block's text: an author's blank line after the fence is no part of the
// code, and both outputs would print it as an empty first line.
func blankLinesTrimmed(s string) string {
	lines := strings.Split(s, "\n")
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines, "\n")
}

// rawBody is the text between {% raw %} and {% endraw %}.
func rawBody(src string) string {
	_, _, n := scan.LiquidTag([]byte(src))
	body := src[n:]
	if i, _ := scan.LiquidEnd([]byte(body), "raw"); i >= 0 {
		body = body[:i]
	}
	return body
}

// rawText converts a block of {% raw %}: Markdown whose Liquid-looking
// text is kept as written.
func (c *conv) rawText(line int, src string) []model.Block {
	body := rawBody(src)
	if c.depth > 20 {
		return []model.Block{&model.Paragraph{Pos: model.Pos{Line: line}, Inlines: []model.Inline{&model.Text{Text: body}}}}
	}
	sub := c.sub(body, line)
	return sub.blocks(c.parse(c.post.cv.raw, sub.src))
}

// mathBlock reads TeX math with its delimiters.
func (c *conv) mathBlock(line int, src string) *model.MathBlock {
	src = strings.TrimSpace(src)
	tex, n := scan.MathEnv([]byte(src))
	if n == 0 {
		tex, _, n = scan.MathAt([]byte(src), true)
	}
	if n == 0 && scan.TeXRef([]byte(src)) == len(src) {
		// \eqref{…} in text, which MathJax typesets: the engine's escapes
		// apply, as to any text
		tex = src
		if c.post.engine.Escapes {
			tex = string(util.UnescapePunctuations([]byte(tex)))
		}
	} else if c.post.engine.mathEscaped(src) {
		tex = string(util.UnescapePunctuations([]byte(tex)))
	}
	tex = strings.TrimSpace(tex)
	first := line // the file line the TeX itself starts on, after $$ and a newline
	if i := strings.Index(src, tex); i > 0 {
		first += strings.Count(src[:i], "\n")
	}
	return &model.MathBlock{Pos: model.Pos{Line: line}, TeX: tex, Formula: c.readMath(first, tex)}
}

// readMath reads TeX math in the post's macros. What cannot be read is
// shown as its source, with a warning at its line.
func (c *conv) readMath(line int, tex string) *texmath.Formula {
	if c.post.macros == nil {
		var site *texmath.Macros
		if c.post.siteMacros != nil {
			site = c.post.siteMacros()
		}
		c.post.macros = site.Clone()
	}
	f, err := texmath.Parse(tex, texmath.Options{Display: true, Macros: c.post.macros})
	if err != nil {
		var e *texmath.Error
		off := 0
		if errors.As(err, &e) {
			off = e.Offset
		}
		c.post.log.Warnf(c.post.path, line+strings.Count(tex[:min(off, len(tex))], "\n"),
			"TeX math %q: %v; it is printed as its source", excerpt(tex, off), err)
		return nil
	}
	return f
}

// excerpt is the TeX around offset off, for a message.
func excerpt(tex string, off int) string {
	start, end := max(0, off-20), min(len(tex), off+20)
	for start > 0 && !utf8.RuneStart(tex[start]) {
		start--
	}
	for end < len(tex) && !utf8.RuneStart(tex[end]) {
		end++
	}
	return tex[start:end]
}

// inlineMath is display math met inside a paragraph, set inline.
func inlineMath(m *model.MathBlock) *model.Math {
	if m.Formula == nil {
		return &model.Math{TeX: m.TeX}
	}
	f := *m.Formula
	f.Display = false
	return &model.Math{TeX: m.TeX, Formula: &f}
}

// undefRef converts a reference to a footnote that has no definition:
// a note written without the colon, or else its label, superscript, as
// the author meant the mark to look (never "[^24]", which means nothing
// to a reader), with a warning.
func (c *conv) undefRef(n *undefRef) []model.Inline {
	// A caption or an aside's text is parsed apart from the post, away
	// from its definitions: they are looked up by label.
	note := c.post.notes[n.label]
	if note == nil {
		note = c.post.loose[n.label]
	}
	if note != nil {
		c.post.referenced[note] = true
		if n.padded {
			c.warn(n, "footnote reference [^ %s] has a space in its label; read as [^%s]", n.label, n.label)
		}
		return []model.Inline{&model.NoteRef{Note: note}}
	}
	c.warn(n, "footnote reference [^%s] has no definition in this post; printed as the plain text [%s]", n.label, n.label)
	return []model.Inline{&model.Text{Text: "[" + n.label + "]"}}
}

// liquidInDest matches Liquid in a link destination.
var liquidInDest = lazy.Regexp(`\{\{.*?\}\}|\{%.*?%\}`)

// noLiquid removes Liquid from an attribute of inline HTML at n.
func (c *conv) noLiquid(n gast.Node, s string) string {
	return (&htmlConv{c: c, at: n}).noLiquid(s)
}

// destination drops Liquid from a link's destination: {{ site.baseurl }}
// and {{ site.url }} print the site's address, so {{ site.baseurl }}/x is
// the site-absolute /x (resolved as such: nothing to warn about); a
// quoted path, as in {{ '/x.png' | relative_url }}, is that path; any
// other Liquid is dropped with a warning.
func (c *conv) destination(line int, dest string) string {
	if !strings.Contains(dest, "{{") && !strings.Contains(dest, "{%") {
		return dest
	}
	if c.refIn(line, dest) {
		return "" // a Hugo cross-reference: the link's text stands alone
	}
	return strings.TrimSpace(liquidInDest().ReplaceAllStringFunc(dest, func(m string) string {
		if lit, ok := liquidLiteral(m); ok {
			return lit
		}
		if siteRootVar().MatchString(m) {
			return ""
		}
		if out, ok := c.renderLiquid(m); ok {
			return out
		}
		c.tally(line, "Liquid dropped from links", clip(m, 40))
		return ""
	}))
}

// siteRootVar matches the Liquid that prints the site's own address.
var siteRootVar = lazy.Regexp(`^\{\{-?\s*site\.(?:baseurl|url)\s*-?\}\}$`)

// literalOutput matches Liquid output of a quoted string through filters
// that only make it a URL of the site: {{ '/x.png' | relative_url }}.
var literalOutput = lazy.Regexp(`^\{\{-?\s*(?:"([^"]*)"|'([^']*)')\s*((?:\|\s*(?:relative_url|absolute_url|uri_escape|url_encode|escape|strip|prepend:\s*site\.(?:baseurl|url))\s*)*)-?\}\}$`)

// liquidLiteral returns the path a Liquid output of a quoted string
// prints.
func liquidLiteral(m string) (string, bool) {
	g := literalOutput().FindStringSubmatch(m)
	if g == nil {
		return "", false
	}
	return g[1] + g[2], true
}

// templLink converts a link or image whose destination holds Liquid: the
// Liquid is dropped ({{ site.baseurl }} is the site's root, which an
// edition does not have), and what is left is read as any destination.
func (c *conv) templLink(n *templLink) []model.Inline {
	line := c.line(n)
	dest := c.destination(line, n.dest)
	label := c.inlineMarkdown(n.label, line)
	if n.image {
		return []model.Inline{c.imageInline(line, dest, model.PlainText(label), n.title)}
	}
	return c.linkTo(line, dest, label)
}

// shortcode converts a Hugo shortcode: figure becomes a figure, the
// comment form {{</* x */>}} the text {{< x >}}; others as otherShortcode
// says. In a block (block is true) a closing tag is kept as a mark for
// pairShortcodes; in a paragraph it is nothing.
func (c *conv) shortcode(line int, src string, block bool) []model.Block {
	name, args, closing, escaped, _ := scan.Shortcode([]byte(src))
	pos := model.Pos{Line: line}
	switch {
	case escaped:
		open, close := "{{"+src[2:3], src[2:3]+"}}"
		if open == "{{<" {
			close = ">}}"
		}
		t := open + " " + strings.TrimSpace(args) + " " + close
		return []model.Block{&model.Paragraph{Pos: pos, Inlines: []model.Inline{&model.Text{Text: t}}}}
	case closing && block:
		return []model.Block{&scClose{name: name, at: c.scEnd - len(src)}}
	case closing:
		return nil
	case name == "figure":
		named, _ := scan.ShortcodeArgs(args)
		p := scan.LowerKeys(named)
		caption := strings.TrimSpace(strings.Join(nonEmpty(p["title"], p["caption"]), " — "))
		// HTML in a caption (ox-hugo's <span class="figure-number">) is the
		// argument's, not raw HTML of the post.
		defer func(t bool) { c.trusted = t }(c.trusted)
		c.trusted = true
		return c.figure(line, "figure", p["src"], p["alt"], caption, firstOf(p, append([]string{"attr"}, creditParams...)...), p)
	case name == "highlight":
		return []model.Block{c.highlight(line, src)}
	}
	return c.otherShortcode(line, name, args, src, block)
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, strings.TrimSpace(s))
		}
	}
	return out
}

// creditParams are the parameters that credit an image (its
// photographer, rights holder or source), in the order they are looked
// for: the credit follows the caption.
var creditParams = []string{"credit", "credits", "image_credit", "image-credit", "photo_credit", "photo-credit",
	"photographer", "attribution", "copyright", "courtesy", "source"}

// imageParams are the parameters that name the image of a figure
// include, in the order they are looked for.
var imageParams = []string{"filename", "file", "src", "url", "image", "image-url", "image_url", "img"}

// captionParams are the parameters that caption an image, in the order
// they are looked for (the widespread image.html snippet calls its
// caption description).
var captionParams = []string{"caption", "description", "figcaption", "legend", "title"}

// textParams hold an aside's or a pull quote's text.
var textParams = []string{"text", "content", "quote", "body"}

// include converts {% include name.html key="value" … %}: a figure when
// it names an image, a quotation when it carries text (asides, pull
// quotes, alerts), its caption when it embeds other media, else nothing,
// with a warning.
func (c *conv) include(line int, args string) []model.Block {
	args = strings.TrimSpace(args)
	file, rest := args, ""
	if i := strings.IndexAny(args, " \t\r\n"); i >= 0 {
		file, rest = args[:i], args[i:]
	}
	if file == "" {
		c.warnAt(line, "empty {%% include %%} dropped")
		return nil
	}
	p := scan.TagParams(rest)
	src := firstOf(p, imageParams...)
	caption := strings.Join(strings.Fields(firstOf(p, captionParams...)), " ")
	if src != "" && (namesImage(file) || scan.IsImageFile(src)) {
		return c.figure(line, file, src, p["alt"], caption, firstOf(p, creditParams...), p)
	}
	pos := model.Pos{Line: line}
	if text := firstOf(p, textParams...); text != "" {
		// Pull quotes and asides: their text is the post's own words.
		ins := c.inlineMarkdown(text, line)
		return []model.Block{&model.Quote{Pos: pos, Blocks: []model.Block{&model.Paragraph{Pos: pos, Inlines: ins}}}}
	}
	if caption != "" {
		c.warnAt(line, "{%% include %s %%}: embedded media dropped; its caption is kept", file)
		return []model.Block{&model.Paragraph{Pos: pos, Inlines: []model.Inline{&model.Emph{Inlines: c.inlineMarkdown(caption, line)}}}}
	}
	if namesTOC(file) {
		c.warnAt(line, "{%% include %s %%} dropped: the site's table of contents (the edition has its own contents)", file)
		return []model.Block{&tocMark{}}
	}
	if h := c.includedBibliography(line, file); h != nil {
		return []model.Block{h}
	}
	c.warnAt(line, "{%% include %s %%} dropped: it has no text, caption or image to keep", file)
	return nil
}

// namesTOC: an include whose name says it writes the site's table of
// contents (toc.html, table-of-contents.html).
func namesTOC(file string) bool {
	name := strings.ToLower(strings.TrimSuffix(path.Base(file), path.Ext(file)))
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
		if w == "toc" || w == "contents" {
			return true
		}
	}
	return false
}

// namesImage: an include whose name says it places an image.
func namesImage(file string) bool {
	f := strings.ToLower(file)
	for _, w := range []string{"figure", "image", "img", "photo", "picture", "fig"} {
		if strings.Contains(f, w) {
			return true
		}
	}
	return false
}

// figure resolves the image of an include or shortcode. Its caption is
// Markdown; without alt text, the caption's text serves. The credit
// (Markdown too) follows the caption, after a dash.
func (c *conv) figure(line int, include, src, alt, caption, credit string, params map[string]string) []model.Block {
	pos := model.Pos{Line: line}
	var capIns []model.Inline
	if caption != "" {
		capIns = c.inlineMarkdown(caption, line)
	}
	if strings.TrimSpace(alt) == "" {
		alt = model.PlainText(capIns)
	}
	if credit = strings.Join(strings.Fields(credit), " "); credit != "" {
		if len(capIns) > 0 {
			capIns = append(capIns, &model.Text{Text: " — "})
		}
		capIns = append(capIns, c.inlineMarkdown(credit, line)...)
	}
	if src == "" {
		if len(capIns) > 0 {
			return []model.Block{&model.Paragraph{Pos: pos, Inlines: []model.Inline{&model.Emph{Inlines: capIns}}}}
		}
		return nil
	}
	img, err := c.post.images(ImageRef{Src: src, Alt: alt, Line: line, Include: include, Params: params})
	switch {
	case err != nil:
		c.fail(err)
		return nil
	case img != nil:
		return []model.Block{&model.Figure{Pos: pos, Image: img, Caption: capIns}}
	case len(capIns) > 0:
		// No image to show: its caption, links and all, stands in.
		return []model.Block{&model.Paragraph{Pos: pos, Inlines: []model.Inline{&model.Emph{Inlines: capIns}}}}
	case alt != "":
		return []model.Block{&model.Paragraph{Pos: pos, Inlines: []model.Inline{&model.Text{Text: alt}}}}
	}
	return nil
}

func firstOf(kv map[string]string, keys ...string) string {
	for _, k := range keys {
		if v := strings.TrimSpace(kv[k]); v != "" {
			return v
		}
	}
	return ""
}
