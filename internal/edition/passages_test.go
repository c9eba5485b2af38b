package edition

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"github.com/redtide/edition/internal/lang"
	"github.com/redtide/edition/internal/model"
)

// paraDump is the model dump of the one paragraph of a.
func paraDump(a *model.Article) string {
	d := model.DumpArticle(a)
	_, p, _ := strings.Cut(d, "\n")
	return strings.TrimSpace(p)
}

func TestMarkPassages(t *testing.T) {
	T := func(s string) model.Inline { return &model.Text{Text: s} }
	for _, tc := range []struct {
		name, tag string
		ins       []model.Inline
		want      string
	}{
		{"word in quotes", "en", []model.Inline{T("the «революция» itself")},
			`para "the «"lang(ru "революция")"» itself"`},
		{"phrase, punctuation outside", "en", []model.Inline{T("the slogan Вся власть Советам! was")},
			`para "the slogan "lang(ru "Вся власть Советам")"! was"`},
		{"the article's own script", "ru", []model.Inline{T("Вся власть Советам")}, `para "Вся власть Советам"`},
		{"another language of the script", "uk-UA", []model.Inline{T("Уся влада Радам")}, `para "Уся влада Радам"`},
		{"single letters are symbols", "en", []model.Inline{T("2πr, and λ too")}, `para "2πr, and λ too"`},
		{"Greek with accents", "de", []model.Inline{T("der λόγος und ἔργον")},
			`para "der "lang(el "λόγος")" und "lang(el "ἔργον")`},
		{"two scripts side by side", "en", []model.Inline{T("Москва (Moscow) and Αθήνα")},
			`para lang(ru "Москва")" (Moscow) and "lang(el "Αθήνα")`},
		{"Hebrew with points", "en", []model.Inline{T("from בְּרֵאשִׁית.")}, `para "from "lang(he "בְּרֵאשִׁית")"."`},
		{"Arabic with marks", "fr", []model.Inline{T("le mot عَرَبِيّ ici")}, `para "le mot "lang(ar "عَرَبِيّ")" ici"`},
		{"inside emphasis", "en", []model.Inline{&model.Emph{Inlines: []model.Inline{T("Война и мир")}}},
			`para em(lang(ru "Война и мир"))`},
		{"split text nodes join", "en", []model.Inline{T("say Вся власть "), T("Советам now")},
			`para "say "lang(ru "Вся власть"" ""Советам")" now"`},
		{"code is never touched", "en", []model.Inline{&model.Code{Text: "print('привет')"}}, `para code("print('привет')")`},
		{"marked by the source", "en", []model.Inline{&model.Lang{Tag: "uk", Inlines: []model.Inline{T("Київ")}}}, `para lang(uk "Київ")`},
		{"Latin only", "en", []model.Inline{T("plain text, café")}, `para "plain text, café"`},
	} {
		a := &model.Article{Blocks: []model.Block{&model.Paragraph{Inlines: tc.ins}}}
		markPassages(a, tc.tag)
		if got := paraDump(a); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
}

// TestMarkPassagesEverywhere: notes, bibliography entries, headings,
// captions and table cells are marked too.
func TestMarkPassagesEverywhere(t *testing.T) {
	T := func(s string) []model.Inline { return []model.Inline{&model.Text{Text: s}} }
	a := &model.Article{
		Blocks: []model.Block{
			&model.Heading{Level: 1, Inlines: T("Ленин")},
			&model.Quote{Blocks: []model.Block{&model.List{Items: []*model.ListItem{{Blocks: []model.Block{&model.Paragraph{Inlines: T("Троцкий")}}}}}}},
			&model.Figure{Caption: T("Сталин")},
			&model.Table{Header: []model.Cell{{Inlines: T("Бухарин")}}, Rows: [][]model.Cell{{{Inlines: T("Зиновьев")}}}},
		},
		Notes:        []*model.Note{{Number: 1, ID: "fn1", Blocks: []model.Block{&model.Paragraph{Inlines: T("Каменев")}}}},
		Bibliography: &model.Bibliography{Entries: []*model.BibEntry{{Number: 1, ID: "bib1", Inlines: T("Радек")}}},
	}
	markPassages(a, "en")
	n := 0
	model.WalkArticle(a, func(in model.Inline) {
		if l, ok := in.(*model.Lang); ok && l.Tag == "ru" {
			n++
		}
	})
	model.WalkInlines(a.Blocks[2].(*model.Figure).Caption, func(in model.Inline) {
		if _, ok := in.(*model.Lang); ok {
			n++
		}
	})
	if n != 8 {
		t.Errorf("%d passages marked, want 8:\n%s", n, model.DumpArticle(a))
	}
}

// FuzzMarkPassages: marking passages never loses or reorders text, and
// never leaves a passage of fewer than two letters.
func FuzzMarkPassages(f *testing.F) {
	for _, s := range []string{"the «революция» itself", "Москва (Moscow) and Αθήνα", "from בְּרֵאשִׁית.", "2πr", "\xff\xfeя я", "ἔργον, λόγος; Ж"} {
		f.Add(s, "en")
	}
	f.Add("Вся власть", "ru")
	f.Fuzz(func(t *testing.T, s, tag string) {
		a := &model.Article{Blocks: []model.Block{&model.Paragraph{Inlines: []model.Inline{&model.Text{Text: s}, &model.Emph{Inlines: []model.Inline{&model.Text{Text: s}}}}}}}
		before := model.PlainText(a.Blocks[0].(*model.Paragraph).Inlines)
		markPassages(a, tag)
		ins := a.Blocks[0].(*model.Paragraph).Inlines
		if after := model.PlainText(ins); after != before {
			t.Fatalf("text changed: %q → %q", before, after)
		}
		model.WalkInlines(ins, func(in model.Inline) {
			if l, ok := in.(*model.Lang); ok {
				n := 0
				for _, r := range model.PlainText(l.Inlines) {
					if unicode.IsLetter(r) {
						n++
					}
				}
				if n < 2 {
					t.Fatalf("passage %q of %d letters", model.PlainText(l.Inlines), n)
				}
			}
		})
	})
}

func BenchmarkMarkPassages(b *testing.B) {
	text := strings.Repeat("Plain English text with a café and naïve words, ", 200)
	mk := func() *model.Article {
		var bs []model.Block
		for range 200 {
			bs = append(bs, &model.Paragraph{Inlines: []model.Inline{&model.Text{Text: text}, &model.Emph{Inlines: []model.Inline{&model.Text{Text: text}}}}})
		}
		return &model.Article{Blocks: bs}
	}
	a := mk()
	b.SetBytes(int64(2 * 200 * len(text)))
	for b.Loop() {
		markPassages(a, "en")
	}
}

// TestBeyondLatin: the byte scan never misses a letter of a recognised
// script.
func TestBeyondLatin(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !unicode.IsLetter(r) || lang.ScriptOf(r) == nil {
			continue
		}
		if !beyondLatin(string(r)) {
			t.Fatalf("beyondLatin misses %U", r)
		}
	}
	if beyondLatin("“plain” text — with ‘quotes’ and café…") {
		t.Error("Latin text with punctuation taken for another script")
	}
	// Longer texts, read eight bytes at a time where they are ASCII,
	// against a byte by byte scan.
	bytewise := func(s string) bool {
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c >= 0xCD && (c <= 0xE1 || c == 0xEA || c == 0xEF || c == 0xF0 || c == 0xE2 && i+1 < len(s) && s[i+1] == 0x84) {
				return true
			}
		}
		return false
	}
	pieces := []string{"a", "plain ", "é", "—", "Ω", "Ж", "ש", "\xe2", "\x84", "\xcd", "\xcc", "\xf0", "\xea", "\xef", "\xff", "“"}
	r := rand.New(rand.NewPCG(7, 8))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(24) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		if s := b.String(); beyondLatin(s) != bytewise(s) {
			t.Fatalf("beyondLatin(%q) = %v", s, beyondLatin(s))
		}
	}
}
