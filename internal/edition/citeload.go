package edition

import (
	"strings"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/post"
	"github.com/redtide/edition/internal/site"
)

// citePost is what readArticle knows of a post, for its citations.
type citePost struct {
	st      *site.Site
	read    func(rel string) ([]byte, error) // reads a file relative to the site's root
	rel     string                           // the post, relative to the site's root
	display string
	data    []byte
	p       *post.Post
	tag     string // the article's language
	log     *diag.Log
	style   named // the manifest's csl:, "" for none
}

// citeContextFor finds and loads what the post's citations need. It
// returns nil when the post has no database: its citations are then
// left as written (unresolvedCitations).
func citeContextFor(cp citePost, cache *citeCache) *citeContext {
	src := findSources(cp.st, cp.read, cp.rel, cp.display, cp.data, cp.p, cp.style)
	cx := &citeContext{path: cp.display, log: cp.log, tag: cmpOr(src.lang, cp.tag), opt: src.opt}
	cx.db = cache.database(cp, src)
	if cx.db == nil {
		return nil
	}
	if cx.proc = cache.processor(cp, src, cx); cx.proc == nil {
		return nil
	}
	return cx
}

// unresolvedCitations handles the citations of a post that has no
// database: an author-in-text @name stays as written (in a post that
// names no bibliography it is more often a handle than a key); the
// other citations, pandoc's bracketed ones and jekyll-scholar's tags,
// print their keys in bold with a question mark, as pandoc prints a key
// it cannot find, with one warning for the post.
func unresolvedCitations(a *model.Article, path, where string, log *diag.Log) {
	var first *model.Cite
	count := 0
	replace := func(in model.Inline) []model.Inline {
		c, ok := in.(*model.Cite)
		if !ok {
			return nil
		}
		liquid := strings.HasPrefix(c.Source, "{%")
		if !c.AuthorInText || liquid {
			if first == nil {
				first = c
			}
			count++
		}
		if c.AuthorInText && !liquid {
			return []model.Inline{&model.Text{Text: c.Source}}
		}
		if c.Nocite {
			return []model.Inline{}
		}
		var out []model.Inline
		for i, it := range c.Items {
			if i > 0 {
				out = append(out, &model.Text{Text: "; "})
			}
			out = append(out, &model.Strong{Inlines: []model.Inline{&model.Text{Text: it.Key + "?"}}})
		}
		return out
	}
	rewriteBlocks(a.Blocks, replace)
	for _, n := range a.Notes {
		rewriteBlocks(n.Blocks, replace)
	}
	dropHere(&a.Blocks)
	if first != nil {
		log.WarnCol(path, first.Line, first.Column, "%s by key but no bibliography database (looked for %s); left unresolved",
			plural(count, "citation", "citations"), where)
	}
}
