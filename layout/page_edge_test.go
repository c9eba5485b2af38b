package layout_test

import (
	"testing"

	"github.com/redtide/edition/doc"
	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/layout"
	"github.com/redtide/edition/layout/layouttest"
)

// TestEdgeCases: odd but legal inputs lay out without panics or overfull
// lines.
func TestEdgeCases(t *testing.T) {
	cases := map[string]*doc.Edition{
		"empty":      {},
		"no blocks":  {Sections: []*doc.Section{{Articles: []*doc.Article{{ID: "a"}}}}},
		"odd blocks": layouttest.Odd(),
	}
	for name, ed := range cases {
		for cname, cfg := range map[string]layout.Config{"two": layout.DefaultConfig(), "one": a5()} {
			d, err := layout.Layout(ed, fonts.Default(), cfg, func(string, string) {})
			if err != nil {
				t.Errorf("%s/%s: %v", name, cname, err)
				continue
			}
			measure(t, name+"/"+cname, d, cfg)
			_ = d.Dump()
		}
	}
}
