package text

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/hyph"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/layout/linebreak"
)

// breaksOf sets text as a body paragraph in language lang and returns
// its words with their in-word breaks marked: "|" a hyphenation point,
// "‡" one in a capitalised word, "^" after a word's own hyphen, dash or
// slash, "¦" at the punctuation of a literal, and "␣" between words.
// Text between backquotes is set as code.
func breaksOf(t *testing.T, cfg BreakConfig, lang, text string) string {
	t.Helper()
	lt, c := bodySetter(cfg)
	spec := c.spec(lang)
	var ps []Piece
	for i, s := range strings.Split(text, "`") {
		st := c.style()
		if i%2 == 1 {
			st.Face = Face{Kind: MonoFace}
		}
		if s != "" {
			ps = append(ps, Piece{Text: s, Style: st})
		}
	}
	// The last word of a paragraph is never hyphenated: end with one more.
	ps = append(ps, Piece{Text: " end", Style: c.style()})
	items, data := lt.buildItems(ps, spec)
	var b strings.Builder
	for i, it := range items {
		switch {
		case it.Kind == linebreak.BoxItem:
			b.WriteString(data[i].text())
		case it.Kind == linebreak.GlueItem && !data[i].fill:
			b.WriteString("␣")
		case it.Kind == linebreak.PenaltyItem && it.Flagged && it.Width == 0:
			b.WriteString("^")
		case it.Kind == linebreak.PenaltyItem && it.Flagged && it.Penalty == cfg.UppercaseHyphenPenalty:
			b.WriteString("‡")
		case it.Kind == linebreak.PenaltyItem && it.Flagged:
			b.WriteString("|")
		case it.Kind == linebreak.PenaltyItem && it.Penalty == urlPenalty:
			b.WriteString("¦")
		}
	}
	return strings.TrimSuffix(b.String(), "␣end")
}

func TestHyphenationRules(t *testing.T) {
	cfg := DefaultBreakConfig()
	strict := cfg
	strict.RightHyphenMin = 6
	for _, c := range []struct {
		name, lang, text string
		cfg              BreakConfig
		want             string
	}{
		{"patterns", "en", "hyphenation", cfg, "hy|phen|ation"},
		{"right minimum of the edition", "en", "hyphenation", strict, "hy|phenation"},
		{"compound: only at its hyphen", "en", "sixteenth-century", cfg, "sixteenth-^century"},
		{"compound of names", "en", "Attribution-NonCommercial", cfg, "Attribution-^NonCommercial"},
		{"suspended compound", "de", "Arbeiter- und", cfg, "Arbeiter-␣und"},
		{"en dash compound", "en", "Marx–Engels", cfg, "Marx–^Engels"},
		{"slash compound", "en", "revolutionary/reformist", cfg, "revolutionary/^reformist"},
		{"em dash joins words, each hyphenated", "en", "revolution—especially", cfg, "rev|o|lu|tion—^es|pe|cially"},
		{"soft hyphens are the only breaks", "en", "in\u00adter\u00adna\u00adtional", cfg, "in|ter|na|tional"},
		{"capitalised word", "en", "Rijksmuseum", cfg, "Ri‡jksmu‡seum"},
		{"all capitals", "en", "REVOLUTIONARY", cfg, "REVOLUTIONARY"},
		{"narrow no-break space joins", "fr", "semaine\u202f»", cfg, "se|maine\u202f»"},
		{"no-break space joins", "en", "page\u00a012", cfg, "page 12"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := breaksOf(t, c.cfg, c.lang, c.text); got != c.want {
				t.Errorf("%s: got %q, want %q", c.text, got, c.want)
			}
		})
	}
}

