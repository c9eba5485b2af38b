package biblio

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// authorExpr is the regular expression authorAtHead replaces.
var authorExpr = func() *regexp.Regexp {
	const particle = `(?:van|von|de|der|den|del|della|da|di|du|le|la|ten|ter|zu)`
	const name = `\p{Lu}[\p{L}'’\-]+`
	return regexp.MustCompile(`^(?:` + name + `(?:\s` + name + `)?,\s(?:\p{Lu}\.|\p{Lu}[\p{Ll}'’\-]+)` +
		`|(?:` + name + `\s){1,3}(?:` + particle + `\s)*` + name + `(?:,|\.|\s\(|\s(?:et al|and|&|y|e|et|und|en)\s)` +
		`|(?:\p{Lu}\.\s?){1,3}\s?` + name +
		`|` + name + `\set\.?\sal` +
		`|\p{Lu}{2,}(?:[\s\-]\p{Lu}{2,})*,\s\p{Lu})`)
}()

var authorCases = []string{
	"", "A", "Smith", "Smith, J.", "Smith, John. Title", "Smith Jones, Anna", "Smith  Jones, Anna",
	"Smith,J.", "Smith, j.", "Smith, Ä’x", "Smith, A", "O'Brien, P.", "Ó Súilleabháin, Seán",
	"John Smith, Title", "John Smith. Title", "John Smith (1999)", "John Smith and Jane Doe ",
	"John Smith et al ", "John Smith & Co", "John Smith y ", "John Smith e ", "John Smith et ",
	"John Smith und ", "John Smith en ", "John Smith and", "John Smith or Jane",
	"Ludwig van Beethoven, Symphonies", "Ludwig van der Beethoven. x", "Ludwig van", "Ludwig van ",
	"Anna Maria Luisa Smith, x", "Anna Maria Luisa Karla Smith, x", "Anna Maria Luisa van Smith.",
	"Anna van Maria Smith.", "Anna de la Cruz (2001)", "Vincent Van Gogh.",
	"J. Smith", "J.Smith", "J.  Smith", "J. R. R. Tolkien", "J.R.R. Tolkien", "J. R. R. R. Tolkien",
	"J.R.R.R. Tolkien", "J. S", "J. Sm", "J. 'x", "J.\tSmith", "J.\vSmith",
	"Smith et al.", "Smith et. al", "Smith et.al", "Smith et  al", "Smith etal",
	"SMITH, J", "SMITH, j", "SMITH-JONES, A", "SMITH JONES, A", "SMITH  JONES, A", "SM, A", "S, A",
	"SMITH-J, A", "SMITHjones, A", "ΣΜΙΘ, Α", "Σμιθ, Α.", "Ǆemal, A.", "ǅemal, A.", "ǅ. Smith",
	"Smith\u00a0et al", "Smith, \u00aa", "Smith, Aª", "ª Smith", "Smith\xff, J.", "Smi\xc3, J.",
	"Smith, J\xc3", "Müller-Lüdenscheidt, K.", "L’Écuyer, P.", "Xx-, Y-", "X-, Y.", "X', Y'",
	"A. B. C. D.", "A.B.C.D", "Ab Cd Ef van de Gh, x", "Ab van Cd van Ef.",
}

// TestAuthorAtHead: authorAtHead answers as the regular expression.
func TestAuthorAtHead(t *testing.T) {
	matched := 0
	for _, s := range authorCases {
		got, want := authorAtHead(s), authorExpr.MatchString(s)
		if got != want {
			t.Errorf("authorAtHead(%q) = %v, the expression says %v", s, got, want)
		}
		if want {
			matched++
		}
	}
	if matched < len(authorCases)/3 {
		t.Errorf("only %d of %d cases match: the table tests too little", matched, len(authorCases))
	}
}

func FuzzAuthorAtHead(f *testing.F) {
	for _, s := range authorCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := authorAtHead(s), authorExpr.MatchString(s); got != want {
			t.Fatalf("authorAtHead(%q) = %v, the expression says %v", s, got, want)
		}
	})
}

// TestAuthorAtHeadRandom compares authorAtHead with the expression on
// strings made of the pieces the forms are made of, which reach far more
// of the forms than random bytes do.
func TestAuthorAtHeadRandom(t *testing.T) {
	// words, most of them name-like, and what stands between them
	words := []string{"Smith", "Jo", "J", "A", "SMITH", "AB", "Σμ", "ΑΒ", "Ǆ", "ǅx", "Éa", "J.", "J.",
		"x", "ab", "van", "de", "la", "della", "et", "al", "and", "&", "y", "e", "und", "en", "or",
		"(1999)", "ª", "\xff", "Ab\xc3", "O'B", "L’É", "Mü-Lü", "1999", ""}
	seps := []string{" ", " ", " ", " ", "  ", "\t", "\v", "\u00a0", ",", ", ", ", ", ". ", ".", "-", "'", "’", ""}
	rng := rand.New(rand.NewPCG(1, 2))
	matched, n := 0, 300000
	if testing.Short() {
		n = 30000
	}
	for range n {
		var b strings.Builder
		for k := range 1 + rng.IntN(6) {
			w := words[rng.IntN(len(words))]
			if k == 0 {
				w = words[rng.IntN(13)] // name-like: the forms start so
			} else {
				b.WriteString(seps[rng.IntN(len(seps))])
			}
			b.WriteString(w)
		}
		s := b.String()
		got, want := authorAtHead(s), authorExpr.MatchString(s)
		if got != want {
			t.Fatalf("authorAtHead(%q) = %v, the expression says %v", s, got, want)
		}
		if want {
			matched++
		}
	}
	if matched < n/25 {
		t.Errorf("only %d of %d strings match: the pieces reach too few forms", matched, n)
	}
}
