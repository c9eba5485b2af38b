package otmath

// Variant is one ready-made size of a glyph (MathGlyphVariantRecord).
type Variant struct {
	Glyph GlyphID
	// Advance is its size in the direction of growth, in font units:
	// height plus depth for a vertical variant, width for a horizontal one.
	Advance int
}

// Part is one piece of a glyph assembly (GlyphPart), bottom to top for a
// vertical assembly and left to right for a horizontal one.
type Part struct {
	Glyph GlyphID
	// StartConnector and EndConnector are the lengths, in font units, at
	// the start and end of the piece that may overlap its neighbours.
	StartConnector, EndConnector int
	// FullAdvance is the piece's size in the direction of growth.
	FullAdvance int
	// Extender marks a piece that may be repeated (or left out) to reach
	// a size.
	Extender bool
}

// Construction is how a glyph grows in one direction
// (MathGlyphConstruction): its variants from smallest to largest, the first
// being the glyph itself, and, when the font has one, the assembly that
// builds larger sizes from parts.
type Construction struct {
	Variants []Variant
	// Parts is the assembly; nil when the glyph only has variants.
	Parts []Part
	// ItalicsCorrection is the assembly's italics correction (for
	// integrals: where the upper limit goes), in font units.
	ItalicsCorrection int
}

// Vertical returns how g grows in height (delimiters, radicals, big
// operators, integrals), or nil when it does not.
func (f *Font) Vertical(g GlyphID) *Construction { return f.vert[g] }

// Horizontal returns how g grows in width (wide accents, over- and
// under-braces, arrows), or nil when it does not.
func (f *Font) Horizontal(g GlyphID) *Construction { return f.horiz[g] }

// VerticalCount and HorizontalCount return the number of glyphs with a
// vertical or horizontal construction.
func (f *Font) VerticalCount() int { return len(f.vert) }

// HorizontalCount returns the number of glyphs with a horizontal
// construction.
func (f *Font) HorizontalCount() int { return len(f.horiz) }

// readVariants reads MathVariants: MinConnectorOverlap, then the
// coverages and constructions of the vertical and the horizontal glyphs.
func (f *Font) readVariants(m []byte, off int) error {
	v, err := sub(m, 0, off, "MathVariants")
	if err != nil || v == nil || !in(v, 0, 10) {
		if err == nil {
			err = errf("MATH: no MathVariants")
		}
		return err
	}
	f.MinConnectorOverlap = u16(v, 0)
	nv, nh := u16(v, 6), u16(v, 8)
	if !in(v, 10, 2*(nv+nh)) {
		return errf("MATH: MathVariants' %d+%d construction offsets run past the table", nv, nh)
	}
	if f.vert, err = readConstructions(v, u16(v, 2), nv, 10, "vertical"); err != nil {
		return err
	}
	f.horiz, err = readConstructions(v, u16(v, 4), nh, 10+2*nv, "horizontal")
	return err
}

// readConstructions reads n constructions whose offsets (from v) start at
// offs, for the glyphs of the coverage at cov.
func readConstructions(v []byte, cov, n, offs int, what string) (map[GlyphID]*Construction, error) {
	cs := make(map[GlyphID]*Construction, n)
	if n == 0 {
		return cs, nil
	}
	c, err := sub(v, 0, cov, what+" coverage")
	if err != nil {
		return nil, err
	}
	gs, err := readCoverage(c, what)
	if err != nil {
		return nil, err
	}
	if len(gs) != n {
		return nil, errf("MATH: %d %s constructions for %d covered glyphs", n, what, len(gs))
	}
	for i, g := range gs {
		b, err := sub(v, 0, u16(v, offs+2*i), what+" construction")
		if err != nil {
			return nil, err
		}
		if b == nil {
			return nil, errf("MATH: %s construction %d has a null offset", what, i)
		}
		if cs[g], err = readConstruction(b, what); err != nil {
			return nil, err
		}
	}
	return cs, nil
}

// readConstruction reads one MathGlyphConstruction and its GlyphAssembly.
func readConstruction(b []byte, what string) (*Construction, error) {
	if !in(b, 0, 4) {
		return nil, errf("MATH: %s construction too short", what)
	}
	n := u16(b, 2)
	if !in(b, 4, 4*n) {
		return nil, errf("MATH: %s construction of %d variants runs past the table", what, n)
	}
	c := &Construction{Variants: make([]Variant, n)}
	for i := range c.Variants {
		c.Variants[i] = Variant{Glyph: GlyphID(u16(b, 4+4*i)), Advance: u16(b, 6+4*i)}
	}
	a, err := sub(b, 0, u16(b, 0), what+" assembly")
	if a == nil || err != nil {
		return c, err
	}
	if !in(a, 0, 6) {
		return nil, errf("MATH: %s assembly too short", what)
	}
	c.ItalicsCorrection = i16(a, 0)
	np := u16(a, 4)
	if !in(a, 6, 10*np) {
		return nil, errf("MATH: %s assembly of %d parts runs past the table", what, np)
	}
	c.Parts = make([]Part, np)
	for i := range c.Parts {
		p := 6 + 10*i
		c.Parts[i] = Part{Glyph: GlyphID(u16(a, p)), StartConnector: u16(a, p+2),
			EndConnector: u16(a, p+4), FullAdvance: u16(a, p+6), Extender: u16(a, p+8)&1 != 0}
	}
	return c, nil
}
