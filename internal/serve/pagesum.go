package serve

import (
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"math"
	"runtime"
	"strings"
	"sync"

	"github.com/redtide/edition/layout"
)

// pageSums names each page of d by everything its SVG drawing is made
// of (package svg): the page's lines, runs, marks, rules, images, links
// (with the page an internal link leads to) and anchors, its index and
// folio, and what the document's pages share (size, sheet, font
// families). Two pages with the same sum draw the same SVG, so a
// rebuild paints only the pages whose sum changed, and the browser asks
// only for those. The sums are of one server's seed.
func pageSums(seed maphash.Seed, d *layout.Document, faces []string) []uint64 {
	var w sumWriter
	w.str(fmt.Sprintf("%v|%v|%v", d.Width, d.Height, d.Sheet()))
	w.str(strings.Join(faces, " "))
	doc := maphash.Bytes(seed, w.buf)
	dests := map[string]int{}
	for _, pg := range d.Pages {
		for _, a := range pg.Anchor {
			if _, ok := dests[a.Name]; !ok {
				dests[a.Name] = pg.Index
			}
		}
	}
	out := make([]uint64, len(d.Pages))
	// on every processor, a share of the pages each
	workers := min(runtime.GOMAXPROCS(0), len(d.Pages))
	var wg sync.WaitGroup
	for k := range workers {
		wg.Go(func() {
			var w sumWriter
			for i := k; i < len(d.Pages); i += workers {
				w.buf = w.buf[:0]
				w.page(d.Pages[i], doc, dests)
				out[i] = maphash.Bytes(seed, w.buf)
			}
		})
	}
	wg.Wait()
	return out
}

// page writes what the drawing of pg is made of.
func (w *sumWriter) page(pg *layout.Page, doc uint64, dests map[string]int) {
	w.int(int64(doc))
	w.int(int64(pg.Index))
	w.str(pg.Folio)
	w.int(int64(len(pg.Lines)))
	for _, ln := range pg.Lines {
		w.int(int64(ln.Kind), int64(ln.Column), int64(ln.X), int64(ln.Y), int64(ln.Width), int64(ln.SourceLine),
			int64(ln.Par), int64(ln.ParLine), int64(ln.ParLen), int64(ln.Word), int64(ln.Space),
			int64(math.Float64bits(ln.Ratio)), flags(ln.Justified, ln.Loose, ln.Overfull, ln.Hyphenated, ln.Widow, ln.Orphan))
		w.str(ln.Source)
		w.runs(ln.Runs)
	}
	w.runs(pg.Marks)
	w.int(int64(len(pg.Rules)))
	for _, r := range pg.Rules {
		w.int(int64(r.X), int64(r.Y), int64(r.W), int64(r.H))
	}
	w.int(int64(len(pg.Images)))
	for _, im := range pg.Images {
		w.int(int64(im.X), int64(im.Y), int64(im.W), int64(im.H))
		if m := im.Image; m != nil {
			w.int(1, int64(len(m.Data)), int64(m.Width), int64(m.Height))
			w.str(imageKey(m))
			w.str(m.Path)
			w.str(m.URL)
			w.str(m.Alt)
			w.str(m.MediaType)
		} else {
			w.int(0)
		}
	}
	w.int(int64(len(pg.Links)))
	for _, l := range pg.Links {
		dest, ok := dests[l.Dest]
		if !ok {
			dest = -1
		}
		w.int(int64(l.X), int64(l.Y), int64(l.W), int64(l.H), int64(dest))
		w.str(l.URL)
		w.str(l.Dest)
	}
	w.int(int64(len(pg.Anchor)))
	for _, a := range pg.Anchor {
		w.int(int64(a.X), int64(a.Y))
		w.str(a.Name)
	}
}

func flags(bs ...bool) int64 {
	var f int64
	for i, b := range bs {
		if b {
			f |= 1 << i
		}
	}
	return f
}

// sumWriter writes numbers and length-prefixed strings into the bytes
// a sum is taken of, so that no two sequences of them write the same
// bytes.
type sumWriter struct{ buf []byte }

func (w *sumWriter) int(vs ...int64) {
	for _, v := range vs {
		w.buf = binary.LittleEndian.AppendUint64(w.buf, uint64(v))
	}
}

func (w *sumWriter) str(s string) {
	w.buf = binary.LittleEndian.AppendUint64(w.buf, uint64(len(s)))
	w.buf = append(w.buf, s...)
}

func (w *sumWriter) runs(rs []layout.Run) {
	w.int(int64(len(rs)))
	for _, r := range rs {
		s := int64(0)
		if r.Strike {
			s = 1
		}
		w.int(int64(r.X), int64(r.Y), int64(r.Width), int64(r.Face.Kind), int64(r.Face.Style), int64(r.Size), s)
		w.str(r.Text)
	}
}
