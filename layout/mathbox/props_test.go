package mathbox

import (
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/redtide/edition/internal/testenv"
	"github.com/redtide/edition/internal/texmath"
)

func set(t testing.TB, tex string, display bool) (*Box, []Warning) {
	t.Helper()
	f, err := texmath.Parse(tex, texmath.Options{Display: display})
	if err != nil {
		t.Fatalf("%s: %v", tex, err)
	}
	return testSetter(t).Layout(f, Options{Size: 10, Display: display})
}

// glyphs returns the glyphs of b that stand for text, in order.
func glyphsOf(b *Box, text string) []Glyph {
	var gs []Glyph
	for _, g := range b.Glyphs {
		if g.Text == text {
			gs = append(gs, g)
		}
	}
	return gs
}

func one(t *testing.T, b *Box, text string) Glyph {
	t.Helper()
	gs := glyphsOf(b, text)
	if len(gs) != 1 {
		t.Fatalf("%d glyphs for %q, want 1", len(gs), text)
	}
	return gs[0]
}

func TestScripts(t *testing.T) {
	b, _ := set(t, "x^2", false)
	x, two := one(t, b, "x"), one(t, b, "2")
	if two.Y >= 0 || two.X <= x.X || two.Size >= x.Size {
		t.Errorf("x^2: superscript at %g,%g size %g; want raised, after x, smaller", two.X, two.Y, two.Size)
	}
	b, _ = set(t, "x_2", false)
	if two := one(t, b, "2"); two.Y <= 0 {
		t.Errorf("x_2: subscript at y %g, want below the baseline", two.Y)
	}
	// Rule 18c: a superscript in a cramped style (a denominator) is
	// raised less.
	b, _ = set(t, `\frac{x^2}{x^2}`, true)
	xs, twos := glyphsOf(b, "x"), glyphsOf(b, "2")
	if len(xs) != 2 || len(twos) != 2 {
		t.Fatalf("frac: %d x and %d 2", len(xs), len(twos))
	}
	if up, upCramped := xs[0].Y-twos[0].Y, xs[1].Y-twos[1].Y; upCramped >= up {
		t.Errorf("superscript raised %g in the numerator and %g in the cramped denominator", up, upCramped)
	}
	// Scripts of scripts are smaller still.
	b, _ = set(t, "x^{y^z}", false)
	if y, z := one(t, b, "y"), one(t, b, "z"); z.Size >= y.Size || z.Y >= y.Y {
		t.Errorf("x^{y^z}: z size %g at %g, y size %g at %g", z.Size, z.Y, y.Size, y.Y)
	}
}

func TestFraction(t *testing.T) {
	for _, display := range []bool{false, true} {
		b, _ := set(t, `\frac{a}{b}`, display)
		a, d := one(t, b, "a"), one(t, b, "b")
		if a.Y >= 0 || d.Y <= 0 {
			t.Errorf("display %v: numerator at %g, denominator at %g", display, a.Y, d.Y)
		}
		if len(b.Rules) != 1 {
			t.Fatalf("display %v: %d rules, want the bar", display, len(b.Rules))
		}
		bar := b.Rules[0]
		if !(a.Y < bar.Y && bar.Y+bar.H < d.Y) {
			t.Errorf("display %v: bar at %g..%g not between %g and %g", display, bar.Y, bar.Y+bar.H, a.Y, d.Y)
		}
	}
	text, _ := set(t, `\frac{a}{b}`, false)
	disp, _ := set(t, `\frac{a}{b}`, true)
	if one(t, text, "a").Size >= one(t, disp, "a").Size {
		t.Error("a text-style numerator is not smaller than a display one")
	}
	b, _ := set(t, `\binom{n}{k}`, true)
	if len(b.Rules) != 0 || len(glyphsOf(b, "(")) != 1 || len(glyphsOf(b, ")")) != 1 {
		t.Errorf("binom: %d rules, %d (, %d )", len(b.Rules), len(glyphsOf(b, "(")), len(glyphsOf(b, ")")))
	}
	b, _ = set(t, `{a \atop b}`, true)
	if len(b.Rules) != 0 || one(t, b, "a").Y >= 0 || one(t, b, "b").Y <= 0 {
		t.Errorf("atop: %d rules", len(b.Rules))
	}
}

