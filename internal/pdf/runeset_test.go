package pdf

import (
	"math/rand"
	"testing"
)

// TestRuneSet checks runeSet.has, which reads ASCII from a byte table
// four bytes at a time, against the rune-by-rune test the painter made
// before (a rune beyond the BMP is never in the set; invalid UTF-8 is
// U+FFFD), on strings of every length up to 12 from a small alphabet of
// ASCII, other BMP runes, a rune beyond the BMP and a stray byte, while
// the set grows.
func TestRuneSet(t *testing.T) {
	alphabet := []string{"a", "b", "c", "(", " ", "é", "€", "𝑥", "\xff", "\x7f", "z"}
	var set runeSet
	in := map[rune]bool{}
	hasRef := func(s string) bool {
		for _, r := range s {
			if r >= 1<<16 || !in[r] {
				return false
			}
		}
		return true
	}
	r := rand.New(rand.NewSource(5))
	for round := 0; round < 3000; round++ {
		var s string
		for n := r.Intn(13); n > 0; n-- {
			s += alphabet[r.Intn(len(alphabet))]
		}
		if got, want := set.has(s), hasRef(s); got != want {
			t.Fatalf("round %d: has(%q) = %v, want %v", round, s, got, want)
		}
		if r.Intn(40) == 0 {
			set.add(s)
			for _, c := range s {
				in[c] = true
			}
		}
	}
	if !set.has("") {
		t.Error(`has("") = false`)
	}
}
