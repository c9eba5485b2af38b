package text

import (
	"slices"
	"strings"
	"testing"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/layout/linebreak"
)

// piecesOf makes pieces of s for the splitting tests: "|" separates
// pieces, which alternate between regular and italic; a piece "\n" is a
// hard break, one that starts with "^" a note reference.
func piecesOf(s string) []Piece {
	var ps []Piece
	for i, t := range strings.Split(s, "|") {
		st := Style{Face: Face{Kind: TextFace, Style: fonts.Style(i % 2 * int(fonts.Italic))}, Size: Length(10+i) * Pt}
		switch {
		case t == "\n":
			ps = append(ps, Piece{Style: st, Hard: true})
		case strings.HasPrefix(t, "^"):
			ps = append(ps, Piece{Text: t[1:], Style: st, Ref: &model.NoteRef{}})
		default:
			ps = append(ps, Piece{Text: t, Style: st})
		}
	}
	return ps
}

// checkSplit checks that itemBuf.splitWords cuts the pieces of s
// (piecesOf) into the words that SplitWords does, with the same spaces
// between them.
func checkSplit(t *testing.T, s string) {
	t.Helper()
	ps := piecesOf(s)
	var wb WordBuf
	words, spaces := SplitWords(ps, &wb)
	var ib itemBuf
	ib.splitWords(ps)
	if len(ib.words) != len(words) {
		t.Fatalf("%q: %d words, SplitWords %d", s, len(ib.words), len(words))
	}
	for wi, w := range ib.words {
		want := words[wi]
		if w.hard() != (want.Pieces == nil) {
			t.Fatalf("%q: word %d: hard break %t, SplitWords %t", s, wi, w.hard(), want.Pieces == nil)
		}
		if w.hard() {
			continue
		}
		got := ib.wordOf(ib.parts[w.from:w.to])
		if len(got.Pieces) != len(want.Pieces) {
			t.Fatalf("%q: word %d: %d pieces, SplitWords %d", s, wi, len(got.Pieces), len(want.Pieces))
		}
		for k, p := range got.Pieces {
			if q := want.Pieces[k]; p != q {
				t.Fatalf("%q: word %d piece %d: %+v, SplitWords %+v", s, wi, k, p, q)
			}
		}
		// The space after a word counts when a word follows it.
		if wi+1 < len(words) && words[wi+1].Pieces != nil && (w.space == nil || *w.space != spaces[wi]) {
			t.Fatalf("%q: space after word %d: %v, SplitWords %+v", s, wi, w.space, spaces[wi])
		}
	}
}

func TestSplitWords(t *testing.T) {
	for _, s := range []string{
		"",
		"word",
		"  two  words  ",
		"one|two",
		"one |two",
		"one| two",
		"a|^1| b",
		"end.|^12|\n|next line",
		"\n|\n|x",
		"x|\n",
		"x|\n|\n",
		"tab\there\r\nline",
		"no\u00a0break\u202fnarrow\u2007figure em\u2003space",
		"\u3000ideographic|naïve\u00a0x y",
		"bad\xffbyte z\xe2\x80",
		"| |  |x| |",
	} {
		checkSplit(t, s)
	}
}

// FuzzSplitWords checks splitWords against SplitWords on any text cut
// into pieces (see piecesOf).
func FuzzSplitWords(f *testing.F) {
	for _, s := range []string{"two words|^1| and\n|\n|more", "a\u00a0b\u2003c|d", " |x| "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkSplit(t, s) })
}

