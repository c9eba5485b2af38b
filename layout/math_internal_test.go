package layout

import (
	"strings"
	"testing"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/layout/mathbox"
)

func box(w float64) *mathbox.Box {
	return &mathbox.Box{Width: w, Height: 7, Depth: 2, Glyphs: []mathbox.Glyph{{X: w / 2, Y: -1, Size: 10}}, Rules: []mathbox.Rule{{X: 1, Y: -3, W: w - 2, H: 0.4}}}
}

// TestDisplayRowsTag places a display with an equation number: centred
// with the number flush right; moved left of centre when the number would
// come within a quad; the number on a line of its own when even that
// does not fit.
func TestDisplayRowsTag(t *testing.T) {
	W, quad := 300*Pt, 10*Pt
	none := func() []mathbox.Piece { t.Error("pieces asked for a display that fits"); return nil }
	tag := box(20)
	for _, c := range []struct {
		w       float64
		x       Length
		ownLine bool
	}{
		{100, 100 * Pt, false},
		{250, 20 * Pt, false}, // centred it would end at 275pt, within a quad of the number at 280pt
		{280, 10 * Pt, true},
	} {
		rows, scale := displayRows(box(c.w), tag, none, W, quad)
		if scale != 1 {
			t.Errorf("%gpt: scaled by %g", c.w, scale)
		}
		if c.ownLine {
			if len(rows) != 2 || rows[0].tag != nil || rows[1].box != nil || rows[1].tag != tag || rows[1].tagX != 280*Pt {
				t.Errorf("%gpt: %+v, want the number alone on a second line", c.w, rows)
			}
		} else if len(rows) != 1 || rows[0].tag != tag || rows[0].tagX != 280*Pt {
			t.Errorf("%gpt: %+v, want the number beside the formula, flush right", c.w, rows)
		}
		if rows[0].x != c.x {
			t.Errorf("%gpt wide: at %v, want %v", c.w, rows[0].x, c.x)
		}
	}
}

// TestDisplayRowsTooWide breaks a display wider than the column after
// the pieces that allow a break, continuation lines indented by two
// quads; a display whose pieces allow no break is scaled down to the
// column. No line passes the column's edge.
func TestDisplayRowsTooWide(t *testing.T) {
	W, quad := 300*Pt, 10*Pt
	pieces := []mathbox.Piece{
		{Box: box(200), Break: true, Penalty: 500, Space: 3},
		{Box: box(50), Space: 2}, // no break after it: inside a fraction, say
		{Box: box(100), Break: true, Penalty: 700, Space: 3},
		{Box: box(150)},
	}
	rows, scale := displayRows(box(508), nil, func() []mathbox.Piece { return pieces }, W, quad)
	if scale != 1 || len(rows) != 3 {
		t.Fatalf("%d rows, scale %g: want three lines at full size", len(rows), scale)
	}
	for i, want := range []float64{200, 50 + 2 + 100, 150} {
		r := rows[i]
		if r.box.Width != want || r.x != map[bool]Length{true: 0, false: 2 * quad}[i == 0] || r.x+FromPoints(r.box.Width) > W {
			t.Errorf("line %d: %g wide at %v, want %g", i, r.box.Width, r.x, want)
		}
	}
	if g := rows[1].box.Glyphs; len(g) != 2 || g[1].X != 50+2+50 {
		t.Errorf("second line's glyphs %+v: want the second piece's after the first and the math space", g)
	}
	rows, scale = displayRows(box(600), nil, func() []mathbox.Piece { return []mathbox.Piece{{Box: box(600)}} }, W, quad)
	if len(rows) != 1 || scale != 0.5 || rows[0].box.Width != 300 || rows[0].box.Glyphs[0].Size != 5 || rows[0].box.Rules[0].W != 299 {
		t.Errorf("unbreakable display: %d rows, scale %g, %+v: want one, scaled to the column", len(rows), scale, rows[0].box)
	}
}

// TestMathWarnings gives the setter's warnings at the line of the TeX
// they point to.
func TestMathWarnings(t *testing.T) {
	var got []string
	lt := &layouter{source: "p.md", line: 10, warned: map[string]bool{}, warnFn: func(w diag.Warning) { got = append(got, w.String()) }}
	lt.mathWarnings("a\n+ \\foo b", []mathbox.Warning{{Offset: 4, Msg: "no glyph for \\foo"}, {Offset: 99, Msg: "past the end"}})
	if len(got) != 2 || !strings.HasPrefix(got[0], `p.md:11: TeX math "a + \\foo b": no glyph for \foo`) || !strings.HasPrefix(got[1], "p.md:11:") {
		t.Errorf("warnings %q", got)
	}
}
