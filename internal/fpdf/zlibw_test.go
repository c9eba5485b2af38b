package fpdf

import (
	"bytes"
	"hash/adler32"
	"math/rand"
	"testing"

	kzlib "github.com/klauspost/compress/zlib"
)

// TestAdler32 compares adlerSum with hash/adler32 on data of every length
// up to 64 and on long runs of 0xff, the case where the sums grow most.
func TestAdler32(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	data := make([]byte, 3<<16+13)
	r.Read(data)
	for n := 0; n <= 64; n++ {
		if got, want := adlerSum(1, data[:n]), adler32.Checksum(data[:n]); got != want {
			t.Errorf("len %d: %08x, want %08x", n, got, want)
		}
	}
	ff := bytes.Repeat([]byte{0xff}, len(data))
	for _, p := range [][]byte{data, ff, ff[:adlerChunk], ff[:adlerChunk+7]} {
		if got, want := adlerSum(1, p), adler32.Checksum(p); got != want {
			t.Errorf("len %d: %08x, want %08x", len(p), got, want)
		}
		// in two pieces, as a stream written in two calls
		h := adler32.New()
		h.Write(p)
		if got, want := adlerSum(adlerSum(1, p[:1001]), p[1001:]), h.Sum32(); got != want {
			t.Errorf("len %d in two: %08x, want %08x", len(p), got, want)
		}
	}
}

// TestZlibWriter checks that zlibWriter writes what klauspost/compress's
// zlib.Writer writes at level 1, also after Reset.
func TestZlibWriter(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	var pdfLike bytes.Buffer
	for pdfLike.Len() < 200000 {
		pdfLike.WriteString("BT 72.00 ")
		pdfLike.WriteString([]string{"700.25", "688.10", "12.5"}[r.Intn(3)])
		pdfLike.WriteString(" Td (\x00a\x00b) Tj ET\n")
	}
	noise := make([]byte, 70000)
	r.Read(noise)
	var got, want bytes.Buffer
	zw := newZlibWriter(&got)
	kw, _ := kzlib.NewWriterLevel(&want, kzlib.BestSpeed)
	for _, p := range [][]byte{pdfLike.Bytes(), noise, nil, []byte("q 1 0 0 1 0 0 cm Q")} {
		got.Reset()
		want.Reset()
		zw.Reset(&got)
		kw.Reset(&want)
		if _, err := zw.Write(p); err != nil {
			t.Fatal(err)
		}
		zw.Close()
		kw.Write(p)
		kw.Close()
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%d bytes: zlibWriter wrote %d bytes, zlib.Writer %d, not the same", len(p), got.Len(), want.Len())
		}
	}
}

func BenchmarkAdler32(b *testing.B) {
	data := bytes.Repeat([]byte("BT 72.00 700.25 Td (\x00a\x00b) Tj ET\n"), 4000)
	b.SetBytes(int64(len(data)))
	for i := 0; i < b.N; i++ {
		adlerSum(1, data)
	}
}

func BenchmarkAdler32Std(b *testing.B) {
	data := bytes.Repeat([]byte("BT 72.00 700.25 Td (\x00a\x00b) Tj ET\n"), 4000)
	b.SetBytes(int64(len(data)))
	for i := 0; i < b.N; i++ {
		adler32.Checksum(data)
	}
}
