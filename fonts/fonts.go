// Package fonts embeds edition's default typefaces and measures text with
// them exactly as the PDF writer will.
//
// Widths are in 1/1000 em and reproduce github.com/go-pdf/fpdf v0.9.0
// (AddUTF8FontFromBytes, GetStringSymbolWidth) integer for integer, so that
// a line the layout fills to the measure is the line fpdf draws. fpdf does not
// kern, so neither does this package.
package fonts

import (
	"errors"
	"fmt"
	"sync"
	"unicode/utf8"
)

// Style selects one face of a text Family. It is a byte so that the
// styles of text that layout copies by the million stay small.
type Style uint8

// The four faces of a text family.
const (
	Regular Style = iota
	Italic
	Bold
	BoldItalic
)

// String returns the style's name as used in font names, e.g. "BoldItalic".
func (s Style) String() string {
	switch s {
	case Regular:
		return "Regular"
	case Italic:
		return "Italic"
	case Bold:
		return "Bold"
	case BoldItalic:
		return "BoldItalic"
	}
	return fmt.Sprintf("Style(%d)", int(s))
}

// bmp is the number of code points fpdf can measure and draw: its UTF-8
// font support indexes a 65536-entry width table and reads only cmap
// format 4, so everything outside the Basic Multilingual Plane is missing.
const bmp = 1 << 16

// Font is one parsed TrueType face. Safe for concurrent use: it is not
// modified after Parse returns.
type Font struct {
	// Name identifies the face, PostScript style: "LiberationSerif-Italic".
	Name string
	// Data is the TrueType file, as passed to Parse; hand it unchanged to
	// fpdf's AddUTF8FontFromBytes. It must not be modified.
	Data []byte

	unitsPerEm int
	ascent     int // 1/1000 em
	descent    int // 1/1000 em, negative below the baseline
	capHeight  int // 1/1000 em
	xHeight    int // 1/1000 em
	missing    int // 1/1000 em, width of a rune the font lacks
	maxWidth   int // 1/1000 em, the largest Width of any rune

	// widths holds, for every BMP code point, the width fpdf's
	// GetStringSymbolWidth adds for it, already resolved (missing runes
	// carry the missing width, surrogates the width of U+FFFD).
	widths [bmp]uint16
	// glyph holds, for every BMP code point, the glyph whose width it
	// has (0 for none); with loca and glyf it gives the ink that Ink
	// reads on demand: few runes are ever asked about (the ends of
	// headings' lines), so reading all of them at Parse would be waste.
	glyph      []uint16
	loca, glyf []byte
	locaFormat int
	// has is a bit set of the BMP code points the font maps to a glyph.
	has [bmp / 64]uint64
	// parsed tells that Parse made the Font, and so validated Data.
	parsed bool
}

// Check reports whether f may be handed to the PDF writer: whether it
// is a Font that Parse returned. Parse is the one validation of font
// files (every table fpdf reads or copies into a subset present and
// inside the file, glyf outlines, a format 4 Unicode cmap, a licence
// that allows subset embedding; OS/2 optional, as it is for fpdf and for
// PDF's FontFile2), so a Font built any other way, or nil, is refused
// rather than passed to fpdf unchecked.
func (f *Font) Check() error {
	switch {
	case f == nil:
		return errors.New("no font")
	case !f.parsed:
		return errors.New("not read by fonts.Parse")
	}
	return nil
}

// Width returns the advance of r in 1/1000 em exactly as fpdf computes it:
// round(advanceWidth*1000/unitsPerEm) for a rune the font has, the font's
// missing width (that of glyph 0, or 500 if that is zero) for one it lacks
// or one outside the BMP. A rune that is not valid Unicode is measured as
// U+FFFD, as string(r) would encode it.
func (f *Font) Width(r rune) int {
	if uint32(r) < bmp {
		return int(f.widths[r])
	}
	if !utf8.ValidRune(r) {
		return int(f.widths[utf8.RuneError])
	}
	return f.missing
}

// Ink returns the horizontal extent of the ink of r's glyph from its
// origin, in 1/1000 em: left is negative when the ink starts before the
// origin (an italic f's tail), right passes Width(r) when the ink runs
// past the advance (an italic's overhang); right falls short of it by the
// glyph's right side bearing. Both are 0 for a glyph without ink (a
// space) and for a rune the font lacks.
func (f *Font) Ink(r rune) (left, right int) {
	if uint32(r) >= bmp || f.glyph == nil {
		return 0, 0
	}
	if g := f.glyph[r]; g != 0 {
		return f.ink(int(g))
	}
	return 0, 0
}

// Has reports whether the font's cmap maps r to a non-zero glyph that fpdf
// can draw. It is false for every rune outside the BMP.
func (f *Font) Has(r rune) bool {
	if uint32(r) >= bmp {
		return false
	}
	return f.has[r>>6]&(1<<(uint(r)&63)) != 0
}

// StringWidth returns the sum of the widths of the runes of s in 1/1000 em,
// as fpdf's GetStringSymbolWidth: no kerning, invalid UTF-8 bytes measured
// as U+FFFD.
func (f *Font) StringWidth(s string) int {
	w := 0
	for _, r := range s {
		if uint32(r) < bmp {
			w += int(f.widths[r])
		} else {
			w += f.missing
		}
	}
	return w
}

