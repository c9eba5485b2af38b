package markdown

import (
	"bytes"
	"net/url"
	"strings"

	gast "github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"

	"github.com/redtide/edition/internal/markdown/scan"
	"github.com/redtide/edition/internal/markdown/typo"
	"github.com/redtide/edition/internal/model"
)

// span is an open inline HTML element collecting its children.
type span struct {
	tag  string
	link string
	lang string // the element's lang attribute, when it sets another language
	ins  []model.Inline
	conv *conv // the converter, which records what was inside <small>
}

// inlines converts the inline children of n. Inline raw HTML arrives from
// goldmark as separate open and close tags; a small stack pairs them.
func (c *conv) inlines(n gast.Node) []model.Inline {
	stack := []*span{{}}
	add := func(in model.Inline) {
		top := stack[len(stack)-1]
		top.ins = append(top.ins, in)
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		switch t := ch.(type) {
		case *gast.RawHTML:
			c.rawInline(t, &stack)
			continue
		case *gast.Text, *gast.String:
			ch = c.textRun(t, add)
			continue
		}
		if in := c.oneInline(ch); in != nil {
			add(in)
			continue
		}
		for _, in := range c.inline(ch) {
			add(in)
		}
	}
	// Close what the post left open.
	for len(stack) > 1 {
		closeSpan(&stack)
	}
	return mergeText(stack[0].ins)
}

// oneInline converts the nodes that always make one inline (typographic
// substitutions, code, emphasis), without a slice to hold it; nil for
// other nodes.
func (c *conv) oneInline(n gast.Node) model.Inline {
	switch n := n.(type) {
	case *gast.String:
		return &model.Text{Text: string(n.Value)}
	case *gast.CodeSpan:
		var b strings.Builder
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			switch t := ch.(type) {
			case *gast.Text:
				b.Write(t.Segment.Value(c.src))
			case *gast.String:
				b.Write(t.Value)
			}
		}
		return &model.Code{Text: codeText(b.String())}
	case *gast.Emphasis:
		ins := c.inlines(n)
		if n.Level >= 2 {
			return &model.Strong{Inlines: ins}
		}
		return &model.Emph{Inlines: ins}
	case *east.Strikethrough:
		return &model.Strike{Inlines: c.inlines(n)}
	}
	return nil
}

func (c *conv) inline(n gast.Node) []model.Inline {
	if in := c.oneInline(n); in != nil {
		return []model.Inline{in}
	}
	switch n := n.(type) {
	case *gast.Text:
		var out []model.Inline
		add := func(in model.Inline) { out = append(out, in) }
		flushText(c.appendTextNode(nil, n, add), add)
		return out
	case *gast.Link:
		return c.linkTo(c.line(n), c.destination(c.line(n), string(n.Destination)), uncite(c.inlines(n)))
	case *gast.AutoLink:
		u := string(n.URL(c.src))
		label := string(n.Label(c.src))
		if n.AutoLinkType == gast.AutoLinkEmail && !strings.HasPrefix(u, "mailto:") {
			u = "mailto:" + u
		}
		return c.linkTo(c.line(n), u, []model.Inline{&model.Text{Text: label}})
	case *gast.Image:
		alt := model.PlainText(c.inlines(n))
		return []model.Inline{c.imageInline(c.line(n), c.destination(c.line(n), string(n.Destination)), alt, string(unescape(n.Title)))}
	case *east.FootnoteLink:
		if n.Index < len(c.index) && n.Index >= 0 && c.index[n.Index] != nil {
			return []model.Inline{&model.NoteRef{Note: c.index[n.Index]}}
		}
		c.warn(n, "footnote reference without a definition")
		return nil
	case *east.FootnoteBacklink:
		return nil
	case *gast.RawHTML:
		return nil // handled by inlines
	case *extInline:
		return c.extInline(n)
	case *undefRef:
		return c.undefRef(n)
	case *citeNode:
		return c.cite(n)
	case *inlineNote:
		return c.inlineNote(n)
	case *templLink:
		return c.templLink(n)
	}
	if n.Type() == gast.TypeInline {
		c.warn(n, "unsupported inline element %s; its text is kept", n.Kind())
		return c.inlines(n)
	}
	return nil
}

// textRun converts the text node n and the text nodes that follow it
// (goldmark's Text, and String for its typographic substitutions), and
// returns the last of them. goldmark splits text at every place an
// inline parser was tried (each space, for Linkify) and around each
// quote, so a line is often several nodes: they are joined here as
// mergeText would join them, into one model.Text up to each hard line
// break, without a string and a model.Text for each node.
func (c *conv) textRun(n gast.Node, add func(model.Inline)) gast.Node {
	run := c.textBuf[:0]
	for {
		switch t := n.(type) {
		case *gast.Text:
			run = c.appendTextNode(run, t, add)
		case *gast.String:
			run = appendText(run, t.Value)
		}
		switch n.NextSibling().(type) {
		case *gast.Text, *gast.String:
			n = n.NextSibling()
			continue
		}
		break
	}
	c.textBuf = flushText(run, add)
	return n
}

