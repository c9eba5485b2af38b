// Package layouttest builds model.Edition values for the tests and benchmarks
// of packages layout and pdf.
package layouttest

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/redtide/edition/internal/model"
)

// T is shorthand for a text inline.
func T(s string) model.Inline { return &model.Text{Text: s} }

// P is a paragraph of inlines.
func P(in ...model.Inline) *model.Paragraph { return &model.Paragraph{Inlines: in} }

var vocabulary = strings.Fields(`the workers of the city voted on Tuesday to continue
the strike until the employers association agrees to recognise the union and
restore the wages cut last winter meanwhile committees organised kitchens
distribution of milk and coal and a daily bulletin printed overnight
representatives insisted that negotiations would proceed only in public
international solidarity telegrams arrived from dockers typographers and
railwaymen across the continent while the newspapers of the owners predicted
collapse within a week organisation discipline democracy accountability
extraordinary circumstances revolutionary consciousness parliamentary
representation overwhelmingly unprecedented demonstration neighbourhood
assemblies cooperative bakeries municipal authorities telegraph
correspondence`)

// Words returns n pseudo-random words from a fixed vocabulary; the same
// seed gives the same words.
func Words(r *rand.Rand, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = vocabulary[r.IntN(len(vocabulary))]
	}
	return out
}

func sentence(r *rand.Rand, n int) string {
	w := Words(r, n)
	w[0] = strings.ToUpper(w[0][:1]) + w[0][1:]
	return strings.Join(w, " ") + "."
}

// Paragraph is a paragraph of about n words in sentences.
func Paragraph(r *rand.Rand, n int) *model.Paragraph {
	var parts []string
	for n > 0 {
		k := min(n, 6+r.IntN(14))
		parts = append(parts, sentence(r, k))
		n -= k
	}
	return P(T(strings.Join(parts, " ")))
}

// PNG returns a w×h PNG test image with a diagonal gradient.
func PNG(w, h int) *model.Image {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 128, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		panic(err)
	}
	return &model.Image{Path: "images/test.png", Name: fmt.Sprintf("img-%dx%d.png", w, h), MediaType: "image/png", Data: b.Bytes(), Width: w, Height: h, Alt: "a gradient"}
}

// Small is a short edition exercising every block and inline type.
func Small() *model.Edition {
	n1 := &model.Note{Number: 1, ID: "fn1", Label: "a", Blocks: []model.Block{P(T("The first note, with a "), &model.Emph{Inlines: []model.Inline{T("citation")}}, T("."))}}
	n2 := &model.Note{Number: 2, ID: "fn2", Label: "b", Blocks: []model.Block{P(T("A second note."))}}
	a := &model.Article{
		ID: "strike", Source: "posts/strike.md", Title: "The Strike Wave of 1919", Subtitle: "A year of general strikes",
		Authors: []string{"Ada Lovelace", "Rosa Luxemburg"}, Date: time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC),
		Blocks: []model.Block{
			P(T("In 1919 more than four million workers struck in the United States alone"), &model.NoteRef{Note: n1, Occurrence: 1},
				T(". The "), &model.Strong{Inlines: []model.Inline{T("Seattle General Strike")}}, T(" was the first; "),
				&model.Emph{Inlines: []model.Inline{T("Boston")}}, T(" police followed, and the steel industry came out in September.")),
			P(T("Read more at "), &model.Link{URL: "https://example.org/history/1919/strikes?lang=en&page=2", Inlines: []model.Inline{T("https://example.org/history/1919/strikes?lang=en&page=2")}},
				T(" and see the "), &model.Code{Text: "strike_count"}, T(" variable; H"), &model.Sub{Inlines: []model.Inline{T("2")}}, T("O and 10"), &model.Sup{Inlines: []model.Inline{T("6")}},
				T(" and the "), &model.Strike{Inlines: []model.Inline{T("old")}}, T(" new figures"), &model.NoteRef{Note: n2, Occurrence: 1}, T(".")),
			&model.Heading{Level: 1, ID: "seattle", Inlines: []model.Inline{T("Seattle")}},
			P(T("The Central Labor Council called the strike for the sixth of February."), &model.LineBreak{}, T("A hard break, then more text"), &model.NoteRef{Note: n1, Occurrence: 2}, T(".")),
			&model.Quote{Blocks: []model.Block{P(T("We are undertaking the most tremendous move ever made by labor in this country."))}},
			&model.List{Items: []*model.ListItem{{Blocks: []model.Block{P(T("Kitchens"))}}, {Blocks: []model.Block{P(T("Milk stations")), &model.List{Ordered: true, Start: 1, Items: []*model.ListItem{{Blocks: []model.Block{P(T("north"))}}, {Blocks: []model.Block{P(T("south"))}}}}}}}},
			&model.CodeBlock{Language: "go", Text: "func main() {\n\tfmt.Println(\"solidarity forever, solidarity forever, for the union makes us strong\")\n}"},
			&model.Rule{},
			&model.Table{Align: []model.Align{model.AlignLeft, model.AlignRight}, Header: []model.Cell{{Inlines: []model.Inline{T("City")}}, {Inlines: []model.Inline{T("Strikers")}}},
				Rows: [][]model.Cell{{{Inlines: []model.Inline{T("Seattle")}}, {Inlines: []model.Inline{T("65,000")}}}, {{Inlines: []model.Inline{T("Winnipeg")}}, {Inlines: []model.Inline{T("30,000")}}}}},
			&model.Figure{Image: PNG(40, 20), Caption: []model.Inline{T("A picket line, 1919.")}},
			&model.Figure{Image: &model.Image{Path: "images/missing.jpg", Alt: "Missing photograph"}, Caption: []model.Inline{T("Lost.")}},
		},
		Notes: []*model.Note{n1, n2},
		Bibliography: &model.Bibliography{Title: "Works Cited", Ordered: true, Entries: []*model.BibEntry{
			{Number: 1, ID: "bib1", Inlines: []model.Inline{T("Brecher, Jeremy. "), &model.Emph{Inlines: []model.Inline{T("Strike!")}}, T(" PM Press, 2014.")}},
			{Number: 2, ID: "bib2", Inlines: []model.Inline{T("Montgomery, David. The Fall of the House of Labor. Cambridge, 1987.")}},
		}},
	}
	b := &model.Article{ID: "letters", Source: "posts/letters.md", Title: "Letters", Authors: []string{"Readers"},
		Blocks: []model.Block{P(T("Short."))}}
	return &model.Edition{
		Publication: "The Red Tide", Title: "November Issue", Volume: 3, Number: 12,
		Date: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), Language: "en", Editors: []string{"E. Editor"},
		Description: "News from the picket lines.",
		Sections:    []*model.Section{{Title: "Features", Articles: []*model.Article{a}}, {Title: "Opinion", Articles: []*model.Article{b}}},
	}
}