// Ascent returns the height of the ascender above the baseline in 1/1000 em,
// from hhea (OS/2 typographic ascender if that is zero), as fpdf's font
// descriptor has it.
func (f *Font) Ascent() int { return f.ascent }

// Descent returns the depth of the descender in 1/1000 em, negative below
// the baseline, from hhea (OS/2 typographic descender if that is zero), as
// fpdf's font descriptor has it.
func (f *Font) Descent() int { return f.descent }

// CapHeight returns the height of capital letters in 1/1000 em from OS/2
// (the ascent for OS/2 tables older than version 2), as fpdf's font
// descriptor has it.
func (f *Font) CapHeight() int { return f.capHeight }

// XHeight returns the height of lower-case letters in 1/1000 em from OS/2
// sxHeight, or for fonts without one the top of the glyph for 'x'.
func (f *Font) XHeight() int { return f.xHeight }

// MaxWidth returns the largest width Width gives for any rune, in 1/1000
// em: a string of n runes is at most n*MaxWidth wide.
func (f *Font) MaxWidth() int { return f.maxWidth }

// MissingWidth returns the width in 1/1000 em fpdf measures for a rune the
// font lacks.
func (f *Font) MissingWidth() int { return f.missing }

// UnitsPerEm returns the font's design units per em from its head table.
func (f *Font) UnitsPerEm() int { return f.unitsPerEm }

// Family is a text face in four styles.
type Family struct {
	// Name is the family name, e.g. "Liberation Serif".
	Name                              string
	Regular, Italic, Bold, BoldItalic *Font
}

// Face returns the font for style s; an unknown style gives Regular.
func (fam *Family) Face(s Style) *Font {
	switch s {
	case Italic:
		return fam.Italic
	case Bold:
		return fam.Bold
	case BoldItalic:
		return fam.BoldItalic
	}
	return fam.Regular
}

// LoadFamily parses a family's four faces, e.g. user fonts named in the
// manifest. A nil style falls back to the regular face (the same *Font);
// regular is required. Errors name the family and the style.
func LoadFamily(name string, regular, italic, bold, boldItalic []byte) (*Family, error) {
	fam := &Family{Name: name}
	if regular == nil {
		return nil, fmt.Errorf("font family %q: regular: no font data", name)
	}
	faces := []struct {
		style Style
		data  []byte
		dst   **Font
	}{
		{Regular, regular, &fam.Regular},
		{Italic, italic, &fam.Italic},
		{Bold, bold, &fam.Bold},
		{BoldItalic, boldItalic, &fam.BoldItalic},
	}
	for _, fc := range faces {
		if fc.data == nil {
			*fc.dst = fam.Regular
			continue
		}
		f, err := Parse("", fc.data)
		if err != nil {
			return nil, fmt.Errorf("font family %q: %s: %w", name, lower(fc.style), err)
		}
		if f.Name == "" {
			f.Name = name + "-" + fc.style.String()
		}
		*fc.dst = f
	}
	return fam, nil
}

// lower names a style in an error message.
func lower(s Style) string {
	switch s {
	case Italic:
		return "italic"
	case Bold:
		return "bold"
	case BoldItalic:
		return "bold italic"
	}
	return "regular"
}

// Set is everything a layout needs.
type Set struct {
	// Text sets body copy: Liberation Serif by default.
	Text *Family
	// Display sets headlines: Liberation Sans Bold by default.
	Display *Font
	// Mono sets code: Liberation Mono Regular by default.
	Mono *Font
	// Fallback draws the runes the face of a run lacks (arrows, stars,
	// mathematical symbols, rarer Greek and Cyrillic): DejaVu Sans by
	// default. FallbackBold does so for the bold faces and the display
	// face. Either may be nil: the runes are then printed as '?'.
	Fallback, FallbackBold *Font
}

var defaultSet = sync.OnceValue(func() *Set {
	// The faces are parsed at once, each on its own goroutine: a build
	// waits for them before its first page.
	files := []struct {
		name string
		data []byte
	}{
		{"LiberationSerif-Regular", serifRegular},
		{"LiberationSerif-Italic", serifItalic},
		{"LiberationSerif-Bold", serifBold},
		{"LiberationSerif-BoldItalic", serifBoldItalic},
		{"LiberationSans-Bold", sansBold},
		{"LiberationMono-Regular", monoRegular},
		{"DejaVuSans", fallbackRegular},
		{"DejaVuSans-Bold", fallbackBold},
	}
	fs := make([]*Font, len(files))
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for i, file := range files {
		wg.Go(func() { fs[i], errs[i] = Parse(file.name, file.data) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		// The files are committed and TestDefault parses them.
		panic(fmt.Sprintf("fonts: embedded font is corrupt: %v", err))
	}
	return &Set{
		Text:         &Family{Name: "Liberation Serif", Regular: fs[0], Italic: fs[1], Bold: fs[2], BoldItalic: fs[3]},
		Display:      fs[4],
		Mono:         fs[5],
		Fallback:     fs[6],
		FallbackBold: fs[7],
	}
})

// Default returns the embedded fonts, parsed once. Callers share the result
// and must not modify it.
func Default() *Set { return defaultSet() }
