package epub

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/redtide/edition/internal/lang"
	"github.com/redtide/edition/internal/model"
)

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// esc escapes text for XHTML element content and attribute values.
func esc(s string) string { return escaper.Replace(s) }

// xw accumulates XHTML for one document.
type xw struct {
	strings.Builder
	images map[string]string // image Name -> path relative to the XHTML folder
	words  lang.Words        // printed words, in the document's language
}

func (w *xw) printf(format string, args ...any) { fmt.Fprintf(w, format, args...) }

func (w *xw) blocks(bs []model.Block, level int) {
	for _, b := range bs {
		w.block(b, level)
	}
}

// block writes one block; level is the heading level of the enclosing
// document's title, so body headings nest below it.
func (w *xw) block(b model.Block, level int) {
	switch t := b.(type) {
	case *model.Paragraph:
		w.WriteString("<p>")
		w.inlines(t.Inlines)
		w.WriteString("</p>\n")
	case *model.Heading:
		h := min(level+t.Level, 6)
		w.printf(`<h%d id="%s">`, h, esc(t.ID))
		w.inlines(t.Inlines)
		w.printf("</h%d>\n", h)
	case *model.List:
		if t.Ordered {
			if t.Start != 1 {
				w.printf(`<ol start="%d">`, t.Start)
			} else {
				w.WriteString("<ol>")
			}
		} else {
			w.WriteString("<ul>")
		}
		w.WriteString("\n")
		for _, it := range t.Items {
			w.WriteString("<li>")
			// A tight item of one paragraph needs no <p>.
			if len(it.Blocks) == 1 {
				if p, ok := it.Blocks[0].(*model.Paragraph); ok {
					w.inlines(p.Inlines)
					w.WriteString("</li>\n")
					continue
				}
			}
			w.blocks(it.Blocks, level)
			w.WriteString("</li>\n")
		}
		if t.Ordered {
			w.WriteString("</ol>\n")
		} else {
			w.WriteString("</ul>\n")
		}
	case *model.Quote:
		w.WriteString("<blockquote>\n")
		w.blocks(t.Blocks, level)
		w.WriteString("</blockquote>\n")
	case *model.CodeBlock:
		w.WriteString("<pre><code")
		if t.Language != "" {
			w.printf(` class="language-%s"`, esc(classSafe(t.Language)))
		}
		w.WriteString(">")
		w.WriteString(esc(t.Text))
		w.WriteString("</code></pre>\n")
	case *model.Rule:
		w.WriteString("<hr/>\n")
	case *model.MathBlock:
		// The TeX source: MathML would be better, but no converter
		// written in Go yet makes MathML that epubcheck accepts.
		w.printf(`<div class="math display" role="math" aria-label="%s">%s</div>`+"\n", esc(t.TeX), esc(t.TeX))
	case *model.Figure:
		w.figure(t)
	case *model.Table:
		w.table(t)
	}
}

func classSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '-'
	}, s)
}

func (w *xw) figure(f *model.Figure) {
	w.WriteString("<figure>\n")
	src := w.images[f.Image.Name]
	alt := f.Image.Alt
	if alt == "" {
		alt = model.PlainText(f.Caption)
	}
	w.printf(`<img src="%s" alt="%s"/>`, esc(src), esc(alt))
	w.WriteString("\n")
	if len(f.Caption) > 0 {
		w.WriteString("<figcaption>")
		w.inlines(f.Caption)
		w.WriteString("</figcaption>\n")
	}
	w.WriteString("</figure>\n")
}

var alignClass = map[model.Align]string{model.AlignLeft: "left", model.AlignCenter: "center", model.AlignRight: "right"}

func (w *xw) table(t *model.Table) {
	w.WriteString("<table>\n")
	if len(t.Caption) > 0 {
		w.WriteString("<caption>")
		w.inlines(t.Caption)
		w.WriteString("</caption>\n")
	}
	cell := func(tag string, i int, c model.Cell) {
		w.WriteString("<" + tag)
		if tag == "th" {
			w.WriteString(` scope="col"`)
		}
		if i < len(t.Align) && alignClass[t.Align[i]] != "" {
			w.printf(` class="%s"`, alignClass[t.Align[i]])
		}
		w.WriteString(">")
		w.inlines(c.Inlines)
		w.WriteString("</" + tag + ">")
	}
	if t.Header != nil {
		w.WriteString("<thead><tr>")
		for i, c := range t.Header {
			cell("th", i, c)
		}
		w.WriteString("</tr></thead>\n")
	}
	w.WriteString("<tbody>\n")
	for _, r := range t.Rows {
		w.WriteString("<tr>")
		for i, c := range r {
			cell("td", i, c)
		}
		w.WriteString("</tr>\n")
	}
	w.WriteString("</tbody>\n</table>\n")
}

func (w *xw) inlines(ins []model.Inline) {
	for _, in := range ins {
		w.inline(in)
	}
}

