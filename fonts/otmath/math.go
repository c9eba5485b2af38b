package otmath

// readMath reads the MATH table: its header, then MathConstants,
// MathGlyphInfo and MathVariants, each at an offset from the table's start.
func (f *Font) readMath(m []byte) error {
	if v := u32(m, 0); v>>16 != 1 {
		return errf("MATH: version %#08x, not 1.x", v)
	}
	var err error
	if f.Constants, err = readConstants(m, u16(m, 4)); err != nil {
		return err
	}
	if err := f.readGlyphInfo(m, u16(m, 6)); err != nil {
		return err
	}
	return f.readVariants(m, u16(m, 8))
}

// sub returns the subtable at offset off from base in m, or nil for a null
// offset; an offset past the end of m is an error.
func sub(m []byte, base, off int, what string) ([]byte, error) {
	if off == 0 {
		return nil, nil
	}
	if !in(m, base+off, 2) {
		return nil, errf("MATH: %s at %d runs past the table (%d bytes)", what, base+off, len(m))
	}
	return m[base+off:], nil
}

// maxCoverage bounds the glyphs one Coverage table may list: glyph ids are
// 16-bit.
const maxCoverage = 1 << 16

// readCoverage returns the glyphs of a Coverage table (formats 1 and 2) in
// coverage index order.
func readCoverage(b []byte, what string) ([]GlyphID, error) {
	if !in(b, 0, 4) {
		return nil, errf("MATH: %s coverage too short", what)
	}
	n := u16(b, 2)
	switch u16(b, 0) {
	case 1:
		if !in(b, 4, 2*n) {
			return nil, errf("MATH: %s coverage of %d glyphs runs past the table", what, n)
		}
		gs := make([]GlyphID, n)
		for i := range gs {
			gs[i] = GlyphID(u16(b, 4+2*i))
		}
		return gs, nil
	case 2:
		if !in(b, 4, 6*n) {
			return nil, errf("MATH: %s coverage of %d ranges runs past the table", what, n)
		}
		var gs []GlyphID
		for i := 0; i < n; i++ {
			start, end, idx := u16(b, 4+6*i), u16(b, 6+6*i), u16(b, 8+6*i)
			if end < start || idx != len(gs) || len(gs)+end-start >= maxCoverage {
				return nil, errf("MATH: %s coverage range %d (%d..%d from index %d) out of order", what, i, start, end, idx)
			}
			for g := start; g <= end; g++ {
				gs = append(gs, GlyphID(g))
			}
		}
		return gs, nil
	}
	return nil, errf("MATH: %s coverage of unknown format %d", what, u16(b, 0))
}

// readValues reads a MathItalicsCorrectionInfo or MathTopAccentAttachment:
// a coverage and one MathValueRecord per covered glyph.
func readValues(t []byte, what string) (map[GlyphID]int, error) {
	if t == nil {
		return map[GlyphID]int{}, nil
	}
	if !in(t, 0, 4) {
		return nil, errf("MATH: %s too short", what)
	}
	cov, err := sub(t, 0, u16(t, 0), what)
	if err != nil {
		return nil, err
	}
	gs, err := readCoverage(cov, what)
	if err != nil {
		return nil, err
	}
	n := u16(t, 2)
	if n != len(gs) || !in(t, 4, 4*n) {
		return nil, errf("MATH: %s has %d values for %d covered glyphs", what, n, len(gs))
	}
	v := make(map[GlyphID]int, n)
	for i, g := range gs {
		v[g] = i16(t, 4+4*i)
	}
	return v, nil
}

// readGlyphInfo reads MathGlyphInfo: italics corrections, top accent
// attachments, the extended shape coverage and the kerning of corners.
func (f *Font) readGlyphInfo(m []byte, off int) error {
	gi, err := sub(m, 0, off, "MathGlyphInfo")
	if err != nil || gi == nil || !in(gi, 0, 8) {
		if err == nil {
			err = errf("MATH: no MathGlyphInfo")
		}
		return err
	}
	tables := make([][]byte, 4)
	for i, what := range []string{"MathItalicsCorrectionInfo", "MathTopAccentAttachment", "ExtendedShapeCoverage", "MathKernInfo"} {
		if tables[i], err = sub(gi, 0, u16(gi, 2*i), what); err != nil {
			return err
		}
	}
	if f.italics, err = readValues(tables[0], "MathItalicsCorrectionInfo"); err != nil {
		return err
	}
	if f.topAccent, err = readValues(tables[1], "MathTopAccentAttachment"); err != nil {
		return err
	}
	f.extended = map[GlyphID]bool{}
	if tables[2] != nil {
		gs, err := readCoverage(tables[2], "ExtendedShapeCoverage")
		if err != nil {
			return err
		}
		for _, g := range gs {
			f.extended[g] = true
		}
	}
	f.kerns, err = readKernInfo(tables[3])
	return err
}

// ItalicCorrection returns g's italics correction in font units, and
// whether the font gives one. TeX adds it after a glyph that is not
// followed by a subscript, and shifts a superscript right by it.
func (f *Font) ItalicCorrection(g GlyphID) (int, bool) {
	v, ok := f.italics[g]
	return v, ok
}

// TopAccentAttachment returns the horizontal position, from g's origin in
// font units, over which an accent is centred, and whether the font gives
// one; without it an accent is centred on the advance.
func (f *Font) TopAccentAttachment(g GlyphID) (int, bool) {
	v, ok := f.topAccent[g]
	return v, ok
}

// IsExtendedShape reports whether g is an extended shape (such as a tall
// delimiter or big operator variant): scripts attached to it are placed
// from its own height and depth, not from the script's baseline drop.
func (f *Font) IsExtendedShape(g GlyphID) bool { return f.extended[g] }
