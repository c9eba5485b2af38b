package layout_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/layout"
	"github.com/redtide/edition/layout/layouttest"
)

// TestEdgeCases: odd but legal inputs lay out without panics or overfull
// lines.
func TestEdgeCases(t *testing.T) {
	cases := map[string]*model.Edition{
		"empty":      {},
		"no blocks":  {Sections: []*model.Section{{Articles: []*model.Article{{ID: "a"}}}}},
		"odd blocks": layouttest.Odd(),
	}
	for name, ed := range cases {
		for cname, cfg := range map[string]layout.Config{"two": layout.DefaultConfig(), "one": a5()} {
			d, err := layout.Layout(ed, fonts.Default(), cfg, nil)
			if err != nil {
				t.Errorf("%s/%s: %v", name, cname, err)
				continue
			}
			measure(t, name+"/"+cname, d, cfg)
			_ = d.Dump()
		}
	}
}

// TestDeepAndWide: a thousand nested lists and quotes and a table of sixty
// columns stay inside the column with every word set; the table, set as a
// list of rows, is named in a warning.
func TestDeepAndWide(t *testing.T) {
	T, P := layouttest.T, layouttest.P
	var list model.Block = P(T("level 999"))
	quote := model.Block(P(T("deep quote")))
	for i := 998; i >= 0; i-- {
		list = &model.List{Items: []*model.ListItem{{Blocks: []model.Block{P(T("level " + strconv.Itoa(i))), list}}}}
		quote = &model.Quote{Blocks: []model.Block{quote}}
	}
	wide := &model.Table{}
	for c := 0; c < 60; c++ {
		wide.Header = append(wide.Header, model.Cell{Inlines: []model.Inline{T("head" + strconv.Itoa(c))}})
	}
	for r := 0; r < 3; r++ {
		var row []model.Cell
		for c := 0; c < 60; c++ {
			row = append(row, model.Cell{Inlines: []model.Inline{T("cellcontentthatislong" + strconv.Itoa(r*100+c))}})
		}
		wide.Rows = append(wide.Rows, row)
	}
	for name, tc := range map[string]struct {
		b     model.Block
		words []string
		warn  string
	}{
		"lists":  {list, []string{"level 0", "level 500", "level 999"}, ""},
		"quotes": {quote, []string{"deep quote"}, ""},
		"table":  {wide, []string{"head0:", "cellcontentthatislong0;", "head59:", "cellcontentthatislong259"}, "a.md: table of 60 columns too wide"},
	} {
		ed := &model.Edition{Publication: "Deep", Language: "en", Sections: []*model.Section{{Articles: []*model.Article{
			{ID: "a", Source: "a.md", Title: "Deep", Blocks: []model.Block{tc.b}}}}}}
		for cname, cfg := range map[string]layout.Config{"two": layout.DefaultConfig(), "one": a5()} {
			d, warns := layoutOf(t, ed, cfg)
			measure(t, name+"/"+cname, d, cfg)
			var all strings.Builder
			for _, l := range d.Lines() {
				all.WriteString(text(l))
			}
			for _, w := range tc.words {
				if !strings.Contains(all.String(), w) {
					t.Errorf("%s/%s: %q not set", name, cname, w)
				}
			}
			if got := strings.Join(warns, "\n"); (tc.warn == "") != (got == "") || !strings.Contains(got, tc.warn) {
				t.Errorf("%s/%s: warnings %q, want one with %q", name, cname, got, tc.warn)
			}
			for _, l := range d.Lines() {
				for _, r := range l.Runs {
					if r.Size < 5*layout.Pt {
						t.Errorf("%s/%s: text %q at %v", name, cname, r.Text, r.Size)
					}
				}
			}
		}
	}
}

