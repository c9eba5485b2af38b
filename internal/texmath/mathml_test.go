package texmath

import (
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/redtide/edition/internal/testenv"
)

var update = flag.Bool("update", false, "rewrite golden files")

// goldenFormulas are set in both styles and compared with
// testdata/mathml.golden. They cover the features the reference
// renderings in ../shared/math/reference exercise.
var goldenFormulas = []struct {
	display bool
	tex     string
}{
	{false, `a = \frac{x+y}{2}`},
	{true, `\cfrac{1}{1+\cfrac{1}{1+x}}`},
	{true, `\binom{n}{k} = \frac{n!}{k!\,(n-k)!}`},
	{false, `x_i^2 + y_{ij}^{(k)} + e^{-x^2/2}`},
	{false, `f'(x) + g''(t) + y_3'''`},
	{true, `\sqrt{2} + \sqrt[3]{x^3+y^3}`},
	{true, `x = \frac{-b \pm \sqrt{b^2-4ac}}{2a}`},
	{true, `\sum_{i=1}^{n} i = \frac{n(n+1)}{2}`},
	{false, `\sum_{i=1}^{n} x_i \quad \prod_{k} a_k`},
	{true, `\int_0^\infty e^{-x^2}\,dx = \frac{\sqrt{\pi}}{2}`},
	{false, `\lim_{n\to\infty} \left(1+\frac{1}{n}\right)^{n} = e`},
	{true, `A = \begin{pmatrix} a_{11} & a_{12} \\ a_{21} & a_{22} \end{pmatrix}`},
	{true, `|x| = \begin{cases} x & \text{if } x \ge 0, \\ -x & \text{otherwise} \end{cases}`},
	{true, `\hat{x}\; \bar{y}\; \vec{v}\; \widehat{AB}\; \overline{z+w}`},
	{true, `\bigl( \Bigl( x \Bigr) \bigr)`},
	{true, `\left\{ x \in \mathbb{R} \;\middle|\; x^2 < \frac{1}{2} \right\}`},
	{true, `\begin{aligned} (a+b)^2 &= a^2 + 2ab + b^2 \\ (a-b)^2 &= a^2 - 2ab + b^2 \end{aligned}`},
	{true, `\underbrace{1 + 2 + \cdots + n}_{n \text{ terms}}`},
	{false, `\mathbb{R}^n,\ \mathcal{L},\ \mathfrak{g},\ \mathbf{x},\ \boldsymbol{\theta},\ \mathrm{d}x,\ \operatorname{argmax}_{\theta} L`},
	{false, `\forall \varepsilon > 0\ \exists \delta > 0 : |x - a| < \delta`},
	{true, `E = mc^2 \tag{1}`},
	{true, `a < b \text{ & } "x"`},
	{true, `x \xrightarrow[n]{f} y \overset{!}{=} z`},
}

// TestMathMLGolden compares the MathML of the golden formulas with
// testdata/mathml.golden (go test -update rewrites it), and checks that
// each is well-formed XML.
func TestMathMLGolden(t *testing.T) {
	var b strings.Builder
	for _, g := range goldenFormulas {
		f, err := Parse(g.tex, Options{Display: g.display})
		if err != nil {
			t.Fatalf("%s: %v", g.tex, err)
		}
		m := MathML(f)
		if err := wellFormed(m); err != nil {
			t.Errorf("%s: not well-formed: %v\n%s", g.tex, err, m)
		}
		b.WriteString(g.tex + "\n" + m + "\n\n")
	}
	path := filepath.Join("testdata", "mathml.golden")
	if *update {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("MathML differs from %s (go test -update to rewrite):\n%s", path, b.String())
	}
}

func wellFormed(s string) error {
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		_, err := d.Token()
		if err != nil {
			if err.Error() == "EOF" {
				return nil
			}
			return err
		}
	}
}

// TestMathMLBasics checks the markup rules one by one.
func TestMathMLBasics(t *testing.T) {
	cases := []struct{ tex, want string }{
		{`x`, `<mi>x</mi>`},
		{`12`, `<mn>12</mn>`},
		{`\Gamma`, `<mi mathvariant="normal">Γ</mi>`},
		{`\mathbb{R}`, `<mi mathvariant="normal">ℝ</mi>`},
		{`a-b`, `<mo>−</mo>`},
		{`\sin x`, "<mi>sin</mi><mo>\u2061</mo>"},
		{`\frac ab`, `<mfrac><mi>a</mi><mi>b</mi></mfrac>`},
		{`\binom ab`, `<mfrac linethickness="0">`},
		{`\sqrt[3]x`, `<mroot><mi>x</mi><mn>3</mn></mroot>`},
		{`\left(x\right)`, `<mo fence="true" form="prefix" stretchy="true" symmetric="true">(</mo>`},
		{`\hat x`, `<mover accent="true"><mi>x</mi><mo stretchy="false">^</mo></mover>`},
		{`\text{a  b}`, "<mtext>a\u00a0b</mtext>"},
		{`x<y`, `<mo>&lt;</mo>`},
	}
	for _, c := range cases {
		f, err := Parse(c.tex, Options{})
		if err != nil {
			t.Fatalf("%s: %v", c.tex, err)
		}
		if m := MathML(f); !strings.Contains(m, c.want) {
			t.Errorf("%s: %s lacks %s", c.tex, m, c.want)
		}
	}
	f, _ := Parse(`a<b & "c"`, Options{Display: true})
	if m := MathML(f); !strings.Contains(m, `display="block" alttext="a&lt;b &amp; &quot;c&quot;"`) {
		t.Errorf("alttext not escaped: %s", m)
	}
}

// TestKaTeXList parses every case of KaTeX's screenshot test list in
// ../shared/math. The cases that still fail use commands outside the
// supported subset (HTML extensions, \includegraphics, commutative
// diagrams, KaTeX's own macros); the count may only go up.
func TestKaTeXList(t *testing.T) {
	path := filepath.Join(testenv.Shared(t, "math"), "corpus/katex/test/screenshotter/ss_data.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cases map[string]any
	if err := yaml.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	ok := 0
	for name, v := range cases {
		tex := ""
		switch v := v.(type) {
		case string:
			tex = v
		case map[string]any:
			tex, _ = v["tex"].(string)
		}
		f, err := Parse(tex, Options{Display: true})
		if err != nil {
			t.Logf("%s: %v", name, err)
			continue
		}
		if err := wellFormed(MathML(f)); err != nil {
			t.Errorf("%s: MathML not well-formed: %v", name, err)
		}
		ok++
	}
	t.Logf("%d of %d KaTeX cases parse", ok, len(cases))
	if ok < 114 {
		t.Errorf("%d of %d KaTeX cases parse, want at least 114", ok, len(cases))
	}
}
