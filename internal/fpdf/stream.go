// Edition patches for streamed painting: a page's content stream deflated
// as soon as the page is finished (PackPage), a page painted again once
// what it prints is known (PageState, Repaint), outline entries and
// link annotations given after their pages (BookmarkOn, DropLinks) and an
// image's data replaced under its name (ReplaceImage). See README.md.

package fpdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"
)

// packer deflates finished pages' content streams on background
// goroutines, as compressPages would at Output: the same bytes (zlib,
// level 1, one stream per page), made while the document is painted.
// Under SpillPages each stream is written out as soon as it is made and
// every page packed before it is written (queue order), so that only the
// streams being made are held; otherwise the streams are kept for Output.
type packer struct {
	// deflaters are the zlib writers and buffers, one a worker: a page
	// is deflated by the goroutine that holds one
	deflaters chan *deflater
	workers   int
	// queue holds the pages packed and not yet taken (written out, or
	// gathered by packedPages), in the order PackPage packed them
	queue []*packing
}

type deflater struct {
	zw  *zlibWriter
	buf bytes.Buffer // reused; each stream is kept in a slice of its size
}

// packing is a page being deflated: data is its stream once done is
// closed.
type packing struct {
	page int
	done chan struct{}
	data []byte
}

// PackPage deflates the content stream of page n (1-based), which the
// caller has finished: nothing is written on it afterwards (but by
// Repaint, which packs it again, unless under SpillPages). Its
// uncompressed stream is then released, and under SpillPages its content
// object is written out once deflated, after the pages packed before it.
// Pages not packed are compressed at Output, as before. Without
// compression it has no effect, but under SpillPages, where it writes the
// page's content out as it is.
func (f *Fpdf) PackPage(n int) {
	if f.err != nil || n < 1 || n >= len(f.pages) || !f.compress && f.ed.early == nil {
		return
	}
	if e := f.ed.early; e != nil {
		// the header at the first page packed, not at the first deflated:
		// its version must not depend on which goroutine finishes when
		f.putEarly()
		if n < len(e.packed) && e.packed[n] {
			f.err = fmt.Errorf("page %d packed twice: its content goes out once", n)
			return
		}
		for len(e.packed) <= n {
			e.packed = append(e.packed, false)
		}
		e.packed[n] = true
	}
	pk := f.ed.pack
	if pk == nil {
		workers := runtime.GOMAXPROCS(0)
		pk = &packer{deflaters: make(chan *deflater, workers), workers: workers}
		for i := 0; i < workers; i++ {
			pk.deflaters <- new(deflater)
		}
		f.ed.pack = pk
	}
	data := f.pages[n]
	f.pages[n] = new(bytes.Buffer)
	pg := &packing{page: n, done: make(chan struct{})}
	pk.queue = append(pk.queue, pg)
	if !f.compress {
		pg.data = data.Bytes()
		close(pg.done)
	} else {
		go func() {
			d := <-pk.deflaters
			pg.data = d.deflate(data.Bytes())
			pk.deflaters <- d
			data.Reset()
			pageBuffers.Put(data)
			close(pg.done)
		}()
	}
	if f.ed.early != nil {
		f.putPacked(false)
	}
}

// deflate deflates a page's content stream into a slice of its size.
func (d *deflater) deflate(page []byte) []byte {
	d.buf.Reset()
	if d.zw == nil {
		d.zw = newZlibWriter(&d.buf)
	} else {
		d.zw.Reset(&d.buf)
	}
	d.zw.Write(page) // a bytes.Buffer does not fail
	d.zw.Close()
	return bytes.Clone(d.buf.Bytes())
}

