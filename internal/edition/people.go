package edition

import (
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/lang"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/post"
	"github.com/redtide/edition/internal/site"
)

// people are a post's authors and translators as names: its front matter,
// else the site's defaults for it; each handle looked up in the
// manifest's authors:, then the site's _data/authors.yml.
func people(m *manifest.Manifest, st *site.Site, rel string, p *post.Post) (authors, translators []string) {
	lookup := func(h string) (string, bool) {
		if n, ok := m.Authors[h]; ok {
			return n, true
		}
		return st.Author(h)
	}
	entries, trans := p.Authors, p.Translators
	if len(entries) == 0 || len(trans) == 0 {
		def := st.Defaults(rel)
		if len(entries) == 0 {
			entries = append(post.EntriesOf(def["author"]), post.EntriesOf(def["authors"])...)
		}
		if len(trans) == 0 {
			trans = append(post.EntriesOf(def["translator"]), post.EntriesOf(def["translators"])...)
		}
	}
	return post.People(entries, lookup), post.People(trans, lookup)
}

// articleLanguage is the article's language: on a Hugo site its file
// name's language suffix, else its language's contentDir; then its front
// matter's lang, else the site's defaults for its folder, else the site's
// lang (a Hugo site's default content language); tag ""
// leaves the edition's. assumed is the language the post is set in (tag,
// else the manifest's) and from says where it came from, for messages.
func articleLanguage(m *manifest.Manifest, st *site.Site, rel string, p *post.Post) (tag, assumed, from string) {
	tag, from = st.PageLanguage(rel) // Hugo: a file name's suffix, a language's contentDir
	if tag == "" {
		tag, from = p.Language, "its front matter"
	}
	if tag == "" {
		tag, from = st.Language(rel)
	}
	assumed = tag
	if assumed == "" {
		assumed, from = m.Language, "the manifest"
	}
	return tag, assumed, from
}

// checkLanguage warns about a post whose opening paragraphs read clearly
// as a language other than the one assumed.
func checkLanguage(p *post.Post, assumed, from string, blocks []model.Block, log *diag.Log) {
	if g := lang.Guess(opening(blocks, 300)...); g != nil && lang.Base(g.Tag) != lang.Base(assumed) {
		log.Warnf(p.Path, 1, "the text reads as %s, but its language is %q (from %s); set lang: %s in its front matter if it is %s",
			g.Name, assumed, from, g.Tag, g.Name)
	}
}

// opening is the plain text of a post's first paragraphs, up to about
// words words: enough for a stop-word test.
func opening(blocks []model.Block, words int) []string {
	var texts []string
	n := 0
	for _, bl := range blocks {
		par, ok := bl.(*model.Paragraph)
		if !ok {
			continue
		}
		t := model.PlainText(par.Inlines)
		texts = append(texts, t)
		if n += lang.CountFields(t, len(t)); n >= words {
			break
		}
	}
	return texts
}

// fileAs maps every person of the edition (authors, translators,
// editors) to their name as libraries sort it.
func fileAs(ed *model.Edition) map[string]string {
	out := map[string]string{}
	add := func(names []string) {
		for _, n := range names {
			if _, ok := out[n]; !ok {
				out[n] = post.FileAs(n)
			}
		}
	}
	add(ed.Editors)
	for _, s := range ed.Sections {
		for _, a := range s.Articles {
			add(a.Authors)
			add(a.Translators)
		}
	}
	return out
}
