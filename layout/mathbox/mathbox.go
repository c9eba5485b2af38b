// Package mathbox sets a formula read by internal/texmath as boxes of
// glyphs and rules, by the rules of the TeXbook's Appendix G with the
// parameters of an OpenType MATH table (fonts/otmath): what the print
// edition paints. It knows nothing of pages or of the PDF writer: layout
// places a Box inline in a line or centred in a column, and the PDF writer
// draws its glyphs by glyph id.
//
// Lengths are in points at the size given to Layout. Coordinates of a
// box's contents are relative to the box's reference point, the left end
// of its baseline: X grows to the right, Y grows downwards (as on a page),
// so a glyph raised above the baseline has a negative Y.
package mathbox

import (
	"slices"

	"github.com/redtide/edition/fonts/otmath"
	"github.com/redtide/edition/internal/texmath"
)

// Box is a formula, or a piece of one, set and ready to paint.
type Box struct {
	Width  float64 // advance width
	Height float64 // extent above the baseline (>= 0 for visible ink)
	Depth  float64 // extent below the baseline
	Glyphs []Glyph
	Rules  []Rule
	Lines  []Line
}

// Add appends src's glyphs, rules and lines to b, scaled by f about src's
// reference point, then moved dx to the right and dy down; b's width,
// height and depth are left as they are.
func (b *Box) Add(src *Box, dx, dy, f float64) {
	b.Glyphs = slices.Grow(b.Glyphs, len(src.Glyphs))
	for _, g := range src.Glyphs {
		g.X, g.Y, g.Size = g.X*f+dx, g.Y*f+dy, g.Size*f
		b.Glyphs = append(b.Glyphs, g)
	}
	for _, r := range src.Rules {
		r.X, r.Y, r.W, r.H = r.X*f+dx, r.Y*f+dy, r.W*f, r.H*f
		b.Rules = append(b.Rules, r)
	}
	for _, l := range src.Lines {
		l.X1, l.Y1, l.X2, l.Y2, l.W = l.X1*f+dx, l.Y1*f+dy, l.X2*f+dx, l.Y2*f+dy, l.W*f
		b.Lines = append(b.Lines, l)
	}
}

// Glyph is one glyph of the math font, drawn by glyph id.
type Glyph struct {
	X, Y float64 // origin on its baseline, relative to the box's reference point
	Size float64 // font size in points
	GID  otmath.GlyphID
	// Text is what the glyph stands for in the PDF's text (ToUnicode):
	// the character itself, or the base character of a size variant or
	// of a piece of an assembled delimiter.
	Text string
}

// Rule is a filled rectangle: a fraction bar, a radical's overbar, an
// \overline, a \rule.
type Rule struct {
	X, Y float64 // top-left corner, relative to the box's reference point
	W, H float64
}

// Line is a straight stroke: the diagonal strikes of \cancel, \bcancel
// and \xcancel.
type Line struct {
	X1, Y1, X2, Y2 float64 // its ends, relative to the box's reference point
	W              float64 // its width
}

// Piece is a part of an inline formula between two places where a line
// may break: TeX breaks inline math after a relation or a binary
// operation at the outer level of the formula (The TeXbook, p. 173).
type Piece struct {
	Box *Box
	// Penalty is the cost of breaking after this piece: TeX's
	// \relpenalty (500) after a relation, \binoppenalty (700) after a
	// binary operation. The last piece has no break after it (Break
	// false).
	Penalty int
	Break   bool
	// Space is the math space that follows the piece when the line does
	// not break there (a thick space after a relation, a medium space
	// after a binary operation), in points; dropped at a break.
	Space float64
}

// Warning is a problem met while setting a formula: a command with no
// glyph, a delimiter that could not grow. Offset is the byte offset in the
// formula's TeX source.
type Warning struct {
	Offset int
	Msg    string
}

// Options set a formula.
type Options struct {
	Size float64 // font size of the text around it, in points
	// Display sets the formula in display style (a display, not a line of
	// text).
	Display bool
}

// Setter sets formulas with one math font. It is safe for concurrent use.
type Setter struct {
	font *otmath.Font
	ssty [2]map[otmath.GlyphID]otmath.GlyphID // script and scriptscript forms
}

// NewSetter returns a Setter for f.
func NewSetter(f *otmath.Font) *Setter { return &Setter{font: f, ssty: scriptForms(f)} }

// Layout sets f whole.
func (s *Setter) Layout(f *texmath.Formula, o Options) (*Box, []Warning) {
	return s.layout(f, o)
}

// RowTag is the equation number of one row of an environment at a
// display's outer level (align, gather, equation, multline), set as
// text, "(3)" as the tag reads, and that row's baseline: Y points below
// the display's baseline (negative: above it).
type RowTag struct {
	Box *Box
	Y   float64
}

// Display sets display formula f as Layout does, with the tags of the
// rows of its outer environments, top to bottom, for layout to place at
// the right margin on their rows' baselines (the formula's own \tag is
// Tag's).
func (s *Setter) Display(f *texmath.Formula, o Options) (*Box, []RowTag, []Warning) {
	return s.display(f, o)
}

// Pieces sets an inline formula as the pieces a line may break between.
// One piece when the formula has no relation or binary operation at its
// outer level.
func (s *Setter) Pieces(f *texmath.Formula, o Options) ([]Piece, []Warning) {
	return s.pieces(f, o)
}
