package texmath

import (
	"strings"
	"testing"
)

// FuzzParse: any input parses or fails with an *Error inside the
// source, and what parses writes well-formed MathML.
func FuzzParse(f *testing.F) {
	for _, g := range goldenFormulas {
		f.Add(g.tex)
	}
	for _, s := range []string{`\def\a#1{#1#1}\a{\a{x}}`, `\newcommand{\x}[1][y]{#1}\x[`, `\left(\begin{matrix}a&b\\`, `x^{'}`, `\verb`, `\text{$`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, tex string) {
		form, err := Parse(tex, Options{Macros: NewMacros()})
		if err != nil {
			e, ok := err.(*Error)
			if !ok || e.Offset < 0 || e.Offset > len(tex) {
				t.Fatalf("%q: error %v at an offset outside the source", tex, err)
			}
			return
		}
		if m := MathML(form); !strings.HasPrefix(m, "<math") {
			t.Fatalf("%q: %s", tex, m)
		} else if err := wellFormed(m); err != nil {
			t.Fatalf("%q: MathML not well-formed: %v\n%s", tex, err, m)
		}
	})
}
