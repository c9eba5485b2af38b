package markdown

import (
	"net/url"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"

	"github.com/redtide/edition/internal/lazy"
	"github.com/redtide/edition/internal/markdown/scan"
	"github.com/redtide/edition/internal/model"
)

// Hugo is what a Hugo site gives the conversion of its posts; Input.Hugo
// is nil for other sites.
type Hugo struct {
	// Unsafe is the site's markup.goldmark.renderer.unsafe. Hugo's
	// default (false) omits raw HTML from Markdown; an edition keeps its
	// text all the same (nothing of a post is lost) and says, once per
	// post, that the site does not show it.
	Unsafe bool
	// Param finds the value {{< param "key" >}} prints: the page's
	// parameter, else the site's. nil finds nothing.
	Param func(key string) (string, bool)
	// Ref names the post a {{< ref >}} or {{< relref >}} points to when it
	// is in the edition (its title); nil finds nothing.
	Ref func(target string) (title string, ok bool)
	// Shortcode renders a shortcode through the site's (or its theme's)
	// own layouts/shortcodes/NAME.html template, giving HTML; the error
	// says why it could not (no such template, one that uses more than
	// edition evaluates), and the shortcode is then read by its text.
	Shortcode func(sc Shortcode) (html string, err error)
}

// Shortcode is one use of a shortcode, as a template sees it.
type Shortcode struct {
	Name       string
	Named      map[string]string // named arguments, keys as written
	Positional []string
	Inner      string // the text between the opening and closing tags
	Paired     bool   // it has a closing tag (.Inner is defined)
	Line       int
}

// hugoState is a post's Hugo settings and the shortcodes already warned
// about, shared by the post's sub-conversions.
type hugoState struct {
	opts   *Hugo
	warned map[string]bool
	raw    bool // the raw HTML warning was given
}

// warnOnce warns about key once per post.
func (c *conv) warnOnce(key string, line int, format string, args ...any) {
	st := c.post.hugo
	if st == nil {
		c.warnAt(line, format, args...)
		return
	}
	if st.warned[key] {
		return
	}
	st.warned[key] = true
	c.warnAt(line, format, args...)
}

// rawHTML notes raw HTML met in a Hugo post whose site omits it
// (unsafe = false): kept, with one warning per post.
func (c *conv) rawHTML(line int) {
	st := c.post.hugo
	if st == nil || st.opts.Unsafe || st.raw || c.trusted {
		return
	}
	st.raw = true
	c.warnAt(line, "raw HTML kept, although this Hugo site omits it (markup.goldmark.renderer.unsafe is false, Hugo's default): its text is part of the post")
}

// builtinShortcode converts Hugo's own shortcodes other than figure and
// highlight: video embeds become their title and link, gist and
// tweet/x/instagram a link, param the value it prints, ref and relref
// their target. ok is false for any other name.
func (c *conv) builtinShortcode(line int, name string, named map[string]string, pos []string) (bs []model.Block, ok bool) {
	p := scan.LowerKeys(named)
	arg := func(key string, i int) string {
		if v := strings.TrimSpace(p[key]); v != "" {
			return v
		}
		if i < len(pos) {
			return strings.TrimSpace(pos[i])
		}
		return ""
	}
	para := func(ins ...model.Inline) []model.Block {
		return []model.Block{&model.Paragraph{Pos: model.Pos{Line: line}, Inlines: ins}}
	}
	switch name {
	case "youtube", "vimeo":
		id := arg("id", 0)
		u := "https://www.youtube.com/watch?v=" + url.QueryEscape(id)
		if name == "vimeo" {
			u = "https://vimeo.com/" + url.PathEscape(id)
		}
		return c.embed(line, u, arg("title", 99), name), true
	case "gist":
		u := "https://gist.github.com/" + url.PathEscape(arg("user", 0)) + "/" + url.PathEscape(arg("id", 1))
		if f := arg("file", 2); f != "" {
			u += "#file-" + url.PathEscape(f)
		}
		return para(&model.Link{URL: u, Inlines: []model.Inline{&model.Text{Text: u}}}), true
	case "tweet", "x", "twitter":
		user, id := arg("user", 0), arg("id", 1)
		if id == "" && len(pos) == 1 { // the older form: {{< tweet 1234 >}}
			user, id = "i", pos[0]
		}
		u := "https://x.com/" + url.PathEscape(user) + "/status/" + url.PathEscape(id)
		return para(&model.Link{URL: u, Inlines: []model.Inline{&model.Text{Text: u}}}), true
	case "instagram":
		u := "https://www.instagram.com/p/" + url.PathEscape(arg("id", 0)) + "/"
		return para(&model.Link{URL: u, Inlines: []model.Inline{&model.Text{Text: u}}}), true
	case "param":
		return para(c.param(line, arg("name", 0))...), true
	case "ref", "relref":
		return para(c.ref(line, name, arg("path", 0))...), true
	}
	return nil, false
}

