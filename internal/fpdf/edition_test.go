package fpdf

import (
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
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
