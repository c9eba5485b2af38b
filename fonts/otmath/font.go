package otmath

import "sync"

// Font is what a math layout reads from an OpenType math font: its metrics
// by glyph id, its Unicode cmap on all planes, its glyph names, and its
// MATH table. It is not modified after Parse returns, so it is safe for
// concurrent use.
type Font struct {
	// UnitsPerEm is the design grid of every value in font units.
	UnitsPerEm int
	// Constants are the MATH table's MathConstants.
	Constants Constants
	// MinConnectorOverlap is MathVariants' minimal overlap, in font
	// units, between the connectors of two glyph parts of an assembly.
	MinConnectorOverlap int

	numGlyphs int
	advance   []uint16
	box       [][4]int16 // xMin, yMin, xMax, yMax; zero for an empty glyph
	cmap      map[rune]GlyphID
	names     []string // by glyph id; nil when post has no names
	byName    map[string]GlyphID

	italics   map[GlyphID]int
	topAccent map[GlyphID]int
	extended  map[GlyphID]bool
	kerns     map[GlyphID]*KernInfo
	vert      map[GlyphID]*Construction
	horiz     map[GlyphID]*Construction

	runesOnce sync.Once
	runes     map[GlyphID]rune // the cmap reversed, made by Rune
}

// Parse reads data, an OpenType font with a MATH table. It never panics:
// anything out of range is an error naming the table. TrueType (glyf) and
// CFF fonts both parse; only glyf fonts have bounding boxes (Box).
func Parse(data []byte) (*Font, error) {
	t, err := readDirectory(data)
	if err != nil {
		return nil, err
	}
	if err := need(t, map[string]int{"head": 54, "maxp": 6, "hhea": 36, "hmtx": 4, "cmap": 4, "MATH": 10}); err != nil {
		return nil, err
	}
	f := &Font{UnitsPerEm: u16(t["head"], 18), numGlyphs: u16(t["maxp"], 4)}
	if f.UnitsPerEm < 16 || f.UnitsPerEm > 16384 {
		return nil, errf("head: unitsPerEm %d outside 16..16384", f.UnitsPerEm)
	}
	if err := f.readMetrics(t); err != nil {
		return nil, err
	}
	if f.cmap, err = readCmap(t["cmap"], f.numGlyphs); err != nil {
		return nil, err
	}
	if f.names, err = readPost(t["post"], f.numGlyphs); err != nil {
		return nil, err
	}
	f.byName = make(map[string]GlyphID, len(f.names))
	for g := len(f.names) - 1; g >= 0; g-- {
		f.byName[f.names[g]] = GlyphID(g)
	}
	if err := f.readMath(t["MATH"]); err != nil {
		return nil, err
	}
	return f, nil
}

// NumGlyphs returns the number of glyphs in the font (maxp).
func (f *Font) NumGlyphs() int { return f.numGlyphs }

// Glyph returns the glyph the cmap maps r to, on any plane, and whether
// there is one (a glyph other than .notdef).
func (f *Font) Glyph(r rune) (GlyphID, bool) {
	g, ok := f.cmap[r]
	return g, ok
}

// Rune returns the character the cmap maps to g (the lowest, when
// several do), and whether there is one: size variants, script forms and
// the pieces of assemblies have none.
func (f *Font) Rune(g GlyphID) (rune, bool) {
	f.runesOnce.Do(func() {
		f.runes = make(map[GlyphID]rune, len(f.cmap))
		for r, gid := range f.cmap {
			if old, ok := f.runes[gid]; !ok || r < old {
				f.runes[gid] = r
			}
		}
	})
	r, ok := f.runes[g]
	return r, ok
}

// GlyphByName returns the glyph the post table names name (such as
// "uni2211.s1", a size variant without a code point), and whether there
// is one.
func (f *Font) GlyphByName(name string) (GlyphID, bool) {
	g, ok := f.byName[name]
	return g, ok
}

// Name returns the post table's name of g, or "" when it has none.
func (f *Font) Name(g GlyphID) string {
	if int(g) < len(f.names) {
		return f.names[g]
	}
	return ""
}

// Advance returns the advance width of g in font units; 0 for a glyph
// id the font does not have.
func (f *Font) Advance(g GlyphID) int {
	if int(g) < len(f.advance) {
		return int(f.advance[g])
	}
	return 0
}

// Box returns g's bounding box in font units (glyf header): xMin, yMin,
// xMax, yMax, with y up from the baseline. TeX's height is yMax and its
// depth -yMin. All four are 0 for an empty glyph, a CFF font, or a glyph
// id the font does not have.
func (f *Font) Box(g GlyphID) (xMin, yMin, xMax, yMax int) {
	if int(g) < len(f.box) {
		b := f.box[g]
		return int(b[0]), int(b[1]), int(b[2]), int(b[3])
	}
	return 0, 0, 0, 0
}
