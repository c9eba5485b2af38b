package fpdf

import (
	"bytes"
	"crypto/sha1"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"testing"
	"time"
)

// TestFontID: generateFontID, which hashes the widths without
// json.Marshal, gives the hash of json.Marshal of the whole definition, as
// fpdf computed it (the font names in every PDF depend on it). Run with
// go test in this folder: go test ./... at the top does not run it.
func TestFontID(t *testing.T) {
	for _, name := range []string{"DejaVuSans.ttf", "LiberationSerif-Regular.ttf", "LiberationMono-Regular.ttf", "STIXTwoMath-Regular.ttf"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "fonts", name))
		if err != nil {
			t.Fatal(err)
		}
		f := New("P", "pt", "A4", "")
		def, err := f.utf8FontDef("x", "", data)
		if err != nil {
			t.Fatal(err)
		}
		fdt := def
		fdt.File = ""
		b, _ := json.Marshal(&fdt)
		want := fmt.Sprintf("%x", sha1.Sum(b))
		if def.i != want {
			t.Errorf("%s: %s want %s", name, def.i, want)
		}
	}
	long := make([]int, 3000) // widths of every length, through the hash's buffer
	for i := range long {
		long[i] = []int{math.MinInt64, 0, 12345, -1, math.MaxInt64}[i%5]
	}
	for _, cw := range [][]int{nil, {}, {1}, {-3, 0, 7}, long, long[:1024], long[:2048], long[:1025]} {
		fdt := fontDefType{Tp: "UTF8", Name: `a"Cw":null`, Cw: cw}
		got, _ := generateFontID(fdt)
		b, _ := json.Marshal(&fdt)
		if want := fmt.Sprintf("%x", sha1.Sum(b)); got != want {
			t.Errorf("%v: %s want %s", cw, got, want)
		}
	}
}

