// Edition patch 21: a font's format 4 cmap read segment by segment (see
// README.md).

package fpdf

import (
	"math"
	"sort"
)

// cmap4 is a format 4 cmap as its segments. fpdf's generateSCCSDictionaries
// expanded it into two maps of every code and glyph (tens of thousands of
// entries for a text font), once when a font was added and once when it
// was subset, to look up a few hundred codes. glyph computes a code's
// glyph as generateSCCSDictionaries did, reading the font data only for
// segments with an idRangeOffset.
type cmap4 struct {
	utf      *utf8FontFile
	first    []int // startCode of each segment
	last     []int // endCode
	delta    []int // idDelta
	offset   []int // idRangeOffset
	base     int   // position of the idRangeOffset array
	rim      int   // end of the subtable (its length from its start)
	disjoint bool  // isDisjoint
}

// readCmap4 reads the segments of the format 4 cmap at pos as
// generateSCCSDictionaries reads them.
func (utf *utf8FontFile) readCmap4(pos int) *cmap4 {
	utf.seek(pos + 2)
	size := utf.readUint16()
	utf.skip(2)
	n := utf.readUint16() / 2
	utf.skip(6)
	c := &cmap4{utf: utf, rim: pos + size}
	c.last = make([]int, n)
	c.first = make([]int, n)
	c.delta = make([]int, n)
	c.offset = make([]int, n)
	for i := range c.last {
		c.last[i] = utf.readUint16()
	}
	utf.skip(2)
	for i := range c.first {
		c.first[i] = utf.readUint16()
	}
	for i := range c.delta {
		c.delta[i] = int(utf.readInt16())
	}
	c.base = int(utf.fileReader.readerPosition)
	for i := range c.offset {
		c.offset[i] = utf.readUint16()
	}
	c.disjoint = c.isDisjoint()
	return c
}

// isDisjoint reports whether the endCodes ascend and the non-empty
// segments ascend without overlapping, as lookup's binary search needs.
func (c *cmap4) isDisjoint() bool {
	prev := -1
	for i := range c.first {
		if i > 0 && c.last[i] < c.last[i-1] {
			return false
		}
		if c.first[i] > c.last[i] {
			continue // no codes
		}
		if c.first[i] <= prev {
			return false
		}
		prev = c.last[i]
	}
	return true
}

// glyphIn is the glyph of code char in segment n, as
// generateSCCSDictionaries computes it.
func (c *cmap4) glyphIn(n, char int) int {
	if c.offset[n] == 0 {
		return (char + c.delta[n]) & 0xFFFF
	}
	position := c.base + 2*n + (char-c.first[n])*2 + c.offset[n]
	if position >= c.rim {
		return 0
	}
	symbol := c.utf.getUint16(position)
	if symbol != 0 {
		symbol = (symbol + c.delta[n]) & 0xFFFF
	}
	return symbol
}

// lookup returns the glyph of code char and whether a segment holds it:
// the value and presence of generateSCCSDictionaries' charSymbolDictionary
// entry, in which the last segment holding a code set it.
func (c *cmap4) lookup(char int) (int, bool) {
	if c.disjoint {
		n := sort.SearchInts(c.last, char)
		for ; n < len(c.last); n++ {
			if c.first[n] <= c.last[n] {
				break // the first non-empty segment ending at char or after
			}
		}
		if n == len(c.last) || c.first[n] > char {
			return 0, false
		}
		return c.glyphIn(n, char), true
	}
	for n := len(c.first) - 1; n >= 0; n-- {
		if c.first[n] <= char && char <= c.last[n] {
			return c.glyphIn(n, char), true
		}
	}
	return 0, false
}

// setWidths sets CharWidths and DefaultWidth as parseHMTXTable does from
// the maps of generateSCCSDictionaries, from c, whose segments must be
// disjoint: then each code has one glyph and is set once.
func (utf *utf8FontFile) setWidths(numberOfHMetrics, numSymbols int, c *cmap4, scale float64) {
	start := utf.SeekTable("hmtx")
	arr := unpackUint16Array(utf.getRange(start, numberOfHMetrics*4))
	utf.CharWidths = make([]int, 256*256)
	clamp := func(w int) int {
		if w >= 1<<15 {
			return 0
		}
		return w
	}
	// The advance of the glyphs after the last metric: parseHMTXTable
	// took the last metric's advance, and set it to 0 if it was 1<<15
	// or more only when it had looked at that glyph (glyph 0, or a glyph
	// some code maps to).
	tail := 0
	if numberOfHMetrics > 0 {
		utf.DefaultWidth = scale * float64(clamp(arr[1]))
		last := numberOfHMetrics - 1
		tail = arr[last*2+1]
		if tail >= 1<<15 && numSymbols > numberOfHMetrics && (last == 0 || c.maps(last)) {
			tail = 0
		}
	}
	charCount := 0
	for n := range c.first {
		for char := c.first[n]; char <= c.last[n]; char++ {
			if char == 0 || char == 65535 {
				continue
			}
			var aw int
			switch g := c.glyphIn(n, char); {
			case g == 0:
				continue
			case g < numberOfHMetrics:
				aw = clamp(arr[g*2+1])
			case g < numSymbols:
				aw = tail
			default:
				continue
			}
			w := int(math.Round(scale * float64(aw)))
			if w == 0 {
				w = 65535
			}
			utf.CharWidths[char] = w
			utf.widthBlocks[char/widthBlock/64] |= 1 << (char / widthBlock % 64)
			charCount++
		}
	}
	utf.CharWidths[0] = charCount
	utf.widthBlocks[0] |= 1
	utf.widthsSet = true
}

// widthBlock is the number of CharWidths of a bit of widthBlocks: a page
// of memory. Most of a font's 65,536 widths are 0, in blocks that
// setWidths never touches, and that generateFontID, right after the
// parse (GlyphText sets widths later), hashes without reading them: the
// first read of each of those pages of fresh memory was a page fault
// (some 110 a font).
const widthBlock = 512

// widthsAt reports whether CharWidths[i:i+widthBlock], i a multiple of
// widthBlock, may hold a width other than 0.
func (utf *utf8FontFile) widthsAt(i int) bool {
	b := i / widthBlock
	return !utf.widthsSet || utf.widthBlocks[b/64]&(1<<(b%64)) != 0
}

// maps reports whether some code maps to glyph g.
func (c *cmap4) maps(g int) bool {
	for n := range c.first {
		for char := c.first[n]; char <= c.last[n]; char++ {
			if c.glyphIn(n, char) == g {
				return true
			}
		}
	}
	return false
}

// glyph is the glyph of code char, 0 if c is nil or no segment holds it.
func (c *cmap4) glyph(char int) int {
	if c == nil {
		return 0
	}
	g, _ := c.lookup(char)
	return g
}
