package post

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/testenv"
)

// FuzzParse checks that no input panics Parse and that what it accepts is
// consistent: valid UTF-8, no CR, and a body line within the file.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join(testenv.RepoRoot(f), "posts", "*.md"))
	corpus := testenv.SharedGlob(f, "corpus/*/*.md")
	for _, s := range append(seeds, corpus...) {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("---\ntitle: T\n---\n"))
	f.Add([]byte("---\n"))
	f.Add([]byte("---\r\n---\r\n"))
	f.Add([]byte("\uFEFF---\ndate: 2020-01-01 10:00:00 -0500\n---\n"))
	// Hugo's TOML and JSON front matter, from the Hugo samples when
	// present.
	for _, s := range testenv.SharedGlob(f, "hugo/*/content/*/*.md") {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("+++\ntitle = \"T\"\ndate = 2020-01-01T10:00:00Z\n[[resources]]\nsrc = \"a.png\"\n+++\nbody"))
	f.Add([]byte("+++\n[params]\nmath = true\n+++\n"))
	f.Add([]byte("{\"title\": \"J\", \"tags\": [\"a\"]}\nbody"))
	f.Add([]byte("{\n\"title\": \"J\",\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		var log diag.Log
		p, err := Parse("f.md", src, &log)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.md") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if !utf8.Valid(p.Body) || strings.ContainsRune(string(p.Body), '\r') {
			t.Fatalf("body not normalised: %q", p.Body)
		}
		// A lone CR (old Mac files) ends a line too.
		lines := strings.Count(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n") +
			strings.Count(strings.ReplaceAll(string(src), "\r\n", ""), "\r") + 1
		if p.BodyLine < 0 || p.BodyLine > lines {
			t.Fatalf("body line %d outside the file", p.BodyLine)
		}
		if p.Title == "" {
			t.Fatal("no title after fallbacks")
		}
	})
}
