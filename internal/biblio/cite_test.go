package biblio

import (
	"math/rand/v2"
	"regexp"
	"slices"
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
		for n := range 6 {
			if got, want := fewFields(s, n), len(strings.Fields(s)) <= n; got != want {
				t.Errorf("fewFields(%q, %d) = %v, want %v", s, n, got, want)
			}
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

// lowerAlphabet is what toLower and the tokens are checked on: ASCII,
// letters whose lower case is ASCII (U+0130, the Kelvin sign) or longer
// or shorter in UTF-8, marks, spaces, U+FFFD and bytes that are not
// UTF-8.
var lowerAlphabet = []string{"a", "B", "Z", "z", "0", "9", " ", "\t", "\n", "'", "-", ".", ":", "’", "“", "\u00a0", "\u0085",
	"É", "é", "İ", "\u212a", "Σ", "ẞ", "Ⱥ", "°", "ǅ", "\ufffd", "\xff", "\xe2\x80", "\xc3", "Д"}

func randomText(r *rand.Rand, n int) string {
	var b strings.Builder
	for range r.IntN(n) {
		b.WriteString(lowerAlphabet[r.IntN(len(lowerAlphabet))])
	}
	return b.String()
}

// TestToLower checks toLower against strings.ToLower.
func TestToLower(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 50000 {
		s := randomText(r, 24)
		if i < len(lowerAlphabet) {
			s = lowerAlphabet[i]
		}
		if got, want := toLower(s), strings.ToLower(s); got != want {
			t.Fatalf("toLower(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzToLower(f *testing.F) {
	f.Add("Smith, J. “A Title.” İstanbul: Verso, 2001")
	f.Add("\xffÉ\u212a")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := toLower(s), strings.ToLower(s); got != want {
			t.Errorf("toLower(%q) = %q, want %q", s, got, want)
		}
	})
}

// TestTokenHead checks what appendCiteTokens says of a head of s: its
// tokens are the first cut tokens of s, then those of s[resume:limit],
// at every limit.
func TestTokenHead(t *testing.T) {
	v := vocab()
	r := rand.New(rand.NewPCG(5, 6))
	for range 5000 {
		s := randomText(r, 20)
		whole, _, _ := appendCiteTokens(nil, s, len(s), v)
		for limit := 0; limit <= len(s); limit++ {
			want, _, _ := appendCiteTokens(nil, s[:limit], limit, v)
			all, cut, resume := appendCiteTokens(nil, s, limit, v)
			if !slices.Equal(all, whole) {
				t.Fatalf("the tokens of %q depend on the limit %d", s, limit)
			}
			got, _, _ := appendCiteTokens(append([]citeToken(nil), all[:cut]...), s[resume:limit], limit-resume, v)
			if !slices.Equal(got, want) {
				t.Fatalf("tokens of %q up to %d: got %v, want %v (cut %d, resume %d)", s, limit, got, want, cut, resume)
			}
		}
	}
}

// TestWordClass checks that citeVocab.class, which skips most words
// without a lookup, gives every word of the lists its class and others
// none.
func TestWordClass(t *testing.T) {
	v := vocab()
	for w, c := range v.classes {
		if got := v.class(w); got != c {
			t.Errorf("class(%q) = %v, want %v", w, got, c)
		}
		for _, o := range []string{w + "x", strings.ToUpper(w), "x" + w} {
			if got := v.class(o); got != v.classes[o] {
				t.Errorf("class(%q) = %v, want %v", o, got, v.classes[o])
			}
		}
	}
	if v.class("") != v.classes[""] {
		t.Error(`class("") differs from the map`)
	}
}
