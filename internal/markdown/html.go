package markdown

import (
	"strings"

	gast "github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/redtide/edition/internal/markdown/scan"
	"github.com/redtide/edition/internal/markdown/typo"
	"github.com/redtide/edition/internal/model"
)

// dangerous elements are dropped with their content: they run code, load
// remote resources or hold no reader-facing text.
var dangerous = map[string]bool{
	"script": true, "style": true, "iframe": true, "object": true, "embed": true,
	"applet": true, "form": true, "input": true, "button": true, "select": true,
	"textarea": true, "video": true, "audio": true, "source": true, "track": true,
	"canvas": true, "svg": true, "math": true, "link": true, "meta": true,
	"noscript": true, "template": true, "frame": true, "frameset": true, "base": true,
	"head": true, "title": true,
}

// parseTag reads one HTML tag such as `<a href="x">` or `</em>`.
func parseTag(tag string) (name string, attrs map[string]string, closing, selfClosing bool) {
	z := html.NewTokenizer(strings.NewReader(tag))
	tt := z.Next()
	tok := z.Token()
	attrs = map[string]string{}
	for _, a := range tok.Attr {
		attrs[strings.ToLower(a.Key)] = a.Val
	}
	return strings.ToLower(tok.Data), attrs, tt == html.EndTagToken, tt == html.SelfClosingTagToken
}

// htmlBlock converts a raw HTML block. HTML is parsed as a fragment of a
// <body>, then walked into model blocks; unmatched tags (an <aside> whose
// closing tag is in a later block) are simply dropped, their text kept.
func (c *conv) htmlBlock(n *gast.HTMLBlock) []model.Block {
	c.rawHTML(c.line(n))
	var b strings.Builder
	b.WriteString(c.rawLines(n))
	if n.HasClosure() {
		b.Write(n.ClosureLine.Value(c.src))
	}
	src := b.String()
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(src), body)
	if err != nil {
		c.warn(n, "unreadable HTML block dropped: %v", err)
		return nil
	}
	h := &htmlConv{c: c, at: n, pos: model.Pos{Line: c.line(n)}}
	for _, nd := range nodes {
		body.AppendChild(nd)
	}
	return h.blocks(body)
}

type htmlConv struct {
	c   *conv
	at  gast.Node
	pos model.Pos // the HTML block's: elements inside it have no lines of their own
}

// blocks converts the children of an element that holds block content.
// Loose inline content between blocks is gathered into paragraphs.
func (h *htmlConv) blocks(parent *html.Node) []model.Block {
	if src, mode := h.markdownInside(parent); mode != "" {
		if mode == "span" {
			return []model.Block{&model.Paragraph{Pos: h.pos, Inlines: h.c.inlineMarkdown(src, h.pos.Line)}}
		}
		sub := h.c.sub(src, h.pos.Line)
		return sub.blocks(h.c.parse(h.c.post.cv.md, sub.src))
	}
	var out []model.Block
	var pending []model.Inline
	flush := func() {
		ins := trimSpace(mergeText(pending))
		pending = nil
		ins = h.c.captionInParagraph(ins)
		if len(ins) > 0 {
			var figs []model.Block
			ins = extractFigures(ins, &figs)
			if len(ins) > 0 {
				out = append(out, &model.Paragraph{Pos: h.pos, Inlines: ins})
			}
			out = append(out, figs...)
		}
	}
	for n := parent.FirstChild; n != nil; n = n.NextSibling {
		if n.Type == html.ElementNode && isBlockTag(n.Data) {
			flush()
			out = append(out, typo.BlocksInLang(h.htmlLang(n), h.block(n))...)
			continue
		}
		pending = append(pending, h.inline(n)...)
	}
	flush()
	return out
}

func isBlockTag(t string) bool {
	switch t {
	case "p", "div", "aside", "section", "article", "header", "footer", "main", "nav",
		"figure", "figcaption", "blockquote", "ul", "ol", "li", "dl", "dt", "dd",
		"h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "hr", "center", "details", "summary",
		"address", "hgroup":
		return true
	}
	return dangerous[t]
}

