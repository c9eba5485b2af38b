package pipeline

import (
	"strings"
	"testing"

	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/layout"
)

// TestPrintConfigHyphenation checks the manifest's hyphenation keys: set,
// left at the layout's defaults, and out of range with the print block's
// line, which the manifest reports when it is read.
func TestPrintConfigHyphenation(t *testing.T) {
	const head = "publication: P\ndate: 2026-01-01\nposts: [a.md]\nprint:\n"
	for _, c := range []struct {
		print string
		want  func(layout.BreakConfig) bool
		err   string
	}{
		{"  columns: 2\n", func(b layout.BreakConfig) bool { return b == layout.DefaultBreakConfig() }, ""},
		{"  hyphen_penalty: 0\n  left_hyphen_min: 3\n  right_hyphen_min: 4\n", func(b layout.BreakConfig) bool {
			return b.HyphenPenalty == 0 && b.LeftHyphenMin == 3 && b.RightHyphenMin == 4
		}, ""},
		{"  hyphen_penalty: 20000\n", nil, "e.yaml:4: print: hyphen penalty 20000 is outside 0–10000"},
	} {
		var cfg layout.Config
		m, err := manifest.Parse("e.yaml", []byte(head+c.print))
		if err == nil {
			cfg, err = PrintConfig(m)
		}
		switch {
		case c.err != "":
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%q: error %v, want %q", c.print, err, c.err)
			}
		case err != nil:
			t.Errorf("%q: %v", c.print, err)
		case !c.want(cfg.Break):
			t.Errorf("%q: %+v", c.print, cfg.Break)
		}
	}
}
