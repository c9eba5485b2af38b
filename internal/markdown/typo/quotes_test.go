package typo

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/lang"
	"github.com/redtide/edition/internal/model"
)

func TestLocalize(t *testing.T) {
	ins := []model.Inline{&model.Text{Text: string(PhLDQ) + "It" + string(PhApo) + "s " + string(PhLSQ) + "fine" + string(PhRSQ) + "," + string(PhRDQ) + ` a 12" screen`}}
	Localize(ins, lang.For("de"))
	if got, want := ins[0].(*model.Text).Text, "„It’s ‚fine‘,“ a 12\" screen"; got != want {
		t.Errorf("Localize = %q, want %q", got, want)
	}
}

// TestLocalizeQuotes checks that localizeQuotes, which reads only the
// quotes of a run and their neighbours, places them as localizeRunes,
// which lays every rune out, does.
func TestLocalizeQuotes(t *testing.T) {
	parts := []string{"a", "b", "1", " ", "\"", string(PhLDQ), string(PhRDQ), string(PhLSQ), string(PhRSQ), string(PhApo),
		"(", "—", "é", "\uFFFD", "\uFDD9", "'", ".", "\xff"}
	r := rand.New(rand.NewPCG(5, 6))
	text := func() *model.Text {
		var b strings.Builder
		for range r.IntN(6) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		return &model.Text{Text: b.String()}
	}
	var run func(depth int) []model.Inline
	run = func(depth int) []model.Inline {
		var ins []model.Inline
		for range r.IntN(5) {
			switch k := r.IntN(8); {
			case k == 0:
				ins = append(ins, &model.LineBreak{})
			case k == 1:
				ins = append(ins, &model.Code{Text: "c"})
			case k == 2 && depth < 2:
				ins = append(ins, &model.Emph{Inlines: run(depth + 1)})
			default:
				ins = append(ins, text())
			}
		}
		return ins
	}
	texts := func(ins []model.Inline) []string {
		var out []string
		model.WalkInlines(ins, func(in model.Inline) {
			if t, ok := in.(*model.Text); ok {
				out = append(out, t.Text)
			}
		})
		return out
	}
	clone := func(ins []model.Inline) []model.Inline {
		var c func([]model.Inline) []model.Inline
		c = func(ins []model.Inline) []model.Inline {
			var out []model.Inline
			for _, in := range ins {
				switch t := in.(type) {
				case *model.Text:
					out = append(out, &model.Text{Text: t.Text})
				case *model.Emph:
					out = append(out, &model.Emph{Inlines: c(t.Inlines)})
				default:
					out = append(out, in)
				}
			}
			return out
		}
		return c(ins)
	}
	changed, fallback := 0, 0
	for _, tag := range []string{"en", "de"} {
		l := lang.For(tag)
		for range 20000 {
			a := run(0)
			b := clone(a)
			before := strings.Join(texts(a), "|")
			if !localizeQuotes(a, l, new(localizeScratch)) {
				fallback++
				if got := strings.Join(texts(a), "|"); got != before {
					t.Fatalf("localizeQuotes refused %q but changed it to %q", before, got)
				}
				continue
			}
			localizeRunes(b, l, new(localizeScratch))
			got, want := strings.Join(texts(a), "|"), strings.Join(texts(b), "|")
			if got != want {
				t.Fatalf("%s: %q:\n got %q\nwant %q", tag, before, got, want)
			}
			if got != before {
				changed++
			}
		}
	}
	if changed < 10000 || fallback < 1000 {
		t.Errorf("%d runs changed, %d refused: the test does not try enough", changed, fallback)
	}
}
