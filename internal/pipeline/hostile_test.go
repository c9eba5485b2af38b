package pipeline

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/layout"
)

var hostileEpoch = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

// writeFiles writes files, by path below dir, making their folders.
func writeFiles(t testing.TB, dir string, files map[string]string) {
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

// hostileBuild writes files into a fresh folder with a manifest naming
// posts, builds everything and returns the result and the output folder.
func hostileBuild(t testing.TB, files map[string]string, manifestExtra string, posts ...string) (*Result, string, error) {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, files)
	m := "publication: Hostile\nnumber: 1\ndate: 2026-11-25\n" + manifestExtra + "posts:\n"
	for _, p := range posts {
		m += "  - " + p + "\n"
	}
	mp := filepath.Join(dir, "edition.yaml")
	if err := os.WriteFile(mp, []byte(m), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	res, err := Run(Options{Manifest: mp, OutDir: out, Epoch: &hostileEpoch})
	return res, out, err
}

func postText(title, body string) string {
	return "---\ntitle: " + title + "\ndate: 2026-11-01\n---\n" + body
}

// epubText returns every XHTML document of the EPUB in out, concatenated.
func epubText(t testing.TB, out string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, "hostile-1.epub"))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, ".xhtml") {
			rc, _ := f.Open()
			x, _ := io.ReadAll(rc)
			rc.Close()
			b.Write(x)
		}
	}
	return b.String()
}

// noOverfull lays the edition out again and checks that no line sticks
// out of its measure.
func noOverfull(t *testing.T, res *Result) {
	t.Helper()
	d, err := layout.Layout(res.Edition, fonts.Default(), layout.DefaultConfig(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range d.Lines() {
		if l.Overfull {
			t.Errorf("overfull line in %s", l.Source)
			return
		}
	}
}

func TestHostileLargeInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	var big strings.Builder
	para := "The strike committee met again on Thursday, and the minutes, which ran to eleven pages, record a long argument about bread. "
	for big.Len() < 10<<20 {
		big.WriteString(strings.Repeat(para, 8))
		big.WriteString("\n\n")
	}
	longWord := strings.Repeat("solidarity", 500) // 5,000 characters
	nestedList := ""
	for i := 0; i < 1000; i++ {
		nestedList += strings.Repeat("  ", i) + "- level " + fmt.Sprint(i) + "\n"
	}
	nestedQuote := strings.Repeat(">", 1000) + " deep quote\n"
	var wide strings.Builder
	wide.WriteString("|" + strings.Repeat(" head |", 60) + "\n|" + strings.Repeat("---|", 60) + "\n")
	for r := 0; r < 5; r++ {
		wide.WriteString("|" + strings.Repeat(" cellcontentthatislong |", 60) + "\n")
	}
	tests := []struct{ name, body string }{
		{"ten megabyte post", big.String()},
		{"five thousand character word", "Before " + longWord + " after.\n"},
		{"thousand nested lists", nestedList},
		{"thousand nested quotes", nestedQuote},
		{"table wider than the page", wide.String()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, out, err := hostileBuild(t, map[string]string{"p.md": postText("T", tc.body)}, "", "p.md")
			if err != nil {
				t.Fatalf("build failed: %v", err)
			}
			if len(res.Outputs) != 2 {
				t.Fatalf("outputs %v, want EPUB and PDF", res.Outputs)
			}
			if tc.name != "ten megabyte post" {
				noOverfull(t, res)
			}
			if tc.name == "five thousand character word" && !strings.Contains(epubText(t, out), longWord) {
				t.Error("the long word is not whole in the EPUB")
			}
		})
	}
}

