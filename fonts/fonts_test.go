package fonts

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
)

func defaultFonts() []*Font {
	set := Default()
	return []*Font{set.Text.Regular, set.Text.Italic, set.Text.Bold, set.Text.BoldItalic, set.Display, set.Mono, set.Fallback, set.FallbackBold}
}

func TestDefault(t *testing.T) {
	set := Default()
	if Default() != set {
		t.Error("Default parses more than once")
	}
	want := []string{
		"LiberationSerif-Regular", "LiberationSerif-Italic", "LiberationSerif-Bold",
		"LiberationSerif-BoldItalic", "LiberationSans-Bold", "LiberationMono-Regular",
		"DejaVuSans", "DejaVuSans-Bold",
	}
	for i, f := range defaultFonts() {
		if f.Name != want[i] {
			t.Errorf("font %d is %q, want %q", i, f.Name, want[i])
		}
		if f.UnitsPerEm() != 2048 {
			t.Errorf("%s: %d units per em, want 2048", f.Name, f.UnitsPerEm())
		}
		// DejaVu's OS/2 table is older than version 2: fpdf takes the
		// ascent for the cap height.
		if !(f.Ascent() >= f.CapHeight() && f.CapHeight() > f.XHeight() && f.XHeight() > 0 && f.Descent() < 0) {
			t.Errorf("%s: implausible ascent %d, cap height %d, x-height %d, descent %d",
				f.Name, f.Ascent(), f.CapHeight(), f.XHeight(), f.Descent())
		}
	}
	for s, f := range map[Style]*Font{Regular: set.Text.Regular, Italic: set.Text.Italic, Bold: set.Text.Bold, BoldItalic: set.Text.BoldItalic, 42: set.Text.Regular} {
		if got := set.Text.Face(s); got != f {
			t.Errorf("Face(%v) = %s, want %s", s, got.Name, f.Name)
		}
	}
}

// TestFallbackCovers checks that the fallback faces have what the text
// faces lack: symbols, arrows, mathematics.
func TestFallbackCovers(t *testing.T) {
	set := Default()
	for _, r := range "⇆★⊂⟶☭" {
		if set.Text.Regular.Has(r) {
			t.Errorf("%s has %q: pick another test rune", set.Text.Regular.Name, r)
		}
		for _, f := range []*Font{set.Fallback, set.FallbackBold} {
			if !f.Has(r) {
				t.Errorf("%s lacks %q", f.Name, r)
			}
		}
	}
}

// TestKnownMetrics pins a few values read off the font files (Liberation
// 2.1.4, 2048 units per em) so that a change to the parser or the files
// shows up even if fpdf changed the same way.
func TestKnownMetrics(t *testing.T) {
	serif, mono := Default().Text.Regular, Default().Mono
	for _, c := range []struct {
		f    *Font
		r    rune
		want int
	}{
		{serif, ' ', 250}, {serif, 'a', 444}, {serif, 'M', 889}, {serif, '—', 1000},
		{serif, 'ж', 691}, {mono, 'i', 600}, {mono, 'W', 600}, {serif, '一', 778},
	} {
		if got := c.f.Width(c.r); got != c.want {
			t.Errorf("%s: Width(%q) = %d, want %d", c.f.Name, c.r, got, c.want)
		}
	}
	if got := serif.StringWidth("Mama"); got != 889+444+778+444 {
		t.Errorf("StringWidth(Mama) = %d", got)
	}
	if a, d, c := serif.Ascent(), serif.Descent(), serif.CapHeight(); a != 891 || d != -216 || c != 654 {
		t.Errorf("ascent, descent, cap height = %d, %d, %d; want 891, -216, 654", a, d, c)
	}
}

