package epub

import (
	"github.com/redtide/edition/internal/model"
)

// navDocument writes the navigation document: the contents by section,
// article and the article's sections, the landmarks, and the print
// edition's pages when the EPUB marks them.
func (p *publication) navDocument() []byte {
	words := p.words
	w := &xw{words: words}
	contents := esc(words.Contents)
	w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="` + esc(p.ed.Language) + `" xml:lang="` + esc(p.ed.Language) + `">
<head>
<title>` + contents + `</title>
<link rel="stylesheet" type="text/css" href="` + cssDir + cssName + `"/>
</head>
<body>
<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">
<h1 id="toc-title">` + contents + `</h1>
<ol>
`)
	w.printf("<li><a href=\"%s%s\">%s</a></li>\n", xhtmlDir, mastheadDoc, esc(p.ed.Publication))
	for _, s := range p.ed.Sections {
		if s.Title != "" {
			w.printf("<li><span>%s</span>\n<ol>\n", esc(s.Title))
		}
		for _, a := range s.Articles {
			w.printf(`<li><a href="%s%s.xhtml">%s</a>`, xhtmlDir, a.ID, esc(a.Title))
			w.subheads(a.ID, p.outlines[a].subheads, xhtmlDir)
			w.WriteString("</li>\n")
		}
		if s.Title != "" {
			w.WriteString("</ol>\n</li>\n")
		}
	}
	w.WriteString("</ol>\n</nav>\n")
	p.pageListNav(w)
	p.landmarks(w)
	w.WriteString("</body>\n</html>\n")
	return []byte(w.String())
}

// pageListNav lists the print edition's pages (EPUB 3 page-list,
// DPUB-ARIA doc-pagelist); hidden, as reading systems offer it in their
// own "go to page".
func (p *publication) pageListNav(w *xw) {
	if len(p.pageList) == 0 {
		return
	}
	w.printf(`<nav epub:type="page-list" role="doc-pagelist" id="page-list" aria-labelledby="page-list-title" hidden="hidden">
<h2 id="page-list-title">%s</h2>
<ol>
`, esc(p.words.Pages))
	for _, m := range p.pageList {
		w.printf(`<li><a href="%s%s#%s">%s</a></li>`+"\n", xhtmlDir, m.doc, esc(m.id()), esc(m.label))
	}
	w.WriteString("</ol>\n</nav>\n")
}

func (p *publication) landmarks(w *xw) {
	words := p.words
	w.printf(`<nav epub:type="landmarks" id="landmarks" aria-labelledby="landmarks-title" hidden="hidden">
<h2 id="landmarks-title">%s</h2>
<ol>
`, esc(words.Landmarks))
	if p.cover != nil {
		w.printf(`<li><a epub:type="cover" href="%s%s">%s</a></li>`+"\n", xhtmlDir, coverDoc, esc(words.Cover))
	}
	w.printf(`<li><a epub:type="titlepage" href="%s%s">%s</a></li>`+"\n", xhtmlDir, mastheadDoc, esc(words.TitlePage))
	if a := firstArticle(p.ed); a != nil {
		w.printf(`<li><a epub:type="bodymatter" href="%s%s.xhtml">%s</a></li>`+"\n", xhtmlDir, a.ID, esc(words.StartOfContent))
	}
	w.WriteString("</ol>\n</nav>\n")
}

func firstArticle(ed *model.Edition) *model.Article {
	for _, s := range ed.Sections {
		if len(s.Articles) > 0 {
			return s.Articles[0]
		}
	}
	return nil
}
