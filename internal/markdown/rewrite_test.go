package markdown

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/markdown/typo"
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
		typo.Rewrite(txt, out)
		if txt.Text != want.String() {
			t.Fatalf("rewrite(%q, %q) = %q, want %q", src, out, txt.Text, want.String())
		}
	}
}

// TestContainsNonchar checks the byte search for placeholders against
// reading the runes.
func TestContainsNonchar(t *testing.T) {
	for _, s := range []string{"", "abc", "\uFDD0", "a\uFDEF", "\uFDCF\uFDF0", "\xEF\xB7", "\xEF\xB7\x8F", "x\xEF\xB7\x90", "é\uFDD4”", "\xEF\xEF\xB7\xA0"} {
		want := strings.ContainsFunc(s, typo.IsPlaceholder)
		if got := typo.ContainsNoncharString(s); got != want {
			t.Errorf("containsNoncharString(%q) = %v, want %v", s, got, want)
		}
		if got := typo.ContainsNonchar([]byte(s)); got != want {
			t.Errorf("containsNonchar(%q) = %v, want %v", s, got, want)
		}
	}
}
