package markdown

import (
	"strings"

	gast "github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"

	"github.com/redtide/edition/internal/lang"
	"github.com/redtide/edition/internal/lazy"
)

// A post's raw HTML may say in which language a passage is written
// (<span lang="ru">, <p lang="de">, <i lang="la">): the passage becomes
// a model.Lang, which the EPUB marks and the print edition hyphenates in
// that language. A lang that names the post's own language (or another
// variety of it) changes nothing and is dropped.

// languageTag is the syntax of a BCP 47 tag (RFC 5646 §2.1, loosely: a
// primary subtag and subtags of up to eight letters or digits).
var languageTag = lazy.Regexp(`^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*$`)

// langAttr returns the language an element's lang (or xml:lang)
// attribute gives its content: "" when it gives none, the post's own, or
// no language tag (with a warning).
func (c *conv) langAttr(at gast.Node, attrs map[string]string) string {
	l := strings.TrimSpace(attrs["lang"])
	if l == "" {
		l = strings.TrimSpace(attrs["xml:lang"])
	}
	if l == "" {
		return ""
	}
	if !languageTag().MatchString(l) {
		c.warn(at, "lang=%q is not a language tag; ignored", clip(l, 40))
		return ""
	}
	l = strings.ReplaceAll(l, "_", "-")
	if c.post.tag != "" && lang.Base(l) == lang.Base(c.post.tag) {
		return ""
	}
	return l
}

// htmlLang is langAttr for a parsed element.
func (h *htmlConv) htmlLang(n *html.Node) string {
	attrs := map[string]string{}
	for _, a := range n.Attr {
		attrs[strings.ToLower(a.Key)] = a.Val
	}
	return h.c.langAttr(h.at, attrs)
}