// putPacked writes out, under SpillPages, the content objects of the
// pages packed, in the order they were packed: those deflated already,
// up to the first that is not; all of them when all is set, or while
// more than twice as many pages wait as there are workers (the painter
// then waits for the first, which bounds what is held). The file is
// thus the same whichever goroutine finishes first.
func (f *Fpdf) putPacked(all bool) {
	pk := f.ed.pack
	if pk == nil {
		return
	}
	for len(pk.queue) > 0 && f.err == nil {
		pg := pk.queue[0]
		if all || len(pk.queue) > 2*pk.workers {
			<-pg.done
		} else {
			select {
			case <-pg.done:
			default:
				return
			}
		}
		pk.queue[0] = nil
		pk.queue = pk.queue[1:]
		f.putContent(pg.page, pg.data)
	}
}

// pageBuffers holds the content buffers of pages that PackPage has
// deflated, for beginpage to take again: a page's buffer is as large as
// its uncompressed content, and making a new one for every page cleared
// that much memory each time.
var pageBuffers sync.Pool

// pageBuffer is an empty buffer for a new page's content.
func pageBuffer() *bytes.Buffer {
	if b, ok := pageBuffers.Get().(*bytes.Buffer); ok {
		return b
	}
	return new(bytes.Buffer)
}

// packedPages waits for the packer and returns the streams it made that
// are not written out (nil without any).
func (f *Fpdf) packedPages() map[int][]byte {
	pk := f.ed.pack
	if pk == nil {
		return nil
	}
	packed := map[int][]byte{}
	for _, pg := range pk.queue {
		<-pg.done
		packed[pg.page] = pg.data
	}
	pk.queue = nil
	return packed
}

// drawState is what a page's content carries from one operator to the
// next, and from the end of one page to the start of the next (AddPage):
// the font, the colours, the line style.
type drawState struct {
	fontFamily, fontStyle string
	fontSizePt, fontSize  float64
	currentFont           fontDefType
	isCurrentUTF8         bool
	underline, strikeout  bool
	lineWidth             float64
	capStyle, joinStyle   int
	dashArray             []float64
	dashPhase             float64
	color                 struct{ draw, fill, text colorType }
	colorFlag             bool
	alpha                 float64
	blendMode             string
	ws                    float64
}

func (f *Fpdf) drawState() drawState {
	return drawState{
		fontFamily: f.fontFamily, fontStyle: f.fontStyle, fontSizePt: f.fontSizePt, fontSize: f.fontSize,
		currentFont: f.currentFont, isCurrentUTF8: f.isCurrentUTF8,
		underline: f.underline, strikeout: f.strikeout,
		lineWidth: f.lineWidth, capStyle: f.capStyle, joinStyle: f.joinStyle,
		dashArray: slices.Clone(f.dashArray), dashPhase: f.dashPhase,
		color: f.color, colorFlag: f.colorFlag, alpha: f.alpha, blendMode: f.blendMode, ws: f.ws,
	}
}

func (f *Fpdf) setDrawState(s drawState) {
	f.fontFamily, f.fontStyle, f.fontSizePt, f.fontSize = s.fontFamily, s.fontStyle, s.fontSizePt, s.fontSize
	f.currentFont, f.isCurrentUTF8 = s.currentFont, s.isCurrentUTF8
	f.underline, f.strikeout = s.underline, s.strikeout
	f.lineWidth, f.capStyle, f.joinStyle = s.lineWidth, s.capStyle, s.joinStyle
	f.dashArray, f.dashPhase = slices.Clone(s.dashArray), s.dashPhase
	f.color, f.colorFlag, f.alpha, f.blendMode, f.ws = s.color, s.colorFlag, s.alpha, s.blendMode, s.ws
}

// same reports whether the content that follows s and t is written the
// same: the operators that fpdf leaves out when a value does not change
// see the same values.
func (s drawState) same(t drawState) bool {
	return s.fontFamily == t.fontFamily && s.fontStyle == t.fontStyle && s.fontSizePt == t.fontSizePt &&
		s.currentFont.i == t.currentFont.i && s.isCurrentUTF8 == t.isCurrentUTF8 &&
		s.underline == t.underline && s.strikeout == t.strikeout &&
		s.lineWidth == t.lineWidth && s.capStyle == t.capStyle && s.joinStyle == t.joinStyle &&
		slices.Equal(s.dashArray, t.dashArray) && s.dashPhase == t.dashPhase &&
		s.color == t.color && s.colorFlag == t.colorFlag && s.alpha == t.alpha && s.blendMode == t.blendMode && s.ws == t.ws
}