// TestFileID checks the trailer's /ID: the fileSum of the bytes before
// it (the file up to the trailer's /Info entry), the same whether Output gathers the file or spills it
// (SpillOutput, which hashes it as it goes), and different for a
// document that differs in one character.
func TestFileID(t *testing.T) {
	doc := func(text string, spill bool) []byte {
		f := New("P", "mm", "A4", "")
		f.SetFileID()
		f.SpillOutput(spill)
		f.SetCompression(false) // so that the file is large enough to spill
		// a fixed date: New takes the time of the run
		when := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
		f.SetCreationDate(when)
		f.SetModificationDate(when)
		f.SetFont("Helvetica", "", 12)
		for i := 0; i < 800; i++ { // more than twice spillSize of content
			f.AddPage()
			for j := 0; j < 60; j++ {
				f.Text(10, float64(10+4*j), fmt.Sprintf("%s %d %d %x", text, i, j, i*j*7919))
			}
		}
		var b bytes.Buffer
		if err := f.Output(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	id := regexp.MustCompile(`/ID \[<([0-9a-f]{32})> <([0-9a-f]{32})>\]`)
	idOf := func(b []byte) string {
		m := id.FindSubmatch(b)
		if m == nil || string(m[1]) != string(m[2]) {
			t.Fatalf("no /ID of two equal identifiers in the trailer")
		}
		return string(m[1])
	}
	whole, spilled := doc("abc", false), doc("abc", true)
	if len(whole) < 2*spillSize {
		t.Fatalf("the document has %d bytes; too few to spill", len(whole))
	}
	if !bytes.Equal(whole, spilled) {
		t.Errorf("spilled output differs from gathered output")
	}
	end := bytes.LastIndex(whole, []byte("/ID ["))
	var s fileSum
	s.write(whole[:end])
	if got, want := idOf(whole), fmt.Sprintf("%x", s.sum()); got != want {
		t.Errorf("/ID %s, want the fileSum of the bytes before it, %s", got, want)
	}
	if want := fmt.Sprintf("%08x%08x%016x", crc32.ChecksumIEEE(whole[:end]), crc32.Checksum(whole[:end], crc32.MakeTable(crc32.Castagnoli)), end); idOf(whole) != want {
		t.Errorf("/ID %s, want %s", idOf(whole), want)
	}
	if idOf(doc("abd", false)) == idOf(whole) {
		t.Errorf("documents differing in one character have the same /ID")
	}
}

// spillDoc is a document for the SpillOutput tests: pages of small
// objects, then a page whose content stream (not compressed) is larger
// than the buffer, then small ones again, with a file identifier.
func spillDoc() *Fpdf {
	f := New("P", "mm", "A4", "")
	f.SetFileID()
	f.SetCompression(false)
	when := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	f.SetCreationDate(when)
	f.SetModificationDate(when)
	f.SetFont("Helvetica", "", 12)
	for i := 0; i < 120; i++ {
		f.AddPage()
		lines := 20
		if i == 60 {
			lines = 3 * spillSize / 30 // about 3 buffers
		}
		for j := 0; j < lines; j++ {
			f.Text(10, float64(10+j%70*4), fmt.Sprintf("line %d %d", i, j))
		}
	}
	return f
}

// failWriter takes n bytes, then fails with err; when err is nil, it
// writes short once, without an error, and then takes what comes.
type failWriter struct {
	bytes.Buffer
	n     int
	err   error
	short bool // it has written short
}

func (w *failWriter) Write(p []byte) (int, error) {
	if room := w.n - w.Len(); !w.short && len(p) > room {
		w.short = w.err == nil
		w.Buffer.Write(p[:max(room, 0)])
		return max(room, 0), w.err
	}
	return w.Buffer.Write(p)
}

// TestSpillOutput: with SpillOutput the file is the one Output gathers
// without it, written through a buffer that never grows beyond its size
// (the big stream goes out as it is), and an error of the writer, or a
// short write, is Output's error, with what the writer took a prefix of
// the file.
func TestSpillOutput(t *testing.T) {
	var whole bytes.Buffer
	if err := spillDoc().Output(&whole); err != nil {
		t.Fatal(err)
	}
	if whole.Len() < 4*spillSize {
		t.Fatalf("the document has %d bytes; too few to spill", whole.Len())
	}
	f := spillDoc()
	f.SpillOutput(true)
	var spilled bytes.Buffer
	if err := f.Output(&spilled); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(whole.Bytes(), spilled.Bytes()) {
		t.Errorf("spilled output (%d bytes) differs from gathered output (%d bytes)", spilled.Len(), whole.Len())
	}
	if c := f.buffer.Cap(); c > spillSize {
		t.Errorf("the buffer grew to %d bytes; spillSize is %d", c, spillSize)
	}
	broken := errors.New("disk full")
	for _, n := range []int{0, 1, spillSize - 1, spillSize, whole.Len() / 2, whole.Len() - 1} {
		for _, werr := range []error{broken, nil} {
			f := spillDoc()
			f.SpillOutput(true)
			w := &failWriter{n: n, err: werr}
			want := werr
			if want == nil {
				want = io.ErrShortWrite
			}
			if err := f.Output(w); !errors.Is(err, want) {
				t.Errorf("writer failing after %d bytes (%v): Output returned %v", n, werr, err)
			}
			if !bytes.HasPrefix(whole.Bytes(), w.Bytes()) {
				t.Errorf("writer failing after %d bytes: it got other bytes than the file's", n)
			}
		}
	}
}

// annotsFmt is the /Annots line of page n as fpdf's putpages wrote it.
func annotsFmt(f *Fpdf, n int, hPt float64) string {
	var annots fmtBuffer
	annots.printf("/Annots [")
	for _, pl := range f.pageLinks[n] {
		annots.printf("<</Type /Annot /Subtype /Link /Rect [%.2f %.2f %.2f %.2f] /Border [0 0 0] ",
			pl.x, pl.y, pl.x+pl.wd, pl.y-pl.ht)
		if pl.link == 0 {
			annots.printf("/A <</S /URI /URI %s>>>>", f.textstring(pl.linkStr))
		} else {
			l := f.links[pl.link]
			var sz SizeType
			var h float64
			sz, ok := f.pageSizes[l.page]
			if ok {
				h = sz.Ht
			} else {
				h = hPt
			}
			annots.printf("/Dest [%d 0 R /XYZ 0 %.2f null]>>", 1+2*l.page, h-l.y*f.k)
		}
	}
	f.putAttachmentAnnotationLinks(&annots, n)
	annots.printf("]")
	return annots.String() + "\n"
}

// TestPutAnnots: putAnnots writes the line fpdf's printf calls wrote,
// for internal links to pages of either size and external ones, at
// coordinates of all kinds (negative, on a half hundredth, beyond a
// million points), with and without an attachment.
func TestPutAnnots(t *testing.T) {
	f := New("P", "pt", "A4", "")
	f.AddPage()
	f.AddPageFormat("L", SizeType{Wd: 300.125, Ht: 500.375})
	f.AddPage()
	xs := []float64{0, -0.004, 1.005, 2.675, 72.125, -13.5, 1e7 + 0.125, 595.2756, 841.89}
	for i := 0; i < 60; i++ {
		x, y, w, h := xs[i%len(xs)], xs[(i+3)%len(xs)], xs[(i+5)%len(xs)], xs[(i+7)%len(xs)]
		if i%3 == 0 {
			f.LinkString(x, y, w, h, fmt.Sprintf("https://example.org/(%d)\\é?q=%d", i, i*i))
			continue
		}
		l := f.AddLink()
		f.SetLink(l, xs[(i+1)%len(xs)], 1+i%3)
		f.Link(x, y, w, h, l)
	}
	// on the last page only
	f.AddAttachmentAnnotation(&Attachment{Content: []byte("a"), Filename: "a.txt", Description: "an (attachment)"}, 1, 2, 3, 4)
	f.state = 3 // writing the file
	for n := 1; n <= 3; n++ {
		f.buffer.Reset()
		f.putAnnots(n, 841.89)
		if want := annotsFmt(f, n, 841.89); f.buffer.String() != want {
			t.Errorf("page %d:\n got %q\nwant %q", n, f.buffer.String(), want)
		}
	}
}

// TestCutFontsMaps: each font's CIDToGIDMap, made by cutFonts in one
// buffer for all the fonts of a goroutine, is that font's map alone,
// with nothing left of the font before it.
func TestCutFontsMaps(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1)) // one goroutine for all fonts
	f := New("P", "pt", "A4", "")
	texts := []string{"Ωmega ∑ — “quoted” abcdefghijklmnopqrstuvwxyz", "xyz", "q"}
	var keys []string
	for i, name := range []string{"DejaVuSans.ttf", "LiberationSerif-Regular.ttf", "LiberationMono-Regular.ttf"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "fonts", name))
		if err != nil {
			t.Fatal(err)
		}
		f.AddUTF8FontFromBytes(fmt.Sprint("f", i), "", data)
		keys = append(keys, getFontKey(fmt.Sprint("f", i), ""))
	}
	f.AddPage()
	for i, s := range texts {
		f.SetFont(fmt.Sprint("f", i), "", 12)
		f.Text(10, float64(10+10*i), s)
	}
	if err := f.Error(); err != nil {
		t.Fatal(err)
	}
	cut := f.cutFonts(keys)
	for i, key := range keys {
		mem, err := xmem.uncompress(cut[key].cidToGID.bytes())
		if err != nil {
			t.Fatal(err)
		}
		want := make([]byte, 256*256*2)
		for cc, glyph := range f.fonts[key].utf8File.CodeSymbolDictionary {
			want[cc*2], want[cc*2+1] = byte(glyph>>8), byte(glyph)
		}
		if !bytes.Equal(mem.bytes(), want) {
			t.Errorf("font %d (%q): its CIDToGIDMap is not its own", i, texts[i])
		}
	}
}