func (h *htmlConv) block(n *html.Node) []model.Block {
	switch n.Data {
	case "p", "div", "section", "article", "header", "footer", "main", "center", "details",
		"summary", "address", "hgroup", "dt", "dd", "figcaption", "nav", "li", "dl":
		bs := h.blocks(n)
		if n.Data == "figcaption" || captionClass(attr(n, "class")) {
			for _, b := range bs {
				if p, ok := b.(*model.Paragraph); ok {
					h.c.markCaption(p)
				}
			}
		}
		return bs
	case "aside", "blockquote":
		bs := h.blocks(n)
		if len(bs) == 0 {
			return nil
		}
		return []model.Block{&model.Quote{Pos: h.pos, Blocks: bs}}
	case "h1", "h2", "h3", "h4", "h5", "h6":
		ins := trimSpace(mergeText(h.inlines(n)))
		if len(ins) == 0 {
			return nil
		}
		return []model.Block{&model.Heading{Pos: h.pos, Level: int(n.Data[1] - '0'), Inlines: ins}}
	case "hr":
		return []model.Block{&model.Rule{Pos: h.pos}}
	case "pre":
		return []model.Block{&model.CodeBlock{Pos: h.pos, Text: blankLinesTrimmed(codeText(textOf(n)))}}
	case "ul", "ol":
		l := &model.List{Pos: h.pos, Ordered: n.Data == "ol", Start: 1}
		for li := n.FirstChild; li != nil; li = li.NextSibling {
			if li.Type == html.ElementNode && li.Data == "li" {
				l.Items = append(l.Items, &model.ListItem{Pos: h.pos, Blocks: h.blocks(li)})
			} else if t := strings.TrimSpace(textOf(li)); t != "" {
				l.Items = append(l.Items, &model.ListItem{Pos: h.pos, Blocks: []model.Block{&model.Paragraph{Pos: h.pos, Inlines: []model.Inline{&model.Text{Text: t}}}}})
			}
		}
		if len(l.Items) == 0 {
			return nil
		}
		return []model.Block{l}
	case "figure":
		return h.figure(n)
	case "table":
		return h.table(n)
	}
	if dangerous[n.Data] {
		h.c.tally(h.c.line(h.at), "HTML <"+n.Data+"> dropped", "")
	}
	return nil
}

// figure converts <figure><img><figcaption>…</figcaption></figure>.
func (h *htmlConv) figure(n *html.Node) []model.Block {
	var caption []model.Inline
	var out []model.Block
	var imgs []*html.Node
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		for ch := x.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type != html.ElementNode {
				continue
			}
			switch ch.Data {
			case "img":
				imgs = append(imgs, ch)
			case "figcaption":
				caption = trimSpace(mergeText(h.inlines(ch)))
			default:
				if !dangerous[ch.Data] {
					walk(ch)
				}
			}
		}
	}
	walk(n)
	for _, img := range imgs {
		in := h.c.htmlImage(h.at, h.noLiquid(attr(img, "src")), attr(img, "alt"))
		if f, ok := in.(*figureInline); ok {
			if len(imgs) == 1 {
				f.fig.Caption = caption
				caption = nil
			}
			out = append(out, f.fig)
		} else if t, ok := in.(*model.Text); ok && strings.TrimSpace(t.Text) != "" {
			t.Text = strings.TrimSpace(t.Text)
			out = append(out, &model.Paragraph{Pos: h.pos, Inlines: []model.Inline{&model.Emph{Inlines: []model.Inline{t}}}})
		}
	}
	if len(caption) > 0 {
		out = append(out, &model.Paragraph{Pos: h.pos, Inlines: caption})
	}
	return out
}

func (h *htmlConv) table(n *html.Node) []model.Block {
	t := &model.Table{Pos: h.pos}
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		for ch := x.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type != html.ElementNode {
				continue
			}
			switch ch.Data {
			case "thead", "tbody", "tfoot":
				walk(ch)
			case "caption":
				t.Caption = trimSpace(mergeText(h.inlines(ch)))
			case "tr":
				var row []model.Cell
				header := false
				for td := ch.FirstChild; td != nil; td = td.NextSibling {
					if td.Type == html.ElementNode && (td.Data == "td" || td.Data == "th") {
						header = header || td.Data == "th"
						row = append(row, model.Cell{Inlines: trimSpace(mergeText(h.inlines(td)))})
					}
				}
				if header && t.Header == nil && len(t.Rows) == 0 {
					t.Header = row
				} else {
					t.Rows = append(t.Rows, row)
				}
			}
		}
	}
	walk(n)
	cols := len(t.Header)
	for _, r := range t.Rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return nil
	}
	pad := func(r []model.Cell) []model.Cell {
		for len(r) < cols {
			r = append(r, model.Cell{})
		}
		return r
	}
	if t.Header != nil {
		t.Header = pad(t.Header)
	}
	for i := range t.Rows {
		t.Rows[i] = pad(t.Rows[i])
	}
	t.Align = make([]model.Align, cols)
	return h.c.tableFigures(t)
}

