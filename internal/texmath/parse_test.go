package texmath

import (
	"strings"
	"testing"
)

// TestParse checks how formulas are read, as a dump of the tree: each
// case is the reading TeX gives (The TeXbook, chapters 16–18, and the
// AMS and KaTeX documentation for their commands).
func TestParse(t *testing.T) {
	cases := []struct{ tex, want string }{
		{`x`, `ord:"x"`},
		{`3.14x`, `ord:"3.14" ord:"x"`},
		{`x.`, `ord:"x" ord:"."`},
		{`a-b`, `ord:"a" bin:"−" ord:"b"`},
		{`a \le b`, `ord:"a" rel:"≤" ord:"b"`},
		{`α≤β`, `ord:"α" rel:"≤" ord:"β"`},
		{`x^2`, `(scripts ord:"x" sup[ord:"2"])`},
		{`x_i^2`, `(scripts ord:"x" sub[ord:"i"] sup[ord:"2"])`},
		{`x^{10}`, `(scripts ord:"x" sup[ord:"10"])`},
		{`x^10`, `(scripts ord:"x" sup[ord:"1"]) ord:"0"`},
		{`{}^2H`, `(scripts (group ord []) sup[ord:"2"]) ord:"H"`},
		{`^2`, `(scripts _ sup[ord:"2"])`},
		{`f'`, `(scripts ord:"f" sup[ord:"′"])`},
		{`f''(x)`, `(scripts ord:"f" sup[ord:"″"]) open:"(" ord:"x" close:")"`},
		{`f'^2`, `(scripts ord:"f" sup[ord:"′" ord:"2"])`},
		{`y_3'''`, `(scripts ord:"y" sub[ord:"3"] sup[ord:"‴"])`},
		{`\frac12`, `(frac norule=false "" "" style=0 num[ord:"1"] den[ord:"2"])`},
		{`\frac{a}{b}`, `(frac norule=false "" "" style=0 num[ord:"a"] den[ord:"b"])`},
		{`\dfrac ab`, `(frac norule=false "" "" style=1 num[ord:"a"] den[ord:"b"])`},
		{`\binom nk`, `(frac norule=true "(" ")" style=0 num[ord:"n"] den[ord:"k"])`},
		{`{a \over b}`, `(group ord [(frac norule=false "" "" style=0 num[ord:"a"] den[ord:"b"])])`},
		{`n \choose k`, `(frac norule=true "(" ")" style=0 num[ord:"n"] den[ord:"k"])`},
		{`\sqrt2`, `(sqrt [ord:"2"])`},
		{`\sqrt[3]{x}`, `(sqrt index[ord:"3"] [ord:"x"])`},
		{`\sum_{i=1}^n`, `(scripts (op "∑" limits=0) sub[ord:"i" rel:"=" ord:"1"] sup[ord:"n"])`},
		{`\int_0^1`, `(scripts (op "∫" limits=2) sub[ord:"0"] sup[ord:"1"])`},
		{`\int\limits_0^1`, `(scripts (op "∫" limits=1) sub[ord:"0"] sup[ord:"1"])`},
		{`\sum\nolimits_i`, `(scripts (op "∑" limits=2) sub[ord:"i"])`},
		{`\lim_{n\to\infty}`, `(scripts (op "lim" limits=0) sub[ord:"n" rel:"→" ord:"∞"])`},
		{`\sin x`, `(op "sin" limits=2) ord:"x"`},
		{`\liminf`, `(op "lim inf" limits=0)`},
		{`\operatorname{argmax}`, `(op "argmax" limits=2)`},
		{`\operatorname*{arg\,max}_x`, `(scripts (op "arg\u2009max" limits=0) sub[ord:"x"])`},
		{`\left( x \right)`, `(left "(" [ord:"x"] right ")")`},
		{`\left. x \right|`, `(left "" [ord:"x"] right "|")`},
		{`\left\{ x \middle| y \right\}`, `(left "{" [ord:"x" (middle "|") ord:"y"] right "}")`},
		{`\left< x \right>`, `(left "⟨" [ord:"x"] right "⟩")`},
		{`\bigl( x \bigr)`, `(big1 open "(") ord:"x" (big1 close ")")`},
		{`\Bigg\|`, `(big4 ord "‖")`},
		{`\hat x`, `(accent "^" under=false stretchy=false [ord:"x"])`},
		{`\widehat{AB}`, `(accent "^" under=false stretchy=true [ord:"A" ord:"B"])`},
		{`\overline{z}`, `(accent "‾" under=false stretchy=true [ord:"z"])`},
		{`\underbrace{a}_{n}`, `(scripts (accent "⏟" under=true stretchy=true [ord:"a"]) sub[ord:"n"])`},
		{`\overset{!}{=}`, `(stack rel base[rel:"="] over[ord:"!"])`},
		{`\xrightarrow[u]{o}`, `(stack rel base[rel:"→"] over[ord:"o"] under[ord:"u"])`},
		{`\mathbb{R}`, `(group ord [ord:"R"/v5])`},
		{`\mathbf{x}_i`, `(scripts (group ord [ord:"x"/v2]) sub[ord:"i"])`},
		{`\boldsymbol{\Gamma\theta}`, `(group ord [ord:"Γ"/v2 ord:"θ"/v4])`},
		{`{\rm d}x`, `(group ord [ord:"d"/v1]) ord:"x"`},
		{`\text{if } x`, `(text "if ") ord:"x"`},
		{`\text{a $x$ b}`, `(group ord [(text "a ") ord:"x" (text " b")])`},
		{`\text{na\"ive}`, "(text \"nai\u0308ve\")"},
		{`a\,b\;c\!d\quad e`, `ord:"a" (space 3mu) ord:"b" (space 5mu) ord:"c" (space -3mu) ord:"d" (space 18mu) ord:"e"`},
		{`\hspace{1em}`, `(space 18mu)`},
		{`\kern2mu`, `(space 2mu)`},
		{`\mkern-3mu`, `(space -3mu)`},
		{`a~b`, `ord:"a" (space 6mu) ord:"b"`},
		{`\displaystyle x`, `(style 1 [ord:"x"])`},
		{`{\scriptstyle x} y`, `(group ord [(style 3 [ord:"x"])]) ord:"y"`},
		{`\mathrel{x}`, `(group rel [ord:"x"])`},
		{`\not=`, `rel:"≠"`},
		{`\not\in`, `rel:"∉"`},
		{`\not\approx`, `rel:"≉"`},
		{`\not\prec`, `rel:"⊀"`},
		{`\{x\}`, `open:"{" ord:"x" close:"}"`},
		{`\vert x \vert`, `ord:"|" ord:"x" ord:"|"`},
		{`a \bmod b`, `ord:"a" bin:"mod" ord:"b"`},
		{`x \pmod{p}`, `ord:"x" (group ord [(space 18mu) open:"(" (op "mod" limits=2) (space 6mu) ord:"p" close:")"])`},
		{`\color{red} x`, `ord:"x"`},
		{`\textcolor{red}{x}`, `(group ord [ord:"x"])`},
		{`\phantom{x}`, `(phantom h=true v=true [ord:"x"])`},
		{`\boxed{x}`, `(enclose box [ord:"x"])`},
		{`\cancel{x}`, `(enclose cancel [ord:"x"])`},
		{`\eqref{eq:1}`, `(ref "eq:1")`},
		{`x % a comment
		+ y`, `ord:"x" bin:"+" ord:"y"`},
		{`\begin{pmatrix} a & b \\ c & d \end{pmatrix}`, `(array pmatrix "c" "(" ")" (row [ord:"a"] [ord:"b"]) (row [ord:"c"] [ord:"d"]))`},
		{`\begin{bmatrix} 1 \\ 2 \\ \end{bmatrix}`, `(array bmatrix "c" "[" "]" (row [ord:"1"]) (row [ord:"2"]))`},
		{`\begin{cases} 1 & x>0 \\ 0 & \text{else} \end{cases}`, `(array cases "ll" "{" "" (row [ord:"1"] [ord:"x" rel:">" ord:"0"]) (row [ord:"0"] [(text "else")]))`},
		{`\begin{aligned} a &= b \\ &= c \end{aligned}`, `(array aligned "rl" "" "" (row [ord:"a"] [rel:"=" ord:"b"]) (row [] [rel:"=" ord:"c"]))`},
		{`\begin{align} a &= b \label{x} \\ c &= d \tag{*} \end{align}`, `(array align "rl" "" "" (row [ord:"a"] [rel:"=" ord:"b"] label="x") (row [ord:"c"] [rel:"=" ord:"d"] tag[(text "(") (text "*") (text ")")]))`},
		{`\begin{array}{|l|c|} a & b \end{array}`, `(array array "lc" "" "" (row [ord:"a"] [ord:"b"]))`},
		{`a \\ b`, `(array gathered "c" "" "" (row [ord:"a"]) (row [ord:"b"]))`},
		{`\sum_{\substack{i<n\\j}}`, `(scripts (op "∑" limits=0) sub[(array substack "c" "" "" (row [ord:"i" rel:"<" ord:"n"]) (row [ord:"j"]))])`},
		{`\newcommand{\R}{\mathbb{R}} \R`, `(group ord [ord:"R"/v5])`},
		{`\newcommand\sq[1]{#1^2} \sq{y}`, `(scripts ord:"y" sup[ord:"2"])`},
		{`\newcommand{\p}[2][1]{#1+#2} \p{x} \p[a]{b}`, `ord:"1" bin:"+" ord:"x" ord:"a" bin:"+" ord:"b"`},
		{`\def\x#1#2{#2#1} \x ab`, `ord:"b" ord:"a"`},
		{`\DeclareMathOperator{\tr}{tr} \tr A`, `(op "tr" limits=2) ord:"A"`},
		{`\DeclareMathOperator*{\am}{arg\,min} \am_x`, `(scripts (op "arg\u2009min" limits=0) sub[ord:"x"])`},
		{`\verb|a{b|`, `(text "a{b")`},
		{`\rule{1em}{2pt}`, `(rule 18 3.6 0)`},
		{`\genfrac(]{0pt}{2}ab`, `(frac norule=true "(" "]" style=3 num[ord:"a"] den[ord:"b"])`},
	}
	for _, c := range cases {
		f, err := Parse(c.tex, Options{})
		if err != nil {
			t.Errorf("%s: %v", c.tex, err)
			continue
		}
		if got := Dump(f.Body); got != c.want {
			t.Errorf("%s\n got %s\nwant %s", c.tex, got, c.want)
		}
	}
}

