package edition

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/manifest"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, s := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func manifestFor(dir string, posts ...string) *manifest.Manifest {
	var es []manifest.Entry
	for i, p := range posts {
		es = append(es, manifest.Entry{Path: p, Line: 10 + i})
	}
	return &manifest.Manifest{Path: filepath.Join(dir, "edition.yaml"), Root: dir, Publication: "P",
		Date: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Language: "en",
		Sections: []manifest.Section{{Posts: es}}}
}

// TestBuildErrors: problems in posts are reported together, each with
// its file and line.
func TestBuildErrors(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"ok.md":          "---\ntitle: OK\n---\ntext\n",
		"bad-yaml.md":    "---\ntitle: \"open\n---\n",
		"bad-date.md":    "---\ntitle: T\ndate: yesterday\n---\n",
		"broken.md":      "---\ntitle: T\n---\n\n![x](img/broken.png)\n",
		"img/broken.png": "\x89PNG\r\n\x1a\nnot really",
	})
	m := manifestFor(dir, "ok.md", "missing.md", "bad-yaml.md", "bad-date.md", "broken.md")
	_, err := Build(m, &diag.Log{}, Options{})
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	for _, want := range []string{
		"edition.yaml:11: post \"missing.md\" not found",
		"bad-yaml.md:",
		"bad-date.md:3: date: \"yesterday\" is not a date",
		"broken.md:5: image \"img/broken.png\": not a readable JPEG, PNG or GIF image",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error does not report %q:\n%s", want, msg)
		}
	}
}

func TestBuildWarnings(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.md":     "---\ntitle: A\n---\n\n![gone](nope.png)\n\n![far](https://example.org/x.png)\n\nRef[^x] and [^y].\n\n[^x]: note\n",
		"draft.md": "---\ntitle: Draft\npublished: false\n---\nsecret draft words\n",
	})
	var log diag.Log
	ed, err := Build(manifestFor(dir, "a.md", "draft.md"), &log, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(ed.Sections[0].Articles); n != 1 {
		t.Errorf("%d articles, want 1 (the draft is left out)", n)
	}
	var all []string
	for _, w := range log.Warnings() {
		all = append(all, w.String())
	}
	got := strings.Join(all, "\n")
	for _, want := range []string{
		`a.md:5: image "nope.png" not found; its alt text is used`,
		"a.md:7: remote image https://example.org/x.png is not in the site's image cache",
		`a.md:9: footnote reference [^y] has no definition`,
		"draft.md:1: published: false; left out of the edition",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("warnings lack %q:\n%s", want, got)
		}
	}
}

func TestImageLimits(t *testing.T) {
	if _, err := decode("x.png", make([]byte, MaxImageBytes+1)); err == nil {
		t.Error("oversized file accepted")
	}
	// A PNG header claiming 100000×100000 pixels.
	ihdr := []byte("IHDR\x00\x01\x86\xa0\x00\x01\x86\xa0\x08\x02\x00\x00\x00")
	hdr := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\r"), ihdr...)
	hdr = binary.BigEndian.AppendUint32(hdr, crc32.ChecksumIEEE(ihdr))
	if _, err := decode("x.png", hdr); err == nil || !strings.Contains(err.Error(), "50 million pixels") {
		t.Errorf("huge image: %v", err)
	}
	rose, err := os.ReadFile("testdata/golden/images/rose.png")
	if err != nil {
		t.Fatal(err)
	}
	img, err := decode("rose.png", rose)
	if err != nil || img.Width != 400 || img.MediaType != "image/png" || !strings.HasPrefix(img.Name, "img-") {
		t.Errorf("decode rose: %+v %v", img, err)
	}
}

// TestTruncatedImages: a file cut short passes the header check but not
// the structure check.
func TestTruncatedImages(t *testing.T) {
	rose, err := os.ReadFile("testdata/golden/images/rose.png")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{len(rose) - 1, len(rose) - 20, len(rose) / 2, 100} {
		if _, err := decode("rose.png", rose[:n]); err == nil || !strings.Contains(err.Error(), "broken image data") {
			t.Errorf("PNG cut to %d bytes: %v", n, err)
		}
	}
	bad := append([]byte(nil), rose...)
	bad[len(bad)/2] ^= 0xff
	if _, err := decode("rose.png", bad); err == nil {
		t.Error("PNG with a flipped byte accepted")
	}
}

func TestTruncatedJPEG(t *testing.T) {
	var b bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := decode("x.jpg", b.Bytes()); err != nil {
		t.Fatalf("whole JPEG: %v", err)
	}
	if _, err := decode("x.jpg", b.Bytes()[:b.Len()-10]); err == nil || !strings.Contains(err.Error(), "end-of-image") {
		t.Errorf("truncated JPEG: %v", err)
	}
}