// appendTextNode appends the text of n to run, then the line break that
// ends it: a soft one is a space; a hard one ends the run.
func (c *conv) appendTextNode(run []byte, n *gast.Text, add func(model.Inline)) []byte {
	// As goldmark's own renderer does: backslash escapes and entity
	// references are resolved when text is written out.
	run = appendText(run, unescape(n.Segment.Value(c.src)))
	switch {
	case n.HardLineBreak(), n.SoftLineBreak() && c.post.engine.HardWrap:
		run = flushText(run, add)
		add(&model.LineBreak{})
	case n.SoftLineBreak():
		run = appendText(run, []byte{' '})
	}
	return run
}

// flushText adds the text of run, if any, and empties it.
func flushText(run []byte, add func(model.Inline)) []byte {
	if len(run) > 0 {
		add(&model.Text{Text: string(run)})
	}
	return run[:0]
}

// appendText appends s to a run of text as mergeText joins two runs:
// where both bring a space, one goes.
func appendText(run, s []byte) []byte {
	if len(run) > 0 && run[len(run)-1] == ' ' && len(s) > 0 && s[0] == ' ' {
		s = s[1:]
	}
	return append(run, s...)
}

// linkTo keeps external links. A link written from the site's root
// ("/about") leads to the site the post came from when its address is
// known (Input.SiteURL); other links into the site (relative paths) mean
// nothing in an edition and keep only their text.
func (c *conv) linkTo(line int, dest string, ins []model.Inline) []model.Inline {
	if u, ok := scan.SafeURL(scan.SiteLink(c.post.site, dest)); ok {
		return []model.Inline{&model.Link{URL: u, Inlines: ins}}
	}
	c.checkLink(line, dest)
	return ins
}

// checkLink warns when a link's target cannot be kept: it is neither an
// absolute URL nor an anchor in the post.
func (c *conv) checkLink(line int, dest string) {
	if _, ok := scan.SafeURL(dest); ok || dest == "" || strings.HasPrefix(dest, "#") {
		return
	}
	if u, err := url.Parse(dest); err == nil && u.Scheme != "" {
		c.tally(line, "links with the scheme "+u.Scheme+": dropped; their text is kept", clip(dest, 40))
		return
	}
	if strings.HasPrefix(dest, "/") && c.post.site == "" {
		c.tally(line, "link written from the site's root kept as text: the site's address is unknown (set url: in _config.yml)", dest)
		return
	}
	c.warnAt(line, "link to %q is not an absolute URL; kept as text", dest)
}

