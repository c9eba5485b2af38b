package edition

import (
	"strings"
	"testing"

	"github.com/redtide/edition/internal/biblio"
	"github.com/redtide/edition/internal/biblio/bibliotest"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/markdown"
	"github.com/redtide/edition/internal/model"
)

// FuzzFinish feeds arbitrary Markdown through the conversion and finish
// (empty headings, bibliography, numbering): it must never panic, every
// word of the converted post must reach the finished article except
// those of a notes title or a heading dropped with a warning, and the
// numbers must run 1, 2, 3….
func FuzzFinish(f *testing.F) {
	for _, file := range bibliotest.CaseFiles(f) {
		for _, c := range bibliotest.ReadTxtar(f, file) {
			_, body, _ := strings.Cut(c.Data, "\n")
			f.Add(body)
		}
	}
	f.Add("x[^1]\n\n## Notes\n\n[^1]: n\n\n## Notes\n")
	f.Add("**References:** Smith, J. 2001. *T*. London: Verso.\\\n")
	conv := markdown.New()
	f.Fuzz(func(t *testing.T, body string) {
		images := func(markdown.ImageRef) (*model.Image, error) { return nil, nil }
		var log diag.Log
		res, err := conv.Convert(markdown.Input{Path: "f.md", Body: []byte(body)}, images, &log)
		if err != nil {
			return
		}
		a := &model.Article{Title: "Fuzzed", Blocks: res.Blocks, Notes: res.Notes}
		var flog diag.Log
		finish(a, biblio.Source{Path: "f.md", Body: []byte(body)}, "en", &flog)
		allowed := bibliotest.DroppedHeadingWords(flog.Warnings())
		allowed["fuzzed"] = true
		// Words, compared letter by letter: where inlines meet inside a
		// word ("**Quelle**AA") the bibliography's title and entry split it.
		lost := map[rune]int{}
		for _, w := range bibliotest.LostWords(t, body, a) {
			if !allowed[w] {
				for _, r := range w {
					lost[r]++
				}
			}
		}
		if len(lost) > 0 {
			spare := map[rune]int{}
			for _, w := range bibliotest.LostWordsReverse(t, body, a) {
				for _, r := range w {
					spare[r]++
				}
			}
			for r, n := range lost {
				if spare[r] < n {
					t.Fatalf("%q lost:\n%s", string(r), model.DumpArticle(a))
				}
			}
		}
		for i, n := range a.Notes {
			if n.Number != i+1 {
				t.Fatalf("note %d numbered %d", i, n.Number)
			}
		}
		if b := a.Bibliography; b != nil {
			if b.Title == "" || len(b.Entries) == 0 {
				t.Fatalf("bibliography %q with %d entries", b.Title, len(b.Entries))
			}
			for i, e := range b.Entries {
				if e.Number != i+1 {
					t.Fatalf("entry %d numbered %d", i, e.Number)
				}
			}
		}
	})
}
