// Package editions loads whole editions from real posts for the tests and
// benchmarks of packages layout and pdf. It is apart from layouttest
// because it imports package pipeline, which imports pdf.
package editions

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/edition"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/pipeline"
	"github.com/redtide/edition/internal/testenv"
	"github.com/redtide/edition/layout"
)

// Edition is an edition built from real posts as the build builds it,
// with the print settings of its manifest.
type Edition struct {
	Name string
	Ed   *model.Edition
	Cfg  layout.Config
	// Cfg1 is the print settings of the manifest with columns: 1, as
	// the build derives them (type size and measure for one column).
	Cfg1 layout.Config
}

// Load loads: the default edition
// (posts/edition.yaml); "one", an edition of posts/2017-05-01-trotskyism.md
// alone; and, when ../shared/corpus is there (always in CI), "corpus", an edition of
// every post in it. For benchmarks and tests of whole editions.
func Load(tb testing.TB) []Edition {
	tb.Helper()
	root := testenv.RepoRoot(tb)
	load := func(name, path string) Edition {
		m, err := manifest.Load(path)
		if err != nil {
			tb.Fatal(err)
		}
		ed, err := edition.Build(m, &diag.Log{}, edition.Options{})
		if err != nil {
			tb.Fatal(err)
		}
		cfg, err := pipeline.PrintConfig(m)
		if err != nil {
			tb.Fatal(err)
		}
		m.Print.Columns = 1
		cfg1, err := pipeline.PrintConfig(m)
		if err != nil {
			tb.Fatal(err)
		}
		return Edition{Name: name, Ed: ed, Cfg: cfg, Cfg1: cfg1}
	}
	write := func(path string, data []byte) {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	out := []Edition{load("default", filepath.Join(root, "posts", "edition.yaml"))}

	one := tb.TempDir()
	post, err := os.ReadFile(filepath.Join(root, "posts", "2017-05-01-trotskyism.md"))
	if err != nil {
		tb.Fatal(err)
	}
	write(filepath.Join(one, "post.md"), post)
	write(filepath.Join(one, "edition.yaml"), []byte("publication: One\nnumber: 1\ndate: 2026-11-25\nlanguage: en\nposts: [post.md]\n"))
	out = append(out, load("one", filepath.Join(one, "edition.yaml")))

	if testenv.SharedRoot(tb) == "" && !testenv.InCI() {
		return out
	}
	src := testenv.Shared(tb, "corpus")
	dir := tb.TempDir()
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		tb.Fatal(err)
	}
	data, err := manifest.Assemble(dir, dir, manifest.AssembleOptions{Publication: "Corpus", Number: 1}, nil)
	if err != nil {
		tb.Fatal(err)
	}
	write(filepath.Join(dir, "edition.yaml"), data)
	return append(out, load("corpus", filepath.Join(dir, "edition.yaml")))
}
