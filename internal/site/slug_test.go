package site

import (
	"regexp"
	"testing"
	"unicode/utf8"
)

// The expressions datePrefixLen and replaceRuns stand for.
var (
	datePrefixExpr   = regexp.MustCompile(`^\d{4}-\d{1,2}-\d{1,2}-`)
	prettyUnsafeExpr = regexp.MustCompile(`[^\p{L}\p{N}._~!$&'()+,;=@]+`)
	slugUnsafeExpr   = regexp.MustCompile(`[^\p{L}\p{N}]+`)
)

var slugCases = []string{
	"", "-", "2024-01-31-post", "2024-1-3-x", "2024-1-3", "2024-1-3-", "20241-1-3-x", "2024-123-1-x",
	"2024-12-123-x", "202-1-1-x", "2024--1-x", "x2024-1-1-", "２０２４-1-1-x", "2024-1-1--x",
	"Hello, World!", "Hello  World", "  lead and trail  ", "a/b\\c", "Straße & Co.", "ﬁ½²Ⅻ",
	"日本語 テキスト", "a\xffb", "\xff", "a\xc3", "a\uFFFDb", "tab\there", "x—y–z", "a_b", "@home;=()+",
	"~!$&'", "%20", "#anchor?q=1", "Ωμέγα", "٣٤", "a\u200bb", "emoji 😀 here",
}

// TestDatePrefixLen: datePrefixLen finds the date the expression finds.
func TestDatePrefixLen(t *testing.T) {
	for _, s := range slugCases {
		if got, want := datePrefixLen(s), len(datePrefixExpr.FindString(s)); got != want {
			t.Errorf("datePrefixLen(%q) = %d, the expression finds %d bytes", s, got, want)
		}
	}
}

// TestReplaceRuns: replaceRuns with prettyKeeps and letterOrNumber
// replaces what the expressions replace.
func TestReplaceRuns(t *testing.T) {
	for _, s := range slugCases {
		checkReplaceRuns(t, s)
	}
}

func checkReplaceRuns(t *testing.T, s string) {
	t.Helper()
	if got, want := replaceRuns(s, prettyKeeps), prettyUnsafeExpr.ReplaceAllString(s, "-"); got != want {
		t.Errorf("replaceRuns(%q, prettyKeeps) = %q, the expression gives %q", s, got, want)
	}
	if got, want := replaceRuns(s, letterOrNumber), slugUnsafeExpr.ReplaceAllString(s, "-"); got != want {
		t.Errorf("replaceRuns(%q, letterOrNumber) = %q, the expression gives %q", s, got, want)
	}
}

func FuzzSlugs(f *testing.F) {
	for _, s := range slugCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := datePrefixLen(s), len(datePrefixExpr.FindString(s)); got != want {
			t.Fatalf("datePrefixLen(%q) = %d, the expression finds %d bytes", s, got, want)
		}
		checkReplaceRuns(t, s)
	})
}

// TestSlugClasses: prettyKeeps and letterOrNumber keep every rune the
// expressions' classes keep, and no other.
func TestSlugClasses(t *testing.T) {
	step := rune(1)
	if testing.Short() {
		step = 7
	}
	for r := rune(0); r <= utf8.MaxRune; r += step {
		s := string(r)
		if got, want := prettyKeeps(r), !prettyUnsafeExpr.MatchString(s); got != want && utf8.ValidRune(r) {
			t.Errorf("prettyKeeps(%U) = %v, the expression says %v", r, got, want)
		}
		if got, want := letterOrNumber(r), !slugUnsafeExpr.MatchString(s); got != want && utf8.ValidRune(r) {
			t.Errorf("letterOrNumber(%U) = %v, the expression says %v", r, got, want)
		}
	}
}
