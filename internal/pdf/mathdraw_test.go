package pdf

import (
	"bytes"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/fonts/otmath"
	"github.com/redtide/edition/internal/texmath"
	"github.com/redtide/edition/layout/mathbox"
)

// TestDrawMath draws a formula and checks the page's content stream shows
// its glyphs by id and its rules.
func TestDrawMath(t *testing.T) {
	mf, err := otmath.Parse(fonts.MathData())
	if err != nil {
		t.Fatal(err)
	}
	tf, err := texmath.Parse("x=1", texmath.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := mathbox.NewSetter(mf).Layout(tf, mathbox.Options{Size: 12})
	b.Rules = append(b.Rules, mathbox.Rule{X: 0, Y: -3, W: b.Width, H: 0.5})
	f := fpdf.New("P", "pt", "A5", "")
	f.SetCompression(false)
	f.AddUTF8FontFromBytes(fonts.MathName, "", fonts.MathData())
	f.AddPage()
	drawMath(f, fonts.MathName, b, 50, 100)
	var out bytes.Buffer
	if err := f.Output(&out); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	if n := strings.Count(s, " Tj"); n < len(b.Glyphs) {
		t.Errorf("%d text operators for %d glyphs", n, len(b.Glyphs))
	}
	if !strings.Contains(s, " re f") {
		t.Error("no rule painted")
	}
}
