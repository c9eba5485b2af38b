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
		// the note is marked where it breaks
		if n := strings.Count(got, "(continued)"); n != len(parts)-1 {
			t.Errorf("%s: %d continued markers for a note in %d parts", name, n, len(parts))
		}
		got = strings.ReplaceAll(got, "(continued)", "")
		got = strings.ReplaceAll(got, "- ", "")
		got = strings.Join(strings.Fields(got), " ")
		want := "1. " + long.Inlines[0].(*model.Text).Text
		if got != want {
			t.Errorf("%s: note text in print order differs:\n got %.200s\nwant %.200s", name, got, want)
		}
	}
}

// TestUnreferencedNotes: every note of an article is set, like the EPUB
// sets it: a note referenced only from another note in the same column
// as that note, a note never referenced at the foot of the column where
// the article ends; each with its own number, in number order.
func TestUnreferencedNotes(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	inner := &model.Note{Number: 2, ID: "fn2", Blocks: []model.Block{&model.Paragraph{Inlines: []model.Inline{&model.Text{Text: "Inner note."}}}}}
	outer := &model.Note{Number: 1, ID: "fn1", Blocks: []model.Block{&model.Paragraph{Inlines: []model.Inline{
		&model.Text{Text: "Outer note"}, &model.NoteRef{Note: inner, Occurrence: 1}, &model.Text{Text: "."}}}}}
	lone := &model.Note{Number: 3, ID: "fn3", Blocks: []model.Block{&model.Paragraph{Inlines: []model.Inline{&model.Text{Text: "Never referenced."}}}}}
	ref := layouttest.Paragraph(r, 30)
	ref.Inlines = append(ref.Inlines, &model.NoteRef{Note: outer, Occurrence: 1})
	blocks := []model.Block{ref}
	for i := 0; i < 30; i++ {
		blocks = append(blocks, layouttest.Paragraph(r, 60))
	}
	ed := &model.Edition{Publication: "Notes", Language: "en", Sections: []*model.Section{{Articles: []*model.Article{{
		ID: "a", Source: "a.md", Title: "Notes nobody references", Blocks: blocks, Notes: []*model.Note{outer, inner, lone}}}}}}
	for name, cfg := range map[string]layout.Config{"tabloid-2col": layout.DefaultConfig(), "a5-1col": a5()} {
		d, _ := layoutOf(t, ed, cfg)
		type where struct{ page, col int }
		at := map[string]where{}
		var order []string
		lastBody := where{-1, -1}
		for _, p := range d.Pages {
			for _, l := range p.Lines {
				text := ""
				for _, r := range l.Runs {
					text += r.Text + " "
				}
				switch {
				case l.Kind == layout.KindNote:
					for _, n := range []string{"1.", "2.", "3."} {
						if strings.HasPrefix(text, n+" ") {
							at[n] = where{p.Index, l.Column}
							order = append(order, n)
						}
					}
				case l.Kind == layout.KindBody:
					lastBody = where{p.Index, l.Column}
				}
			}
		}
		if got := strings.Join(order, " "); got != "1. 2. 3." {
			t.Fatalf("%s: notes set in order %q, want all three in number order", name, got)
		}
		if at["2."] != at["1."] {
			t.Errorf("%s: note 2, referenced from note 1, is at %v, note 1 at %v", name, at["2."], at["1."])
		}
		if at["3."] != lastBody {
			t.Errorf("%s: the unreferenced note is at %v, the article ends at %v", name, at["3."], lastBody)
		}
	}
}
