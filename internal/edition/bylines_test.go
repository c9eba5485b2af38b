package edition

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/epub"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/layout"
)

var (
	bylineP   = regexp.MustCompile(`<p class="byline">([^<]*)</p>`)
	opfPerson = regexp.MustCompile(`<dc:(creator|contributor) id="(\w+?)\d+">([^<]*)</dc:`)
)

// TestBylines builds a site whose posts name their authors in every form
// sites use (strings, lists, mappings, handles in _data/authors.yml, a
// manifest override, several names in one string, the site's defaults)
// and compares the bylines of both outputs with a golden file: the EPUB's
// article pages and package metadata, and the PDF's laid-out lines.
func TestBylines(t *testing.T) {
	m, err := manifest.Load("testdata/bylines/editions/issue.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var log diag.Log
	ed, err := Build(m, &log, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, w := range log.Warnings() {
		b.WriteString("warning: " + w.String() + "\n")
	}
	b.WriteString("-- model --\n")
	for _, s := range ed.Sections {
		for _, a := range s.Articles {
			b.WriteString(a.Title + " [" + a.Language + "]: " + strings.Join(a.Authors, " | "))
			if len(a.Translators) > 0 {
				b.WriteString(" (translated by " + strings.Join(a.Translators, " | ") + ")")
			}
			b.WriteString("\n")
		}
	}
	b.WriteString("-- epub --\n")
	var eb bytes.Buffer
	if err := epub.Write(&eb, ed, epub.Options{Modified: time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC), CoverPNG: greyPNGBytes()}); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(eb.Bytes()), int64(eb.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	files := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		files[f.Name] = string(data)
		names = append(names, f.Name)
	}
	for _, n := range names {
		for _, m := range bylineP.FindAllStringSubmatch(files[n], -1) {
			b.WriteString(m[1] + "\n")
		}
		if strings.HasSuffix(n, ".opf") {
			for _, m := range opfPerson.FindAllStringSubmatch(files[n], -1) {
				b.WriteString("opf " + m[1] + " " + m[2] + ": " + m[3] + "\n")
			}
		}
	}
	b.WriteString("-- pdf --\n")
	cfg := layout.DefaultConfig()
	doc, err := layout.Layout(ed, fonts.Default(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range doc.Lines() {
		var words []string
		for _, r := range l.Runs {
			words = append(words, r.Text)
		}
		s := strings.Join(words, " ")
		if strings.HasPrefix(s, "By ") || strings.HasPrefix(s, "Par ") {
			b.WriteString(l.Kind.String() + ": " + s + "\n")
		}
	}
	checkGolden(t, "testdata/bylines.golden", b.String())
}

func greyPNGBytes() []byte { return []byte(greyPNG(4, 4, 0x80)) }

func checkGolden(t *testing.T, file, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs:\n%s", file, diffLines(string(want), got))
	}
}
