package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
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

// TestLazyTextError: a post whose text cannot be converted fails the
// build whether its text is read with its head (Load) or as the pages
// ask for it (Release), with the same error, and leaves the previous
// outputs as they were and nothing else.
func TestLazyTextError(t *testing.T) {
	for _, release := range []bool{false, true} {
		dir := t.TempDir()
		files := map[string]string{
			"edition.yaml":   "publication: P\nnumber: 3\ndate: 2026-01-01\nlanguage: en\nposts: [ok.md, broken.md, after.md]\n",
			"ok.md":          "---\ntitle: OK\ndate: 2026-01-01\n---\n" + strings.Repeat("Some text of the post. ", 400) + "\n",
			"broken.md":      "---\ntitle: Broken\ndate: 2026-01-01\n---\n\n![x](img/broken.png)\n",
			"img/broken.png": "\x89PNG\r\n\x1a\nnot really",
			"after.md":       "---\ntitle: After\ndate: 2026-01-01\n---\nMore text.\n",
		}
		writeFiles(t, dir, files)
		out := filepath.Join(dir, "out")
		old := map[string]string{"p-3.pdf": "old pdf", "p-3.epub": "old epub"}
		writeFiles(t, out, old)
		_, err := Run(Options{Manifest: filepath.Join(dir, "edition.yaml"), OutDir: out, Release: release})
		if err == nil || !strings.Contains(err.Error(), `broken.md:6: image "img/broken.png": not a readable JPEG, PNG or GIF image`) {
			t.Errorf("release %v: error %v, want the broken image's", release, err)
		}
		entries, _ := os.ReadDir(out)
		if len(entries) != len(old) {
			t.Errorf("release %v: %d files in the output folder, want the %d old ones", release, len(entries), len(old))
		}
		for n, s := range old {
			if b, _ := os.ReadFile(filepath.Join(out, n)); string(b) != s {
				t.Errorf("release %v: %s changed", release, n)
			}
		}
	}
}
