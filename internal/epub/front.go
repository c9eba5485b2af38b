package epub

import (
	"fmt"

	"github.com/redtide/edition/internal/model"
)

// coverDocument shows the cover image as large as the screen allows, its
// proportions kept: an SVG the size of the page holding the image
// (preserveAspectRatio), which every reading system scales, unlike an
// <img> that some show at a fraction of the page.
func (p *publication) coverDocument() *document {
	w := &xw{doc: coverDoc, words: p.words}
	alt := fmt.Sprintf(p.words.CoverOf, Title(p.ed))
	src := "../" + imageDir + p.cover.Name
	w.printf(`<section class="cover" epub:type="cover" aria-label="%s">`+"\n", esc(p.words.Cover))
	img := p.cover
	svg := img.Width > 0 && img.Height > 0
	if svg {
		w.printf(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="100%%" height="100%%" viewBox="0 0 %d %d" preserveAspectRatio="xMidYMid meet" role="img" aria-label="%s">`+"\n",
			img.Width, img.Height, esc(alt))
		w.printf("<title>%s</title>\n", esc(alt))
		w.printf(`<image width="%d" height="%d" xlink:href="%s"/>`+"\n", img.Width, img.Height, esc(src))
		w.WriteString("</svg>\n")
	} else {
		w.printf(`<img src="%s" alt="%s"/>`+"\n", esc(src), esc(alt))
	}
	w.WriteString("</section>\n")
	return &document{name: coverDoc, title: p.words.Cover, lang: p.ed.Language, body: w.String(), svg: svg}
}

// mastheadDocument is the title page: publication, issue, date, editors
// and the contents, with each article's sections. It carries the
// markers of print pages before the first article (a contents page).
func (p *publication) mastheadDocument(ms *marks) *document {
	ed, words := p.ed, p.words
	w := &xw{doc: mastheadDoc, words: words}
	w.printf(`<section class="masthead" epub:type="titlepage" aria-label="%s">`+"\n", esc(words.TitlePage))
	w.printf("<h1>%s</h1>\n", esc(ed.Publication))
	if ed.Title != "" {
		w.printf(`<p class="issue-title">%s</p>`+"\n", esc(ed.Title))
	}
	if l := model.IssueLabel(ed); l != "" {
		w.printf("<p>%s</p>\n", esc(l))
	}
	w.printf(`<p><time datetime="%s">%s</time></p>`+"\n", ed.Date.Format("2006-01-02"), esc(model.LongDate(ed.Date, ed.Language)))
	if ed.Description != "" {
		w.printf("<p>%s</p>\n", esc(ed.Description))
	}
	if len(ed.Editors) > 0 {
		w.printf("<p>%s %s</p>\n", esc(words.EditedBy), esc(model.JoinNames(ed.Editors, ed.Language)))
	}
	w.WriteString(`<section class="contents" aria-labelledby="contents-title">` + "\n")
	w.writeMarks(ms.front)
	w.printf(`<h2 id="contents-title">%s</h2>`+"\n", esc(words.Contents))
	for _, s := range ed.Sections {
		if s.Title != "" {
			w.printf("<h3>%s</h3>\n", esc(s.Title))
		}
		w.WriteString("<ol>\n")
		for _, a := range s.Articles {
			w.printf(`<li><a href="%s.xhtml">%s</a>`, a.ID, esc(a.Title))
			if len(a.Authors) > 0 {
				w.printf(" — %s", esc(model.JoinNames(a.Authors, ed.Language)))
			}
			w.subheads(a.ID, p.outlines[a].subheads, "")
			w.WriteString("</li>\n")
		}
		w.WriteString("</ol>\n")
	}
	w.WriteString("</section>\n</section>\n")
	return &document{name: mastheadDoc, title: ed.Publication, lang: ed.Language, body: w.String()}
}

// subheads writes the sections hs of article id as a nested list of
// links, relative to dir ("" beside the article, "xhtml/" from the nav).
func (w *xw) subheads(id string, hs []subhead, dir string) {
	if len(hs) == 0 {
		return
	}
	w.WriteString("\n<ol>\n")
	for _, h := range hs {
		w.printf(`<li><a href="%s%s.xhtml#%s">%s</a></li>`+"\n", dir, id, esc(h.id), esc(h.text))
	}
	w.WriteString("</ol>\n")
}