func pngBytes(t *testing.T, img image.Image) string {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestHostileImagesAndFonts(t *testing.T) {
	deep := image.NewNRGBA64(image.Rect(0, 0, 40, 30)) // 16-bit PNG: fpdf cannot read it as is
	for x := 0; x < 40; x++ {
		deep.Set(x, x%30, color.NRGBA64{R: 0xffff, A: 0x8000})
	}
	tests := []struct {
		name    string
		files   map[string]string
		extra   string
		wantErr string // "" means the build succeeds
		warn    string
	}{
		{name: "missing image", files: map[string]string{"p.md": postText("T", "![A missing chart](chart.png)\n")},
			warn: `p.md:5: image "chart.png" not found`},
		{name: "remote image", files: map[string]string{"p.md": postText("T", "![Remote](https://example.org/x.jpg)\n")},
			warn: "p.md:5: remote image https://example.org/x.jpg is not in the site's image cache"},
		{name: "16-bit png with alpha", files: map[string]string{"p.md": postText("T", "![Deep](deep.png)\n"), "deep.png": pngBytes(t, deep)}},
		{name: "not an image", files: map[string]string{"p.md": postText("T", "text\n\n![Fake](fake.png)\n"), "fake.png": "not an image at all"},
			wantErr: `p.md:7: image "fake.png": not a readable JPEG, PNG or GIF image`},
		{name: "svg", files: map[string]string{"p.md": postText("T", "![Vector](v.svg)\n"), "v.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"},
			wantErr: `p.md:5: image "v.svg": not a readable`},
		// A path that leaves the folder is a warning, the alt text in its
		// place: never a failed build (issue 19).
		{name: "image outside", files: map[string]string{"p.md": postText("T", "![Up](../up.png)\n")},
			warn: `p.md:5: image "../up.png" leaves the manifest's folder`},
		{name: "font not truetype", files: map[string]string{"p.md": postText("T", "text\n"), "f.ttf": "this is not a font"},
			extra: "fonts:\n  regular: f.ttf\n", wantErr: "edition.yaml:4:"},
		{name: "missing font", files: map[string]string{"p.md": postText("T", "text\n")},
			extra: "fonts:\n  regular: nope.ttf\n", wantErr: `edition.yaml:4: font "nope.ttf"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, _, err := hostileBuild(t, tc.files, tc.extra, "p.md")
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("build failed: %v", err)
			}
			if tc.warn != "" {
				var all []string
				for _, w := range res.Warnings {
					all = append(all, w.String())
				}
				if got := strings.Join(all, "\n"); !strings.Contains(got, tc.warn) {
					t.Errorf("warnings %q lack %q", got, tc.warn)
				}
			}
		})
	}
}

// TestHostileHTML: raw HTML cannot put script, handlers, frames, remote
// resources or broken markup into the EPUB.
func TestHostileHTML(t *testing.T) {
	body := `<script>alert(1)</script>
<p onclick="steal()">Kept text <img src="https://evil.example/x.png" onerror="x()"> <a href="javascript:alert(1)">js link</a></p>

<iframe src="https://evil.example/frame"></iframe>
<style>body{display:none}</style>
<object data="x.swf"></object>

<div><p>Unclosed <b>bold <i>italic</div>

Text with <span style="color:red">inline</span> and <unknowntag>odd</unknowntag> tags.
`
	_, out, err := hostileBuild(t, map[string]string{"p.md": postText("T", body)}, "", "p.md")
	if err != nil {
		t.Fatal(err)
	}
	x := epubText(t, out)
	for _, bad := range []string{"<script", "alert(", "onclick", "onerror", "javascript:", "<iframe", "<style", "<object", "evil.example", "style=\"color"} {
		if strings.Contains(x, bad) {
			t.Errorf("EPUB contains %q", bad)
		}
	}
	for _, good := range []string{"Kept text", "js link", "Unclosed", "italic", "odd"} {
		if !strings.Contains(x, good) {
			t.Errorf("EPUB lost the text %q", good)
		}
	}
}

// TestHostileDuplicatesAndMissing: manifest problems are all reported, and
// nothing is written.
func TestHostileManifest(t *testing.T) {
	_, out, err := hostileBuild(t, map[string]string{"a.md": postText("A", "x\n")}, "", "a.md", "a.md", "gone.md")
	if err == nil || !strings.Contains(err.Error(), "listed twice") {
		t.Fatalf("error %v", err)
	}
	if _, serr := os.Stat(out); !errors.Is(serr, os.ErrNotExist) {
		t.Errorf("a failed build created %s", out)
	}
	_, _, err = hostileBuild(t, map[string]string{"a.md": postText("A", "x\n")}, "", "a.md", "gone.md")
	if err == nil || !strings.Contains(err.Error(), `edition.yaml:6: post "gone.md" not found`) {
		t.Fatalf("missing post: %v", err)
	}
}
