package epub

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/redtide/edition/internal/model"
)

// TestDraftAhead checks that an EPUB whose article documents were made
// ahead is the EPUB written at once, whether the page starts given
// ahead are the final ones (the documents are kept) or not (they are
// made again), and whether they were kept in memory or in a scratch
// file (SpillTo).
func TestDraftAhead(t *testing.T) {
	ed, pages := draftEdition(t)
	arts := ed.Sections[0].Articles
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
		for _, spilt := range []bool{false, true} {
			name := c.name
			d, err := Prepare(ed, Options{Modified: epoch, CoverPNG: opt.CoverPNG})
			if err != nil {
				t.Fatal(err)
			}
			var f *os.File
			if spilt {
				name += ", spilt"
				f = scratchFile(t)
				d.SpillTo(f)
			}
			for _, a := range arts {
				ps := of(c.ahead, a)
				if c.ahead != nil && len(ps) == 0 {
					t.Fatalf("%s: no page of %s", name, a.ID)
				}
				if c.ahead != nil {
					d.Ahead([]*model.Article{a}, ps)
				}
			}
			if spilt {
				checkSpilt(t, name, d, f)
			}
			var got bytes.Buffer
			if err := d.Write(&got, pages); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("%s: the EPUB differs from the one written at once", name)
			}
			if d.kept != c.kept {
				t.Errorf("%s: %d documents made ahead kept, want %d", name, d.kept, c.kept)
			}
		}
	}
}

// draftEdition is an edition of four articles, with pages at each
// article's head and one inside the first article's first paragraph,
// at its third word.
func draftEdition(t *testing.T) (*model.Edition, []model.PageStart) {
	t.Helper()
	ed := testEdition(t, "blocks.md", "footnotes.md", "backmatter.md", "html.md")
	arts := ed.Sections[0].Articles
	if len(arts) != 4 {
		t.Fatalf("%d articles, want 4", len(arts))
	}
	var pages []model.PageStart
	for i, a := range arts {
		pages = append(pages, model.PageStart{Label: string(rune('2' + 2*i)), Article: a, At: a})
		if i == 0 {
			pages = append(pages, model.PageStart{Label: "3", Article: a, At: a.Blocks[0], Word: 2})
		}
	}
	return ed, pages
}

// scratchFile is an empty file, closed at the end of the test.
func scratchFile(t *testing.T) *os.File {
	t.Helper()
	f, err := os.Create(filepath.Join(t.TempDir(), "scratch"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// checkSpilt checks that the documents d made ahead are kept in f, not
// in memory.
func checkSpilt(t *testing.T, name string, d *Draft, f *os.File) {
	t.Helper()
	var n int64
	for a, m := range d.ahead {
		if m.out.data != nil || m.out.spilt == nil {
			t.Errorf("%s: the document of %s made ahead is held in memory", name, a.ID)
		}
		n += m.out.n
	}
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	if fi.Size() != n {
		t.Errorf("%s: scratch file of %d bytes, the documents made ahead hold %d", name, fi.Size(), n)
	}
}
