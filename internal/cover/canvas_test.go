package cover

import (
	"bytes"
	"hash/adler32"
	"image"
	"image/color"
	"image/draw"
	"image/png"
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
		for y := 0; y < Height; y += band {
			cv.paint(&image.Paletted{Pix: got.Pix[y*Width:], Stride: Width, Rect: image.Rect(0, y, Width, min(y+band, Height)), Palette: palette})
		}
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

// TestEncode checks that the cover's PNG is byte for byte what image/png
// writes of the cover painted whole.
func TestEncode(t *testing.T) {
	for _, c := range goldenTexts {
		cv, err := compose(c.text, fonts.Default())
		if err != nil {
			t.Fatal(err)
		}
		img := image.NewPaletted(bounds, palette)
		cv.paint(img)
		var want, got bytes.Buffer
		if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&want, img); err != nil {
			t.Fatal(err)
		}
		if err := cv.encode(&got); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%s: encode writes %d bytes unlike image/png's %d", c.name, got.Len(), want.Len())
		}
	}
}

// TestRowSum checks the Adler-32 of rows, repeated and not, long enough
// for the sums to wrap, against hash/adler32.
func TestRowSum(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 1001, 70000} {
		var all []byte
		sum := newRowSum()
		row := make([]byte, n)
		for i := range 40 {
			if i%3 == 0 {
				for j := range row {
					row[j] = uint8(rng.Uint32())
				}
			}
			if i%7 == 0 {
				row = bytes.Repeat([]byte{0xff}, n)
			}
			sum.row(row)
			all = append(all, row...)
			if got, want := sum.sum32(), adler32.Checksum(all); got != want {
				t.Fatalf("%d-byte rows, after %d: %08x, want %08x", n, i+1, got, want)
			}
		}
	}
}

// TestOver composites every mask value over every red and green, in each
// colour of the cover and a translucent one, both with draw and with
// image/draw, whose arithmetic draw repeats.
func TestOver(t *testing.T) {
	r := image.Rect(0, 0, 256, 256)
	mask := image.NewAlpha(r)
	for y := range 256 {
		for x := range 256 {
			mask.Pix[mask.PixOffset(x, y)] = uint8(x)
		}
	}
	for _, c := range []color.RGBA{ink, paper, red, {0x40, 0x20, 0x10, 0x80}} {
		want := image.NewRGBA(r)
		cv := &canvas{masks: mask.Pix}
		st := strip{r: r, pix: make([]uint8, 2*256*256)}
		for y := range 256 {
			for x := range 256 {
				// Each red over each mask value; green the other way up.
				want.SetRGBA(x, y, color.RGBA{uint8(y), uint8(255 - y), 0x80, 0xff})
				st.row(image.Rect(x, y, x+1, y+1), y)[0] = uint8(y)
				st.row(image.Rect(x, y, x+1, y+1), y)[1] = uint8(255 - y)
			}
		}
		draw.DrawMask(want, r, &image.Uniform{c}, image.Point{}, mask, image.Point{}, draw.Over)
		cv.draw(&st, &layer{r: r, colour: c, glyphs: []glyph{{dr: r}}}, nil)
		for y := range 256 {
			for x := range 256 {
				w := want.RGBAAt(x, y)
				if p := st.row(image.Rect(x, y, x+1, y+1), y); p[0] != w.R || p[1] != w.G {
					t.Fatalf("%v over red %d green %d through %d: red %d green %d, want %d %d",
						c, y, 255-y, x, p[0], p[1], w.R, w.G)
				}
			}
		}
	}
}
