package epub

import (
	"archive/zip"
	"bytes"
	"fmt"
	"hash/crc32"
	"io"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/klauspost/compress/flate"
)

// writeZip writes files and the deflated entries docs as an EPUB
// container: mimetype first and stored, then every file in name order,
// with fixed times.
func writeZip(w io.Writer, files map[string][]byte, docs map[string]packed, mod time.Time) error {
	names := make([]string, 0, len(files)+len(docs))
	for n := range files {
		names = append(names, n)
	}
	for n := range docs {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		if names[i] == "mimetype" || names[j] == "mimetype" {
			return names[i] == "mimetype"
		}
		return names[i] < names[j]
	})
	mod = mod.UTC()
	if mod.Year() < 1980 {
		mod = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, fastDeflate)
	for _, n := range names {
		// MS-DOS time fields only: Modified would add an extra field,
		// which EPUB forbids on the mimetype entry.
		h := &zip.FileHeader{Name: n, Method: zip.Deflate, ModifiedDate: dosDate(mod), ModifiedTime: dosTime(mod)}
		if d, ok := docs[n]; ok {
			if err := writeRaw(zw, h, d); err != nil {
				return err
			}
			continue
		}
		if n == "mimetype" || strings.HasPrefix(n, contentDir+imageDir) {
			h.Method = zip.Store // JPEG, PNG and GIF are compressed already
		}
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return fmt.Errorf("epub: %w", err)
		}
		if _, err := fw.Write(files[n]); err != nil {
			return fmt.Errorf("epub: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("epub: %w", err)
	}
	return nil
}

// packed is an entry deflated before the archive is written: its
// compressed bytes, or where a spill keeps them, the CRC-32 and the
// length of what they hold.
type packed struct {
	data   []byte
	spilt  *spill // holds the bytes at off, n long, when data does not
	off, n int64
	crc    uint32
	size   int
}

// compressed is the length of d's compressed bytes.
func (d packed) compressed() int64 {
	if d.spilt != nil {
		return d.n
	}
	return int64(len(d.data))
}

// packer deflates entries as fastDeflate does when the archive is
// written, so that a packed entry's bytes are those CreateHeader would
// have written; one buffer serves every entry, and each keeps a copy of
// its own length.
type packer struct{ buf bytes.Buffer }

func (pk *packer) pack(data []byte) (packed, error) {
	z, err := pk.deflate(data)
	if err != nil {
		return packed{}, err
	}
	return packed{data: bytes.Clone(z), crc: crc32.ChecksumIEEE(data), size: len(data)}, nil
}

// deflate compresses data into the packer's buffer, which the next call
// reuses.
func (pk *packer) deflate(data []byte) ([]byte, error) {
	pk.buf.Reset()
	fw, err := fastDeflate(&pk.buf)
	if err != nil {
		return nil, fmt.Errorf("epub: %w", err)
	}
	_, err = fw.Write(data)
	if cerr := fw.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("epub: %w", err)
	}
	return pk.buf.Bytes(), nil
}

// writeRaw writes the deflated entry d under h with the header
// CreateHeader gives an entry it deflates itself (version 2.0, a data
// descriptor, the UTF-8 flag for a name that needs it), so that the
// archive is the same byte for byte.
func writeRaw(zw *zip.Writer, h *zip.FileHeader, d packed) error {
	h.CreatorVersion, h.ReaderVersion = zipVersion20, zipVersion20
	h.Flags |= 0x8 // a data descriptor
	if needsUTF8(h.Name) {
		h.Flags |= 0x800
	}
	h.CRC32 = d.crc
	h.CompressedSize64, h.UncompressedSize64 = uint64(d.compressed()), uint64(d.size)
	fw, err := zw.CreateRaw(h)
	if err != nil {
		return fmt.Errorf("epub: %w", err)
	}
	if d.spilt != nil {
		return d.spilt.copy(fw, d.off, d.n)
	}
	if _, err := fw.Write(d.data); err != nil {
		return fmt.Errorf("epub: %w", err)
	}
	return nil
}

// zipVersion20 is the version CreateHeader writes: 2.0, deflate.
const zipVersion20 = 20

// needsUTF8 reports whether archive/zip's CreateHeader flags name as
// UTF-8: it holds a character outside the part of CP-437 every reader
// agrees on, and is valid UTF-8 (archive/zip's detectUTF8).
func needsUTF8(name string) bool {
	if !utf8.ValidString(name) {
		return false
	}
	for _, r := range name {
		if r < 0x20 || r > 0x7d || r == 0x5c {
			return true
		}
	}
	return false
}

func dosDate(t time.Time) uint16 {
	return uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
}

func dosTime(t time.Time) uint16 {
	return uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
}

var flatePool sync.Pool

// fastDeflate compresses entries at the fastest level (markup compresses
// well even so), reusing compressors: each holds about a megabyte. It is
// klauspost/compress's deflate, as the PDF's streams are (see
// internal/fpdf, patch 20): on the corpus edition its level 1 took 57M
// fewer instructions than the standard library's BestSpeed, for an
// archive slightly smaller (1,499,255 → 1,496,426 bytes).
func fastDeflate(out io.Writer) (io.WriteCloser, error) {
	if fw, ok := flatePool.Get().(*flate.Writer); ok {
		fw.Reset(out)
		return pooledFlate{fw}, nil
	}
	fw, err := flate.NewWriter(out, flate.BestSpeed)
	if err != nil {
		return nil, err
	}
	return pooledFlate{fw}, nil
}

type pooledFlate struct{ *flate.Writer }

func (p pooledFlate) Close() error {
	err := p.Writer.Close()
	flatePool.Put(p.Writer)
	return err
}
