package epub_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/cover"
	"github.com/redtide/edition/internal/epub"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/pipeline/pipelinetest"
	"github.com/redtide/edition/internal/testenv"
)

// browser starts headless Chromium that may read the unpacked files.
func browser(t *testing.T) context.Context {
	t.Helper()
	return testenv.Browser(t, 0, 0, chromedp.Flag("allow-file-access-from-files", true))
}

// writeEPUB writes ed as the build does (with a generated cover) and
// unpacks it into a new folder, which it returns.
func writeEPUB(t *testing.T, ed *model.Edition) string {
	t.Helper()
	png, err := cover.PNG(cover.Text{Publication: ed.Publication, Issue: model.IssueLabel(ed), Date: model.LongDate(ed.Date, ed.Language)}, fonts.Default())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := epub.Write(&buf, ed, epub.Options{Modified: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), CoverPNG: png}); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		_, err = b.ReadFrom(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// jsMeasure reads a page as a reader's screen shows it: how wide the
// body's content is against the screen, and the size of code against
// the body's text; the elements that stick out, for the message.
const jsMeasure = `(() => {
	const b = document.body, d = document.documentElement;
	const body = parseFloat(getComputedStyle(b).fontSize);
	let minCode = 1, minWhat = '';
	for (const e of document.querySelectorAll('code, pre, .math')) {
		if (!e.textContent.trim()) continue;
		const r = parseFloat(getComputedStyle(e).fontSize) / body;
		if (r < minCode) { minCode = r; minWhat = e.outerHTML.slice(0, 80); }
	}
	const wide = [];
	for (const e of b.querySelectorAll('*')) {
		const r = e.getBoundingClientRect();
		if (r.right > d.clientWidth + 0.5 && wide.length < 3) wide.push(e.tagName + ': ' + (e.textContent || '').trim().slice(0, 60));
	}
	return JSON.stringify({sw: b.scrollWidth, cw: b.clientWidth, dsw: d.scrollWidth, dcw: d.clientWidth, minCode, minWhat, wide});
})()`

type measure struct {
	SW      int `json:"sw"`
	CW      int `json:"cw"`
	DSW     int `json:"dsw"`
	DCW     int `json:"dcw"`
	MinCode float64
	MinWhat string
	Wide    []string
}

// TestRendering opens every content document of the default edition
// and the corpus (and the navigation document) in headless Chromium at
// a phone's and a tablet's width, with the EPUB's stylesheet: nothing may
// stick out sideways, and code must be at least 0.85 of the text's size.
func TestRendering(t *testing.T) {
	ctx := browser(t)
	for _, e := range pipelinetest.Load(t) {
		if e.Name == "one" {
			continue
		}
		dir := writeEPUB(t, e.Ed)
		files, _ := filepath.Glob(filepath.Join(dir, "EPUB", "xhtml", "*.xhtml"))
		files = append(files, filepath.Join(dir, "EPUB", "nav.xhtml"))
		sort.Strings(files)
		for _, width := range []int64{360, 768} {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 800)); err != nil {
				t.Fatal(err)
			}
			for _, f := range files {
				checkPage(t, ctx, e.Name, width, f)
			}
		}
	}
}

func checkPage(t *testing.T, ctx context.Context, edition string, width int64, file string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+file)); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	js, err := chromedp.Run(ctx, chromedp.Evaluate[string](jsMeasure))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	var m measure
	if err := json.Unmarshal([]byte(js), &m); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	name := edition + "/" + filepath.Base(file)
	if m.SW > m.CW || m.DSW > m.DCW {
		t.Errorf("%s at %dpx: content %dpx wide in a body of %dpx (page %d of %d): %s", name, width, m.SW, m.CW, m.DSW, m.DCW, strings.Join(m.Wide, " | "))
	}
	if m.MinCode < 0.85 {
		t.Errorf("%s at %dpx: code at %.2f of the text's size: %s", name, width, m.MinCode, m.MinWhat)
	}
}
