package pipeline

import (
	"bytes"
	"testing"
	"time"

	"github.com/redtide/edition/internal/pdf"
	"github.com/redtide/edition/layout"
)

// TestStreamedPDF paints each edition twice, from the whole layout
// (layout.Layout, pdf.Write) and page by page as the layout streams
// (layout.Stream, pdf.Writer, with drafts of the contents painted
// again), with crop marks and PDF/X too, and wants the same bytes; the
// page starts gathered from the stream are those of the whole layout.
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
					pm.Add(sp.Page)
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
			if !bytes.Equal(whole.Bytes(), streamed.Bytes()) {
				t.Errorf("%s/%s: the streamed PDF (%d bytes) differs from the whole layout's (%d bytes)", name, press, streamed.Len(), whole.Len())
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
