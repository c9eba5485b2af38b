package layout

import (
	"errors"
	"math"
)

// This file implements the total-fit line breaking algorithm of
// D. E. Knuth and M. F. Plass, "Breaking Paragraphs into Lines",
// Software—Practice and Experience 11 (1981) 1119–1184, cited below as K&P,
// with details taken from TeX's implementation (D. E. Knuth, "TeX: The
// Program", cited as tex.web §n), which the paper describes.

// ItemKind tells what an Item is.
type ItemKind uint8

// The three kinds of item of K&P §3 ("The box/glue/penalty model").
const (
	BoxItem ItemKind = iota
	GlueItem
	PenaltyItem
)

// Item is one box, glue or penalty of a paragraph (K&P §3).
//
// A box is material of fixed Width (a word, a syllable, an indent). Glue is
// space that may stretch by up to Stretch and shrink by up to Shrink; a glue
// is a legal breakpoint when it immediately follows a box, and disappears at a
// line break. A penalty is a potential breakpoint costing Penalty; when the
// line breaks there, Width (e.g. a hyphen) is added to the line.
type Item struct {
	Kind    ItemKind
	Width   Length
	Stretch Length // glue only
	Shrink  Length // glue only
	Penalty int    // penalty only; >= Infinity forbids a break, <= -Infinity forces one
	Flagged bool   // penalty only: a hyphenation break (for consecutive-hyphen demerits)
}

// Infinity is the penalty of K&P §3 that forbids (>= Infinity) or forces
// (<= -Infinity) a break; also the cap on badness (tex.web §108 inf_bad).
const Infinity = 10000

// Fil is the stretchability that stands for "infinite" (K&P's ∞, TeX's fil
// glue). Any finite stretch in a line is negligible beside it, so a line
// containing Fil glue has badness 0 and the Fil glue absorbs the shortfall:
// its share Ratio*Stretch is the line's whole slack.
const Fil Length = 1 << 40

// Box returns a box item of width w.
func Box(w Length) Item { return Item{Kind: BoxItem, Width: w} }

// Glue returns a glue item of natural width w that may stretch by stretch and
// shrink by shrink.
func Glue(w, stretch, shrink Length) Item {
	return Item{Kind: GlueItem, Width: w, Stretch: stretch, Shrink: shrink}
}

// Penalty returns a penalty item of width w (added to the line only when it
// breaks here) and cost p; flagged marks hyphenation breaks.
func Penalty(w Length, p int, flagged bool) Item {
	return Item{Kind: PenaltyItem, Width: w, Penalty: p, Flagged: flagged}
}

// FinishParagraph appends the ending that K&P §3 and tex.web §816 give every
// paragraph: trailing glue is removed, then penalty(∞) (so the last word is
// not separated from the fill), glue(0, Fil, 0) and penalty(-∞), which forces
// the final break and lets the last line be short. Break and BreakGreedy
// expect items that end this way; if they do not, the end of the slice acts
// as a forced break with no fill, so the last line is justified like the
// others. FinishParagraph may reuse items' backing array.
func FinishParagraph(items []Item) []Item {
	for len(items) > 0 && items[len(items)-1].Kind == GlueItem {
		items = items[:len(items)-1]
	}
	return append(items,
		Penalty(0, Infinity, false),
		Glue(0, Fil, 0),
		Penalty(0, -Infinity, false))
}

// BreakParams tunes the breaker; values follow TeX's names and units.
type BreakParams struct {
	// Tolerance is the largest badness a line may have, like TeX's
	// \tolerance (K&P §2, the bound ρ on the adjustment ratio, expressed
	// as badness 100ρ³). 10000 and more admits any underfull line.
	Tolerance int
	// PreTolerance is the tolerance of a first pass that does not break at
	// inserted hyphens (flagged penalties of positive width), like TeX's
	// \pretolerance (tex.web §863). If that pass fails a second pass uses
	// every breakpoint and Tolerance. Negative skips the first pass.
	PreTolerance int
	// LinePenalty is added to each line's badness before squaring, in
	// demerits (\linepenalty, K&P's l); larger values favour fewer lines.
	LinePenalty int
	// AdjDemerits are added for adjacent lines whose fitness classes differ
	// by more than one, e.g. a very loose line after a decent one (\adjdemerits).
	AdjDemerits int
	// DoubleHyphenDemerits are added for two consecutive hyphenated lines
	// (\doublehyphendemerits, K&P's α).
	DoubleHyphenDemerits int
	// FinalHyphenDemerits are added when the next-to-last line is
	// hyphenated (\finalhyphendemerits).
	FinalHyphenDemerits int
	// Looseness asks for that many more (positive) or fewer (negative) lines
	// than the optimum, if feasible; the closest feasible count is used
	// (\looseness, K&P §6 "Variable looseness").
	Looseness int
	// MaxConsecutiveHyphens is the largest number of consecutive lines that
	// may end at flagged penalties; a break that would exceed it is
	// infeasible. Zero or negative means no limit (TeX has none).
	MaxConsecutiveHyphens int
}