// TestRuntWidth checks the width under which a paragraph's last line is a
// runt: a sixth of the measure, unless the last line must hold a word (or
// the part of one after its last break) of four letters or digits.
func TestRuntWidth(t *testing.T) {
	lt, c := bodySetter(DefaultBreakConfig())
	st := c.style()
	spec := c.spec("en")
	sixth := spec.Width / 6
	for _, tc := range []struct {
		text string
		tail string // the last line from here on is no runt; "" for a sixth of the measure
	}{
		{"The strike ended in it.", "ended in it."},
		{"The strike was over, or not.", "over, or not."},
		{"The strike ended on the third day.", "third day."},
		{"The strike ended in 1919.", "1919."},
		{"The printers demanded recognition.", "recognition."},
		{"The strike spread to Seattle, a, b, c, d, e, f, g, h, i, j, k.", ""},
	} {
		items, data := lt.buildItems([]Piece{{Text: tc.text, Style: st}}, spec)
		want := sixth
		if tc.tail != "" {
			want = 0
			for i, w := range strings.Fields(tc.tail) {
				if i > 0 {
					want += lt.Width(" ", st)
				}
				want += lt.Width(w, st)
			}
		}
		if got := runtWidth(items, data, spec.Width); got < want-8 || got > want+8 {
			t.Errorf("%q: runt width %v, want %v (a sixth: %v)", tc.text, got, want, sixth)
		}
	}
}

// TestWholeWordsOnly checks that the patterns hyphenate whole words only,
// with the punctuation around them, and that a token that is not a word
// (a file or domain name, an identifier, code, a number, a slash
// compound, camelCase) breaks only at its own punctuation, with no hyphen
// added after or before a slash, hyphen, dash, digit or underscore.
func TestWholeWordsOnly(t *testing.T) {
	cfg := DefaultBreakConfig()
	for _, c := range []struct {
		name, lang, text, want string
	}{
		{"quotes and a comma around a word", "en", "“bureaucracy”,", "“bu|reau|cracy”,"},
		{"brackets and a full stop", "en", "(revolutionary).", "(rev|o|lu|tion|ary)."},
		{"elision", "fr", "d’utilisation", "d’uti|li|sa|tion"},
		{"elision before a capital", "fr", "l’Organisation", "l’Or‡ga‡ni‡sa‡tion"},
		{"file name in brackets", "en", "(default.html),", "(default¦.html),"},
		{"file name with hyphens", "es", "html-a-lista-1.py.", "html¦-a¦-lista¦-1¦.py."},
		{"domain", "en", "readthedocs.org", "readthedocs¦.org"},
		{"domain in camelCase", "en", "NearlyFreeSpeech.net", "NearlyFreeSpeech¦.net"},
		{"qualified name", "en", "java.lang.NoClassDefFoundError:", "java¦.lang¦.NoClassDefFoundError:"},
		{"identifier", "pt", "tbl_periodicos_resultados", "tbl¦_periodicos¦_resultados"},
		{"code", "en", "`f_regression()`", "f¦_regression()"},
		{"code word", "en", "`regression`", "regression"},
		{"code option", "en", "`--output-directory`", "--output¦-directory"},
		{"address", "en", "https://example.com/some-path?x=1", "https:¦//¦example¦.com¦/some¦-path¦?x¦=¦1"},
		{"camelCase", "en", "NearlyFreeSpeech", "NearlyFreeSpeech"},
		{"name with an inner capital", "en", "McDonaldization", "McDonaldization"},
		{"en dash between words", "en", "locations–which", "locations–^which"},
		{"slash between figures", "en", "76/24", "76/^24"},
		{"range of pages", "en", "221–238.", "221–238."},
		{"range of years", "de", "1914–18", "1914–18"},
		{"slash compound with an elision", "fr", "d’utilisateur/utilisatrice", "d’utilisateur/^utilisatrice"},
		{"digits", "en", "revolution1917", "revolution1917"},
		{"bracket inside", "fr", "character(personnage),", "character(personnage),"},
		{"pipe inside", "es", "Specimens|Didactic", "Specimens|Didactic"},
		{"abbreviation", "en", "e.g.", "e.g."},
		{"decimal", "en", "3.14159", "3.14159"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := breaksOf(t, cfg, c.lang, c.text); got != c.want {
				t.Errorf("%s: got %q, want %q", c.text, got, c.want)
			}
		})
	}
}

