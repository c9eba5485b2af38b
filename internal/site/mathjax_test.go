package site

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/redtide/edition/internal/texmath"
)

// TestMathMacros reads macros as sites configure them: MathJax 2
// (cs228-notes' _layouts/post.html), MathJax 3, KaTeX, and definitions
// typeset in a hidden element of an include.
func TestMathMacros(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"_layouts/post.html": `<script type="text/x-mathjax-config">
  MathJax.Hub.Config({ TeX: { Macros: {
        E: "{\\mathbb{E}}", // expectation
        note: ["\\textcolor{blue}{[NOTE: #1]}",1]
  } } });</script>`,
		"layouts/partials/math.html": `<script>window.MathJax = { tex: { macros: { RR: '{\\bf R}', bold: ['{\\bf #1}', 1] } } };</script>
<script>renderMathInElement(document.body, { macros: { "\\Z": "\\mathbb{Z}" } });</script>`,
		"_includes/defs.html": `<div style="display:none">$$\newcommand{\norm}[1]{\lVert #1 \rVert} \DeclareMathOperator{\diag}{diag}$$</div>`,
	}
	for name, body := range files {
		p := filepath.Join(root, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m := readMathMacros(root)
	if m.Len() != 7 {
		t.Errorf("%d macros, want 7", m.Len())
	}
	f, err := texmath.Parse(`\E[\RR] \note{x} \bold{y} \Z \norm{v} \diag A`, texmath.Options{Macros: m.Clone()})
	if err != nil {
		t.Fatalf("site macros not in force: %v", err)
	}
	if len(f.Body) == 0 {
		t.Error("nothing parsed")
	}
	if readMathMacros(t.TempDir()) != nil {
		t.Error("a site without templates has macros")
	}
}
