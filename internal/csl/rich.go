package csl

import "strings"

// Rich is rendered text as flat spans: nested formatting is flattened, so
// every span carries the whole of its formatting.
type Rich []Span

// Span is a run of text with one formatting.
type Span struct {
	Text   string
	Format Format
	Link   string // URL when the span is a link (a DOI as https://doi.org/…); "" otherwise
	Ref    string // item id when the span links to the item's bibliography entry; "" otherwise
}

// Format is a set of text decorations.
type Format uint16

// The decorations a style can ask for. NoDecoration marks text a style set
// in font-style="normal" inside italics (the flip-flop of CSL), which
// renderers set upright.
const (
	Italic Format = 1 << iota
	Bold
	SmallCaps
	Superscript
	Subscript
	Underline
	Oblique
	NoDecoration
)

// String returns the plain text.
func (r Rich) String() string {
	var b strings.Builder
	for _, s := range r {
		b.WriteString(s.Text)
	}
	return b.String()
}

// IsEmpty reports whether r has no text.
func (r Rich) IsEmpty() bool {
	for _, s := range r {
		if s.Text != "" {
			return false
		}
	}
	return true
}

// htmlTags are the tags citeproc-js writes, outermost first.
var htmlTags = []struct {
	f          Format
	open, shut string
}{
	{Italic, "<i>", "</i>"},
	{Oblique, `<span style="font-style:oblique;">`, "</span>"},
	{Bold, "<b>", "</b>"},
	{SmallCaps, `<span style="font-variant:small-caps;">`, "</span>"},
	{Underline, `<span style="text-decoration:underline;">`, "</span>"},
	{Superscript, "<sup>", "</sup>"},
	{Subscript, "<sub>", "</sub>"},
	{NoDecoration, `<span style="font-style:normal;">`, "</span>"},
}

// normalTag is the index of the upright span in htmlTags.
const normalTag = 7

// HTML returns the text as citeproc-js writes it, with its escapes and
// without links; the fixtures of the CSL test suite are written this way.
// Formatting shared by neighbouring spans stays open across them.
func (r Rich) HTML() string {
	var b strings.Builder
	var open []int // indexes into htmlTags of the open tags, outermost first
	for _, s := range r {
		if s.Text == "" {
			continue
		}
		want := htmlTagsOf(s.Format)
		keep := 0
		for keep < len(open) && keep < len(want) && open[keep] == want[keep] {
			keep++
		}
		for i := len(open) - 1; i >= keep; i-- {
			b.WriteString(htmlTags[open[i]].shut)
		}
		for _, t := range want[keep:] {
			b.WriteString(htmlTags[t].open)
		}
		open = want
		b.WriteString(escapeHTML(s.Text))
	}
	for i := len(open) - 1; i >= 0; i-- {
		b.WriteString(htmlTags[open[i]].shut)
	}
	return b.String()
}

// htmlTagsOf lists the tags a format needs; upright text inside italics
// is an italic context with a normal-style span inside.
func htmlTagsOf(f Format) []int {
	var tags []int
	for i, t := range htmlTags[:normalTag] {
		if f&t.f != 0 || (t.f == Italic && f&NoDecoration != 0) {
			tags = append(tags, i)
		}
		if t.f == Italic && f&NoDecoration != 0 && f&Italic == 0 {
			tags = append(tags, normalTag)
		}
	}
	return tags
}

var htmlEscaper = strings.NewReplacer("&", "&#38;", "<", "&#60;", ">", "&#62;")

func escapeHTML(s string) string { return htmlEscaper.Replace(s) }