// FuzzWordBreaks sets any text as a paragraph, in code and out of it:
// nothing panics, and the boxes of the words of plain printable ASCII
// text hold the text's words, whatever breaks were found in them.
func FuzzWordBreaks(f *testing.F) {
	for _, s := range []string{
		"(default.html), html-a-lista-1.py. d’utilisateur/utilisatrice 76/24",
		"https://example.com/a-b?x=1&y=2#z mailto:a@b.org `f_regression()`",
		"revolution—especially Marx–Engels in\u00adter\u00adna\u00adtional NATO’s e.g. 3.14",
		"semaine\u202f» page\u00a012 \xff\xfe x::y a//b ://",
	} {
		f.Add(s)
	}
	lt, c := bodySetter(DefaultBreakConfig())
	spec := c.spec("en")
	f.Fuzz(func(t *testing.T, text string) {
		mono := c.style()
		mono.Face = Face{Kind: MonoFace}
		for _, st := range []Style{c.style(), mono} {
			items, data := lt.buildItems([]Piece{{Text: text, Style: st}}, spec)
			if !printableASCII(text) {
				continue
			}
			var got []string
			word := ""
			for i, it := range items {
				switch {
				case it.Kind == linebreak.BoxItem:
					word += data[i].text()
				case it.Kind == linebreak.GlueItem && word != "":
					got = append(got, word)
					word = ""
				}
			}
			if word != "" {
				got = append(got, word)
			}
			if want := strings.Fields(text); !slices.Equal(got, want) {
				t.Fatalf("%q: words %q, want %q", text, got, want)
			}
		}
	})
}

func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' && !strings.ContainsRune("\t\n\v\f\r", rune(s[i])) || s[i] > '~' {
			return false
		}
	}
	return true
}

// testHost is a Host that keeps the setter's warnings.
type testHost struct {
	warns []diag.Warning
	keys  []string // the key of each warning
}

func (h *testHost) Where() (string, int) { return "test.md", 1 }
func (h *testHost) Warn(key string, w diag.Warning) {
	h.warns, h.keys = append(h.warns, w), append(h.keys, key)
}
func (h *testHost) NoteAnchors(*model.NoteRef) (string, string) { return "ref", "note" }

// body is the body text of layout's default edition: 10pt on 12.5pt, in
// a column of a two-column 11in tabloid page (margins 15mm and 13mm, a
// gap of 6mm).
type body struct{ width Length }

func (c body) style() Style {
	return Style{Face: Face{Kind: TextFace, Style: fonts.Regular}, Size: 10 * Pt}
}

func (c body) spec(lang string) Spec {
	return Spec{Width: c.width, Justify: true, Hyphenate: true, Lang: lang, Kind: KindBody, Leading: Pt * 25 / 2}
}

// bodySetter returns a setter of the default fonts with break settings b
// and the tolerances of layout's default edition, and its body text.
func bodySetter(b BreakConfig) (*Setter, body) {
	s := NewSetter(fonts.Default(), Settings{Tolerance: 350, LooseTolerance: 2000, Break: b}, &testHost{})
	return &s, body{width: (11*Inch - 15*Mm - 13*Mm - 6*Mm) / 2}
}

