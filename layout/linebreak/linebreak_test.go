package linebreak

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// Pt is a point in the unit layout passes: 1/65536 pt.
const Pt Length = 65536

// fromPoints converts points to Length, rounding to the nearest unit.
func fromPoints(f float64) Length { return Length(math.Round(f * float64(Pt))) }

// ptString formats l in points with the fewest decimals (at most five) that
// give back l, as layout.Length.String does.
func ptString(l Length) string {
	var b []byte
	u := uint64(l)
	if l < 0 {
		b = append(b, '-')
		u = -u
	}
	ip, frac := u/65536, u%65536
	b = strconv.AppendUint(b, ip, 10)
	if frac != 0 {
		for d, pow := 1, uint64(10); d <= 5; d, pow = d+1, pow*10 {
			digits := (frac*pow + 32768) / 65536
			if (digits*65536*2+pow)/(2*pow) == frac {
				b = append(b, '.')
				b = append(b, strconv.FormatUint(digits+pow, 10)[1:]...)
				break
			}
		}
	}
	return string(append(b, "pt"...))
}

// frogKing is the paragraph from Grimm's "The Frog King" that K&P use
// throughout. '|' marks the hyphenation points of the paper's examples
// (TeX's patterns); '-' is an explicit hyphen.
const frogKing = "In olden times when wish|ing still helped one, there lived a king whose " +
	"daugh|ters were all beau|ti|ful; and the young|est was so beau|ti|ful that the " +
	"sun it|self, which has seen so much, was aston|ished when|ever it shone in " +
	"her face. Close by the king's cas|tle lay a great dark for|est, and un|der " +
	"an old lime-tree in the for|est was a well, and when the day was very warm, " +
	"the king's child went out into the for|est and sat down by the side of the " +
	"cool foun|tain; and when she was bored she took a golden ball, and threw it " +
	"up on high and caught it; and this ball was her favor|ite play|thing."

// cmr10 holds approximate widths (pt) of Computer Modern Roman 10pt
// characters; real font metrics are not needed to test the algorithm.
var cmr10 = map[rune]float64{
	'a': 5, 'b': 5.56, 'c': 4.44, 'd': 5.56, 'e': 4.44, 'f': 3.06, 'g': 5,
	'h': 5.56, 'i': 2.78, 'j': 3.06, 'k': 5.28, 'l': 2.78, 'm': 8.33,
	'n': 5.56, 'o': 5, 'p': 5.56, 'q': 5.28, 'r': 3.92, 's': 3.94, 't': 3.89,
	'u': 5.56, 'v': 5.28, 'w': 7.22, 'x': 5.28, 'y': 5.28, 'z': 4.44,
	'C': 7.22, 'I': 3.61, ',': 2.78, '.': 2.78, ';': 2.78, '\'': 2.78, '-': 3.33,
}

// paragraph turns text into items: a box per syllable, TeX's interword glue
// (3.33pt plus 1.67pt minus 1.11pt; after a period, comma or semicolon the
// stretch grows as with TeX's space factor), hyphenation penalties of 50 at
// '|', and FinishParagraph's ending. It also returns a label per item.
func paragraph(text string, indent Length) ([]Item, []string) {
	items := []Item{Box(indent)}
	labels := []string{""}
	for i, word := range strings.Fields(text) {
		if i > 0 {
			prev := labels[len(labels)-1]
			g := Glue(fromPoints(3.33), fromPoints(1.67), fromPoints(1.11))
			switch prev[len(prev)-1] {
			case '.':
				g = Glue(fromPoints(4.44), fromPoints(5), fromPoints(0.37))
			case ',':
				g.Stretch = fromPoints(2.08)
			case ';':
				g.Stretch = fromPoints(2.5)
			}
			items = append(items, g)
			labels = append(labels, " ")
		}
		var syl strings.Builder
		var w float64
		flushBox := func() {
			items = append(items, Box(fromPoints(w)))
			labels = append(labels, syl.String())
			syl.Reset()
			w = 0
		}
		for _, r := range word {
			switch r {
			case '|':
				flushBox()
				items = append(items, Penalty(fromPoints(3.33), 50, true))
				labels = append(labels, "-")
				continue
			case '-':
				syl.WriteRune(r)
				w += cmr10[r]
				flushBox()
				items = append(items, Penalty(0, 50, true))
				labels = append(labels, "")
				continue
			}
			syl.WriteRune(r)
			cw, ok := cmr10[r]
			if !ok {
				cw = 5
			}
			w += cw
		}
		if syl.Len() > 0 {
			flushBox()
		}
	}
	items = FinishParagraph(items)
	labels = append(labels, "", "", "")
	return items, labels
}