func (w *xw) inline(in model.Inline) {
	switch t := in.(type) {
	case *model.Text:
		w.WriteString(esc(t.Text))
	case *model.Emph:
		w.wrap("em", t.Inlines)
	case *model.Strong:
		w.wrap("strong", t.Inlines)
	case *model.Strike:
		w.wrap("del", t.Inlines)
	case *model.Sup:
		w.wrap("sup", t.Inlines)
	case *model.Sub:
		w.wrap("sub", t.Inlines)
	case *model.Code:
		w.WriteString("<code>" + esc(t.Text) + "</code>")
	case *model.Lang:
		l := esc(t.Tag)
		w.printf(`<span lang="%s" xml:lang="%s"`, l, l)
		if lang.RTL(t.Tag) {
			w.WriteString(` dir="rtl"`)
		}
		w.WriteString(">")
		w.inlines(t.Inlines)
		w.WriteString("</span>")
	case *model.LineBreak:
		w.WriteString("<br/>")
	case *model.Math:
		w.printf(`<span class="math" role="math" aria-label="%s">%s</span>`, esc(t.TeX), esc(t.TeX))
	case *model.Link:
		w.printf(`<a href="%s">`, esc(t.URL))
		w.inlines(t.Inlines)
		w.WriteString("</a>")
	case *model.NoteRef:
		// No markup inside a noteref: reading systems that pop notes up
		// look for the bare link.
		n := strconv.Itoa(t.Note.Number)
		w.printf(`<a class="noteref" id="%s" href="#%s" epub:type="noteref" role="doc-noteref">%s</a>`,
			t.RefID(), t.Note.ID, n)
	}
}

func (w *xw) wrap(tag string, ins []model.Inline) {
	w.WriteString("<" + tag + ">")
	w.inlines(ins)
	w.WriteString("</" + tag + ">")
}

// article writes the body of one article's document.
func (w *xw) article(a *model.Article, tag string) {
	w.words = lang.For(tag).Words
	w.printf(`<section id="%s" epub:type="chapter" role="doc-chapter" aria-labelledby="%s-title">`+"\n", a.ID, a.ID)
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
	w.blocks(a.Blocks, 1)
	if b := a.Bibliography; b != nil {
		w.printf(`<section class="bibliography" epub:type="bibliography" role="doc-bibliography" aria-labelledby="%s-bib">`+"\n", a.ID)
		w.printf(`<h2 id="%s-bib">%s</h2>`+"\n", a.ID, esc(b.Title))
		w.bibEntries(b)
		w.WriteString("</section>\n")
	}
	if len(a.Notes) > 0 {
		w.printf(`<section class="footnotes" aria-labelledby="%s-notes">`+"\n", a.ID)
		w.printf(`<h2 id="%s-notes">%s</h2>`+"\n", a.ID, esc(w.words.Notes))
		for _, n := range a.Notes {
			w.note(a, n)
		}
		w.WriteString("</section>\n")
	}
	w.WriteString("</section>\n")
}

// bibEntries writes a bibliography's entries as one list, or as one list
// per group under the group's heading; numbers run on across groups.
func (w *xw) bibEntries(b *model.Bibliography) {
	tag := "ul"
	if b.Ordered {
		tag = "ol"
	}
	open := false
	for _, e := range b.Entries {
		if e.Group != nil {
			if open {
				w.WriteString("</" + tag + ">\n")
				open = false
			}
			w.WriteString("<h3>")
			w.inlines(e.Group)
			w.WriteString("</h3>\n")
		}
		if !open {
			if b.Ordered && e.Number > 1 {
				w.printf(`<ol start="%d">`+"\n", e.Number)
			} else {
				w.WriteString("<" + tag + ">\n")
			}
			open = true
		}
		w.printf(`<li id="%s">`, e.ID)
		w.inlines(e.Inlines)
		w.WriteString("</li>\n")
	}
	if open {
		w.WriteString("</" + tag + ">\n")
	}
}

// note writes one footnote with a back-link to each reference.
func (w *xw) note(a *model.Article, n *model.Note) {
	refs := noteRefs(a, n)
	w.printf(`<aside id="%s" class="footnote" epub:type="footnote" role="doc-footnote">`+"\n", n.ID)
	num := strconv.Itoa(n.Number)
	back := func() {
		if len(refs) == 0 {
			w.printf(`<span class="noteno">%s.</span> `, num)
			return
		}
		w.printf(`<a class="backlink" href="#%s" role="doc-backlink" title="%s">%s.</a> `, refs[0].RefID(), esc(w.words.BackToText), num)
	}
	if len(n.Blocks) == 0 {
		w.WriteString("<p>")
		back()
		w.WriteString("</p>\n")
	}
	for i, b := range n.Blocks {
		p, ok := b.(*model.Paragraph)
		if i == 0 && ok {
			w.WriteString("<p>")
			back()
			w.inlines(p.Inlines)
			w.extraBacklinks(refs)
			w.WriteString("</p>\n")
			continue
		}
		if i == 0 {
			w.WriteString("<p>")
			back()
			w.WriteString("</p>\n")
		}
		w.block(b, 2)
	}
	if len(n.Blocks) > 0 && !isParagraph(n.Blocks[0]) {
		w.WriteString("<p>")
		w.extraBacklinks(refs)
		w.WriteString("</p>\n")
	}
	w.WriteString("</aside>\n")
}

func (w *xw) extraBacklinks(refs []*model.NoteRef) {
	if len(refs) < 2 {
		return
	}
	for _, r := range refs[1:] {
		title := fmt.Sprintf(w.words.BackToReference, r.Occurrence)
		w.printf(` <a class="backlink" href="#%s" role="doc-backlink" title="%s">↩%d</a>`, r.RefID(), esc(title), r.Occurrence)
	}
}

// noteRefs lists the references to n in reading order.
func noteRefs(a *model.Article, n *model.Note) []*model.NoteRef {
	var out []*model.NoteRef
	model.WalkArticle(a, func(in model.Inline) {
		if r, ok := in.(*model.NoteRef); ok && r.Note == n {
			out = append(out, r)
		}
	})
	return out
}

func isParagraph(b model.Block) bool {
	_, ok := b.(*model.Paragraph)
	return ok
}
