package layout_test

import (
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/layout"
	"github.com/redtide/edition/layout/layouttest"
)

// update reports the -update flag, which rewrites testdata/*.golden; the
// package's internal tests may register it first.
func update() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files in testdata")
	}
}

func layoutOf(t testing.TB, ed *model.Edition, cfg layout.Config) (*layout.Document, []string) {
	t.Helper()
	var warns []string
	d, err := layout.Layout(ed, fonts.Default(), cfg, func(w diag.Warning) { warns = append(warns, w.String()) })
	if err != nil {
		t.Fatal(err)
	}
	return d, warns
}

func a5() layout.Config {
	c := layout.DefaultConfig()
	c.TrimWidth, c.TrimHeight, _ = layout.ParseTrim("A5")
	c.Columns = 1
	c.MarginInner, c.MarginOuter, c.MarginTop, c.MarginBottom = 16*layout.Mm, 13*layout.Mm, 17*layout.Mm, 15*layout.Mm
	c.BodyLeading = 13 * layout.Pt
	return c
}

func tiny() *model.Edition {
	T := layouttest.T
	return &model.Edition{Publication: "Tiny", Date: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), Language: "en",
		Sections: []*model.Section{{Articles: []*model.Article{{ID: "a", Source: "a.md", Title: "Hello",
			Blocks: []model.Block{layouttest.P(T("One paragraph of justified text that is long enough to need a second line in a narrow column of the page, and then some more words to be sure.")),
				layouttest.P(T("Second."))}}}}}}
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		ed   *model.Edition
		cfg  layout.Config
	}{
		{"tiny-a5", tiny(), a5()},
		{"small-a5", layouttest.Small(), a5()},
		{"small-tabloid", layouttest.Small(), layout.DefaultConfig()},
		{"math-a5", mathEdition(t), a5()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, _ := layoutOf(t, tc.ed, tc.cfg)
			got := d.Dump()
			path := filepath.Join("testdata", tc.name+".golden")
			if update() {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got != string(want) {
				t.Errorf("dump differs from %s (go test -update rewrites it); got:\n%s", path, firstDiff(string(want), got))
			}
		})
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\nwant %s\ngot  %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(al), len(bl))
}

// measure checks the typographic rules on a laid-out document, allowing
// 1% of the justified lines to be loose (set by the emergency pass).
func measure(t *testing.T, name string, d *layout.Document, cfg layout.Config) {
	measureLoose(t, name, d, cfg, 1)
}

// measureLoose is measure allowing loosePct percent of loose lines.
func measureLoose(t *testing.T, name string, d *layout.Document, cfg layout.Config, loosePct int) {
	maxRatio := math.Cbrt(float64(cfg.LooseTolerance) / 100)
	var n, justified, loose, looseLines, hyph int
	var sum float64
	consec := 0
	prevPar := -1
	for _, p := range d.Pages {
		for _, l := range p.Lines {
			n++
			if l.Overfull {
				t.Errorf("%s: page %d: overfull line %q", name, p.Index+1, text(l))
			}
			if l.Widow {
				t.Errorf("%s: page %d: widow %q", name, p.Index+1, text(l))
			}
			if l.Orphan {
				t.Errorf("%s: page %d: orphan %q", name, p.Index+1, text(l))
			}
			if l.Par != prevPar {
				consec = 0
			}
			prevPar = l.Par
			if l.Hyphenated {
				hyph++
				consec++
				if consec > 2 {
					t.Errorf("%s: page %d: three hyphenated lines in a row, ending %q", name, p.Index+1, text(l))
				}
			} else {
				consec = 0
			}
			if l.Justified {
				justified++
				sum += l.Ratio
				if l.Ratio > math.Cbrt(float64(cfg.Tolerance)/100) {
					loose++
				}
				if l.Loose {
					looseLines++
				} else if l.Ratio < -1 || l.Ratio > maxRatio+1e-9 {
					t.Errorf("%s: page %d: ratio %.2f outside [-1, %.2f]: %q", name, p.Index+1, l.Ratio, maxRatio, text(l))
				}
			}
		}
	}
	for _, p := range d.Pages {
		last := map[int]*layout.TextLine{}
		for _, l := range p.Lines {
			if l.Column >= 0 && l.Kind != layout.KindNote {
				last[l.Column] = l
			}
		}
		for c, l := range last {
			if l.Kind == layout.KindHeading {
				t.Errorf("%s: page %d column %d ends with the heading %q", name, p.Index+1, c+1, text(l))
			}
		}
		// TeX's \brokenpenalty: a word is not hyphenated across columns
		// or pages, in the text or in a note continued overleaf
		lastNote := map[int]*layout.TextLine{}
		for _, l := range p.Lines {
			if l.Column >= 0 && l.Kind == layout.KindNote {
				lastNote[l.Column] = l
			}
		}
		for _, m := range []map[int]*layout.TextLine{last, lastNote} {
			for c, l := range m {
				if l.Hyphenated {
					t.Errorf("%s: page %d column %d ends with a hyphenated line %q", name, p.Index+1, c+1, text(l))
				}
			}
		}
	}
	// Every line inside the text area (the running head above it), every
	// column line inside its column.
	colW := (cfg.TrimWidth - cfg.MarginInner - cfg.MarginOuter - layout.Length(cfg.Columns-1)*cfg.ColumnGap) / layout.Length(cfg.Columns)
	const slack = layout.Pt / 4
	for _, p := range d.Pages {
		left := cfg.MarginInner
		if p.Index%2 == 1 {
			left = cfg.MarginOuter
		}
		for _, l := range p.Lines {
			lo, hi := left, cfg.TrimWidth-(cfg.MarginInner+cfg.MarginOuter-left)
			if l.Column >= 0 {
				lo = left + layout.Length(l.Column)*(colW+cfg.ColumnGap)
				hi = lo + colW
			}
			for _, r := range l.Runs {
				if r.X < lo-slack || r.X+r.Width > hi+slack {
					t.Errorf("%s: page %d: run %q at %v–%v outside %v–%v", name, p.Index+1, r.Text, r.X, r.X+r.Width, lo, hi)
				}
			}
			if l.Kind != layout.KindFurniture && (l.Y < cfg.MarginTop || l.Y > cfg.TrimHeight-cfg.MarginBottom+slack) {
				t.Errorf("%s: page %d: line %q at y %v outside the text area", name, p.Index+1, text(l), l.Y)
			}
		}
	}
	t.Logf("%s: %d pages, %d lines, %d justified (mean ratio %.3f, %d beyond tolerance %d, %d set by the emergency pass beyond %d), %d hyphenated",
		name, len(d.Pages), n, justified, sum/float64(max(1, justified)), loose, cfg.Tolerance, looseLines, cfg.LooseTolerance, hyph)
	if looseLines*100 > justified*loosePct {
		t.Errorf("%s: %d of %d justified lines are loose", name, looseLines, justified)
	}
}

