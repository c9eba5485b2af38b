package csl

import (
	"strings"
	"testing"

	"github.com/redtide/edition/internal/bib"
)

// TestMarkScans checks hasRichMarks and indexApostrophe against the
// strings functions they stand for, on every string of up to three
// pieces of text around the marks, their neighbours in UTF-8 (… – ‚ ‛
// „ ‟ share their first two bytes) and a string cut inside a mark.
func TestMarkScans(t *testing.T) {
	pieces := []string{"", "a", "é", "<", "\"", "'", "‘", "’", "“", "”", "…", "–", "‚", "‛", "„", "‟", "\xe2\x80", "\xe2"}
	n := 0
	for _, a := range pieces {
		for _, b := range pieces {
			for _, c := range pieces {
				s := a + b + c
				n++
				if got, want := hasRichMarks(s), strings.ContainsAny(s, richMarks); got != want {
					t.Errorf("hasRichMarks(%q) = %v, want %v", s, got, want)
				}
				if got, want := indexApostrophe(s), strings.IndexAny(s, "'’"); got != want {
					t.Errorf("indexApostrophe(%q) = %d, want %d", s, got, want)
				}
			}
		}
	}
	if n != len(pieces)*len(pieces)*len(pieces) {
		t.Fatal("strings not all tried")
	}
}

// TestTitleCaseRemembered checks that a title cased again, from the
// processor's memory, comes out as it did the first time, and that a
// text not in English is left alone both times.
func TestTitleCaseRemembered(t *testing.T) {
	p := NewProcessor(DefaultStyle(), "en-US", nil)
	for _, lang := range []string{"en", "de"} {
		st := &itemState{item: &bib.Item{Vars: map[string]string{"language": lang}}}
		c := p.newCtx(st, nil, p.style.bibliography)
		for _, s := range []string{"on the DNA of things: a study", "ON THE ORIGIN", "the end"} {
			fresh := &node{text: s}
			applyCase(fresh, "title", lang == "en")
			for range 2 {
				n := &node{text: s}
				c.applyCase(n, "title")
				if n.text != fresh.text {
					t.Errorf("%s: %q title-cased to %q, want %q", lang, s, n.text, fresh.text)
				}
			}
			if lang == "en" && fresh.text == s {
				t.Errorf("%q not changed by title case", s)
			}
		}
		p.release(c)
	}
}

// TestNumberRuns checks numberRuns against numberTok, whose matches it
// counts (up to two, all isPlural asks), on every string of up to four
// pieces of digits, letters, separators and non-ASCII digits.
func TestNumberRuns(t *testing.T) {
	pieces := []string{"", "1", "23", "a", " ", "-", "–", ", ", "&", "٣", "x1"}
	for _, a := range pieces {
		for _, b := range pieces {
			for _, c := range pieces {
				for _, d := range pieces {
					s := a + b + c + d
					if got, want := numberRuns(s), min(len(numberTok().FindAllString(s, -1)), 2); got != want {
						t.Errorf("numberRuns(%q) = %d, want %d", s, got, want)
					}
				}
			}
		}
	}
}
