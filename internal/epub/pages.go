package epub

import (
	"github.com/redtide/edition/internal/model"
)

// The print edition's page numbers (EPUB 3 Structural Semantics
// "pagebreak", DPUB-ARIA doc-pagebreak): a marker goes where each page
// of the print edition begins (model.PageStart, from the layout), and the
// navigation document lists them (page-list).
//
// A marker at the first word of an element goes before the element, so
// that it never lands inside a heading's or a caption's name; one at a
// later word goes between the words. A page without text of an article
// (a contents page before the first, a blank page after the last) is
// marked at the masthead's contents or after the last article. A marker
// whose element is not met (which would be a bug) is put at the end of
// its article rather than lost.

// mark is one page-break marker.
type mark struct {
	label string
	word  int
	at    any    // the element it is in (model.PageStart.At), or its article
	doc   string // content document it was written in; "" until then
}

func (m *mark) id() string { return "page-" + m.label }

// marks are the markers of a publication, pending and placed. Each
// article's are kept apart (of), and written only by the writer of that
// article's document, so that articles can be written at once.
type marks struct {
	all   []*mark
	of    map[*model.Article]*artMarks
	front []*mark // pages before the first article's text
	back  []*mark // pages after the last article's text
}

// artMarks are the markers of one article.
type artMarks struct {
	list []*mark         // in page order
	by   map[any][]*mark // pending, by element, in page order
}

func newMarks(pages []model.PageStart) *marks {
	ms := &marks{of: map[*model.Article]*artMarks{}}
	seen := map[string]bool{}
	text := false
	for _, p := range pages {
		if seen[p.Label] {
			continue // page labels are unique: a repeated one would repeat an id
		}
		seen[p.Label] = true
		m := &mark{label: p.Label, word: p.Word}
		ms.all = append(ms.all, m)
		switch {
		case p.Article != nil:
			text = true
			am := ms.of[p.Article]
			if am == nil {
				am = &artMarks{by: map[any][]*mark{}}
				ms.of[p.Article] = am
			}
			am.list = append(am.list, m)
			m.at = p.At
			if m.at == nil {
				m.at = p.Article
			}
			am.by[m.at] = append(am.by[m.at], m)
		case !text:
			ms.front = append(ms.front, m)
		default:
			ms.back = append(ms.back, m)
		}
	}
	return ms
}

// article returns the markers of a; nil if it has none.
func (ms *marks) article(a *model.Article) *artMarks {
	if ms == nil {
		return nil
	}
	return ms.of[a]
}

// placed returns the markers written, in page order.
func (ms *marks) placed() []*mark {
	var out []*mark
	for _, m := range ms.all {
		if m.doc != "" {
			out = append(out, m)
		}
	}
	return out
}

// counter places the markers of one element while its text is written:
// it counts words as model.PageStart does.
type counter struct {
	pending []*mark // the element's, not yet written
	words   int     // words begun
	in      bool    // inside a word
}

// write writes the markers in list to w, recording where.
func (w *xw) writeMarks(list []*mark) {
	for _, m := range list {
		m.doc = w.doc
		w.printf(`<span epub:type="pagebreak" role="doc-pagebreak" id="%s" aria-label="%s"></span>`, esc(m.id()), esc(m.label))
	}
}

// enter starts the text of element at: its markers at the first word are
// written here, before the element; the others while its text is
// written. leave must follow, at a place where a marker may stand.
func (w *xw) enter(at any) counter {
	saved := w.ctr
	w.ctr = counter{}
	if w.marks == nil {
		return saved
	}
	ms := w.marks.by[at]
	if len(ms) == 0 {
		return saved
	}
	delete(w.marks.by, at)
	i := 0
	for i < len(ms) && ms[i].word <= 0 {
		i++
	}
	w.writeMarks(ms[:i])
	w.ctr.pending = ms[i:]
	return saved
}

// leave ends an element's text: markers past its last word are written
// here.
func (w *xw) leave(saved counter) {
	w.writeMarks(w.ctr.pending)
	w.ctr = saved
}

// atWord is called before a character of text that is not white space:
// the markers of the word it begins are written before it.
func (w *xw) atWord() {
	c := &w.ctr
	if c.in {
		return
	}
	c.in = true
	n := 0
	for n < len(c.pending) && c.pending[n].word <= c.words {
		n++
	}
	if n > 0 {
		list := c.pending[:n]
		c.pending = c.pending[n:]
		w.writeMarks(list)
	}
	c.words++
}

// space is white space between words.
func (w *xw) space() { w.ctr.in = false }

// text writes escaped text, placing markers between its words.
func (w *xw) text(s string) {
	if len(w.ctr.pending) == 0 {
		w.WriteString(esc(s))
		return
	}
	start := 0
	for i, r := range s {
		if model.IsWordSpace(r) {
			w.space()
			continue
		}
		if !w.ctr.in && len(w.ctr.pending) > 0 && w.ctr.pending[0].word <= w.ctr.words {
			w.WriteString(esc(s[start:i]))
			start = i
		}
		w.atWord()
	}
	w.WriteString(esc(s[start:]))
}

// countText counts the words of text written by other means (the TeX
// of inline math, which is an attribute too): markers that fall inside
// it are written before it.
func (w *xw) countText(s string) {
	for _, r := range s {
		if model.IsWordSpace(r) {
			w.space()
		} else {
			w.atWord()
		}
	}
}

// flushArticle writes, at the end of an article's document, its markers
// whose elements were not met.
func (w *xw) flushArticle() {
	if w.marks == nil {
		return
	}
	var list []*mark
	for _, m := range w.marks.list {
		if m.doc == "" {
			list = append(list, m)
		}
	}
	clear(w.marks.by)
	w.writeMarks(list)
}
