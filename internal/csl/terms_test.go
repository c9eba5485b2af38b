package csl

import (
	"testing"

	"github.com/redtide/edition/internal/bib"
)

// TestTermChainKept checks that a processor's terms, asked once and
// again, are those the locale chain gives, and that a term no locale has
// stays missing.
func TestTermChainKept(t *testing.T) {
	p := NewProcessor(DefaultStyle(), "de-DE", func(string) *bib.Item { return nil })
	asked := 0
	for _, l := range p.loc.locales {
		for k := range l.terms {
			want := p.loc.locales.lookupTerm(k.name, k.form, k.gender)
			for range 2 {
				if got := p.loc.lookupTerm(k.name, k.form, k.gender); got != want {
					t.Fatalf("term %v: %v, the chain gives %v", k, got, want)
				}
			}
			asked++
		}
	}
	if asked == 0 {
		t.Fatal("the chain has no terms")
	}
	for range 2 {
		if s, ok := p.loc.term("no-such-term", "short", false); ok || s != "" {
			t.Fatalf("no-such-term: %q, %v", s, ok)
		}
	}
	if s, _ := p.loc.term("and", "long", false); s != "und" {
		t.Errorf(`"and" in German: %q, want "und"`, s)
	}
}
