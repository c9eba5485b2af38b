package text

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestWordTable checks wordTable against a Go map: words of every length
// around the packed ones' limits (0 to 20 bytes), words that differ only
// in length or in trailing NULs, and non-ASCII words, set and overwritten
// through several growths.
func TestWordTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := "ab\x00\x7fé"
	var words []string
	for n := range 21 {
		for range 40 {
			var b strings.Builder
			for b.Len() < n {
				b.WriteByte(alphabet[rng.IntN(len(alphabet))])
			}
			words = append(words, b.String()[:n])
		}
		words = append(words, strings.Repeat("a", n), strings.Repeat("\x00", n), "x"+strings.Repeat("\x00", n))
	}
	var tab wordTable
	want := map[string]shapeRef{}
	for i, w := range words {
		r := shapeRef{ems: int32(i), segs: int32(-i)}
		if i%3 == 0 {
			w = words[rng.IntN(i+1)] // overwrite one set before
		}
		tab.put(w, r)
		want[w] = r
		for _, v := range words {
			got, ok := tab.get(v)
			if exp, expOK := want[v]; ok != expOK || got != exp {
				t.Fatalf("after %d puts, get(%q) = %v %v, want %v %v", i+1, v, got, ok, exp, expOK)
			}
		}
	}
	if tab.n+len(tab.other) != len(want) {
		t.Errorf("%d words kept, want %d", tab.n+len(tab.other), len(want))
	}
}
