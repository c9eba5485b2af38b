package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/cover"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/edition"
	"github.com/redtide/edition/internal/epub"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/pdf"
	"github.com/redtide/edition/internal/post"
	"github.com/redtide/edition/internal/testenv"
	"github.com/redtide/edition/layout"
)

// benchEditions are the manifests benchmarks run on: the default edition
// and, when ../shared/corpus is there, an edition of all its posts.
func benchEditions(b testing.TB) map[string]string {
	b.Helper()
	out := map[string]string{"default": filepath.Join(testenv.RepoRoot(b), "posts", "edition.yaml")}
	if testenv.SharedRoot(b) == "" && !testenv.InCI() {
		return out
	}
	src := testenv.Shared(b, "corpus")
	dir := b.TempDir()
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		b.Fatal(err)
	}
	data, err := manifest.Assemble(dir, dir, manifest.AssembleOptions{Publication: "Corpus", Number: 1}, nil)
	if err != nil {
		b.Fatal(err)
	}
	m := filepath.Join(dir, "edition.yaml")
	if err := os.WriteFile(m, data, 0o644); err != nil {
		b.Fatal(err)
	}
	out["corpus"] = m
	return out
}

func loadBench(b testing.TB, path string) (*manifest.Manifest, *model.Edition) {
	b.Helper()
	m, err := manifest.Load(path)
	if err != nil {
		b.Fatal(err)
	}
	ed, err := edition.Build(m, &diag.Log{}, edition.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return m, ed
}

// BenchmarkStages measures each stage of a build on each edition.
func BenchmarkStages(b *testing.B) {
	for name, path := range benchEditions(b) {
		m, ed := loadBench(b, path)
		cfg, err := PrintConfig(m)
		if err != nil {
			b.Fatal(err)
		}
		set := fonts.Default()
		epoch := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
		var files [][]byte
		for _, sec := range m.Sections {
			for _, e := range sec.Posts {
				data, err := manifest.Open(m.Root, e.Path)
				if err != nil {
					b.Fatal(err)
				}
				files = append(files, data)
			}
		}
		b.Run(name+"/parse", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, f := range files {
					if _, err := post.Parse("p.md", f, nil); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
		b.Run(name+"/manifest+model", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := edition.Build(m, &diag.Log{}, edition.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/layout", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := layout.Layout(ed, set, cfg, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
		d, err := layout.Layout(ed, set, cfg, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name+"/pdf", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var buf bytes.Buffer
				if err := pdf.Write(&buf, d, set, pdf.MetaFor(ed)); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/cover", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := cover.PNG(cover.Text{Publication: ed.Publication, Issue: "Vol. 1"}, set); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/epub", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var buf bytes.Buffer
				if err := epub.Write(&buf, ed, epub.Options{Modified: epoch}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/whole", func(b *testing.B) {
			b.ReportAllocs()
			out := b.TempDir()
			for b.Loop() {
				if _, err := Run(Options{Manifest: path, OutDir: out, Epoch: &epoch}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