func TestOperators(t *testing.T) {
	text, _ := set(t, `\sum_{i=1}^{n} x`, false)
	disp, _ := set(t, `\sum_{i=1}^{n} x`, true)
	if disp.Height+disp.Depth <= text.Height+text.Depth {
		t.Errorf("display sum %g tall, text sum %g", disp.Height+disp.Depth, text.Height+text.Depth)
	}
	sum, n, i := one(t, disp, "∑"), one(t, disp, "n"), one(t, disp, "i")
	if n.Y >= sum.Y || i.Y <= sum.Y {
		t.Errorf("display limits not above and below: n at %g, i at %g, sum at %g", n.Y, i.Y, sum.Y)
	}
	// Centred: the middle of the upper limit is the middle of the sign.
	f := testSetter(t).font
	mid := func(g Glyph) float64 { return g.X + float64(f.Advance(g.GID))*g.Size/float64(f.UnitsPerEm)/2 }
	if math.Abs(mid(n)-mid(sum)) > 0.3 {
		t.Errorf("upper limit centred at %g, sign at %g", mid(n), mid(sum))
	}
	if tn := one(t, text, "n"); tn.X <= one(t, text, "∑").X {
		t.Error("text-style limits are not beside the sign")
	}
	// \nolimits in display style, \limits in text style.
	b, _ := set(t, `\sum\nolimits_{i} x`, true)
	if one(t, b, "i").X <= one(t, b, "∑").X+1 {
		t.Error(`\nolimits: subscript not beside`)
	}
	b, _ = set(t, `\int\limits_0^1 x`, false)
	if z := one(t, b, "0"); z.Y <= 0 || math.Abs(mid(z)-mid(one(t, b, "∫"))) > 2 {
		t.Errorf(`\limits: lower limit at %g,%g`, z.X, z.Y)
	}
	// lim is upright (no math italic l) and takes its limit below in
	// display style.
	b, _ = set(t, `\lim_{n\to\infty} a`, true)
	if g := one(t, b, "l"); f.Name(g.GID) != "l" {
		t.Errorf("lim set with glyph %s", f.Name(g.GID))
	}
	if one(t, b, "n").Y <= 0 {
		t.Error("lim: limit not below in display style")
	}
}

// TestSpacing checks the table of p. 170: thick around relations, medium
// around binary operations, none in scripts, and a binary operation that
// cannot be one turned ordinary.
func TestSpacing(t *testing.T) {
	s := testSetter(t)
	mu := 10.0 / 18
	gap := func(tex string, a, b string) float64 {
		t.Helper()
		box, _ := set(t, tex, false)
		ga, gb := one(t, box, a), one(t, box, b)
		return gb.X - (ga.X + float64(s.font.Advance(ga.GID))*ga.Size/float64(s.font.UnitsPerEm))
	}
	for _, tt := range []struct {
		tex, a, b string
		want      float64
	}{
		{"a=b", "a", "=", 5 * mu},
		{"a+b", "+", "b", 4 * mu},
		{"-b", "−", "b", 0},          // rule 5: ordinary at the start
		{"x^{a+b}", "+", "b", 0},     // none in script style
		{"x^{a=b}", "=", "b", 0},     // none in script style
		{`a,b`, ",", "b", 3 * mu},    // punctuation: thin
		{`\sin x`, "n", "x", 3 * mu}, // operator then ordinary: thin
	} {
		if got := gap(tt.tex, tt.a, tt.b); math.Abs(got-tt.want) > 0.25 {
			t.Errorf("%s: %g pt between %s and %s, want %g", tt.tex, got, tt.a, tt.b, tt.want)
		}
	}
}

