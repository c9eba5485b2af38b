package fonts

import (
	"encoding/binary"
	"slices"
	"sort"
	"unicode/utf16"
)

// tinyFont describes a minimal TrueType font built in memory, to exercise
// metrics corner cases (odd units per em, zero and huge advances, missing
// OS/2) against fpdf and to seed the fuzzer with something small.
type tinyFont struct {
	upm        int
	advances   []int        // long horizontal metrics; glyph 0 is .notdef
	numGlyphs  int          // ≥ len(advances); the rest share the last advance
	cmap       map[rune]int // rune → glyph, one format 4 segment each
	os2Version int          // -1 for no OS/2 table
	ascender   int          // hhea, font units
	descender  int          // hhea, font units
	yMax       int          // every glyph's yMax and head's, font units
}

func be16(v int) []byte { return binary.BigEndian.AppendUint16(nil, uint16(v)) }
func be32(v int) []byte { return binary.BigEndian.AppendUint32(nil, uint32(v)) }

func cat(parts ...[]byte) []byte { return slices.Concat(parts...) }

func (tf tinyFont) bytes() []byte {
	numGlyphs := max(tf.numGlyphs, len(tf.advances))
	tabs := map[string][]byte{}

	head := make([]byte, 54)
	copy(head, be32(0x00010000))
	copy(head[12:], be32(0x5F0F3CF5))
	copy(head[18:], be16(tf.upm))
	copy(head[36:], cat(be16(0), be16(-tf.upm/4), be16(tf.upm), be16(tf.yMax)))
	tabs["head"] = head

	hhea := make([]byte, 36)
	copy(hhea, be32(0x00010000))
	copy(hhea[4:], cat(be16(tf.ascender), be16(tf.descender)))
	copy(hhea[34:], be16(len(tf.advances)))
	tabs["hhea"] = hhea

	tabs["maxp"] = cat(be32(0x00005000), be16(numGlyphs))

	var hmtx []byte
	for _, a := range tf.advances {
		hmtx = cat(hmtx, be16(a), be16(0))
	}
	for range numGlyphs - len(tf.advances) {
		hmtx = cat(hmtx, be16(0))
	}
	tabs["hmtx"] = hmtx

	var loca, glyf []byte
	for range numGlyphs {
		loca = cat(loca, be16(len(glyf)/2))
		glyf = cat(glyf, be16(0), be16(0), be16(0), be16(100), be16(tf.yMax), be16(0))
	}
	tabs["loca"] = cat(loca, be16(len(glyf)/2))
	tabs["glyf"] = glyf

	runes := make([]int, 0, len(tf.cmap))
	for r := range tf.cmap {
		runes = append(runes, int(r))
	}
	sort.Ints(runes)
	var ends, starts, deltas, offsets []byte
	for _, r := range runes {
		ends, starts = cat(ends, be16(r)), cat(starts, be16(r))
		deltas, offsets = cat(deltas, be16(tf.cmap[rune(r)]-r)), cat(offsets, be16(0))
	}
	ends, starts = cat(ends, be16(0xFFFF)), cat(starts, be16(0xFFFF))
	deltas, offsets = cat(deltas, be16(1)), cat(offsets, be16(0))
	segX2 := 2 * (len(runes) + 1)
	sub := cat(be16(4), be16(16+4*segX2), be16(0), be16(segX2), be16(0), be16(0), be16(0),
		ends, be16(0), starts, deltas, offsets)
	tabs["cmap"] = cat(be16(0), be16(1), be16(3), be16(1), be32(12), sub)

	ps := utf16.Encode([]rune("Tiny-Regular"))
	var str []byte
	for _, u := range ps {
		str = cat(str, be16(int(u)))
	}
	tabs["name"] = cat(be16(0), be16(1), be16(18),
		be16(3), be16(1), be16(0x409), be16(6), be16(len(str)), be16(0), str)

	tabs["post"] = cat(be32(0x00030000), make([]byte, 28))

	if tf.os2Version >= 0 {
		os2 := make([]byte, 96)
		copy(os2, be16(tf.os2Version))
		copy(os2[4:], be16(400))
		copy(os2[68:], cat(be16(tf.ascender+10), be16(tf.descender-10)))
		copy(os2[86:], cat(be16(tf.yMax/2), be16(tf.yMax)))
		tabs["OS/2"] = os2
	}

	tags := make([]string, 0, len(tabs))
	for tag := range tabs {
		tags = append(tags, tag)
	}
	sort.Strings(tags)
	out := cat(be32(0x00010000), be16(len(tags)), make([]byte, 6))
	off := 12 + 16*len(tags)
	var body []byte
	for _, tag := range tags {
		b := tabs[tag]
		out = cat(out, []byte(tag), be32(0), be32(off), be32(len(b)))
		for len(b)%4 != 0 {
			b = append(b, 0)
		}
		body = cat(body, b)
		off += len(b)
	}
	return cat(out, body)
}

// tinyFonts are the corner cases, all of which fpdf loads.
var tinyFonts = map[string]tinyFont{
	// .notdef has no width, so missing runes measure 500; 'b' has zero
	// width and 'd' an advance fpdf reads as zero; 'f' and 'g' are past
	// the long metrics; OS/2 version 1 has no cap height or x-height.
	"quirks": {
		upm:        1000,
		advances:   []int{0, 250, 0, 333, 40000},
		numGlyphs:  7,
		cmap:       map[rune]int{'a': 1, 'b': 2, 'c': 3, 'd': 4, 'f': 5, 'g': 6, 'x': 1, 'é': 3, '—': 1},
		os2Version: 1,
		ascender:   800,
		descender:  -200,
		yMax:       456,
	},
	// Units per em that are not powers of two make fpdf's float scale
	// inexact; no OS/2 and a zero hhea ascender use the bounding box.
	"odd-em": {
		upm:        1999,
		advances:   []int{1001, 1, 2, 3, 999, 1000, 1499, 2001, 3997},
		cmap:       map[rune]int{'a': 1, 'b': 2, 'c': 3, 'd': 4, 'e': 5, 'f': 6, 'g': 7, 'h': 8, 'Ω': 8},
		os2Version: -1,
		ascender:   0,
		descender:  -400,
		yMax:       1700,
	},
	"em-2047": {
		upm:        2047,
		advances:   []int{2047, 1023, 1024, 3, 5, 7, 9},
		numGlyphs:  9,
		cmap:       map[rune]int{'a': 1, 'b': 2, 'c': 3, 'd': 4, 'e': 5, 'f': 6, 'g': 7, 'h': 8, 'я': 2},
		os2Version: 4,
		ascender:   1900,
		descender:  -500,
		yMax:       1400,
	},
}
