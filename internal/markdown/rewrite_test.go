package markdown

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/model"
)

// TestRewrite checks rewrite against writing every rune, or its
// replacement, one by one.
func TestRewrite(t *testing.T) {
	pieces := []string{"a", " ", "é", "\uFDD4", "\xff", "\xe2\x80", "’", "\"", "𝄞"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		src := b.String()
		var out []string
		var want strings.Builder
		for _, c := range src {
			rep := ""
			if r.IntN(4) == 0 {
				rep = "«"
			}
			out = append(out, rep)
			if rep != "" {
				want.WriteString(rep)
			} else {
				want.WriteRune(c)
			}
		}
		txt := &model.Text{Text: src}
		rewrite(txt, out)
		if txt.Text != want.String() {
			t.Fatalf("rewrite(%q, %q) = %q, want %q", src, out, txt.Text, want.String())
		}
	}
}