// TestHeldBytes: an image read through HeldBytes gives the file an image
// read through a bytes.Reader gives, fpdf keeps its bytes as they are
// (a JPEG's, not a copy), and encrypting the file does not change them.
func TestHeldBytes(t *testing.T) {
	m := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for i := range m.Pix {
		m.Pix[i] = byte(i * 7)
	}
	var jb, pb bytes.Buffer
	if err := jpeg.Encode(&jb, m, nil); err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(&pb, m); err != nil {
		t.Fatal(err)
	}
	jpg, pngData := jb.Bytes(), pb.Bytes()
	keep := bytes.Clone(jpg)
	doc := func(held, protect bool) []byte {
		reader := func(b []byte) io.Reader { return bytes.NewReader(b) }
		if held {
			reader = HeldBytes
		}
		f := New("P", "pt", "A4", "")
		f.SetCatalogSort(true) // else the images come in map order
		when := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
		f.SetCreationDate(when)
		f.SetModificationDate(when)
		if protect {
			f.SetProtection(0, "u", "o")
		}
		f.AddPage()
		f.RegisterImageOptionsReader("j", ImageOptions{ImageType: "JPG"}, reader(jpg))
		f.RegisterImageOptionsReader("p", ImageOptions{ImageType: "PNG"}, reader(pngData))
		f.ImageOptions("j", 10, 10, 40, 30, false, ImageOptions{}, 0, "")
		f.ImageOptions("p", 60, 10, 40, 30, false, ImageOptions{}, 0, "")
		if err := f.Error(); err != nil {
			t.Fatal(err)
		}
		if data := f.GetImageInfo("j").data; held && &data[0] != &jpg[0] {
			t.Errorf("HeldBytes: fpdf copied the JPEG")
		}
		var b bytes.Buffer
		if err := f.Output(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	for _, protect := range []bool{false, true} {
		if !bytes.Equal(doc(false, protect), doc(true, protect)) {
			t.Errorf("protected %v: the file differs with HeldBytes", protect)
		}
		if !bytes.Equal(jpg, keep) {
			t.Fatalf("protected %v: fpdf changed the caller's bytes", protect)
		}
	}
}
