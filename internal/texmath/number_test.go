package texmath

import (
	"reflect"
	"strings"
	"testing"
)

// tags lists the printed tags of f: its own, then its rows', "-" for a
// row without one.
func tags(f *Formula) string {
	var out []string
	if f.Tag != nil {
		out = append(out, nodesText(f.Tag))
	}
	for _, n := range f.Body {
		if a, ok := n.(*Array); ok && displayEnvs[strings.TrimSuffix(a.Env, "*")] {
			for _, r := range a.Rows {
				if r.Tag == nil {
					out = append(out, "-")
				} else {
					out = append(out, nodesText(r.Tag))
				}
			}
		}
	}
	return strings.Join(out, " ")
}

func nodesText(ns []Node) string {
	var b strings.Builder
	for _, n := range ns {
		if t, ok := n.(*TextRun); ok {
			b.WriteString(t.Text)
		}
	}
	return b.String()
}

func TestNumbering(t *testing.T) {
	displays := []string{
		`\label{a} x = 1`,
		`y \tag{*} \label{b}`,
		`\begin{align} a &= b \label{c} \\ c &= d \notag \\ e &= f \end{align}`,
		`\begin{align*} a &= b \end{align*}`,
		`z \notag`,
		`\begin{gather} p \\ q \tag{Q} \label{q} \end{gather}`,
		`\begin{multline} m \\ n \label{m} \end{multline}`,
		`\begin{equation} \begin{split} s &= t \end{split} \label{s} \end{equation}`,
		`\begin{aligned} u &= v \end{aligned}`,
	}
	for _, tc := range []struct {
		mode Numbering
		want []string
		refs string
	}{
		{NumberAll, []string{"(1)", "(*)", "(2) - (3)", "-", "", "(4) (Q)", "- (5)", "(6)", "(7)"},
			"(1) (*) 2 (Q) (5) (6) (???)"},
		{NumberAMS, []string{"", "(*)", "(1) - (2)", "-", "", "(3) (Q)", "- (4)", "(5)", ""},
			"(???) (*) 1 (Q) (4) (5) (???)"},
		{NumberNone, []string{"", "(*)", "- - -", "-", "", "- (Q)", "- -", "-", ""},
			"(???) (*) ??? (Q) (???) (???) (???)"},
	} {
		eq := NewEquations(tc.mode)
		var got []string
		for _, src := range displays {
			f, err := Parse(src, Options{Display: true})
			if err != nil {
				t.Fatalf("%s: %v", src, err)
			}
			if dup := eq.Number(f); dup != nil {
				t.Errorf("mode %d: %s: duplicate labels %v", tc.mode, src, dup)
			}
			got = append(got, tags(f))
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("mode %d: tags\n got %q\nwant %q", tc.mode, got, tc.want)
		}
		f, err := Parse(`\eqref{a} \eqref{b} \ref{c} \eqref{q} \eqref{m} \eqref{s} \eqref{nowhere}`, Options{})
		if err != nil {
			t.Fatal(err)
		}
		unknown := eq.Resolve(f)
		var refs []string
		Walk(f.Body, func(n Node) {
			if r, ok := n.(*Ref); ok {
				refs = append(refs, r.Text)
			}
		})
		if s := strings.Join(refs, " "); s != tc.refs {
			t.Errorf("mode %d: refs %q, want %q", tc.mode, s, tc.refs)
		}
		if len(unknown) == 0 || unknown[len(unknown)-1] != "nowhere" {
			t.Errorf("mode %d: unknown labels %v, want nowhere last", tc.mode, unknown)
		}
	}
}

func TestNumberingDuplicateAndNested(t *testing.T) {
	eq := NewEquations(NumberAll)
	f1, _ := Parse(`x \label{a}`, Options{Display: true})
	f2, _ := Parse(`y \label{a}`, Options{Display: true})
	eq.Number(f1)
	if dup := eq.Number(f2); !reflect.DeepEqual(dup, []string{"a"}) {
		t.Errorf("duplicate labels %v, want [a]", dup)
	}
	// a reference inside a fraction, a script and \overset is resolved
	g, err := Parse(`\frac{\eqref{a}}{2}^{\ref{a}} \overset{\eqref{a}}{=}`, Options{Display: true})
	if err != nil {
		t.Fatal(err)
	}
	if u := eq.Resolve(g); u != nil {
		t.Errorf("unknown %v", u)
	}
	n := 0
	Walk(g.Body, func(x Node) {
		if r, ok := x.(*Ref); ok {
			n++
			if strings.Trim(r.Text, "()") != "1" {
				t.Errorf("ref %q reads %q, want 1", r.Label, r.Text)
			}
		}
	})
	if n != 3 {
		t.Errorf("%d refs found, want 3", n)
	}
}

func TestParseNumbering(t *testing.T) {
	for s, want := range map[string]Numbering{"all": NumberAll, "AMS": NumberAMS, "ams": NumberAMS, "none": NumberNone, "": NumberNone} {
		if got := ParseNumbering(s); got != want {
			t.Errorf("ParseNumbering(%q) = %d, want %d", s, got, want)
		}
	}
}
