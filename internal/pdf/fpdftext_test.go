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

// textPage is a document on a page in the default text face at 10 pt,
// with text drawn at the origin by Text, so that the runes of text are in
// the font's subset.
func textPage(text string) *fpdf.Fpdf {
	f := fpdf.New("P", "pt", "A4", "")
	f.AddUTF8FontFromBytes("f", "", fonts.Default().Text.Regular.Data)
	f.AddPage()
	f.SetFont("f", "", 10)
	f.Text(0, 0, text)
	return f
}

// TestAppendTextCoordinates: AppendText writes a run's position as %.2f
// does (Text's format) for every kind of coordinate, including halves of
// a hundredth that round to even or away in binary, negative zero,
// coordinates off the page and beyond a million points.
func TestAppendTextCoordinates(t *testing.T) {
	f := textPage("a")
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

// TestAppendTextInPlaces: AppendTextIn puts every run at the very point
// AppendText writes for it. The operators it writes are read back with
// the text matrix in exact hundredths (BT starts at the origin, Td moves
// the start of the line), and each run's place and string must be those
// of AppendText's own line; a run AppendText declines is declined,
// leaving the buffer and the object as they were, and one with a
// coordinate beyond a million points gets an object of its own.
func TestAppendTextInPlaces(t *testing.T) {
	f := textPage("ab(")
	type run struct {
		x, y float64
		s    string
	}
	runs := []run{{72, 72, "a"}, {100.125, 72, "b"}, {80.005, 72.005, "("}, {-3, 700.995, "ab"}, {2e6, 10, "a"},
		{10, 10, "b"}, {123.445, 123.455, "a"}, {0.004, -0.004, "b"}}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		runs = append(runs, run{rng.Float64() * 800, rng.Float64() * 1200, "ab"[rng.IntN(2):]})
		if rng.IntN(8) == 0 { // a line's runs share their y
			runs = append(runs, run{rng.Float64() * 800, runs[len(runs)-1].y, "a"})
		}
	}
	var (
		b   []byte
		obj fpdf.TextObject
	)
	var want []string
	for i, r := range runs {
		line, ok := f.AppendText(nil, r.x, r.y, r.s)
		if !ok {
			t.Fatalf("AppendText declined %v", r)
		}
		want = append(want, string(line))
		if b, ok = f.AppendTextIn(b, &obj, r.x, r.y, r.s); !ok {
			t.Fatalf("AppendTextIn declined %v", r)
		}
		if i%97 == 0 {
			b = obj.End(b)
		}
	}
	if kept, ok := f.AppendTextIn(b, &obj, 1, 2, "a 😀"); ok || len(kept) != len(b) {
		t.Errorf("AppendTextIn took a rune beyond the BMP (%v) or changed the buffer", ok)
	}
	b = obj.End(b)

	// read the operators back: each run's absolute place, as AppendText
	// writes it
	var got []string
	var lx, ly int64
	in := false
	for _, ln := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		if ln == "ET" {
			if !in {
				t.Fatal("ET outside a text object")
			}
			in = false
			continue
		}
		whole := strings.HasPrefix(ln, "BT ")
		if whole {
			if in {
				t.Fatalf("BT inside a text object: %q", ln)
			}
			lx, ly = 0, 0
			ln = strings.TrimPrefix(ln, "BT ")
			if strings.HasSuffix(ln, " ET") { // an object of its own
				got = append(got, "BT "+ln+"\n")
				continue
			}
			in = true
		} else if !in {
			t.Fatalf("a move outside a text object: %q", ln)
		}
		var dx, dy, rest string
		if _, err := fmt.Sscanf(ln, "%s %s Td %s", &dx, &dy, &rest); err != nil {
			t.Fatalf("%q: %v", ln, err)
		}
		lx += hundredthsOf(t, dx)
		ly += hundredthsOf(t, dy)
		str := ln[strings.Index(ln, " Td ")+len(" Td "):]
		got = append(got, fmt.Sprintf("BT %s %s Td %s ET\n", fixed2(lx), fixed2(ly), str))
	}
	if len(got) != len(want) {
		t.Fatalf("%d runs read back, want %d", len(got), len(want))
	}
	for i := range want {
		// -0.00 is the same place as 0.00
		if w := strings.ReplaceAll(want[i], "-0.00 ", "0.00 "); got[i] != w {
			t.Fatalf("run %d (%v): placed as %q, AppendText writes %q", i, runs[i], got[i], want[i])
		}
	}
	if !strings.Contains(string(b), "\n-") || !strings.Contains(string(b), " 0 Td") {
		t.Error("no relative moves back or along a line: the test does not test them")
	}
}

// hundredthsOf reads a number with at most two decimals as hundredths.
func hundredthsOf(t *testing.T, s string) int64 {
	t.Helper()
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	frac = (frac + "00")[:2]
	var n int64
	if _, err := fmt.Sscanf(whole+frac, "%d", &n); err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	if neg {
		n = -n
	}
	return n
}

// fixed2 writes hundredths as %.2f writes the number.
func fixed2(n int64) string {
	sign := ""
	if n < 0 {
		sign, n = "-", -n
	}
	return fmt.Sprintf("%s%d.%02d", sign, n/100, n%100)
}
