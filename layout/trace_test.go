package layout_test

import (
	"strings"
	"testing"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/layout"
)

// TestTraceParagraph checks that the line breaker's account of a real
// paragraph names its passes, its hyphenation breaks and its choice.
func TestTraceParagraph(t *testing.T) {
	cfg := layout.DefaultConfig()
	cfg.Columns = 2
	text := "Revolutionary organisations everywhere confronted the extraordinary difficulty of " +
		"communicating internationally, notwithstanding the considerable typographical " +
		"infrastructure that sympathetic printers maintained throughout the nineteenth century."
	got, err := layout.TraceParagraph(fonts.Default(), cfg, "en", text)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"@firstpass\n", "@@1: line 1.", "@chosen @@", "Revolutionary"} {
		if !strings.Contains(got, s) {
			t.Errorf("trace lacks %q:\n%s", s, got)
		}
	}
	if _, err := layout.TraceParagraph(nil, cfg, "en", text); err == nil {
		t.Error("no error without fonts")
	}
}
