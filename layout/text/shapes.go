package text

import (
	"slices"

	"github.com/redtide/edition/internal/hyph"
)

// This file keeps the shapes of plain words. A word of plain text (one
// piece, ASCII, every rune of which Clean keeps in its face: plainWidth),
// neither a link nor in a passage, breaks and measures the same wherever
// it stands: its breakpoints depend on its text, its face (code breaks as
// a literal) and the patterns that hyphenate it, if any, with the
// setter's minimums; its widths in 1/1000 em on its text and face. An
// edition repeats its words (the corpus's 135,000 plain words are 25,000
// words in a face), so a setter keeps each one's shape and sets it again
// without finding its breaks (explicitBreaks, literalBreaks, the
// patterns) or measuring it. What depends on where the word stands is
// not kept: its size, and the emergency breaks of a word wider than the
// measure.

// shapeSeg is a segment of a plain word between two of its breakpoints.
type shapeSeg struct {
	ems  int32  // its width in 1/1000 em
	to   uint16 // the segment is text[from:to], from the end of the one before
	kind uint8  // the break kind at to; bpNone after the word's last segment
}

// shapeRef is a word's shape: its width in 1/1000 em and where its
// segments begin in shapeCache.segs, or -1 for a word without breaks
// (most words), which is one segment.
type shapeRef struct{ ems, segs int32 }

// shapeCache holds the shapes of the plain words a setter has set, by the
// patterns that hyphenate them (nil: none) and the index of their face
// (faceIndex). A word's text is its key, without a copy: the text stays
// alive with the model anyway.
type shapeCache struct {
	byHyph map[*hyph.Hyphenator]*[asciiFaces]*wordTable
	hy     *hyph.Hyphenator        // the patterns of the last lookup
	faces  *[asciiFaces]*wordTable // byHyph[hy]
	segs   []shapeSeg              // the segments of the words with breaks
	words  int
}

// shapeMax bounds the words a shapeCache holds: past it, it starts
// afresh. The corpus edition keeps some 25,000, the lessons (in four
// languages) 36,000.
const shapeMax = 1 << 16

// maxShapeLen is the longest text in bytes whose shape is kept: its
// segments end at 16-bit offsets.
const maxShapeLen = 1<<16 - 1

// faceWords returns the table of the shapes of words in face number face
// hyphenated by hy, nil for none yet; with create, it makes one.
func (c *shapeCache) faceWords(hy *hyph.Hyphenator, face int, create bool) *wordTable {
	if hy != c.hy || c.faces == nil {
		c.faces = c.byHyph[hy]
		if c.faces == nil {
			if !create {
				return nil
			}
			if c.byHyph == nil {
				c.byHyph = map[*hyph.Hyphenator]*[asciiFaces]*wordTable{}
			}
			c.faces = new([asciiFaces]*wordTable)
			c.byHyph[hy] = c.faces
		}
		c.hy = hy
	}
	t := c.faces[face]
	if t == nil && create {
		t = new(wordTable) // most faces set few words: no room ahead
		c.faces[face] = t
	}
	return t
}

// get returns the shape of text in face number face hyphenated by hy.
func (c *shapeCache) get(hy *hyph.Hyphenator, face int, text string) (shapeRef, bool) {
	t := c.faceWords(hy, face, false)
	if t == nil {
		return shapeRef{}, false
	}
	return t.get(text)
}

// add measures text, cut at the breaks bp (a break kind at each byte
// offset), in the face of the ASCII widths a, and returns its shape: for
// keep to keep, or drop to forget once set.
func (c *shapeCache) add(text string, bp []uint8, a *asciiFace) shapeRef {
	if n := len(text) + 1; cap(c.segs)-len(c.segs) < n {
		// Double: append would grow a large slice by a quarter, and
		// allocate five times what it ends up holding.
		c.segs = slices.Grow(c.segs, max(n, len(c.segs)))
	}
	r := shapeRef{segs: -1}
	sum := int32(0)
	for i := 0; i < len(text); i++ {
		if i > 0 && bp[i] != bpNone {
			if r.segs < 0 {
				r.segs = int32(len(c.segs))
			}
			c.segs = append(c.segs, shapeSeg{ems: sum, to: uint16(i), kind: bp[i]})
			r.ems += sum
			sum = 0
		}
		sum += a.width[text[i]]
	}
	if r.segs >= 0 {
		c.segs = append(c.segs, shapeSeg{ems: sum, to: uint16(len(text))})
	}
	r.ems += sum
	return r
}

// keep keeps r, the last shape added, as the shape of text in face
// number face hyphenated by hy.
func (c *shapeCache) keep(hy *hyph.Hyphenator, face int, text string, r shapeRef) {
	if c.words >= shapeMax {
		segs := c.segs[:0]
		if r.segs >= 0 {
			segs = append(segs, c.segs[r.segs:]...)
			r.segs = 0
		}
		*c = shapeCache{segs: segs}
	}
	c.faceWords(hy, face, true).put(text, r)
	c.words++
}

// drop forgets r, the last shape added.
func (c *shapeCache) drop(r shapeRef) {
	if r.segs >= 0 {
		c.segs = c.segs[:r.segs]
	}
}