func TestDelimitersGrow(t *testing.T) {
	prev := 0.0
	for _, tex := range []string{`\left(x\right)`, `\left(\frac{a}{b}\right)`, `\left(\frac{\frac{a}{b}}{\frac{c}{d}}\right)`, `\left(\begin{matrix}a\\b\\c\\d\\e\\f\end{matrix}\right)`} {
		b, _ := set(t, tex, true)
		if b.Height+b.Depth <= prev {
			t.Errorf("%s: %g tall, no taller than the one before (%g)", tex, b.Height+b.Depth, prev)
		}
		prev = b.Height + b.Depth
	}
	// The tallest is built from pieces, each standing for "(".
	b, _ := set(t, `\left(\begin{matrix}a\\b\\c\\d\\e\\f\end{matrix}\right)`, true)
	if n := len(glyphsOf(b, "(")); n < 3 {
		t.Errorf("six-row parenthesis of %d glyphs, want an assembly", n)
	}
	// \big to \Bigg grow too.
	prev = 0
	for _, c := range []string{"big", "Big", "bigg", "Bigg"} {
		b, _ := set(t, `\`+c+`(`, false)
		if b.Height+b.Depth <= prev {
			t.Errorf(`\%s( no taller than the one before`, c)
		}
		prev = b.Height + b.Depth
	}
	// \middle grows with its \left and \right.
	b, _ = set(t, `\left\{ x \middle| \frac{\frac{a}{b}}{c} \right\}`, true)
	bars := glyphsOf(b, "|")
	small, _ := set(t, `|`, true)
	if len(bars) == 0 || len(bars) == 1 && bars[0].GID == one(t, small, "|").GID {
		t.Error(`\middle| did not grow`)
	}
}

func TestRadicalAccentArray(t *testing.T) {
	b, _ := set(t, `\sqrt[3]{x}`, true)
	three, sign, x := one(t, b, "3"), one(t, b, "√"), one(t, b, "x")
	if !(three.X < sign.X+2 && three.Size < sign.Size && sign.X < x.X && three.Y < 0) {
		t.Errorf("degree at %g,%g size %g; sign at %g; body at %g", three.X, three.Y, three.Size, sign.X, x.X)
	}
	if len(b.Rules) != 1 || b.Rules[0].Y >= -b.Height+1 == false && b.Rules[0].Y > x.Y {
		t.Errorf("radical bar: %v", b.Rules)
	}
	b, _ = set(t, `\hat{X}`, true)
	hat, X := one(t, b, "\u0302"), one(t, b, "X")
	f := testSetter(t).font
	u := 10 / float64(f.UnitsPerEm)
	_, hatBottom, _, _ := f.Box(hat.GID)
	_, _, _, xTop := f.Box(X.GID)
	if hat.Y-float64(hatBottom)*u > X.Y-float64(xTop)*u {
		t.Errorf("hat's ink reaches down to %g, X's up to %g", hat.Y-float64(hatBottom)*u, X.Y-float64(xTop)*u)
	}
	wide, _ := set(t, `\widehat{xyzw}`, true)
	if one(t, wide, "\u0302").GID == hat.GID {
		t.Error(`\widehat did not take a wider variant`)
	}
	b, _ = set(t, `\begin{pmatrix} a & b \\ c & d \end{pmatrix}`, true)
	a, bb, c := one(t, b, "a"), one(t, b, "b"), one(t, b, "c")
	if a.Y != bb.Y || c.Y <= a.Y || bb.X <= a.X {
		t.Errorf("pmatrix: a at %g,%g, b at %g,%g, c at %g,%g", a.X, a.Y, bb.X, bb.Y, c.X, c.Y)
	}
	b, _ = set(t, `\begin{cases} a & x \\ b & y \end{cases}`, true)
	if len(glyphsOf(b, "{")) == 0 || len(glyphsOf(b, "}")) != 0 {
		t.Error("cases: want a left brace only")
	}
	b, _ = set(t, `\overline{x}\underline{y}`, true)
	if len(b.Rules) != 2 || b.Rules[0].Y >= 0 || b.Rules[1].Y <= 0 {
		t.Errorf("over- and underline: %v", b.Rules)
	}
	b, _ = set(t, `\underbrace{a+b}_{n}`, true)
	if n := one(t, b, "n"); n.Y <= 0 || len(glyphsOf(b, "⏟")) == 0 {
		t.Error("underbrace: label not below or no brace")
	}
}

func TestPieces(t *testing.T) {
	s := testSetter(t)
	f, err := texmath.Parse(`a = b + c \le d`, texmath.Options{})
	if err != nil {
		t.Fatal(err)
	}
	o := Options{Size: 10}
	ps, _ := s.Pieces(f, o)
	whole, _ := s.Layout(f, o)
	if len(ps) != 4 {
		t.Fatalf("%d pieces, want 4", len(ps))
	}
	want := []int{500, 700, 500}
	sum := 0.0
	for i, p := range ps {
		sum += p.Box.Width + p.Space
		if i < 3 && (!p.Break || p.Penalty != want[i]) {
			t.Errorf("piece %d: break %v penalty %d", i, p.Break, p.Penalty)
		}
	}
	if ps[3].Break || ps[3].Space != 0 {
		t.Error("last piece breaks")
	}
	if math.Abs(sum-whole.Width) > 1e-9 {
		t.Errorf("pieces and spaces %g wide, the whole %g", sum, whole.Width)
	}
	mu := 10.0 / 18
	if math.Abs(ps[0].Space-5*mu) > 1e-9 || math.Abs(ps[1].Space-4*mu) > 1e-9 {
		t.Errorf("spaces %g, %g; want thick then medium", ps[0].Space, ps[1].Space)
	}
	// No break inside a group or between two relations, nor at a unary
	// minus.
	f, _ = texmath.Parse(`-{a+b} := c`, texmath.Options{})
	if ps, _ := s.Pieces(f, o); len(ps) != 2 {
		t.Errorf("-{a+b} := c: %d pieces, want 2", len(ps))
	}
}

func TestTagAndWarnings(t *testing.T) {
	s := testSetter(t)
	f, _ := texmath.Parse(`E = mc^2 \tag{3.1}`, texmath.Options{Display: true})
	tag := s.Tag(f, Options{Size: 10, Display: true})
	if tag == nil {
		t.Fatal("no tag")
	}
	var text strings.Builder
	for _, g := range tag.Glyphs {
		text.WriteString(g.Text)
	}
	if text.String() != "(3.1)" {
		t.Errorf("tag reads %q", text.String())
	}
	b, _ := s.Layout(f, Options{Size: 10, Display: true})
	if len(glyphsOf(b, "3")) != 0 {
		t.Error("the tag is set in the formula")
	}
	f, _ = texmath.Parse(`E = mc^2`, texmath.Options{Display: true})
	if s.Tag(f, Options{Size: 10}) != nil {
		t.Error("a tag without \\tag")
	}
	// A character the font lacks: a warning at its offset.
	_, warns := set(t, `x + 中`, false)
	if len(warns) != 1 || warns[0].Offset != 4 {
		t.Errorf("warnings %v, want one at offset 4", warns)
	}
	b, _ = set(t, `\sqrt{\left(\frac{a}{b}\right)}`, true)
	for _, g := range b.Glyphs {
		if g.Text == "" {
			t.Errorf("glyph %d has no text", g.GID)
		}
	}
}

// corpus returns formulas to set: the goldens, KaTeX's screenshot list
// and Temml's Wikipedia rows when ../shared is there.
func corpus(tb testing.TB) []expr {
	es := readExprs(tb)
	root := testenv.SharedRoot(tb)
	if root == "" {
		return es
	}
	if data, err := os.ReadFile(filepath.Join(root, "math/corpus/katex/test/screenshotter/ss_data.yaml")); err == nil {
		var cases map[string]any
		if yaml.Unmarshal(data, &cases) == nil {
			for name, v := range cases {
				switch v := v.(type) {
				case string:
					es = append(es, expr{name: name, tex: v, display: true})
				case map[string]any:
					tex, _ := v["tex"].(string)
					es = append(es, expr{name: name, tex: tex, display: v["display"] != nil})
				}
			}
		}
	}
	if data, err := os.ReadFile(filepath.Join(root, "math/corpus/temml/test/wiki-tests.md")); err == nil {
		row := regexp.MustCompile(`^\| (\d+) +\| (.+?) +\| `)
		for _, l := range strings.Split(string(data), "\n") {
			if m := row.FindStringSubmatch(l); m != nil {
				es = append(es, expr{name: "wiki" + m[1], tex: m[2]})
			}
		}
	}
	return es
}

func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// checkBox fails when any dimension or position in b is not finite.
func checkBox(t testing.TB, tex string, b *Box) {
	if !finite(b.Width, b.Height, b.Depth) {
		t.Fatalf("%q: box %g×(%g+%g)", tex, b.Width, b.Height, b.Depth)
	}
	for _, g := range b.Glyphs {
		if !finite(g.X, g.Y, g.Size) || g.Size <= 0 {
			t.Fatalf("%q: glyph at %g,%g size %g", tex, g.X, g.Y, g.Size)
		}
	}
	for _, r := range b.Rules {
		if !finite(r.X, r.Y, r.W, r.H) {
			t.Fatalf("%q: rule %v", tex, r)
		}
	}
}

// TestCorpus sets every formula of the corpus, whole and in pieces.
func TestCorpus(t *testing.T) {
	s := testSetter(t)
	n := 0
	for _, e := range corpus(t) {
		f, err := texmath.Parse(e.tex, texmath.Options{Display: e.display})
		if err != nil {
			continue
		}
		o := Options{Size: 10, Display: e.display}
		b, _ := s.Layout(f, o)
		checkBox(t, e.tex, b)
		ps, _ := s.Pieces(f, o)
		for _, p := range ps {
			checkBox(t, e.tex, p.Box)
		}
		n++
	}
	t.Logf("%d formulas set", n)
}

func FuzzLayout(f *testing.F) {
	for _, e := range corpus(f) {
		f.Add(e.tex, e.display)
	}
	s := testSetter(f)
	f.Fuzz(func(t *testing.T, tex string, display bool) {
		tf, _ := texmath.Parse(tex, texmath.Options{Display: display})
		if tf == nil {
			return
		}
		o := Options{Size: 10, Display: display}
		b, _ := s.Layout(tf, o)
		checkBox(t, tex, b)
		ps, _ := s.Pieces(tf, o)
		for _, p := range ps {
			checkBox(t, tex, p.Box)
		}
		if tag := s.Tag(tf, o); tag != nil {
			checkBox(t, tex, tag)
		}
	})
}

// BenchmarkLayout sets 1,000 formulas (the corpus, over and over, parsed
// beforehand): the print cost of a math-heavy edition.
func BenchmarkLayout(b *testing.B) {
	s := testSetter(b)
	var fs []*texmath.Formula
	for _, e := range corpus(b) {
		if f, err := texmath.Parse(e.tex, texmath.Options{Display: e.display}); err == nil {
			fs = append(fs, f)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		for i := range 1000 {
			f := fs[i%len(fs)]
			_, _ = s.Layout(f, Options{Size: 10, Display: f.Display})
		}
	}
}

// TestKaTeXListSets sets every case of KaTeX's screenshot test list that
// texmath reads (TestKaTeXList) and counts those set without a warning;
// the count may only go up.
func TestKaTeXListSets(t *testing.T) {
	path := filepath.Join(testenv.Shared(t, "math"), "corpus/katex/test/screenshotter/ss_data.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cases map[string]any
	if err := yaml.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	s := testSetter(t)
	parsed, clean := 0, 0
	for name, v := range cases {
		tex := ""
		switch v := v.(type) {
		case string:
			tex = v
		case map[string]any:
			tex, _ = v["tex"].(string)
		}
		f, err := texmath.Parse(tex, texmath.Options{Display: true})
		if err != nil {
			continue
		}
		parsed++
		b, warns := s.Layout(f, Options{Size: 10, Display: true})
		checkBox(t, tex, b)
		if len(warns) > 0 {
			t.Logf("%s: %s", name, warns[0].Msg)
			continue
		}
		clean++
	}
	t.Logf("%d of %d KaTeX cases parse; %d of them set without a warning", parsed, len(cases), clean)
	if clean < 113 {
		t.Errorf("%d KaTeX cases set without a warning, want at least 113", clean)
	}
}

// TestCancel: \cancel strikes its body from the bottom left to the top
// right corner, \bcancel from the top left down, \xcancel both, and none
// warns.
func TestCancel(t *testing.T) {
	s := testSetter(t)
	for _, c := range []struct {
		tex   string
		lines int
		rises bool // the first line goes up to the right
	}{
		{`\cancel{x+y}`, 1, true},
		{`\bcancel{x+y}`, 1, false},
		{`\xcancel{x+y}`, 2, true},
	} {
		f, err := texmath.Parse(c.tex, texmath.Options{})
		if err != nil {
			t.Fatal(err)
		}
		b, warns := s.Layout(f, Options{Size: 10})
		if len(warns) > 0 {
			t.Errorf("%s: %v", c.tex, warns)
		}
		if len(b.Lines) != c.lines {
			t.Fatalf("%s: %d lines, want %d", c.tex, len(b.Lines), c.lines)
		}
		l := b.Lines[0]
		if l.X2-l.X1 < b.Width*0.9 || l.W <= 0 {
			t.Errorf("%s: line %+v does not cross the body (width %g)", c.tex, l, b.Width)
		}
		if rises := l.Y2 < l.Y1; rises != c.rises {
			t.Errorf("%s: line %+v rises %v, want %v", c.tex, l, rises, c.rises)
		}
	}
}