// imageInline resolves a Markdown image; its title is a caption, in
// Markdown. The figure it becomes is moved out of the paragraph later.
func (c *conv) imageInline(line int, src, alt, title string) model.Inline {
	var caption []model.Inline
	if t := strings.TrimSpace(title); t != "" {
		caption = c.inlineMarkdown(t, line)
	}
	if alt == "" {
		alt = model.PlainText(caption)
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

// resolveImage turns an image reference into a figure to be moved out of
// the paragraph, or its alt text when it cannot be shown.
func (c *conv) resolveImage(line int, src, alt string) model.Inline {
	if src == "" {
		return &model.Text{Text: alt}
	}
	img, err := c.post.images(ImageRef{Src: src, Alt: alt, Line: line})
	if err != nil {
		c.fail(err)
		return &model.Text{}
	}
	if img == nil {
		// The alt text stands in for the image, apart from the words
		// around it.
		return &model.Text{Text: " " + alt + " "}
	}
	return &figureInline{fig: &model.Figure{Pos: model.Pos{Line: line}, Image: img}}
}

// inlineMarkdown converts a short piece of Markdown (a caption, an
// aside's text, a link's label) found on file line line to inlines.
func (c *conv) inlineMarkdown(s string, line int) []model.Inline {
	if c.depth > 20 {
		return []model.Inline{&model.Text{Text: s}}
	}
	sub := c.sub(s, line)
	root := c.parse(c.post.cv.md, sub.src)
	var out []model.Inline
	for p := root.FirstChild(); p != nil; p = p.NextSibling() {
		if len(out) > 0 {
			out = append(out, &model.Text{Text: " "})
		}
		var ins []model.Inline
		switch p.(type) {
		case *gast.Paragraph, *gast.TextBlock, *gast.Heading:
			ins = sub.inlines(p)
		default:
			ins = blocksAsInlines(sub.block(p))
		}
		var figs []model.Block
		out = append(out, trimSpace(extractFigures(ins, &figs))...)
	}
	return out
}

// inlineTags maps HTML inline elements onto the model.
var inlineTags = map[string]bool{
	"em": true, "i": true, "cite": true, "dfn": true, "var": true, "u": true, "ins": true,
	"strong": true, "b": true,
	"s": true, "del": true, "strike": true,
	"sup": true, "sub": true,
	"a":    true,
	"code": true, "kbd": true, "samp": true, "tt": true,
}

// ignoredTags are inline elements whose tag is dropped silently and
// whose text is kept.
var ignoredTags = map[string]bool{
	"span": true, "small": true, "big": true, "abbr": true, "acronym": true, "mark": true,
	"time": true, "font": true, "q": true, "label": true, "bdi": true, "bdo": true, "wbr": true,
	"nobr": true, "data": true,
}

func (c *conv) rawInline(raw *gast.RawHTML, stack *[]*span) {
	var b strings.Builder
	for i := 0; i < raw.Segments.Len(); i++ {
		s := raw.Segments.At(i)
		b.Write(s.Value(c.src))
	}
	tag := b.String()
	if strings.HasPrefix(tag, "<!--") || strings.HasPrefix(tag, "<?") || strings.HasPrefix(tag, "<!") {
		return
	}
	c.rawHTML(c.line(raw))
	name, attrs, closing, selfClosing := parseTag(tag)
	top := (*stack)[len(*stack)-1]
	switch {
	case name == "br":
		top.ins = append(top.ins, &model.LineBreak{})
	case name == "img":
		if src := c.noLiquid(raw, attrs["src"]); src != "" {
			top.ins = append(top.ins, c.htmlImage(raw, src, attrs["alt"]))
		}
	case (inlineTags[name] || ignoredTags[name] && name != "wbr") && !closing && !selfClosing:
		// Elements whose tag is dropped are kept on the stack too, so
		// that a language they set spans their content and no more.
		sp := &span{tag: canonical(name), lang: c.langAttr(raw, attrs), conv: c}
		if name == "a" {
			sp.link = scan.SiteLink(c.post.site, c.noLiquid(raw, attrs["href"]))
			c.checkLink(c.line(raw), sp.link)
		}
		*stack = append(*stack, sp)
	case (inlineTags[name] || ignoredTags[name]) && closing:
		want := canonical(name)
		for i := len(*stack) - 1; i > 0; i-- {
			if (*stack)[i].tag == want {
				for len(*stack) > i {
					closeSpan(stack)
				}
				return
			}
		}
	case ignoredTags[name]:
	case dangerous[name]:
		c.tally(c.line(raw), "HTML <"+name+"> dropped", "")
	default:
		if !closing {
			c.tally(c.line(raw), "HTML tag <"+name+"> dropped; its text is kept", "")
		}
	}
}

func canonical(tag string) string {
	switch tag {
	case "i", "cite", "dfn", "var", "u", "ins":
		return "em"
	case "b":
		return "strong"
	case "del", "strike":
		return "s"
	case "kbd", "samp", "tt":
		return "code"
	}
	return tag
}

// closeSpan pops the top span and appends its element to the one below.
func closeSpan(stack *[]*span) {
	s := *stack
	top := s[len(s)-1]
	*stack = s[:len(s)-1]
	parent := (*stack)[len(*stack)-1]
	ins := mergeText(top.ins)
	var el model.Inline
	switch top.tag {
	case "em":
		el = &model.Emph{Inlines: ins}
	case "strong":
		el = &model.Strong{Inlines: ins}
	case "s":
		el = &model.Strike{Inlines: ins}
	case "sup":
		el = &model.Sup{Inlines: ins}
	case "sub":
		el = &model.Sub{Inlines: ins}
	case "code":
		el = &model.Code{Text: typo.Unsmarten(model.PlainText(ins))}
	case "a":
		if u, ok := scan.SafeURL(top.link); ok {
			el = &model.Link{URL: u, Inlines: ins}
		}
	}
	if el != nil {
		ins = []model.Inline{el}
	}
	ins = typo.InLang(top.lang, ins)
	if top.tag == "small" && top.conv != nil {
		top.conv.markSmall(ins)
	}
	parent.ins = append(parent.ins, ins...)
}

// mergeText joins adjacent text runs. Where an element was taken out
// between two runs (a figure, a tag) and both bring a space, one goes.
func mergeText(ins []model.Inline) []model.Inline {
	out := ins[:0]
	var run strings.Builder
	var first *model.Text // the run being gathered
	joined := false       // run holds first's text and more: first.Text is rewritten
	flush := func() {
		if joined {
			first.Text = run.String()
			run.Reset()
		}
		first, joined = nil, false
	}
	for _, in := range ins {
		t, ok := in.(*model.Text)
		if !ok {
			flush()
			out = append(out, in)
			continue
		}
		if t.Text == "" {
			continue
		}
		if first == nil {
			first = t
			out = append(out, t)
			continue
		}
		if !joined {
			run.WriteString(first.Text)
			joined = true
		}
		s := t.Text
		if strings.HasPrefix(s, " ") && run.Len() > 0 && strings.HasSuffix(lastBytes(&run), " ") {
			s = s[1:]
		}
		run.WriteString(s)
	}
	flush()
	return out
}

// lastBytes returns the end of what b holds.
func lastBytes(b *strings.Builder) string {
	s := b.String()
	return s[max(0, len(s)-1):]
}

// unescape resolves backslash escapes and HTML entity references in text.
func unescape(b []byte) []byte {
	if bytes.IndexByte(b, '\\') >= 0 {
		b = util.UnescapePunctuations(b)
	}
	if bytes.IndexByte(b, '&') >= 0 {
		b = util.ResolveNumericReferences(b)
		b = util.ResolveEntityNames(b)
	}
	return b
}