// TestParseErrors checks that broken formulas are reported at the
// place to fix, and never panic.
func TestParseErrors(t *testing.T) {
	cases := []struct {
		tex    string
		offset int
		msg    string
	}{
		{`\frac{a}`, 8, "missing argument"},
		{`x^`, 2, "missing argument"},
		{`{x`, 0, "unbalanced braces"},
		{`x}`, 1, "unexpected }"},
		{`a & b`, 2, "& outside an array"},
		{`x^a^b`, 3, "double superscript"},
		{`x_a_b`, 3, "double subscript"},
		{`\foo`, 0, `unknown command \foo`},
		{`1 + \left( x`, 4, `\left without \right`},
		{`\right)`, 0, `\right without \left`},
		{`\begin{foo}x\end{foo}`, 0, "unknown environment foo"},
		{`\begin{matrix}x\end{pmatrix}`, 15, `\begin{matrix} ended by \end{pmatrix}`},
		{`\begin{matrix}x`, 0, `\begin{matrix} without \end{matrix}`},
		{`\left\foo x\right)`, 5, "missing or unknown delimiter"},
		{`\def\a{\a}\a`, 10, "expands too often"},
		{`\hspace{wide}`, 8, "not a dimension"},
		{`\sqrt[3`, 5, "[ without ]"},
		{`x\`, 1, "a backslash at the end"},
		{`#1`, 0, "# outside a macro definition"},
		{strings.Repeat("{", 300) + strings.Repeat("}", 300), 200, "nested too deeply"},
	}
	for _, c := range cases {
		_, err := Parse(c.tex, Options{})
		e, ok := err.(*Error)
		if !ok {
			t.Errorf("%q: got %v, want an *Error", c.tex, err)
			continue
		}
		if e.Offset != c.offset || !strings.Contains(e.Msg, c.msg) {
			t.Errorf("%q: got %d %q, want %d %q", c.tex, e.Offset, e.Msg, c.offset, c.msg)
		}
	}
}

// TestMacrosCarryOver: a definition in one formula is in force in the
// next formulas of the post, as MathJax keeps it for the page, and
// never reaches the site's table.
func TestMacrosCarryOver(t *testing.T) {
	site := NewMacros()
	site.Define(`\E`, `\mathbb{E}`, 0)
	site.Define(`\norm`, `\left\|#1\right\|`, 1)
	post := site.Clone()
	if _, err := Parse(`\newcommand{\KL}{D_{KL}}`, Options{Macros: post}); err != nil {
		t.Fatal(err)
	}
	f, err := Parse(`\E[\KL] + \norm{x}`, Options{Macros: post})
	if err != nil {
		t.Fatal(err)
	}
	want := `(group ord [ord:"E"/v5]) open:"[" (scripts ord:"D" sub[ord:"K" ord:"L"]) close:"]" bin:"+" (left "‖" [ord:"x"] right "‖")`
	if got := Dump(f.Body); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if _, ok := site.lookup("KL"); ok {
		t.Error("a post's definition reached the site's macros")
	}
}

// TestStyled checks the mapping to Mathematical Alphanumeric Symbols,
// with the letters Unicode placed in Letterlike Symbols.
func TestStyled(t *testing.T) {
	cases := []struct {
		r    rune
		v    Variant
		want rune
	}{
		{'x', VariantAuto, '𝑥'}, {'h', VariantAuto, 'ℎ'}, {'A', VariantAuto, '𝐴'},
		{'2', VariantAuto, '2'}, {'α', VariantAuto, '𝛼'}, {'Γ', VariantAuto, 'Γ'},
		{'R', DoubleStruck, 'ℝ'}, {'1', DoubleStruck, '𝟙'}, {'L', Script, 'ℒ'},
		{'g', Fraktur, '𝔤'}, {'x', Bold, '𝐱'}, {'θ', BoldItalic, '𝜽'}, {'d', Normal, 'd'},
		{'C', Fraktur, 'ℭ'}, {'e', Script, 'ℯ'}, {'0', Monospace, '𝟶'}, {'+', Bold, '+'},
		{'α', DoubleStruck, 'α'},
	}
	for _, c := range cases {
		if got := Styled(c.r, c.v); got != c.want {
			t.Errorf("Styled(%q, %d) = %q, want %q", c.r, c.v, got, c.want)
		}
	}
}
