package text

import (
	"strings"

	"github.com/redtide/edition/layout/linebreak"
	"github.com/redtide/edition/layout/mathbox"
)

// This file carries inline formulas, set by package mathbox, through a
// paragraph: each piece of a formula is a box on the baseline; after a
// piece that ends in a relation or a binary operation at the formula's
// outer level a line may break (TeX's \relpenalty, \binoppenalty), and the
// math space there is glue that a break drops (The TeXbook, p. 173).

// MathPiece is a piece of an inline formula (mathbox.Piece, in Lengths).
type MathPiece struct {
	Box     *mathbox.Box
	Break   bool   // a line may break after the piece
	Penalty int    // the cost of that break
	Space   Length // the math space after the piece when the line goes on
	Stretch Length // how much Space may stretch and shrink in a justified line
	Shrink  Length
	// TeX is the formula's source on its first piece, "" on the others: the
	// words of a formula are its TeX's, as the EPUB counts them for the
	// page map (model.PageStart); they begin at its first piece.
	TeX string
}

// Width is the advance width of the piece's box.
func (m *MathPiece) Width() Length { return FromPoints(m.Box.Width) }

// hasMath reports whether some piece of w is math.
func hasMath(w Word) bool {
	for _, p := range w.Pieces {
		if p.Math != nil {
			return true
		}
	}
	return false
}

// addMathWord adds a word that holds an inline formula, or several, with
// the text attached to it (a parenthesis, a stop, "th" in "$n$th"): the
// formula's pieces as boxes with their breaks and spaces between them,
// the text as boxes that are not broken.
func (lt *Setter) addMathWord(w Word) {
	ib := &lt.ib
	ib.word++
	for i := range w.Pieces {
		p := &w.Pieces[i]
		st := &p.Style
		switch {
		case p.Math != nil:
			m := p.Math
			ib.add(linebreak.Box(kp(m.Width())), boxData{st: st, math: m})
			if m.Break && i+1 < len(w.Pieces) {
				ib.add(linebreak.Penalty(0, m.Penalty, false), boxData{st: st})
				ib.add(linebreak.Glue(kp(m.Space), kp(m.Stretch), kp(m.Shrink)), boxData{st: st, mathSpace: true})
			} else if m.Space > 0 && i+1 < len(w.Pieces) {
				ib.add(linebreak.Penalty(0, linebreak.Infinity, false), boxData{st: st})
				ib.add(linebreak.Glue(kp(m.Space), kp(m.Stretch), kp(m.Shrink)), boxData{st: st, mathSpace: true})
			}
		case p.Ref != nil:
			d := textBox(p.Text, st)
			d.ref = p.Ref
			ib.add(linebreak.Box(kp(lt.Width(p.Text, p.Style))), d)
		default:
			t := strings.ReplaceAll(strings.ReplaceAll(p.Text, "\u00ad", ""), "\u00a0", " ")
			t = lt.Clean(t, p.Style.Face)
			if t != "" {
				ib.add(linebreak.Box(kp(lt.Width(t, p.Style))), textBox(t, st))
			}
		}
	}
}

// mathExtent is how far the formulas of a line reach above and below its
// baseline, 0 when it has none.
type mathExtent struct{ up, down, size Length }

func (e *mathExtent) add(m *MathPiece, st Style) {
	e.up = max(e.up, FromPoints(m.Box.Height)+st.Rise)
	e.down = max(e.down, FromPoints(m.Box.Depth)-st.Rise)
	e.size = max(e.size, st.Size)
}

// Nominal extent of a line of text without math, as a fraction of its
// size: what the line above a formula reaches below its baseline, and the
// line below above its own (a parenthesis's depth and height in the
// text faces, rounded up), and TeX's \lineskip, the least white between
// a formula's ink and the next line's.
const (
	textUp   = 78 // per cent of the size
	textDown = 24
	lineSkip = 10
)

// clearMath makes room for tall inline formulas as TeX's \baselineskip and
// \lineskip do: the baselines of two lines stay Leading apart unless the
// depth of the upper line and the height of the lower one, with \lineskip
// between them, need more; then the lower line moves down by the
// difference. Lines without tall formulas keep the leading (and the
// baseline grid).
func clearMath(lines []*Line, ext []mathExtent, leading Length) {
	var prevDown Length
	for i, sl := range lines {
		e := ext[i]
		size := e.size
		if size == 0 {
			size = ext[max(i-1, 0)].size
		}
		up := max(e.up, size*textUp/100)
		if i == 0 {
			prevDown = size * textDown / 100
		}
		if e.size > 0 || ext[max(i-1, 0)].size > 0 {
			if need := prevDown + up + size*lineSkip/100; need > leading {
				sl.Height += need - leading
				sl.Base += need - leading
			}
		}
		prevDown = max(e.down, size*textDown/100)
		if i == len(lines)-1 && e.size > 0 {
			// the line after the paragraph is text
			if need := prevDown + size*textUp/100 + size*lineSkip/100; need > leading {
				sl.Height += need - leading
			}
		}
	}
}