func text(l *layout.TextLine) string {
	var b strings.Builder
	for _, r := range l.Runs {
		b.WriteString(r.Text)
		b.WriteByte(' ')
	}
	return b.String()
}

func TestMeasurementsSmall(t *testing.T) {
	for name, cfg := range map[string]layout.Config{"tabloid-2col": layout.DefaultConfig(), "a5-1col": a5()} {
		d, _ := layoutOf(t, layouttest.Small(), cfg)
		measure(t, "small-"+name, d, cfg)
	}
}

func TestMeasurements(t *testing.T) {
	for name, cfg := range map[string]layout.Config{"tabloid-2col": layout.DefaultConfig(), "a5-1col": a5()} {
		ed := layouttest.Big(10000, 3)
		d, warns := layoutOf(t, ed, cfg)
		for _, w := range warns {
			t.Logf("%s: warning %s", name, w)
		}
		measure(t, name, d, cfg)
		notesOnRefPage(t, name, d, ed)
	}
}

// notesOnRefPage checks that each note starts on the page of its first
// reference.
func notesOnRefPage(t *testing.T, name string, d *layout.Document, ed *model.Edition) {
	page := map[string]int{}
	for _, p := range d.Pages {
		for _, a := range p.Anchor {
			if _, ok := page[a.Name]; !ok {
				page[a.Name] = p.Index
			}
		}
	}
	notes, moved := 0, 0
	for _, s := range ed.Sections {
		for _, a := range s.Articles {
			for _, n := range a.Notes {
				notes++
				rp, ok1 := page["ref:"+a.ID+":fnref"+fmt.Sprint(n.Number)]
				np, ok2 := page["note:"+a.ID+":"+n.ID]
				if !ok1 || !ok2 {
					t.Errorf("%s: note %s/%d: anchors missing (ref %v, note %v)", name, a.ID, n.Number, ok1, ok2)
					continue
				}
				if rp != np {
					moved++
					t.Errorf("%s: note %s/%d on page %d, its reference on page %d", name, a.ID, n.Number, np+1, rp+1)
				}
			}
		}
	}
	t.Logf("%s: %d notes, %d not on their reference's page", name, notes, moved)
}

func TestParseTrim(t *testing.T) {
	for _, tc := range []struct {
		in   string
		w, h layout.Length
		err  bool
	}{
		{"A4", 210 * 4718592 / 254 * 10, 0, false},
		{"tabloid", 11 * layout.Inch, 17 * layout.Inch, false},
		{"Letter", 612 * layout.Pt, 792 * layout.Pt, false},
		{"280mmx430mm", 0, 0, false},
		{"11in×17in", 11 * layout.Inch, 17 * layout.Inch, false},
		{"huge", 0, 0, true},
		{"10x20", 0, 0, true},
		{"-1inx2in", 0, 0, true},
	} {
		w, h, err := layout.ParseTrim(tc.in)
		if (err != nil) != tc.err {
			t.Errorf("ParseTrim(%q) error %v", tc.in, err)
			continue
		}
		if tc.w != 0 && tc.in != "A4" && (w != tc.w || h != tc.h) {
			t.Errorf("ParseTrim(%q) = %v×%v, want %v×%v", tc.in, w, h, tc.w, tc.h)
		}
	}
}

func TestValidate(t *testing.T) {
	c := layout.DefaultConfig()
	if err := c.Validate(); err != nil {
		t.Fatalf("default config invalid: %v", err)
	}
	c.Columns = 3
	c.BodyLeading = c.BodySize / 2
	c.Bleed = -layout.Pt
	err := c.Validate()
	if err == nil {
		t.Fatal("bad config accepted")
	}
	for _, want := range []string{"columns", "leading", "bleed"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %s", err, want)
		}
	}
}

func BenchmarkLayout(b *testing.B) {
	ed := layouttest.Big(10000, 1)
	fs := fonts.Default()
	cfg := layout.DefaultConfig()
	for b.Loop() {
		if _, err := layout.Layout(ed, fs, cfg, nil); err != nil {
			b.Fatal(err)
		}
	}
}
