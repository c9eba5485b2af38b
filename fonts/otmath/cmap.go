package otmath

// readCmap returns the Unicode mapping of the font's best Unicode cmap
// subtable: format 12 (all planes) when there is one, else format 4 (the
// Basic Multilingual Plane). Math italic letters lie at U+1D400 and up, so
// only format 12 reaches them.
func readCmap(cmap []byte, numGlyphs int) (map[rune]GlyphID, error) {
	if !in(cmap, 0, 4) {
		return nil, errf("cmap too short")
	}
	n := u16(cmap, 2)
	if !in(cmap, 4, 8*n) {
		return nil, errf("cmap: %d encoding records run past the table", n)
	}
	best, bestFormat := -1, 0
	for i := 0; i < n; i++ {
		r := 4 + 8*i
		pid, eid, off := u16(cmap, r), u16(cmap, r+2), u32(cmap, r+4)
		unicode := pid == 0 || (pid == 3 && (eid == 1 || eid == 10))
		if !unicode || !in(cmap, off, 2) {
			continue
		}
		if f := u16(cmap, off); (f == 12 || f == 4) && f > bestFormat {
			best, bestFormat = off, f
		}
	}
	m := make(map[rune]GlyphID)
	switch bestFormat {
	case 12:
		return m, readFormat12(cmap[best:], numGlyphs, m)
	case 4:
		return m, readFormat4(cmap[best:], numGlyphs, m)
	}
	return nil, errf("cmap: no Unicode subtable of format 4 or 12")
}

// maxCmapEntries bounds the code points a cmap may map, so that a crafted
// group cannot make Parse allocate without limit: Unicode has 1,114,112.
const maxCmapEntries = 0x110000

func readFormat12(b []byte, numGlyphs int, m map[rune]GlyphID) error {
	if !in(b, 0, 16) {
		return errf("cmap format 12: header too short")
	}
	n := u32(b, 12)
	if n > len(b)/12 || !in(b, 16, 12*n) {
		return errf("cmap format 12: %d groups run past the subtable", n)
	}
	total := 0
	for i := 0; i < n; i++ {
		g := 16 + 12*i
		start, end, gid := u32(b, g), u32(b, g+4), u32(b, g+8)
		if end < start || end >= maxCmapEntries {
			return errf("cmap format 12: group %d is U+%X..U+%X", i, start, end)
		}
		total += end - start + 1
		if total > maxCmapEntries {
			return errf("cmap format 12: more than %d code points", maxCmapEntries)
		}
		for c := start; c <= end; c++ {
			if g := gid + c - start; g > 0 && g < numGlyphs {
				m[rune(c)] = GlyphID(g)
			}
		}
	}
	return nil
}

func readFormat4(b []byte, numGlyphs int, m map[rune]GlyphID) error {
	if !in(b, 0, 14) {
		return errf("cmap format 4: header too short")
	}
	segs := u16(b, 6) / 2
	ends, starts, deltas, ranges := 14, 16+2*segs, 16+4*segs, 16+6*segs
	if !in(b, ranges, 2*segs) {
		return errf("cmap format 4: %d segments run past the subtable", segs)
	}
	for i := 0; i < segs; i++ {
		end, start := u16(b, ends+2*i), u16(b, starts+2*i)
		delta, ro := u16(b, deltas+2*i), u16(b, ranges+2*i)
		for c := start; c <= end && c != 0xFFFF; c++ {
			g := 0
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else if p := ranges + 2*i + ro + 2*(c-start); in(b, p, 2) {
				if g = u16(b, p); g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			if g > 0 && g < numGlyphs {
				m[rune(c)] = GlyphID(g)
			}
		}
	}
	return nil
}