// PageState is a point in the content of a page: its length there and
// the drawing state (font, colours, line style) the operators after it
// see.
type PageState struct {
	page, length int
	st           drawState
}

// PageState returns the point the current page's content has reached.
func (f *Fpdf) PageState() PageState {
	if f.page < 1 || f.page >= len(f.pages) {
		return PageState{}
	}
	return PageState{page: f.page, length: f.pages[f.page].Len(), st: f.drawState()}
}

// ErrRepaint is returned by Repaint when a page painted again does not
// end as it did: the pages after it, which started from its end, would
// not be what they would have been.
var ErrRepaint = errors.New("page painted again does not end in the state it first ended in")

// Repaint paints a page again from a point of its content: from, taken
// by PageState while the page was first painted (after which the page
// was painted to its end, to). The content after from is dropped, the
// drawing state is set back to from's, and paint draws; it must end in
// the drawing state of to, since the following pages were painted from
// there (ErrRepaint). Then the current page and state are those before
// the call, and the page is packed (PackPage) if compression is on.
// Anything but the content that the first painting recorded (runes of
// the font subsets, images, links, outline entries) is kept.
func (f *Fpdf) Repaint(from, to PageState, paint func()) error {
	if f.err != nil {
		return f.err
	}
	if from.page < 1 || from.page >= len(f.pages) || from.page != to.page {
		return fmt.Errorf("repaint: no such page state (page %d)", from.page)
	}
	page, saved := f.page, f.drawState()
	n := from.page
	buf := f.pages[n]
	if pk := f.ed.pack; pk != nil && buf.Len() < from.length {
		return fmt.Errorf("repaint: page %d was packed", n)
	}
	if e := f.ed.early; e != nil && n < len(e.packed) && e.packed[n] {
		return fmt.Errorf("repaint: page %d was written out", n)
	}
	buf.Truncate(from.length)
	f.page = n
	f.setDrawState(from.st)
	paint()
	end := f.drawState()
	f.page = page
	f.setDrawState(saved)
	if f.err != nil {
		return f.err
	}
	if !end.same(to.st) {
		return fmt.Errorf("page %d: %w", n, ErrRepaint)
	}
	f.PackPage(n)
	return nil
}

// BookmarkOn adds an outline entry for page (1-based) at y, as Bookmark
// does on the current page with a UTF-8 font selected: the title is
// written in UTF-16. Entries are kept in the order they are added.
func (f *Fpdf) BookmarkOn(page int, txtStr string, level int, y float64) {
	f.outlines = append(f.outlines, outlineType{text: utf8toutf16(txtStr), level: level, y: y, p: page, prev: -1, last: -1, next: -1, first: -1})
}

// DropLinks removes from every page the link annotations to the internal
// links for which drop is true (links made before it was known whether
// their destination would exist).
func (f *Fpdf) DropLinks(drop func(link int) bool) {
	for n, pls := range f.pageLinks {
		f.pageLinks[n] = slices.DeleteFunc(pls, func(pl linkType) bool { return pl.link != 0 && drop(pl.link) })
	}
}

// ReplaceImage puts the image read from r in the place of the image
// registered as imgName, under the same resource name (info.i) that the
// pages already drawn refer to.
func (f *Fpdf) ReplaceImage(imgName string, options ImageOptions, r io.Reader) {
	if f.err != nil {
		return
	}
	old, ok := f.images[imgName]
	if !ok {
		f.err = fmt.Errorf("replace image: %s is not registered", imgName)
		return
	}
	delete(f.images, imgName)
	info := f.RegisterImageOptionsReader(imgName, options, r)
	if f.err != nil {
		return
	}
	info.i = old.i
}

