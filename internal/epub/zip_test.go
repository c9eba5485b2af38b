package epub

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestPackedEntries: an entry deflated beforehand (packDocuments) is
// written byte for byte as CreateHeader writes the same file, whatever
// its name needs (a name outside ASCII sets the UTF-8 flag).
func TestPackedEntries(t *testing.T) {
	mod := time.Date(2026, 12, 7, 10, 30, 0, 0, time.UTC)
	body := []byte(strings.Repeat("<p>Une ligne de texte, déjà écrite.</p>\n", 500))
	for _, name := range []string{"EPUB/xhtml/a-text.xhtml", "EPUB/xhtml/été~1.xhtml", "EPUB/xhtml/empty.xhtml"} {
		data := body
		if strings.Contains(name, "empty") {
			data = nil
		}
		files := map[string][]byte{"mimetype": []byte("application/epub+zip"), "EPUB/nav.xhtml": body}
		var whole bytes.Buffer
		all := map[string][]byte{name: data}
		for n, d := range files {
			all[n] = d
		}
		if err := writeZip(&whole, all, nil, mod); err != nil {
			t.Fatal(err)
		}
		var pk packer
		d, err := pk.pack(data)
		if err != nil {
			t.Fatal(err)
		}
		var packedZip bytes.Buffer
		if err := writeZip(&packedZip, files, map[string]packed{name: d}, mod); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(whole.Bytes(), packedZip.Bytes()) {
			t.Errorf("%s: the archive with the entry packed differs (%d bytes, %d written whole)", name, packedZip.Len(), whole.Len())
		}
	}
}
