package markdown

import (
	"regexp"
	"strings"

	gast "github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"

	"github.com/redtide/edition/internal/lang"
	"github.com/redtide/edition/internal/model"
)

// A post's raw HTML may say in which language a passage is written
// (<span lang="ru">, <p lang="de">, <i lang="la">): the passage becomes
// a model.Lang, which the EPUB marks and the print edition hyphenates in
// that language. A lang that names the post's own language (or another
// variety of it) changes nothing and is dropped.

// languageTag is the syntax of a BCP 47 tag (RFC 5646 §2.1, loosely: a
// primary subtag and subtags of up to eight letters or digits).
var languageTag = regexp.MustCompile(`^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*$`)

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
	if !languageTag.MatchString(l) {
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

// inLang wraps inlines in a passage of language tag ("" leaves them).
func inLang(tag string, ins []model.Inline) []model.Inline {
	if tag == "" || len(ins) == 0 {
		return ins
	}
	return []model.Inline{&model.Lang{Tag: tag, Inlines: ins}}
}

// blocksInLang puts the text of blocks in language tag: each run of
// inlines (paragraphs, headings, list items, quotes, captions, cells).
func blocksInLang(tag string, bs []model.Block) []model.Block {
	if tag == "" {
		return bs
	}
	wrap := func(ins *[]model.Inline) { *ins = inLang(tag, *ins) }
	model.WalkBlocks(bs, func(b model.Block) {
		switch t := b.(type) {
		case *model.Paragraph:
			wrap(&t.Inlines)
		case *model.Heading:
			wrap(&t.Inlines)
		case *model.Figure:
			wrap(&t.Caption)
		case *model.Table:
			wrap(&t.Caption)
			for i := range t.Header {
				wrap(&t.Header[i].Inlines)
			}
			for _, r := range t.Rows {
				for i := range r {
					wrap(&r[i].Inlines)
				}
			}
		}
	})
	return bs
}
