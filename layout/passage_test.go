package layout_test

import (
	"strings"
	"testing"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/hyph"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/layout"
	"github.com/redtide/edition/layout/layouttest"
)

// hyphenatedEnds sets an English article of one paragraph, word repeated
// (wrapped by wrap), in narrow columns and returns the fragments of word
// that end hyphenated lines.
func hyphenatedEnds(t *testing.T, word string, wrap func(model.Inline) model.Inline) []string {
	t.Helper()
	var ins []model.Inline
	for i := range 60 {
		ins = append(ins, layouttest.T(strings.Repeat("a ", i%3)+"the "), wrap(layouttest.T(word)))
	}
	ed := &model.Edition{Publication: "P", Language: "en", Sections: []*model.Section{{Articles: []*model.Article{
		{ID: "a", Source: "a.md", Title: "A", Language: "en", Blocks: []model.Block{layouttest.P(ins...)}},
	}}}}
	cfg := a5()
	cfg.Columns = 2
	d, err := layout.Layout(ed, fonts.Default(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range d.Lines() {
		if l.Hyphenated && len(l.Runs) > 0 {
			last := l.Runs[len(l.Runs)-1].Text
			fields := strings.Fields(last)
			out = append(out, strings.TrimSuffix(fields[len(fields)-1], "-"))
		}
	}
	return out
}

// TestPassageHyphenation: a passage in another language (model.Lang) is
// hyphenated with its language's patterns, or not at all when it has
// none, never with the article's.
func TestPassageHyphenation(t *testing.T) {
	lang := func(tag string) func(model.Inline) model.Inline {
		return func(in model.Inline) model.Inline { return &model.Lang{Tag: tag, Inlines: []model.Inline{in}} }
	}
	plain := func(in model.Inline) model.Inline { return in }
	const word = "Donaudampfschifffahrtsgesellschaft"
	allowed := func(tag string) map[string]bool {
		h, err := hyph.New(tag)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]bool{}
		for _, off := range h.Hyphenate(word) {
			m[word[:off]] = true
		}
		return m
	}
	en, de := allowed("en"), allowed("de")
	check := func(name string, ends []string, ok map[string]bool) {
		for _, e := range ends {
			if !ok[e] {
				t.Errorf("%s: line ends %q-, not a break of its language", name, e)
			}
		}
	}
	check("English", hyphenatedEnds(t, word, plain), en)
	ends := hyphenatedEnds(t, word, lang("de"))
	if len(ends) == 0 {
		t.Error("German passage: never hyphenated")
	}
	check("German passage", ends, de)
	if ends := hyphenatedEnds(t, word, lang("sv")); len(ends) > 0 {
		t.Errorf("passage in a language without patterns hyphenated: %q…", ends[:1])
	}
}
