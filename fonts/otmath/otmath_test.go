package otmath

import (
	"flag"
	"fmt"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// stix is the repository's embedded math face (fonts/), read once. The
// test reads the file rather than importing package fonts, which embeds it,
// so that otmath stays below fonts.
var stix = sync.OnceValues(func() (*Font, error) {
	b, err := os.ReadFile("../STIXTwoMath-Regular.ttf")
	if err != nil {
		return nil, err
	}
	return Parse(b)
})

func stixFont(t *testing.T) *Font {
	t.Helper()
	f, err := stix()
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestKnownValues checks values stated outside this package: the figures
// of ../shared/math/README.md for STIX Two Math 2.13, and what LuaLaTeX's
// box dumps of the reference renderings show at 10 pt (1 pt = 100 units).
func TestKnownValues(t *testing.T) {
	f := stixFont(t)
	c := f.Constants
	beyondBMP := 0
	for r := range f.cmap {
		if r > 0xFFFF {
			beyondBMP++
		}
	}
	for _, tc := range []struct {
		what      string
		got, want int
	}{
		{"unitsPerEm", f.UnitsPerEm, 1000},
		{"glyphs", f.NumGlyphs(), 6760},
		{"code points", len(f.cmap), 4605},
		{"code points beyond the BMP", beyondBMP, 998},
		{"ScriptPercentScaleDown", c.ScriptPercentScaleDown, 70},
		{"ScriptScriptPercentScaleDown", c.ScriptScriptPercentScaleDown, 55},
		{"AxisHeight", c.AxisHeight, 258},
		{"FractionRuleThickness", c.FractionRuleThickness, 68},
		{"DisplayOperatorMinHeight", c.DisplayOperatorMinHeight, 1800},
		{"vertical constructions", f.VerticalCount(), 118},
		{"horizontal constructions", f.HorizontalCount(), 47},
		// 18-bmatrix-dots: the bracket pieces are stacked with "glue -10.0
		// plus 9.0001": connectors of 1000 units, overlap at least 100.
		{"MinConnectorOverlap", f.MinConnectorOverlap, 100},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %d, want %d", tc.what, tc.got, tc.want)
		}
	}
}

// TestGlyphNames checks glyph ids by post name against every unencoded
// glyph the LuaLaTeX box dumps name.
func TestGlyphNames(t *testing.T) {
	f := stixFont(t)
	for name, want := range map[string]GlyphID{
		"braceleft.s4": 1352, "braceleft.s7": 1355, "braceright.s4": 1364,
		"bracketleft.s7": 1331, "bracketright.s7": 1343, "circumflex.s2": 1396,
		"parenleft.s1": 1301, "parenleft.s7": 1307, "parenright.s1": 1313,
		"parenright.s7": 1319, "tilde.s3": 1407, "uni220F.s1": 1641,
		"uni2211.s1": 1647, "uni221A.s1": 1658, "uni221A.s2": 1659,
		"uni222B.dsp": 1699, "uni23B4.x": 2073, "uni23B5.x": 2082,
		"uni23DE.l": 2106, "uni23DE.m": 2107, "uni23DE.r": 2108,
		"uni23DF.l": 2115, "uni23DF.m": 2116, "uni23DF.r": 2117,
		".notdef": 0,
	} {
		if g, ok := f.GlyphByName(name); !ok || g != want {
			t.Errorf("GlyphByName(%q) = %d, %v; want %d", name, g, ok, want)
		}
		if got := f.Name(want); got != name {
			t.Errorf("Name(%d) = %q, want %q", want, got, name)
		}
	}
	if _, ok := f.GlyphByName("no such glyph"); ok {
		t.Error("GlyphByName found a name the font lacks")
	}
}

// TestGlyphMetrics checks cmap (both planes), advances, boxes and italic
// corrections against the box dumps: a glyph's hbox there is its height
// (yMax), depth (-yMin) and advance, and "(italic)" kerns are italic
// corrections, at 10 pt (×100) or 7 pt (÷7×1000).
func TestGlyphMetrics(t *testing.T) {
	f := stixFont(t)
	sum, _ := f.GlyphByName("uni2211.s1")
	if _, yMin, _, yMax := f.Box(sum); yMax != 919 || yMin != -406 || f.Advance(sum) != 1112 {
		t.Errorf("uni2211.s1: yMax %d, yMin %d, advance %d; want 919, -406, 1112 (11-sum-display: hbox(9.19+4.06)x11.12)",
			yMax, yMin, f.Advance(sum))
	}
	for _, tc := range []struct {
		r      rune
		italic int
	}{
		{0x1D456, 20}, // 𝑖: \kern0.2 (italic) at 10 pt
		{0x1D465, 10}, // 𝑥: \kern0.07 (italic) at 7 pt
	} {
		g, ok := f.Glyph(tc.r)
		if !ok {
			t.Fatalf("no glyph for U+%X", tc.r)
		}
		if got, ok := f.ItalicCorrection(g); !ok || got != tc.italic {
			t.Errorf("ItalicCorrection(U+%X) = %d, %v; want %d", tc.r, got, ok, tc.italic)
		}
	}
	if g, ok := f.Glyph('='); !ok || f.Name(g) != "equal" {
		t.Errorf("Glyph('=') = %d (%q), %v", g, f.Name(g), ok)
	}
	if _, ok := f.Glyph(0x1D455); ok { // the italic h is ℎ, U+210E; the slot is empty
		t.Error("Glyph(U+1D455) found a glyph in a reserved slot")
	}
}

// names returns the post names of gs.
func names(f *Font, gs ...GlyphID) string {
	s := make([]string, len(gs))
	for i, g := range gs {
		s[i] = f.Name(g)
	}
	return strings.Join(s, " ")
}

// TestConstructions checks variants and assemblies against the glyphs the
// box dumps use: the display ∑ and ∫, \left[ as bracketleft.s7, a tall
// bracket built from ⎣ ⎢ ⎡, and the under-brace from its pieces.
func TestConstructions(t *testing.T) {
	f := stixFont(t)
	glyph := func(r rune) GlyphID { g, _ := f.Glyph(r); return g }
	variants := func(c *Construction) string {
		var gs []GlyphID
		for _, v := range c.Variants {
			gs = append(gs, v.Glyph)
		}
		return names(f, gs...)
	}
	if c := f.Vertical(glyph('∑')); c == nil || variants(c) != "uni2211 uni2211.s1" || c.Parts != nil {
		t.Errorf("∑ vertically: %+v", c)
	}
	if c := f.Vertical(glyph('∫')); c == nil || !strings.Contains(variants(c), "uni222B.dsp") {
		t.Errorf("∫ vertically: %+v", c)
	}
	c := f.Vertical(glyph('['))
	if c == nil || !strings.Contains(variants(c), "bracketleft.s7") {
		t.Fatalf("[ vertically: %+v", c)
	}
	want := []Part{
		{Glyph: glyph('⎣'), EndConnector: 1200, FullAdvance: 1275},
		{Glyph: glyph('⎢'), StartConnector: 1000, EndConnector: 1000, FullAdvance: 1001, Extender: true},
		{Glyph: glyph('⎡'), StartConnector: 1200, FullAdvance: 1275},
	}
	if !reflect.DeepEqual(c.Parts, want) {
		t.Errorf("[ assembly = %+v, want %+v", c.Parts, want)
	}
	h := f.Horizontal(glyph('⏟'))
	if h == nil {
		t.Fatal("⏟ has no horizontal construction")
	}
	var parts []GlyphID
	for _, p := range h.Parts {
		parts = append(parts, p.Glyph)
	}
	if got := names(f, parts...); got != "uni23DF.l uni23B5.x uni23DF.m uni23B5.x uni23DF.r" {
		t.Errorf("⏟ assembly = %s", got)
	}
	if f.Vertical(glyph('x')) != nil || f.Horizontal(glyph('(')) != nil {
		t.Error("a construction for a glyph that does not grow that way")
	}
	if big, _ := f.GlyphByName("parenleft.s7"); !f.IsExtendedShape(big) || f.IsExtendedShape(glyph('x')) {
		t.Errorf("extended shapes: parenleft.s7 %v, x %v; want true, false", f.IsExtendedShape(big), f.IsExtendedShape(glyph('x')))
	}
}

// TestGolden compares all MathConstants, and a digest of the glyph info,
// with testdata/stix.golden (go test -update rewrites it).
func TestGolden(t *testing.T) {
	f := stixFont(t)
	var b strings.Builder
	v := reflect.ValueOf(f.Constants)
	for i := 0; i < v.NumField(); i++ {
		fmt.Fprintf(&b, "%s %d\n", v.Type().Field(i).Name, v.Field(i).Int())
	}
	fmt.Fprintf(&b, "MinConnectorOverlap %d\n", f.MinConnectorOverlap)
	fmt.Fprintf(&b, "italic corrections %d\ntop accent attachments %d\nextended shapes %d\nkerned glyphs %d\n",
		len(f.italics), len(f.topAccent), len(f.extended), len(f.kerns))
	for _, r := range []rune{'𝑓', '𝑃', '𝑉', 'A'} {
		g, _ := f.Glyph(r)
		ic, _ := f.ItalicCorrection(g)
		ta, _ := f.TopAccentAttachment(g)
		fmt.Fprintf(&b, "%c %s italic %d accent %d kerns %s\n", r, f.Name(g), ic, ta, kernString(f.Kerns(g)))
	}
	got := b.String()
	const golden = "testdata/stix.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("STIX Two Math differs from %s (go test -update):\n%s", golden, got)
	}
}

