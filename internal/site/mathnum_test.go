package site

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/redtide/edition/internal/texmath"
)

func TestMathSetup(t *testing.T) {
	for _, tc := range []struct {
		name, file, body string
		want             MathSetup
	}{
		{"mathjax2", "_includes/mathjax.html", `<script type="text/x-mathjax-config">
  MathJax.Hub.Config({ TeX: { equationNumbers: { autoNumber: "all" } } });</script>
<!-- <script src="katex.min.js"></script> -->`, MathSetup{MathJax: true, Numbering: texmath.NumberAll}},
		{"mathjax2-ams", "_layouts/post.html", `<script>MathJax.Hub.Config({TeX: {equationNumbers: {autoNumber: 'AMS'}}})</script>`,
			MathSetup{MathJax: true, Numbering: texmath.NumberAMS}},
		{"mathjax3", "layouts/partials/math.html", `<script>window.MathJax = { tex: { tags: 'ams' } };</script>
<script src="https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js"></script>`, MathSetup{MathJax: true, Numbering: texmath.NumberAMS}},
		{"mathjax-default", "_includes/head.html", `<script src="https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-chtml.js"></script>`,
			MathSetup{MathJax: true}},
		{"katex", "_includes/head.html", `<link rel="stylesheet" href="katex.min.css"><script>renderMathInElement(document.body)</script>`,
			MathSetup{Numbering: texmath.NumberAMS}},
		{"none", "_layouts/default.html", `<p>tags: "all"</p>`, MathSetup{}},
		{"front-matter-tags", "_layouts/post.html", "---\ntags: \"maths\"\n---\n<script src=\"mathjax/tex-chtml.js\"></script>", MathSetup{MathJax: true}},
	} {
		root := t.TempDir()
		p := filepath.Join(root, tc.file)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(tc.body), 0o644); err != nil {
			t.Fatal(err)
		}
		s := &Site{Root: root}
		if got := s.MathSetup(); got != tc.want {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
		}
	}
	var none *Site
	if got := none.MathSetup(); got != (MathSetup{}) {
		t.Errorf("nil site: %+v", got)
	}
}