// TestLongWordHyphens: a word of 64 bytes or more, which the memo does
// not hold, gets the hyphens a shorter one would: the patterns', with the
// edition's minimums of letters before and after each.
func TestLongWordHyphens(t *testing.T) {
	cfg := DefaultBreakConfig()
	cfg.LeftHyphenMin, cfg.RightHyphenMin = 4, 6
	lt, _ := bodySetter(cfg)
	h, err := hyph.New("en")
	if err != nil {
		t.Fatal(err)
	}
	base := "internationalisationrevolutionaryhyphenationcounterrevolutionaryindependence"
	for _, n := range []int{20, 62, 63, 64, 65, len(base)} {
		word := base[:n]
		var want []int
		for _, off := range h.Hyphenate(word) {
			if off >= cfg.LeftHyphenMin && len(word)-off >= cfg.RightHyphenMin {
				want = append(want, off)
			}
		}
		bp := make([]uint8, len(word)+1)
		bp[want[0]] = bpExplicit // a break already there stays
		lt.markHyphens(word, bp, bpHyph, h)
		var got []int
		for off, k := range bp {
			if k != bpNone {
				got = append(got, off)
			}
		}
		if !slices.Equal(got, want) || bp[want[0]] != bpExplicit {
			t.Errorf("%d letters: breaks at %v (first %d), want %v (first %d)", n, got, bp[want[0]], want, bpExplicit)
		}
		if n >= 64 && len(want) < 5 {
			t.Errorf("%d letters: only %v hyphens", n, want)
		}
	}
}

// TestMemoBounded checks that a hyphenation memo that holds memoWords
// words starts afresh and hyphenates as before.
func TestMemoBounded(t *testing.T) {
	lt, _ := bodySetter(DefaultBreakConfig())
	h := lt.hyphenator("en")
	want := lt.hyphenate(h, "revolutionary")
	for i := len(lt.memo); i < memoWords; i++ {
		lt.memo[fmt.Sprint("word", i)] = 0
	}
	if got := lt.hyphenate(h, "hyphenation"); got == 0 || len(lt.memo) != 1 {
		t.Fatalf("hyphenation: %b, with %d words in the memo; want hyphens and 1 word", got, len(lt.memo))
	}
	if got := lt.hyphenate(h, "revolutionary"); got != want {
		t.Errorf("revolutionary: %b, want %b", got, want)
	}
}

// TestIndexBreakSpace finds the first space a line may break at, and
// skips the no-break ones and other runes.
func TestIndexBreakSpace(t *testing.T) {
	for _, c := range []struct {
		s    string
		i, n int
	}{
		{"", -1, 0},
		{"word", -1, 0},
		{"two words", 3, 1},
		{"tab\there", 3, 1},
		{"line\r\nend", 4, 1},
		{"no\u00a0break\u202fnarrow\u2007figure", -1, 0},
		{"café\u2003em", 5, 3},
		{"naïve\u00a0x y", 9, 1},
		{"\u3000ideographic", 0, 3},
		{"bad\xffbyte z", 8, 1},
	} {
		if i, n := indexBreakSpace(c.s); i != c.i || n != c.n {
			t.Errorf("%q: %d, %d; want %d, %d", c.s, i, n, c.i, c.n)
		}
	}
}

// TestWordClassASCII checks that wordClass's loop over the bytes of an
// ASCII word classes it as the loop over runes does, and that a word
// with a rune beyond ASCII is classed by the runes.
func TestWordClassASCII(t *testing.T) {
	for _, w := range []string{"", "a", "ab", "word", "Word", "WORD", "NATO's", "NATO’s", "camelCase",
		"iPhone", "x2", "l'Internationale", "d’utilisation", "Zürich", "naïve", "ZÜRICH", "a-b", "it's", "O'Neill", "'tis"} {
		if got, want := wordClass(w), wordClassRunes(w); got != want {
			t.Errorf("wordClass(%q) = %d, want %d", w, got, want)
		}
	}
	if got := wordClass("Zürich"); got != bpHyphCap {
		t.Errorf("wordClass(Zürich) = %d, want %d", got, bpHyphCap)
	}
	if got := wordClass("hyphenation"); got != bpHyph {
		t.Errorf("wordClass(hyphenation) = %d, want %d", got, bpHyph)
	}
}
