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
}

// HTML returns the text as citeproc-js writes it, with its escapes and
// without links; the fixtures of the CSL test suite are written this way.
func (r Rich) HTML() string {
	var b strings.Builder
	for _, s := range r {
		if s.Text == "" {
			continue
		}
		var shut []string
		for _, t := range htmlTags {
			if s.Format&t.f != 0 {
				b.WriteString(t.open)
				shut = append(shut, t.shut)
			}
		}
		if s.Format&NoDecoration != 0 && s.Format&Italic == 0 {
			b.WriteString(`<span style="font-style:normal;">`)
			shut = append(shut, "</span>")
		}
		b.WriteString(escapeHTML(s.Text))
		for i := len(shut) - 1; i >= 0; i-- {
			b.WriteString(shut[i])
		}
	}
	return b.String()
}

var htmlEscaper = strings.NewReplacer("&", "&#38;", "<", "&#60;", ">", "&#62;")

func escapeHTML(s string) string { return htmlEscaper.Replace(s) }