func constWidth(w Length) func(int) Length { return func(int) Length { return w } }

// lineText renders a line from item labels.
func lineText(items []Item, labels []string, ln Line) string {
	var b strings.Builder
	for i := ln.Start; i < ln.End; i++ {
		if items[i].Kind == BoxItem {
			b.WriteString(labels[i])
		} else if items[i].Kind == GlueItem && items[i].Stretch < Fil {
			b.WriteByte(' ')
		}
	}
	if ln.End < len(items) && items[ln.End].Kind == PenaltyItem {
		b.WriteString(labels[ln.End])
	}
	return b.String()
}

// totalDemerits recomputes the demerits of a set of lines from K&P §4's
// definition, independently of the breaker's bookkeeping; infeasible lines
// (overfull, or badness above tolerance) make the result math.MaxInt64.
func totalDemerits(t *testing.T, items []Item, lines []Line, width func(int) Length, p Params) int64 {
	t.Helper()
	var total int64
	prevFit, prevFlagged := uint8(fitDecent), false
	for i, ln := range lines {
		var w, y, z Length
		for _, it := range items[ln.Start:ln.End] {
			if it.Kind != PenaltyItem {
				w += it.Width
			}
			if it.Kind == GlueItem {
				y += it.Stretch
				z += it.Shrink
			}
		}
		pen, flagged := 0, false
		if ln.End < len(items) && items[ln.End].Kind == PenaltyItem {
			w += items[ln.End].Width
			pen, flagged = items[ln.End].Penalty, items[ln.End].Flagged
		}
		short := width(i) - w
		var bad int
		switch {
		case short > 0:
			bad = badness(short, y)
		case short < 0 && -short > z:
			return math.MaxInt64
		case short < 0:
			bad = badness(-short, z)
		}
		if bad > p.Tolerance {
			return math.MaxInt64
		}
		d := int64(p.LinePenalty+bad) * int64(p.LinePenalty+bad)
		if pen > 0 {
			d += int64(pen * pen)
		} else if pen > -Infinity {
			d -= int64(pen * pen)
		}
		last := i == len(lines)-1
		if prevFlagged && last {
			d += int64(p.FinalHyphenDemerits)
		} else if prevFlagged && flagged {
			d += int64(p.DoubleHyphenDemerits)
		}
		fit := fitnessClass(bad, short > 0)
		if fit > prevFit+1 || prevFit > fit+1 {
			d += int64(p.AdjDemerits)
		}
		if last && i > 0 && w-lastPenaltyWidth(items, ln) < p.RuntWidth {
			d += int64(p.RuntDemerits)
		}
		total += d
		prevFit, prevFlagged = fit, flagged
	}
	return total
}

// lastPenaltyWidth is the width of the penalty that ends ln, if any:
// the material of a last line does not include it.
func lastPenaltyWidth(items []Item, ln Line) Length {
	if ln.End < len(items) && items[ln.End].Kind == PenaltyItem {
		return items[ln.End].Width
	}
	return 0
}

