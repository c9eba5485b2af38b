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
// deflating; adlerSum here takes thirty-two bytes at a time.
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
// Thirty-two bytes at a time, as two blocks of sixteen (sum16): over a
// block s1 gains the sum of its bytes and s2 gains 16·s1 plus 16·b0 +
// 15·b1 + … + 1·b15; both sums come from multiplying the bytes, spread
// into 16-bit lanes (even and odd bytes of each word of eight), by
// constants, the top lane collecting the sum (no lane exceeds 16 bits:
// the weighted sum is at most 255·136). The loop walks p by index:
// re-slicing p at each step cost a quarter of its instructions.
func adlerSum(d uint32, p []byte) uint32 {
	s1, s2 := uint64(d&0xffff), uint64(d>>16)
	for len(p) > 0 {
		q := p
		if len(q) > adlerChunk {
			q = q[:adlerChunk]
		}
		p = p[len(q):]
		i := 0
		for ; i+32 <= len(q); i += 32 {
			w := q[i : i+32]
			a, b := sum16(binary.LittleEndian.Uint64(w), binary.LittleEndian.Uint64(w[8:]))
			c, d := sum16(binary.LittleEndian.Uint64(w[16:]), binary.LittleEndian.Uint64(w[24:]))
			s2 += s1<<5 + a<<4 + b + d
			s1 += a + c
		}
		if i+16 <= len(q) {
			w := q[i : i+16]
			a, b := sum16(binary.LittleEndian.Uint64(w), binary.LittleEndian.Uint64(w[8:]))
			s2 += s1<<4 + b
			s1 += a
			i += 16
		}
		for _, c := range q[i:] {
			s1 += uint64(c)
			s2 += s1
		}
		s1 %= adlerMod
		s2 %= adlerMod
	}
	return uint32(s2<<16 | s1)
}

// sum16 is the sum of the 16 bytes of v1 and v2 (v1's first byte in its
// low byte) and their sum weighted 16 for the first byte down to 1 for
// the last.
func sum16(v1, v2 uint64) (sum, weighted uint64) {
	const lanes = 0x00ff00ff00ff00ff
	e1, o1 := v1&lanes, (v1>>8)&lanes // b0 b2 b4 b6, b1 b3 b5 b7
	e2, o2 := v2&lanes, (v2>>8)&lanes // b8 b10 b12 b14, b9 … b15
	sum = (e1 + o1 + e2 + o2) * 0x0001000100010001 >> 48
	weighted = (e1*0x0010000e000c000a + o1*0x000f000d000b0009 +
		e2*0x0008000600040002 + o2*0x0007000500030001) >> 48
	return sum, weighted
}
