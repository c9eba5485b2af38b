package fonts

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"
	"github.com/redtide/edition/fonts/otmath"
	"github.com/redtide/edition/internal/testenv"
)

// mathGlyph is a glyph of the math face drawn by glyph id, found either by
// code point (any plane) or by its post name, with the text it stands for.
type mathGlyph struct {
	r    rune
	name string
	text string
}

// mathGlyphs are drawn, in this order, by TestGlyphTextPDF: a math italic
// letter beyond the BMP, a BMP rune through the ordinary path, the display
// summation variant and the top piece of a bracket assembly (no code
// points), and the x again (its CID is reused).
var mathGlyphs = []mathGlyph{
	{r: 0x1D465, text: "𝑥"},
	{r: '=', text: "="},
	{name: "uni2211.s1", text: "∑"},
	{name: "uni23A1", text: "["},
	{r: 0x1D465, text: "𝑥"},
}

// writeMathPDF draws mathGlyphs with fpdf's GlyphText, then a line of
// ordinary text in the same face, and writes the PDF to dir.
func writeMathPDF(t *testing.T, dir string) string {
	t.Helper()
	mf, err := otmath.Parse(MathData())
	if err != nil {
		t.Fatal(err)
	}
	pdf := fpdf.New("P", "pt", "A5", "")
	pdf.SetCompression(false)
	pdf.AddUTF8FontFromBytes(MathName, "", MathData())
	pdf.SetFont(MathName, "", 20)
	pdf.AddPage()
	x := 50.0
	for _, g := range mathGlyphs {
		gid, ok := mf.Glyph(g.r)
		if g.name != "" {
			gid, ok = mf.GlyphByName(g.name)
		}
		if !ok {
			t.Fatalf("no glyph for %+v", g)
		}
		pdf.GlyphText(x, 100, int(gid), g.text)
		x += float64(mf.Advance(gid))*20/1000 + 10
	}
	pdf.Text(50, 160, "ab")
	out := filepath.Join(dir, "math.pdf")
	if err := pdf.OutputFileAndClose(out); err != nil {
		t.Fatal(err)
	}
	return out
}

func run(t *testing.T, argv []string, args ...string) string {
	t.Helper()
	out, err := exec.Command(argv[0], append(argv[1:], args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", argv[0], strings.Join(args, " "), err, out)
	}
	return string(out)
}

// TestGlyphTextPDF checks fpdf's GlyphText patch from outside: the
// extracted text gives back each glyph's character, the face is an
// embedded Unicode subset, and qpdf finds the file sound.
func TestGlyphTextPDF(t *testing.T) {
	pdftotext := testenv.Tool(t, "pdftotext")
	pdffonts := testenv.Tool(t, "pdffonts")
	qpdf := testenv.Tool(t, "qpdf")
	file := writeMathPDF(t, t.TempDir())

	text := strings.Join(strings.Fields(run(t, pdftotext, "-enc", "UTF-8", file, "-")), "")
	if want := "𝑥=∑[𝑥ab"; text != want {
		t.Errorf("pdftotext = %q, want %q", text, want)
	}
	fonts := run(t, pdffonts, file)
	var line string
	for _, l := range strings.Split(fonts, "\n") {
		if strings.Contains(l, "+"+MathName) {
			line = l
		}
	}
	// name, type (2 words), encoding, then emb sub uni: yes yes yes.
	if f := strings.Fields(line); len(f) < 7 || f[1] != "CID" || f[4] != "yes" || f[5] != "yes" || f[6] != "yes" {
		t.Errorf("pdffonts: want %s embedded as a subset with ToUnicode, got\n%s", MathName, fonts)
	}
	if out := run(t, qpdf, "--check", file); !strings.Contains(out, "No syntax or stream encoding errors") || strings.Contains(out, "WARNING") {
		t.Errorf("qpdf --check:\n%s", out)
	}
}

// TestGlyphTextErrors checks that GlyphText reports what it cannot draw
// as the document's error rather than drawing something else.
func TestGlyphTextErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		draw func(pdf *fpdf.Fpdf)
		want string
	}{
		{"core font", func(pdf *fpdf.Fpdf) {
			pdf.SetFont("Helvetica", "", 10)
			pdf.GlyphText(10, 10, 3, "x")
		}, "not a UTF-8 TrueType font"},
		{"no such glyph", func(pdf *fpdf.Fpdf) { pdf.GlyphText(10, 10, 6760, "x") }, "no glyph 6760 (the font has 6760)"},
		{"glyph 0", func(pdf *fpdf.Fpdf) { pdf.GlyphText(10, 10, 0, "x") }, "no glyph 0"},
		{"no text", func(pdf *fpdf.Fpdf) { pdf.GlyphText(10, 10, 1647, "") }, "not valid UTF-8"},
		{"full", func(pdf *fpdf.Fpdf) {
			for gid := 1; gid <= 2050; gid++ { // one of them is '?' itself
				pdf.GlyphText(10, 10, gid, "?")
			}
		}, "more than 2048 glyphs"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pdf := fpdf.New("P", "pt", "A5", "")
			pdf.AddUTF8FontFromBytes(MathName, "", MathData())
			pdf.SetFont(MathName, "", 10)
			pdf.AddPage()
			tc.draw(pdf)
			if err := pdf.Error(); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// TestGlyphTextCIDs checks the CIDs GlyphText picks, through the content
// stream and the ToUnicode CMap: a rune the cmap maps to the glyph keeps
// its code point; the same glyph and text share a CID; the same glyph with
// another text takes another; and a font never drawn by glyph id keeps fpdf's CMap.
func TestGlyphTextCIDs(t *testing.T) {
	mf, err := otmath.Parse(MathData())
	if err != nil {
		t.Fatal(err)
	}
	equal, _ := mf.Glyph('=')
	sum1, _ := mf.GlyphByName("uni2211.s1")
	pdf := fpdf.New("P", "pt", "A5", "")
	pdf.SetCompression(false)
	pdf.AddUTF8FontFromBytes(MathName, "", MathData())
	pdf.AddUTF8FontFromBytes("plain", "", MathData())
	pdf.AddPage()
	pdf.SetFont("plain", "", 10)
	pdf.Text(10, 10, "=")
	pdf.SetFont(MathName, "", 10)
	pdf.GlyphText(10, 20, int(equal), "=")
	pdf.GlyphText(10, 30, int(sum1), "∑")
	pdf.GlyphText(10, 40, int(sum1), "∑")
	pdf.GlyphText(10, 50, int(sum1), "⅀")
	var buf strings.Builder
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"Td (\x00=) Tj", "Td (\xd8\x00) Tj", "Td (\xd8\x01) Tj",
		"2 beginbfchar\n<D800> <2211>\n<D801> <2140>\nendbfchar",
		"<0000> <FFFF> <0000>", // the plain font's CMap, as fpdf writes it
	} {
		if !strings.Contains(out, want) {
			t.Errorf("PDF lacks %q", want)
		}
	}
	if n := strings.Count(out, "Td (\xd8\x00) Tj"); n != 2 {
		t.Errorf("the display ∑ drawn %d times with CID D800, want 2", n)
	}
}
