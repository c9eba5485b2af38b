package edition

import (
	"strings"
	"testing"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/texmath"
)

func tex(t *testing.T, src string, display bool) *texmath.Formula {
	t.Helper()
	f, err := texmath.Parse(src, texmath.Options{Display: display})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestNumberEquations numbers an article's displays in reading order
// (a quote's and a note's included) and resolves the references in
// text, in a display, and before their equation; an unknown label is
// "(???)" with a warning at its line.
func TestNumberEquations(t *testing.T) {
	before := &model.Math{TeX: `\eqref{last}`, Formula: tex(t, `\eqref{last}`, false)}
	inDisplay := tex(t, `x \overset{\eqref{first}}{=} y`, true)
	unknown := &model.Math{TeX: `\ref{nowhere}`, Formula: tex(t, `\ref{nowhere}`, false)}
	a := &model.Article{Blocks: []model.Block{
		&model.Paragraph{Pos: model.Pos{Line: 1}, Inlines: []model.Inline{&model.Text{Text: "See "}, before}},
		&model.MathBlock{Pos: model.Pos{Line: 3}, Formula: tex(t, `a \label{first}`, true)},
		&model.Quote{Blocks: []model.Block{&model.MathBlock{Pos: model.Pos{Line: 5}, Formula: inDisplay}}},
		&model.Paragraph{Pos: model.Pos{Line: 7}, Inlines: []model.Inline{&model.Emph{Inlines: []model.Inline{unknown}}}},
	}, Notes: []*model.Note{{Blocks: []model.Block{&model.MathBlock{Pos: model.Pos{Line: 9}, Formula: tex(t, `b \label{last}`, true)}}}}}
	var log diag.Log
	numberEquations(a, texmath.NumberAll, "p.md", &log)
	ref := func(f *texmath.Formula) string {
		var s []string
		texmath.Walk(f.Body, func(n texmath.Node) {
			if r, ok := n.(*texmath.Ref); ok {
				s = append(s, r.Text)
			}
		})
		return strings.Join(s, " ")
	}
	for _, c := range []struct{ got, want string }{
		{ref(before.Formula), "(3)"}, {ref(inDisplay), "(1)"}, {ref(unknown.Formula), "???"},
	} {
		if c.got != c.want {
			t.Errorf("reference reads %q, want %q", c.got, c.want)
		}
	}
	if inDisplay.TagText != "2" {
		t.Errorf("the quote's display numbered %q, want 2", inDisplay.TagText)
	}
	ws := log.Warnings()
	if len(ws) != 1 || ws[0].Line != 7 || !strings.Contains(ws[0].Msg, `"nowhere"`) {
		t.Errorf("warnings %v, want one for nowhere at line 7", ws)
	}
}
