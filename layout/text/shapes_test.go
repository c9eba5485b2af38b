package text

import (
	"fmt"
	"strings"
	"testing"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/layout/linebreak"
)

// dumpItems lists a paragraph's items and what each draws, a line each.
func dumpItems(items []linebreak.Item, data []boxData) string {
	var b strings.Builder
	for i, it := range items {
		d := data[i]
		fmt.Fprintf(&b, "%d %d %d %d %d %t %q", it.Kind, it.Width, it.Stretch, it.Shrink, it.Penalty, it.Flagged, d.text())
		if d.st != nil {
			fmt.Fprintf(&b, " %+v", *d.st)
		}
		fmt.Fprintf(&b, " %q %d %d %d %t %t\n", d.src, d.word, d.from, d.to, d.fill, d.mathSpace)
	}
	return b.String()
}

// TestShapesKept checks that a setter that has set words before, and
// sets them again from the shapes it keeps (shapes.go), gives the items a
// new setter gives: for the same words in several languages, faces and
// sizes, hyphenated or not, with soft hyphens, in mixed case, as code,
// links and passages, and wider than a narrow measure.
func TestShapesKept(t *testing.T) {
	_, c := bodySetter(DefaultBreakConfig())
	words := "The revolutionary Internationale’s hyphenation, (bureaucracy) in\u00adter\u00adna\u00adtional " +
		"NATO McDonaldization sixteenth-century Rijksmuseum readthedocs.org e.g. internationalisation " +
		"Arbeiterbewegung organisation/reformist révolutionnaire revolución revolutionary."
	st := c.style()
	italic := st
	italic.Face.Style = fonts.Italic
	mono := st
	mono.Face = Face{Kind: MonoFace}
	big := st
	big.Size = 14 * Pt
	link := st
	link.URL = "https://example.org/revolutionary"
	passage := st
	passage.Lang = "de"
	narrow := c.spec("en")
	narrow.Width = 40 * Pt
	unhyphenated := c.spec("en")
	unhyphenated.Hyphenate = false
	type par struct {
		name  string
		ps    []Piece
		spec  Spec
		wider bool // some word is wider than the measure
	}
	var pars []par
	for _, lang := range []string{"en", "de", "fr", "es", "nl", "sv"} {
		pars = append(pars, par{name: lang, ps: []Piece{{Text: words, Style: st}}, spec: c.spec(lang)})
	}
	pars = append(pars, []par{
		{name: "italic", ps: []Piece{{Text: words, Style: italic}}, spec: c.spec("en")},
		{name: "code", ps: []Piece{{Text: words, Style: mono}}, spec: c.spec("en")},
		{name: "14pt", ps: []Piece{{Text: words, Style: big}}, spec: c.spec("en")},
		{name: "link", ps: []Piece{{Text: words, Style: link}}, spec: c.spec("en")},
		{name: "passage", ps: []Piece{{Text: words, Style: passage}}, spec: c.spec("en")},
		{name: "unhyphenated", ps: []Piece{{Text: words, Style: st}}, spec: unhyphenated},
		{name: "narrow", ps: []Piece{{Text: words, Style: st}}, spec: narrow, wider: true},
		{name: "indented", ps: []Piece{{Text: words, Style: st}}, spec: Spec{Width: c.width, Indent: 2 * Pt, Justify: true, Hyphenate: true, Lang: "en"}},
		{name: "pieces", ps: []Piece{{Text: "revolution", Style: st}, {Text: "ary revolutionary", Style: italic}}, spec: c.spec("en")},
	}...)
	want := make([]string, len(pars))
	for i, p := range pars {
		lt, _ := bodySetter(DefaultBreakConfig())
		want[i] = dumpItems(lt.buildItems(p.ps, p.spec))
		if p.wider != strings.Contains(want[i], fmt.Sprintf(" %d false", charPenalty)) {
			t.Errorf("%s: emergency breaks %t, want %t", p.name, !p.wider, p.wider)
		}
	}
	if !strings.Contains(want[0], "rev") || want[0] == want[1] {
		t.Fatalf("en and de set alike or unhyphenated:\n%s", want[0])
	}
	// One setter sets every paragraph, in both orders, twice.
	lt, _ := bodySetter(DefaultBreakConfig())
	for round := range 4 {
		words := lt.shapes.words
		for k := range pars {
			i := k
			if round%2 == 1 {
				i = len(pars) - 1 - k
			}
			if got := dumpItems(lt.buildItems(pars[i].ps, pars[i].spec)); got != want[i] {
				t.Errorf("round %d, %s: items\n%s\nwant\n%s", round, pars[i].name, got, want[i])
			}
		}
		if round == 0 && lt.shapes.words == 0 {
			t.Fatal("no shapes kept")
		}
		if round > 0 && lt.shapes.words != words {
			t.Errorf("round %d: %d shapes kept, %d after the first round", round, lt.shapes.words, words)
		}
	}
}

// TestShapesBounded checks that a setter that has kept shapeMax words
// starts afresh and sets words as before.
func TestShapesBounded(t *testing.T) {
	lt, c := bodySetter(DefaultBreakConfig())
	st := c.style()
	spec := c.spec("en")
	ps := []Piece{{Text: "revolutionary internationalisation end", Style: st}}
	want := dumpItems(lt.buildItems(ps, spec))
	lt.shapes.words = shapeMax - 1
	for range 3 {
		if got := dumpItems(lt.buildItems(ps, spec)); got != want {
			t.Fatalf("after a fresh start: items\n%s\nwant\n%s", got, want)
		}
	}
	if lt.shapes.words >= shapeMax || lt.shapes.words == 0 {
		t.Errorf("%d shapes kept, want fewer than %d", lt.shapes.words, shapeMax)
	}
}
