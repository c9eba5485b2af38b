package biblio

import (
	"strings"
	"testing"

	"github.com/redtide/edition/internal/model"
)

func text(s string) *model.Text { return &model.Text{Text: s} }

// entryTexts is the plain text of each entry, joined by " | ".
func entryTexts(es [][]model.Inline) string {
	var out []string
	for _, e := range es {
		out = append(out, model.PlainText(e))
	}
	return strings.Join(out, " | ")
}

// TestParagraphLines splits paragraphs where their sources separate
// references, and only there.
func TestParagraphLines(t *testing.T) {
	br := &model.LineBreak{}
	tests := []struct {
		name string
		ins  []model.Inline
		want string
	}{
		{"<br> between references (pt case)", []model.Inline{
			text("Bloch, Marc. Apologia da história. Rio de Janeiro: Zahar, 2001."), br,
			text("Burke, Peter. O que é história cultural? Rio de Janeiro: Zahar, 2005."),
		}, "Bloch, Marc. Apologia da história. Rio de Janeiro: Zahar, 2001. | Burke, Peter. O que é história cultural? Rio de Janeiro: Zahar, 2005."},
		{"breaks between the parts of one reference (Antipode README)", []model.Inline{
			text("Gan et al"), br, text("An Open-Source Benchmark Suite for Microservices"), br, text("ASPLOS 2019"), br,
			&model.Link{URL: "http://www.csl.cornell.edu/~delimitrou/papers/2019.asplos.microservices.pdf", Inlines: []model.Inline{text("Download")}},
		}, "Gan et al An Open-Source Benchmark Suite for Microservices ASPLOS 2019 Download"}, // one entry, its breaks kept
		{"numbered references run together (tonyduan/resnet-classification)", []model.Inline{
			text("[1] J. Hu, L. Shen, & G. Sun, Squeeze-and-Excitation Networks. CVPR 2018. [2] S. Zagoruyko & N. Komodakis, Wide Residual Networks. BMVC 2016."),
		}, "[1] J. Hu, L. Shen, & G. Sun, Squeeze-and-Excitation Networks. CVPR 2018. | [2] S. Zagoruyko & N. Komodakis, Wide Residual Networks. BMVC 2016."},
		{"a citation of a note number is not a new entry", []model.Inline{
			text("[1] Smith, J. 2001. As argued in [3] and [2], topics drift. London: Verso."),
		}, "[1] Smith, J. 2001. As argued in [3] and [2], topics drift. London: Verso."},
		{"kramdown rows without a header", []model.Inline{
			text("| [1] | Smith, Abby. "), &model.Emph{Inlines: []model.Inline{text("Why Digitize?")}}, text(" 1999. | | [2] | Terras, Melissa. Digital Images. 2008. |"),
		}, "[1] Smith, Abby. Why Digitize? 1999. | [2] Terras, Melissa. Digital Images. 2008."},
		{"pipes inside a line stay", []model.Inline{text("Input | Output: the shell's pipe, 2001")}, "Input | Output: the shell's pipe, 2001"},
		{"rows of unequal width stay", []model.Inline{text("| a | b | | c |")}, "| a | b | | c |"},
	}
	for _, tc := range tests {
		got := entryTexts(paragraphLines(tc.ins))
		if got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}

// TestLeadIn tells the lines that introduce a list from entries.
func TestLeadIn(t *testing.T) {
	tests := []struct {
		ins  []model.Inline
		want bool
	}{
		{[]model.Inline{&model.Emph{Inlines: []model.Inline{text("Um zu verstehen, wie OCR Zeichen und Wörter identifiziert, schauen Sie sich diesen Abschnitt an:")}}}, true},
		{[]model.Inline{text("Sur l'OCR :")}, true},
		{[]model.Inline{&model.Strong{Inlines: []model.Inline{text("Primary sources")}}}, true},
		// a sentence introducing the list stays an entry, as before
		{[]model.Inline{text("If you are interested in the Old Bailey Online, they have released an API and its documentation can be quite helpful:")}, false},
		// an italic title that is a citation is an entry
		{[]model.Inline{&model.Emph{Inlines: []model.Inline{text("Smith, J. 2001. Topic Models. London: Verso.")}}}, false},
		{[]model.Inline{text("Plain text without a colon")}, false},
	}
	for _, tc := range tests {
		if got := leadIn(tc.ins); got != tc.want {
			t.Errorf("leadIn(%q) = %v, want %v", model.PlainText(tc.ins), got, tc.want)
		}
	}
}

// TestTableEntries joins each row's cells, no pipe left, the header a
// group title unless it is a citation.
func TestTableEntries(t *testing.T) {
	cell := func(s string) model.Cell { return model.Cell{Inlines: []model.Inline{text(s)}} }
	tab := &model.Table{
		Header: []model.Cell{cell("Author"), cell("Work")},
		Rows: [][]model.Cell{
			{cell("Burke, Peter."), cell("¿Qué es la historia cultural? Barcelona: Paidós, 2006.")},
			{cell("[2]"), cell(""), cell("Chartier, Roger. El mundo como representación. 1992")},
		},
	}
	es := tableEntries(tab, 7)
	var got []string
	for _, e := range es {
		got = append(got, model.PlainText(e.ins))
	}
	want := "Burke, Peter. ¿Qué es la historia cultural? Barcelona: Paidós, 2006. | [2] Chartier, Roger. El mundo como representación. 1992"
	if strings.Join(got, " | ") != want {
		t.Errorf("rows %q, want %q", got, want)
	}
	if len(es) == 0 || model.PlainText(es[0].group) != "Author. Work" || es[0].line != 7 {
		t.Errorf("header group %q line %d", model.PlainText(es[0].group), es[0].line)
	}
}

// TestLeadItem tells a list item that titles its nested list from one
// that names a work with a note under it (Programming Historian's Python
// lessons: "Lutz, Learning Python" over "Re-read and review Chs. 1-17").
func TestLeadItem(t *testing.T) {
	nested := func(ss ...string) []entry {
		var out []entry
		for _, s := range ss {
			out = append(out, entry{ins: []model.Inline{text(s)}})
		}
		return out
	}
	works := nested("Mayhew, Henry. London Labour and the London Poor. London: Griffin, Bohn, 1861.",
		"Emsley, Clive. Crime and Society in England, 1750–1900. Harlow: Longman, 2010.")
	tests := []struct {
		item   string
		nested []entry
		want   bool
	}{
		{"Primary sources", works, true},
		{"Fonti a stampa", works, true},
		{"On crime in London", works, true}, // most nested entries cite, the item does not
		{"Lutz, Learning Python", nested("Re-read and review Chs. 1-17"), false},
		{"Smith, J. 2001. Topic Models. London: Verso.", works, false}, // a citation over its reviews
		{"Primary sources", nil, false},
	}
	for _, tc := range tests {
		if got := leadItem([]model.Inline{text(tc.item)}, tc.nested); got != tc.want {
			t.Errorf("leadItem(%q) = %v, want %v", tc.item, got, tc.want)
		}
	}
}
