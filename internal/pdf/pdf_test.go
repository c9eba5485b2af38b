package pdf

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/testenv"
	"github.com/redtide/edition/layout"
	"github.com/redtide/edition/layout/layouttest"
)

// needTool returns the path of an external tool; see testenv.Tool.
func needTool(t *testing.T, name string) string {
	t.Helper()
	return testenv.Tool(t, name)[0]
}

func build(t testing.TB, ed *model.Edition, cfg layout.Config) []byte {
	t.Helper()
	fs := fonts.Default()
	d, err := layout.Layout(ed, fs, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	meta := Meta{Title: ed.Publication, Author: strings.Join(ed.Editors, ", "), Subject: ed.Title, Keywords: []string{"news"}, Date: ed.Date}
	if err := Write(&b, d, fs, meta); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func writeTemp(t *testing.T, name string, b []byte) string {
	t.Helper()
	dir := t.TempDir()
	if d := os.Getenv("EDITION_PDF_DIR"); d != "" {
		dir = d
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func configs() map[string]layout.Config {
	two := layout.DefaultConfig()
	one := layout.DefaultConfig()
	one.TrimWidth, one.TrimHeight, _ = layout.ParseTrim("A5")
	one.Columns = 1
	one.MarginInner, one.MarginOuter, one.MarginTop, one.MarginBottom = 16*layout.Mm, 13*layout.Mm, 17*layout.Mm, 15*layout.Mm
	one.BodySize, one.BodyLeading = 10*layout.Pt, 13*layout.Pt
	bleed := layout.DefaultConfig()
	bleed.TrimWidth, bleed.TrimHeight, _ = layout.ParseTrim("A4")
	bleed.Bleed = 3 * layout.Mm
	bleed.CropMarks = true
	bleed.PadToMultiple = 4
	pdfx := bleed
	pdfx.Press = layout.Press{Imprint: true, PDFX: true}
	gray := one
	gray.CropMarks = true
	gray.Press = layout.Press{Imprint: true, Grayscale: true}
	return map[string]layout.Config{"two": two, "one": one, "bleed": bleed, "pdfx": pdfx, "gray": gray}
}

func TestWriteReproducible(t *testing.T) {
	for name, cfg := range configs() {
		a := build(t, layouttest.Small(), cfg)
		b := build(t, layouttest.Small(), cfg)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two builds differ (%d and %d bytes)", name, len(a), len(b))
		}
		writeTemp(t, "small-"+name+".pdf", a)
	}
}

func TestQpdfCheck(t *testing.T) {
	qpdf := needTool(t, "qpdf")
	for name, cfg := range configs() {
		p := writeTemp(t, "check-"+name+".pdf", build(t, layouttest.Small(), cfg))
		out, err := exec.Command(qpdf, "--check", p).CombinedOutput()
		// exit status 2 means errors, 3 warnings
		if err != nil || bytes.Contains(out, []byte("WARNING")) || bytes.Contains(out, []byte("ERROR")) {
			t.Errorf("%s: qpdf --check: %v\n%s", name, err, out)
		}
	}
}

func TestFontsEmbedded(t *testing.T) {
	pdffonts := needTool(t, "pdffonts")
	p := writeTemp(t, "fonts.pdf", build(t, layouttest.Small(), layout.DefaultConfig()))
	out, err := exec.Command(pdffonts, p).CombinedOutput()
	if err != nil {
		t.Fatalf("pdffonts: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no fonts:\n%s", out)
	}
	n := 0
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		// name type... emb sub uni object ID
		if len(f) < 7 {
			t.Errorf("odd pdffonts line %q", l)
			continue
		}
		emb, sub := f[len(f)-5], f[len(f)-4]
		if emb != "yes" || sub != "yes" {
			t.Errorf("font not embedded and subset: %q", l)
		}
		n++
	}
	if n < 5 {
		t.Errorf("only %d fonts used, want the text faces, display and mono:\n%s", n, out)
	}
}

// words returns the words of s: letters and digits only.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func inlineText(inl []model.Inline, b *strings.Builder) {
	for _, in := range inl {
		switch in := in.(type) {
		case *model.Text:
			b.WriteString(in.Text)
		case *model.Code:
			b.WriteString(in.Text)
		case *model.Emph:
			inlineText(in.Inlines, b)
		case *model.Strong:
			inlineText(in.Inlines, b)
		case *model.Strike:
			inlineText(in.Inlines, b)
		case *model.Link:
			inlineText(in.Inlines, b)
		case *model.Sup:
			inlineText(in.Inlines, b)
		case *model.Sub:
			inlineText(in.Inlines, b)
		case *model.LineBreak:
			b.WriteByte(' ')
		}
		b.WriteByte(' ')
	}
}

func blockText(bs []model.Block, b *strings.Builder) {
	for _, bl := range bs {
		switch bl := bl.(type) {
		case *model.Paragraph:
			inlineText(bl.Inlines, b)
		case *model.Heading:
			inlineText(bl.Inlines, b)
		case *model.Quote:
			blockText(bl.Blocks, b)
		case *model.List:
			for _, it := range bl.Items {
				blockText(it.Blocks, b)
			}
		case *model.CodeBlock:
			b.WriteString(bl.Text)
		case *model.Table:
			for _, c := range bl.Header {
				inlineText(c.Inlines, b)
			}
			for _, r := range bl.Rows {
				for _, c := range r {
					inlineText(c.Inlines, b)
				}
			}
		case *model.Figure:
			inlineText(bl.Caption, b)
		}
		b.WriteByte('\n')
	}
}

// EditionWords lists every word of the edition's articles.
func editionWords(ed *model.Edition) []string {
	var b strings.Builder
	for _, s := range ed.Sections {
		for _, a := range s.Articles {
			b.WriteString(a.Title + " " + a.Subtitle + " ")
			blockText(a.Blocks, &b)
			for _, n := range a.Notes {
				blockText(n.Blocks, &b)
			}
			if a.Bibliography != nil {
				for _, e := range a.Bibliography.Entries {
					inlineText(e.Inlines, &b)
				}
			}
		}
	}
	return words(b.String())
}

var hyphenEOL = regexp.MustCompile(`(\p{L})-\n\s*(\p{L})`)

func TestTextComplete(t *testing.T) {
	pdftotext := needTool(t, "pdftotext")
	for name, cfg := range configs() {
		for _, ed := range []*model.Edition{layouttest.Small(), layouttest.Big(3000, 7)} {
			p := writeTemp(t, "text-"+name+".pdf", build(t, ed, cfg))
			out, err := exec.Command(pdftotext, "-raw", "-enc", "UTF-8", p, "-").CombinedOutput()
			if err != nil {
				t.Fatalf("pdftotext: %v\n%s", err, out)
			}
			text := hyphenEOL.ReplaceAllString(string(out), "$1$2")
			// break points inside URLs and code wrap lines without hyphens
			have := map[string]int{}
			for _, w := range words(text) {
				have[w]++
			}
			joined := strings.Join(words(text), "")
			for _, w := range editionWords(ed) {
				if have[w] == 0 && !strings.Contains(joined, w) {
					t.Errorf("%s: word %q missing from the PDF text", name, w)
				}
			}
		}
	}
}

func TestBadFont(t *testing.T) {
	d, err := layout.Layout(layouttest.Small(), fonts.Default(), layout.DefaultConfig(), nil)
	if err != nil {
		t.Fatal(err)
	}
	fs := *fonts.Default()
	mono := *fs.Mono
	mono.Data = []byte("OTTO not really a font at all....")
	fs.Mono = &mono
	var b bytes.Buffer
	if err := Write(&b, d, &fs, Meta{Date: time.Unix(0, 0)}); err == nil {
		t.Fatal("Write accepted a broken font")
	}
}

// failOnce takes n bytes, then fails once, and takes what comes after.
type failOnce struct {
	bytes.Buffer
	n      int
	failed bool
}

var errDiskFull = errors.New("disk full")

func (w *failOnce) Write(p []byte) (int, error) {
	if room := w.n - w.Len(); !w.failed && len(p) > room {
		w.failed = true
		w.Buffer.Write(p[:room])
		return room, errDiskFull
	}
	return w.Buffer.Write(p)
}

// TestWriteError: the PDF is written on w as it is made; an error of w,
// at the start, in the middle or at the last byte, is Write's error
// (not a panic, nor a file cut short without one), and nothing more is
// written after it.
func TestWriteError(t *testing.T) {
	cfg := configs()["pdfx"] // with a file identifier, hashed as written
	d, err := layout.Layout(layouttest.Small(), fonts.Default(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	meta := Meta{Date: layouttest.Small().Date}
	var whole bytes.Buffer
	if err := Write(&whole, d, fonts.Default(), meta); err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{0, whole.Len() / 2, whole.Len() - 1} {
		w := &failOnce{n: n}
		err := Write(w, d, fonts.Default(), meta)
		if !errors.Is(err, errDiskFull) {
			t.Errorf("writer failing after %d of %d bytes: Write returned %v", n, whole.Len(), err)
		}
		if !bytes.Equal(w.Bytes(), whole.Bytes()[:n]) {
			t.Errorf("writer failing after %d bytes took %d other bytes", n, w.Len())
		}
	}
}

// TestWriteErrorWhilePainting: the pages' contents go out while the
// document is painted, so an error of w stops the Writer at the page
// being painted, long before the end (the build stops there), and is
// returned again by every call after it.
func TestWriteErrorWhilePainting(t *testing.T) {
	d, err := layout.Layout(layouttest.Big(40000, 1), fonts.Default(), layout.DefaultConfig(), nil)
	if err != nil {
		t.Fatal(err)
	}
	meta := Meta{Date: layouttest.Big(1, 1).Date}
	var whole bytes.Buffer
	if err := Write(&whole, d, fonts.Default(), meta); err != nil {
		t.Fatal(err)
	}
	if whole.Len() < 400<<10 {
		t.Fatalf("the file has %d bytes (%d pages), too few", whole.Len(), len(d.Pages))
	}
	marked := map[int]bool{}
	for _, b := range d.Outline {
		marked[b.Page] = true
	}
	for _, n := range []int{0, 1000, whole.Len() / 3} {
		w := &failOnce{n: n}
		pw, err := NewWriter(w, d, fonts.Default(), meta)
		if err != nil {
			t.Fatal(err)
		}
		at := -1
		for i, pg := range d.Pages {
			if err := pw.Page(layout.StreamPage{Page: pg, Bookmarked: marked[pg.Index]}); err != nil {
				if !errors.Is(err, errDiskFull) {
					t.Errorf("writer failing after %d bytes: page %d returned %v", n, i+1, err)
				}
				at = i
				break
			}
		}
		if at < 0 || at > len(d.Pages)*2/3 {
			t.Errorf("writer failing after %d of %d bytes: the error came at page %d of %d", n, whole.Len(), at+1, len(d.Pages))
		}
		if err := pw.Close(d.Outline); !errors.Is(err, errDiskFull) {
			t.Errorf("writer failing after %d bytes: Close returned %v", n, err)
		}
		if !bytes.Equal(w.Bytes(), whole.Bytes()[:n]) {
			t.Errorf("writer failing after %d bytes took %d other bytes", n, w.Len())
		}
	}
}

func BenchmarkWritePDF(b *testing.B) {
	ed := layouttest.Big(10000, 1)
	fs := fonts.Default()
	d, err := layout.Layout(ed, fs, layout.DefaultConfig(), nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		var buf bytes.Buffer
		if err := Write(&buf, d, fs, Meta{Date: ed.Date}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestMetaFor(t *testing.T) {
	m := MetaFor(layouttest.Small())
	if m.Title != "The Red Tide — November Issue (Vol. 3, No. 12)" || m.Author != "E. Editor" || m.Date.IsZero() {
		t.Errorf("MetaFor = %+v", m)
	}
}

func TestOddEdition(t *testing.T) {
	for name, cfg := range configs() {
		b := build(t, layouttest.Odd(), cfg)
		if !bytes.HasPrefix(b, []byte("%PDF-")) {
			t.Errorf("%s: not a PDF", name)
		}
		if qpdf, err := exec.LookPath("qpdf"); err == nil {
			p := writeTemp(t, "odd-"+name+".pdf", b)
			if out, err := exec.Command(qpdf, "--check", p).CombinedOutput(); err != nil {
				t.Errorf("%s: qpdf --check: %v\n%s", name, err, out)
			}
		}
	}
}

// TestPlainPNG checks which PNGs are embedded as they are.
func TestPlainPNG(t *testing.T) {
	enc := func(m image.Image) []byte {
		var b bytes.Buffer
		if err := png.Encode(&b, m); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	r := image.Rect(0, 0, 7, 5)
	rgb := image.NewRGBA(r)
	for i := range rgb.Pix {
		rgb.Pix[i] = byte(i*7) | 3
		if i%4 == 3 {
			rgb.Pix[i] = 255
		}
	}
	translucent := image.NewNRGBA(r)
	translucent.Pix[3] = 128
	pal := image.NewPaletted(r, color.Palette{color.Black, color.White})
	plain := enc(rgb)
	// the image data cut short, the chunk structure kept valid
	var truncated []byte
	if i := bytes.Index(plain, []byte("IDAT")); i > 0 {
		n := int(binary.BigEndian.Uint32(plain[i-4:]))
		truncated = append(append(append([]byte{}, plain[:i-4]...), 0, 0, 0, byte(n/2)), plain[i:i+4+n/2]...)
		truncated = append(append(truncated, 0, 0, 0, 0), plain[i+4+n+4:]...)
	}
	for _, tc := range []struct {
		name string
		data []byte
		want bool
	}{
		{"rgb", plain, true},
		{"gray", enc(image.NewGray(r)), true},
		{"alpha", enc(translucent), false},
		{"paletted", enc(pal), false},
		{"16-bit", enc(image.NewGray16(r)), false},
		{"truncated data", truncated, false},
		{"not png", []byte("GIF89a"), false},
	} {
		if _, got := plainPNG(tc.data); got != tc.want {
			t.Errorf("%s: plainPNG = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestFallbackFont: the fallback face is embedded when a run uses it, and
// only then, and the runes it draws are in the text; builds stay identical.
func TestFallbackFont(t *testing.T) {
	pdffonts := needTool(t, "pdffonts")
	pdftotext := needTool(t, "pdftotext")
	T, P := layouttest.T, layouttest.P
	ed := func(text string) *model.Edition {
		return &model.Edition{Publication: "Fallback", Language: "en", Date: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), Sections: []*model.Section{{Articles: []*model.Article{{
			ID: "a", Source: "a.md", Title: "Symbols", Language: "en",
			Blocks: []model.Block{P(T(text))},
		}}}}}
	}
	for _, tt := range []struct {
		text     string
		fallback bool
	}{
		{"Data ⇆ labour ★ sums ∑ in the text.", true},
		{"Data and labour, sums ∑ in the text.", false},
	} {
		b := build(t, ed(tt.text), layout.DefaultConfig())
		if again := build(t, ed(tt.text), layout.DefaultConfig()); !bytes.Equal(b, again) {
			t.Errorf("%q: two builds differ", tt.text)
		}
		p := writeTemp(t, "fallback.pdf", b)
		out, err := exec.Command(pdffonts, p).CombinedOutput()
		if err != nil {
			t.Fatalf("pdffonts: %v\n%s", err, out)
		}
		if got := strings.Contains(string(out), "DejaVuSans"); got != tt.fallback {
			t.Errorf("%q: DejaVuSans embedded %v, want %v:\n%s", tt.text, got, tt.fallback, out)
		}
		for _, l := range strings.Split(string(out), "\n") {
			if strings.Contains(l, "DejaVuSans") && !regexp.MustCompile(`yes\s+yes\s+yes`).MatchString(l) {
				t.Errorf("fallback not embedded, subset, with a ToUnicode map: %q", l)
			}
		}
		txt, err := exec.Command(pdftotext, "-enc", "UTF-8", p, "-").CombinedOutput()
		if err != nil {
			t.Fatalf("pdftotext: %v\n%s", err, txt)
		}
		if s := strings.Join(strings.Fields(string(txt)), " "); !strings.Contains(s, tt.text) {
			t.Errorf("pdftotext: %q not in %q", tt.text, s)
		}
	}
}