// SpillOutput makes Output write the file to its writer as it is made,
// through a buffer of spillSize bytes, instead of gathering the whole
// file first: the same bytes, without a copy of the file in memory. The
// writer then gets part of the file before an error that Output returns
// (a temporary file, removed on error, is what to give it).
func (f *Fpdf) SpillOutput(on bool) {
	f.ed.spill = on
}

// SpillPages makes the file go out on w while the document is painted,
// for a document whose pages are many: the content stream of each page
// that PackPage packs is written out as soon as it is deflated (in the
// order the pages were packed) and dropped, rather than kept until
// Output writes every page. Output then writes the rest of the file on
// w, as SpillOutput does (its own writer is not used). Call it before
// the first page.
//
// The objects keep their numbers (page n's page object is 2n+1, its
// content 2n+2, which links and outline entries name), but not their
// order: the header, the content objects of the pages as they are
// packed, and at Output those of the pages not packed (in page order),
// the attachments, the page objects, and the rest as before. The header
// is written when the first page is packed; a version raised after that
// (a PNG image with an alpha channel needs 1.4) is declared by the
// catalog's /Version (ISO 32000-1 §7.5.2), which a reader takes over the
// header's. An alias (AliasNbPages, RegisterAlias) cannot be replaced in
// pages written out: Output returns an error.
func (f *Fpdf) SpillPages(w io.Writer) {
	if f.err != nil {
		return
	}
	if f.page > 0 {
		f.err = errors.New("spill pages: the document has pages already")
		return
	}
	f.ed.spill = true
	f.ed.out = w
	f.ed.early = new(earlyOutput)
	f.buffer.Grow(spillSize)
}

// earlyOutput is the state of SpillPages.
type earlyOutput struct {
	packed []bool     // by page number: packed, its content written out or to be
	head   pdfVersion // the version in the header; 0 until it is written
}

// putEarly starts the file, under SpillPages, if it has not started:
// the header, with the version known so far.
func (f *Fpdf) putEarly() {
	e := f.ed.early
	if e.head != 0 {
		return
	}
	e.head = f.pdfVersion
	state := f.state
	f.state = 1 // to the file, not to the current page
	f.putheader()
	f.state = state
}

// putContent writes out the content object of page n (number 2n+2),
// under SpillPages, after the header: data is its stream, deflated when
// the document is compressed.
func (f *Fpdf) putContent(n int, data []byte) {
	if f.err != nil {
		return
	}
	obj := 2 + 2*n
	for len(f.offsets) <= obj {
		f.offsets = append(f.offsets, 0)
	}
	// out writes to the file, not to the current page; putstream
	// encrypts with the object's number
	state, last := f.state, f.n
	f.state, f.n = 1, obj
	f.offsets[obj] = f.outputOffset()
	f.outf("%d 0 obj", obj)
	if f.compress {
		f.outf("<</Filter /FlateDecode /Length %d>>", len(data))
	} else {
		f.outf("<</Length %d>>", len(data))
	}
	f.putstream(data)
	f.out("endobj")
	f.state, f.n = state, last
}

// putEarlyPages ends the pages under SpillPages: the content objects of
// the pages packed, then of those not packed (compressed on all cores, in
// page order), the attachments, and the page objects (putpages).
func (f *Fpdf) putEarlyPages() {
	if len(f.aliasMap) > 0 || f.aliasNbPagesStr != "" {
		f.err = errors.New("spill pages: aliases cannot be replaced in pages written out")
		return
	}
	f.putEarly()
	f.putPacked(true)
	if f.err != nil {
		return
	}
	nb, e := f.page, f.ed.early
	done := func(n int) bool { return n < len(e.packed) && e.packed[n] }
	if f.compress {
		packed := f.compressPages(done)
		for n := 1; n <= nb; n++ {
			if !done(n) {
				f.putContent(n, packed[n])
			}
		}
	} else {
		for n := 1; n <= nb; n++ {
			if !done(n) {
				f.putContent(n, f.pages[n].Bytes())
			}
		}
	}
	if f.n < 2+2*nb {
		f.n = 2 + 2*nb
	}
	f.putAttachments()
	f.putAnnotationsAttachments()
	f.putpages()
}

