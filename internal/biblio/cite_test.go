package biblio

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// reQuoted defines what quotedTitle finds: it was the test itself until
// a one-pass scan replaced it, and stays as the reference.
var reQuoted = regexp.MustCompile(`[“«„‘"‹]\s?[^“”«»„"‘’‹›]{3,}?\s[^“”«»„"‘’‹›]{2,}?\s?[”»“’"›]`)

func TestQuotedTitle(t *testing.T) {
	for _, s := range []string{
		`Smith, J. “A Title of Words.” Journal 3.`,
		`Grendi, E. (1977), «Micro-analisi e storia sociale», Quaderni storici`,
		`„Die Zeit der Welt“`,
		`"ab cd"`, `"abc de"`, `"abc d"`, `" abc de "`, `"abcde"`, `"abc\tde"`, `"abc\u00a0de"`,
		`“one” “two words here”`, `“abc “def gh”`, `‘abc de’`, `‹abc de›`, `“abc de`, `abc de”`,
		"\"abc \xffde\"", `"abc de""`, `«abc de«`, `"   de"`, `"abc  "`,
	} {
		if got, want := quotedTitle(s), reQuoted.MatchString(s); got != want {
			t.Errorf("quotedTitle(%q) = %v, the expression says %v", s, got, want)
		}
	}
	// Random strings over the characters that matter.
	alphabet := []string{"a", "b", " ", "\t", "\n", "\u00a0", "“", "”", "«", "»", "„", `"`, "‘", "’", "‹", "›", "\xff", "é"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(16) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		s := b.String()
		if got, want := quotedTitle(s), reQuoted.MatchString(s); got != want {
			t.Fatalf("quotedTitle(%q) = %v, the expression says %v", s, got, want)
		}
	}
}

func FuzzQuotedTitle(f *testing.F) {
	f.Add(`Smith, J. “A Title of Words.” Journal 3.`)
	f.Add(`«abc de» "fg hi"`)
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := quotedTitle(s), reQuoted.MatchString(s); got != want {
			t.Errorf("quotedTitle(%q) = %v, the expression says %v", s, got, want)
		}
	})
}

func TestPhraseSet(t *testing.T) {
	phrases := []string{"n.d.", "in press", "à paraître", "©", "лицензи", "x"}
	ps := newPhraseSet(phrases...)
	for _, s := range []string{"", "n.d", "smith n.d.", "in pres", "in press.", "à paraîtr", "…à paraître", "© 2001", "лицензия", "n.d.n.d.", "ends in x", "i", "in"} {
		want := false
		for _, p := range phrases {
			want = want || strings.Contains(s, p)
		}
		if got := ps.in(s); got != want {
			t.Errorf("in(%q) = %v, want %v", s, got, want)
		}
	}
	if !newPhraseSet("x", "").in("abc") {
		t.Error("the empty phrase is in every text")
	}
}

func TestFieldCount(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a ", "a b", "a\u00a0b\u2003c", "\xff \xfe", "  many   spaced\twords\n", "a\vb\fc\rd\u0085e\x1ff"} {
		if got, want := fieldCount(s), len(strings.Fields(s)); got != want {
			t.Errorf("fieldCount(%q) = %d, want %d", s, got, want)
		}
	}
}

// nearlyEqualRunes is nearlyEqual as first written, on runes: the
// reference for the version that reads strings in place.
func nearlyEqualRunes(a, b string) bool {
	x, y := []rune(a), []rune(b)
	if len(x) < len(y) {
		x, y = y, x
	}
	switch len(x) - len(y) {
	case 0:
		i := 0
		for i < len(x) && x[i] == y[i] {
			i++
		}
		if i == len(x) {
			return true
		}
		if string(x[i+1:]) == string(y[i+1:]) {
			return true
		}
		return i+1 < len(x) && x[i] == y[i+1] && x[i+1] == y[i] && string(x[i+2:]) == string(y[i+2:])
	case 1:
		i := 0
		for i < len(y) && x[i] == y[i] {
			i++
		}
		return string(x[i+1:]) == string(y[i:])
	}
	return false
}

func TestNearlyEqual(t *testing.T) {
	for _, c := range [][2]string{{"acknowledgements", "acknowlegements"}, {"bibliographie", "bibliografie"}, {"literatur", "litaretur"}, {"quellen", "qeullen"}, {"références", "réfèrences"}, {"über", "ubër"}, {"", "a"}, {"ab", "ba"}, {"aé", "éa"}} {
		if got, want := nearlyEqual(c[0], c[1]), nearlyEqualRunes(c[0], c[1]); got != want {
			t.Errorf("nearlyEqual(%q, %q) = %v, want %v", c[0], c[1], got, want)
		}
	}
	letters := []rune{'a', 'b', 'é', 'è', 'ß', '𝄞'}
	r := rand.New(rand.NewPCG(5, 6))
	word := func() string {
		w := make([]rune, r.IntN(6))
		for i := range w {
			w[i] = letters[r.IntN(len(letters))]
		}
		return string(w)
	}
	for range 50000 {
		a, b := word(), word()
		if r.IntN(2) == 0 && len(a) > 0 { // often one edit apart
			rs := []rune(a)
			i := r.IntN(len(rs))
			switch r.IntN(3) {
			case 0:
				rs[i] = letters[r.IntN(len(letters))]
			case 1:
				rs = append(rs[:i], rs[i+1:]...)
			default:
				if i+1 < len(rs) {
					rs[i], rs[i+1] = rs[i+1], rs[i]
				}
			}
			b = string(rs)
		}
		if got, want := nearlyEqual(a, b), nearlyEqualRunes(a, b); got != want {
			t.Fatalf("nearlyEqual(%q, %q) = %v, want %v", a, b, got, want)
		}
	}
}
