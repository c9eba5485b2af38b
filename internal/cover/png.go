package cover

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/adler32"
	"hash/crc32"
	"image"
	"io"
)

// band is how many rows encode paints at a time: the strips text is
// composited on are then at most band rows tall.
const band = 32

// encode writes the cover as a PNG, byte for byte as image/png's Encoder
// at BestSpeed writes it painted on an *image.Paletted (TestEncode), but
// a band of rows at a time, so that the whole cover is never held. That
// encoder writes the chunks IHDR, PLTE (no tRNS: every colour is opaque),
// the zlib stream of the rows (each led by filter type 0, none, as for
// every paletted image) through a 32 KiB bufio.Writer that makes each
// flush an IDAT chunk, and IEND. The zlib framing is written here rather
// than by compress/zlib so that its Adler-32 can skip the cover's many
// repeated rows (see rowSum); the deflate stream is compress/flate's,
// which compresses whole blocks of 64 KiB whatever the sizes of the
// writes (image/png writes a row at a time, encode a band).
func (cv *canvas) encode(w io.Writer) error {
	cw := &chunkWriter{w: w}
	if _, err := io.WriteString(w, "\x89PNG\r\n\x1a\n"); err != nil {
		return err
	}
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:4], Width)
	binary.BigEndian.PutUint32(ihdr[4:8], Height)
	ihdr[8] = 8 // bits a pixel
	ihdr[9] = 3 // colour type: palette indices
	cw.chunk("IHDR", ihdr[:])
	plte := make([]byte, 0, 3*len(palette))
	for _, c := range palette {
		r, g, b, _ := c.RGBA()
		plte = append(plte, uint8(r>>8), uint8(g>>8), uint8(b>>8))
	}
	cw.chunk("PLTE", plte)

	bw := bufio.NewWriterSize(idat{cw}, 1<<15)
	// The zlib header of compress/zlib at BestSpeed: deflate with a
	// 32 KiB window, the fastest level, no dictionary (RFC 1950).
	if _, err := bw.Write([]byte{0x78, 0x01}); err != nil {
		return err
	}
	fw, err := flate.NewWriter(bw, flate.BestSpeed)
	if err != nil {
		return err
	}
	const stride = Width + 1 // a filter-type byte, then the row
	buf := make([]uint8, band*stride)
	sum := newRowSum()
	for y := 0; y < Height; y += band {
		rows := min(band, Height-y)
		b := buf[:rows*stride]
		// The rows' indices lie after each row's filter-type byte, which
		// stays 0.
		cv.paint(&image.Paletted{Pix: b[1:], Stride: stride, Rect: image.Rect(0, y, Width, y+rows), Palette: palette})
		for r := 0; r < rows; r++ {
			sum.row(b[r*stride : (r+1)*stride])
		}
		if _, err := fw.Write(b); err != nil {
			return err
		}
	}
	if err := fw.Close(); err != nil {
		return err
	}
	if _, err := bw.Write(binary.BigEndian.AppendUint32(nil, sum.sum32())); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	cw.chunk("IEND", nil)
	return cw.err
}

// chunkWriter writes PNG chunks, keeping the first error.
type chunkWriter struct {
	w   io.Writer
	err error
}

func (cw *chunkWriter) chunk(name string, data []byte) {
	if cw.err != nil {
		return
	}
	var head [8]byte
	binary.BigEndian.PutUint32(head[:4], uint32(len(data)))
	copy(head[4:], name)
	crc := crc32.Update(crc32.ChecksumIEEE(head[4:]), crc32.IEEETable, data)
	if _, cw.err = cw.w.Write(head[:]); cw.err != nil {
		return
	}
	if _, cw.err = cw.w.Write(data); cw.err != nil {
		return
	}
	_, cw.err = cw.w.Write(binary.BigEndian.AppendUint32(nil, crc))
}

// idat makes each write an IDAT chunk.
type idat struct{ cw *chunkWriter }

func (d idat) Write(p []byte) (int, error) {
	d.cw.chunk("IDAT", p)
	if d.cw.err != nil {
		return 0, d.cw.err
	}
	return len(p), nil
}

// adlerMod is the modulus of Adler-32.
const adlerMod = 65521

// rowSum is the Adler-32 of rows of bytes. Most of the cover's rows are
// the same as the one above (paper, the red bands, the gaps between
// lines), and a row's sums are worked out once: after a bytes, A grows by
// their sum s and B by a·A + t, where t is the sum of the running sums of
// the row, so a repeated row costs a comparison instead of the two
// additions a byte of hash/adler32.
type rowSum struct {
	a, b uint64
	last []byte // the row s and t are of
	s, t uint64
}

func newRowSum() *rowSum { return &rowSum{a: 1} }

func (h *rowSum) row(p []byte) {
	n := uint64(len(p)) % adlerMod
	if !bytes.Equal(p, h.last) {
		// Checksum starts A at 1: A = 1+s, B = n+t.
		c := uint64(adler32.Checksum(p))
		h.s = (c&0xffff + adlerMod - 1) % adlerMod
		h.t = (c>>16 + adlerMod - n) % adlerMod
		h.last = append(h.last[:0], p...)
	}
	h.b = (h.b + n*h.a + h.t) % adlerMod
	h.a = (h.a + h.s) % adlerMod
}

func (h *rowSum) sum32() uint32 { return uint32(h.b<<16 | h.a) }
