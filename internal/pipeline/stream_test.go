package pipeline

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/redtide/edition/internal/pdf"
	"github.com/redtide/edition/layout"
)

// TestStreamedPDF paints each edition twice, from the whole layout
// (layout.Layout, pdf.Write) and page by page as the layout streams
// (layout.Stream, pdf.Writer, with drafts of the contents painted
// again), with crop marks and PDF/X too, and wants the same file but for
// the order of its objects: the same objects under the same numbers,
// byte for byte, the same header and trailer (but the /ID, a digest of
// the bytes in their order, and the offset of the cross-reference
// table), the same length. The content of a draft comes later in the
// streamed file (written once final), so that the bytes differ as soon as
// there is one. The page starts gathered from the stream are those of the
// whole layout.
func TestStreamedPDF(t *testing.T) {
	for name, path := range benchEditions(t) {
		m, ed := loadBench(t, path)
		set, err := fontSet(m)
		if err != nil {
			t.Fatal(err)
		}
		for _, press := range []string{"plain", "pdfx"} {
			cfg, err := PrintConfig(m)
			if err != nil {
				t.Fatal(err)
			}
			cfg.Press.Imprint = false // the page count: not streamed
			if press == "pdfx" {
				cfg.Press.PDFX, cfg.CropMarks = true, true
			}
			meta := pdf.MetaFor(ed)
			meta.Date = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
			d, err := layout.Layout(ed, set, cfg, nil)
			if err != nil {
				t.Fatal(err)
			}
			var whole bytes.Buffer
			if err := pdf.Write(&whole, d, set, meta); err != nil {
				t.Fatal(err)
			}
			blank, err := layout.NewDocument(cfg)
			if err != nil {
				t.Fatal(err)
			}
			var streamed bytes.Buffer
			pw, err := pdf.NewWriter(&streamed, blank, set, meta)
			if err != nil {
				t.Fatal(err)
			}
			pm := layout.NewPageMap(ed)
			drafts, pages := 0, 0
			sd, err := layout.Stream(ed, set, cfg, nil, func(sp layout.StreamPage) error {
				if sp.Page.Index == pages {
					pm.AddStreamed(sp)
					pages++
				}
				if sp.Draft {
					drafts++
				}
				return pw.Page(sp)
			})
			if err != nil {
				t.Fatal(err)
			}
			if err := pw.Close(sd.Outline); err != nil {
				t.Fatal(err)
			}
			if pages != len(d.Pages) || sd.Pages != nil {
				t.Errorf("%s/%s: %d pages streamed (%d kept), the layout has %d", name, press, pages, len(sd.Pages), len(d.Pages))
			}
			if drafts == 0 {
				t.Errorf("%s/%s: no draft page (the contents) was streamed", name, press)
			}
			if err := sameObjects(streamed.Bytes(), whole.Bytes()); err != nil {
				t.Errorf("%s/%s: the streamed PDF differs from the whole layout's: %v", name, press, err)
			}
			changed := bytes.Replace(streamed.Bytes(), []byte("<</Type /Page\n"), []byte("<</Type /Pagf\n"), 1)
			if sameObjects(changed, whole.Bytes()) == nil {
				t.Errorf("%s/%s: a page object changed, and the comparison did not see it", name, press)
			}
			want, got := d.PageStarts(ed), pm.Starts()
			if len(want) != len(got) {
				t.Fatalf("%s/%s: %d page starts streamed, want %d", name, press, len(got), len(want))
			}
			for i := range want {
				if want[i] != got[i] {
					t.Errorf("%s/%s: page start %d is %+v, want %+v", name, press, i, got[i], want[i])
					break
				}
			}
		}
	}
}

// trailerVaries is what of the trailer depends on the order of the
// objects: the file identifier, a digest of the bytes before it, and the
// offset of the cross-reference table.
var trailerVaries = regexp.MustCompile(`/ID \[[^]]*\]|startxref\n\d+`)

// sameObjects reports how PDF a differs from b in anything but the
// order of its objects (as fpdf writes a file: one cross-reference
// table, every object in use, objects one after the other).
func sameObjects(a, b []byte) error {
	oa, ta, err := pdfObjects(a)
	if err != nil {
		return err
	}
	ob, tb, err := pdfObjects(b)
	if err != nil {
		return err
	}
	if len(a) != len(b) {
		return fmt.Errorf("%d bytes, want %d", len(a), len(b))
	}
	if len(oa) != len(ob) {
		return fmt.Errorf("%d objects, want %d", len(oa), len(ob))
	}
	for n := range ob {
		if !bytes.Equal(oa[n], ob[n]) {
			return fmt.Errorf("object %d differs: %.120q, want %.120q", n, oa[n], ob[n])
		}
	}
	if trailerVaries.ReplaceAllString(ta, "") != trailerVaries.ReplaceAllString(tb, "") {
		return fmt.Errorf("trailer %q, want %q", ta, tb)
	}
	return nil
}

// pdfObjects splits a PDF through its cross-reference table: objs[0] is
// what comes before the first object (the header), objs[n] object n, from
// "n 0 obj" to the next object; trailer is what follows the table.
func pdfObjects(b []byte) (objs [][]byte, trailer string, err error) {
	i := bytes.LastIndex(b, []byte("startxref\n"))
	if i < 0 {
		return nil, "", fmt.Errorf("no startxref")
	}
	var xref, size int
	if _, err := fmt.Sscanf(string(b[i:]), "startxref\n%d", &xref); err != nil || xref < 0 || xref >= len(b) {
		return nil, "", fmt.Errorf("startxref: %v", err)
	}
	if _, err := fmt.Sscanf(string(b[xref:]), "xref\n0 %d\n", &size); err != nil {
		return nil, "", fmt.Errorf("xref: %v", err)
	}
	first := bytes.Index(b[xref:], []byte("0000000000 65535 f"))
	if first < 0 || xref+first+20*size > len(b) {
		return nil, "", fmt.Errorf("xref: no table of %d entries", size)
	}
	table := b[xref+first : xref+first+20*size]
	offsets := make([]int, size)
	for n := 1; n < size; n++ {
		e := table[20*n : 20*n+20]
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || string(e[10:]) != " 00000 n \n" || off >= xref {
			return nil, "", fmt.Errorf("xref entry %d: %q", n, e)
		}
		offsets[n] = off
	}
	starts := slices.Sorted(slices.Values(offsets[1:]))
	objs = make([][]byte, size)
	objs[0] = b[:starts[0]]
	for n := 1; n < size; n++ {
		end := xref
		if k, _ := slices.BinarySearch(starts, offsets[n]); k+1 < len(starts) {
			end = starts[k+1]
		}
		objs[n] = b[offsets[n]:end]
		if !bytes.HasPrefix(objs[n], fmt.Appendf(nil, "%d 0 obj\n", n)) {
			return nil, "", fmt.Errorf("object %d at %d: %.20q", n, offsets[n], objs[n])
		}
	}
	return objs, string(b[xref+first+20*size:]), nil
}
