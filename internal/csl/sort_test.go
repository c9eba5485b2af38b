package csl

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// TestFold checks fold, which decomposes a segment at a time, against
// the whole text decomposed at once.
func TestFold(t *testing.T) {
	whole := func(s string) string {
		var b strings.Builder
		for _, r := range norm.NFD.String(s) {
			if unicode.Is(unicode.Mn, r) || b.Len() == 0 && (unicode.IsPunct(r) || unicode.IsSpace(r)) || r == '[' || r == ']' {
				continue
			}
			b.WriteRune(unicode.ToLower(r))
		}
		return b.String()
	}
	for _, tc := range []struct{ in, want string }{
		{"Müller, Anna", "muller, anna"},
		{"“Élan” vital", "elan” vital"},
		{"[Ångström] Straße", "angstrom straße"},
		{"  ‘Œuvres’", "œuvres’"},
		{"ǅ Ç̌ x", "ǆ c x"},
		{"", ""},
		{"plain ascii [1]", "plain ascii 1"},
	} {
		got := fold(tc.in)
		if got != whole(tc.in) {
			t.Errorf("fold(%q) = %q, decomposed whole: %q", tc.in, got, whole(tc.in))
		}
		if got != tc.want {
			t.Errorf("fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// every ASCII character leading, inside and trailing (fold's byte path)
	for c := range 128 {
		s := string(rune(c)) + "Ab" + string(rune(c)) + "Z" + string(rune(c))
		if got := fold(s); got != whole(s) {
			t.Errorf("fold(%q) = %q, decomposed whole: %q", s, got, whole(s))
		}
	}
}
