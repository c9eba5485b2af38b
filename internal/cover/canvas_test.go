package cover

import (
	"image"
	"image/color"
	"image/draw"
	"math/rand/v2"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/redtide/edition/fonts"
)

// TestPaintMatchesRGBA draws lines of text that overlap one another and
// solid rectangles, in random order, both on a canvas and, as the cover
// used to be drawn, with font.Drawer on an RGBA image of the whole cover
// mapped onto the palette; every palette index must agree.
func TestPaintMatchesRGBA(t *testing.T) {
	set := fonts.Default()
	var faces []font.Face
	for _, data := range [][]byte{set.Display.Data, set.Text.Regular.Data, set.Text.Italic.Data} {
		f, err := opentype.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		for _, size := range []float64{13, 44, 80, 150} {
			face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
			if err != nil {
				t.Fatal(err)
			}
			faces = append(faces, face)
		}
	}
	colours := []color.RGBA{ink, paper, red}
	words := []string{"AVAWAY fiffl", "Ǻ▓█ jgyq", "Tôi yếu đuối", "Łódź façade", "ﬃ—…", "漢字"}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 20 {
		cv := newCanvas(paper)
		want := image.NewRGBA(bounds)
		draw.Draw(want, bounds, &image.Uniform{paper}, image.Point{}, draw.Src)
		for range 30 {
			c := colours[rng.IntN(len(colours))]
			if rng.IntN(4) == 0 {
				x, y := rng.IntN(Width+200)-100, rng.IntN(Height+200)-100
				r := image.Rect(x, y, x+rng.IntN(600), y+rng.IntN(100))
				cv.fill(r, c)
				draw.Draw(want, r, &image.Uniform{c}, image.Point{}, draw.Src)
				continue
			}
			f := faces[rng.IntN(len(faces))]
			s := words[rng.IntN(len(words))] + " " + words[rng.IntN(len(words))]
			// Baselines 1/64 px apart land glyphs at every sub-pixel
			// offset; some lines run off the cover's edges.
			dot := fixed.Point26_6{X: fixed.Int26_6(rng.IntN(64*(Width+100))) - 64*200,
				Y: fixed.Int26_6(rng.IntN(64 * (Height + 100)))}
			if err := cv.text(f, s, dot, c); err != nil {
				t.Fatal(err)
			}
			d := font.Drawer{Dst: want, Src: &image.Uniform{c}, Face: f, Dot: dot}
			d.DrawString(s)
		}
		got := image.NewPaletted(bounds, palette)
		cv.paint(got)
		for y := range Height {
			for x := range Width {
				p := want.RGBAAt(x, y)
				if w, g := index(p.R, p.G), got.ColorIndexAt(x, y); w != g {
					t.Fatalf("round %d: pixel (%d, %d) has index %d, want %d", round, x, y, g, w)
				}
			}
		}
	}
}