func (h *htmlConv) inlines(n *html.Node) []model.Inline {
	if src, mode := h.markdownInside(n); mode != "" {
		if mode == "span" {
			return h.c.inlineMarkdown(src, h.pos.Line)
		}
		sub := h.c.sub(src, h.pos.Line)
		return blocksAsInlines(sub.blocks(h.c.parse(h.c.post.cv.md, sub.src)))
	}
	var out []model.Inline
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		out = append(out, h.inline(ch)...)
	}
	return out
}

func (h *htmlConv) inline(n *html.Node) []model.Inline {
	switch n.Type {
	case html.TextNode:
		if ins, ok := h.citesIn(n.Data); ok {
			return ins
		}
		if strings.Contains(n.Data, "{%") {
			return h.liquidText(n.Data)
		}
		return h.text(n.Data)
	case html.ElementNode:
	default:
		return nil
	}
	return h.elementInline(n)
}

// liquidText converts HTML text that holds Liquid tags. Jekyll renders
// Liquid before Markdown and HTML, so an include inside a table cell or
// a <div> places its figure there as anywhere else.
func (h *htmlConv) liquidText(s string) []model.Inline {
	var out []model.Inline
	for {
		i := strings.Index(s, "{%")
		if i < 0 {
			break
		}
		name, _, n := scan.LiquidTag([]byte(s[i:]))
		if n == 0 {
			out = append(out, h.text(s[:i+2])...)
			s = s[i+2:]
			continue
		}
		out = append(out, h.text(s[:i])...)
		tag := s[i : i+n]
		s = s[i+n:]
		if name == "raw" || name == "comment" {
			body := s
			if j, end := scan.LiquidEnd([]byte(s), name); j >= 0 {
				body, s = s[:j], s[end:]
			} else {
				s = ""
			}
			if name == "raw" {
				out = append(out, &model.Text{Text: body})
			}
			continue
		}
		if scan.PluginBlockName(name) {
			if _, end := scan.LiquidEnd([]byte(s), name); end >= 0 {
				tag, s = tag+s[:end], s[end:]
				out = append(out, blocksAsInlines(h.c.pluginBlock(h.pos.Line, tag))...)
				continue
			}
		}
		out = append(out, blocksAsInlines(h.c.liquidTag(h.pos.Line, tag))...)
	}
	return append(out, h.text(s)...)
}

// text converts HTML text: white space collapsed, quotes made typographic.
func (h *htmlConv) text(data string) []model.Inline {
	s := typo.SmartenRaw(collapseSpace(h.noLiquid(data))) // HTML collapses ASCII white space only
	if s == "" {
		if data != "" {
			return []model.Inline{&model.Text{Text: " "}}
		}
		return nil
	}
	if isSpace(data[0]) {
		s = " " + s
	}
	if isSpace(data[len(data)-1]) {
		s += " "
	}
	return []model.Inline{&model.Text{Text: s}}
}

func (h *htmlConv) elementInline(n *html.Node) []model.Inline {
	if dangerous[n.Data] {
		h.c.tally(h.c.line(h.at), "HTML <"+n.Data+"> dropped", "")
		return nil
	}
	if isBlockTag(n.Data) {
		// A block inside inline content: keep its text.
		return append(typo.InLang(h.htmlLang(n), h.inlines(n)), &model.Text{Text: " "})
	}
	return typo.InLang(h.htmlLang(n), h.element(n))
}

