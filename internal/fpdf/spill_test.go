package fpdf

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// pagesOpts says what pagesDoc paints.
type pagesOpts struct {
	pages    int
	drafts   []int // pages painted first with placeholders, again after the last
	compress bool
	protect  bool
	alpha    int // a page that draws a PNG with an alpha channel (1.4); 0 for none
}

// pagesDoc paints a document as internal/pdf's Writer does: each page
// packed when the next one is added, but the drafts, painted again
// (Repaint) after the last page and packed then. With w it goes out on w
// (SpillPages), else the drafts are painted final at once and nothing is
// packed. check, when not nil, is called after each page is added.
func pagesDoc(t *testing.T, w io.Writer, o pagesOpts, check func(f *Fpdf)) *Fpdf {
	t.Helper()
	f := New("P", "pt", "A4", "")
	f.SetCatalogSort(true)
	f.SetFileID()
	f.SetCompression(o.compress)
	when := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	f.SetCreationDate(when)
	f.SetModificationDate(when)
	if o.protect {
		f.SetProtection(0, "u", "o")
	}
	if w != nil {
		f.SpillPages(w)
	}
	paint := func(n int, final bool) {
		lines := 40
		if n == o.pages/2 {
			lines = 3 * spillSize / 30 // a stream larger than the buffer
		}
		for j := 0; j < lines; j++ {
			f.Text(40, float64(40+j%60*12), fmt.Sprintf("page %d line %d %x", n, j, n*j*7919))
		}
		number := "??"
		if final {
			number = strconv.Itoa(n)
		}
		f.Text(40, 800, "see page "+number)
	}
	var alpha bytes.Buffer
	m := image.NewNRGBA(image.Rect(0, 0, 20, 10))
	for i := range m.Pix {
		m.Pix[i] = byte(i * 13)
	}
	m.Set(0, 0, color.NRGBA{1, 2, 3, 4})
	if err := png.Encode(&alpha, m); err != nil {
		t.Fatal(err)
	}
	held := map[int][2]PageState{}
	for n := 1; n <= o.pages; n++ {
		f.AddPage()
		if n == 1 {
			f.SetFont("Helvetica", "", 10)
		}
		if _, ok := held[n-1]; w != nil && n > 1 && !ok {
			f.PackPage(n - 1)
		}
		draft := w != nil && slices.Contains(o.drafts, n)
		from := f.PageState()
		paint(n, !draft)
		if n == o.alpha {
			f.RegisterImageOptionsReader("a", ImageOptions{ImageType: "PNG"}, bytes.NewReader(alpha.Bytes()))
			f.ImageOptions("a", 100, 100, 40, 20, false, ImageOptions{}, 0, "")
		}
		if draft {
			held[n] = [2]PageState{from, f.PageState()}
		}
		if check != nil {
			check(f)
		}
	}
	for _, n := range o.drafts {
		if at, ok := held[n]; ok {
			if err := f.Repaint(at[0], at[1], func() { paint(n, true) }); err != nil && f.Error() == nil {
				t.Fatalf("repaint page %d: %v", n, err)
			}
		}
	}
	return f
}

// pdfFile is a PDF read through its cross-reference table.
type pdfFile struct {
	header  string
	objects map[int]string // each object's bytes (from "N 0 obj" to the next), by number
	order   []int          // the object numbers in file order
	trailer string         // from "trailer", without the /ID and the offset of the xref
}

var trailerID = regexp.MustCompile(`/ID \[[^]]*\]|startxref\n\d+`)

