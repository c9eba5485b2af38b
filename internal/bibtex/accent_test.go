package bibtex

import (
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// TestAccentComposed checks that an accent composed with its letter
// gives the value the letter and its combining mark give, once in NFC,
// for every accent on every ASCII character, the dotless i and j, and
// longer bases, followed by nothing, a letter or another combining mark.
func TestAccentComposed(t *testing.T) {
	bases := []string{"ı", "ȷ", "ab", "é", ""}
	for r := rune(' '); r < utf8.RuneSelf; r++ {
		bases = append(bases, string(r))
	}
	composed := 0
	for name, mark := range accents {
		for _, base := range bases {
			for _, tail := range []string{"", "x", "\u0323", "\u0301"} {
				got, want := withAccent(base, mark, true), withAccent(base, mark, false)
				if got != want {
					composed++
				}
				if g, w := norm.NFC.String(got+tail), norm.NFC.String(want+tail); g != w {
					t.Errorf(`\%s{%s}%s: %q composed, %q not`, name, base, tail, g, w)
				}
			}
		}
	}
	if composed == 0 {
		t.Error("no accent composed")
	}
}

// TestNestedAccents checks that an accent over an accented letter goes
// on the letter's first rune, as TeX's marks are read one inside the
// other: \'{\"u} is u, acute, diaeresis, in NFC.
func TestNestedAccents(t *testing.T) {
	var c texConv
	for tex, marks := range map[string]string{
		`\'{\"u}`:       "u\u0301\u0308",
		`\"{\'u}`:       "u\u0308\u0301",
		`\'{\"u}x\~n`:   "u\u0301\u0308xn\u0303",
		`M{\"u}ller`:    "Mu\u0308ller",
		`\c{\'c}`:       "c\u0327\u0301",
		`{\'\i}`:        "i\u0301",
		`\'{}`:          "\u0301",
		`\v{\.{\'z}}ab`: "z\u030c\u0307\u0301ab",
	} {
		if got, want := c.rich(tex), norm.NFC.String(marks); got != want {
			t.Errorf("%s: %q, want %q", tex, got, want)
		}
	}
}
