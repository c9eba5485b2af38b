package fonts

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMathFace checks that the embedded math face passes Parse, the one
// validation of fonts for the PDF writer, and measures as fpdf does.
func TestMathFace(t *testing.T) {
	f, err := Math()
	if err != nil {
		t.Fatal(err)
	}
	if f.Name != MathName || f.UnitsPerEm() != 1000 || !f.Has('∑') || f.Has(0x1D465) {
		t.Errorf("Math(): %s, %d units, has ∑ %v, has U+1D465 %v", f.Name, f.UnitsPerEm(), f.Has('∑'), f.Has(0x1D465))
	}
	if g, _ := Math(); g != f {
		t.Error("Math() parsed the face twice")
	}
	compareWithFpdf(t, f)
}

// TestReadmeHashes checks that README.md gives the SHA-256 of every font
// file in this directory, so that a replaced file cannot go unnoticed.
func TestReadmeHashes(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("*.ttf")
	if len(files) < 9 {
		t.Fatalf("%d font files", len(files))
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		if line := hex.EncodeToString(sum[:]) + "  " + name; !strings.Contains(string(readme), line) {
			t.Errorf("README.md lacks %q", line)
		}
	}
}
