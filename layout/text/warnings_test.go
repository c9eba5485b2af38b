package text

import (
	"strings"
	"testing"
)

// TestWarningsPointAtTheSource checks that the setter's warnings are
// diag values placed where its Host says the text comes from, each with
// the key that lets the host give it once: a rune no face can draw, and
// a language without hyphenation patterns.
func TestWarningsPointAtTheSource(t *testing.T) {
	lt, c := bodySetter(DefaultBreakConfig())
	h := lt.host.(*testHost)
	lines := lt.SetParagraph([]Piece{{Text: "a private \ue000 rune", Style: c.style()}}, c.spec("xx"))
	if len(lines) == 0 {
		t.Fatal("no lines")
	}
	want := map[string]string{"glyph \ue000": "no glyph for '\\ue000'", "hyph xx\x00test.md": `no hyphenation patterns for language "xx"`}
	if len(h.warns) != len(want) {
		t.Fatalf("warnings %v, want %d", h.warns, len(want))
	}
	for i, w := range h.warns {
		if w.Path != "test.md" || w.Line != 1 {
			t.Errorf("warning %q at %s:%d, want test.md:1", w.Msg, w.Path, w.Line)
		}
		if msg, ok := want[h.keys[i]]; !ok || !strings.Contains(w.Msg, msg) {
			t.Errorf("warning %q with key %q, want one of %q", w.Msg, h.keys[i], want)
		}
	}
}
