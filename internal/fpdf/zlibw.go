// Edition patch: the zlib stream around klauspost/compress's deflate,
// with a faster Adler-32. See README.md.

package fpdf

import (
	"encoding/binary"
	"io"

	"github.com/klauspost/compress/flate"
)

// zlibWriter writes the zlib stream (RFC 1950) that klauspost/compress's
// zlib.Writer writes at level 1, byte for byte: the header 78 01, the
// deflated data, and the Adler-32 of the data. That writer sums the data
// with hash/adler32, which took as many instructions as a third of the
// deflating; adlerSum here takes eight bytes at a time.
type zlibWriter struct {
	w      io.Writer
	fw     *flate.Writer
	sum    uint32
	header bool // the header is written
	err    error
}

// newZlibWriter returns a zlibWriter writing to w.
func newZlibWriter(w io.Writer) *zlibWriter {
	fw, _ := flate.NewWriter(w, flate.BestSpeed) // a valid level cannot fail
	return &zlibWriter{w: w, fw: fw, sum: 1}
}

// Reset starts a new stream, written to w.
func (z *zlibWriter) Reset(w io.Writer) {
	z.w, z.sum, z.header, z.err = w, 1, false, nil
	z.fw.Reset(w)
}

func (z *zlibWriter) writeHeader() {
	if !z.header {
		z.header = true
		_, z.err = z.w.Write([]byte{0x78, 0x01})
	}
}

func (z *zlibWriter) Write(p []byte) (int, error) {
	z.writeHeader()
	if z.err != nil {
		return 0, z.err
	}
	n, err := z.fw.Write(p)
	z.sum = adlerSum(z.sum, p[:n])
	z.err = err
	return n, err
}

// Close ends the stream; it does not close the underlying writer.
func (z *zlibWriter) Close() error {
	z.writeHeader()
	if z.err != nil {
		return z.err
	}
	if z.err = z.fw.Close(); z.err != nil {
		return z.err
	}
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], z.sum)
	_, z.err = z.w.Write(b[:])
	return z.err
}

const (
	adlerMod = 65521
	// adlerChunk is how many bytes adlerSum sums before taking the
	// remainders: s2 stays below 2^64 (it grows by at most
	// adlerChunk·(adlerMod + 255·adlerChunk)).
	adlerChunk = 1 << 16
)

// adlerSum updates the Adler-32 checksum d with p, as hash/adler32 does.
// Eight bytes v at a time: s1 gains their sum and s2 gains 8·s1 plus
// 8·b0 + 7·b1 + … + 1·b7; both sums come from multiplying the bytes,
// spread into 16-bit lanes, by a constant, the top lane collecting the
// sum (no lane exceeds 16 bits).
func adlerSum(d uint32, p []byte) uint32 {
	s1, s2 := uint64(d&0xffff), uint64(d>>16)
	const lanes = 0x00ff00ff00ff00ff
	for len(p) > 0 {
		q := p
		if len(q) > adlerChunk {
			q = q[:adlerChunk]
		}
		p = p[len(q):]
		for len(q) >= 8 {
			v := binary.LittleEndian.Uint64(q)
			even, odd := v&lanes, (v>>8)&lanes // b0 b2 b4 b6, b1 b3 b5 b7
			sum := (even + odd) * 0x0001000100010001 >> 48
			weighted := (even*0x0008000600040002 + odd*0x0007000500030001) >> 48
			s2 += s1<<3 + weighted
			s1 += sum
			q = q[8:]
		}
		for _, c := range q {
			s1 += uint64(c)
			s2 += s1
		}
		s1 %= adlerMod
		s2 %= adlerMod
	}
	return uint32(s2<<16 | s1)
}
