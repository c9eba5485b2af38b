package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/redtide/edition/internal/model"
)

// TestRelease builds each edition twice, keeping the model and releasing
// each article's text as soon as its pages and EPUB document are made
// (Options.Release), and wants the same PDF and EPUB, byte for byte; the
// released build must have dropped the text of every article but those
// the layout settles only at its end (the last one at least), and the
// edition it returns keeps every article's head. Each edition is built
// without the imprint, which prints the page count and is not streamed.
func TestRelease(t *testing.T) {
	epoch := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	for name, path := range benchEditions(t) {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			data = bytes.Replace(data, []byte("\nprint:\n"), []byte("\nprint:\n  imprint: false\n"), 1)
			if !bytes.Contains(data, []byte("imprint: false")) {
				data = append(data, "\nprint:\n  imprint: false\n"...)
			}
			dir := t.TempDir() // a copy: the manifest is read beside its posts
			if err := os.CopyFS(dir, os.DirFS(filepath.Dir(path))); err != nil {
				t.Fatal(err)
			}
			m := filepath.Join(dir, "release.yaml")
			if err := os.WriteFile(m, data, 0o644); err != nil {
				t.Fatal(err)
			}
			build := func(release bool) (*Result, map[string][]byte) {
				out := t.TempDir()
				res, err := Run(Options{Manifest: m, OutDir: out, Epoch: &epoch, Release: release})
				if err != nil {
					t.Fatal(err)
				}
				files := map[string][]byte{}
				for _, f := range res.Outputs {
					b, err := os.ReadFile(f)
					if err != nil {
						t.Fatal(err)
					}
					files[filepath.Base(f)] = b
				}
				return res, files
			}
			_, kept := build(false)
			res, released := build(true)
			if len(kept) != 2 || len(released) != len(kept) {
				t.Fatalf("outputs: %d kept, %d released", len(kept), len(released))
			}
			for n, b := range kept {
				if !bytes.Equal(released[n], b) {
					t.Errorf("%s differs when the text is released", n)
				}
			}
			var arts []*model.Article
			for _, s := range res.Edition.Sections {
				arts = append(arts, s.Articles...)
			}
			dropped := 0
			for _, a := range arts {
				if a.Title == "" || a.ID == "" {
					t.Errorf("%s: the head of an article was dropped", a.Source)
				}
				if a.Blocks == nil && a.Notes == nil && a.Bibliography == nil {
					dropped++
				}
			}
			if last := arts[len(arts)-1]; last.Blocks == nil {
				t.Errorf("the last article's text was dropped before the end")
			}
			if dropped < len(arts)/2 {
				t.Errorf("%d of %d articles' text dropped, want most", dropped, len(arts))
			}
			t.Logf("%d of %d articles' text dropped", dropped, len(arts))
		})
	}
}