// TestLineWords checks the words counted before each line as the lines
// are set against WordCounter.upTo over the items before the line.
func TestLineWords(t *testing.T) {
	lt, c := bodySetter(DefaultBreakConfig())
	added := c.style()
	added.Added = true
	text := strings.Repeat("A paragraph of words, some of them hyphen\u00adated, and some extraordinarily long: ", 6)
	ps := []Piece{
		{Text: text, Style: c.style()},
		{Text: "(https://example.com/a/long/address)", Style: added},
		{Text: "1", Style: c.style(), Ref: &model.NoteRef{}},
		{Text: " after the note" + text, Style: c.style()},
		{Hard: true, Style: c.style()},
		{Text: "x", Style: c.style()},
		{Math: &MathPiece{Box: mbox(10, 5, 2), Break: true, Space: 2 * Pt, TeX: "x + y"}, Style: c.style()},
		{Math: &MathPiece{Box: mbox(10, 5, 2)}, Style: c.style()},
		{Text: text, Style: c.style()},
	}
	for _, justify := range []bool{false, true} {
		spec := c.spec("en")
		spec.Justify = justify
		spec.Width /= 2
		out := lt.SetParagraph(ps, spec)
		// Set again to see the items and breaks the lines came from.
		items, data := lt.buildItems(ps, spec)
		width := func(int) linebreak.Length { return kp(spec.Width) }
		var lines []linebreak.Line
		if justify {
			var ok bool
			if lines, ok, _ = lt.breakJustified(items, data, width, spec.Width); !ok {
				t.Fatal("no justified breaks")
			}
		} else {
			lines = linebreak.Greedy(items, width)
		}
		if len(lines) != len(out) || len(lines) < 10 {
			t.Fatalf("justify %t: %d lines, set again %d", justify, len(out), len(lines))
		}
		for i, ln := range lines {
			var wc WordCounter
			if got, want := out[i].Info.Word, wc.upTo(items, data, ln.Start); got != want {
				t.Errorf("justify %t, line %d: %d words before, want %d", justify, i, got, want)
			}
		}
	}
}

// TestRunsOwnFace checks the runs the setter marks as needing no
// fallback split (Run.own): their text is ASCII that their face draws
// itself, and SplitFallback cuts a line's runs as it does with no run
// marked.
func TestRunsOwnFace(t *testing.T) {
	lt, c := bodySetter(DefaultBreakConfig())
	italic, mono := c.style(), c.style()
	italic.Face.Style = fonts.Italic
	mono.Face = Face{Kind: MonoFace}
	text := "Workers’ councils ⇆ and the “general strike” in the neighbourhood assemblies, again and again: "
	ps := []Piece{
		{Text: text + text, Style: c.style()},
		{Text: "extraordinarily ⇆long italics, ", Style: italic},
		{Text: "code_words ⇆ here ", Style: mono},
		{Text: text, Style: c.style()},
	}
	spec := c.spec("en")
	spec.Width /= 3
	own := 0
	for _, sl := range lt.SetParagraph(ps, spec) {
		plain := slices.Clone(sl.Runs)
		for i := range plain {
			plain[i].own = false
		}
		for _, r := range sl.Runs {
			if !r.own {
				continue
			}
			own++
			if a := lt.asciiOf(r.Face); !isASCII(r.Text) || a == nil || !a.own {
				t.Errorf("run %q in %v marked as drawn in its own face", r.Text, r.Face)
			}
		}
		got, want := lt.SplitFallback(sl.Runs), lt.SplitFallback(plain)
		for i := range got {
			got[i].own = false
		}
		if !slices.Equal(got, want) {
			t.Errorf("SplitFallback of %v:\n%v\nwithout marks\n%v", sl.Runs, got, want)
		}
	}
	if own == 0 {
		t.Error("no run marked")
	}
}

// TestMergeOwn: a run marked as drawn in its own face loses the mark
// when a box not known to be so joins it.
func TestMergeOwn(t *testing.T) {
	st := Style{Size: 10 * Pt}
	var rb runBuilder
	a := boxData{st: &st, src: "ab", to: 2, ascii: true}
	rb.add(&a, Pt, true)
	rb.x = Pt
	b := textBox("⇆", &st)
	if !rb.adjacent() || !rb.merge(&b, Pt) {
		t.Fatal("the boxes are not joined")
	}
	if r := rb.runs[0]; r.Text != "ab⇆" || r.own {
		t.Errorf("joined run %q, own %t; want \"ab⇆\", false", r.Text, r.own)
	}
}
