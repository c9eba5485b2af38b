package epub

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// citePosts are the citation goldens of package edition: notes (first,
// short, ibid, in an author's note, several works, a missing key), a
// bibliography at {% bibliography %} with text after it, and German and
// French posts.
var citePosts = []string{"cite-notes.md", "cite-tag.md", "cite-de.md", "cite-fr.md"}

// TestGoldenCitations compares the article documents of the citation
// posts with golden files: notes with their back-links, the
// bibliography as a doc-bibliography section of doc-biblioentry items,
// at its place, DOIs as links.
func TestGoldenCitations(t *testing.T) {
	ed := testEdition(t, citePosts...)
	var buf bytes.Buffer
	if err := Write(&buf, ed, Options{Modified: epoch}); err != nil {
		t.Fatal(err)
	}
	files := unzip(t, buf.Bytes())
	for _, p := range citePosts {
		name := "EPUB/xhtml/a-" + strings.TrimSuffix(p, ".md") + ".xhtml"
		got, ok := files[name]
		if !ok {
			t.Fatalf("%s missing from the EPUB", name)
		}
		if bytes.Contains(got, []byte("[@")) || bytes.Contains(got, []byte("{%")) {
			t.Errorf("%s: raw citation syntax left", name)
		}
		golden := filepath.Join("testdata", "xhtml_a-"+strings.TrimSuffix(p, ".md")+".xhtml.golden")
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
			t.Errorf("%s differs from %s; run go test ./internal/epub -update and review the diff", name, golden)
		}
	}
}
