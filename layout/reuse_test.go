package layout_test

import (
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/pipeline/pipelinetest"
	"github.com/redtide/edition/layout"
	"github.com/redtide/edition/layout/layouttest"
)

// TestReuseIdentical lays out editions with a Reuse: again unchanged,
// with an article in the middle replaced by a longer one, and with the
// configuration changed; each time the document and the warnings are
// those of a fresh layout, and only the new articles are set.
func TestReuseIdentical(t *testing.T) {
	eds := []pipelinetest.Edition{
		{Name: "big", Ed: layouttest.Big(6000, 5), Cfg: layout.DefaultConfig()},
		{Name: "small", Ed: layouttest.Small(), Cfg: layout.DefaultConfig()},
	}
	if !testing.Short() {
		eds = append(eds, pipelinetest.Load(t)...)
	}
	fs := fonts.Default()
	lay := func(ed *model.Edition, cfg layout.Config, r *layout.Reuse) (string, string) {
		t.Helper()
		var warns strings.Builder
		d, err := layout.LayoutReusing(ed, fs, cfg, func(w diag.Warning) { fmt.Fprintln(&warns, w) }, r)
		if err != nil {
			t.Fatal(err)
		}
		return d.Dump(), warns.String()
	}
	for _, e := range eds {
		var r layout.Reuse
		n := 0
		for _, s := range e.Ed.Sections {
			n += len(s.Articles)
		}
		check := func(step string, ed *model.Edition, cfg layout.Config, wantSet int) {
			t.Helper()
			got, gotWarns := lay(ed, cfg, &r)
			if r.Set != wantSet {
				t.Errorf("%s: %s: %d articles set, want %d", e.Name, step, r.Set, wantSet)
			}
			want, wantWarns := lay(ed, cfg, nil)
			if got != want {
				t.Errorf("%s: %s: dump differs from a fresh layout's: %s", e.Name, step, firstDiff(want, got))
			}
			if gotWarns != wantWarns {
				t.Errorf("%s: %s: warnings\n%s\nwant\n%s", e.Name, step, gotWarns, wantWarns)
			}
		}
		check("first", e.Ed, e.Cfg, n)
		check("again", e.Ed, e.Cfg, 0)
		ed := grown(e.Ed)
		check("an article grown", ed, e.Cfg, 1)
		check("the first article back", e.Ed, e.Cfg, 1)
		cfg := e.Cfg
		cfg.BodySize += layout.Pt / 2
		check("another type size", e.Ed, cfg, n)
	}
}

// grown is ed with the article in the middle copied and made longer by
// copies of its own blocks.
func grown(ed *model.Edition) *model.Edition {
	c := *ed
	c.Sections = nil
	var all []*model.Article
	for _, s := range ed.Sections {
		all = append(all, s.Articles...)
	}
	mid := all[len(all)/2]
	for _, s := range ed.Sections {
		sc := *s
		sc.Articles = nil
		for _, a := range s.Articles {
			if a == mid {
				g := *a
				g.Blocks = append(append([]model.Block(nil), a.Blocks...), a.Blocks...)
				if ed.Lead == a {
					c.Lead = &g
				}
				a = &g
			}
			sc.Articles = append(sc.Articles, a)
		}
		c.Sections = append(c.Sections, &sc)
	}
	return &c
}

// cpuTime is the processor time the process has used, on all cores: on
// a shared machine it says more than the time on the clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkReuse lays out the editions again as serve does after a
// save: with every article kept (none), and with the first, middle or
// last article changed (a copy of it, which is set again, every other
// layout). cpu-ms/op is the processor time per layout, on all cores.
func BenchmarkReuse(b *testing.B) {
	fs := fonts.Default()
	for _, e := range pipelinetest.Load(b) {
		arts := articles(e.Ed)
		for _, edit := range []struct {
			name string
			at   int
		}{{"none", -1}, {"first", 0}, {"middle", len(arts) / 2}, {"last", len(arts) - 1}} {
			if edit.at > 0 && len(arts) < 3 {
				continue
			}
			b.Run(e.Name+"/"+edit.name, func(b *testing.B) {
				eds := [2]*model.Edition{e.Ed, e.Ed}
				if edit.at >= 0 {
					eds[1] = replaced(e.Ed, edit.at, func(*model.Article) {})
				}
				var r layout.Reuse
				if _, err := layout.LayoutReusing(eds[0], fs, e.Cfg, nil, &r); err != nil {
					b.Fatal(err)
				}
				b.ReportAllocs()
				c0 := cpuTime()
				for i := 1; b.Loop(); i++ {
					if _, err := layout.LayoutReusing(eds[i%2], fs, e.Cfg, nil, &r); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64((cpuTime()-c0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
			})
		}
	}
}
