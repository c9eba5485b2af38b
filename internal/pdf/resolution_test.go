package pdf_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/pdf"
	"github.com/redtide/edition/internal/testenv"
	"github.com/redtide/edition/layout"
	"github.com/redtide/edition/layout/layouttest"
)

// photo is a w×h JPEG with a gradient, standing in for a camera's file.
func photo(w, h int) *model.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 128, 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 85}); err != nil {
		panic(err)
	}
	return &model.Image{Path: fmt.Sprintf("images/photo-%dx%d.jpg", w, h), Name: fmt.Sprintf("img-photo-%dx%d.jpg", w, h),
		MediaType: "image/jpeg", Data: b.Bytes(), Width: w, Height: h, Alt: "a photograph"}
}

// resolutionEdition has one figure too small for print, one far above
// print resolution, one in between.
func resolutionEdition() *model.Edition {
	small := layouttest.PNG(180, 120)
	small.Line = 7
	huge := photo(4000, 2000)
	huge.Line = 9
	fine := layouttest.PNG(1000, 500)
	fine.Line = 11
	a := &model.Article{ID: "a-photos", Source: "posts/photos.md", Title: "Photographs", Language: "en",
		Blocks: []model.Block{
			layouttest.P(layouttest.T("Three figures.")),
			&model.Figure{Image: small, Caption: []model.Inline{layouttest.T("Small.")}},
			&model.Figure{Image: huge, Caption: []model.Inline{layouttest.T("Huge.")}},
			&model.Figure{Image: fine, Caption: []model.Inline{layouttest.T("Fine.")}},
		}}
	return &model.Edition{Publication: "Test", Number: 1, Date: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Language: "en",
		Sections: []*model.Section{{Articles: []*model.Article{a}}}}
}

// TestImageResolution: a figure printed below 150 ppi is warned about with
// its post's path and line, the ppi and the pixels it needs; one above
// 600 ppi is downsampled to 300 ppi in the PDF (read back with pdfimages),
// unless the edition keeps full resolution; output stays reproducible.
func TestImageResolution(t *testing.T) {
	pdfimages := testenv.Tool(t, "pdfimages")
	ed := resolutionEdition()
	set := fonts.Default()
	cfg := layout.DefaultConfig()
	var warns []string
	d, err := layout.Layout(ed, set, cfg, func(w diag.Warning) { warns = append(warns, w.String()) })
	if err != nil {
		t.Fatal(err)
	}
	var small []string
	for _, w := range warns {
		if strings.Contains(w, "ppi") {
			small = append(small, w)
		}
	}
	if len(small) != 1 || !strings.HasPrefix(small[0], "posts/photos.md:7: image images/test.png prints at ") ||
		!strings.Contains(small[0], "150 ppi needs ") || !strings.Contains(small[0], "it has 180 × 120") {
		t.Errorf("ppi warnings %q", small)
	}
	t.Log(small)
	placed := map[int]float64{} // source width → placed width, inches
	for _, p := range d.Pages {
		for _, im := range p.Images {
			placed[im.Image.Width] = im.W.Points() / 72
		}
	}
	sizes := func(d *layout.Document) map[int]int {
		var buf bytes.Buffer
		if err := pdf.Write(&buf, d, set, pdf.MetaFor(ed)); err != nil {
			t.Fatal(err)
		}
		f := filepath.Join(t.TempDir(), "x.pdf")
		if err := os.WriteFile(f, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(pdfimages[0], append(pdfimages[1:], "-list", f)...).Output()
		if err != nil {
			t.Fatalf("pdfimages: %v", err)
		}
		return imageWidths(t, string(out))
	}
	got := sizes(d)
	want := int(placed[4000]*pdf.DownsampleTo + 0.5)
	if got[want] != 1 || got[4000] != 0 {
		t.Errorf("widths in the PDF %v: want the 4000-pixel photograph at %d (%.2f in × 300 ppi)", got, want, placed[4000])
	}
	if got[180] != 1 || got[1000] != 1 {
		t.Errorf("widths in the PDF %v: the small and fine images must be kept", got)
	}
	// Same bytes every build.
	var a, b bytes.Buffer
	if err := pdf.Write(&a, d, set, pdf.MetaFor(ed)); err != nil {
		t.Fatal(err)
	}
	if err := pdf.Write(&b, d, set, pdf.MetaFor(ed)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two PDFs of one document differ")
	}
	cfg.KeepImageResolution = true
	kept, err := layout.Layout(ed, set, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := sizes(kept); got[4000] != 1 {
		t.Errorf("with downsample: false, widths %v: want the photograph at 4000", got)
	}
}

// imageWidths counts the images of each width in pdfimages -list output.
func imageWidths(t *testing.T, list string) map[int]int {
	out := map[int]int{}
	for _, l := range strings.Split(list, "\n")[2:] {
		f := strings.Fields(l)
		if len(f) < 5 || f[2] != "image" {
			continue
		}
		w, err := strconv.Atoi(f[3])
		if err != nil {
			t.Fatalf("pdfimages line %q", l)
		}
		out[w]++
	}
	return out
}
