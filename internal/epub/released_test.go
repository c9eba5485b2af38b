package epub

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/lang"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/texmath"
)

// releasable is an edition of three articles whose first two hold what
// the masthead, navigation and package documents need of a body:
// top-level headings, a bibliography with a title, images (one used
// twice, one without text), MathML, notes and passages in other
// languages, in the body, a table, a note and the bibliography. The
// last article, never made ahead, holds none of it, so that what the
// EPUB says of them comes from the first two.
func releasable(t *testing.T) *model.Edition {
	t.Helper()
	data := tinyPNG(t)
	picket := &model.Image{Name: "picket.png", MediaType: "image/png", Data: data, Width: 2, Height: 3, Alt: "A picket line"}
	bare := &model.Image{Name: "bare.png", MediaType: "image/png", Data: data, Width: 2, Height: 3}
	formula := func(tex string, display bool) *texmath.Formula {
		f, err := texmath.Parse(tex, texmath.Options{Display: display})
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	text := func(s string) model.Inline { return &model.Text{Text: s} }
	passage := func(tag, s string) model.Inline { return &model.Lang{Tag: tag, Inlines: []model.Inline{text(s)}} }

	n1 := &model.Note{Number: 1, ID: "fn1", Blocks: []model.Block{
		&model.Paragraph{Inlines: []model.Inline{text("As the song has it, "), passage("es", "¡No pasarán!")}},
		&model.Figure{Image: bare},
	}}
	one := &model.Article{ID: "a-one", Source: "posts/one.md", Title: "One", Authors: []string{"Ann Writer"},
		Blocks: []model.Block{
			&model.Paragraph{Inlines: []model.Inline{text("The strikers sang "), passage("fr", "L'Internationale"),
				text(" and counted "), &model.Math{TeX: "x^2", Formula: formula("x^2", false)}, text(" pickets"),
				&model.NoteRef{Note: n1, Occurrence: 1}, text(".")}},
			&model.Heading{Level: 1, ID: "strikes", Inlines: []model.Inline{text("Strikes of "), &model.Emph{Inlines: []model.Inline{text("1919")}}}},
			&model.Figure{Image: picket, Caption: []model.Inline{text("Outside the yard.")}},
			&model.Heading{Level: 2, ID: "minor", Inlines: []model.Inline{text("Not in the contents")}},
			para("More words after the figure."),
		},
		Notes: []*model.Note{n1},
		Bibliography: &model.Bibliography{Title: "Works Cited", Ordered: true, Entries: []*model.BibEntry{
			{Number: 1, ID: "bib1", Inlines: []model.Inline{text("Gramsci, "), passage("it", "Quaderni del carcere"), text(".")}},
		}},
	}
	two := &model.Article{ID: "a-two", Source: "posts/two.md", Title: "Zwei", Language: "de",
		Blocks: []model.Block{
			para("Eine Formel."),
			&model.MathBlock{TeX: `\frac{a}{b}`, Formula: formula(`\frac{a}{b}`, true)},
			&model.Quote{Blocks: []model.Block{&model.Figure{Image: picket, Caption: []model.Inline{text("Noch einmal.")}}}},
			&model.Heading{Level: 1, ID: "zweiter", Inlines: []model.Inline{text("Zweiter Teil")}},
			&model.Table{Rows: [][]model.Cell{{{Inlines: []model.Inline{passage("ru", "Вся власть советам")}}}}},
			&model.BibliographyHere{},
			para("Nach der Literatur."),
		},
		Bibliography: &model.Bibliography{Title: "Literatur", Entries: []*model.BibEntry{
			{Number: 1, ID: "bib1", Inlines: []model.Inline{text("Luxemburg, Massenstreik.")}},
		}},
	}
	three := &model.Article{ID: "a-three", Source: "posts/three.md", Title: "Three",
		Blocks: []model.Block{para("The last article, never made ahead.")}}
	return &model.Edition{Publication: "Test Paper", Volume: 1, Number: 2, Date: epoch, Language: "en",
		Sections: []*model.Section{{Title: "Only", Articles: []*model.Article{one, two, three}}}}
}

// releasablePages are the print page starts of releasable: one at each
// article's head, one at the third word of the first paragraph.
func releasablePages(ed *model.Edition) []model.PageStart {
	var pages []model.PageStart
	for i, a := range ed.Sections[0].Articles {
		pages = append(pages, model.PageStart{Label: fmt.Sprint(2 + 2*i), Article: a, At: a})
		if i == 0 {
			pages = append(pages, model.PageStart{Label: "3", Article: a, At: a.Blocks[0], Word: 2})
		}
	}
	return pages
}

// pagesOf are the page starts of pages in a.
func pagesOf(pages []model.PageStart, a *model.Article) []model.PageStart {
	var out []model.PageStart
	for _, p := range pages {
		if p.Article == a {
			out = append(out, p)
		}
	}
	return out
}

// aheadAndRelease prepares the EPUB of ed, makes every article's
// document ahead with pages, and lets go the body of each article Made
// reports, checking that it reports every article but the last.
func aheadAndRelease(t *testing.T, ed *model.Edition, pages []model.PageStart) *Draft {
	t.Helper()
	d, err := Prepare(ed, Options{Modified: epoch})
	if err != nil {
		t.Fatal(err)
	}
	arts := ed.Sections[0].Articles
	for _, a := range arts {
		if d.Made(a) {
			t.Fatalf("%s made before Ahead", a.ID)
		}
		d.Ahead([]*model.Article{a}, pagesOf(pages, a))
	}
	for i, a := range arts {
		if want := i < len(arts)-1; d.Made(a) != want {
			t.Fatalf("Made(%s) = %v, want %v", a.ID, d.Made(a), want)
		}
		if d.Made(a) {
			a.Blocks, a.Notes, a.Bibliography = nil, nil, nil
		}
	}
	return d
}

// TestWriteReadsNoBodyMadeAhead checks Made's promise: once an
// article's document is made ahead with its final page starts, Write
// needs nothing of its body; the EPUB is that of the untouched edition.
func TestWriteReadsNoBodyMadeAhead(t *testing.T) {
	ed := releasable(t)
	var want bytes.Buffer
	if err := Write(&want, ed, Options{Modified: epoch, Pages: releasablePages(ed)}); err != nil {
		t.Fatal(err)
	}
	// What the first two articles' bodies give the other documents is in
	// the EPUB: without it, the test would prove nothing.
	files := unzip(t, want.Bytes())
	noAlt := fmt.Sprintf(lang.For("en").Words.AccessSummaryNoAlt, 1, 3)
	for name, parts := range map[string][]string{
		"EPUB/nav.xhtml": {`a-one.xhtml#strikes">Strikes of 1919<`, `a-one.xhtml#a-one-bib">Works Cited<`,
			`a-two.xhtml#zweiter">Zweiter Teil<`, `a-two.xhtml#a-two-bib">Literatur<`},
		"EPUB/xhtml/masthead.xhtml": {`"a-one.xhtml#strikes"`, `"a-two.xhtml#a-two-bib"`},
		"EPUB/package.opf": {"<dc:language>de</dc:language>", "<dc:language>fr</dc:language>",
			"<dc:language>it</dc:language>", "<dc:language>es</dc:language>", "<dc:language>ru</dc:language>",
			`href="images/bare.png"`, `href="images/picket.png"`,
			`href="xhtml/a-one.xhtml" media-type="application/xhtml+xml" properties="mathml"`,
			`href="xhtml/a-two.xhtml" media-type="application/xhtml+xml" properties="mathml"`,
			`<meta property="schema:accessMode">visual</meta>`, noAlt},
	} {
		for _, s := range parts {
			if !strings.Contains(string(files[name]), s) {
				t.Errorf("%s lacks %q", name, s)
			}
		}
	}
	if t.Failed() {
		t.FailNow()
	}

	ed = releasable(t) // the same edition, whose bodies are let go
	pages := releasablePages(ed)
	d := aheadAndRelease(t, ed, pages)
	var got bytes.Buffer
	if err := d.Write(&got, pages); err != nil {
		t.Fatal(err)
	}
	if d.kept != 2 {
		t.Errorf("%d documents made ahead kept, want 2", d.kept)
	}
	if bytes.Equal(got.Bytes(), want.Bytes()) {
		return
	}
	gotFiles := unzip(t, got.Bytes())
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if !bytes.Equal(gotFiles[n], files[n]) {
			t.Errorf("%s differs once the bodies made ahead are let go", n)
		}
	}
	t.Error("the EPUB differs once the bodies made ahead are let go")
}