// DefaultBreakParams returns TeX's plain-format values, with at most two
// consecutive hyphenated lines.
func DefaultBreakParams() BreakParams {
	return BreakParams{
		Tolerance:             200,
		PreTolerance:          100,
		LinePenalty:           10,
		AdjDemerits:           10000,
		DoubleHyphenDemerits:  10000,
		FinalHyphenDemerits:   5000,
		Looseness:             0,
		MaxConsecutiveHyphens: 2,
	}
}

// Validate reports parameters that make no sense.
func (p BreakParams) Validate() error {
	var errs []error
	if p.Tolerance < 0 {
		errs = append(errs, errors.New("tolerance must not be negative"))
	}
	if p.LinePenalty < -Infinity || p.LinePenalty > Infinity {
		errs = append(errs, errors.New("line penalty must be within ±10000"))
	}
	if p.AdjDemerits < 0 || p.DoubleHyphenDemerits < 0 || p.FinalHyphenDemerits < 0 {
		errs = append(errs, errors.New("demerits must not be negative"))
	}
	return errors.Join(errs...)
}

// Line is one line chosen by the breaker: items[Start:End] are on it and
// items[End] is the break (a glue or penalty, or End==len(items)). Items
// between the previous line's End and Start are glue and penalties discarded
// at the break (K&P §2).
type Line struct {
	Start, End int
	// Ratio is the adjustment ratio r of K&P §2: each glue on the line is set
	// to Width + r*Stretch if r >= 0, Width + r*Shrink if r < 0. It is 0 for a
	// line with no stretch (or shrink) to use, and for BreakGreedy lines.
	Ratio float64
	// Width is the natural width of items[Start:End] plus the width of the
	// penalty at End (e.g. a hyphen), if any.
	Width Length
	// Hyphenated tells that the line ends at a flagged penalty.
	Hyphenated bool
	// Badness is 100|r|³ capped at 10000 (tex.web §108); 0 for BreakGreedy.
	Badness int
}

// Break chooses breakpoints by total fit (K&P §4–§5). width(i) gives the
// measure of line i (0-based), so a first line indent or narrower lines beside
// a figure work; it is called once per line number. It returns ok=false when no
// feasible set of breaks exists within Tolerance (the caller then retries with
// higher tolerance or sets the paragraph ragged with BreakGreedy).
//
// Paragraphs should end as FinishParagraph leaves them. Break is
// deterministic: equal inputs give equal lines on every platform.
func Break(items []Item, width func(line int) Length, p BreakParams) (lines []Line, ok bool) {
	var b Breaker
	return b.Break(items, width, p)
}

// Breaker holds buffers that Break needs, so that setting many paragraphs
// with one Breaker allocates little beyond the returned lines. The zero
// Breaker is ready to use; a Breaker must not be used concurrently.
type Breaker struct {
	// Per pass.
	items     []Item
	width     func(int) Length
	p         BreakParams
	tolerance int
	rlim      int64 // badness > tolerance iff 297t/s >= rlim; 0 if no limit
	end       int   // index of the final break
	hk        int   // hyphen-count slots per fitness class

	sums   []sum
	nodes  []node
	active []int32
	next   []int32
	widths []Length
	cands  []cand
}

// sum is a running total of widths, stretch and shrink (K&P §5 keeps ΣW, ΣY,
// ΣZ so that a line's totals are differences of two sums).
type sum struct{ w, y, z Length }

// node is a breakpoint that starts a feasible line (K&P §5 "active" and
// "passive" nodes). All nodes live in Breaker.nodes and link by index.
type node struct {
	pos      int32 // index of the break item; -1 for the paragraph start
	start    int32 // first item of the next line: pos+1 past discardables
	line     int32 // number of lines before this break
	prev     int32 // node of the previous break; -1 for the paragraph start
	fitness  uint8 // fitness class of the line ending here
	hyphens  uint8 // consecutive hyphenated lines ending here
	flagged  bool
	badness  int32
	ratio    float64
	demerits int64 // total demerits of the best paragraph prefix ending here
}