// checkCover verifies that lines cover items in order: each line starts
// after the previous break, only glue and penalties are skipped, and the
// last line ends the paragraph.
func checkCover(t *testing.T, items []Item, lines []Line) {
	t.Helper()
	if len(items) == 0 {
		if len(lines) != 0 {
			t.Fatalf("%d lines for no items", len(lines))
		}
		return
	}
	if len(lines) == 0 {
		t.Fatalf("no lines for %d items", len(items))
	}
	if lines[0].Start != 0 {
		t.Fatalf("first line starts at %d", lines[0].Start)
	}
	end := paragraphEnd(items)
	for i, ln := range lines {
		if ln.Start > ln.End || ln.End > len(items) {
			t.Fatalf("line %d: bad range [%d,%d)", i, ln.Start, ln.End)
		}
		if i > 0 {
			prev := lines[i-1].End
			if ln.Start <= prev && !(ln.Start == ln.End && ln.End > prev) {
				t.Fatalf("line %d starts at %d, not after break %d", i, ln.Start, prev)
			}
			for j := prev + 1; j < ln.Start; j++ {
				if items[j].Kind == BoxItem {
					t.Fatalf("line %d: box %d dropped after break %d", i, j, prev)
				}
			}
		}
		if ln.End < end {
			it := items[ln.End]
			switch {
			case it.Kind == BoxItem:
				t.Fatalf("line %d breaks at a box", i)
			case it.Kind == PenaltyItem && it.Penalty >= Infinity:
				t.Fatalf("line %d breaks at a forbidden penalty", i)
			}
		}
	}
	if got := lines[len(lines)-1].End; got != end {
		t.Fatalf("last line ends at %d, want %d", got, end)
	}
	// Every forced break is a line end.
	ends := map[int]bool{}
	for _, ln := range lines {
		ends[ln.End] = true
	}
	for i, it := range items[:end] {
		if it.Kind == PenaltyItem && it.Penalty <= -Infinity && !ends[i] {
			t.Fatalf("forced break at %d not taken", i)
		}
	}
}

func TestBreakFrogKing(t *testing.T) {
	items, labels := paragraph(frogKing, 0)
	p := DefaultParams()
	measure := fromPoints(390)
	width := constWidth(measure)

	lines, ok := Break(items, width, p)
	if !ok {
		t.Fatal("Break failed")
	}
	checkCover(t, items, lines)
	maxRatio := math.Cbrt(float64(p.Tolerance)/100) * 1.01 // badness is approximated
	for i, ln := range lines {
		if ln.Ratio < -1 || ln.Ratio > maxRatio {
			t.Errorf("line %d: ratio %.3f outside [-1, %.3f]", i, ln.Ratio, maxRatio)
		}
		if ln.Badness > p.Tolerance {
			t.Errorf("line %d: badness %d > tolerance", i, ln.Badness)
		}
	}
	if len(lines) != 7 {
		t.Errorf("got %d lines, want 7", len(lines))
	}

	// Total fit beats first fit (K&P §1, Fig. 1 versus Fig. 3).
	tf := totalDemerits(t, items, lines, width, p)
	greedy := Greedy(items, width)
	checkCover(t, items, greedy)
	ff := totalDemerits(t, items, greedy, width, p)
	if tf >= ff {
		t.Errorf("total-fit demerits %d not below first-fit %d", tf, ff)
	}
	t.Logf("demerits: total fit %d, first fit %d", tf, ff)

	// The golden file records the chosen breaks for several settings.
	var buf bytes.Buffer
	dump := func(title string, lines []Line, ok bool) {
		fmt.Fprintf(&buf, "# %s (ok=%v, %d lines)\n", title, ok, len(lines))
		for i, ln := range lines {
			fmt.Fprintf(&buf, "%2d [%3d,%3d) r=%+.3f b=%4d w=%-9s %s\n", i, ln.Start, ln.End, ln.Ratio, ln.Badness, ptString(ln.Width), lineText(items, labels, ln))
		}
		buf.WriteByte('\n')
	}
	dump("390pt, default params", lines, ok)
	dump("390pt, first fit", greedy, true)
	for _, tc := range []struct {
		title string
		width func(int) Length
		edit  func(*Params)
	}{
		{"500pt", constWidth(fromPoints(500)), nil},
		{"250pt, tolerance 1000", constWidth(fromPoints(250)), func(p *Params) { p.Tolerance = 1000 }},
		{"390pt, looseness +1, tolerance 1000", width, func(p *Params) { p.Looseness = 1; p.Tolerance = 1000 }},
		{"390pt, looseness -1, tolerance 1000", width, func(p *Params) { p.Looseness = -1; p.Tolerance = 1000 }},
		{"narrowing: 400pt, 380pt, ... by 20pt", func(i int) Length { return fromPoints(400 - 20*float64(i)) }, func(p *Params) { p.Tolerance = 10000 }},
	} {
		p := DefaultParams()
		if tc.edit != nil {
			tc.edit(&p)
		}
		lines, ok := Break(items, tc.width, p)
		if ok {
			checkCover(t, items, lines)
		}
		dump(tc.title, lines, ok)
	}

	golden := filepath.Join("testdata", "frog.golden")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("lines differ from %s (run go test -update):\n%s", golden, buf.String())
	}
}

