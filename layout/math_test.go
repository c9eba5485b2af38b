package layout_test

import (
	"strings"
	"testing"
	"time"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/fonts/otmath"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/texmath"
	"github.com/redtide/edition/layout"
	"github.com/redtide/edition/layout/layouttest"
	"github.com/redtide/edition/layout/mathbox"
)

func formula(t testing.TB, tex string, display bool) *texmath.Formula {
	t.Helper()
	f, err := texmath.Parse(tex, texmath.Options{Display: display})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// mathEdition is an article with inline and display math, read and not.
func mathEdition(t testing.TB) *model.Edition {
	T := layouttest.T
	long := strings.Repeat("a+b+c+d+e+f+g+h+i+j+", 6) + "z"
	return &model.Edition{Publication: "Math", Date: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), Language: "en",
		Sections: []*model.Section{{Articles: []*model.Article{{ID: "m", Source: "m.md", Title: "Sums",
			Blocks: []model.Block{
				layouttest.P(T("A paragraph of justified text long enough to need a few lines in the column, with the formula "),
					&model.Math{TeX: "x^2+y^2=1", Formula: formula(t, "x^2+y^2=1", false)},
					T(" set inline, and one that could not be read, "), &model.Math{TeX: `\foo{x}`},
					T(", set as its source, and more words after them to end the paragraph.")),
				&model.MathBlock{Pos: model.Pos{Line: 5}, TeX: `\sum_{i=1}^n i = \frac{n(n+1)}{2}`, Formula: formula(t, `\sum_{i=1}^n i = \frac{n(n+1)}{2}`, true)},
				layouttest.P(T("Then a display too wide for the column:")),
				&model.MathBlock{Pos: model.Pos{Line: 9}, TeX: long, Formula: formula(t, long, true)},
				layouttest.P(T("And one that could not be read:")),
				&model.MathBlock{Pos: model.Pos{Line: 13}, TeX: `\begin{foo} x \end{foo}`},
			}}}}}}
}