// cand is the best way found so far to reach the current breakpoint with a
// given line number, fitness class and hyphen count (K&P §5's D_c, A_c).
type cand struct {
	from     int32 // active node, or -1 if none yet
	badness  int32
	ratio    float64
	demerits int64
}

// Fitness classes of K&P §4 (TeX's numbering is reversed).
const (
	fitTight     = 0 // r < -0.5
	fitDecent    = 1 // -0.5 <= r <= 0.5
	fitLoose     = 2 // 0.5 < r <= 1
	fitVeryLoose = 3 // r > 1
)

// Break is like the package-level Break but reuses b's buffers.
func (b *Breaker) Break(items []Item, width func(line int) Length, p BreakParams) ([]Line, bool) {
	if len(items) == 0 {
		return nil, true
	}
	b.prepare(items)
	var first []Line
	if p.PreTolerance >= 0 {
		// Like TeX (tex.web §873), keep the first pass only if it
		// achieved the looseness asked for, but fall back to it if the
		// second pass fails.
		lines, loose, ok := b.run(items, width, p, p.PreTolerance, false)
		if ok && loose == p.Looseness {
			b.items, b.width = nil, nil
			return lines, true
		}
		first = lines
	}
	lines, _, ok := b.run(items, width, p, p.Tolerance, true)
	b.items, b.width = nil, nil // do not retain the caller's data
	if !ok && first != nil {
		return first, true
	}
	return lines, ok
}

// paragraphEnd returns the index of the final break: the last forced penalty
// if only glue and penalties follow it, else len(items), an implicit forced
// break.
func paragraphEnd(items []Item) int {
	for i := len(items) - 1; i >= 0; i-- {
		switch it := items[i]; {
		case it.Kind == BoxItem:
			return len(items)
		case it.Kind == PenaltyItem && it.Penalty <= -Infinity:
			return i
		}
	}
	return len(items)
}

// prepare computes the running sums; sums[i] covers items[:i]. Penalty
// widths count only at a break, so they are not summed.
func (b *Breaker) prepare(items []Item) {
	if cap(b.sums) < len(items)+1 {
		b.sums = make([]sum, len(items)+1)
	}
	b.sums = b.sums[:len(items)+1]
	var s sum
	b.sums[0] = s
	for i := range items {
		it := &items[i]
		switch it.Kind {
		case BoxItem:
			s.w += it.Width
		case GlueItem:
			s.w += it.Width
			s.y += it.Stretch
			s.z += it.Shrink
		}
		b.sums[i+1] = s
	}
}

// measure returns the cached width of line i.
func (b *Breaker) measure(i int) Length {
	for len(b.widths) <= i {
		b.widths = append(b.widths, b.width(len(b.widths)))
	}
	return b.widths[i]
}

// badness approximates 100(t/s)³ in integers exactly as tex.web §108 does,
// capped at Infinity; t is the shortfall or excess, s the stretch or shrink.
func badness(t, s Length) int {
	switch {
	case t == 0:
		return 0
	case s <= 0:
		return Infinity
	}
	var r int64
	switch {
	case t <= math.MaxInt64/297:
		r = int64(t) * 297 / int64(s)
	case s >= 297:
		r = int64(t) / (int64(s) / 297)
	default:
		r = int64(t)
	}
	if r > 1290 {
		return Infinity // 1290³ ≈ 2^31.02; 100(1290/297)³ > 8189
	}
	return int((r*r*r + 1<<17) / (1 << 18))
}

// badnessLimit returns the least r of badness's 297t/s whose badness
// exceeds tolerance (0 <= tolerance < Infinity).
func badnessLimit(tolerance int) int64 {
	r := int64(0)
	for r <= 1290 && (r*r*r+1<<17)/(1<<18) <= int64(tolerance) {
		r++
	}
	return r
}

// fitnessClass classifies a line by its badness as tex.web §817 does, which
// matches K&P §4's thresholds on r (badness 12 ≈ |r| = 0.5, 99 ≈ r = 1).
func fitnessClass(bad int, stretching bool) uint8 {
	switch {
	case !stretching && bad > 12:
		return fitTight
	case stretching && bad > 99:
		return fitVeryLoose
	case stretching && bad > 12:
		return fitLoose
	}
	return fitDecent
}

