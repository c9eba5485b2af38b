package cover

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

// canvas records the cover as layers, painted in order: solid rectangles
// and lines of text, over a first layer that covers it all. The cover used
// to be painted on a 1000×1600 RGBA image (6.4 MB) and mapped onto the
// palette afterwards; now only the bounds of each line of text are
// composited in RGBA, a band of rows at a time (see encode), and
// everything else is a run of one palette index. The pixels are the same:
// see paint.
type canvas struct {
	layers []layer
	masks  []uint8 // the glyphs' masks, end to end
	strip  []uint8 // reused by paint
}

// A layer is a solid rectangle (no glyphs) or a line of text.
type layer struct {
	r      image.Rectangle // what the layer paints, within the cover
	colour color.RGBA
	src    *image.Uniform // of colour, as draw takes it
	glyphs []glyph
}

// A glyph is where font.Drawer would draw one rune's mask.
type glyph struct {
	dr  image.Rectangle
	off int // of the mask in canvas.masks, dr.Dx() bytes a row
}

var bounds = image.Rect(0, 0, Width, Height)

// newCanvas starts a cover in the background colour: every pixel then has
// a layer beneath it, which paint relies on.
func newCanvas(background color.RGBA) *canvas {
	return &canvas{layers: []layer{{r: bounds, colour: background, src: &image.Uniform{background}}}}
}

// fill paints r in c.
func (cv *canvas) fill(r image.Rectangle, c color.RGBA) {
	if r = r.Intersect(bounds); !r.Empty() {
		cv.layers = append(cv.layers, layer{r: r, colour: c, src: &image.Uniform{c}})
	}
}

// text draws s in c from dot on, as font.Drawer's DrawString does. The
// face overwrites its mask at each Glyph, so every mask is copied.
func (cv *canvas) text(f font.Face, s string, dot fixed.Point26_6, c color.RGBA) error {
	var (
		glyphs []glyph
		r      image.Rectangle
	)
	prev := rune(-1)
	for _, ch := range s {
		if prev >= 0 {
			dot.X += f.Kern(prev, ch)
		}
		dr, mask, mp, advance, _ := f.Glyph(dot, ch)
		if !dr.Empty() {
			a, ok := mask.(*image.Alpha)
			if !ok {
				// draw.DrawMask composites other masks differently.
				return fmt.Errorf("cover: glyph mask is %T, not *image.Alpha", mask)
			}
			off := len(cv.masks)
			if n := off + dr.Dx()*dr.Dy(); n > cap(cv.masks) {
				// Grown by doubling: append grows a large slice by a
				// quarter, copying the masks many times over.
				m := make([]uint8, off, max(n, 2*cap(cv.masks), 64<<10))
				copy(m, cv.masks)
				cv.masks = m
			}
			for y := range dr.Dy() {
				i := a.PixOffset(mp.X, mp.Y+y)
				cv.masks = append(cv.masks, a.Pix[i:i+dr.Dx()]...)
			}
			glyphs = append(glyphs, glyph{dr: dr, off: off})
			r = r.Union(dr)
		}
		dot.X += advance
		prev = ch
	}
	if r = r.Intersect(bounds); !r.Empty() {
		cv.layers = append(cv.layers, layer{r: r, colour: c, src: &image.Uniform{c}, glyphs: glyphs})
	}
	return nil
}

// draw paints l on dst, clipped to dst's bounds, as it would have been
// painted on an RGBA image of the whole cover.
func (cv *canvas) draw(dst *image.RGBA, l *layer) {
	if l.glyphs == nil {
		draw.Draw(dst, l.r, l.src, image.Point{}, draw.Src)
		return
	}
	for _, g := range l.glyphs {
		if !g.dr.Overlaps(dst.Rect) {
			continue
		}
		w, h := g.dr.Dx(), g.dr.Dy()
		mask := image.Alpha{Pix: cv.masks[g.off : g.off+w*h], Stride: w, Rect: image.Rect(0, 0, w, h)}
		draw.DrawMask(dst, g.dr, l.src, image.Point{}, &mask, image.Point{}, draw.Over)
	}
}

// paint paints the layers within dst's bounds onto its palette indices. A
// solid rectangle is its colour's index. Anti-aliased text blends with
// whatever lies beneath it, and where glyphs overlap (kerned or italic
// letters, lines that come close) the blend is of the blend, not of its
// nearest palette colour: so each line of text is composited on an RGBA
// strip over its bounds, into which the layers beneath are first painted
// again, exactly as on an RGBA image of the whole cover, and the strip is
// mapped onto the palette afterwards.
func (cv *canvas) paint(dst *image.Paletted) {
	for i := range cv.layers {
		l := &cv.layers[i]
		r := l.r.Intersect(dst.Rect)
		if r.Empty() {
			continue
		}
		if l.glyphs == nil {
			i := dst.PixOffset(r.Min.X, r.Min.Y)
			first := dst.Pix[i : i+r.Dx()]
			memset(first, index(l.colour.R, l.colour.G))
			for y := r.Min.Y + 1; y < r.Max.Y; y++ {
				i := dst.PixOffset(r.Min.X, y)
				copy(dst.Pix[i:i+r.Dx()], first)
			}
			continue
		}
		n := 4 * r.Dx() * r.Dy()
		if cap(cv.strip) < n {
			// Room for a band of the whole width, when painted by encode.
			cv.strip = make([]uint8, max(n, 4*band*Width))
		}
		strip := image.RGBA{Pix: cv.strip[:n], Stride: 4 * r.Dx(), Rect: r}
		for j := range cv.layers[:i] {
			if b := &cv.layers[j]; b.r.Overlaps(r) {
				cv.draw(&strip, b)
			}
		}
		cv.draw(&strip, l)
		toPaletted(dst, &strip)
	}
}

// memset sets every byte of b to v, by doubling copies (memmove); a loop
// storing one byte at a time costs several instructions a byte.
func memset(b []uint8, v uint8) {
	if len(b) == 0 {
		return
	}
	b[0] = v
	for n := 1; n < len(b); n *= 2 {
		copy(b[n:], b[:n])
	}
}
