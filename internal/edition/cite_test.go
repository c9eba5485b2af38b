package edition

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
	phrases := []string{"n.d.", "in press", "à paraître", "©", "лицензи"}
	ps := newPhraseSet(phrases...)
	for _, s := range []string{"", "n.d", "smith n.d.", "in pres", "in press.", "à paraîtr", "…à paraître", "© 2001", "лицензия", "n.d.n.d."} {
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