func TestHas(t *testing.T) {
	for _, f := range defaultFonts() {
		for _, r := range "AZaz09 .,;:!?–—‘’“”…€ÄÖÜßéçłŒ" + "ΑΩαωάῆ" + "АЯаяёЁ" {
			if !f.Has(r) {
				t.Errorf("%s: Has(%q) = false", f.Name, r)
			}
		}
		for _, r := range []rune{0, 0x4E00, 0x1F600, 0x10000, 0xD800, 0xFFFF, -1, 0x110000} {
			if f.Has(r) {
				t.Errorf("%s: Has(%U) = true", f.Name, r)
			}
		}
		if f.Width(0x4E00) != f.MissingWidth() || f.Width(0x1F600) != f.MissingWidth() {
			t.Errorf("%s: missing runes do not measure the missing width %d", f.Name, f.MissingWidth())
		}
	}
}

func TestParseRejects(t *testing.T) {
	otto := []byte("OTTO\x00\x01\x00\x10\x00\x00\x00\x00CFF \x00\x00\x00\x00\x00\x00\x00\x1c\x00\x00\x00\x04\x01\x00\x04\x01")
	cffOnly := append([]byte("\x00\x01\x00\x00"), otto[4:]...)
	tiny := tinyFonts["quirks"].bytes()
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"nil", nil, "truncated"},
		{"text", []byte("<!DOCTYPE html><html>not a font</html>"), "not a TrueType font: unknown sfnt version"},
		{"otto", otto, ErrCFF.Error()},
		{"otto header only", []byte("OTTO\x00\x00\x00\x00\x00\x00\x00\x00"), ErrCFF.Error()},
		{"cff table without glyf", cffOnly, ErrCFF.Error()},
		{"collection", []byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x00"), "collections"},
		{"no tables", []byte("\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"), `missing "head" table`},
		{"directory truncated", []byte("\x00\x01\x00\x00\x00\x09\x00\x00\x00\x00\x00\x00"), "directory truncated"},
		{"truncated", serifRegular[:len(serifRegular)/2], "extends past the end"},
		{"no format 4 cmap", replace(tiny, "\x00\x03\x00\x01\x00\x00\x00\x0c\x00\x04", "\x00\x03\x00\x0a\x00\x00\x00\x0c\x00\x0c"), "no format 4 Unicode subtable"},
		{"restricted licence", setOS2FsType(tiny, 2), "licence"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, err := Parse("", c.data)
			if err == nil {
				t.Fatalf("Parse succeeded: %s", f.Name)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not mention %q", err, c.want)
			}
			if c.want == ErrCFF.Error() && !errors.Is(err, ErrCFF) {
				t.Errorf("error %q is not ErrCFF", err)
			}
		})
	}
	if _, err := Parse("Broken-Bold", nil); err == nil || !strings.HasPrefix(err.Error(), "font Broken-Bold: ") {
		t.Errorf("error %q does not name the font", err)
	}
}

func replace(b []byte, old, new string) []byte {
	if !strings.Contains(string(b), old) {
		panic("replace: not found")
	}
	return []byte(strings.Replace(string(b), old, new, 1))
}

// setOS2FsType returns a copy of a tiny font with OS/2 fsType set.
func setOS2FsType(b []byte, fsType byte) []byte {
	b = append([]byte(nil), b...)
	i := strings.Index(string(b), "OS/2")
	off := int(b[i+8])<<24 | int(b[i+9])<<16 | int(b[i+10])<<8 | int(b[i+11])
	b[off+9] = fsType
	return b
}

