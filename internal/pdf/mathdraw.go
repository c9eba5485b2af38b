package pdf

import (
	"github.com/go-pdf/fpdf"

	"github.com/redtide/edition/layout/mathbox"
)

// drawMath paints a formula set by package mathbox with its reference
// point (the left end of its baseline) at x, y in points, in the math
// face that f knows as name: every glyph by its glyph id, with the text it
// stands for in the PDF's text, and every rule as a filled rectangle.
// The caller flushes any text of its own first.
func drawMath(f *fpdf.Fpdf, name string, b *mathbox.Box, x, y float64) {
	size := -1.0
	for _, g := range b.Glyphs {
		if g.Size != size {
			size = g.Size
			f.SetFont(name, "", size)
		}
		f.GlyphText(x+g.X, y+g.Y, int(g.GID), g.Text)
	}
	for _, r := range b.Rules {
		f.Rect(x+r.X, y+r.Y, r.W, r.H, "F")
	}
	if len(b.Lines) > 0 {
		lw := f.GetLineWidth()
		f.SetLineCapStyle("round")
		for _, l := range b.Lines {
			f.SetLineWidth(l.W)
			f.Line(x+l.X1, y+l.Y1, x+l.X2, y+l.Y2)
		}
		f.SetLineCapStyle("butt")
		f.SetLineWidth(lw)
	}
}
