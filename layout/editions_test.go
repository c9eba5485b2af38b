package layout_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/redtide/edition/doc"
	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/layout"
	"github.com/redtide/edition/layout/layouttest"
	"github.com/redtide/edition/layout/layouttest/editions"
)

// BenchmarkLayoutEditions lays out the default, one-post and corpus
// editions as the build does, and with one worker.
func BenchmarkLayoutEditions(b *testing.B) {
	fs := fonts.Default()
	for _, re := range editions.Load(b, "..") {
		for _, workers := range []int{0, 1} {
			name := re.Name
			if workers == 1 {
				name += "/1worker"
			}
			cfg := re.Cfg
			cfg.Workers = workers
			b.Run(name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := layout.Layout(re.Ed, fs, cfg, nil); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// TestWorkersIdentical checks that setting articles on several goroutines
// gives the document and the warnings of setting them on one.
func TestWorkersIdentical(t *testing.T) {
	// warnings given once whichever article meets the problem first
	T, P := layouttest.T, layouttest.P
	art := func(id, lang, text string) *doc.Article {
		return &doc.Article{ID: id, Source: id + ".md", Title: id, Language: lang, Blocks: []doc.Block{P(T(text))}}
	}
	once := &doc.Edition{Publication: "Once", Language: "en", Sections: []*doc.Section{{Articles: []*doc.Article{
		art("a", "en", "Waving 👋 hello to everybody in the neighbourhood assemblies."),
		art("b", "de", "Die Arbeiterräte 👋 und die Gewerkschaftsbewegung."),
		art("c", "de", "Noch einmal 👋 die Gewerkschaftsbewegung ⇆ der Arbeiterräte."),
		art("d", "fr", "Les conseils ouvriers ⇆ et la grève générale."),
	}}}}
	eds := []editions.Edition{
		{Name: "big", Ed: layouttest.Big(6000, 5), Cfg: layout.DefaultConfig()},
		{Name: "small", Ed: layouttest.Small(), Cfg: layout.DefaultConfig()},
		{Name: "once", Ed: once, Cfg: layout.DefaultConfig()},
	}
	if !testing.Short() {
		eds = append(eds, editions.Load(t, "..")...)
	}
	for _, e := range eds {
		var want, wantWarns string
		for _, workers := range []int{1, 2, 3, 16} {
			cfg := e.Cfg
			cfg.Workers = workers
			var warns strings.Builder
			d, err := layout.Layout(e.Ed, fonts.Default(), cfg, func(pos, msg string) { fmt.Fprintf(&warns, "%s: %s\n", pos, msg) })
			if err != nil {
				t.Fatal(err)
			}
			got := d.Dump()
			if workers == 1 {
				want, wantWarns = got, warns.String()
				if e.Name == "once" && strings.Count(wantWarns, "\n") != 4 {
					t.Errorf("once: want 4 warnings (two glyphs, two languages), got\n%s", wantWarns)
				}
				continue
			}
			if got != want {
				t.Errorf("%s: %d workers: dump differs from 1 worker: %s", e.Name, workers, firstDiff(want, got))
			}
			if warns.String() != wantWarns {
				t.Errorf("%s: %d workers: warnings\n%s\nwant\n%s", e.Name, workers, warns.String(), wantWarns)
			}
		}
	}
}
