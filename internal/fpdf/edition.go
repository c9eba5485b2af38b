// Edition patches: the additions that github.com/redtide/edition makes to
// fpdf v0.9.0. Each is listed, with its reason, in README.md; the small
// changes they need inside fpdf's own files are marked "edition patch".

package fpdf

import (
	"bytes"
	"compress/zlib"
	"hash/fnv"
	"runtime"
	"sync"
)

// pageBoxOrder is the order in which putpages writes a page's boxes: the
// order of ISO 32000-1 Table 30. fpdf kept them in a map, so their order
// changed from run to run.
var pageBoxOrder = [...]string{"CropBox", "BleedBox", "TrimBox", "ArtBox"}

// compressPages deflates every page's content stream, as putpages did one
// page at a time (zlib, best speed), on as many goroutines as there are
// cores, each reusing one zlib writer: creating a writer per page cost more
// than compressing a small page. packed[n] is page n's stream (1-based).
func (f *Fpdf) compressPages() [][]byte {
	nb := f.page
	packed := make([][]byte, nb+1)
	var mu sync.Mutex
	next := 1
	work := func() {
		var zw *zlib.Writer
		for {
			mu.Lock()
			n := next
			next++
			mu.Unlock()
			if n > nb {
				return
			}
			page := f.pages[n].Bytes()
			var buf bytes.Buffer
			buf.Grow(len(page)/3 + 64)
			if zw == nil {
				zw, _ = zlib.NewWriterLevel(&buf, zlib.BestSpeed) // a valid level cannot fail
			} else {
				zw.Reset(&buf)
			}
			zw.Write(page) // a bytes.Buffer does not fail
			zw.Close()
			packed[n] = buf.Bytes()
		}
	}
	workers := runtime.GOMAXPROCS(0)
	if workers > nb {
		workers = nb
	}
	var wg sync.WaitGroup
	for i := 1; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work()
		}()
	}
	work()
	wg.Wait()
	return packed
}

// subsetFontName is the BaseFont of an embedded UTF-8 font. fpdf named it
// "utf8" and its lower-cased family, with no subset tag, so that viewers
// and preflight tools could not tell it is a subset; ISO 32000-1 §9.6.4
// wants "ABCDEF+Name" for a subset. The family is kept as the caller gave
// it (a PostScript name, for edition), with the style letters after it;
// the tag is derived from that name, so it is the same on every run.
func subsetFontName(font fontDefType) string {
	name := font.family + getFontKey("", font.style)
	return subsetTag(name) + "+" + name
}

// subsetTag is six upper-case letters derived from name (FNV-1a).
func subsetTag(name string) string {
	h := fnv.New64a()
	h.Write([]byte(name))
	v := h.Sum64()
	b := make([]byte, 6)
	for i := range b {
		b[i] = 'A' + byte(v%26)
		v /= 26
	}
	return string(b)
}
