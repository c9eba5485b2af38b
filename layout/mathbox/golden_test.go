package mathbox

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/fonts/otmath"
	"github.com/redtide/edition/internal/texmath"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var (
	fontOnce sync.Once
	theFont  *otmath.Font
	fontErr  error
)

func testSetter(tb testing.TB) *Setter {
	tb.Helper()
	fontOnce.Do(func() { theFont, fontErr = otmath.Parse(fonts.MathData()) })
	if fontErr != nil {
		tb.Fatal(fontErr)
	}
	return NewSetter(theFont)
}

// expr is one golden expression.
type expr struct {
	name, tex string
	display   bool
}

func readExprs(tb testing.TB) []expr {
	tb.Helper()
	f, err := os.Open("testdata/golden.tsv")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var es []expr
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		p := strings.SplitN(l, "\t", 3)
		if len(p) != 3 {
			tb.Fatalf("golden.tsv: %q: want name, style, TeX", l)
		}
		es = append(es, expr{name: p[0], display: p[1] == "display", tex: p[2]})
	}
	return es
}

// dump writes b as a readable listing: its size, then every glyph (name,
// size, position, text) and every rule, to the thousandth of a point.
func dump(w *strings.Builder, font *otmath.Font, label string, b *Box) {
	fmt.Fprintf(w, "%s w=%.3f h=%.3f d=%.3f\n", label, b.Width, b.Height, b.Depth)
	for _, g := range b.Glyphs {
		fmt.Fprintf(w, "  glyph %-14s %4.1fpt at %8.3f %8.3f %q\n", font.Name(g.GID), g.Size, g.X, g.Y, g.Text)
	}
	for _, r := range b.Rules {
		fmt.Fprintf(w, "  rule at %8.3f %8.3f size %.3f x %.3f\n", r.X, r.Y, r.W, r.H)
	}
}

func TestGolden(t *testing.T) {
	s := testSetter(t)
	for _, e := range readExprs(t) {
		t.Run(e.name, func(t *testing.T) {
			f, err := texmath.Parse(e.tex, texmath.Options{Display: e.display})
			if err != nil {
				t.Fatal(err)
			}
			o := Options{Size: 10, Display: e.display}
			b, warns := s.Layout(f, o)
			var w strings.Builder
			fmt.Fprintf(&w, "%s\n", e.tex)
			for _, wn := range warns {
				fmt.Fprintf(&w, "warning at %d: %s\n", wn.Offset, wn.Msg)
			}
			dump(&w, s.font, "box", b)
			if tag := s.Tag(f, o); tag != nil {
				dump(&w, s.font, "tag", tag)
			}
			if !e.display {
				ps, _ := s.Pieces(f, o)
				for i, p := range ps {
					fmt.Fprintf(&w, "piece %d: w=%.3f penalty=%d break=%v space=%.3f\n", i, p.Box.Width, p.Penalty, p.Break, p.Space)
				}
			}
			path := filepath.Join("testdata", e.name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(w.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if w.String() != string(want) {
				t.Errorf("%s differs from %s (go test -update rewrites it):\n%s", e.name, path, w.String())
			}
		})
	}
}
