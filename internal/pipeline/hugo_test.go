package pipeline_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/edition"
	"github.com/redtide/edition/internal/epub"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/testenv"
	"github.com/redtide/edition/layout"
)

// TestHugoSiteGolden assembles and builds the small Hugo site of
// testdata/hugo/site.txtar and compares, with golden files, the manifest
// assemble writes (site.manifest.golden), the EPUB's documents
// (site.epub.golden), the lines of the PDF's pages (site.layout.golden)
// and the warnings (site.warnings.golden). Rewrite them with
// go test ./internal/pipeline -run HugoSiteGolden -update.
func TestHugoSiteGolden(t *testing.T) {
	dir := writeSite(t, filepath.Join("testdata", "hugo", "site.txtar"))
	var log diag.Log
	opt := manifest.AssembleOptions{Number: 1, Date: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}
	data, err := manifest.Assemble(dir, dir, opt, &log)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join("testdata", "hugo", "site.manifest.golden"), string(data))
	for _, want := range []string{"publication: The Hugo Paper", "content/posts/first.md", "content/posts/second.fr.md", "content/posts/bundle/index.md"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("manifest lacks %q", want)
		}
	}
	for _, left := range []string{"_index", "note.md", "draft.md", "future.md", "expired.md", "tags/"} {
		if strings.Contains(strings.SplitN(string(data), "posts:", 2)[1], left) {
			t.Errorf("manifest lists %q, which hugo leaves out", left)
		}
	}
	mpath := filepath.Join(dir, "edition.yaml")
	if err := os.WriteFile(mpath, data, 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := manifest.Load(mpath)
	if err != nil {
		t.Fatal(err)
	}
	ed, err := edition.Build(m, &log, edition.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := epub.Write(&buf, ed, epub.Options{Modified: testEpoch}); err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join("testdata", "hugo", "site.epub.golden"), epubDocuments(t, buf.Bytes()))
	cfg := layout.DefaultConfig()
	cfg.TrimWidth, cfg.TrimHeight, _ = layout.ParseTrim("A5")
	cfg.Columns = 2
	d, err := layout.Layout(ed, fonts.Default(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join("testdata", "hugo", "site.layout.golden"), pageLines(d))
	var ws strings.Builder
	for _, w := range log.Warnings() {
		ws.WriteString(strings.ReplaceAll(filepath.ToSlash(w.String()), filepath.ToSlash(dir), "SITE") + "\n")
	}
	golden(t, filepath.Join("testdata", "hugo", "site.warnings.golden"), ws.String())
}

// writeSite writes the files of a txtar archive into a new folder, and a
// small PNG wherever the site shows one.
func writeSite(t *testing.T, archive string) string {
	t.Helper()
	dir := testenv.WriteTxtar(t, archive)
	for i, p := range []string{"static/img/dot.png", "content/posts/bundle/pic.png"} {
		writePNG(t, filepath.Join(dir, filepath.FromSlash(p)), i)
	}
	return dir
}

func writePNG(t *testing.T, path string, seed int) {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 600, 300))
	for i := range img.Pix {
		img.Pix[i] = uint8(i % 251)
	}
	img.Set(0, 0, color.Gray{Y: uint8(seed)})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(fmt.Errorf("%s: %w", path, err))
	}
}
