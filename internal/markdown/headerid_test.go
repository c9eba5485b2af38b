package markdown

import (
	"regexp"
	"testing"
)

// headerIDRe is the expression headerIDStart replaces.
var headerIDRe = regexp.MustCompile(`\s*\{[#.][^{}]*\}\s*$`)

func headerIDByRe(s string) int {
	if loc := headerIDRe.FindStringIndex(s); loc != nil {
		return loc[0]
	}
	return -1
}

var headerIDCases = []string{
	"", "}", "{}", "{#}", "{.}", "{#id}", "Title {#id}", "Title {#id}  ", "Title\t {#id}\n",
	"Title {#id .class key=value}", "Title {id}", "Title {#a}{#b}", "Title {#a} {#b} ",
	"Title {#a}}", "Title {{#a}", "Title {#a{b}", "Title { #id}", "Title {#id} x",
	"{#", "#}", " {.x}", "\f\r\n\t{.x}\f\r\n\t", "Title\v{#id}", "Title\u00a0{#id}",
	"Title {#id\n}", "Titre {#é}", "{#\xff}", "a {#b} {c}", "a {.b}}", "}{#a}",
}

// TestHeaderIDStart: headerIDStart finds what the regular expression finds.
func TestHeaderIDStart(t *testing.T) {
	for _, s := range headerIDCases {
		if got, want := headerIDStart(s), headerIDByRe(s); got != want {
			t.Errorf("headerIDStart(%q) = %d, the expression says %d", s, got, want)
		}
	}
	if got := headerIDStart("Title {#id}"); got != 5 {
		t.Errorf("headerIDStart finds %d, want 5", got)
	}
}

func FuzzHeaderIDStart(f *testing.F) {
	for _, s := range headerIDCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := headerIDStart(s), headerIDByRe(s); got != want {
			t.Fatalf("headerIDStart(%q) = %d, the expression says %d", s, got, want)
		}
	})
}
