package layout_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/redtide/edition/internal/diag"
	buildpkg "github.com/redtide/edition/internal/edition"
	"github.com/redtide/edition/internal/manifest"
)

// TestGoldenCitations lays out the citation posts of package edition's
// goldens (notes first, short and ibid, a citation in an author's note,
// several works, a missing key, the bibliography at a tag, German and
// French posts) on A5 pages: citation notes at the foot of the page with
// the author's own, the bibliography with a hanging indent.
func TestGoldenCitations(t *testing.T) {
	dir := "../internal/edition/testdata/golden"
	var entries []manifest.Entry
	for _, p := range []string{"cite-notes.md", "cite-tag.md", "cite-de.md", "cite-fr.md"} {
		entries = append(entries, manifest.Entry{Path: p, Line: 1})
	}
	m := &manifest.Manifest{Path: filepath.Join(dir, "edition.yaml"), Root: dir, Publication: "Test Paper", Number: 1,
		Date: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), Language: "en",
		Sections: []manifest.Section{{Title: "Only", Posts: entries}}}
	ed, err := buildpkg.Build(m, &diag.Log{}, buildpkg.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d, _ := layoutOf(t, ed, a5())
	got := d.Dump()
	if strings.Contains(got, `"[@`) || strings.Contains(got, `"{%`) {
		t.Error("raw citation syntax left on the page")
	}
	path := filepath.Join("testdata", "citations-a5.golden")
	if update() {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got != string(want) {
		t.Errorf("dump differs from %s (go test -update rewrites it); got:\n%s", path, firstDiff(string(want), got))
	}
}
