package epub

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/redtide/edition/internal/lang"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/texmath"
)

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// esc escapes text for XHTML element content and attribute values.
func esc(s string) string { return escaper.Replace(s) }

// xw accumulates the XHTML body of one content document.
type xw struct {
	strings.Builder
	doc   string         // the document's file name, for the page list
	words lang.Words     // printed words, in the document's language
	marks *artMarks      // the article's print page breaks; nil: none
	ctr   counter        // the element whose text is being written
	art   *model.Article // the article being written, for its bibliography's place
	// mathml is set once MathML has been written: the package document
	// must declare it (properties="mathml").
	mathml bool
}

func (w *xw) printf(format string, args ...any) { fmt.Fprintf(w, format, args...) }

func (w *xw) blocks(bs []model.Block, level int) {
	for _, b := range bs {
		w.block(b, level)
	}
}

// block writes one block; level is the heading level of the enclosing
// document's title (or section's heading), so body headings nest below
// it.
func (w *xw) block(b model.Block, level int) {
	saved := w.enter(b)
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
		w.list(t, level)
	case *model.Quote:
		w.WriteString("<blockquote>\n")
		w.blocks(t.Blocks, level)
		w.WriteString("</blockquote>\n")
	case *model.CodeBlock:
		w.code(t)
	case *model.Rule:
		w.WriteString("<hr/>\n")
	case *model.MathBlock:
		w.countText(t.TeX)
		if t.Formula != nil {
			w.mathml = true
			// a display wider than the screen scrolls in its box, which a
			// reader without a pointer reaches with the keyboard, as a
			// table's (axe's scrollable-region-focusable)
			w.printf(`<div class="math display" tabindex="0">%s</div>`+"\n", texmath.MathML(t.Formula))
			break
		}
		// TeX that could not be read: its source, as the reader wrote it.
		w.printf(`<div class="math display tex" role="math" aria-label="%s">%s</div>`+"\n", esc(t.TeX), esc(t.TeX))
	case *model.Figure:
		w.figure(t)
	case *model.Table:
		w.table(t)
	case *model.BibliographyHere:
		if w.art != nil && w.art.Bibliography != nil {
			w.bibliography(w.art, w.art.Bibliography)
		}
	}
	w.leave(saved)
}

func (w *xw) list(l *model.List, level int) {
	tag := "ul"
	if l.Ordered {
		tag = "ol"
	}
	if l.Ordered && l.Start != 1 {
		w.printf(`<ol start="%d">`+"\n", l.Start)
	} else {
		w.WriteString("<" + tag + ">\n")
	}
	for _, it := range l.Items {
		w.WriteString("<li>")
		// A tight item of one paragraph needs no <p>.
		if p, ok := only[*model.Paragraph](it.Blocks); ok {
			saved := w.enter(p)
			w.inlines(p.Inlines)
			w.leave(saved)
		} else {
			w.blocks(it.Blocks, level)
		}
		w.WriteString("</li>\n")
	}
	w.WriteString("</" + tag + ">\n")
}

// only returns the one block of bs when it is a T.
func only[T model.Block](bs []model.Block) (T, bool) {
	var zero T
	if len(bs) != 1 {
		return zero, false
	}
	t, ok := bs[0].(T)
	return t, ok
}

// code writes a code block one line to a span, so that a line too long
// for the screen wraps with a hanging indent (style.css); the line
// breaks stay in the text, for reading systems without the stylesheet
// and for copying.
func (w *xw) code(c *model.CodeBlock) {
	w.WriteString(`<pre><code`)
	if c.Language != "" {
		w.printf(` class="language-%s"`, esc(classSafe(c.Language)))
	}
	w.WriteString(">")
	lines := strings.Split(strings.Trim(c.Text, "\n"), "\n")
	for i, l := range lines {
		w.WriteString(`<span class="line">`)
		w.text(l)
		if i < len(lines)-1 {
			w.WriteString("\n")
		}
		w.space()
		w.WriteString("</span>")
	}
	w.WriteString("</code></pre>\n")
}

func classSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '-'
	}, s)
}

// figure writes an image and its caption. When the caption says all the
// text alternative says (the post gave no alt text, so the caption's
// serves; or the alt text's words stand, in order, in the caption), the
// image is marked decorative (alt="") and the caption carries it, so
// that a screen reader does not read the same words twice.
func (w *xw) figure(f *model.Figure) {
	missing := f.Image == nil || f.Image.Data == nil
	if missing && (f.Image == nil || strings.TrimSpace(f.Image.Alt) == "") && len(f.Caption) == 0 {
		return // an image that is not there and says nothing: no empty frame
	}
	w.WriteString("<figure>\n")
	if f.Image != nil && f.Image.Data != nil {
		alt := f.Image.Alt
		if len(f.Caption) > 0 && captionSays(model.PlainText(f.Caption), alt) {
			alt = ""
		}
		w.printf(`<img src="../%s%s" alt="%s"/>`+"\n", imageDir, esc(f.Image.Name), esc(alt))
	} else if f.Image != nil && strings.TrimSpace(f.Image.Alt) != "" {
		w.printf("<p>[%s]</p>\n", esc(f.Image.Alt))
	}
	if len(f.Caption) > 0 {
		w.WriteString("<figcaption>")
		w.inlines(f.Caption)
		w.WriteString("</figcaption>\n")
	}
	w.WriteString("</figure>\n")
}

