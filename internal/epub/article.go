package epub

import (
	"fmt"

	"github.com/redtide/edition/internal/lang"
	"github.com/redtide/edition/internal/model"
)

// articleDocument makes the content document of one article.
func (p *publication) articleDocument(a *model.Article, ms *marks) *document {
	p.ed.Text(a)
	tag := model.ArticleLang(p.ed, a)
	w := &xw{doc: a.ID + ".xhtml", words: lang.For(tag).Words, marks: ms.article(a), art: a}
	w.printf(`<section id="%s" epub:type="chapter" role="doc-chapter" aria-labelledby="%s-title">`+"\n", a.ID, a.ID)
	w.leave(w.enter(a))
	w.header(a, tag)
	w.blocks(a.Blocks, 1)
	if b := a.Bibliography; b != nil && !model.BibliographyPlaced(a) {
		w.bibliography(a, b)
	}
	if len(a.Notes) > 0 {
		w.notes(a)
	}
	w.flushArticle()
	if p.lastArticle(a) {
		w.writeMarks(ms.back)
	}
	w.WriteString("</section>\n")
	return &document{name: w.doc, title: a.Title, lang: tag, body: w.String(), mathml: w.mathml}
}

func (p *publication) lastArticle(a *model.Article) bool {
	s := p.ed.Sections[len(p.ed.Sections)-1]
	return s.Articles[len(s.Articles)-1] == a
}

// header writes the article's title, subtitle, byline and date.
func (w *xw) header(a *model.Article, tag string) {
	w.WriteString("<header>\n")
	w.printf(`<h1 id="%s-title">%s</h1>`+"\n", a.ID, esc(a.Title))
	if a.Subtitle != "" {
		w.printf(`<p class="subtitle" role="doc-subtitle">%s</p>`+"\n", esc(a.Subtitle))
	}
	if len(a.Authors) > 0 {
		w.printf(`<p class="byline">%s</p>`+"\n", esc(model.Byline(a.Authors, tag)))
	}
	if !a.Date.IsZero() {
		w.printf(`<p class="dateline"><time datetime="%s">%s</time></p>`+"\n", a.Date.Format("2006-01-02"), esc(model.LongDate(a.Date, tag)))
	}
	w.WriteString("</header>\n")
}

// bibliography writes an article's reference list as one list, or one
// list per group under the group's heading; numbers run on across
// groups.
func (w *xw) bibliography(a *model.Article, b *model.Bibliography) {
	saved := w.enter(b)
	w.printf(`<section class="bibliography" epub:type="bibliography" role="doc-bibliography" aria-labelledby="%s-bib">`+"\n", a.ID)
	w.printf(`<h2 id="%s-bib">`, a.ID)
	w.text(b.Title)
	w.WriteString("</h2>\n")
	w.leave(saved)
	tag := "ul"
	if b.Ordered {
		tag = "ol"
	}
	open := false
	for _, e := range b.Entries {
		var saved counter
		if e.Group != nil {
			saved = w.enter(e) // before the group's heading
			if open {
				w.WriteString("</" + tag + ">\n")
				open = false
			}
			w.WriteString("<h3>")
			w.inlines(e.Group)
			w.WriteString("</h3>\n")
			w.ctr.words, w.ctr.in = 0, false // the entry's words count from its own
		}
		if !open {
			if b.Ordered && e.Number > 1 {
				w.printf(`<ol start="%d">`+"\n", e.Number)
			} else {
				w.WriteString("<" + tag + ">\n")
			}
			open = true
		}
		if b.Cited {
			// epub:type marks the entry; ARIA's doc-biblioentry is
			// deprecated in DPUB-ARIA 1.1 (a list item is the entry), and
			// Ace (axe-core's aria-deprecated-role) reports it.
			w.printf(`<li id="%s" epub:type="biblioentry">`, e.ID)
		} else {
			w.printf(`<li id="%s">`, e.ID)
		}
		if e.Group == nil {
			saved = w.enter(e) // inside the item: a list holds nothing else
		}
		w.inlines(e.Inlines)
		w.leave(saved)
		w.WriteString("</li>\n")
	}
	if open {
		w.WriteString("</" + tag + ">\n")
	}
	w.WriteString("</section>\n")
}

// notes writes an article's notes as a list of footnotes (EPUB 3
// Structural Semantics "footnotes" and "footnote", DPUB-ARIA
// doc-endnotes and doc-footnote, as pandoc marks them). The target of a
// note reference is the aside holding the note's text alone: a reading
// system that pops the note up shows no number and no way back; the
// number, which links back to the first reference, and the links back
// to further references stand beside it.
func (w *xw) notes(a *model.Article) {
	w.printf(`<section class="footnotes" epub:type="footnotes" role="doc-endnotes" aria-labelledby="%s-notes">`+"\n", a.ID)
	w.printf(`<h2 id="%s-notes">%s</h2>`+"\n", a.ID, esc(w.words.Notes))
	w.WriteString(`<ol class="notes">` + "\n")
	refs := noteRefs(a)
	for _, n := range a.Notes {
		w.note(n, refs[n])
	}
	w.WriteString("</ol>\n</section>\n")
}

// note writes one note with its links back to each reference.
func (w *xw) note(n *model.Note, refs []*model.NoteRef) {
	w.WriteString("<li>")
	saved := w.enter(n)
	num := noteNumber(n) + "."
	if len(refs) == 0 {
		w.printf(`<span class="noteno">%s</span>`, esc(num))
	} else {
		w.printf(`<a class="noteno" href="#%s" role="doc-backlink" title="%s">%s</a>`, refs[0].RefID(), esc(w.words.BackToText), esc(num))
	}
	w.leave(saved)
	w.printf(`<aside id="%s" class="footnote" epub:type="footnote" role="doc-footnote">`+"\n", n.ID)
	w.blocks(n.Blocks, 2)
	w.WriteString("</aside>")
	if len(refs) > 1 {
		w.WriteString(`<p class="backlinks">`)
		for i, r := range refs[1:] {
			if i > 0 {
				w.WriteString(" ")
			}
			title := fmt.Sprintf(w.words.BackToReference, r.Occurrence)
			w.printf(`<a class="backlink" href="#%s" role="doc-backlink" title="%s">↩%d</a>`, r.RefID(), esc(title), r.Occurrence)
		}
		w.WriteString("</p>")
	}
	w.WriteString("</li>\n")
}

// noteRefs lists the references to each note of a in reading order.
func noteRefs(a *model.Article) map[*model.Note][]*model.NoteRef {
	out := map[*model.Note][]*model.NoteRef{}
	model.WalkArticle(a, func(in model.Inline) {
		if r, ok := in.(*model.NoteRef); ok {
			out[r.Note] = append(out[r.Note], r)
		}
	})
	return out
}