// run is one pass of the algorithm of K&P §5 (tex.web §813–§890). Hyphens
// false skips flagged penalties of positive width (TeX's first pass). It
// also returns the looseness achieved.
func (b *Breaker) run(items []Item, width func(int) Length, p BreakParams, tolerance int, hyphens bool) ([]Line, int, bool) {
	end := paragraphEnd(items)
	b.items, b.width, b.p, b.end = items, width, p, end
	b.tolerance, b.rlim = tolerance, 0
	if tolerance < Infinity {
		b.rlim = badnessLimit(tolerance)
	}
	b.widths = b.widths[:0]
	b.nodes = append(b.nodes[:0], node{pos: -1, start: 0, line: 0, prev: -1, fitness: fitDecent})
	b.active = append(b.active[:0], 0)

	// Candidates are kept per fitness class and per count of consecutive
	// hyphens, so the MaxConsecutiveHyphens limit never discards a prefix
	// that a later line needs.
	hk := 1
	if p.MaxConsecutiveHyphens > 0 {
		hk = min(p.MaxConsecutiveHyphens, 254) + 1
	}
	b.hk = hk
	nc := 4 * hk
	if cap(b.cands) < nc {
		b.cands = make([]cand, nc)
	}
	cands := b.cands[:nc]
	for i := range cands {
		cands[i] = cand{from: -1}
	}

	for cur := 0; cur <= end; cur++ {
		var pw Length
		pen := 0
		flagged, forced := false, false
		if cur == end {
			forced = true
			if cur < len(items) {
				pw = items[cur].Width
			}
		} else {
			// Legal breakpoints, K&P §2: glue after a box, or a penalty
			// below Infinity.
			it := &items[cur]
			switch it.Kind {
			case BoxItem:
				continue
			case GlueItem:
				if cur == 0 || items[cur-1].Kind != BoxItem {
					continue
				}
			case PenaltyItem:
				forced = it.Penalty <= -Infinity
				if it.Penalty >= Infinity || !hyphens && !forced && it.Flagged && it.Width > 0 {
					continue
				}
				pw, pen, flagged = it.Width, it.Penalty, it.Flagged
			}
		}
		if !b.tryBreak(cur, pw, pen, flagged, forced, cands) {
			return nil, 0, false
		}
	}
	lines, loose := b.finish(items, p)
	return lines, loose, true
}

// tryBreak considers every active node as the start of a line ending at
// breakpoint cur (K&P §5's main loop; tex.web §829 try_break). It reports
// false when no active node remains, which means no feasible breaks exist.
func (b *Breaker) tryBreak(cur int, pw Length, pen int, flagged, forced bool, cands []cand) bool {
	p, tolerance, end, hk, rlim := &b.p, b.tolerance, b.end, b.hk, b.rlim
	sc := b.sums[cur]
	next := b.next[:0]
	group := int32(-1)     // line number of the active nodes being examined
	have := false          // some candidate is set for group
	lineStart := int32(-1) // first item after cur, computed once

	for _, ai := range b.active {
		a := &b.nodes[ai]
		if a.line != group {
			if have {
				next, lineStart = b.flush(next, cands, cur, group, flagged, lineStart)
				have = false
			}
			group = a.line
		}
		if int(a.start) > cur {
			// cur is among the glue and penalties discarded after a's
			// break: a line from a to cur would be empty (and forced
			// breaks are never discarded, see nextStart).
			next = append(next, ai)
			continue
		}
		ss := b.sums[a.start]
		l := sc.w - ss.w + pw
		shortfall := b.measure(int(a.line)) - l

		var bad int
		var ratio float64
		stretching := shortfall > 0
		overfull := false
		switch {
		case shortfall > 0:
			y := sc.y - ss.y
			if rlim > 0 && shortfall < 1<<50 && y < 1<<50 && int64(shortfall)*297 >= rlim*int64(y) {
				// Too loose, known without dividing: most active
				// nodes are far back and take this path.
				bad = Infinity
			} else if bad = badness(shortfall, y); y > 0 && bad <= tolerance {
				ratio = float64(shortfall) / float64(y)
			}
		case shortfall < 0:
			z := sc.z - ss.z
			if -shortfall > z {
				overfull = true // r < -1: shrink never beyond its limit
			} else {
				bad = badness(-shortfall, z)
				ratio = float64(shortfall) / float64(z)
			}
		}
		// K&P §5: a node from which the line is already overfull can
		// never start a feasible line again; a forced break ends every line.
		if !overfull && !forced {
			next = append(next, ai)
		}
		if overfull || bad > tolerance {
			continue
		}
		h := 0
		if flagged {
			h = int(a.hyphens) + 1
			if p.MaxConsecutiveHyphens > 0 && h > p.MaxConsecutiveHyphens {
				continue
			}
		}
		// Demerits, K&P §4 and tex.web §859.
		var d int64
		if lb := int64(p.LinePenalty) + int64(bad); lb >= Infinity || lb <= -Infinity {
			d = 100000000
		} else {
			d = lb * lb
		}
		if pen > 0 {
			d += int64(pen) * int64(pen)
		} else if pen < 0 && pen > -Infinity {
			d -= int64(pen) * int64(pen)
		}
		if a.flagged {
			if cur == end {
				d += int64(p.FinalHyphenDemerits)
			} else if flagged {
				d += int64(p.DoubleHyphenDemerits)
			}
		}
		fit := fitnessClass(bad, stretching)
		if fit > a.fitness+1 || a.fitness > fit+1 {
			d += int64(p.AdjDemerits)
		}
		d += a.demerits

		hi := 0
		if hk > 1 {
			hi = min(h, hk-1)
		}
		c := &cands[int(fit)*hk+hi]
		if c.from < 0 || d < c.demerits {
			*c = cand{from: ai, badness: int32(bad), ratio: ratio, demerits: d}
			have = true
		}
	}
	if have {
		next, _ = b.flush(next, cands, cur, group, flagged, lineStart)
	}
	b.active, b.next = next, b.active
	return len(b.active) > 0
}

