package pipeline_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/edition"
	"github.com/redtide/edition/internal/epub"
	"github.com/redtide/edition/internal/lang"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/layout"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestLanguagesGolden builds, for every language of package lang's table,
// an edition in that language of one short article in it
// (testdata/langs/TAG.md: quotes, a passage in Russian, a hyphenated
// paragraph, a footnote and a bibliography) and compares both outputs
// with golden files: the EPUB's documents (TAG.epub.golden) and the
// lines of the PDF's pages, hyphens and all (TAG.layout.golden).
// Rewrite them with go test ./internal/pipeline -run LanguagesGolden -update.
func TestLanguagesGolden(t *testing.T) {
	dir := filepath.Join("testdata", "langs")
	for _, tag := range lang.Supported() {
		t.Run(tag, func(t *testing.T) {
			ed := langEdition(t, dir, tag)
			checkLanguage(t, ed, tag)

			var buf bytes.Buffer
			if err := epub.Write(&buf, ed, epub.Options{Modified: testEpoch}); err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join(dir, tag+".epub.golden"), epubDocuments(t, buf.Bytes()))

			cfg := layout.DefaultConfig()
			cfg.TrimWidth, cfg.TrimHeight, _ = layout.ParseTrim("A5")
			cfg.Columns = 2
			cfg.Language = tag
			var warns strings.Builder
			d, err := layout.Layout(ed, fonts.Default(), cfg, func(w diag.Warning) { fmt.Fprintln(&warns, w) })
			if err != nil {
				t.Fatal(err)
			}
			if warns.Len() > 0 {
				t.Errorf("warnings:\n%s", warns.String())
			}
			text := pageLines(d)
			if !strings.Contains(text, "-|") {
				t.Errorf("%s: no hyphenated line", tag)
			}
			golden(t, filepath.Join(dir, tag+".layout.golden"), text)
		})
	}
}

// langEdition builds the edition of testdata/langs/TAG.md in language tag.
func langEdition(t *testing.T, dir, tag string) *model.Edition {
	t.Helper()
	m := &manifest.Manifest{
		Path: filepath.Join(dir, "edition.yaml"), Root: dir,
		Publication: "The Red Tide", Volume: 3, Number: 12, Date: testEpoch, Language: tag,
		Editors:  []string{"Ana Editor", "Ben Editor"},
		Sections: []manifest.Section{{Posts: []manifest.Entry{{Path: tag + ".md", Line: 1}}}},
	}
	var log diag.Log
	ed, err := edition.Build(m, &log, edition.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ed
}

// checkLanguage checks what the golden files show, so that a careless
// -update cannot lose it: the article is in its language, the Russian
// passage is marked, and the bibliography and notes are there.
func checkLanguage(t *testing.T, ed *model.Edition, tag string) {
	t.Helper()
	a := ed.Sections[0].Articles[0]
	if got := model.ArticleLang(ed, a); lang.Normalize(got) != tag {
		t.Errorf("article language %q, want %q", got, tag)
	}
	var passages []string
	model.WalkArticle(a, func(in model.Inline) {
		if l, ok := in.(*model.Lang); ok {
			passages = append(passages, l.Tag+":"+model.PlainText(l.Inlines))
		}
	})
	if !slices.Contains(passages, "ru:Вся власть Советам") {
		t.Errorf("passages %q: the Russian slogan is not marked", passages)
	}
	if len(a.Notes) != 1 {
		t.Errorf("%d notes, want 1", len(a.Notes))
	}
	switch bib := a.Bibliography; {
	case bib == nil || len(bib.Entries) != 2:
		t.Errorf("bibliography %v, want 2 entries", bib)
	}
}

// epubDocuments lists the EPUB's package document and XHTML documents,
// each under its name.
func epubDocuments(t *testing.T, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "edition.epub")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, f := range readEPUB(t, path) {
		if f.hdr.Name == "EPUB/package.opf" || strings.HasSuffix(f.hdr.Name, ".xhtml") {
			fmt.Fprintf(&b, "==== %s\n%s\n", f.hdr.Name, f.data)
		}
	}
	return b.String()
}

// pageLines lists the text lines of each page: kind, then the runs
// joined, a space where they are apart, and "|" at the end, so that a
// hyphen a line ends with shows as "-|".
func pageLines(d *layout.Document) string {
	var b strings.Builder
	for _, bm := range d.Outline {
		fmt.Fprintf(&b, "outline %d page %d %s\n", bm.Level, bm.Page+1, bm.Title)
	}
	for _, p := range d.Pages {
		fmt.Fprintf(&b, "page %d\n", p.Index+1)
		for _, l := range p.Lines {
			var s strings.Builder
			for i, r := range l.Runs {
				if i > 0 {
					prev := l.Runs[i-1]
					if r.X-(prev.X+prev.Width) > layout.Pt/2 {
						s.WriteByte(' ')
					}
				}
				s.WriteString(r.Text)
			}
			fmt.Fprintf(&b, "  %-9s %s|\n", l.Kind, s.String())
		}
	}
	return b.String()
}

// golden compares got with the file at path, or rewrites it with -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/pipeline -run LanguagesGolden -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs; run go test ./internal/pipeline -run LanguagesGolden -update and review the diff:\n%s", path, firstDiff(string(want), got))
	}
}

// firstDiff shows the first line where a and b differ.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(al), len(bl))
}
