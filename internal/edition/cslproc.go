package edition

import (
	"slices"
	"strings"

	"github.com/redtide/edition/internal/csl"
	"github.com/redtide/edition/internal/model"
)

// cslProc is package csl's processor as the citeproc resolving uses.
type cslProc struct {
	p     *csl.Processor
	style *csl.Style
	all   func() []string // every key of the database, nil for none
}

func (c *cslProc) noteStyle() bool { return c.style.Class() == "note" }

func (c *cslProc) render(cits []procCitation, nocite []string, entry func(id string) *model.BibEntry) procResult {
	in := make([]csl.Citation, len(cits))
	n := 0
	for _, pc := range cits {
		n += len(pc.items)
	}
	room := make([]csl.Cite, n) // the cites of all citations in one block
	for i, pc := range cits {
		ci := csl.Citation{NoteIndex: pc.noteIndex, InText: pc.inText, Cites: room[:len(pc.items):len(pc.items)]}
		room = room[len(pc.items):]
		for j, it := range pc.items {
			ci.Cites[j] = csl.Cite{ID: it.id, Prefix: it.prefix, Suffix: it.suffix, Locator: it.locator,
				Label: it.label, SuppressAuthor: it.suppressAuthor, AuthorOnly: it.authorOnly}
		}
		if len(pc.items) == 0 {
			ci.Cites = nil
		}
		in[i] = ci
	}
	// The author of an author-in-text citation is rendered apart: it is
	// no citation of the work for the style's positions (the note that
	// follows it is the first, not an "Ibid.").
	isAuthor := make([]bool, len(in))
	var authors []csl.Citation
	for i := range in {
		if isAuthor[i] = len(cits[i].items) > 0 && cits[i].items[0].authorOnly; isAuthor[i] {
			authors = append(authors, in[i])
		}
	}
	main := in // most posts have no author-in-text citation: no copy
	if len(authors) > 0 {
		main = make([]csl.Citation, 0, len(in)-len(authors))
		for i, ci := range in {
			if !isAuthor[i] {
				main = append(main, ci)
			}
		}
	}
	if c.all != nil && c.p.All == nil && slices.Contains(nocite, "*") {
		c.p.All = c.all()
	}
	res := c.p.Render(main, nocite)
	var resA csl.Result
	if len(authors) > 0 {
		resA = c.p.Render(authors, nil)
	}
	out := procResult{citations: make([][]model.Inline, len(in))}
	var mk inlineMaker
	m, a := 0, 0
	for i := range in {
		var r csl.Rich
		if isAuthor[i] {
			if a < len(resA.Citations) {
				r = resA.Citations[a]
			}
			a++
		} else {
			if m < len(res.Citations) {
				r = res.Citations[m]
			}
			m++
		}
		out.citations[i] = mk.richInlines(r, entry)
	}
	out.entries = make([]procEntry, 0, len(res.Bibliography))
	for _, e := range res.Bibliography {
		out.entries = append(out.entries, procEntry{id: e.ID, inlines: mk.richInlines(e.Text, nil)})
	}
	return out
}

