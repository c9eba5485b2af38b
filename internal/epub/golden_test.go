package epub

import (
	"archive/zip"
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/edition"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/model"
)

var update = flag.Bool("update", false, "rewrite golden files")

var epoch = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

func testEdition(t *testing.T, posts ...string) *model.Edition {
	t.Helper()
	var entries []manifest.Entry
	for _, p := range posts {
		entries = append(entries, manifest.Entry{Path: p, Line: 1})
	}
	m := &manifest.Manifest{
		Path: "../edition/testdata/golden/edition.yaml", Root: "../edition/testdata/golden",
		Publication: "Test Paper", Volume: 1, Number: 2, Date: epoch, Language: "en",
		Editors:  []string{"Ed One"},
		Sections: []manifest.Section{{Title: "Only", Posts: entries}},
	}
	ed, err := edition.Build(m, &diag.Log{}, edition.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ed
}

func unzip(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		out[f.Name] = b
	}
	return out
}

// TestGoldenXHTML compares each article document, the nav and the package
// document with golden files.
func TestGoldenXHTML(t *testing.T) {
	ed := testEdition(t, "blocks.md", "footnotes.md", "html.md")
	var buf bytes.Buffer
	if err := Write(&buf, ed, Options{Modified: epoch, CoverPNG: nil}); err != nil {
		t.Fatal(err)
	}
	files := unzip(t, buf.Bytes())
	for _, name := range []string{"EPUB/xhtml/a-blocks.xhtml", "EPUB/xhtml/a-footnotes.xhtml", "EPUB/xhtml/a-html.xhtml", "EPUB/nav.xhtml", "EPUB/package.opf", "EPUB/xhtml/masthead.xhtml"} {
		got, ok := files[name]
		if !ok {
			t.Errorf("%s missing from the EPUB", name)
			continue
		}
		golden := filepath.Join("testdata", strings.ReplaceAll(strings.TrimPrefix(name, "EPUB/"), "/", "_")+".golden")
		if *update {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s; run go test ./epub -update and review the diff", name, golden)
		}
	}
}

// TestWriteDeterministic: the same edition gives the same bytes, and the
// modified date is the one given, not the clock.
func TestWriteDeterministic(t *testing.T) {
	ed := testEdition(t, "blocks.md", "footnotes.md")
	var a, b bytes.Buffer
	if err := Write(&a, ed, Options{Modified: epoch}); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, ed, Options{Modified: epoch}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two writes differ")
	}
	opf := string(unzip(t, a.Bytes())["EPUB/package.opf"])
	if !strings.Contains(opf, `<meta property="dcterms:modified">2026-11-25T00:00:00Z</meta>`) {
		t.Errorf("modified date not fixed:\n%s", opf)
	}
	zr, _ := zip.NewReader(bytes.NewReader(a.Bytes()), int64(a.Len()))
	first := zr.File[0]
	if first.Name != "mimetype" || first.Method != zip.Store || len(first.Extra) != 0 {
		t.Errorf("first entry %q method %d extra %d, want stored mimetype without extra field", first.Name, first.Method, len(first.Extra))
	}
}

// TestWriteConcurrent: builds running at once (as tests and servers do)
// must not share go-epub state. Run with -race to see the difference.
func TestWriteConcurrent(t *testing.T) {
	ed := testEdition(t, "blocks.md", "footnotes.md")
	var want bytes.Buffer
	if err := Write(&want, ed, Options{Modified: epoch}); err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 8)
	for i := 0; i < 8; i++ {
		go func() {
			var b bytes.Buffer
			err := Write(&b, ed, Options{Modified: epoch})
			if err == nil && !bytes.Equal(b.Bytes(), want.Bytes()) {
				err = io.ErrShortWrite
			}
			errs <- err
		}()
	}
	for i := 0; i < 8; i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

func TestBylineInArticleLanguage(t *testing.T) {
	ed := testEdition(t, "blocks.md")
	var b bytes.Buffer
	if err := Write(&b, ed, Options{Modified: epoch}); err != nil {
		t.Fatal(err)
	}
	x := string(unzip(t, b.Bytes())["EPUB/xhtml/a-blocks.xhtml"])
	// blocks.md is lang: de, dated 2026-11-04.
	if !strings.Contains(x, `<time datetime="2026-11-04">4. November 2026</time>`) {
		t.Errorf("date not in German:\n%s", x)
	}
}
