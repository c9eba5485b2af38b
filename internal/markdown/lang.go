package markdown

import (
	"strings"

	gast "github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"

	"github.com/redtide/edition/internal/lang"
)

// A post's raw HTML may say in which language a passage is written
// (<span lang="ru">, <p lang="de">, <i lang="la">): the passage becomes
// a model.Lang, which the EPUB marks and the print edition hyphenates in
// that language. A lang that names the post's own language (or another
// variety of it) changes nothing and is dropped.

// isLanguageTag reports whether l has the syntax of a BCP 47 tag (RFC
// 5646 §2.1, loosely): a primary subtag of two to eight ASCII letters,
// then subtags of one to eight letters or digits, each after a hyphen or
// an underscore. It answers as ^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*$
// (TestIsLanguageTag), which cost more to compile than to run.
func isLanguageTag(l string) bool {
	n, first := 0, true // the length of the subtag being read; whether it is the first
	for i := 0; i < len(l); i++ {
		switch c := l[i]; {
		case c == '-' || c == '_':
			if first && n < 2 || n < 1 {
				return false
			}
			n, first = 0, false
		case 'a' <= c|0x20 && c|0x20 <= 'z' || !first && '0' <= c && c <= '9':
			if n++; n > 8 {
				return false
			}
		default:
			return false
		}
	}
	return n >= 2 || !first && n >= 1
}

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
	if !isLanguageTag(l) {
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
