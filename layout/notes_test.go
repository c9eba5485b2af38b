package layout_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/layout"
	"github.com/redtide/edition/layout/layouttest"
)

// TestSplitNote: a note too long for the rest of its column starts below
// its reference and continues at the foot of the next column, as TeX
// splits insertions.
func TestSplitNote(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	long := layouttest.Paragraph(r, 1500)
	note := &model.Note{Number: 1, ID: "fn1", Blocks: []model.Block{long}}
	var blocks []model.Block
	for i := 0; i < 14; i++ {
		blocks = append(blocks, layouttest.Paragraph(r, 60))
	}
	ref := layouttest.Paragraph(r, 40)
	ref.Inlines = append(ref.Inlines, &model.NoteRef{Note: note, Occurrence: 1})
	blocks = append(blocks, ref)
	for i := 0; i < 10; i++ {
		blocks = append(blocks, layouttest.Paragraph(r, 60))
	}
	ed := &model.Edition{Publication: "Notes", Language: "en", Sections: []*model.Section{{Articles: []*model.Article{{
		ID: "a", Source: "a.md", Title: "A long note", Blocks: blocks, Notes: []*model.Note{note}}}}}}
	for name, cfg := range map[string]layout.Config{"tabloid-2col": layout.DefaultConfig(), "a5-1col": a5()} {
		d, _ := layoutOf(t, ed, cfg)
		measure(t, name, d, cfg)
		var refPage, notePage = -1, -1
		type col struct{ page, col int }
		parts := map[col]bool{}
		var text []string
		for _, p := range d.Pages {
			for _, a := range p.Anchor {
				switch a.Name {
				case "ref:a:fnref1":
					refPage = p.Index
				case "note:a:fn1":
					notePage = p.Index
				}
			}
			for _, l := range p.Lines {
				if l.Kind == layout.KindNote {
					parts[col{p.Index, l.Column}] = true
					for _, r := range l.Runs {
						text = append(text, r.Text)
					}
				}
			}
		}
		if refPage < 0 || refPage != notePage {
			t.Errorf("%s: note starts on page %d, reference on page %d", name, notePage+1, refPage+1)
		}
		if len(parts) < 2 {
			t.Errorf("%s: the long note was not split (%d parts)", name, len(parts))
		}
		got := strings.Join(text, " ")
		got = strings.ReplaceAll(got, "- ", "")
		got = strings.Join(strings.Fields(got), " ")
		want := "1. " + long.Inlines[0].(*model.Text).Text
		if got != want {
			t.Errorf("%s: note text in print order differs:\n got %.200s\nwant %.200s", name, got, want)
		}
	}
}
