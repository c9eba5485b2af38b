package epub

import (
	"bytes"
	"testing"

	"github.com/redtide/edition/internal/model"
)

// TestDraftAhead checks that an EPUB whose article documents were made
// ahead is the EPUB written at once, whether the page starts given
// ahead are the final ones (the documents are kept) or not (they are
// made again).
func TestDraftAhead(t *testing.T) {
	ed := testEdition(t, "blocks.md", "footnotes.md", "backmatter.md", "html.md")
	arts := ed.Sections[0].Articles
	if len(arts) != 4 {
		t.Fatalf("%d articles, want 4", len(arts))
	}
	// pages: one at each article's head, one inside the first article's
	// first paragraph, at its third word
	var pages []model.PageStart
	for i, a := range arts {
		pages = append(pages, model.PageStart{Label: string(rune('2' + 2*i)), Article: a, At: a})
		if i == 0 {
			pages = append(pages, model.PageStart{Label: "3", Article: a, At: a.Blocks[0], Word: 2})
		}
	}
	opt := Options{Modified: epoch, CoverPNG: tinyPNG(t), Pages: pages}
	var want bytes.Buffer
	if err := Write(&want, ed, opt); err != nil {
		t.Fatal(err)
	}
	of := func(ps []model.PageStart, a *model.Article) []model.PageStart {
		var out []model.PageStart
		for _, p := range ps {
			if p.Article == a {
				out = append(out, p)
			}
		}
		return out
	}
	moved := append([]model.PageStart(nil), pages...)
	moved[1].Word = 3 // the first article's second page, a word later
	var other bytes.Buffer
	if err := Write(&other, ed, Options{Modified: epoch, CoverPNG: opt.CoverPNG, Pages: moved}); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(other.Bytes(), want.Bytes()) {
		t.Fatal("moving a page does not change the EPUB: the test proves nothing")
	}
	cases := []struct {
		name  string
		ahead []model.PageStart // given ahead, article by article
		kept  int
	}{
		{"final pages", pages, 3}, // the last article's is never made ahead
		{"a page moved", moved, 2},
		{"no pages", nil, 0},
	}
	for _, c := range cases {
		d, err := Prepare(ed, Options{Modified: epoch, CoverPNG: opt.CoverPNG})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range arts {
			ps := of(c.ahead, a)
			if c.ahead != nil && len(ps) == 0 {
				t.Fatalf("%s: no page of %s", c.name, a.ID)
			}
			if c.ahead != nil {
				d.Ahead([]*model.Article{a}, ps)
			}
		}
		var got bytes.Buffer
		if err := d.Write(&got, pages); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%s: the EPUB differs from the one written at once", c.name)
		}
		if d.kept != c.kept {
			t.Errorf("%s: %d documents made ahead kept, want %d", c.name, d.kept, c.kept)
		}
	}
}
