package text

import (
	"testing"

	"github.com/redtide/edition/layout/mathbox"
)

// mbox is a formula box w points wide, h high and d deep.
func mbox(w, h, d float64) *mathbox.Box { return &mathbox.Box{Width: w, Height: h, Depth: d} }

// TestMathBreaks sets a formula of three pieces, as mathbox gives
// "a = \frac{b}{c} d": a line may break after the relation (the first
// piece) and nowhere else, the fraction being one box. In a measure that
// holds one piece and a half, the break falls after the relation, the
// math space there is dropped, and the next line starts with the
// fraction at the left edge.
func TestMathBreaks(t *testing.T) {
	lt, c := bodySetter(DefaultBreakConfig())
	st := c.style()
	thick := 10 * Pt * 5 / 18
	ps := []Piece{
		{Style: st, Math: &MathPiece{Box: mbox(40, 7, 0), Break: true, Penalty: 500, Space: thick, Stretch: thick, TeX: "a = \\frac{b}{c} d"}},
		{Style: st, Math: &MathPiece{Box: mbox(40, 12, 5), Space: 10 * Pt / 6}},
		{Style: st, Math: &MathPiece{Box: mbox(10, 7, 0)}},
	}
	lines := lt.SetParagraph(ps, Spec{Width: 60 * Pt, Kind: KindBody, Leading: Pt * 25 / 2})
	if len(lines) != 2 {
		t.Fatalf("%d lines, want 2", len(lines))
	}
	if r := lines[0].Runs; len(r) != 1 || r[0].Math != ps[0].Math.Box || r[0].X != 0 || r[0].Y != 0 || lines[0].NaturalRight() != 40*Pt {
		t.Errorf("first line: %+v, want the relation's piece alone on the baseline", r)
	}
	r := lines[1].Runs
	if len(r) != 2 || r[0].Math != ps[1].Math.Box || r[0].X != 0 || r[1].Math != ps[2].Math.Box || r[1].X != 40*Pt+10*Pt/6 {
		t.Errorf("second line: %+v, want the fraction at 0 and the last piece after a thin space", r)
	}
	// the fraction (12pt high) is taller than the leading allows after a
	// line of text: the second line moves down; the first keeps the grid
	if lines[0].Height != Pt*25/2 {
		t.Errorf("first line %v high, want the leading", lines[0].Height)
	}
	if lines[1].Height <= Pt*25/2 || lines[1].Base-lines[0].Base < 0 {
		t.Errorf("second line %v high, base %v: want room for the fraction", lines[1].Height, lines[1].Base)
	}
	// above: the depth of text, \lineskip, the fraction's height; below
	// (the paragraph's last line): its depth, \lineskip, the height of text
	above := 10*Pt*textDown/100 + 10*Pt*lineSkip/100 + 12*Pt - Pt*25/2
	below := 5*Pt + 10*Pt*lineSkip/100 + 10*Pt*textUp/100 - Pt*25/2
	if got := lines[1].Base - lines[0].Base; got != above {
		t.Errorf("second line's baseline %v lower, want %v (TeX's \\lineskip)", got, above)
	}
	if got := lines[1].Height - Pt*25/2; got != above+below {
		t.Errorf("second line %v taller than the leading, want %v", got, above+below)
	}
}

// TestMathNoBreak sets the same formula without the relation's break: it
// stays whole on one (overfull) line.
func TestMathNoBreak(t *testing.T) {
	lt, c := bodySetter(DefaultBreakConfig())
	st := c.style()
	ps := []Piece{
		{Style: st, Math: &MathPiece{Box: mbox(40, 7, 0), Space: 2 * Pt}},
		{Style: st, Math: &MathPiece{Box: mbox(40, 7, 0)}},
	}
	lines := lt.SetParagraph(ps, Spec{Width: 60 * Pt, Kind: KindBody, Leading: Pt * 25 / 2})
	if len(lines) != 1 || len(lines[0].Runs) != 2 || !lines[0].Info.Overfull {
		t.Fatalf("%d lines, want one overfull line of both pieces", len(lines))
	}
}

// TestInlineMathJustified sets a formula in a justified paragraph: it is
// a box on the baseline, the line is flush with the measure, the math
// space stretches with the line but is not counted as a word space, and
// a formula no taller than text keeps the leading.
func TestInlineMathJustified(t *testing.T) {
	lt, c := bodySetter(DefaultBreakConfig())
	st := c.style()
	words := Piece{Text: "Words of a paragraph long enough to fill a line or two of the column, with a formula ", Style: st}
	f := []Piece{
		{Style: st, Math: &MathPiece{Box: mbox(12, 6.8, 0.2), Break: true, Penalty: 500, Space: 3 * Pt, Stretch: 3 * Pt, TeX: "x = 1"}},
		{Style: st, Math: &MathPiece{Box: mbox(5, 6.8, 0)}},
	}
	rest := Piece{Text: ", in it, and more words after it to end the paragraph on a second line.", Style: st}
	ps := append(append([]Piece{words}, f...), rest)
	lines := lt.SetParagraph(ps, c.spec("en"))
	found := false
	for _, l := range lines {
		if l.Height != Pt*25/2 {
			t.Errorf("line %d is %v high, want the leading", l.Info.ParLine, l.Height)
		}
		for i, r := range l.Runs {
			if r.Math == nil {
				continue
			}
			found = true
			if r.Y != 0 || r.Text != "" || r.Width != FromPoints(r.Math.Width) {
				t.Errorf("math run %+v: want a box on the baseline, as wide as the formula", r)
			}
			if r.Math == f[0].Math.Box && i+1 < len(l.Runs) && l.Runs[i+1].Math == f[1].Math.Box {
				if gap := l.Runs[i+1].X - r.X - r.Width; gap < 3*Pt {
					t.Errorf("math space %v, want at least its natural 3pt", gap)
				}
			}
		}
		if l.Info.ParLine < l.Info.ParLen-1 && (!l.Info.Justified || l.NaturalRight() != l.Width) {
			t.Errorf("line %d not flush: right edge %v of %v", l.Info.ParLine, l.NaturalRight(), l.Width)
		}
	}
	if !found {
		t.Fatal("no math run")
	}
	// the words of the formula are its TeX's, as the EPUB counts them
	items, data := lt.buildItems(ps, c.spec("en"))
	var wc WordCounter
	if n := wc.upTo(items, data, len(items)); n != countWords(words.Text+"x = 1"+rest.Text) {
		t.Errorf("%d words, want %d", n, countWords(words.Text+"x = 1"+rest.Text))
	}
}

// countWords counts words as the EPUB does (WordCounter.Text).
func countWords(s string) int {
	var wc WordCounter
	wc.Text(s)
	return wc.Begun()
}
