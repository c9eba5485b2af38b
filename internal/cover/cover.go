// Package cover draws a typographic cover image for an edition that has
// none, so that e-reader libraries show a real thumbnail.
package cover

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"strings"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/redtide/edition/fonts"
)

// Size of the cover in pixels: the 1:1.6 ratio e-reader stores ask for.
const (
	Width  = 1000
	Height = 1600
)

// Text is what the cover shows.
type Text struct {
	Publication string
	IssueTitle  string
	Issue       string // e.g. "Vol. 3, No. 12"
	Date        string // e.g. "25 November 2026"
	Headlines   []string
}

var (
	ink   = color.RGBA{0x1a, 0x1a, 0x1a, 0xff}
	paper = color.RGBA{0xfb, 0xf8, 0xf1, 0xff}
	red   = color.RGBA{0xb3, 0x1b, 0x1b, 0xff}
)

// PNG draws the cover with the embedded fonts and returns it encoded. The
// output depends only on t, so builds stay reproducible.
func PNG(t Text, set *fonts.Set) ([]byte, error) {
	cv, err := compose(t, set)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := cv.encode(&buf); err != nil {
		return nil, fmt.Errorf("cover: %w", err)
	}
	return buf.Bytes(), nil
}

// compose lays the cover out.
func compose(t Text, set *fonts.Set) (*canvas, error) {
	cv := newCanvas(paper)
	display, err := opentype.Parse(set.Display.Data)
	if err != nil {
		return nil, fmt.Errorf("cover: display font: %w", err)
	}
	serif, err := opentype.Parse(set.Text.Regular.Data)
	if err != nil {
		return nil, fmt.Errorf("cover: text font: %w", err)
	}
	italic, err := opentype.Parse(set.Text.Italic.Data)
	if err != nil {
		return nil, fmt.Errorf("cover: text font: %w", err)
	}
	face := func(f *opentype.Font, size float64) (font.Face, error) {
		return opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	}
	// Red band with the publication name, sized to fit.
	cv.fill(image.Rect(0, 0, Width, 420), red)
	size := 150.0
	var pub font.Face
	for ; size > 30; size -= 6 {
		if pub, err = face(display, size); err != nil {
			return nil, fmt.Errorf("cover: %w", err)
		}
		if font.MeasureString(pub, t.Publication).Ceil() <= Width-120 {
			break
		}
	}
	if err := cv.center(pub, t.Publication, 250+int(size/3), paper); err != nil {
		return nil, err
	}
	cv.fill(image.Rect(60, 470, Width-60, 474), ink)
	small, _ := face(serif, 40)
	line := strings.Join(nonEmpty(t.Issue, t.Date), "  ·  ")
	if err := cv.center(small, line, 530, ink); err != nil {
		return nil, err
	}
	cv.fill(image.Rect(60, 560, Width-60, 564), ink)
	y := 700
	if t.IssueTitle != "" {
		big, _ := face(italic, 80)
		for _, l := range wrap(big, t.IssueTitle, Width-140) {
			if err := cv.center(big, l, y, ink); err != nil {
				return nil, err
			}
			y += 96
		}
		y += 40
	}
	head, _ := face(serif, 44)
	for _, h := range t.Headlines {
		for _, l := range wrap(head, h, Width-160) {
			if y > Height-120 {
				break
			}
			if err := cv.center(head, l, y, ink); err != nil {
				return nil, err
			}
			y += 56
		}
		y += 24
	}
	cv.fill(image.Rect(0, Height-40, Width, Height), red)
	return cv, nil
}

func nonEmpty(s ...string) []string {
	var out []string
	for _, x := range s {
		if x != "" {
			out = append(out, x)
		}
	}
	return out
}

// center draws s centred on the cover, on the given baseline.
func (cv *canvas) center(f font.Face, s string, baseline int, c color.RGBA) error {
	w := font.MeasureString(f, s)
	return cv.text(f, s, fixed.Point26_6{X: (fixed.I(Width) - w) / 2, Y: fixed.I(baseline)}, c)
}

// wrap breaks s into lines no wider than width pixels. A line's width is
// summed a word at a time, as font.MeasureString sums the whole line: the
// words' own widths, and between two words the space's advance and its
// kerns with the letters either side. (Measuring the line anew for each
// word cost time in the square of its length.)
func wrap(f font.Face, s string, width int) []string {
	var (
		lines []string
		cur   string
		curW  fixed.Int26_6
	)
	space, _ := f.GlyphAdvance(' ')
	for _, w := range strings.Fields(s) {
		ww := font.MeasureString(f, w)
		if cur == "" {
			cur, curW = w, ww
			continue
		}
		last, _ := utf8.DecodeLastRuneInString(cur)
		first, _ := utf8.DecodeRuneInString(w)
		tryW := curW + f.Kern(last, ' ') + space + f.Kern(' ', first) + ww
		if tryW.Ceil() > width {
			lines = append(lines, cur)
			cur, curW = w, ww
			continue
		}
		cur, curW = cur+" "+w, tryW
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// palette holds the 128 colours of the cover: the blends from paper to
// ink and from paper to red, the only ones it is drawn with (anti-aliased
// text). A paletted PNG is a quarter of the data and needs no filtering,
// so it encodes several times faster, with no visible difference.
var palette = func() color.Palette {
	pal := make(color.Palette, 0, 128)
	blend := func(a, b color.RGBA, t int) color.RGBA {
		mix := func(x, y uint8) uint8 { return uint8((int(x)*(63-t) + int(y)*t) / 63) }
		return color.RGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 0xff}
	}
	for t := 0; t < 64; t++ {
		pal = append(pal, blend(paper, ink, t))
	}
	for t := 0; t < 64; t++ {
		pal = append(pal, blend(paper, red, t))
	}
	return pal
}()

// onInk and onRed give the palette index of a pixel from its green, on
// the paper–ink and on the paper–red line.
var onInk, onRed = func() (onInk, onRed [256]uint8) {
	for g := range 256 {
		onInk[g] = uint8(clamp63((int(paper.G) - g) * 63 / (int(paper.G) - int(ink.G))))
		onRed[g] = uint8(64 + clamp63((int(paper.G)-g)*63/(int(paper.G)-int(red.G))))
	}
	return onInk, onRed
}()

// index is the palette index of a pixel, found from its red and green.
func index(r, g uint8) uint8 {
	if int(r)-int(g) < 40 {
		// On the paper–ink line: both fall together.
		return onInk[g]
	}
	return onRed[g]
}

func clamp63(v int) int {
	return max(0, min(63, v))
}