// TestMathLayout sets the math edition: an inline formula is a box on
// its line's baseline in a justified line, with no TeX left for it; a
// display is centred in the column (or, too wide, broken or scaled
// within it, with a warning when scaled); formulas that could not be read
// are their source in the mono face.
func TestMathLayout(t *testing.T) {
	d, warns := layoutOf(t, mathEdition(t), a5())
	var inline, display []*layout.TextLine
	var source []string
	for _, p := range d.Pages {
		for _, l := range p.Lines {
			hasMath := false
			for _, r := range l.Runs {
				if r.Math != nil {
					hasMath = true
					if r.Text != "" {
						t.Errorf("math run with text %q", r.Text)
					}
					if r.X < l.X || r.X+r.Width > l.X+l.Width+layout.SP*16 {
						t.Errorf("math run %v–%v past the column %v–%v", r.X, r.X+r.Width, l.X, l.X+l.Width)
					}
				} else if r.Face.Kind == layout.MonoFace {
					source = append(source, r.Text)
				} else if strings.Contains(r.Text, "^") || strings.Contains(r.Text, `\`) {
					t.Errorf("TeX in the text: %q", r.Text)
				}
			}
			switch {
			case hasMath && l.Kind == layout.KindMath:
				display = append(display, l)
			case hasMath:
				inline = append(inline, l)
			}
		}
	}
	if len(inline) != 1 {
		t.Fatalf("%d lines with inline math, want 1", len(inline))
	}
	l := inline[0]
	for _, r := range l.Runs {
		if r.Math != nil && r.Y != l.Y {
			t.Errorf("inline formula at y %v, its line's baseline at %v", r.Y, l.Y)
		}
	}
	if !l.Justified {
		t.Errorf("the line with the formula is not justified")
	}
	if len(display) < 2 {
		t.Fatalf("%d display lines, want at least 2", len(display))
	}
	r := display[0].Runs[0]
	if mid, col := r.X+r.Width/2, display[0].X+display[0].Width/2; mid-col > layout.Pt/100 || col-mid > layout.Pt/100 {
		t.Errorf("display centred at %v, the column at %v", mid, col)
	}
	scaled := false
	for _, w := range warns {
		if strings.Contains(w, "m.md:9: display math") && strings.Contains(w, "wider than the column") {
			scaled = true
		}
	}
	if !scaled && len(display) < 3 {
		t.Errorf("the wide display is neither broken (%d display lines) nor scaled with a warning: %q", len(display), warns)
	}
	if got := strings.Join(source, " "); !strings.Contains(got, `\foo{x}`) || !strings.Contains(got, `\begin{foo}`) {
		t.Errorf("unread formulas not set as their source: %q", got)
	}
}

// TestMathTallLine sets a tall inline formula in the middle of a
// paragraph: its line moves down so that the fraction does not touch the
// line above; the other lines keep the leading. On a baseline grid the
// line moves by whole lines.
func TestMathTallLine(t *testing.T) {
	T := layouttest.T
	ed := mathEdition(t)
	tex := `\dfrac{\sum_{i=1}^{n} x_i^2}{\prod_{j=1}^{m} y_j}`
	ed.Sections[0].Articles[0].Blocks = []model.Block{layouttest.P(
		T("Words before the formula, enough of them to fill the first line of the column and part of a second one, "),
		&model.Math{TeX: tex, Formula: formula(t, tex, false)},
		T(" and words after it, enough to fill a third line and a fourth one, to see where the lines fall around it."))}
	for _, grid := range []bool{false, true} {
		cfg := a5()
		cfg.BaselineGrid = grid
		d, _ := layoutOf(t, ed, cfg)
		var ys []layout.Length
		var tall, deep layout.Length
		at := -1
		for _, p := range d.Pages {
			for _, l := range p.Lines {
				if l.Kind != layout.KindBody {
					continue
				}
				for _, r := range l.Runs {
					if r.Math != nil {
						at = len(ys)
						tall, deep = layout.FromPoints(r.Math.Height), layout.FromPoints(r.Math.Depth)
					}
				}
				ys = append(ys, l.Y)
			}
		}
		if at < 1 || at+1 >= len(ys) {
			t.Fatalf("formula on body line %d of %d", at, len(ys))
		}
		L := cfg.BodyLeading
		for i := 1; i < len(ys); i++ {
			gap := ys[i] - ys[i-1]
			switch {
			case grid && gap%L != 0:
				t.Errorf("grid: line %d is %v below the one above, not a whole number of lines of %v", i, gap, L)
			case i == at && tall > L*3/4 && gap <= L:
				t.Errorf("grid %v: line %d with a formula %v high is %v below the one above", grid, i, tall, gap)
			case i == at+1 && deep > L/4 && gap <= L:
				t.Errorf("grid %v: line %d after a formula %v deep is %v below it", grid, i, deep, gap)
			case i != at && i != at+1 && gap != L:
				t.Errorf("grid %v: line %d is %v below the one above, want the leading %v", grid, i, gap, L)
			}
		}
	}
}

// TestMathTallDisplay sets a display taller than a column (an aligned
// of many rows): it is scaled down to half a column, with a warning, not
// split, and stays in the text area.
func TestMathTallDisplay(t *testing.T) {
	tex := `\begin{aligned}` + strings.Repeat(`a_k &= \frac{b_k}{c_k} \\ `, 60) + `z &= 1\end{aligned}`
	f := formula(t, tex, true)
	mf, err := otmath.Parse(fonts.MathData())
	if err != nil {
		t.Fatal(err)
	}
	cfg := a5()
	b, _ := mathbox.NewSetter(mf).Layout(f, mathbox.Options{Size: cfg.BodySize.Points(), Display: true})
	colH := cfg.TrimHeight - cfg.MarginTop - cfg.MarginBottom
	if layout.FromPoints(b.Height+b.Depth) <= colH/2 {
		t.Skipf("the setter sets the rows %.0fpt high, within half a column", b.Height+b.Depth)
	}
	ed := mathEdition(t)
	ed.Sections[0].Articles[0].Blocks = []model.Block{&model.MathBlock{Pos: model.Pos{Line: 3}, TeX: tex, Formula: f}}
	d, warns := layoutOf(t, ed, cfg)
	if !strings.Contains(strings.Join(warns, "\n"), "m.md:3: display math") {
		t.Errorf("no warning for a display taller than a column: %q", warns)
	}
	n := 0
	for _, p := range d.Pages {
		for _, l := range p.Lines {
			for _, r := range l.Runs {
				if r.Math != nil {
					n++
					if top, bottom := r.Y-layout.FromPoints(r.Math.Height), r.Y+layout.FromPoints(r.Math.Depth); top < cfg.MarginTop || bottom > cfg.TrimHeight-cfg.MarginBottom {
						t.Errorf("display from %v to %v, past the text area", top, bottom)
					}
					if h := layout.FromPoints(r.Math.Height + r.Math.Depth); h > colH/2+layout.Pt/100 {
						t.Errorf("display %v high, more than half the column's %v", h, colH)
					}
				}
			}
		}
	}
	if n != 1 {
		t.Errorf("%d math runs, want the display whole", n)
	}
}

// TestMathRowTags sets an align whose first and last rows are numbered
// and whose middle row is not (\notag), numbered as an edition numbers
// them: each number is flush with the column's right edge on its own
// row's baseline, and the warning for a too-wide display quotes it
// without its leading \label.
func TestMathRowTags(t *testing.T) {
	tex := `\begin{align} a &= b + c \label{r1} \\ d &= \frac{e}{f} \notag \\ g &= \sum_{i=1}^n h_i \end{align}`
	f := formula(t, tex, true)
	texmath.NewEquations(texmath.NumberAMS).Number(f)
	wide := `\label{w} ` + strings.Repeat(`\frac{a}{b}`, 60)
	ed := mathEdition(t)
	ed.Sections[0].Articles[0].Blocks = []model.Block{
		&model.MathBlock{Pos: model.Pos{Line: 3}, TeX: tex, Formula: f},
		&model.MathBlock{Pos: model.Pos{Line: 9}, TeX: wide, Formula: formula(t, wide, true)},
	}
	d, warns := layoutOf(t, ed, a5())
	if w := strings.Join(warns, "\n"); !strings.Contains(w, `m.md:9: display math "\\frac{a}{b}\\frac{a}{"`) {
		t.Errorf("wide display's warning does not quote it after its label: %q", warns)
	}
	// baseline of the glyph for s in run r, on the page
	baseline := func(r layout.Run, s string) (layout.Length, bool) {
		for _, g := range r.Math.Glyphs {
			if g.Text == s {
				return r.Y + layout.FromPoints(g.Y), true
			}
		}
		return 0, false
	}
	var tags []layout.Length
	found := false
	for _, p := range d.Pages {
		for _, l := range p.Lines {
			if l.Kind != layout.KindMath || len(l.Runs) == 0 || l.Runs[0].Math == nil {
				continue
			}
			body := l.Runs[0]
			rowA, okA := baseline(body, "a")
			rowG, okG := baseline(body, "g")
			if !okA || !okG {
				continue
			}
			found = true
			for _, r := range l.Runs[1:] {
				if right, col := r.X+r.Width, l.X+l.Width; right-col > layout.Pt/100 || col-right > layout.Pt/100 {
					t.Errorf("tag ends at %v, the column at %v", right, col)
				}
				y, ok := baseline(r, "1")
				if !ok {
					y, _ = baseline(r, "2")
				}
				tags = append(tags, y)
			}
			if len(tags) != 2 {
				t.Fatalf("%d tags on the align, want 2 (the middle row has \\notag)", len(tags))
			}
			for i, want := range []layout.Length{rowA, rowG} {
				if dy := tags[i] - want; dy > layout.Pt/100 || -dy > layout.Pt/100 {
					t.Errorf("tag %d on baseline %v, its row's at %v", i+1, tags[i], want)
				}
			}
		}
	}
	if !found {
		t.Fatal("align not found on the pages")
	}
}
