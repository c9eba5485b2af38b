package serve

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/redtide/edition/internal/testenv"
)

// TestLooksLikePDF draws print pages of the default edition in Chromium,
// at 96 pixels to the inch with the bleed shown, and compares them with the
// same pages of the PDF rasterised by pdftoppm at 96 dpi. Text in the wrong
// font, size or place, a missing rule or image, or another page would
// differ in most blocks of 8×8 pixels; anti-aliasing differs in a few
// grey levels.
func TestLooksLikePDF(t *testing.T) {
	pdftoppm := testenv.Tool(t, "pdftoppm")[0]
	ctx := browser(t, 2400, 2000) // a tabloid page with its bleed and slug, at 96 ppi
	srv := start(t, defaultEdition(t), nil)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.url+"/")); err != nil {
		t.Fatal(err)
	}
	waitText(t, ctx, "page 1", jsPage+"(1)", 20*time.Second, contains("The Red Tide"))
	set := `(() => { const z = document.querySelector('#zoom'), b = document.querySelector('#bleed');
		z.value = '1'; z.dispatchEvent(new Event('change'));
		b.checked = true; b.dispatchEvent(new Event('change')); return '' })()`
	if _, err := eval(ctx, set); err != nil {
		t.Fatal(err)
	}
	st := srv.state(t)
	var pdfName string
	for _, d := range st.Downloads {
		if strings.HasSuffix(d, ".pdf") {
			pdfName = d
		}
	}
	pdf := filepath.Join(srv.out, pdfName)
	pages := map[int]image.Image{}
	for _, n := range []int{1, 2, 3} {
		svg := shot(t, ctx, n)
		out := filepath.Join(t.TempDir(), "p")
		cmd := exec.Command(pdftoppm, "-r", "96", "-f", fmt.Sprint(n), "-l", fmt.Sprint(n), "-png", "-singlefile", pdf, out)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v\n%s", err, b)
		}
		ref := readPNG(t, out+".png")
		pages[n] = ref
		mean, bad := compare(svg, ref)
		t.Logf("page %d: mean block difference %.2f grey levels, %.2f%% of blocks off by more than 48", n, mean, bad*100)
		// full pages of text differ by up to 3.5 grey levels in
		// anti-aliasing alone; a misplaced line shows in bad blocks
		if mean > 4 || bad > 0.01 {
			t.Errorf("page %d in the browser does not look like the PDF (mean %.2f, %.2f%% blocks off)", n, mean, bad*100)
			if dir := os.Getenv("EDITION_PDF_DIR"); dir != "" {
				writePNG(t, filepath.Join(dir, fmt.Sprintf("svg-%d.png", n)), svg)
			}
		}
	}
	// the measure tells pages apart
	if mean, bad := compare(pages[2], pages[3]); mean < 5 || bad < 0.05 {
		t.Errorf("pages 2 and 3 of the PDF compare as alike (mean %.2f, %.2f%%): the comparison is blind", mean, bad*100)
	}
}

// shot scrolls page n into view and returns it as the browser draws it.
func shot(t *testing.T, ctx context.Context, n int) image.Image {
	t.Helper()
	scroll := fmt.Sprintf(`(() => { document.querySelector('#page-%d').scrollIntoView(); return '' })()`, n)
	if _, err := eval(ctx, scroll); err != nil {
		t.Fatal(err)
	}
	waitText(t, ctx, fmt.Sprintf("page %d", n), fmt.Sprintf("%s(%d)", jsPage, n), 20*time.Second, func(s string) bool { return s != "" })
	// fonts loaded, and a frame drawn after that
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r('')))))`, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatal(err)
	}
	rect, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](fmt.Sprintf(`(() => { const r = document.querySelector('#page-%d').getBoundingClientRect(); return [r.x, r.y, r.width, r.height] })()`, n)))
	if err != nil {
		t.Fatal(err)
	}
	b, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	m, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	r := image.Rect(int(rect[0]+0.5), int(rect[1]+0.5), int(rect[0]+rect[2]+0.5), int(rect[1]+rect[3]+0.5))
	if !r.In(m.Bounds()) {
		t.Fatalf("page %d at %v is not all in the window %v", n, r, m.Bounds())
	}
	return m.(interface {
		SubImage(image.Rectangle) image.Image
	}).SubImage(r)
}

// compare averages both images over blocks of 8×8 pixels and returns the
// mean absolute difference of the blocks' grey levels (0–255) and the
// fraction of blocks that differ by more than 48.
func compare(a, b image.Image) (mean, bad float64) {
	const k = 8
	w := min(a.Bounds().Dx(), b.Bounds().Dx())
	h := min(a.Bounds().Dy(), b.Bounds().Dy())
	grey := func(m image.Image, x, y int) float64 {
		p := m.Bounds().Min
		r, g, bl, _ := m.At(p.X+x, p.Y+y).RGBA()
		return float64(r+g+bl) / 3 / 257
	}
	var sum float64
	var n, off int
	for by := 0; by+k <= h; by += k {
		for bx := 0; bx+k <= w; bx += k {
			var ga, gb float64
			for y := by; y < by+k; y++ {
				for x := bx; x < bx+k; x++ {
					ga += grey(a, x, y)
					gb += grey(b, x, y)
				}
			}
			d := (ga - gb) / (k * k)
			if d < 0 {
				d = -d
			}
			sum += d
			n++
			if d > 48 {
				off++
			}
		}
	}
	if n == 0 {
		return 255, 1
	}
	return sum / float64(n), float64(off) / float64(n)
}

func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func writePNG(t *testing.T, path string, m image.Image) {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