// readPDF splits a PDF written by fpdf (one cross-reference section,
// every object in use) into its objects.
func readPDF(t *testing.T, b []byte) pdfFile {
	t.Helper()
	i := bytes.LastIndex(b, []byte("startxref\n"))
	if i < 0 {
		t.Fatal("no startxref")
	}
	xref, err := strconv.Atoi(strings.Fields(string(b[i+len("startxref\n"):]))[0])
	if err != nil || xref >= len(b) {
		t.Fatalf("startxref: %v", err)
	}
	var size int
	if _, err := fmt.Sscanf(string(b[xref:]), "xref\n0 %d\n", &size); err != nil {
		t.Fatalf("xref: %v", err)
	}
	entries := xref + bytes.Index(b[xref:], []byte("0000000000 65535 f"))
	offsets := map[int]int{}
	var at []int
	for n := 1; n < size; n++ {
		e := string(b[entries+20*n : entries+20*n+20])
		off, err := strconv.Atoi(e[:10])
		if err != nil || e[11:] != "00000 n \n" {
			t.Fatalf("xref entry %d: %q", n, e)
		}
		offsets[n] = off
		at = append(at, off)
	}
	sort.Ints(at)
	p := pdfFile{header: string(b[:at[0]]), objects: map[int]string{}}
	for n, off := range offsets {
		end := xref
		if k := sort.SearchInts(at, off); k+1 < len(at) {
			end = at[k+1]
		}
		obj := string(b[off:end])
		if !strings.HasPrefix(obj, fmt.Sprintf("%d 0 obj\n", n)) || !strings.HasSuffix(obj, "endobj\n") {
			t.Fatalf("object %d at %d: %.40q", n, off, obj)
		}
		p.objects[n] = obj
	}
	p.order = make([]int, 0, len(offsets))
	for n := range offsets {
		p.order = append(p.order, n)
	}
	sort.Slice(p.order, func(i, j int) bool { return offsets[p.order[i]] < offsets[p.order[j]] })
	tr := bytes.Index(b[xref:], []byte("trailer\n"))
	p.trailer = trailerID.ReplaceAllString(string(b[xref+tr:]), "")
	return p
}

// samePDF reports how a differs from b in its objects and trailer.
func samePDF(a, b pdfFile) error {
	if len(a.objects) != len(b.objects) {
		return fmt.Errorf("%d objects, want %d", len(a.objects), len(b.objects))
	}
	for n, obj := range b.objects {
		if a.objects[n] != obj {
			return fmt.Errorf("object %d differs:\n%.200q\nwant\n%.200q", n, a.objects[n], obj)
		}
	}
	if a.trailer != b.trailer {
		return fmt.Errorf("trailer %q, want %q", a.trailer, b.trailer)
	}
	return nil
}

// TestSpillPages: a document whose pages go out as they are packed
// (SpillPages) holds the objects, under the same numbers, of the
// document written at Output, the content objects first in the order the
// pages were packed (drafts after the pages painted final); the bytes
// do not depend on the goroutines; the packed pages waiting are bounded;
// and an error of the writer, at any point, is the document's error,
// with what the writer took a prefix of the file.
func TestSpillPages(t *testing.T) {
	drafts := []int{3, 1} // painted again in this order
	for _, o := range []pagesOpts{
		{pages: 40, drafts: drafts, compress: true},
		{pages: 40, drafts: drafts},
		{pages: 40, drafts: drafts, compress: true, protect: true},
		{pages: 1, compress: true},
	} {
		name := fmt.Sprintf("compress %v, protect %v, %d pages", o.compress, o.protect, o.pages)
		var want bytes.Buffer
		if err := pagesDoc(t, nil, o, nil).Output(&want); err != nil {
			t.Fatal(err)
		}
		var spilled bytes.Buffer
		workers := runtime.GOMAXPROCS(0)
		f := pagesDoc(t, &spilled, o, func(f *Fpdf) {
			if pk := f.ed.pack; pk != nil && len(pk.queue) > 2*pk.workers {
				t.Errorf("%s: %d packed pages wait, with %d workers", name, len(pk.queue), workers)
			}
		})
		if spilled.Len() == 0 && o.pages > 1 {
			t.Errorf("%s: nothing written out before Output", name)
		}
		if err := f.Output(io.Discard); err != nil { // its writer is the one SpillPages got
			t.Fatal(err)
		}
		if f.buffer.Cap() > spillSize {
			t.Errorf("%s: the buffer grew to %d bytes", name, f.buffer.Cap())
		}
		got, ref := readPDF(t, spilled.Bytes()), readPDF(t, want.Bytes())
		if err := samePDF(got, ref); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if spilled.Len() != want.Len() {
			t.Errorf("%s: %d bytes, want %d", name, spilled.Len(), want.Len())
		}
		if got.header != ref.header {
			t.Errorf("%s: header %q, want %q", name, got.header, ref.header)
		}
		// content objects: pages packed as painted, then the drafts
		// painted again, then the last page (packed by no next page)
		var order []int
		for n := 1; n < o.pages; n++ {
			if !slices.Contains(o.drafts, n) {
				order = append(order, 2+2*n)
			}
		}
		for _, n := range o.drafts {
			order = append(order, 2+2*n)
		}
		order = append(order, 2+2*o.pages)
		if !slices.Equal(got.order[:len(order)], order) {
			t.Errorf("%s: objects in the order %v, want %v first", name, got.order[:len(order)], order)
		}
		for _, procs := range []int{1, 3} {
			prev := runtime.GOMAXPROCS(procs)
			var again bytes.Buffer
			err := pagesDoc(t, &again, o, nil).Output(nil)
			runtime.GOMAXPROCS(prev)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again.Bytes(), spilled.Bytes()) {
				t.Errorf("%s: another file with GOMAXPROCS=%d", name, procs)
			}
		}
		broken := errors.New("disk full")
		for _, n := range []int{0, 1, spillSize - 1, spillSize, spilled.Len() / 2, spilled.Len() - 1} {
			if n >= spilled.Len() {
				continue
			}
			for _, werr := range []error{broken, nil} {
				w := &failWriter{n: n, err: werr}
				want := werr
				if want == nil {
					want = io.ErrShortWrite
				}
				if err := pagesDoc(t, w, o, nil).Output(nil); !errors.Is(err, want) {
					t.Errorf("%s: writer failing after %d bytes (%v): Output returned %v", name, n, werr, err)
				}
				if !bytes.HasPrefix(spilled.Bytes(), w.Bytes()) {
					t.Errorf("%s: writer failing after %d bytes: it got other bytes than the file's", name, n)
				}
			}
		}
	}
}

