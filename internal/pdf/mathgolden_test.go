package pdf

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/fonts/otmath"
	"github.com/redtide/edition/internal/testenv"
	"github.com/redtide/edition/internal/texmath"
	"github.com/redtide/edition/layout/mathbox"
)

// mathExpr is one formula of a sheet: a name, display or not, and TeX.
type mathExpr struct {
	name, tex string
	display   bool
}

// readMathList reads a tab-separated list of name, style ("display" or
// "text") and TeX, skipping a header line and comments.
func readMathList(t *testing.T, path string) []mathExpr {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var es []mathExpr
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		p := strings.Split(sc.Text(), "\t")
		if len(p) < 3 || strings.HasPrefix(p[0], "#") || p[0] == "id" {
			continue
		}
		es = append(es, mathExpr{name: p[0], display: p[1] == "display", tex: p[2]})
	}
	return es
}

// TestMathGolden sets the mathbox golden formulas (and, when the shared
// folder is there, the 30 formulas LuaLaTeX rendered for reference) on
// A4 pages with drawMath, a display's tag at the right margin, and reads
// the text back: every formula is there as characters, no TeX command is.
// MATHGOLDEN_PDF=path keeps the PDF for looking at; MATHGOLDEN_LIST=path
// adds a list of one's own, in the same form as the goldens.
func TestMathGolden(t *testing.T) {
	lists := [][]mathExpr{readMathList(t, "../../layout/mathbox/testdata/golden.tsv")}
	if root := testenv.SharedRoot(t); root != "" {
		lists = append(lists, readMathList(t, filepath.Join(root, "math", "reference", "expressions.tsv")))
	}
	if extra := os.Getenv("MATHGOLDEN_LIST"); extra != "" {
		lists = append(lists, readMathList(t, extra))
	}
	mf, err := otmath.Parse(fonts.MathData())
	if err != nil {
		t.Fatal(err)
	}
	s := mathbox.NewSetter(mf)
	f := fpdf.New("P", "pt", "A4", "")
	f.SetCompression(false)
	f.AddUTF8FontFromBytes(fonts.MathName, "", fonts.MathData())
	const left, right, top, bottom = 90.0, 505.0, 60.0, 780.0
	n := 0
	for li, list := range lists {
		strict := li == 0 // the goldens set without a problem
		f.AddPage()
		y := top
		for _, e := range list {
			tf, err := texmath.Parse(e.tex, texmath.Options{Display: e.display})
			if err != nil {
				if strict {
					t.Errorf("%s: %v", e.name, err)
				}
				continue
			}
			o := mathbox.Options{Size: 10, Display: e.display}
			b, warns := s.Layout(tf, o)
			for _, w := range warns {
				t.Logf("%s: warning at %d: %s", e.name, w.Offset, w.Msg)
			}
			if strict && len(warns) > 0 {
				t.Errorf("%s: %d warnings", e.name, len(warns))
			}
			if y+b.Height+b.Depth+14 > bottom {
				f.AddPage()
				y = top
			}
			y += b.Height + 7
			// The name in the margin, in the math font's digits and
			// letters, small.
			f.SetFont(fonts.MathName, "", 6)
			f.Text(20, y, e.name)
			x := left
			if e.display {
				x = (left+right)/2 - b.Width/2
			}
			drawMath(f, fonts.MathName, b, x, y)
			if tag := s.Tag(tf, o); tag != nil {
				drawMath(f, fonts.MathName, tag, right-tag.Width, y)
			}
			y += b.Depth + 7
			n++
		}
	}
	var out bytes.Buffer
	if err := f.Output(&out); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "math.pdf")
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if keep := os.Getenv("MATHGOLDEN_PDF"); keep != "" {
		if err := os.WriteFile(keep, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pdftotext := needTool(t, "pdftotext")
	txt, err := exec.Command(pdftotext, "-enc", "UTF-8", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, txt)
	}
	text := string(txt)
	if strings.Contains(text, `\`) {
		i := strings.Index(text, `\`)
		t.Errorf("a TeX command in the text: %q", text[max(0, i-40):min(len(text), i+40)])
	}
	for _, want := range []string{"∑", "√", "=", "(7)", "∫"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q not in the text of %d formulas", want, n)
		}
	}
}