func TestBreakLooseness(t *testing.T) {
	items, _ := paragraph(frogKing, 0)
	tests := []struct {
		measure   float64 // pt
		looseness int
		delta     int // lines more than with looseness 0
	}{
		{390, 0, 0},
		{390, 1, 1},
		{390, 100, 1}, // as many more as feasible: one
		{390, -1, 0},  // six lines would need more shrink than there is
		{310, -1, -1},
		{310, -100, -1},
		{280, -1, -1},
		{230, 1, 0}, // a 13th line is not feasible
		{250, 1, 1},
	}
	for _, tt := range tests {
		width := constWidth(fromPoints(tt.measure))
		p := DefaultParams()
		p.Tolerance = 1000
		base, ok := Break(items, width, p)
		if !ok {
			t.Fatal("Break failed")
		}
		p.Looseness = tt.looseness
		lines, ok := Break(items, width, p)
		if !ok {
			t.Fatalf("%gpt looseness %d: Break failed", tt.measure, tt.looseness)
		}
		checkCover(t, items, lines)
		if got := len(lines) - len(base); got != tt.delta {
			t.Errorf("%gpt looseness %d: %d lines more, want %d", tt.measure, tt.looseness, got, tt.delta)
		}
	}
}

// words returns n boxes of width w separated by glue(space, stretch, shrink).
func words(n int, w, space, stretch, shrink Length) []Item {
	var items []Item
	for i := range n {
		if i > 0 {
			items = append(items, Glue(space, stretch, shrink))
		}
		items = append(items, Box(w))
	}
	return items
}

func TestBreakTable(t *testing.T) {
	box, sp := 10*Pt, 2*Pt
	tests := []struct {
		name   string
		items  []Item
		width  func(int) Length
		edit   func(*Params)
		ok     bool
		breaks []int // End of each line
	}{
		{
			name:   "empty",
			items:  nil,
			width:  constWidth(100 * Pt),
			ok:     true,
			breaks: nil,
		},
		{
			name:   "finished empty paragraph",
			items:  FinishParagraph(nil),
			width:  constWidth(100 * Pt),
			ok:     true,
			breaks: []int{2},
		},
		{
			// Four words of 10pt with 2pt spaces fit 46pt exactly: one
			// line, no adjustment.
			name:   "exact fit",
			items:  FinishParagraph(words(4, box, sp, Pt, Pt)),
			width:  constWidth(46 * Pt),
			ok:     true,
			breaks: []int{9},
		},
		{
			// Without the fill ending the last line must be justified.
			name:   "unfinished paragraph justifies the last line",
			items:  words(4, box, sp, Pt, Pt),
			width:  constWidth(22 * Pt),
			ok:     true,
			breaks: []int{3, 7},
		},
		{
			name:   "unfinished paragraph too short for its last line",
			items:  words(3, box, sp, Pt, Pt),
			width:  constWidth(22 * Pt),
			ok:     false,
			breaks: nil,
		},
		{
			name: "forced break",
			items: FinishParagraph(append(append(words(2, box, sp, Pt, Pt),
				Penalty(0, Infinity, false), Glue(0, Fil, 0), Penalty(0, -Infinity, false)),
				words(2, box, sp, Pt, Pt)...)),
			width:  constWidth(100 * Pt),
			ok:     true,
			breaks: []int{5, 11},
		},
		{
			name:   "forbidden break",
			items:  FinishParagraph([]Item{Box(box), Penalty(0, Infinity, false), Glue(sp, Pt, Pt), Box(box)}),
			width:  constWidth(12 * Pt),
			ok:     false,
			breaks: nil,
		},
		{
			name:   "box wider than measure is infeasible",
			items:  FinishParagraph([]Item{Box(50 * Pt)}),
			width:  constWidth(40 * Pt),
			ok:     false,
			breaks: nil,
		},
		{
			// No stretch: justified lines cannot be filled, except that a
			// tolerance of 10000 admits underfull lines as TeX does.
			name:   "rigid glue, tolerance 200",
			items:  FinishParagraph(words(3, box, sp, 0, 0)),
			width:  constWidth(25 * Pt),
			ok:     false,
			breaks: nil,
		},
		{
			name:   "rigid glue, tolerance 10000",
			items:  FinishParagraph(words(3, box, sp, 0, 0)),
			width:  constWidth(25 * Pt),
			edit:   func(p *Params) { p.Tolerance = 10000 },
			ok:     true,
			breaks: []int{3, 7},
		},
		{
			// Shrinking to exactly r = -1 is feasible.
			name:   "maximal shrink",
			items:  FinishParagraph(words(3, box, sp, Pt, Pt)),
			width:  constWidth(32 * Pt),
			ok:     true,
			breaks: []int{7},
		},
		{
			name:   "shrink beyond -1 is not",
			items:  FinishParagraph(words(3, box, sp, Pt, Pt)),
			width:  constWidth(32*Pt - 1),
			edit:   func(p *Params) { p.Tolerance = 10000 },
			ok:     true,
			breaks: []int{3, 7},
		},
		{
			// A wide first line (hanging indent) takes three words, the
			// rest one each.
			name:  "width per line",
			items: FinishParagraph(words(5, box, sp, Pt, Pt)),
			width: func(i int) Length {
				if i == 0 {
					return 34 * Pt
				}
				return 10 * Pt
			},
			ok:     true,
			breaks: []int{5, 7, 11},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := DefaultParams()
			if tt.edit != nil {
				tt.edit(&p)
			}
			lines, ok := Break(tt.items, tt.width, p)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v (lines %+v)", ok, tt.ok, lines)
			}
			if !ok {
				if lines != nil {
					t.Errorf("lines = %+v on failure, want nil", lines)
				}
				return
			}
			checkCover(t, tt.items, lines)
			var got []int
			for _, ln := range lines {
				got = append(got, ln.End)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.breaks) {
				t.Errorf("breaks %v, want %v", got, tt.breaks)
			}
		})
	}
}