// Big is an edition of about words words in several articles with notes,
// headings, lists and quotes, reproducible from seed.
func Big(words int, seed uint64) *model.Edition {
	r := rand.New(rand.NewPCG(seed, 1))
	ed := &model.Edition{Publication: "The Red Tide", Title: "Generated", Volume: 3, Number: 12,
		Date: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), Language: "en"}
	sec := &model.Section{Title: "News"}
	ed.Sections = []*model.Section{sec}
	total := 0
	for ai := 0; total < words; ai++ {
		a := &model.Article{ID: fmt.Sprintf("a%d", ai), Source: fmt.Sprintf("posts/a%d.md", ai),
			Title: sentence(r, 3+r.IntN(6)), Authors: []string{"Writer " + fmt.Sprint(ai)}}
		n := min(words-total, 800+r.IntN(1500))
		total += n
		note := 0
		for n > 0 {
			k := min(n, 20+r.IntN(120))
			n -= k
			par := Paragraph(r, k)
			if r.IntN(5) == 0 {
				note++
				nt := &model.Note{Number: note, ID: fmt.Sprintf("fn%d", note), Blocks: []model.Block{Paragraph(r, 8+r.IntN(60))}}
				a.Notes = append(a.Notes, nt)
				par.Inlines = append(par.Inlines, &model.NoteRef{Note: nt, Occurrence: 1}, T(" "+sentence(r, 5)))
			}
			a.Blocks = append(a.Blocks, par)
			if n == 0 {
				break
			}
			switch r.IntN(12) {
			case 0:
				a.Blocks = append(a.Blocks, &model.Heading{Level: 1, Inlines: []model.Inline{T(sentence(r, 4))}})
			case 1:
				a.Blocks = append(a.Blocks, &model.Quote{Blocks: []model.Block{Paragraph(r, 30)}})
			case 2:
				a.Blocks = append(a.Blocks, &model.List{Items: []*model.ListItem{{Blocks: []model.Block{Paragraph(r, 12)}}, {Blocks: []model.Block{Paragraph(r, 20)}}}})
			}
		}
		sec.Articles = append(sec.Articles, a)
	}
	return ed
}

// Odd is an edition of legal but awkward content: empty blocks, words and
// URLs wider than any column, deep nesting, huge images, unknown language,
// characters the fonts lack.
func Odd() *model.Edition {
	long := strings.Repeat("Donaudampfschifffahrtsgesellschaftskapitän", 4)
	url := "https://example.org/" + strings.Repeat("very-long-path-segment/", 12) + "?q=" + strings.Repeat("x", 80)
	return &model.Edition{Language: "xx", Sections: []*model.Section{{Title: "S", Articles: []*model.Article{{ID: "a", Title: long + " " + long,
		Blocks: []model.Block{
			&model.Paragraph{},
			&model.Heading{Level: 7},
			&model.Heading{Level: 2, Inlines: []model.Inline{T(long)}},
			P(T(long + " " + url + " " + long)),
			P(&model.NoteRef{}, &model.Code{Text: strings.Repeat("x", 300)}, &model.LineBreak{}, &model.LineBreak{}),
			&model.List{Ordered: true, Start: 998, Items: []*model.ListItem{{}, {Blocks: []model.Block{&model.CodeBlock{}}}}},
			&model.List{Items: []*model.ListItem{{Blocks: []model.Block{&model.List{Items: []*model.ListItem{{Blocks: []model.Block{&model.List{Items: []*model.ListItem{{Blocks: []model.Block{P(T(url))}}}}}}}}}}}},
			&model.Quote{},
			&model.Quote{Blocks: []model.Block{&model.Quote{Blocks: []model.Block{P(T(long))}}}},
			&model.CodeBlock{Text: "\n\n" + strings.Repeat("\t", 30) + "x\n" + strings.Repeat("y", 500)},
			&model.Table{},
			&model.Table{Rows: [][]model.Cell{{{Inlines: []model.Inline{T(url)}}, {Inlines: []model.Inline{T(long)}}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}}}},
			&model.Figure{},
			&model.Figure{Image: &model.Image{}},
			&model.Figure{Image: PNG(3, 2000)},
			&model.Figure{Image: PNG(2000, 1), Caption: []model.Inline{T(long)}},
			P(T("emoji 😀 and CJK 漢字 and control \x01 chars")),
		},
		Bibliography: &model.Bibliography{Entries: []*model.BibEntry{{}, {Number: 2, Inlines: []model.Inline{T(url)}}}},
	}}}}}
}
