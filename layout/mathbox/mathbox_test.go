package mathbox

import (
	"testing"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/fonts/otmath"
	"github.com/redtide/edition/internal/texmath"
)

func TestLayoutSetsGlyphs(t *testing.T) {
	font, err := otmath.Parse(fonts.MathData())
	if err != nil {
		t.Fatal(err)
	}
	f, err := texmath.Parse("x+1", texmath.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := NewSetter(font).Layout(f, Options{Size: 10})
	if len(b.Glyphs) != 3 || b.Width <= 0 || b.Height <= 0 {
		t.Fatalf("x+1: %d glyphs, width %g, height %g", len(b.Glyphs), b.Width, b.Height)
	}
}
