package fpdf

import (
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// repoFonts are the TrueType fonts in the repository's fonts folder.
func repoFonts(t testing.TB) map[string][]byte {
	t.Helper()
	names, err := filepath.Glob(filepath.Join("..", "..", "fonts", "*.ttf"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no fonts in ../../fonts: %v", err)
	}
	fonts := map[string][]byte{}
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		fonts[filepath.Base(name)] = data
	}
	return fonts
}

// oldCmap is fpdf's expansion of a font's format 4 cmap into its maps.
func oldCmap(utf *utf8FontFile) (pos int, symbolChar map[int][]int, charSymbol map[int]int) {
	utf.fileReader.readerPosition = 0
	utf.skip(4)
	utf.generateTableDescriptions()
	pos = utf.parseCMAPTable(0)
	symbolChar, charSymbol = map[int][]int{}, map[int]int{}
	utf.generateSCCSDictionaries(pos, symbolChar, charSymbol)
	return pos, symbolChar, charSymbol
}

// TestCmap4: cmap4's lookup gives every code's glyph, and its presence,
// as the map fpdf built from the segments (generateSCCSDictionaries), by
// binary search and by the scan used when segments overlap; setWidths
// gives the widths parseHMTXTable gave from fpdf's maps.
func TestCmap4(t *testing.T) {
	for name, data := range repoFonts(t) {
		utf := newUTF8Font(&fileReader{array: data})
		pos, symbolChar, charSymbol := oldCmap(utf)
		c := utf.readCmap4(pos)
		if !c.disjoint {
			t.Errorf("%s: segments not disjoint", name)
		}
		for _, disjoint := range []bool{true, false} {
			c.disjoint = disjoint
			for char := 0; char < 1<<16; char++ {
				g, ok := c.lookup(char)
				wg, wok := charSymbol[char]
				if g != wg || ok != wok {
					t.Fatalf("%s (disjoint %v): code %#x: glyph %d %v, want %d %v", name, disjoint, char, g, ok, wg, wok)
				}
			}
		}
		c.disjoint = true

		utf.SeekTable("hhea")
		utf.skip(34)
		metrics := utf.readUint16()
		utf.SeekTable("maxp")
		utf.skip(4)
		glyphs := utf.readUint16()
		// the trailing glyphs' advance, as the file has it and clamped
		for _, shape := range [][2]int{{metrics, glyphs}, {metrics / 2, glyphs}, {1, glyphs}, {metrics, metrics / 2}} {
			for _, scale := range []float64{1, 1000.0 / 2048, 1000.0 / 1000} {
				utf.parseHMTXTable(shape[0], shape[1], symbolChar, scale)
				want, wantDefault := utf.CharWidths, utf.DefaultWidth
				utf.CharWidths, utf.DefaultWidth = nil, -1
				utf.setWidths(shape[0], shape[1], c, scale)
				if !slices.Equal(utf.CharWidths, want) || utf.DefaultWidth != wantDefault {
					t.Errorf("%s %v scale %v: widths differ (default %v, want %v)", name, shape, scale, utf.DefaultWidth, wantDefault)
				}
			}
		}
	}
}

// TestSetWidthsTail: the glyphs after the last metric take its advance,
// set to 0 when it is 1<<15 or more and some code maps to that glyph, as
// parseHMTXTable did.
func TestSetWidthsTail(t *testing.T) {
	data := repoFonts(t)["DejaVuSans.ttf"]
	for _, mapped := range []bool{true, false} {
		buf := slices.Clone(data)
		utf := newUTF8Font(&fileReader{array: buf})
		pos, symbolChar, _ := oldCmap(utf)
		c := utf.readCmap4(pos)
		// the last metric: a glyph some code maps to, or one none does
		last := -1
		for g := 1; g < 3000; g++ {
			if _, ok := symbolChar[g]; ok == mapped {
				last = g
				break
			}
		}
		if last < 0 {
			t.Fatalf("no glyph with mapped=%v", mapped)
		}
		hmtx := utf.tableDescriptions["hmtx"].position
		buf[hmtx+4*last], buf[hmtx+4*last+1] = 0x90, 0x00 // advance 36864
		metrics := last + 1
		glyphs := metrics + 500
		utf.parseHMTXTable(metrics, glyphs, symbolChar, 1)
		want := utf.CharWidths
		utf.setWidths(metrics, glyphs, c, 1)
		if !slices.Equal(utf.CharWidths, want) {
			t.Errorf("mapped=%v: widths differ", mapped)
		}
		tail := 0
		for _, w := range want {
			if w == 36864 {
				tail++
			}
		}
		if mapped == (tail != 0) {
			t.Errorf("mapped=%v: %d codes of width 36864", mapped, tail)
		}
	}
}

// BenchmarkFontEmbed adds a text font and cuts its subset of the runes
// of a page of Latin text, as a document does with each font it uses.
func BenchmarkFontEmbed(b *testing.B) {
	data := repoFonts(b)["LiberationSerif-Regular.ttf"]
	used := map[int]int{}
	for r := ' '; r < 0x17F; r++ {
		used[int(r)] = int(r)
	}
	for _, r := range "–—‘’“”…•€" {
		used[int(r)] = int(r)
	}
	for i := 0; i < b.N; i++ {
		f := New("P", "pt", "A4", "")
		def, err := f.utf8FontDef("x", "", data)
		if err != nil {
			b.Fatal(err)
		}
		if len(def.utf8File.GenerateCutFont(used)) == 0 {
			b.Fatal("no subset")
		}
		_ = cidWidths(&def, def.utf8File.LastRune)
	}
}

// TestCmap4Segments: lookup on made-up segments (empty ones, overlapping
// ones, endCodes out of order) gives what fpdf's map gave, in which a
// later segment's code replaces an earlier one's.
func TestCmap4Segments(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	disjoint := 0
	for i := 0; i < 2000; i++ {
		c := &cmap4{}
		start := 0
		for n := rng.Intn(8); n > 0; n-- {
			first := start + rng.Intn(20) - 4
			last := first + rng.Intn(12) - 3 // sometimes empty
			if first < 0 {
				first = 0
			}
			if last < 0 {
				last = 0
			}
			c.first, c.last = append(c.first, first), append(c.last, last)
			c.delta, c.offset = append(c.delta, rng.Intn(100)), append(c.offset, 0)
			start = max(start, last+1)
		}
		c.disjoint = c.isDisjoint()
		if c.disjoint {
			disjoint++
		}
		want := map[int]int{}
		for n := range c.first {
			for char := c.first[n]; char <= c.last[n]; char++ {
				want[char] = (char + c.delta[n]) & 0xFFFF
			}
		}
		for char := 0; char < start+30; char++ {
			g, ok := c.lookup(char)
			wg, wok := want[char]
			if g != wg || ok != wok {
				t.Fatalf("segments %v-%v (disjoint %v): code %d: %d %v, want %d %v", c.first, c.last, c.disjoint, char, g, ok, wg, wok)
			}
		}
	}
	if disjoint < 100 || disjoint > 1900 {
		t.Errorf("%d of 2000 disjoint: the test needs both kinds", disjoint)
	}
}
