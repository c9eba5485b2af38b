package markdown

import (
	"bytes"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	gast "github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"

	"github.com/redtide/edition/internal/model"
)

// span is an open inline HTML element collecting its children.
type span struct {
	tag  string
	link string
	ins  []model.Inline
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
		if raw, ok := ch.(*gast.RawHTML); ok {
			c.rawInline(raw, &stack)
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
	out := mergeText(stack[0].ins)
	fixOpeningQuotes(out)
	c.checkRefs(n, out)
	return out
}

// fixOpeningQuotes turns ’ into ‘ where it opens a quotation: goldmark's
// Typographer takes 'their' after a space for an apostrophe. A ’ opens a
// quotation when it stands at the start of the content or after a space
// or opening punctuation, before a letter, and a later ’ in the same text
// closes it; a lone leading ’ stays an apostrophe (’tis, ’90s).
func fixOpeningQuotes(ins []model.Inline) {
	const q = "’"
	for i, in := range ins {
		t, ok := in.(*model.Text)
		if !ok || !strings.Contains(t.Text, q) {
			continue
		}
		s := t.Text
		var b strings.Builder
		last := 0
		for at := 0; ; {
			k := strings.Index(s[at:], q)
			if k < 0 {
				break
			}
			k += at
			at = k + len(q)
			if !opensQuote(s, k, i > 0) || !strings.Contains(s[at:], q) {
				continue
			}
			b.WriteString(s[last:k])
			b.WriteString("‘")
			last = at
		}
		if last > 0 {
			b.WriteString(s[last:])
			t.Text = b.String()
		}
	}
}

// opensQuote reports whether the ’ at byte k of s is placed as an
// opening quote: before a letter, and at the start of s (unless s is
// glued to an element before it) or after a space or opening punctuation.
func opensQuote(s string, k int, glued bool) bool {
	next, _ := utf8.DecodeRuneInString(s[k+len("’"):])
	if !unicode.IsLetter(next) {
		return false
	}
	if k == 0 {
		return !glued
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:k])
	return unicode.IsSpace(prev) || strings.ContainsRune("([“—–/", prev)
}

// checkRefs warns about footnote references that have no definition:
// goldmark leaves them as literal text, which is kept.
func (c *conv) checkRefs(n gast.Node, ins []model.Inline) {
	if c.log == nil {
		return
	}
	for _, in := range ins {
		t, ok := in.(*model.Text)
		if !ok || !strings.Contains(t.Text, "[^") {
			continue
		}
		for _, m := range unknownRef.FindAllStringSubmatch(t.Text, -1) {
			c.warn(n, "unknown footnote %q: no definition [^%s]: in this post", m[1], m[1])
		}
	}
}

func (c *conv) inline(n gast.Node) []model.Inline {
	switch n := n.(type) {
	case *gast.Text:
		// As goldmark's own renderer does: backslash escapes and entity
		// references are resolved when text is written out.
		s := string(unescape(n.Segment.Value(c.src)))
		out := []model.Inline{&model.Text{Text: s}}
		if n.HardLineBreak() {
			out = append(out, &model.LineBreak{})
		} else if n.SoftLineBreak() {
			out = append(out, &model.Text{Text: " "})
		}
		return out
	case *gast.String:
		return []model.Inline{&model.Text{Text: string(n.Value)}}
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
		return []model.Inline{&model.Code{Text: b.String()}}
	case *gast.Emphasis:
		ins := c.inlines(n)
		if n.Level >= 2 {
			return []model.Inline{&model.Strong{Inlines: ins}}
		}
		return []model.Inline{&model.Emph{Inlines: ins}}
	case *east.Strikethrough:
		return []model.Inline{&model.Strike{Inlines: c.inlines(n)}}
	case *gast.Link:
		return c.link(n, string(n.Destination), c.inlines(n))
	case *gast.AutoLink:
		u := string(n.URL(c.src))
		label := string(n.Label(c.src))
		if n.AutoLinkType == gast.AutoLinkEmail && !strings.HasPrefix(u, "mailto:") {
			u = "mailto:" + u
		}
		return c.link(n, u, []model.Inline{&model.Text{Text: label}})
	case *gast.Image:
		return []model.Inline{c.image(n)}
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
	}
	if n.Type() == gast.TypeInline {
		c.warn(n, "unsupported inline element %s; its text is kept", n.Kind())
		return c.inlines(n)
	}
	return nil
}

// link keeps external links; links into the site the post came from
// (relative or site-absolute paths) mean nothing in an edition and keep
// only their text.
func (c *conv) link(n gast.Node, dest string, ins []model.Inline) []model.Inline {
	if u, ok := safeURL(dest); ok {
		return []model.Inline{&model.Link{URL: u, Inlines: ins}}
	}
	if dest != "" && !strings.HasPrefix(dest, "#") && c.log != nil {
		c.warn(n, "link to %q is not an absolute URL; kept as text", dest)
	}
	return ins
}

// safeURL accepts http, https and mailto URLs and returns them
// normalised; anything else (javascript:, data:, relative) is refused.
func safeURL(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "//") {
		s = "https:" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return "", false
		}
	case "mailto":
		if u.Opaque == "" {
			return "", false
		}
	default:
		return "", false
	}
	return u.String(), true
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
	name, attrs, closing, selfClosing := parseTag(tag)
	top := (*stack)[len(*stack)-1]
	switch {
	case name == "br":
		top.ins = append(top.ins, &model.LineBreak{})
	case name == "img":
		if src := attrs["src"]; src != "" {
			top.ins = append(top.ins, c.htmlImage(raw, src, attrs["alt"]))
		}
	case inlineTags[name] && !closing && !selfClosing:
		sp := &span{tag: canonical(name)}
		if name == "a" {
			sp.link = attrs["href"]
		}
		*stack = append(*stack, sp)
	case inlineTags[name] && closing:
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
		c.warn(raw, "HTML <%s> dropped", name)
	default:
		if !closing {
			c.warn(raw, "HTML tag <%s> dropped; its text is kept", name)
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
		el = &model.Code{Text: model.PlainText(ins)}
	case "a":
		if u, ok := safeURL(top.link); ok {
			el = &model.Link{URL: u, Inlines: ins}
		}
	}
	if el == nil {
		parent.ins = append(parent.ins, ins...)
		return
	}
	parent.ins = append(parent.ins, el)
}

// mergeText joins adjacent text runs.
func mergeText(ins []model.Inline) []model.Inline {
	out := ins[:0]
	for _, in := range ins {
		if t, ok := in.(*model.Text); ok && len(out) > 0 {
			if prev, ok := out[len(out)-1].(*model.Text); ok {
				prev.Text += t.Text
				continue
			}
		}
		if t, ok := in.(*model.Text); ok && t.Text == "" {
			continue
		}
		out = append(out, in)
	}
	return out
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
