package epub

import (
	"errors"
	"fmt"
	"hash/crc32"
	"io"
)

// Scratch is where a Draft keeps the documents it makes ahead (see
// Draft.SpillTo): an empty file, written from its start, read back at
// offsets. An *os.File is one.
type Scratch interface {
	io.Writer
	io.ReaderAt
}

// A spill keeps deflated entries in a scratch file rather than in
// memory: each is appended as it is made, and copied into the archive
// when it is written. The documents made ahead would otherwise stay in
// memory until then, growing with the edition (about 5 MB of the live
// heap at 720 posts).
type spill struct {
	f   Scratch
	end int64  // bytes written so far
	buf []byte // for copying entries out
	err error  // the first write that failed: nothing is kept after it
}

// keep appends the deflated bytes z of an entry of size bytes whose
// CRC-32 is crc.
func (s *spill) keep(z []byte, crc uint32, size int) (packed, error) {
	if s.err != nil {
		return packed{}, s.err
	}
	if _, err := s.f.Write(z); err != nil {
		s.err = fmt.Errorf("epub: scratch file: %w", err)
		return packed{}, s.err
	}
	d := packed{spilt: s, off: s.end, n: int64(len(z)), crc: crc, size: size}
	s.end += int64(len(z))
	return d, nil
}

// failed is the error of the write that failed, if one did; nil for no
// spill.
func (s *spill) failed() error {
	if s == nil {
		return nil
	}
	return s.err
}

// copy writes the n bytes kept at off to w.
func (s *spill) copy(w io.Writer, off, n int64) error {
	if s.buf == nil {
		s.buf = make([]byte, 32<<10)
	}
	for n > 0 {
		b := s.buf[:min(n, int64(len(s.buf)))]
		// ReadAt may give io.EOF with the last bytes: only a short read fails
		if k, err := s.f.ReadAt(b, off); k < len(b) {
			if err == nil || errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return fmt.Errorf("epub: scratch file: %w", err)
		}
		if _, err := w.Write(b); err != nil {
			return fmt.Errorf("epub: %w", err)
		}
		off += int64(len(b))
		n -= int64(len(b))
	}
	return nil
}

// SpillTo has the content documents that Ahead makes kept in f rather
// than in memory: their deflated bytes are written to f as they are
// made, and Write copies them into the EPUB from there. The EPUB is the
// same. f is the caller's to remove once Write has returned; Write
// reports a failure to write or read it. Called before Ahead.
func (d *Draft) SpillTo(f Scratch) {
	d.spill = &spill{f: f}
}

// pack deflates the document x made ahead, into the spill if there is
// one.
func (d *Draft) pack(x []byte) (packed, error) {
	if d.spill == nil {
		return d.pk.pack(x)
	}
	z, err := d.pk.deflate(x)
	if err != nil {
		return packed{}, err
	}
	return d.spill.keep(z, crc32.ChecksumIEEE(x), len(x))
}
