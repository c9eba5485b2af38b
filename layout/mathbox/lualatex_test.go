package mathbox

import (
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/testenv"
	"github.com/redtide/edition/internal/texmath"
)

// TestLuaLaTeXDimensions sets the shared reference formulas and compares
// each box's width, height and depth with what LuaLaTeX's \showbox gave
// for the same formula and font at 10 pt.
func TestLuaLaTeXDimensions(t *testing.T) {
	// LuaLaTeX's renderings of 30 formulas in STIX Two Math (see
	// ../shared/math/SOURCE.md).
	ref := testenv.Shared(t, "math/reference")
	exprs, err := os.ReadFile(filepath.Join(ref, "expressions.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	dims, err := os.ReadFile(filepath.Join(ref, "boxes-lualatex", "dimensions.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][3]float64{}
	for _, l := range strings.Split(string(dims), "\n")[1:] {
		p := strings.Split(l, "\t")
		if len(p) < 5 {
			continue
		}
		var d [3]float64
		for i := range d {
			d[i], _ = strconv.ParseFloat(strings.TrimSuffix(p[2+i], "pt"), 64)
		}
		want[p[0]] = d
	}
	s := testSetter(t)
	n := 0
	for _, l := range strings.Split(string(exprs), "\n")[1:] {
		p := strings.Split(l, "\t")
		if len(p) < 3 {
			continue
		}
		w, ok := want[p[0]]
		if !ok {
			continue
		}
		n++
		disp := p[1] == "display"
		f, err := texmath.Parse(p[2], texmath.Options{Display: disp})
		if err != nil {
			t.Errorf("%s: %v", p[0], err)
			continue
		}
		b, _ := s.Layout(f, Options{Size: 10, Display: disp})
		got := [3]float64{b.Width, b.Height, b.Depth}
		t.Logf("%-20s w %7.2f/%7.2f h %6.2f/%6.2f d %6.2f/%6.2f", p[0], got[0], w[0], got[1], w[1], got[2], w[2])
		// Within 7% of the width and 0.8 pt of the height and depth:
		// LuaLaTeX sets \text, \mathrm and operator names in the text
		// face (Liberation Serif), and places a text-style operator's
		// scripts a little differently.
		if math.Abs(got[0]-w[0]) > 0.07*w[0] || math.Abs(got[1]-w[1]) > 0.8 || math.Abs(got[2]-w[2]) > 0.8 {
			t.Errorf("%s: %.2f×(%.2f+%.2f), LuaLaTeX %.2f×(%.2f+%.2f)", p[0], got[0], got[1], got[2], w[0], w[1], w[2])
		}
	}
	if n < 30 {
		t.Errorf("%d reference formulas compared, want 30", n)
	}
}
