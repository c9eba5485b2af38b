package epub

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestGoldenBackMatter: a bibliography divided by the post's sub-headings
// is one section with a heading per group and numbers running on; the
// post's own footnotes heading is gone and its notes, the unreferenced
// one included, are in the generated notes.
func TestGoldenBackMatter(t *testing.T) {
	ed := testEdition(t, "backmatter.md")
	var buf bytes.Buffer
	if err := Write(&buf, ed, Options{Modified: epoch}); err != nil {
		t.Fatal(err)
	}
	const name = "EPUB/xhtml/a-backmatter.xhtml"
	got, ok := unzip(t, buf.Bytes())[name]
	if !ok {
		t.Fatalf("%s missing from the EPUB", name)
	}
	golden := filepath.Join("testdata", "xhtml_a-backmatter.xhtml.golden")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s; run go test ./internal/epub -update and review the diff", name, golden)
	}
}
