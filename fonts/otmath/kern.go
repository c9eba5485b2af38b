package otmath

// Kern is the staircase of kerning at one corner of a glyph (MathKern):
// Values[i] applies at heights below Heights[i], the last value above the
// last height. Heights rise from the baseline, in font units.
type Kern struct {
	Heights []int
	Values  []int
}

// At returns the kern at height y (font units, from the baseline).
func (k *Kern) At(y int) int {
	if k == nil || len(k.Values) == 0 {
		return 0
	}
	for i, h := range k.Heights {
		if y < h {
			return k.Values[i]
		}
	}
	return k.Values[len(k.Values)-1]
}

// KernInfo holds the kerns of a glyph's four corners (MathKernInfoRecord);
// a corner without one is nil. TeX has no such kerns; OpenType math (and
// LuaTeX) use them to tuck a script into the corner of a sloped letter.
type KernInfo struct {
	TopRight, TopLeft, BottomRight, BottomLeft *Kern
}

// Kerns returns the corner kerns of g, or nil when the font gives none.
func (f *Font) Kerns(g GlyphID) *KernInfo { return f.kerns[g] }

// readKernInfo reads MathKernInfo: a coverage and, per covered glyph, four
// offsets to MathKern tables from the start of MathKernInfo.
func readKernInfo(t []byte) (map[GlyphID]*KernInfo, error) {
	kerns := map[GlyphID]*KernInfo{}
	if t == nil {
		return kerns, nil
	}
	if !in(t, 0, 4) {
		return nil, errf("MATH: MathKernInfo too short")
	}
	cov, err := sub(t, 0, u16(t, 0), "MathKernInfo")
	if err != nil {
		return nil, err
	}
	gs, err := readCoverage(cov, "MathKernInfo")
	if err != nil {
		return nil, err
	}
	if n := u16(t, 2); n != len(gs) || !in(t, 4, 8*n) {
		return nil, errf("MATH: MathKernInfo has %d records for %d covered glyphs", n, len(gs))
	}
	for i, g := range gs {
		var corners [4]*Kern
		for c := range corners {
			if corners[c], err = readKern(t, u16(t, 4+8*i+2*c)); err != nil {
				return nil, err
			}
		}
		if corners != [4]*Kern{} {
			kerns[g] = &KernInfo{TopRight: corners[0], TopLeft: corners[1], BottomRight: corners[2], BottomLeft: corners[3]}
		}
	}
	return kerns, nil
}

// readKern reads the MathKern at off in t; nil for a null offset.
func readKern(t []byte, off int) (*Kern, error) {
	b, err := sub(t, 0, off, "MathKern")
	if b == nil || err != nil {
		return nil, err
	}
	n := u16(b, 0)
	if !in(b, 2, 4*(2*n+1)) {
		return nil, errf("MATH: MathKern of %d heights runs past the table", n)
	}
	k := &Kern{Heights: make([]int, n), Values: make([]int, n+1)}
	for i := range k.Heights {
		k.Heights[i] = i16(b, 2+4*i)
	}
	for i := range k.Values {
		k.Values[i] = i16(b, 2+4*n+4*i)
	}
	return k, nil
}
