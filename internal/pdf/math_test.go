package pdf

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/texmath"
	"github.com/redtide/edition/layout"
	"github.com/redtide/edition/layout/layouttest"
)

func mathEdition(t *testing.T) *model.Edition {
	T := layouttest.T
	parse := func(tex string, display bool) *texmath.Formula {
		f, err := texmath.Parse(tex, texmath.Options{Display: display})
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	return &model.Edition{Publication: "Math", Date: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), Language: "en",
		Sections: []*model.Section{{Articles: []*model.Article{{ID: "m", Source: "m.md", Title: "Sums",
			Blocks: []model.Block{
				// the same letters first, so that the painter gathers the
				// next paragraph's text in its buffer (painter.text)
				layouttest.P(T("Before the formula, after the formula.")),
				layouttest.P(T("Before the formula "), &model.Math{TeX: "y=2", Formula: parse("y=2", false)}, T(" after the formula.")),
				&model.MathBlock{TeX: `\alpha_i = 1`, Formula: parse(`\alpha_i = 1`, true)},
				layouttest.P(T("The end.")),
			}}}}}}
}

// TestMathPDF paints math: the math face is embedded, as a subset with
// ToUnicode, only in a PDF that sets math; the formulas read back as
// their characters, in reading order with the text around them (the
// text before a formula is written before it).
func TestMathPDF(t *testing.T) {
	if plain := build(t, layouttest.Small(), layout.DefaultConfig()); bytes.Contains(plain, []byte(fonts.MathName)) {
		t.Error("a PDF without math embeds the math face")
	}
	p := writeTemp(t, "math.pdf", build(t, mathEdition(t), layout.DefaultConfig()))
	out, err := exec.Command(needTool(t, "pdffonts"), p).CombinedOutput()
	if err != nil {
		t.Fatalf("pdffonts: %v\n%s", err, out)
	}
	found := false
	for _, l := range strings.Split(string(out), "\n") {
		if f := strings.Fields(l); len(f) >= 7 && strings.HasSuffix(f[0], "+"+fonts.MathName) {
			found = true
			if emb, sub, uni := f[len(f)-5], f[len(f)-4], f[len(f)-3]; emb != "yes" || sub != "yes" || uni != "yes" {
				t.Errorf("math face not embedded as a subset with ToUnicode: %q", l)
			}
		}
	}
	if !found {
		t.Errorf("pdffonts does not list %s:\n%s", fonts.MathName, out)
	}
	raw, err := exec.Command(needTool(t, "pdftotext"), "-raw", "-enc", "UTF-8", p, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	s := strings.Join(strings.Fields(string(raw)), "")
	if !strings.Contains(s, "Beforetheformulay=2aftertheformula.") {
		t.Errorf("the inline formula does not read in its place: %q", s)
	}
	if !strings.Contains(s, "α") || strings.Contains(s, `\alpha`) {
		t.Errorf("the display does not read as its characters: %q", s)
	}
}
