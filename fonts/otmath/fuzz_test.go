package otmath

import (
	"encoding/binary"
	"sort"
	"strings"
	"testing"
)

// be appends big-endian 16-bit words.
func be(ws ...int) []byte {
	b := make([]byte, 2*len(ws))
	for i, w := range ws {
		binary.BigEndian.PutUint16(b[2*i:], uint16(w))
	}
	return b
}

// sfnt assembles a font file from tables, in tag order, so that the file
// ends with the last table's last byte.
func sfnt(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for tag := range tables {
		tags = append(tags, tag)
	}
	sort.Strings(tags)
	out := append(be(1, 0, len(tags), 0, 0, 0), make([]byte, 16*len(tags))...)
	for i, tag := range tags {
		r := 12 + 16*i
		copy(out[r:], tag)
		binary.BigEndian.PutUint32(out[r+8:], uint32(len(out)))
		binary.BigEndian.PutUint32(out[r+12:], uint32(len(tables[tag])))
		out = append(out, tables[tag]...)
		for len(out)%4 != 0 && i < len(tags)-1 { // no padding after the last
			out = append(out, 0)
		}
	}
	return out
}

// tinyMath is a MATH table for four glyphs: glyph 1 has an italic
// correction of 7, a top accent at 250 (coverage format 2) and a top-right
// kern; glyph 2 is an extended shape and grows vertically into glyph 3
// with a two-part assembly; glyph 1 grows horizontally into glyph 2.
func tinyMath() []byte {
	consts := make([]byte, constantsSize)
	binary.BigEndian.PutUint16(consts[0:], 70)
	binary.BigEndian.PutUint16(consts[8+4*1:], 250) // AxisHeight
	binary.BigEndian.PutUint16(consts[constantsSize-2:], 60)
	// MathGlyphInfo: four offsets, then its tables at 8, 22, 40 and 46.
	gi := be(8, 22, 40, 46)
	gi = append(gi, be(8, 1, 7, 0, 1, 1, 1)...)          // italics 7; coverage format 1: glyph 1
	gi = append(gi, be(8, 1, 250, 0, 2, 1, 1, 1, 0)...)  // top accent 250; coverage format 2: 1..1
	gi = append(gi, be(1, 1, 2)...)                      // extended shapes: glyph 2
	gi = append(gi, be(12, 1, 18, 0, 0, 0, 1, 1, 1)...)  // kern info: glyph 1, top right at 18
	gi = append(gi, be(1, 100, 0, -50, 0, 20, 0)...)     // MathKern: below 100 -50, above 20
	variants := be(100, 14, 20, 1, 1, 26, 60)            // overlap, coverages, counts, constructions
	variants = append(variants, be(1, 1, 2, 1, 1, 1)...) // coverages: vertical glyph 2, horizontal 1
	variants = append(variants, be(8, 1, 3, 800)...)     // vertical: variant 3, assembly at +8
	variants = append(variants, be(20, 0, 2, 3, 0, 10, 400, 1, 3, 10, 0, 400, 0)...)
	variants = append(variants, be(0, 2, 1, 500, 2, 900)...) // horizontal: two variants, no assembly
	head := make([]byte, 54)
	binary.BigEndian.PutUint16(head[18:], 1000)
	hhea := make([]byte, 36)
	binary.BigEndian.PutUint16(hhea[34:], 4)
	t := map[string][]byte{
		"head": head, "hhea": hhea,
		"maxp": be(0, 0x5000, 4),
		"hmtx": be(500, 0, 600, 0, 700, 0, 800, 0),
		"cmap": append(be(0, 1, 3, 10, 0, 12), be(12, 0, 0, 40, 0, 0, 0, 1, 1, 0xD465, 1, 0xD466, 0, 1)...),
	}
	m := append(be(1, 0, 10, 10+constantsSize, 10+constantsSize+len(gi)), consts...)
	m = append(append(m, gi...), variants...)
	t["MATH"] = m
	return sfnt(t)
}

// TestTinyFont checks the reader on a font whose every value is known,
// with the subtable shapes STIX Two Math does not use.
func TestTinyFont(t *testing.T) {
	f, err := Parse(tinyMath())
	if err != nil {
		t.Fatal(err)
	}
	if f.Constants.ScriptPercentScaleDown != 70 || f.Constants.AxisHeight != 250 || f.Constants.RadicalDegreeBottomRaisePercent != 60 {
		t.Errorf("constants: %+v", f.Constants)
	}
	if g, ok := f.Glyph(0x1D465); !ok || g != 1 {
		t.Errorf("Glyph(U+1D465) = %d, %v", g, ok)
	}
	if g, ok := f.Glyph(0x1D466); !ok || g != 2 {
		t.Errorf("Glyph(U+1D466) = %d, %v", g, ok)
	}
	ic, _ := f.ItalicCorrection(1)
	ta, _ := f.TopAccentAttachment(1)
	if ic != 7 || ta != 250 || !f.IsExtendedShape(2) || f.IsExtendedShape(1) {
		t.Errorf("glyph info: italic %d, accent %d, extended %v %v", ic, ta, f.IsExtendedShape(2), f.IsExtendedShape(1))
	}
	if k := f.Kerns(1); k == nil || k.TopRight.At(99) != -50 || k.TopRight.At(100) != 20 || k.BottomLeft != nil {
		t.Errorf("kerns: %+v", k)
	}
	v := f.Vertical(2)
	if v == nil || len(v.Variants) != 1 || v.Variants[0] != (Variant{3, 800}) || len(v.Parts) != 2 ||
		v.Parts[0] != (Part{Glyph: 3, EndConnector: 10, FullAdvance: 400, Extender: true}) ||
		v.Parts[1] != (Part{Glyph: 3, StartConnector: 10, FullAdvance: 400}) {
		t.Errorf("vertical: %+v", v)
	}
	if h := f.Horizontal(1); h == nil || len(h.Variants) != 2 || h.Variants[1] != (Variant{2, 900}) || h.Parts != nil {
		t.Errorf("horizontal: %+v", h)
	}
	if f.MinConnectorOverlap != 100 || f.Advance(2) != 700 || f.Advance(9) != 0 {
		t.Errorf("overlap %d, advance %d", f.MinConnectorOverlap, f.Advance(2))
	}
}

// TestTruncated checks that every prefix of a font is an error, not a
// panic, and that the error names what is short.
func TestTruncated(t *testing.T) {
	b := tinyMath()
	for n := 0; n < len(b); n++ {
		if _, err := Parse(b[:n]); err == nil {
			t.Fatalf("Parse of %d of %d bytes: no error", n, len(b))
		} else if !strings.HasPrefix(err.Error(), "otmath: ") {
			t.Fatalf("error %q does not say where it comes from", err)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add(tinyMath())
	f.Add([]byte{0, 1, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Parse(b)
		if err != nil {
			return
		}
		for g := 0; g < m.NumGlyphs()+1; g++ {
			id := GlyphID(g)
			m.Advance(id)
			m.Box(id)
			m.Name(id)
			m.ItalicCorrection(id)
			if k := m.Kerns(id); k != nil {
				k.TopRight.At(0)
			}
			for _, c := range []*Construction{m.Vertical(id), m.Horizontal(id)} {
				if c != nil {
					c.Fit(3000)
					c.Assemble(3000, m.MinConnectorOverlap)
				}
			}
		}
	})
}