// TestWriteReleasedMoved: a document made ahead whose page starts then
// change must be made again; with its body let go, Write fails rather
// than write it empty.
func TestWriteReleasedMoved(t *testing.T) {
	ed := releasable(t)
	pages := releasablePages(ed)
	d := aheadAndRelease(t, ed, pages)
	moved := append([]model.PageStart(nil), pages...)
	moved[1].Word = 3
	err := d.Write(&bytes.Buffer{}, moved)
	if !errors.Is(err, errReleased) {
		t.Fatalf("Write with a page moved in a released article: %v, want %v", err, errReleased)
	}
}

// TestPrepareReadsNoBody: Prepare reads no article's body; each is read
// only when its document is made, by Ahead or by Write. The bodies of a
// lazy copy of releasable are nil (or a decoy, whose heading, image and
// passage would show in the EPUB if anything Prepare read of it were
// kept) when Prepare runs, put back (from an untouched copy) just before
// the Ahead or Write that makes their document, and let go again after
// Ahead; the EPUB is that of the untouched edition, whichever articles
// are made ahead.
func TestPrepareReadsNoBody(t *testing.T) {
	full := releasable(t)
	var want bytes.Buffer
	if err := Write(&want, full, Options{Modified: epoch, Pages: releasablePages(full)}); err != nil {
		t.Fatal(err)
	}
	decoy := []model.Block{
		&model.Heading{Level: 1, ID: "decoy", Inlines: []model.Inline{&model.Lang{Tag: "la", Inlines: []model.Inline{&model.Text{Text: "Decoy"}}}}},
		&model.Figure{Image: &model.Image{Name: "decoy.png", MediaType: "image/png", Data: tinyPNG(t), Width: 2, Height: 3}},
	}
	for _, c := range []struct {
		ahead  int // the first ahead articles are made ahead
		before []model.Block
	}{{0, nil}, {1, nil}, {2, nil}, {0, decoy}, {2, decoy}} {
		t.Run(fmt.Sprint(c.ahead, " ahead, decoy ", c.before != nil), func(t *testing.T) {
			ahead := c.ahead
			full := releasable(t)
			fulls := full.Sections[0].Articles
			lazy := *full
			arts := make([]*model.Article, len(fulls))
			for i, a := range fulls {
				l := *a
				l.Blocks, l.Notes, l.Bibliography = c.before, nil, nil
				arts[i] = &l
			}
			lazy.Sections = []*model.Section{{Title: full.Sections[0].Title, Articles: arts}}
			// the page starts of full, in the lazy articles: the blocks are
			// the same once put back
			pages := releasablePages(full)
			for i, pg := range pages {
				j := slices.Index(fulls, pg.Article)
				pages[i].Article = arts[j]
				if pg.At == any(fulls[j]) {
					pages[i].At = arts[j]
				}
			}
			fill := func(i int) {
				arts[i].Blocks, arts[i].Notes, arts[i].Bibliography = fulls[i].Blocks, fulls[i].Notes, fulls[i].Bibliography
			}

			d, err := Prepare(&lazy, Options{Modified: epoch})
			if err != nil {
				t.Fatal(err)
			}
			for i := range ahead {
				fill(i)
				d.Ahead(arts[i:i+1], pagesOf(pages, arts[i]))
				if !d.Made(arts[i]) {
					t.Fatalf("%s not made ahead", arts[i].ID)
				}
				arts[i].Blocks, arts[i].Notes, arts[i].Bibliography = nil, nil, nil
			}
			for i := ahead; i < len(arts); i++ {
				fill(i)
			}
			var got bytes.Buffer
			if err := d.Write(&got, pages); err != nil {
				t.Fatal(err)
			}
			if d.kept != ahead {
				t.Errorf("%d documents made ahead kept, want %d", d.kept, ahead)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				files, gotFiles := unzip(t, want.Bytes()), unzip(t, got.Bytes())
				for _, n := range slices.Sorted(maps.Keys(gotFiles)) {
					if !bytes.Equal(gotFiles[n], files[n]) {
						t.Errorf("%s differs when the bodies are read only as documents are made", n)
					}
				}
				t.Error("the EPUB differs when the bodies are read only as documents are made")
			}
		})
	}
}