// embed is a video: its title (if any) in italics, then its address.
func (c *conv) embed(line int, u, title, name string) []model.Block {
	ins := []model.Inline{}
	if title != "" {
		ins = append(ins, &model.Emph{Inlines: c.inlineMarkdown(title, line)}, &model.Text{Text: ": "})
	}
	ins = append(ins, &model.Link{URL: u, Inlines: []model.Inline{&model.Text{Text: u}}})
	c.warnOnce("embed "+name, line, "Hugo shortcode {{< %s >}}: the video is given by its link", name)
	return []model.Block{&model.Paragraph{Pos: model.Pos{Line: line}, Inlines: ins}}
}

// param is the value {{< param key >}} prints.
func (c *conv) param(line int, key string) []model.Inline {
	if c.post.hugo != nil && c.post.hugo.opts.Param != nil {
		if v, ok := c.post.hugo.opts.Param(key); ok {
			return c.inlineMarkdown(v, line)
		}
	}
	c.warnAt(line, "{{< param %q >}}: neither the page nor the site sets it; printed as its name", key)
	return []model.Inline{&model.Text{Text: key}}
}

// ref is a cross-reference: the title of the post it points to when that
// post is in the edition, else its target as text, with a warning.
func (c *conv) ref(line int, name, target string) []model.Inline {
	if c.post.hugo != nil && c.post.hugo.opts.Ref != nil {
		if title, ok := c.post.hugo.opts.Ref(target); ok {
			return []model.Inline{&model.Emph{Inlines: []model.Inline{&model.Text{Text: title}}}}
		}
	}
	c.warnAt(line, "{{< %s %q >}}: the page is not in this edition; its path is printed", name, target)
	return []model.Inline{&model.Text{Text: target}}
}

// refIn resolves a ref or relref shortcode written as a link's
// destination: [text]({{< ref "x.md" >}}); the link's text stands alone.
// ok is false when dest is not one.
func (c *conv) refIn(line int, dest string) (ok bool) {
	m := refDest().FindStringSubmatch(strings.TrimSpace(dest))
	if m == nil {
		return false
	}
	_, pos := scan.ShortcodeArgs(m[2])
	target := ""
	if len(pos) > 0 {
		target = pos[0]
	}
	if c.post.hugo != nil && c.post.hugo.opts.Ref != nil {
		if _, found := c.post.hugo.opts.Ref(target); found {
			return true // the page is in the edition: the text says what it is
		}
	}
	c.warnAt(line, "{{< %s %q >}}: the page is not in this edition; the link's text is kept", m[1], target)
	return true
}

var refDest = lazy.Regexp(`^\{\{[<%]\s*(ref|relref)\s+(.*?)\s*[>%]\}\}$`)

// textArgs are the named arguments whose values are text a reader
// reads, kept when a shortcode cannot be rendered; attribution ones
// (footer, author, cite…) follow its content.
var (
	textArgs        = []string{"title", "heading", "header", "summary", "label", "caption", "text", "content", "quote", "description", "alt"}
	attributionArgs = []string{"footer", "author", "by", "cite", "attribution", "source", "name"}
)

// shortcodeText is what is kept of a shortcode edition cannot render:
// its text arguments (and positional arguments that are phrases) before
// its content, its attribution after.
func shortcodeText(named map[string]string, pos []string) (before, after []string) {
	p := scan.LowerKeys(named)
	for _, k := range textArgs {
		if v := strings.TrimSpace(p[k]); v != "" {
			before = append(before, v)
		}
	}
	for _, v := range pos {
		if v = strings.TrimSpace(v); strings.ContainsAny(v, " \t") && !strings.Contains(v, "://") {
			before = append(before, v)
		}
	}
	for _, k := range attributionArgs {
		if v := strings.TrimSpace(p[k]); v != "" {
			after = append(after, v)
		}
	}
	return before, after
}

// quoteLike names a shortcode that quotes its content (quote,
// blockquote, pullquote, epigraph).
func quoteLike(name string) bool {
	n := strings.ToLower(name)
	return strings.Contains(n, "quote") || n == "epigraph" || n == "cite"
}

// newHugoMarkdown is the parser of Hugo posts: edition's, plus what
// Hugo's goldmark configuration turns on by default and edition's does
// not: definition lists, and attributes after headings ({#id .class}),
// which set the heading's HTML attributes and never print.
func newHugoMarkdown() goldmark.Markdown {
	return newMarkdown(true, true, goldmark.WithParserOptions(parser.WithHeadingAttribute()))
}

// gm is the parser of the post being converted: Hugo's goldmark for a
// Hugo post, kramdown's syntax when the site's engine is kramdown.
func (c *conv) gm() goldmark.Markdown {
	switch {
	case c.post.hugo != nil:
		return c.post.cv.hugo()
	case c.post.engine.Kramdown:
		return c.post.cv.kd
	}
	return c.post.cv.md
}
