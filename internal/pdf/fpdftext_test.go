package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"

	"github.com/redtide/edition/fonts"
)

// TestAppendTextParity: fpdf's AppendText, the painter's fast path for
// text, writes exactly what Text writes, so that a PDF whose runs are
// gathered with it is the PDF of Text alone; and it declines every case
// Text writes otherwise. (The patched fpdf is a module of its own, whose
// tests go test ./... does not run, so its parity test is here.)
func TestAppendTextParity(t *testing.T) {
	data := fonts.Default().Text.Regular.Data
	runs := []struct {
		x, y float64
		s    string
	}{
		{72, 72, "The quick brown fox"},
		{0.005, 841.885, "edges of rounding"},
		{-3.125, 10.675, "negative x"},
		{100.1, 200.2, `escapes ( ) \ and \r`},
		{50, 60, "U+0128 Ĩ and U+0129 ĩ and U+015C Ŝ: bytes that escape"},
		{12, 34, "“curly” — dashes – … ‘quotes’ fi"},
		{1, 2, ""},
	}
	var all string
	for _, r := range runs {
		all += r.s
	}
	doc := func() *fpdf.Fpdf {
		f := fpdf.New("P", "pt", "A4", "")
		f.SetCompression(false)
		when := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
		f.SetCreationDate(when)
		f.SetModificationDate(when)
		f.AddUTF8FontFromBytes("f", "", data)
		f.AddPage()
		f.SetFont("f", "", 10)
		f.Text(0, 0, all) // the runes of the subset, as the painter draws a run first with Text
		return f
	}
	viaText, viaAppend := doc(), doc()
	var b []byte
	for _, r := range runs {
		viaText.Text(r.x, r.y, r.s)
		var ok bool
		if b, ok = viaAppend.AppendText(b, r.x, r.y, r.s); !ok {
			t.Fatalf("AppendText declined %q", r.s)
		}
	}
	viaAppend.RawWriteStr(string(b[:len(b)-1]))
	var want, got bytes.Buffer
	if err := viaText.Output(&want); err != nil {
		t.Fatal(err)
	}
	if err := viaAppend.Output(&got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		i := 0
		for i < min(got.Len(), want.Len()) && got.Bytes()[i] == want.Bytes()[i] {
			i++
		}
		t.Errorf("AppendText differs from Text at byte %d: %q, want %q", i, got.Bytes()[i:min(i+60, got.Len())], want.Bytes()[i:min(i+60, want.Len())])
	}

	for _, c := range []struct {
		name string
		set  func(*fpdf.Fpdf)
		s    string
	}{
		{"underline", func(f *fpdf.Fpdf) { f.SetFont("f", "U", 10) }, "a"},
		{"text colour", func(f *fpdf.Fpdf) { f.SetTextColor(255, 0, 0) }, "a"},
		{"core font", func(f *fpdf.Fpdf) { f.SetFont("Helvetica", "", 10) }, "a"},
		{"beyond the BMP", func(*fpdf.Fpdf) {}, "a 😀"},
		{"invalid UTF-8", func(*fpdf.Fpdf) {}, "a \xff"},
		{"invalid UTF-8 after non-ASCII", func(*fpdf.Fpdf) {}, "é \xc3"},
		{"an encoded surrogate", func(*fpdf.Fpdf) {}, "a \xed\xa0\x80"},
	} {
		f := doc()
		c.set(f)
		if b, ok := f.AppendText([]byte("kept"), 1, 2, c.s); ok || string(b) != "kept" {
			t.Errorf("%s: AppendText wrote %q (%v); Text writes otherwise", c.name, b, ok)
		}
	}
}

// TestAppendTextCoordinates: AppendText writes a run's position as %.2f
// does (Text's format) for every kind of coordinate, including halves of
// a hundredth that round to even or away in binary, negative zero,
// coordinates off the page and beyond a million points.
func TestAppendTextCoordinates(t *testing.T) {
	f := fpdf.New("P", "pt", "A4", "")
	f.AddUTF8FontFromBytes("f", "", fonts.Default().Text.Regular.Data)
	f.AddPage()
	f.SetFont("f", "", 10)
	f.Text(0, 0, "a")
	_, h := f.GetPageSize()
	xs := []float64{0, math.Copysign(0, -1), 0.005, 0.015, 0.125, 0.375, 2.675, 1.005, -1.005, -0.001, -0.004, -0.005,
		0.0049999999, 0.00500000001, 123.455, 123.445, 999999.995, 999999.994, 1e6, 1e6 + 0.005, 1e9 + 0.125, -1e7,
		math.Inf(1), math.Inf(-1), math.NaN(), math.SmallestNonzeroFloat64, math.MaxFloat64}
	for k := -20000; k <= 20000; k++ {
		xs = append(xs, float64(k)/1000, float64(k)/200, float64(k)/8+0.005)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		xs = append(xs, (rng.Float64()-0.3)*math.Pow(10, float64(rng.IntN(9))-2))
	}
	for _, x := range xs {
		y := h - x // AppendText writes (h - y): x again, within rounding
		b, ok := f.AppendText(nil, x, y, "a")
		if !ok {
			t.Fatalf("AppendText declined x = %v", x)
		}
		want := fmt.Sprintf("BT %.2f %.2f Td (\x00a) Tj ET\n", x, h-y)
		if string(b) != want {
			t.Fatalf("x = %v (%b): AppendText wrote %q, want %q", x, x, b, want)
		}
	}
}

