package otmath

import (
	"encoding/binary"
	"fmt"
	"sort"
)

// GlyphID is a glyph's index in the font (its position in loca and hmtx).
type GlyphID uint16

func errf(format string, args ...any) error {
	return fmt.Errorf("otmath: "+format, args...)
}

func u16(b []byte, off int) int { return int(binary.BigEndian.Uint16(b[off:])) }
func i16(b []byte, off int) int { return int(int16(binary.BigEndian.Uint16(b[off:]))) }
func u32(b []byte, off int) int { return int(binary.BigEndian.Uint32(b[off:])) }

// in reports whether n bytes at off lie inside b.
func in(b []byte, off, n int) bool { return off >= 0 && n >= 0 && off <= len(b) && n <= len(b)-off }

// readDirectory returns the tables of an sfnt file by tag, each checked to
// lie inside data.
func readDirectory(data []byte) (map[string][]byte, error) {
	if !in(data, 0, 12) {
		return nil, errf("too short for a font (%d bytes)", len(data))
	}
	switch v := u32(data, 0); v {
	case 0x00010000, 0x74727565, 0x4F54544F: // TrueType, 'true', 'OTTO'
	default:
		return nil, errf("not an OpenType font (version %#08x)", v)
	}
	n := u16(data, 4)
	if !in(data, 12, n*16) {
		return nil, errf("table directory of %d tables runs past the end", n)
	}
	t := make(map[string][]byte, n)
	for i := 0; i < n; i++ {
		r := 12 + 16*i
		tag := string(data[r : r+4])
		off, size := u32(data, r+8), u32(data, r+12)
		if !in(data, off, size) {
			return nil, errf("table %q (%d bytes at %d) runs past the end of the file", tag, size, off)
		}
		t[tag] = data[off : off+size]
	}
	return t, nil
}

// need returns the tables named, or an error naming the first missing or
// shorter than its minimum size.
func need(t map[string][]byte, min map[string]int) error {
	tags := make([]string, 0, len(min))
	for tag := range min {
		tags = append(tags, tag)
	}
	sort.Strings(tags)
	for _, tag := range tags {
		b, ok := t[tag]
		if !ok {
			return errf("no %q table", tag)
		}
		if len(b) < min[tag] {
			return errf("%q table of %d bytes, shorter than %d", tag, len(b), min[tag])
		}
	}
	return nil
}

// readMetrics fills f's advances and bounding boxes from hhea, hmtx, loca
// and glyf; a font without glyf (CFF outlines) has no boxes.
func (f *Font) readMetrics(t map[string][]byte) error {
	nhm := u16(t["hhea"], 34)
	hmtx := t["hmtx"]
	if nhm == 0 || nhm > f.numGlyphs || !in(hmtx, 0, nhm*4) {
		return errf("hmtx holds fewer than the %d metrics hhea announces", nhm)
	}
	f.advance = make([]uint16, f.numGlyphs)
	for g := range f.advance {
		f.advance[g] = uint16(u16(hmtx, 4*min(g, nhm-1)))
	}
	glyf, loca := t["glyf"], t["loca"]
	if glyf == nil || loca == nil {
		return nil
	}
	long := i16(t["head"], 50) == 1
	at := func(g int) (int, bool) {
		switch {
		case long && in(loca, 4*g, 4):
			return u32(loca, 4*g), true
		case !long && in(loca, 2*g, 2):
			return 2 * u16(loca, 2*g), true
		}
		return 0, false
	}
	f.box = make([][4]int16, f.numGlyphs)
	for g := 0; g < f.numGlyphs; g++ {
		start, ok1 := at(g)
		end, ok2 := at(g + 1)
		if !ok1 || !ok2 || end < start || !in(glyf, start, end-start) {
			return errf("loca entry of glyph %d outside glyf", g)
		}
		if end-start >= 10 {
			for i := range f.box[g] {
				f.box[g][i] = int16(i16(glyf, start+2+2*i))
			}
		}
	}
	return nil
}
