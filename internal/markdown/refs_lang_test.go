package markdown

import (
	"regexp"
	"strings"
	"testing"
)

// The expressions undefRefAt and isLanguageTag replace.
var (
	undefRefExpr    = regexp.MustCompile(`^\[\^[ \t]*([^\]\s]{1,100})[ \t]*\]`)
	languageTagExpr = regexp.MustCompile(`^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*$`)
)

var undefRefCases = []string{
	"", "[", "[^", "[^]", "[^1]", "[^1] text", "[^ 1 ]", "[^\t1\t]x", "[^ ]", "[^1 2]", "[^1\n]",
	"[^1\r]", "[^note-é]", "[^\xff]", "[^日本]", "[^a]]", "[^[a]", "[^a" + strings.Repeat("b", 99) + "]",
	"[^a" + strings.Repeat("b", 100) + "]", "[^" + strings.Repeat("é", 100) + "]",
	"[^" + strings.Repeat("é", 101) + "]", "[^ \t a \t ]", "[1]", "[^a\f]", "[^a\v]", "x[^1]",
}

// TestUndefRefAt: undefRefAt reads the reference the expression matches.
func TestUndefRefAt(t *testing.T) {
	for _, s := range undefRefCases {
		checkUndefRef(t, s)
	}
}

func checkUndefRef(t *testing.T, s string) {
	t.Helper()
	n, label := undefRefAt([]byte(s))
	wantN, wantLabel := 0, ""
	if m := undefRefExpr.FindStringSubmatch(s); m != nil {
		wantN, wantLabel = len(m[0]), m[1]
	}
	if n != wantN || string(label) != wantLabel {
		t.Errorf("undefRefAt(%q) = %d, %q; the expression reads %d, %q", s, n, label, wantN, wantLabel)
	}
}

var languageTagCases = []string{
	"", "e", "en", "EN", "en-US", "en_US", "en-", "-en", "en--US", "en-1", "1en", "abcdefgh",
	"abcdefghi", "en-abcdefgh", "en-abcdefghi", "zh-Hant-TW", "x-klingon", "de-CH-1901", "en US",
	"en-US\n", "é", "en-é", "sr-Latn_RS", "a1", "en-@", "en-[", "en-`", "en-{",
}

// TestIsLanguageTag: isLanguageTag accepts what the expression matches.
func TestIsLanguageTag(t *testing.T) {
	for _, s := range languageTagCases {
		if got, want := isLanguageTag(s), languageTagExpr.MatchString(s); got != want {
			t.Errorf("isLanguageTag(%q) = %v, the expression says %v", s, got, want)
		}
	}
	// every byte at every place of a tag
	for c := range 256 {
		for at := range 9 {
			b := []byte("en-US-x1a")
			b[at] = byte(c)
			if got, want := isLanguageTag(string(b)), languageTagExpr.Match(b); got != want {
				t.Errorf("isLanguageTag(%q) = %v, the expression says %v", b, got, want)
			}
		}
	}
}

func FuzzUndefRefAndTag(f *testing.F) {
	for _, s := range append(undefRefCases, languageTagCases...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkUndefRef(t, s)
		checkUndefRef(t, "[^"+s)
		if got, want := isLanguageTag(s), languageTagExpr.MatchString(s); got != want {
			t.Errorf("isLanguageTag(%q) = %v, the expression says %v", s, got, want)
		}
	})
}
