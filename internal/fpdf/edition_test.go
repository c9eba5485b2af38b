package fpdf

import (
	"bytes"
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"
)

// TestFontID: generateFontID, which hashes the widths without
// json.Marshal, gives the hash of json.Marshal of the whole definition, as
// fpdf computed it (the font names in every PDF depend on it). Run with
// go test in this folder: go test ./... at the top does not run it.
func TestFontID(t *testing.T) {
	for _, name := range []string{"DejaVuSans.ttf", "LiberationSerif-Regular.ttf", "LiberationMono-Regular.ttf", "STIXTwoMath-Regular.ttf"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "fonts", name))
		if err != nil {
			t.Fatal(err)
		}
		f := New("P", "pt", "A4", "")
		def, err := f.utf8FontDef("x", "", data)
		if err != nil {
			t.Fatal(err)
		}
		fdt := def
		fdt.File = ""
		b, _ := json.Marshal(&fdt)
		want := fmt.Sprintf("%x", sha1.Sum(b))
		if def.i != want {
			t.Errorf("%s: %s want %s", name, def.i, want)
		}
	}
	for _, cw := range [][]int{nil, {}, {1}, {-3, 0, 7}} {
		fdt := fontDefType{Tp: "UTF8", Name: `a"Cw":null`, Cw: cw}
		got, _ := generateFontID(fdt)
		b, _ := json.Marshal(&fdt)
		if want := fmt.Sprintf("%x", sha1.Sum(b)); got != want {
			t.Errorf("%v: %s want %s", cw, got, want)
		}
	}
}

// TestFileID checks the trailer's /ID: the fileSum of the bytes before
// it (the file up to the trailer's /Info entry), the same whether Output gathers the file or spills it
// (SpillOutput, which hashes it as it goes), and different for a
// document that differs in one character.
func TestFileID(t *testing.T) {
	doc := func(text string, spill bool) []byte {
		f := New("P", "mm", "A4", "")
		f.SetFileID()
		f.SpillOutput(spill)
		f.SetCompression(false) // so that the file is large enough to spill
		// a fixed date: New takes the time of the run
		when := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
		f.SetCreationDate(when)
		f.SetModificationDate(when)
		f.SetFont("Helvetica", "", 12)
		for i := 0; i < 800; i++ { // more than twice spillSize of content
			f.AddPage()
			for j := 0; j < 60; j++ {
				f.Text(10, float64(10+4*j), fmt.Sprintf("%s %d %d %x", text, i, j, i*j*7919))
			}
		}
		var b bytes.Buffer
		if err := f.Output(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	id := regexp.MustCompile(`/ID \[<([0-9a-f]{32})> <([0-9a-f]{32})>\]`)
	idOf := func(b []byte) string {
		m := id.FindSubmatch(b)
		if m == nil || string(m[1]) != string(m[2]) {
			t.Fatalf("no /ID of two equal identifiers in the trailer")
		}
		return string(m[1])
	}
	whole, spilled := doc("abc", false), doc("abc", true)
	if len(whole) < 2*spillSize {
		t.Fatalf("the document has %d bytes; too few to spill", len(whole))
	}
	if !bytes.Equal(whole, spilled) {
		t.Errorf("spilled output differs from gathered output")
	}
	end := bytes.LastIndex(whole, []byte("/ID ["))
	var s fileSum
	s.write(whole[:end])
	if got, want := idOf(whole), fmt.Sprintf("%x", s.sum()); got != want {
		t.Errorf("/ID %s, want the fileSum of the bytes before it, %s", got, want)
	}
	if want := fmt.Sprintf("%08x%08x%016x", crc32.ChecksumIEEE(whole[:end]), crc32.Checksum(whole[:end], crc32.MakeTable(crc32.Castagnoli)), end); idOf(whole) != want {
		t.Errorf("/ID %s, want %s", idOf(whole), want)
	}
	if idOf(doc("abd", false)) == idOf(whole) {
		t.Errorf("documents differing in one character have the same /ID")
	}
}