// captionSays reports whether the words of alt stand, in order and
// together, in caption, ignoring case and punctuation.
func captionSays(caption, alt string) bool {
	norm := func(s string) string {
		return " " + strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}), " ") + " "
	}
	return strings.Contains(norm(caption), norm(alt))
}

var alignClass = map[model.Align]string{model.AlignLeft: "left", model.AlignCenter: "center", model.AlignRight: "right"}

// table writes a table inside a box that scrolls sideways when the table
// is wider than the screen (focusable, so that a keyboard can scroll it),
// rather than the page.
func (w *xw) table(t *model.Table) {
	w.WriteString(`<div class="table" tabindex="0">` + "\n<table>\n")
	if len(t.Caption) > 0 {
		w.WriteString("<caption>")
		w.inlines(t.Caption)
		w.WriteString("</caption>\n")
	}
	if t.Header != nil {
		w.WriteString("<thead><tr>")
		for i := range t.Header {
			w.cell(t, "th", i, &t.Header[i])
		}
		w.WriteString("</tr></thead>\n")
	}
	w.WriteString("<tbody>\n")
	for _, r := range t.Rows {
		w.WriteString("<tr>")
		for i := range r {
			w.cell(t, "td", i, &r[i])
		}
		w.WriteString("</tr>\n")
	}
	w.WriteString("</tbody>\n</table>\n</div>\n")
}

func (w *xw) cell(t *model.Table, tag string, i int, c *model.Cell) {
	if tag == "th" && model.PlainText(c.Inlines) == "" {
		tag = "td" // a header cell must name its column: an empty one is a plain cell
	}
	w.WriteString("<" + tag)
	if tag == "th" {
		w.WriteString(` scope="col"`)
	}
	if i < len(t.Align) && alignClass[t.Align[i]] != "" {
		w.printf(` class="%s"`, alignClass[t.Align[i]])
	}
	w.WriteString(">")
	saved := w.enter(c)
	w.inlines(c.Inlines)
	w.leave(saved)
	w.WriteString("</" + tag + ">")
}

func (w *xw) inlines(ins []model.Inline) {
	for _, in := range ins {
		w.inline(in)
	}
}

func (w *xw) inline(in model.Inline) {
	switch t := in.(type) {
	case *model.Text:
		w.text(t.Text)
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
		w.WriteString("<code>")
		w.text(t.Text)
		w.WriteString("</code>")
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
		w.space()
		w.WriteString("<br/>")
	case *model.Math:
		w.countText(t.TeX)
		if t.Formula != nil {
			w.mathml = true
			w.WriteString(texmath.MathML(t.Formula))
			break
		}
		w.printf(`<span class="math tex" role="math" aria-label="%s">%s</span>`, esc(t.TeX), esc(t.TeX))
	case *model.Link:
		w.link(t)
	case *model.SmallCaps:
		w.WriteString(`<span style="font-variant: small-caps">`)
		w.inlines(t.Inlines)
		w.WriteString("</span>")
	case *model.CiteRef:
		if t.Entry == nil || t.Entry.ID == "" {
			w.inlines(t.Inlines)
			break
		}
		w.printf(`<a href="#%s" role="doc-biblioref">`, esc(t.Entry.ID))
		w.inlines(t.Inlines)
		w.WriteString("</a>")
	case *model.NoteRef:
		// No markup inside a noteref: reading systems that pop notes up
		// look for the bare link.
		w.atWord()
		w.printf(`<a class="noteref" id="%s" href="#%s" epub:type="noteref" role="doc-noteref">%d</a>`,
			t.RefID(), t.Note.ID, t.Note.Number)
	}
}

// link writes a link; one with no text of its own shows its address,
// so that it has a name to read and to tap.
func (w *xw) link(l *model.Link) {
	w.printf(`<a href="%s">`, esc(l.URL))
	if strings.TrimSpace(model.PlainText(l.Inlines)) == "" && !hasNoteRef(l.Inlines) {
		// not counted: the print edition has no words here
		w.WriteString(esc(strings.TrimPrefix(l.URL, "mailto:")))
	} else {
		w.inlines(l.Inlines)
	}
	w.WriteString("</a>")
}

func hasNoteRef(ins []model.Inline) bool {
	found := false
	model.WalkInlines(ins, func(in model.Inline) {
		if _, ok := in.(*model.NoteRef); ok {
			found = true
		}
	})
	return found
}

func (w *xw) wrap(tag string, ins []model.Inline) {
	w.WriteString("<" + tag + ">")
	w.inlines(ins)
	w.WriteString("</" + tag + ">")
}

// noteNumber is a note's number as printed.
func noteNumber(n *model.Note) string { return strconv.Itoa(n.Number) }