// flush turns the candidates for line number group into new active nodes at
// breakpoint cur, appends them to next and resets the candidates. Nodes for
// different line numbers are kept apart because width depends on the line
// number and for Looseness (tex.web §835, where easy_line is never reached).
func (b *Breaker) flush(next []int32, cands []cand, cur int, group int32, flagged bool, lineStart int32) ([]int32, int32) {
	if lineStart < 0 {
		lineStart = int32(nextStart(b.items, cur, b.end))
	}
	hk := len(cands) / 4
	for i := range cands {
		c := &cands[i]
		if c.from < 0 {
			continue
		}
		b.nodes = append(b.nodes, node{
			pos:      int32(cur),
			start:    lineStart,
			line:     group + 1,
			prev:     c.from,
			fitness:  uint8(i / hk),
			hyphens:  uint8(hyphenCount(flagged, i%hk, hk)),
			flagged:  flagged,
			badness:  c.badness,
			ratio:    c.ratio,
			demerits: c.demerits,
		})
		next = append(next, int32(len(b.nodes)-1))
		*c = cand{from: -1}
	}
	return next, lineStart
}

// hyphenCount recovers a node's consecutive-hyphen count from its candidate
// slot; without a limit (hk == 1) only whether it is hyphenated matters.
func hyphenCount(flagged bool, slot, hk int) int {
	switch {
	case !flagged:
		return 0
	case hk == 1:
		return 1
	}
	return slot
}

// finish picks the best final node, honouring Looseness as tex.web §875 does,
// and follows the chain of breaks back to the start (K&P §5). It also
// returns the looseness achieved.
func (b *Breaker) finish(items []Item, p BreakParams) ([]Line, int) {
	best := b.active[0]
	for _, ai := range b.active[1:] {
		if b.nodes[ai].demerits < b.nodes[best].demerits {
			best = ai
		}
	}
	actual := 0
	if p.Looseness != 0 {
		bestLine := b.nodes[best].line
		fewest := b.nodes[best].demerits
		for _, ai := range b.active {
			n := &b.nodes[ai]
			diff := int(n.line - bestLine)
			switch {
			case diff < actual && p.Looseness <= diff, diff > actual && p.Looseness >= diff:
				best, actual, fewest = ai, diff, n.demerits
			case diff == actual && n.demerits < fewest:
				best, fewest = ai, n.demerits
			}
		}
	}
	lines := make([]Line, b.nodes[best].line)
	for ni := best; b.nodes[ni].prev >= 0; ni = b.nodes[ni].prev {
		n := &b.nodes[ni]
		prev := &b.nodes[n.prev]
		start := min(int(prev.start), int(n.pos))
		w := b.sums[n.pos].w - b.sums[start].w
		if int(n.pos) < len(items) && items[n.pos].Kind == PenaltyItem {
			w += items[n.pos].Width
		}
		lines[n.line-1] = Line{
			Start:      start,
			End:        int(n.pos),
			Ratio:      n.ratio,
			Width:      w,
			Hyphenated: n.flagged,
			Badness:    int(n.badness),
		}
	}
	return lines, actual
}

