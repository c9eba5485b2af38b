package otmath

import (
	"math"
	"reflect"
	"testing"
)

// TestAssembleLuaTeX lays out the two assemblies of the reference box
// dumps to the sizes LuaTeX reached and compares the repeats, the joints'
// largest overlaps and play (LuaTeX's "glue -10.0 plus 9.0001") and the
// glue set ratio. LuaTeX measures a part by its glyph's ink, not by
// FullAdvance, so its ratio differs in the third decimal.
func TestAssembleLuaTeX(t *testing.T) {
	f := stixFont(t)
	for _, tc := range []struct {
		name     string
		c        *Construction
		size     int
		parts    string
		maxOver  []float64
		luaRatio float64
	}{
		{ // 18-bmatrix-dots: vbox(43.23799+0.0), glue set 0.77104
			"bracket", f.Vertical(mustGlyph(t, f, '[')), 4324,
			"uni23A3 uni23A2 uni23A2 uni23A2 uni23A1",
			[]float64{1000, 1000, 1000, 1000}, 0.77104,
		},
		{ // 26-underbrace: hbox width 60.01189, glue set 0.80254
			"underbrace", f.Horizontal(mustGlyph(t, f, '⏟')), 6001,
			"uni23DF.l uni23B5.x uni23B5.x uni23B5.x uni23DF.m uni23B5.x uni23B5.x uni23B5.x uni23DF.r",
			[]float64{300, 600, 600, 300, 300, 600, 600, 300}, 0.80254,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, ok := tc.c.Assemble(tc.size, f.MinConnectorOverlap)
			if !ok {
				t.Fatal("no assembly")
			}
			var gs []GlyphID
			for _, p := range a.Parts {
				gs = append(gs, p.Glyph)
			}
			if got := names(f, gs...); got != tc.parts {
				t.Errorf("parts %s, want %s", got, tc.parts)
			}
			wide := layParts(tc.c.Parts, (len(a.Parts)-len(tc.c.Parts))/extenders(tc.c)+1, f.MinConnectorOverlap)
			if !reflect.DeepEqual(wide.Overlaps, tc.maxOver) {
				t.Errorf("largest overlaps %v, want %v", wide.Overlaps, tc.maxOver)
			}
			if math.Abs(a.Size-float64(tc.size)) > 1e-9 {
				t.Errorf("size %.3f, want %d", a.Size, tc.size)
			}
			ratio := (tc.maxOver[0] - a.Overlaps[0]) / (tc.maxOver[0] - float64(f.MinConnectorOverlap))
			if math.Abs(ratio-tc.luaRatio) > 0.005 {
				t.Errorf("glue set %.5f, LuaTeX %.5f", ratio, tc.luaRatio)
			}
		})
	}
}

func mustGlyph(t *testing.T, f *Font, r rune) GlyphID {
	t.Helper()
	g, ok := f.Glyph(r)
	if !ok {
		t.Fatalf("no glyph for %q", r)
	}
	return g
}

func extenders(c *Construction) int {
	n := 0
	for _, p := range c.Parts {
		if p.Extender {
			n++
		}
	}
	return n
}

// TestAssembleRules checks the limits on a construction with known parts:
// a size the bare ends reach takes no extender and keeps the overlaps at
// their largest; a size beyond any reach ends at maxRepeats; no parts, no
// assembly.
func TestAssembleRules(t *testing.T) {
	c := &Construction{Parts: []Part{
		{Glyph: 1, EndConnector: 200, FullAdvance: 1000},
		{Glyph: 2, StartConnector: 300, EndConnector: 300, FullAdvance: 500, Extender: true},
		{Glyph: 3, StartConnector: 200, FullAdvance: 1000},
	}}
	for _, tc := range []struct {
		size, parts int
		overlaps    []float64
		total       float64
	}{
		{100, 2, []float64{200}, 1800},            // shorter than the ends: as short as it gets
		{1850, 2, []float64{150}, 1850},           // play 100 between the ends, half used
		{1950, 3, []float64{200, 200}, 2100},      // one extender, still at the largest overlap
		{2200, 3, []float64{150, 150}, 2200},      // its play: 2 × 100
		{2500, 4, []float64{150, 200, 150}, 2500}, // two: joints of play 100, 200, 100, half used
	} {
		a, _ := c.Assemble(tc.size, 100)
		if len(a.Parts) != tc.parts || !reflect.DeepEqual(a.Overlaps, tc.overlaps) || a.Size != tc.total {
			t.Errorf("Assemble(%d) = %d parts, overlaps %v, size %v; want %d, %v, %v",
				tc.size, len(a.Parts), a.Overlaps, a.Size, tc.parts, tc.overlaps, tc.total)
		}
	}
	if a, _ := c.Assemble(1<<30, 100); len(a.Parts) != maxRepeats+2 {
		t.Errorf("huge size: %d parts, want %d", len(a.Parts), maxRepeats+2)
	}
	if _, ok := (&Construction{}).Assemble(10, 0); ok {
		t.Error("an assembly without parts")
	}
	v := &Construction{Variants: []Variant{{1, 100}, {2, 200}}}
	if g, ok := v.Fit(150); !ok || g.Glyph != 2 {
		t.Errorf("Fit(150) = %v, %v", g, ok)
	}
	if g, ok := v.Fit(250); ok || g.Glyph != 2 {
		t.Errorf("Fit(250) = %v, %v", g, ok)
	}
}