// TestAddUTF8Fonts: fonts parsed together by AddUTF8Fonts make the PDF
// that AddUTF8FontFromBytes one after the other makes; a font the parser
// cannot read is the document's error, naming it, and not a panic, and
// the fonts before it are registered.
func TestAddUTF8Fonts(t *testing.T) {
	set := fonts.Default()
	faces := []*fonts.Font{set.Text.Regular, set.Text.Italic, set.Text.Bold, set.Mono, set.Display}
	doc := func(add func(*fpdf.Fpdf)) []byte {
		f := fpdf.New("P", "pt", "A4", "")
		when := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
		f.SetCreationDate(when)
		f.SetModificationDate(when)
		f.SetCatalogSort(true)
		add(f)
		f.AddPage()
		for i, ft := range faces {
			f.SetFont(ft.Name, "", 10)
			f.Text(10, float64(20+12*i), "Hamburgefonstiv “ﬁ” — ĩ")
		}
		var b bytes.Buffer
		if err := f.Output(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	one := doc(func(f *fpdf.Fpdf) {
		for _, ft := range faces {
			f.AddUTF8FontFromBytes(ft.Name, "", ft.Data)
		}
	})
	all := doc(func(f *fpdf.Fpdf) {
		var list []fpdf.UTF8Font
		for _, ft := range faces {
			list = append(list, fpdf.UTF8Font{Family: ft.Name, Data: ft.Data})
		}
		list = append(list, list[0]) // registered already: left as it is
		f.AddUTF8Fonts(list)
	})
	if !bytes.Equal(one, all) {
		t.Error("AddUTF8Fonts made another PDF than AddUTF8FontFromBytes one after the other")
	}

	f := fpdf.New("P", "pt", "A4", "")
	f.AddUTF8Fonts([]fpdf.UTF8Font{
		{Family: "good", Data: set.Text.Regular.Data},
		{Family: "cut", Data: []byte("OTTO not really a font at all....")},
		{Family: "after", Data: set.Text.Bold.Data},
	})
	if err := f.Error(); err == nil || !strings.Contains(err.Error(), "cut") {
		t.Errorf("a cut font: error %v, want one naming it", err)
	}
	if f.GetFontDesc("good", "").Ascent == 0 {
		t.Error("the font before the broken one was not registered")
	}
}

// TestPagesDeflatedEarly: a page that SetPage opens again is deflated
// with what is written to it afterwards, and pages whose aliases are
// replaced at the end carry the replacement.
func TestPagesDeflatedEarly(t *testing.T) {
	for _, alias := range []bool{false, true} {
		f := fpdf.New("P", "pt", "A4", "")
		total := "4"
		if alias {
			f.AliasNbPages("{total}")
			total = "{total}"
		}
		for i := range 4 {
			f.AddPage()
			f.RawWriteStr(fmt.Sprintf("%% page %d of %s", i+1, total))
		}
		f.SetPage(2)
		f.RawWriteStr("% page 2 reopened")
		f.SetPage(4)
		var b bytes.Buffer
		if err := f.Output(&b); err != nil {
			t.Fatal(err)
		}
		all := strings.Join(inflatedStreams(t, b.Bytes()), "\n")
		for _, want := range []string{"% page 1 of 4", "% page 2 of 4", "% page 2 reopened", "% page 3 of 4", "% page 4 of 4"} {
			if !strings.Contains(all, want) {
				t.Errorf("alias %v: no page content has %q; the pages are %q", alias, want, all)
			}
		}
	}
}

// inflatedStreams returns the streams of a PDF that inflate.
func inflatedStreams(t *testing.T, pdf []byte) []string {
	var content []string
	rest := pdf
	for {
		i := bytes.Index(rest, []byte("stream\n"))
		if i < 0 {
			return content
		}
		rest = rest[i+len("stream\n"):]
		j := bytes.Index(rest, []byte("\nendstream"))
		if j < 0 {
			t.Fatal("a stream without its end")
		}
		if zr, err := zlib.NewReader(bytes.NewReader(rest[:j])); err == nil {
			if data, err := io.ReadAll(zr); err == nil {
				content = append(content, string(data))
			}
		}
		rest = rest[j+len("\nendstream"):]
	}
}