// putVersion declares in the catalog, under SpillPages, a version above
// the header's.
func (f *Fpdf) putVersion() {
	if e := f.ed.early; e != nil && f.pdfVersion > e.head {
		f.outf("/Version /%s", f.pdfVersion)
	}
}

// spillSize is how much of the file Output gathers before writing it
// out, as a bufio.Writer would: enough for few writes, small enough that
// the buffer is made once and stays in the cache (a buffer of a megabyte
// grown by doubling was among the largest sources of page faults of a
// build).
const spillSize = 64 << 10

// spillFor makes room for n more bytes of the file: with SpillOutput,
// during Output, it writes out what the buffer holds when the n bytes
// would take it beyond spillSize, at any point of the file, as
// bufio.Writer does. Nothing written out is read again: the offsets
// count it (outputOffset) and the file identifier hashes it as it goes
// (writeOut). After a write error the buffer is dropped all the same,
// so that it does not grow with the rest of the file, which Output no
// longer writes.
func (f *Fpdf) spillFor(n int) {
	if f.ed.out == nil || f.buffer.Len()+n <= spillSize {
		return
	}
	f.writeOut(f.buffer.Bytes())
	f.buffer.Reset()
}

// writeOut writes b out, hashing it for the file identifier; a failed
// or short write is the document's error.
func (f *Fpdf) writeOut(b []byte) {
	if f.err != nil {
		return
	}
	if f.ed.fileID && f.ed.sum == nil {
		f.ed.sum = new(fileSum)
	}
	if f.ed.sum != nil {
		f.ed.sum.write(b)
	}
	n, err := f.ed.out.Write(b)
	f.ed.spilled += n
	if err == nil && n < len(b) {
		err = io.ErrShortWrite
	}
	if err != nil {
		f.err = err
	}
}

// HeldBytes is a reader of data for RegisterImageOptionsReader and
// ReplaceImage whose bytes fpdf keeps as they are, where it would read
// them into a copy: the caller must not change data afterwards. (An
// edition's images were copied once more, as fresh memory, for fpdf to
// hold the same bytes as the caller.)
func HeldBytes(data []byte) io.Reader {
	return &heldBytes{Reader: bytes.NewReader(data), b: data}
}

type heldBytes struct {
	*bytes.Reader
	b []byte
}

// readAll reads r to its end, into a slice of its size when r tells its
// length (a bytes.Reader), rather than one grown by doubling; the bytes
// of HeldBytes are taken as they are (with no room to append into).
func readAll(r io.Reader) ([]byte, error) {
	if h, ok := r.(*heldBytes); ok && h.Len() == len(h.b) {
		h.Reset(nil)
		return h.b[:len(h.b):len(h.b)], nil
	}
	if l, ok := r.(interface{ Len() int }); ok {
		b := make([]byte, l.Len())
		n, err := io.ReadFull(r, b)
		if err == io.ErrUnexpectedEOF {
			err = nil
		}
		if err != nil || n < len(b) {
			return b[:n], err
		}
		rest, err := io.ReadAll(r) // a reader that had more than it said
		return append(b, rest...), err
	}
	var buf bytes.Buffer
	_, err := buf.ReadFrom(r)
	return buf.Bytes(), err
}

// outputOffset is the offset in the file of what the buffer gets next.
func (f *Fpdf) outputOffset() int {
	return f.ed.spilled + f.buffer.Len()
}
