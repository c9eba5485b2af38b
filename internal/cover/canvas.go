package cover

import (
	"fmt"
	"image"
	"image/color"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

// canvas records the cover as layers, painted in order: solid rectangles
// and lines of text, over a first layer that covers it all. The cover used
// to be painted on a 1000×1600 RGBA image (6.4 MB) and mapped onto the
// palette afterwards; now only the red and green of each line of text's
// bounds are composited, a band of rows at a time (see encode), and
// everything else is a run of one palette index. The pixels are the same:
// see paint.
type canvas struct {
	layers  []layer
	masks   []uint8 // the glyphs' masks, end to end
	scratch []uint8 // paint's strips
}

// A layer is a solid rectangle (no glyphs) or a line of text.
type layer struct {
	r      image.Rectangle // what the layer paints, within the cover
	colour color.RGBA
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
	return &canvas{layers: []layer{{r: bounds, colour: background}}}
}

// fill paints r in c.
func (cv *canvas) fill(r image.Rectangle, c color.RGBA) {
	if r = r.Intersect(bounds); !r.Empty() {
		cv.layers = append(cv.layers, layer{r: r, colour: c})
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
				// draw.DrawMask, which draw replaces, composites other
				// masks differently.
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
		cv.layers = append(cv.layers, layer{r: r, colour: c, glyphs: glyphs})
	}
	return nil
}

// A strip holds the red and green of a rectangle of the cover, all that a
// pixel's palette index is found from. Compositing blends each channel on
// its own, so blue and alpha never change them.
type strip struct {
	r   image.Rectangle
	pix []uint8 // red, green; row by row
}

// draw paints l on st, clipped to st's bounds, as it would have been
// painted on an RGBA image of the whole cover. With dst, it also sets the
// palette index of every pixel a glyph touches.
func (cv *canvas) draw(st *strip, l *layer, dst *image.Paletted) {
	r := l.r.Intersect(st.r)
	if l.glyphs == nil {
		if r.Empty() {
			return
		}
		first := st.row(r, r.Min.Y)
		first[0], first[1] = l.colour.R, l.colour.G
		repeat(first, 2)
		for y := r.Min.Y + 1; y < r.Max.Y; y++ {
			copy(st.row(r, y), first)
		}
		return
	}
	sr, sg, _, sa := l.colour.RGBA()
	opaque := sa == 0xffff
	for _, g := range l.glyphs {
		o := g.dr.Intersect(st.r)
		w := g.dr.Dx()
		for y := o.Min.Y; y < o.Max.Y; y++ {
			i := g.off + (y-g.dr.Min.Y)*w + o.Min.X - g.dr.Min.X
			mask := cv.masks[i : i+o.Dx()]
			p := st.row(o, y)[:2*len(mask)]
			var d []uint8 // empty without dst
			if dst != nil {
				i := dst.PixOffset(o.Min.X, y)
				d = dst.Pix[i : i+o.Dx()]
			}
			for x, m := range mask {
				if m == 0 {
					continue
				}
				q := p[2*x : 2*x+2 : 2*x+2]
				if m == 0xff && opaque {
					// What the arithmetic below comes to.
					q[0], q[1] = l.colour.R, l.colour.G
				} else {
					// image/draw's drawGlyphOver, which draw.DrawMask runs
					// for an *image.Uniform through an *image.Alpha onto an
					// *image.RGBA, in its uint32 arithmetic (TestOver).
					const m16 = 0xffff
					ma := uint32(m) * 0x101
					a := (m16 - (sa * ma / m16)) * 0x101
					q[0] = uint8((uint32(q[0])*a + sr*ma) / m16 >> 8)
					q[1] = uint8((uint32(q[1])*a + sg*ma) / m16 >> 8)
				}
				if x < len(d) {
					d[x] = index(q[0], q[1])
				}
			}
		}
	}
}

// row is the part of st's row y within r, which lies within st.
func (st *strip) row(r image.Rectangle, y int) []uint8 {
	i := 2 * ((y-st.r.Min.Y)*st.r.Dx() + r.Min.X - st.r.Min.X)
	return st.pix[i : i+2*r.Dx()]
}

// paint paints the layers within dst's bounds onto its palette indices. A
// solid rectangle is its colour's index. Anti-aliased text blends with
// whatever lies beneath it, and where glyphs overlap (kerned or italic
// letters, lines that come close) the blend is of the blend, not of its
// nearest palette colour: so each line of text is composited on a strip of
// red and green over its bounds, into which the layers beneath are first
// painted again, exactly as on an RGBA image of the whole cover; the
// pixels its glyphs touch take the index of their blend.
func (cv *canvas) paint(dst *image.Paletted) {
	for i := range cv.layers {
		l := &cv.layers[i]
		r := l.r.Intersect(dst.Rect)
		if r.Empty() {
			continue
		}
		if l.glyphs == nil {
			off := dst.PixOffset(r.Min.X, r.Min.Y)
			first := dst.Pix[off : off+r.Dx()]
			first[0] = index(l.colour.R, l.colour.G)
			repeat(first, 1)
			for y := r.Min.Y + 1; y < r.Max.Y; y++ {
				off := dst.PixOffset(r.Min.X, y)
				copy(dst.Pix[off:off+r.Dx()], first)
			}
			continue
		}
		n := 2 * r.Dx() * r.Dy()
		if cap(cv.scratch) < n {
			// Room for a band of the whole width, when painted by encode.
			cv.scratch = make([]uint8, max(n, 2*band*Width))
		}
		st := strip{r: r, pix: cv.scratch[:n]}
		for j := range cv.layers[:i] {
			if b := &cv.layers[j]; b.r.Overlaps(r) {
				cv.draw(&st, b, nil)
			}
		}
		cv.draw(&st, l, dst)
	}
}

// repeat copies the first n > 0 bytes of b over the rest of it, by doubling
// copies (memmove): a loop storing a byte or two at a time costs several
// instructions a byte.
func repeat(b []uint8, n int) {
	for ; n < len(b); n *= 2 {
		copy(b[n:], b[:n])
	}
}
