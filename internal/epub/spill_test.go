package epub

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"testing"
)

// TestSpillErrors: a scratch file that cannot be written, or that lost
// what was written to it, fails Write with an error saying so, rather
// than writing an EPUB without the documents made ahead.
func TestSpillErrors(t *testing.T) {
	ed, pages := draftEdition(t)
	arts := ed.Sections[0].Articles
	png := tinyPNG(t)
	ahead := func(f Scratch) *Draft {
		t.Helper()
		d, err := Prepare(ed, Options{Modified: epoch, CoverPNG: png})
		if err != nil {
			t.Fatal(err)
		}
		d.SpillTo(f)
		d.Ahead(arts, pages)
		return d
	}

	d := ahead(fullDisk{})
	if len(d.ahead) != 0 {
		t.Errorf("%d documents made ahead into a scratch file that cannot be written", len(d.ahead))
	}
	err := d.Write(io.Discard, pages)
	if !errors.Is(err, errFull) {
		t.Errorf("writing with a scratch file that cannot be written: error %v, want %v", err, errFull)
	}

	f := scratchFile(t)
	d = ahead(f)
	if len(d.ahead) == 0 {
		t.Fatal("no document made ahead: the test proves nothing")
	}
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(fi.Size() - 1); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	err = d.Write(&buf, pages)
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("writing with a scratch file cut short: error %v, want %v", err, io.ErrUnexpectedEOF)
	}
}

var errFull = errors.New("no space left on device")

// fullDisk is a scratch file that cannot be written.
type fullDisk struct{}

func (fullDisk) Write([]byte) (int, error)         { return 0, errFull }
func (fullDisk) ReadAt([]byte, int64) (int, error) { return 0, io.EOF }

// TestSpillCopy: entries longer than the copy buffer are copied whole,
// and in the archive as they would be from memory.
func TestSpillCopy(t *testing.T) {
	var pk packer
	body := make([]byte, 1<<20)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range body {
		body[i] = 'a' + byte(r.IntN(26)) // compresses poorly: more than one buffer
	}
	mem, err := pk.pack(body)
	if err != nil {
		t.Fatal(err)
	}
	if len(mem.data) <= 32<<10 {
		t.Fatalf("entry of %d bytes fits the copy buffer: the test proves nothing", len(mem.data))
	}
	s := &spill{f: scratchFile(t)}
	if _, err := s.keep([]byte("a first entry"), 0, 0); err != nil {
		t.Fatal(err)
	}
	z, err := pk.deflate(body)
	if err != nil {
		t.Fatal(err)
	}
	spilt, err := s.keep(z, mem.crc, mem.size)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"mimetype": []byte("application/epub+zip")}
	var want, got bytes.Buffer
	for _, c := range []struct {
		buf *bytes.Buffer
		d   packed
	}{{&want, mem}, {&got, spilt}} {
		if err := writeZip(c.buf, files, map[string]packed{"EPUB/xhtml/a.xhtml": c.d}, epoch); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Errorf("the archive with the entry spilt differs (%d bytes, %d from memory)", got.Len(), want.Len())
	}
}
