package layout

import (
	"strings"
	"testing"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/hyph"
	"github.com/redtide/edition/layout/linebreak"
)

// breaksOf sets text as a body paragraph in language lang and returns
// its words with their in-word breaks marked: "|" a hyphenation point,
// "‡" one in a capitalised word, "^" after a word's own hyphen, dash or
// slash, and "␣" between words.
func breaksOf(t *testing.T, cfg Config, lang, text string) string {
	t.Helper()
	lt := &layouter{fs: fonts.Default(), cfg: cfg.withDefaults(), hyphs: &hyphenators{m: map[string]*hyph.Hyphenator{}}, warned: map[string]bool{}}
	c := lt.bodyCtx()
	spec := parSpec{width: c.width, justify: true, hyphenate: true, lang: lang, kind: c.kind, leading: c.leading}
	// The last word of a paragraph is never hyphenated: end with one more.
	items, data := lt.buildItems([]piece{{text: text + " end", st: c.style()}}, spec)
	var b strings.Builder
	for i, it := range items {
		switch {
		case it.Kind == linebreak.BoxItem:
			b.WriteString(data[i].text)
		case it.Kind == linebreak.GlueItem && !data[i].fill:
			b.WriteString("␣")
		case it.Kind == linebreak.PenaltyItem && it.Flagged && it.Width == 0:
			b.WriteString("^")
		case it.Kind == linebreak.PenaltyItem && it.Flagged && it.Penalty == cfg.Break.UppercaseHyphenPenalty:
			b.WriteString("‡")
		case it.Kind == linebreak.PenaltyItem && it.Flagged:
			b.WriteString("|")
		}
	}
	return strings.TrimSuffix(b.String(), "␣end")
}

func TestHyphenationRules(t *testing.T) {
	cfg := DefaultConfig()
	strict := cfg
	strict.Break.RightHyphenMin = 6
	for _, c := range []struct {
		name, lang, text string
		cfg              Config
		want             string
	}{
		{"patterns", "en", "hyphenation", cfg, "hy|phen|ation"},
		{"right minimum of the edition", "en", "hyphenation", strict, "hy|phenation"},
		{"compound: only at its hyphen", "en", "sixteenth-century", cfg, "sixteenth-^century"},
		{"compound of names", "en", "Attribution-NonCommercial", cfg, "Attribution-^NonCommercial"},
		{"suspended compound", "de", "Arbeiter- und", cfg, "Arbeiter-␣und"},
		{"en dash compound", "en", "Marx–Engels", cfg, "Marx–^Engels"},
		{"slash compound", "en", "revolutionary/reformist", cfg, "revolutionary/^reformist"},
		{"em dash joins words, each hyphenated", "en", "revolution—especially", cfg, "rev|o|lu|tion—^es|pe|cially"},
		{"soft hyphens are the only breaks", "en", "in\u00adter\u00adna\u00adtional", cfg, "in|ter|na|tional"},
		{"capitalised word", "en", "Rijksmuseum", cfg, "Ri‡jksmu‡seum"},
		{"all capitals", "en", "REVOLUTIONARY", cfg, "REVOLUTIONARY"},
		{"narrow no-break space joins", "fr", "semaine\u202f»", cfg, "se|maine\u202f»"},
		{"no-break space joins", "en", "page\u00a012", cfg, "page 12"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := breaksOf(t, c.cfg, c.lang, c.text); got != c.want {
				t.Errorf("%s: got %q, want %q", c.text, got, c.want)
			}
		})
	}
}

// TestRuntWidth checks the width under which a paragraph's last line is a
// runt: a sixth of the measure, unless the last line must hold a word (or
// the part of one after its last break) of four letters or digits.
func TestRuntWidth(t *testing.T) {
	lt := &layouter{fs: fonts.Default(), cfg: DefaultConfig().withDefaults(), hyphs: &hyphenators{m: map[string]*hyph.Hyphenator{}}, warned: map[string]bool{}}
	c := lt.bodyCtx()
	st := c.style()
	spec := parSpec{width: c.width, justify: true, hyphenate: true, lang: "en", kind: c.kind, leading: c.leading}
	sixth := spec.width / 6
	for _, tc := range []struct {
		text string
		tail string // the last line from here on is no runt; "" for a sixth of the measure
	}{
		{"The strike ended in it.", "ended in it."},
		{"The strike was over, or not.", "over, or not."},
		{"The strike ended on the third day.", "third day."},
		{"The strike ended in 1919.", "1919."},
		{"The printers demanded recognition.", "recognition."},
		{"The strike spread to Seattle, a, b, c, d, e, f, g, h, i, j, k.", ""},
	} {
		items, data := lt.buildItems([]piece{{text: tc.text, st: st}}, spec)
		want := sixth
		if tc.tail != "" {
			want = 0
			for i, w := range strings.Fields(tc.tail) {
				if i > 0 {
					want += lt.width(" ", st)
				}
				want += lt.width(w, st)
			}
		}
		if got := runtWidth(items, data, spec.width); got < want-8 || got > want+8 {
			t.Errorf("%q: runt width %v, want %v (a sixth: %v)", tc.text, got, want, sixth)
		}
	}
}
