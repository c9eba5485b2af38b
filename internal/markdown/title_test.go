package markdown

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/lang"
	"github.com/redtide/edition/internal/markdown/scan"
	"github.com/redtide/edition/internal/markdown/typo"
)

// TestInlineText reads front matter strings as the sites that publish
// them do: a line of Markdown, in the post's language.
func TestInlineText(t *testing.T) {
	tests := []struct{ in, lang, want string }{
		{"Migration &amp; Trade", "en", "Migration & Trade"},
		{"Migration &amp;amp; Trade", "en", "Migration &amp; Trade"},
		{"Reading _Capital_ and **Grundrisse**", "en", "Reading Capital and Grundrisse"},
		{"snake_case_name stays", "en", "snake_case_name stays"},
		{"The `grep` command", "en", "The grep command"},
		{`"Quoted" -- and 'single'`, "en", "“Quoted” – and ‘single’"},
		{`"Zitat" und 'innen'`, "de", "„Zitat“ und ‚innen‘"},
		// French titles take the narrow no-break spaces the body text
		// takes (issue 19: they were given breakable spaces); Programming
		// Historian's French lessons and a French blog's question title.
		{`"Citation" : vraiment ?`, "fr", "«\u202fCitation\u202f»\u202f: vraiment\u202f?"},
		{"Introduction à Omeka : créer une exposition", "fr", "Introduction à Omeka\u202f: créer une exposition"},
		{"Qu'est-ce que l'historiographie?", "fr", "Qu’est-ce que l’historiographie\u202f?"},
		{"Prix\u00a0: 10\u00a0€", "fr", "Prix\u00a0: 10\u00a0€"},
		// Programming Historian's French TF-IDF lesson types a space and
		// &#x202F; before a colon: one space, the narrow one.
		{"Note du traducteur &#x202F;: En anglais", "fr", "Note du traducteur\u202f: En anglais"},
		{`"Cita"`, "es", "«Cita»"},
		{"#1 Hit and 1. Not a list", "en", "#1 Hit and 1. Not a list"},
		{"A <em>raw</em> tag &#8212; dash", "en", "A raw tag — dash"},
		{"  spread \n over  lines ", "en", "spread over lines"},
		{"", "en", ""},
	}
	for _, tc := range tests {
		if got := InlineText(tc.in, tc.lang); got != tc.want {
			t.Errorf("InlineText(%q, %s) = %q, want %q", tc.in, tc.lang, got, tc.want)
		}
	}
}

// TestSmarten: plain text from raw HTML and the manifest, per language.
func TestSmarten(t *testing.T) {
	tests := []struct{ in, lang, want string }{
		{`He said "hi" -- don't`, "en", "He said “hi” – don’t"},
		{`Er sagte "Hallo"...`, "de", "Er sagte „Hallo“…"},
		{`Il a dit "oui"!`, "fr", "Il a dit « oui » !"},
		{`"Sim"`, "pt", "«Sim»"},
		{`"Ja"`, "nl", "“Ja”"},
		{`"unknown"`, "xx", "“unknown”"},
		{"typed “marks” stay", "de", "typed “marks” stay"},
	}
	for _, tc := range tests {
		got := typo.Smarten(tc.in, tc.lang)
		want := tc.want
		if tc.lang == "fr" {
			want = "Il a dit «\u202Foui\u202F»\u202F!"
		}
		if got != want {
			t.Errorf("Smarten(%q, %s) = %q, want %q", tc.in, tc.lang, got, want)
		}
	}
}

// TestSafeURL: links are percent-encoded once, as XHTML and PDF readers
// want them; other schemes are refused.
func TestSafeURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://example.org/a b", "https://example.org/a%20b"},
		{"https://example.org/?q=[1]", "https://example.org/?q=%5B1%5D"},
		{"https://example.org/%41%zz", "https://example.org/%41%25zz"},
		{"https://example.org/a#b#c", "https://example.org/a#b%23c"},
		{"https://[::1]:8080/x", "https://[::1]:8080/x"},
		{"//example.org/x", "https://example.org/x"},
		{"https://bücher.de/straße", "https://xn--bcher-kva.de/stra%C3%9Fe"},
		{`https://example.org/"x"{y}|z\`, "https://example.org/%22x%22%7By%7D%7Cz%5C"},
		{"mailto:a@example.org?subject=a b", "mailto:a@example.org?subject=a%20b"},
		{"javascript:alert(1)", ""},
		{"/relative", ""},
		{"https://", ""},
	}
	for _, tc := range tests {
		got, ok := scan.SafeURL(tc.in)
		if !ok {
			got = ""
		}
		if got != tc.want {
			t.Errorf("safeURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if ok {
			if again, _ := scan.SafeURL(got); again != got {
				t.Errorf("safeURL is not idempotent on %q: %q", got, again)
			}
		}
	}
}

// TestPlainLine checks that a line InlineText returns as it is comes out
// of the full reading unchanged too.
func TestPlainLine(t *testing.T) {
	pieces := []string{"Word", " ", "é", ".", "-", ":", ";", "?", "!", "1.", "#", "(x)", "{%", "$", "a@b", "http://x.org", "«", "“", "\u00a0", "|", "+", "=", "/", "%", "^", "\u202f", ","}
	r := rand.New(rand.NewPCG(9, 10))
	checked := 0
	for range 20000 {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		line := strings.Join(strings.Fields(b.String()), " ")
		for _, language := range []string{"en", "fr", "de"} {
			if line == "" || !plainLine(line, lang.For(language)) {
				continue
			}
			checked++
			if got := inlineText(line, language); got != line {
				t.Fatalf("%s: %q reads as %q, not as it is", language, line, got)
			}
		}
	}
	if checked < 5000 {
		t.Errorf("only %d plain lines tried", checked)
	}
}