func TestBreakLineFields(t *testing.T) {
	// Words of 10pt, spaces 2pt plus 3pt minus 1pt, measure 25pt: the
	// first line "w w" stretches by r = 3/3 = 1, badness 100.
	items := FinishParagraph([]Item{Box(10 * Pt), Glue(2*Pt, 3*Pt, Pt), Box(10 * Pt), Glue(2*Pt, 3*Pt, Pt),
		Box(10 * Pt), Penalty(3*Pt, 50, true), Box(10 * Pt)})
	p := DefaultParams()
	p.Tolerance = 10000
	lines, ok := Break(items, constWidth(25*Pt), p)
	if !ok {
		t.Fatal("Break failed")
	}
	want := []Line{
		{Start: 0, End: 3, Ratio: 1, Width: 22 * Pt, Badness: 100},
		// The hyphen would leave "w-" with no glue to stretch.
		{Start: 4, End: 9, Ratio: float64(5*Pt) / float64(Fil), Width: 20 * Pt},
	}
	if fmt.Sprintf("%+v", lines) != fmt.Sprintf("%+v", want) {
		t.Errorf("lines\n%+v\nwant\n%+v", lines, want)
	}
}

func TestBreakHyphenLimits(t *testing.T) {
	// Six two-syllable words, each of which fits a line only when
	// hyphenated: every line must end in a hyphen unless limited.
	var items []Item
	for i := range 6 {
		if i > 0 {
			items = append(items, Glue(2*Pt, 2*Pt, Pt))
		}
		items = append(items, Box(10*Pt), Penalty(2*Pt, 50, true), Box(10*Pt))
	}
	items = FinishParagraph(items)
	// Measure 24pt: "a-" + glue... lines like "x|" then "yy" etc.
	width := constWidth(24 * Pt)
	count := func(lines []Line) (maxRun int) {
		run := 0
		for _, ln := range lines {
			if ln.Hyphenated {
				run++
			} else {
				run = 0
			}
			maxRun = max(maxRun, run)
		}
		return maxRun
	}
	for _, limit := range []int{0, 1, 2, 3} {
		p := DefaultParams()
		p.Tolerance = 10000
		p.PreTolerance = -1
		p.DoubleHyphenDemerits = 0
		p.MaxConsecutiveHyphens = limit
		lines, ok := Break(items, width, p)
		if !ok {
			t.Fatalf("limit %d: Break failed", limit)
		}
		checkCover(t, items, lines)
		run := count(lines)
		if limit > 0 && run > limit {
			t.Errorf("limit %d: %d consecutive hyphenated lines", limit, run)
		}
		if limit == 0 && run < 4 {
			t.Errorf("no limit: only %d consecutive hyphenated lines, expected a long run", run)
		}
		t.Logf("limit %d: run %d, %d lines", limit, run, len(lines))
	}

	// Double-hyphen demerits alone steer away from consecutive hyphens
	// when there is a choice (K&P §4, α).
	p := DefaultParams()
	p.Tolerance = 10000
	p.PreTolerance = -1
	p.MaxConsecutiveHyphens = 0
	p.DoubleHyphenDemerits = 0
	cheap, _ := Break(items, width, p)
	p.DoubleHyphenDemerits = 1000000
	dear, _ := Break(items, width, p)
	if count(dear) > count(cheap) {
		t.Errorf("double-hyphen demerits increased the hyphen run: %d > %d", count(dear), count(cheap))
	}
}

