package csl

import (
	"strings"
	"testing"
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