// TestCodeWrap: a code line too long for the measure wraps after a space
// or punctuation rather than inside a word, every character is kept, and
// each continuation line is indented and marked with an arrow that is not
// part of its text.
func TestCodeWrap(t *testing.T) {
	src := "result := spreadsheet.Open(path, options, readOnly, withFormulas, withStyles, evaluateEverything, lazily)\n" +
		"x\n" + strings.Repeat("abcdefghij", 30)
	ed := &model.Edition{Publication: "Code", Language: "en", Sections: []*model.Section{{Articles: []*model.Article{
		{ID: "a", Source: "a.md", Title: "Code", Blocks: []model.Block{&model.CodeBlock{Text: src}}}}}}}
	for cname, cfg := range map[string]layout.Config{"two": layout.DefaultConfig(), "one": a5()} {
		d, _ := layoutOf(t, ed, cfg)
		measure(t, "code/"+cname, d, cfg)
		var got []string
		marks := 0
		for _, p := range d.Pages {
			marks += len(p.Marks)
			for _, l := range p.Lines {
				if l.Kind == layout.KindCode {
					for _, r := range l.Runs {
						got = append(got, r.Text)
					}
				}
			}
		}
		if len(got) < 4 {
			t.Fatalf("%s: %d code lines %q, want wrapped lines", cname, len(got), got)
		}
		if marks != len(got)-3 {
			t.Errorf("%s: %d continuation marks for %d lines of 3 source lines", cname, marks, len(got))
		}
		if j := strings.Join(got, ""); strings.ReplaceAll(j, " ", "") != strings.ReplaceAll(strings.ReplaceAll(src, "\n", ""), " ", "") {
			t.Errorf("%s: code text %q, want %q", cname, j, src)
		}
		// the first source line wraps between words, not inside one
		for i, l := range got {
			if got[i+1] == "x" {
				break
			}
			if last := l[len(l)-1]; last != ' ' && last != ',' && last != '.' && last != '(' {
				t.Errorf("%s: code line %q ends inside a word", cname, l)
			}
		}
	}
}

// TestFallbackGlyphs: runes the text face lacks are set in the fallback
// face, in runs of their own and measured in it; only a rune no face has
// is printed as '?' with a warning.
func TestFallbackGlyphs(t *testing.T) {
	T, P := layouttest.T, layouttest.P
	B := func(s string) model.Inline { return &model.Strong{Inlines: []model.Inline{T(s)}} }
	ed := &model.Edition{Publication: "Fallback", Language: "en", Sections: []*model.Section{{Articles: []*model.Article{{
		ID: "a", Source: "a.md", Title: "Arrows ★ stars", Language: "en",
		Blocks: []model.Block{
			P(T("Data ⇆ labour ★ sums ∑ and 🔥 fire.")),
			P(B("Bold ⇆ arrow")),
		},
	}}}}}
	fs := fonts.Default()
	var warns []string
	d, err := layout.Layout(ed, fs, layout.DefaultConfig(), func(w diag.Warning) { warns = append(warns, w.String()) })
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) != 1 || !strings.Contains(warns[0], "'🔥'") {
		t.Errorf("warnings %q, want one, for '🔥'", warns)
	}
	got := map[string]bool{} // text and face of the fallback runs
	var text strings.Builder
	for _, pg := range d.Pages {
		for _, ln := range pg.Lines {
			for i, r := range ln.Runs {
				text.WriteString(r.Text)
				if r.Face.Kind == layout.FallbackFace {
					got[r.Text+" "+r.Face.String()] = true
				} else {
					for _, c := range r.Text {
						if !r.Face.Font(fs).Has(c) && c != ' ' {
							t.Errorf("run %q in %s: no glyph for %q", r.Text, r.Face, c)
						}
					}
				}
				if i > 0 && ln.Runs[i-1].Y == r.Y && r.X < ln.Runs[i-1].X+ln.Runs[i-1].Width-layout.SP*8 {
					t.Errorf("run %q overlaps %q", r.Text, ln.Runs[i-1].Text)
				}
				if want := layout.Length(r.Face.Font(fs).StringWidth(r.Text)) * r.Size / 1000; r.Width != want {
					t.Errorf("run %q in %s: width %v, measured %v", r.Text, r.Face, r.Width, want)
				}
			}
		}
	}
	// Regular in the body, bold in the bold text and the (bold sans)
	// title.
	for _, want := range []string{"⇆ fallback", "★ fallback", "⇆ fallback-bold", "★ fallback-bold"} {
		if !got[want] {
			t.Errorf("no fallback run %q in %v", want, got)
		}
	}
	if got["∑ fallback"] {
		t.Error("∑ is in Liberation Serif: no fallback needed")
	}
	if !strings.Contains(text.String(), "∑") || !strings.Contains(text.String(), "?") {
		t.Errorf("text %q: want ∑ kept and 🔥 as ?", text.String())
	}
	if !strings.Contains(d.Dump(), " fallback-bold ") {
		t.Error("no bold fallback run in the dump")
	}
}