func TestBreakRunt(t *testing.T) {
	// At 230pt the K&P paragraph ends in "thing.", 25.57pt wide.
	items, labels := paragraph(frogKing, 0)
	width := constWidth(fromPoints(230))
	p := DefaultParams()
	plain, ok := Break(items, width, p)
	if !ok || lineText(items, labels, plain[len(plain)-1]) != "thing." {
		t.Fatalf("the test's premise fails: %v %v", ok, plain)
	}
	p.RuntDemerits, p.RuntWidth = 20000, fromPoints(40)
	lines, ok := Break(items, width, p)
	if !ok {
		t.Fatal("Break failed")
	}
	checkCover(t, items, lines)
	last := lines[len(lines)-1]
	if last.Width < p.RuntWidth {
		t.Errorf("last line %q is %s wide, under %s", lineText(items, labels, last), ptString(last.Width), ptString(p.RuntWidth))
	}
	if got, want := totalDemerits(t, items, lines, width, p), totalDemerits(t, items, plain, width, p); got > want {
		t.Errorf("demerits %d with the runt avoided, %d with it", got, want)
	}
	// A one-line paragraph is never a runt.
	short := FinishParagraph(words(2, 5*Pt, Pt, Pt, Pt))
	p.RuntWidth = 100 * Pt
	if lines, ok := Break(short, constWidth(200*Pt), p); !ok || len(lines) != 1 {
		t.Errorf("one-line paragraph: %v %v", ok, lines)
	}
}

func TestBreakPreTolerance(t *testing.T) {
	// The first pass must not hyphenate when it succeeds.
	items, _ := paragraph(frogKing, 0)
	p := DefaultParams()
	p.PreTolerance = 10000
	lines, ok := Break(items, constWidth(fromPoints(390)), p)
	if !ok {
		t.Fatal("Break failed")
	}
	for i, ln := range lines {
		if ln.Hyphenated && items[ln.End].Width > 0 {
			t.Errorf("line %d hyphenated in the first pass", i)
		}
	}
}