// TestParseTruncatedAndGarbage checks that no prefix of a real font and no
// random or corrupted input panics. A prefix may parse only if what is cut
// off is tables nobody reads (GPOS, GSUB and the like come last), and then
// it must measure like the whole font.
func TestParseTruncatedAndGarbage(t *testing.T) {
	data := monoRegular
	whole := Default().Mono
	for n := 0; n < len(data); n += 1 + n/16 {
		f, err := Parse("", data[:n])
		if err != nil {
			continue
		}
		if n < len(data)/2 || f.StringWidth(fuzzSample) != whole.StringWidth(fuzzSample) || f.XHeight() != whole.XHeight() {
			t.Errorf("Parse accepted the first %d bytes", n)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		garbage := make([]byte, rng.IntN(4096))
		for i := range garbage {
			garbage[i] = byte(rng.Uint32())
		}
		_, _ = Parse("", garbage)
	}
	// Flip bytes of a small valid font; any outcome but a panic is fine.
	tiny := tinyFonts["em-2047"].bytes()
	for range 5000 {
		b := append([]byte(nil), tiny...)
		for range 1 + rng.IntN(4) {
			b[rng.IntN(len(b))] = byte(rng.Uint32())
		}
		if f, err := Parse("", b); err == nil {
			_ = f.StringWidth("abc€")
		}
	}
}

func TestLoadFamily(t *testing.T) {
	fam, err := LoadFamily("Liberation", serifRegular, nil, serifBold, nil)
	if err != nil {
		t.Fatal(err)
	}
	if fam.Italic != fam.Regular || fam.BoldItalic != fam.Regular || fam.Bold == fam.Regular {
		t.Error("nil styles do not fall back to regular")
	}
	if fam.Regular.Name != "LiberationSerif" || fam.Bold.Name != "LiberationSerif-Bold" {
		t.Errorf("names from the fonts are %q, %q", fam.Regular.Name, fam.Bold.Name)
	}
	_, err = LoadFamily("Mine", serifRegular, serifItalic, serifBold, []byte("junk"))
	if err == nil || !strings.Contains(err.Error(), `font family "Mine": bold italic: `) {
		t.Errorf("error %v does not name family and style", err)
	}
	_, err = LoadFamily("Mine", nil, serifItalic, nil, nil)
	if err == nil || !strings.Contains(err.Error(), "regular") {
		t.Errorf("error %v does not name the missing regular style", err)
	}
}

func FuzzParse(f *testing.F) {
	for _, tf := range tinyFonts {
		f.Add(tf.bytes())
	}
	for _, data := range [][]byte{serifRegular, sansBold, monoRegular} {
		for _, n := range []int{0, 4, 12, 100, 300, 4096} {
			f.Add(data[:n])
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		font, err := Parse("", data)
		if err != nil {
			// Parse checks more than the sweep does, but not the widths.
			if _, serr := sweep(data); serr == nil && strings.Contains(err.Error(), "too wide") {
				t.Fatalf("Parse refuses widths the sweep accepts: %v", err)
			}
			return
		}
		compareSweep(t, font, data)
		// Whatever Parse accepts, fpdf must load and measure identically.
		var pdfWidth int
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Fatalf("Parse accepted a font on which fpdf panics: %v", p)
				}
			}()
			pdfWidth = fpdfWith(t, data).GetStringSymbolWidth(fuzzSample)
		}()
		if w := font.StringWidth(fuzzSample); w != pdfWidth {
			t.Fatalf("StringWidth = %d, fpdf says %d", w, pdfWidth)
		}
	})
}

const fuzzSample = "abcdefgh xé—Ωя\x00€😀\xff"

func BenchmarkStringWidth(b *testing.B) {
	f := Default().Text.Regular
	words := strings.Fields(`The council met on Tuesday evening to debate the
		proposed budget — “a document,” said one member, “that nobody has read.”
		Ещё раз: Ἀθῆναι, naïve café, 12 345,67 €.`)
	b.ReportAllocs()
	for b.Loop() {
		for _, w := range words {
			_ = f.StringWidth(w)
		}
	}
}

func BenchmarkWidth(b *testing.B) {
	f := Default().Text.Regular
	b.ReportAllocs()
	for b.Loop() {
		for r := rune(' '); r < 0x500; r++ {
			_ = f.Width(r)
		}
	}
}

func TestMaxWidth(t *testing.T) {
	for _, f := range defaultFonts() {
		m, widest := 0, rune(0)
		for r := rune(0); r < 1<<16; r++ {
			if w := f.Width(r); w > m {
				m, widest = w, r
			}
		}
		m = max(m, f.Width(0x1F44B), f.MissingWidth())
		if f.MaxWidth() != m {
			t.Errorf("%s: MaxWidth %d, widest rune %U is %d", f.Name, f.MaxWidth(), widest, m)
		}
	}
}
