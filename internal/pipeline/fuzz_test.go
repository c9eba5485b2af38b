package pipeline

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/redtide/edition/internal/testenv"
)

// FuzzBuildPost builds a one-post edition, PDF and EPUB, from arbitrary
// post text: it must never panic, and must either fail with a positioned
// error or write both outputs.
func FuzzBuildPost(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join(testenv.RepoRoot(f), "posts", "*.md"))
	corpus := testenv.SharedGlob(f, "corpus/*/*.md")
	for _, s := range append(seeds, corpus...) {
		if data, err := os.ReadFile(s); err == nil && len(data) < 64<<10 {
			f.Add(data)
		}
	}
	f.Add([]byte("---\ntitle: T\n---\nx[^1]\n\n[^1]: n\n"))
	f.Add([]byte("| a | b |\n|---|---|\n| " + string(make([]byte, 300)) + " | c |\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 256<<10 {
			return
		}
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "p.md"), src, 0o644); err != nil {
			t.Fatal(err)
		}
		m := filepath.Join(dir, "edition.yaml")
		if err := os.WriteFile(m, []byte("publication: F\nnumber: 1\ndate: 2026-11-25\nposts: [p.md]\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := Run(Options{Manifest: m, OutDir: filepath.Join(dir, "out"), Epoch: &fuzzEpoch})
		if err != nil {
			return
		}
		if len(res.Outputs) != 2 {
			t.Fatalf("outputs %v", res.Outputs)
		}
	})
}

var fuzzEpoch = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
