package layout_test

import (
	"strings"
	"testing"

	"github.com/redtide/edition/internal/printset"
	"github.com/redtide/edition/layout"
)

// TestPrintSettings checks the type policy: what a manifest's print block
// resolves to.
func TestPrintSettings(t *testing.T) {
	no := false
	mm20, _ := layout.ParseLength("20mm")
	for _, tc := range []struct {
		name    string
		s       printset.Settings
		cols    int
		body    layout.Length
		leading layout.Length
		measure layout.Length // text width; 0: not checked
		err     string
	}{
		{name: "default", cols: 2, body: 10 * layout.Pt, leading: layout.Pt * 25 / 2},
		{name: "tabloid", s: printset.Settings{Trim: "tabloid"}, cols: 2, body: 10 * layout.Pt, leading: layout.Pt * 25 / 2},
		{name: "A4", s: printset.Settings{Trim: "A4"}, cols: 2, body: 10 * layout.Pt, leading: layout.Pt * 25 / 2},
		{name: "A4 one column", s: printset.Settings{Trim: "A4", Columns: 1}, cols: 1, body: 11 * layout.Pt, leading: 14 * layout.Pt, measure: 140 * layout.Mm},
		{name: "A5", s: printset.Settings{Trim: "A5"}, cols: 1, body: 11 * layout.Pt, leading: 14 * layout.Pt},
		{name: "A5 body size", s: printset.Settings{Trim: "A5", BodySize: "9pt"}, cols: 1, body: 9 * layout.Pt, leading: 9 * layout.Pt * 5 / 4},
		{name: "letter margins", s: printset.Settings{Trim: "Letter", Margins: "20mm", Downsample: &no}, cols: 2, body: 10 * layout.Pt, leading: layout.Pt * 25 / 2,
			measure: 612*layout.Pt - 2*mm20},
		{name: "letter one column", s: printset.Settings{Trim: "Letter", Columns: 1}, cols: 1, body: 11 * layout.Pt, leading: 14 * layout.Pt, measure: 140 * layout.Mm},
		{name: "bad trim", s: printset.Settings{Trim: "huge"}, err: "trim size"},
		{name: "bad bleed", s: printset.Settings{Bleed: "3 parsecs"}, err: "bleed"},
		{name: "three columns", s: printset.Settings{Columns: 3}, err: "columns must be 1 or 2"},
	} {
		cfg, err := layout.NewConfig(tc.s, "fr")
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: error %v, want %q", tc.name, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if cfg.Columns != tc.cols || cfg.BodySize != tc.body || cfg.BodyLeading != tc.leading || cfg.Language != "fr" {
			t.Errorf("%s: %d columns %v/%v %s, want %d columns %v/%v", tc.name, cfg.Columns, cfg.BodySize, cfg.BodyLeading, cfg.Language, tc.cols, tc.body, tc.leading)
		}
		if w := cfg.TrimWidth - cfg.MarginInner - cfg.MarginOuter; tc.measure != 0 && w != tc.measure {
			t.Errorf("%s: measure %v, want %v", tc.name, w, tc.measure)
		}
		if cfg.KeepImageResolution != (tc.s.Downsample != nil && !*tc.s.Downsample) {
			t.Errorf("%s: keep image resolution %v", tc.name, cfg.KeepImageResolution)
		}
	}
}