// richInlines turns the processor's flat spans into model inlines:
// formatting nests, from the outside in, as links, then links to
// entries, then bold, italic, small caps, superscript and subscript.
func (mk *inlineMaker) richInlines(r csl.Rich, entry func(id string) *model.BibEntry) []model.Inline {
	var out []model.Inline
	for i := 0; i < len(r); {
		j := i + 1
		for j < len(r) && r[j].Link == r[i].Link && r[j].Ref == r[i].Ref {
			j++
		}
		ins := mk.formatted(r[i:j])
		switch {
		case r[i].Link != "":
			l := &oneLink{link: model.Link{URL: r[i].Link, Inlines: ins}} // one allocation, not two
			l.list[0] = &l.link
			ins = l.list[:1:1]
		case r[i].Ref != "" && entry != nil:
			if e := entry(r[i].Ref); e != nil {
				ins = []model.Inline{&model.CiteRef{Entry: e, Inlines: ins}}
			}
		}
		switch {
		case out == nil && j == len(r):
			out = ins // one run: its inlines are the list (no copy)
		case out == nil:
			// a run gives at most an inline for each of its spans
			out = append(make([]model.Inline, 0, len(r)), ins...)
		default:
			out = append(out, ins...)
		}
		i = j
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// formats are the decorations that nest, outermost first.
var formats = []struct {
	f    csl.Format
	wrap func([]model.Inline) model.Inline
}{
	{csl.Bold, func(ins []model.Inline) model.Inline { return &model.Strong{Inlines: ins} }},
	{csl.Italic | csl.Oblique, func(ins []model.Inline) model.Inline { return &model.Emph{Inlines: ins} }},
	{csl.SmallCaps, func(ins []model.Inline) model.Inline { return &model.SmallCaps{Inlines: ins} }},
	{csl.Superscript, func(ins []model.Inline) model.Inline { return &model.Sup{Inlines: ins} }},
	{csl.Subscript, func(ins []model.Inline) model.Inline { return &model.Sub{Inlines: ins} }},
}

// formatted nests spans by their decorations.
func (mk *inlineMaker) formatted(spans []csl.Span) []model.Inline {
	var decos csl.Format
	for _, s := range spans {
		decos |= s.Format
	}
	mk.decos = decos
	return mk.nest(spans, 0)
}

// oneLink is a Link and a list that holds it.
type oneLink struct {
	link model.Link
	list [1]model.Inline
}

// oneText is a Text and a list that holds it.
type oneText struct {
	text model.Text
	list [1]model.Inline
}

// inlineMaker makes the inlines of one rendering's citations and
// entries, their Texts in blocks (they live as long as the article).
type inlineMaker struct {
	texts []oneText
	block int        // the size of the last block: 16 at first, doubling to 256
	decos csl.Format // the decorations of the spans being nested (see nest)
}

// text returns t as a Text in a one-item list.
func (mk *inlineMaker) text(t string) []model.Inline {
	if len(mk.texts) == 0 {
		mk.block = min(max(2*mk.block, 16), 256) // a few citations waste little
		mk.texts = make([]oneText, mk.block)
	}
	one := &mk.texts[0]
	mk.texts = mk.texts[1:]
	one.text.Text = t
	one.list[0] = &one.text
	return one.list[:1:1]
}

func (mk *inlineMaker) nest(spans []csl.Span, level int) []model.Inline {
	for level < len(formats) && formats[level].f&mk.decos == 0 {
		level++ // no span has this decoration: nothing to wrap
	}
	if level == len(formats) {
		// spans of one formatting: their text is one Text
		if t := joinText(spans); t != "" {
			return mk.text(t)
		}
		return nil
	}
	if len(spans) == 0 {
		return nil
	}
	f := formats[level]
	runs := 1
	for i := 1; i < len(spans); i++ {
		if (spans[i].Format&f.f != 0) != (spans[i-1].Format&f.f != 0) {
			runs++
		}
	}
	if runs == 1 && spans[0].Format&f.f == 0 {
		return mk.nest(spans, level+1) // no span has this decoration: nothing to wrap
	}
	out := make([]model.Inline, 0, runs) // room enough unless a run gives several
	for i := 0; i < len(spans); {
		on := spans[i].Format&f.f != 0
		j := i + 1
		for j < len(spans) && (spans[j].Format&f.f != 0) == on {
			j++
		}
		inner := mk.nest(spans[i:j], level+1)
		if on && len(inner) > 0 {
			out = append(out, f.wrap(inner))
		} else {
			out = append(out, inner...)
		}
		i = j
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// joinText is the text of spans, one string.
func joinText(spans []csl.Span) string {
	n, last := 0, ""
	for _, s := range spans {
		if s.Text != "" {
			n++
			last = s.Text
		}
	}
	if n <= 1 {
		return last // no copy
	}
	var b strings.Builder
	for _, s := range spans {
		b.WriteString(s.Text)
	}
	return b.String()
}

// defaultStyle is the style of a post that names none, Chicago notes
// and bibliography (CMOS 18); builtinStyle finds an embedded style by
// name ("chicago-author-date").
var (
	defaultStyle = csl.DefaultStyle
	builtinStyle = csl.BuiltinStyle
)
