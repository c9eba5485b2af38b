// Package pipelinetest loads whole editions from real posts, as the build
// reads them, for the tests and benchmarks of packages layout, pdf and
// epub. It sits beside pipeline, above the packages whose tests use it:
// layout's own test helpers (layout/layouttest) import nothing above
// layout, and only external test packages (layout_test, pdf_test,
// epub_test) reach the whole build through this one.
package pipelinetest

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
	out := []Edition{load(tb, "default", filepath.Join(root, "posts", "edition.yaml"))}

	one := tb.TempDir()
	post, err := os.ReadFile(filepath.Join(root, "posts", "2017-05-01-trotskyism.md"))
	if err != nil {
		tb.Fatal(err)
	}
	write(tb, filepath.Join(one, "post.md"), post)
	write(tb, filepath.Join(one, "edition.yaml"), []byte("publication: One\nnumber: 1\ndate: 2026-11-25\nlanguage: en\nposts: [post.md]\n"))
	out = append(out, load(tb, "one", filepath.Join(one, "edition.yaml")))

	if testenv.SharedRoot(tb) == "" && !testenv.InCI() {
		return out
	}
	return append(out, assembled(tb, "corpus", "Corpus", "corpus"))
}

// Lessons loads "lessons", an edition of the Programming Historian
// lessons in ../shared (in en, es, fr and pt, with code and math), or
// none when they are not there (always in CI).
func Lessons(tb testing.TB) []Edition {
	tb.Helper()
	if testenv.SharedRoot(tb) == "" && !testenv.InCI() {
		return nil
	}
	return []Edition{assembled(tb, "lessons", "Lessons", "lessons/programminghistorian")}
}

// assembled loads an edition of every post of the shared folder dir, as
// edition assemble writes its manifest for the publication pub.
func assembled(tb testing.TB, name, pub, dir string) Edition {
	tb.Helper()
	src := testenv.Shared(tb, dir)
	tmp := tb.TempDir()
	if err := os.CopyFS(tmp, os.DirFS(src)); err != nil {
		tb.Fatal(err)
	}
	data, err := manifest.Assemble(tmp, tmp, manifest.AssembleOptions{Publication: pub, Number: 1}, nil)
	if err != nil {
		tb.Fatal(err)
	}
	write(tb, filepath.Join(tmp, "edition.yaml"), data)
	return load(tb, name, filepath.Join(tmp, "edition.yaml"))
}

func write(tb testing.TB, path string, data []byte) {
	if err := os.WriteFile(path, data, 0o644); err != nil {
		tb.Fatal(err)
	}
}

// load builds the edition of the manifest at path, with its print
// settings and those for one column.
func load(tb testing.TB, name, path string) Edition {
	tb.Helper()
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
