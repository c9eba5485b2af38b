package mathbox

import (
	"github.com/redtide/edition/internal/texmath"
)

// layout is a placeholder until the Appendix G setter lands: the formula's
// symbols in a row on the baseline, in text style, with no structure.
// It exists so that layout and the PDF writer can be built against the
// API; it is not what prints.
func (s *Setter) layout(f *texmath.Formula, o Options) (*Box, []Warning) {
	b := &Box{}
	scale := o.Size / float64(s.font.UnitsPerEm)
	var walk func(ns []texmath.Node)
	walk = func(ns []texmath.Node) {
		for _, n := range ns {
			switch n := n.(type) {
			case *texmath.Symbol:
				for _, r := range n.Text {
					g, ok := s.font.Glyph(texmath.Styled(r, n.Variant))
					if !ok {
						continue
					}
					b.Glyphs = append(b.Glyphs, Glyph{X: b.Width, Size: o.Size, GID: g, Text: string(r)})
					_, yMin, _, yMax := s.font.Box(g)
					b.Height = max(b.Height, float64(yMax)*scale)
					b.Depth = max(b.Depth, float64(-yMin)*scale)
					b.Width += float64(s.font.Advance(g)) * scale
				}
			case *texmath.Group:
				walk(n.Body)
			case *texmath.Scripts:
				if n.Nucleus != nil {
					walk([]texmath.Node{n.Nucleus})
				}
				walk(n.Sub)
				walk(n.Sup)
			}
		}
	}
	walk(f.Body)
	return b, nil
}