// TestSpillPagesVersion: a version raised after the header is written
// (an image with an alpha channel on page 5) is declared in the catalog,
// the header keeping the version it was written with; the other objects
// are those of the file written at Output.
func TestSpillPagesVersion(t *testing.T) {
	o := pagesOpts{pages: 8, compress: true, alpha: 5}
	var want, spilled bytes.Buffer
	if err := pagesDoc(t, nil, o, nil).Output(&want); err != nil {
		t.Fatal(err)
	}
	if err := pagesDoc(t, &spilled, o, nil).Output(nil); err != nil {
		t.Fatal(err)
	}
	got, ref := readPDF(t, spilled.Bytes()), readPDF(t, want.Bytes())
	if !strings.HasPrefix(ref.header, "%PDF-1.4\n") || !strings.HasPrefix(got.header, "%PDF-1.3\n") {
		t.Fatalf("headers %q and %q, want 1.3 spilled, 1.4 at Output", got.header, ref.header)
	}
	root, _ := strconv.Atoi(regexp.MustCompile(`/Root (\d+) 0 R`).FindStringSubmatch(got.trailer)[1])
	if cat := got.objects[root]; !strings.Contains(cat, "/Version /1.4\n") || strings.Contains(ref.objects[root], "/Version") {
		t.Errorf("catalog %q, want /Version /1.4 (not in %q)", cat, ref.objects[root])
	}
	got.objects[root] = strings.Replace(got.objects[root], "/Version /1.4\n", "", 1)
	if err := samePDF(got, ref); err != nil {
		t.Error(err)
	}
}

// TestSpillPagesMisuse: a page written out cannot be painted again nor
// packed again, SpillPages comes before the first page, and an alias
// cannot be replaced in pages written out: errors, not another file.
func TestSpillPagesMisuse(t *testing.T) {
	f := New("P", "pt", "A4", "")
	f.SpillPages(io.Discard)
	f.SetFont("Helvetica", "", 10)
	f.AddPage()
	from := f.PageState()
	from.length = 0 // the whole page: not told by its length that it was packed
	f.Text(10, 10, "a")
	to := f.PageState()
	f.AddPage()
	f.PackPage(1)
	f.putPacked(true)
	if err := f.Repaint(from, to, func() { f.Text(10, 10, "a") }); err == nil || !strings.Contains(err.Error(), "written out") {
		t.Errorf("repainting a page written out: %v", err)
	}
	f.PackPage(1)
	if f.Error() == nil {
		t.Errorf("packing a page written out again: no error")
	}

	f = New("P", "pt", "A4", "")
	f.AddPage()
	f.SpillPages(io.Discard)
	if f.Error() == nil {
		t.Errorf("SpillPages after the first page: no error")
	}

	f = New("P", "pt", "A4", "")
	f.SpillPages(io.Discard)
	f.AliasNbPages("")
	f.AddPage()
	if err := f.Output(nil); err == nil || !strings.Contains(err.Error(), "alias") {
		t.Errorf("an alias under SpillPages: Output returned %v", err)
	}
}
