package fonts

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/go-pdf/fpdf"
)

// fpdfWith returns a document whose current font is data at 1000 pt, so
// that GetStringWidth (in points) is the width in 1/1000 em.
func fpdfWith(t testing.TB, data []byte) *fpdf.Fpdf {
	t.Helper()
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.AddUTF8FontFromBytes("f", "", data)
	pdf.SetFont("f", "", 1000)
	if err := pdf.Error(); err != nil {
		t.Fatalf("fpdf: %v", err)
	}
	return pdf
}

// compareWithFpdf checks every width and vertical metric of f against fpdf
// loading the same bytes.
func compareWithFpdf(t *testing.T, f *Font) {
	t.Helper()
	pdf := fpdfWith(t, f.Data)
	for _, s := range []string{
		"", "The quick brown fox jumps over the lazy dog.",
		"“Curly quotes” and ‘single’ — em dash – en dash … ellipsis",
		"Ἀθῆναι, ἡ πόλις τῶν Ἀθηναίων", "Съешь же ещё этих мягких французских булок",
		"ﬁ ﬂ ¼ € £ § ¶ † ‡ • ™ ©", "漢字 and emoji 😀 are missing", "invalid \xff utf-8",
		"0123456789 $%&*()[]{}<>/\\|~`'\"",
	} {
		if got, want := f.StringWidth(s), pdf.GetStringWidth(s); float64(got) != want {
			t.Errorf("%s: StringWidth(%q) = %d, fpdf says %v", f.Name, s, got, want)
		}
	}
	// Every BMP rune on its own, through the integer API. U+10000 is left
	// out: fpdf v0.9.0 indexes past its width table there and panics.
	bad := 0
	for r := rune(0); r < 0x10000; r++ {
		got, want := f.Width(r), pdf.GetStringSymbolWidth(string(r))
		if got != want {
			if bad++; bad <= 10 {
				t.Errorf("%s: Width(%U) = %d, fpdf says %d", f.Name, r, got, want)
			}
		}
	}
	if bad > 10 {
		t.Errorf("%s: %d runes differ in all", f.Name, bad)
	}
	for _, r := range []rune{0x10001, 0x1F600, 0x10FFFF, -1, 0x110000} {
		if got, want := f.Width(r), pdf.GetStringSymbolWidth(string(r)); got != want {
			t.Errorf("%s: Width(%U) = %d, fpdf says %d", f.Name, r, got, want)
		}
	}
	desc := pdf.GetFontDesc("", "")
	if f.Ascent() != desc.Ascent || f.Descent() != desc.Descent || f.CapHeight() != desc.CapHeight ||
		f.MissingWidth() != missingOr500(desc.MissingWidth) {
		t.Errorf("%s: ascent, descent, cap height, missing width = %d, %d, %d, %d; fpdf says %d, %d, %d, %d",
			f.Name, f.Ascent(), f.Descent(), f.CapHeight(), f.MissingWidth(),
			desc.Ascent, desc.Descent, desc.CapHeight, missingOr500(desc.MissingWidth))
	}
}

func missingOr500(w int) int {
	if w == 0 {
		return 500
	}
	return w
}

func TestWidthsMatchFpdf(t *testing.T) {
	for _, f := range defaultFonts() {
		t.Run(f.Name, func(t *testing.T) {
			t.Parallel()
			compareWithFpdf(t, f)
		})
	}
}

func TestTinyFontsMatchFpdf(t *testing.T) {
	for name, tf := range tinyFonts {
		t.Run(name, func(t *testing.T) {
			f, err := Parse(name, tf.bytes())
			if err != nil {
				t.Fatal(err)
			}
			compareWithFpdf(t, f)
		})
	}
}

// TestOtherUnitsPerEmMatchFpdf rescales a real font, where fpdf's float
// arithmetic could round differently from exact integer arithmetic.
func TestOtherUnitsPerEmMatchFpdf(t *testing.T) {
	for _, upm := range []int{1000, 1024, 1999, 2000, 2047, 4093, 16384} {
		data := setUnitsPerEm(t, serifRegular, upm)
		f, err := Parse("rescaled", data)
		if err != nil {
			t.Fatalf("units per em %d: %v", upm, err)
		}
		compareWithFpdf(t, f)
	}
}

// setUnitsPerEm returns a copy of data with head.unitsPerEm replaced.
func setUnitsPerEm(t *testing.T, data []byte, upm int) []byte {
	t.Helper()
	data = append([]byte(nil), data...)
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := range n {
		rec := 12 + 16*i
		if string(data[rec:rec+4]) == "head" {
			off := int(binary.BigEndian.Uint32(data[rec+8:]))
			binary.BigEndian.PutUint16(data[off+18:], uint16(upm))
			return data
		}
	}
	t.Fatal("no head table")
	return nil
}

// TestCheck checks that Check accepts exactly the Fonts Parse made, and
// that fpdf embeds and subsets each of them, the one without an OS/2
// table included (Parse's rule: OS/2 is optional).
func TestCheck(t *testing.T) {
	if err := (*Font)(nil).Check(); err == nil {
		t.Error("nil font passes Check")
	}
	if err := (&Font{Name: "x", Data: serifRegular}).Check(); err == nil {
		t.Error("a Font not made by Parse passes Check")
	}
	for name, tf := range tinyFonts {
		f, err := Parse(name, tf.bytes())
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Check(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		pdf := fpdfWith(t, f.Data)
		pdf.AddPage()
		pdf.Text(10, 10, "abcd")
		var buf bytes.Buffer
		if err := pdf.Output(&buf); err != nil {
			t.Errorf("%s (OS/2 version %d): fpdf cannot embed it: %v", name, tf.os2Version, err)
		}
	}
}