func kernString(k *KernInfo) string {
	if k == nil {
		return "none"
	}
	var s []string
	for _, c := range []*Kern{k.TopRight, k.TopLeft, k.BottomRight, k.BottomLeft} {
		if c == nil {
			s = append(s, "-")
		} else {
			s = append(s, fmt.Sprint(c.Heights, c.Values))
		}
	}
	return strings.Join(s, " ")
}

func TestKernAt(t *testing.T) {
	k := &Kern{Heights: []int{156, 283}, Values: []int{-199, -148, 16}}
	for _, tc := range []struct{ y, want int }{
		{-500, -199}, {155, -199}, {156, -148}, {282, -148}, {283, 16}, {9999, 16},
	} {
		if got := k.At(tc.y); got != tc.want {
			t.Errorf("At(%d) = %d, want %d", tc.y, got, tc.want)
		}
	}
	if got := (*Kern)(nil).At(10); got != 0 {
		t.Errorf("nil kern At = %d", got)
	}
}

func TestMacNames(t *testing.T) {
	if len(macNames) != 258 || macNames[3] != "space" || macNames[62] != "bracketleft" || macNames[257] != "dcroat" {
		t.Errorf("standard Macintosh names: %d, %q %q %q", len(macNames), macNames[3], macNames[62], macNames[257])
	}
}

// TestRune: Rune reverses the cmap, and a size variant has no character.
func TestRune(t *testing.T) {
	f := stixFont(t)
	for _, r := range []rune{'x', 0x1D465, '∑', '('} {
		g, ok := f.Glyph(r)
		if !ok {
			t.Fatalf("no glyph for %U", r)
		}
		if got, ok := f.Rune(g); !ok || got != r {
			t.Errorf("Rune(Glyph(%U)) = %U, %v", r, got, ok)
		}
	}
	if g, ok := f.GlyphByName("uni2211.s1"); !ok {
		t.Fatal("no uni2211.s1")
	} else if r, ok := f.Rune(g); ok {
		t.Errorf("the size variant uni2211.s1 has character %U", r)
	}
}