func TestGreedy(t *testing.T) {
	box, sp := 10*Pt, 2*Pt
	tests := []struct {
		name   string
		items  []Item
		width  Length
		breaks []int
	}{
		{"empty", nil, 10 * Pt, nil},
		{"one line", FinishParagraph(words(3, box, sp, Pt, Pt)), 100 * Pt, []int{7}},
		{"exact", FinishParagraph(words(4, box, sp, Pt, Pt)), 22 * Pt, []int{3, 9}},
		{"one short", FinishParagraph(words(4, box, sp, Pt, Pt)), 22*Pt - 1, []int{1, 3, 5, 9}},
		{"wide box", FinishParagraph([]Item{Box(box), Glue(sp, 0, 0), Box(5 * box), Glue(sp, 0, 0), Box(box)}), 15 * Pt, []int{1, 3, 7}},
		{"forced", FinishParagraph([]Item{Box(box), Penalty(0, -Infinity, false), Box(box)}), 100 * Pt, []int{1, 5}},
		{"hyphen width counts", FinishParagraph([]Item{Box(box), Penalty(3*Pt, 50, true), Box(box)}), 12 * Pt, []int{1, 5}},
		{"unbreakable", []Item{Box(box), Penalty(0, Infinity, false), Glue(sp, 0, 0), Box(box)}, 12 * Pt, []int{4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := Greedy(tt.items, constWidth(tt.width))
			checkCover(t, tt.items, lines)
			var got []int
			for _, ln := range lines {
				got = append(got, ln.End)
				// Only a line with a single box may be too wide.
				nbox := 0
				for _, it := range tt.items[ln.Start:ln.End] {
					if it.Kind == BoxItem {
						nbox++
					}
				}
				if ln.Width > tt.width && nbox > 1 && tt.name != "unbreakable" {
					t.Errorf("line %+v wider than %v", ln, tt.width)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.breaks) {
				t.Errorf("breaks %v, want %v", got, tt.breaks)
			}
		})
	}
}

func TestGreedyHyphens(t *testing.T) {
	// Words of five 10pt syllables are wider than most measures, so
	// first fit ends line after line at a hyphen unless limited.
	var items []Item
	for i := range 8 {
		if i > 0 {
			items = append(items, Glue(2*Pt, 2*Pt, Pt))
		}
		for j := range 5 {
			if j > 0 {
				items = append(items, Penalty(2*Pt, 50, true))
			}
			items = append(items, Box(10*Pt))
		}
	}
	items = FinishParagraph(items)
	longest := 0 // longest run of hyphens without a limit
	for m := 20 * Pt; m <= 60*Pt; m += Pt {
		for _, limit := range []int{0, 1, 2} {
			lines := GreedyHyphens(items, constWidth(m), limit)
			checkCover(t, items, lines)
			run := 0
			for _, ln := range lines {
				if ln.Width > m {
					t.Errorf("measure %v, limit %d: line %+v too wide", m, limit, ln)
				}
				if ln.Hyphenated {
					run++
					longest = max(longest, run)
				} else {
					run = 0
				}
			}
		}
	}
	if longest < 3 {
		t.Errorf("no measure gave 3 hyphens in a row without a limit; the test proves nothing")
	}
	// Where whole words fit the measure, the limit holds.
	for m := 52 * Pt; m <= 120*Pt; m += Pt {
		for _, limit := range []int{1, 2} {
			checkHyphenRuns(t, GreedyHyphens(items, constWidth(m), limit), limit)
		}
	}
	if got, want := fmt.Sprint(Greedy(items, constWidth(24*Pt))), fmt.Sprint(GreedyHyphens(items, constWidth(24*Pt), 2)); got != want {
		t.Errorf("Greedy does not limit hyphens to 2:\n%s\n%s", got, want)
	}
}

func TestBadness(t *testing.T) {
	tests := []struct {
		t, s Length
		want int
	}{
		{0, 0, 0},
		{0, Pt, 0},
		{Pt, 0, Infinity},
		{Pt, Pt, 100},
		{Pt, 2 * Pt, 12},   // 100/8
		{2 * Pt, Pt, 800},  // TeX: 799.6
		{3 * Pt, Pt, 2698}, // TeX's approximation of 2700
		{5 * Pt, Pt, Infinity},
		{Fil / 1000, Fil, 0},
		{1 << 60, 1 << 58, 6396}, // large values neither overflow nor lose the ratio
		{1 << 62, 1, Infinity},
	}
	for _, tt := range tests {
		if got := badness(tt.t, tt.s); got != tt.want {
			t.Errorf("badness(%d, %d) = %d, want %d", tt.t, tt.s, got, tt.want)
		}
	}
}

func TestFinishParagraph(t *testing.T) {
	got := FinishParagraph([]Item{Box(Pt), Glue(Pt, Pt, Pt), Glue(Pt, 0, 0)})
	want := []Item{Box(Pt), Penalty(0, Infinity, false), Glue(0, Fil, 0), Penalty(0, -Infinity, false)}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("FinishParagraph = %v, want %v", got, want)
	}
}