// BreakGreedy fills lines first-fit at their natural widths, without
// stretching or shrinking glue: the ragged-right fallback when Break fails.
// Each line takes the last breakpoint at which it still fits its measure, so
// a line is wider than its measure only when no breakpoint allows otherwise
// (a box, or unbreakable run of boxes, wider than the measure). Forced breaks
// are honoured; Ratio and Badness of the lines are 0. As with
// DefaultBreakParams, at most two consecutive lines end at flagged penalties,
// unless a line would otherwise be too wide.
func BreakGreedy(items []Item, width func(line int) Length) []Line {
	return BreakGreedyHyphens(items, width, DefaultBreakParams().MaxConsecutiveHyphens)
}

// BreakGreedyHyphens is BreakGreedy with a limit of maxConsecutiveHyphens
// consecutive lines ending at flagged penalties (0 or less: no limit). The
// limit gives way where keeping it would make a line wider than its measure.
func BreakGreedyHyphens(items []Item, width func(line int) Length, maxConsecutiveHyphens int) []Line {
	if len(items) == 0 {
		return nil
	}
	end := paragraphEnd(items)
	var lines []Line
	start := 0
	var lw Length // natural width of items[start:cur]
	last, lastW := -1, Length(0)
	// A hyphen beyond the limit is used only if the line would otherwise
	// be overfull: spare is the last such breakpoint that fits.
	spare, spareW := -1, Length(0)
	run := 0 // consecutive hyphenated lines so far
	measure := width(0)
	for cur := 0; cur <= end; cur++ {
		var pw Length
		forced, limited := cur == end, false
		if cur < end {
			it := &items[cur]
			legal := false
			switch it.Kind {
			case BoxItem:
				lw += it.Width
				continue
			case GlueItem:
				legal = cur > start && items[cur-1].Kind == BoxItem
			case PenaltyItem:
				forced = it.Penalty <= -Infinity
				legal = it.Penalty < Infinity
				limited = !forced && it.Flagged && maxConsecutiveHyphens > 0 && run >= maxConsecutiveHyphens
				pw = it.Width
			}
			if !legal {
				if it.Kind == GlueItem {
					lw += it.Width
				}
				continue
			}
		} else if cur < len(items) {
			pw = items[cur].Width
		}
		fits := lw+pw <= measure
		if fits && limited {
			spare, spareW = cur, lw+pw
			continue
		}
		if !fits && last < 0 && spare >= 0 {
			last, lastW = spare, spareW
		}
		switch {
		case !fits && last >= 0:
			// Break at the last fitting breakpoint and rescan after it.
			lines = append(lines, greedyLine(items, start, last, lastW))
			start = nextStart(items, last, end)
		case forced || !fits:
			// A forced break, or nothing fits: break here.
			lines = append(lines, greedyLine(items, start, cur, lw+pw))
			if cur == end {
				return lines
			}
			start = nextStart(items, cur, end)
		default:
			last, lastW = cur, lw+pw
			if items[cur].Kind == GlueItem {
				lw += items[cur].Width
			}
			continue
		}
		cur, lw, last, spare = start-1, 0, -1, -1
		measure = width(len(lines))
		if lines[len(lines)-1].Hyphenated {
			run++
		} else {
			run = 0
		}
	}
	return lines
}

// nextStart returns the first item of the line after a break at cur: the
// glue and penalties that follow a break vanish with it (K&P §2; tex.web
// §837), but a forced break is kept, so that it still ends a (then empty)
// line.
func nextStart(items []Item, cur, end int) int {
	s := cur + 1
	for s < end && (items[s].Kind == GlueItem || items[s].Kind == PenaltyItem && items[s].Penalty > -Infinity) {
		s++
	}
	return min(s, end)
}

func greedyLine(items []Item, start, end int, w Length) Line {
	return Line{
		Start:      min(start, end),
		End:        end,
		Width:      w,
		Hyphenated: end < len(items) && items[end].Kind == PenaltyItem && items[end].Flagged,
	}
}