// element converts an inline element.
func (h *htmlConv) element(n *html.Node) []model.Inline {
	ins := mergeText(h.inlines(n))
	switch canonical(n.Data) {
	case "em":
		return []model.Inline{&model.Emph{Inlines: ins}}
	case "strong":
		return []model.Inline{&model.Strong{Inlines: ins}}
	case "s":
		return []model.Inline{&model.Strike{Inlines: ins}}
	case "sup":
		return []model.Inline{&model.Sup{Inlines: ins}}
	case "sub":
		return []model.Inline{&model.Sub{Inlines: ins}}
	case "code":
		return []model.Inline{&model.Code{Text: textOf(n)}}
	case "br":
		return []model.Inline{&model.LineBreak{}}
	case "img":
		return []model.Inline{h.c.htmlImage(h.at, h.noLiquid(attr(n, "src")), attr(n, "alt"))}
	case "a":
		href := scan.SiteLink(h.c.post.site, h.noLiquid(attr(n, "href")))
		if u, ok := scan.SafeURL(href); ok {
			return []model.Inline{&model.Link{URL: u, Inlines: ins}}
		}
		h.c.checkLink(h.c.line(h.at), href)
		return ins
	}
	if n.Data == "small" || captionClass(attr(n, "class")) {
		h.c.markSmall(ins)
	}
	if !ignoredTags[n.Data] {
		h.c.tally(h.c.line(h.at), "HTML tag <"+n.Data+"> dropped; its text is kept", "")
	}
	return ins
}

// markdownInside returns the source of n's content and its parsing mode
// when n asks, with kramdown's markdown="1", "block" or "span", for its
// content to be read as Markdown; the content is dedented, as an HTML
// element's content is often indented and Markdown would take it for
// code.
func (h *htmlConv) markdownInside(n *html.Node) (string, string) {
	mode := strings.ToLower(attr(n, "markdown"))
	if mode == "" && h.c.post.engine.ParseBlockHTML && n.Parent != nil {
		mode = htmlContentModel(n.Data)
	}
	switch mode {
	case "1", "block":
		mode = "block"
	case "span":
	default:
		return "", ""
	}
	if h.c.depth > 20 || n.FirstChild == nil {
		return "", ""
	}
	var b strings.Builder
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if err := html.Render(&b, ch); err != nil {
			return "", ""
		}
	}
	return dedent(b.String()), mode
}

// htmlContentModel is how kramdown's parse_block_html reads an element's
// content (kramdown's HTML_CONTENT_MODEL tables): as blocks, as a span
// (a paragraph's or a heading's content), or raw (code, scripts: "").
func htmlContentModel(tag string) string {
	switch tag {
	case "pre", "code", "script", "style", "textarea", "math", "svg", "kbd", "samp", "var", "option":
		return ""
	case "p", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "th", "caption", "legend", "label",
		"a", "abbr", "b", "big", "cite", "del", "dfn", "em", "i", "ins", "q", "small", "span", "strong", "sub", "sup", "tt":
		return "span"
	}
	return "block"
}

// dedent removes the indentation all non-blank lines of s share.
func dedent(s string) string {
	lines := strings.Split(s, "\n")
	common := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " \t"))
		if common < 0 || n < common {
			common = n
		}
	}
	if common <= 0 {
		return s
	}
	for i, l := range lines {
		if len(l) >= common {
			lines[i] = l[common:]
		} else {
			lines[i] = strings.TrimLeft(l, " \t")
		}
	}
	return strings.Join(lines, "\n")
}

// noLiquid removes Liquid output and tags from HTML text and attributes,
// with a warning (see destination: the site's address and quoted paths
// need none).
func (h *htmlConv) noLiquid(s string) string {
	if !strings.Contains(s, "{{") && !strings.Contains(s, "{%") {
		return s
	}
	return liquidInDest().ReplaceAllStringFunc(s, func(m string) string {
		if lit, ok := liquidLiteral(m); ok {
			return lit
		}
		if siteRootVar().MatchString(m) {
			return ""
		}
		if out, ok := h.c.renderLiquid(m); ok {
			return out
		}
		h.c.tally(h.c.line(h.at), "Liquid output dropped", clip(m, 40))
		return ""
	})
}

func isSpace(b byte) bool { return b == ' ' || b == '\n' || b == '\t' || b == '\r' }

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

// textOf returns all text below n, except in dangerous elements.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		if x.Type == html.TextNode {
			b.WriteString(x.Data)
		}
		if x.Type == html.ElementNode && dangerous[x.Data] {
			return
		}
		for ch := x.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(n)
	return b.String()
}

// htmlImage resolves an <img>.
func (c *conv) htmlImage(at gast.Node, src, alt string) model.Inline {
	return c.resolveImage(c.line(at), src, alt)
}