func TestParamsValidate(t *testing.T) {
	if err := DefaultParams().Validate(); err != nil {
		t.Errorf("defaults: %v", err)
	}
	p := DefaultParams()
	p.Tolerance = -1
	p.AdjDemerits = -1
	if err := p.Validate(); err == nil || !strings.Contains(err.Error(), "tolerance") || !strings.Contains(err.Error(), "demerits") {
		t.Errorf("Validate() = %v, want tolerance and demerits errors", err)
	}
}

func TestBreakerReuse(t *testing.T) {
	items, _ := paragraph(frogKing, 0)
	short := FinishParagraph(words(3, Pt, Pt, Pt, Pt))
	var b Breaker
	p := DefaultParams()
	want, _ := Break(items, constWidth(fromPoints(390)), p)
	for range 3 {
		b.Break(short, constWidth(fromPoints(20)), p)
		got, ok := b.Break(items, constWidth(fromPoints(390)), p)
		if !ok || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("reused Breaker gave %v, want %v", got, want)
		}
	}
}

// longParagraph is the Frog King paragraph twice: 224 words.
func longParagraph() []Item {
	items, _ := paragraph(frogKing+" "+frogKing, fromPoints(15))
	return items
}

func BenchmarkBreak(b *testing.B) {
	items := longParagraph()
	width := constWidth(fromPoints(390))
	p := DefaultParams()
	p.PreTolerance = -1
	var br Breaker
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := br.Break(items, width, p); !ok {
			b.Fatal("Break failed")
		}
	}
}

func BenchmarkBreakNarrow(b *testing.B) {
	items := longParagraph()
	width := constWidth(fromPoints(200))
	p := DefaultParams()
	p.PreTolerance = -1
	p.Tolerance = 1000
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := Break(items, width, p); !ok {
			b.Fatal("Break failed")
		}
	}
}

func BenchmarkGreedy(b *testing.B) {
	items := longParagraph()
	width := constWidth(fromPoints(390))
	b.ReportAllocs()
	for b.Loop() {
		Greedy(items, width)
	}
}

// TestBadnessLimit checks the bisection against its definition, the
// least r whose badness exceeds the tolerance, for every tolerance.
func TestBadnessLimit(t *testing.T) {
	for tol := -2; tol < Infinity; tol++ {
		want := int64(0)
		for want <= 1290 && (want*want*want+1<<17)/(1<<18) <= int64(tol) {
			want++
		}
		if got := badnessLimit(tol); got != want {
			t.Fatalf("tolerance %d: %d, want %d", tol, got, want)
		}
	}
}

// TestLooseKeys checks that the keys that tell too loose lines at a
// glance choose the lines measuring every line does, in every pass, for
// paragraphs of several measures, tolerances and first-line widths, and
// with stretch the keys cannot handle (negative) or widths that make the
// running sums fall.
func TestLooseKeys(t *testing.T) {
	base := longParagraph()
	negative := slices.Clone(base)
	for i := range negative {
		if negative[i].Kind == GlueItem && i%7 == 0 {
			negative[i].Stretch = -negative[i].Stretch / 4
		}
	}
	// Negative boxes (backspaces of 30pt) make the running sums fall now
	// and then, which the bisection over too loose nodes cannot allow
	// (forcing it on makes this case fail).
	kerned := slices.Clone(base)
	for i := range kerned {
		if kerned[i].Kind == BoxItem && i%5 == 0 {
			kerned[i] = Box(-30 * Pt)
		}
	}
	for _, items := range [][]Item{base, negative, kerned} {
		for _, measure := range []float64{120, 200, 300, 390, 500} {
			for _, tol := range []int{-1, 0, 100, 200, 1000, 9999, Infinity} {
				width := func(i int) Length {
					if i == 0 {
						return fromPoints(measure - 20)
					}
					return fromPoints(measure)
				}
				p := DefaultParams()
				p.Tolerance, p.PreTolerance = tol, tol/2
				var fast Breaker
				exact := Breaker{exact: true}
				got, ok := fast.Break(items, width, p)
				want, wantOK := exact.Break(items, width, p)
				if ok != wantOK || fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("measure %v, tolerance %d: %v (%v), measuring every line %v (%v)", measure, tol, got, ok, want, wantOK)
				}
			}
		}
	}
}
