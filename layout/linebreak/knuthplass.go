package linebreak

import (
	"math"
	"math/bits"
)

// Break chooses breakpoints by total fit (K&P §4–§5). width(i) gives the
// measure of line i (0-based), so a first line indent or narrower lines beside
// a figure work; it is called once per line number. It returns ok=false when no
// feasible set of breaks exists within Tolerance (the caller then retries with
// higher tolerance or sets the paragraph ragged with Greedy).
//
// Paragraphs should end as FinishParagraph leaves them. Break is
// deterministic: equal inputs give equal lines on every platform.
func Break(items []Item, width func(line int) Length, p Params) (lines []Line, ok bool) {
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
	p         Params
	tolerance int
	rlim      int64 // badness > tolerance iff 297t/s >= rlim; 0 if no limit
	end       int   // index of the final break
	hk        int   // hyphen-count slots per fitness class

	sums   []sum
	small  bool // the sums and stretches are such that looseKey is exact
	exact  bool // measure every line, without the keys (for tests)
	nodes  []node
	active []int32
	next   []int32
	widths []Length
	cands  []cand
	// set has bit i for each cands[i] set since the last flush, when
	// there are at most 64 candidates (most paragraphs: 12).
	set uint64

	// ascending tells that no box or glue has a negative width or
	// stretch, so the running sums never decrease: a node's loose key
	// then grows with its start, which lets tryBreak pass over too loose
	// nodes by bisection.
	ascending bool
	// least is at most the loose key of every active node (the least
	// such key when keyed tells it; math.MinInt64 when unknown): a
	// breakpoint whose key is below it is too loose to end a line from
	// any of them.
	least int64

	trace *tracer // nil unless Trace is running
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
	// loose tells lines from here too loose at a glance: one to a
	// breakpoint whose key (Breaker.looseKey) is below it is (tooLoose).
	loose int64
}

// cand is the best way found so far to reach the current breakpoint with a
// given line number, fitness class and hyphen count (K&P §5's D_c, A_c).
type cand struct {
	from     int32 // active node, or -1 if none yet
	badness  int32
	ratio    float64
	demerits int64
}

// breakpoint is the legal breakpoint being tried (K&P §2) and what a break
// there costs.
type breakpoint struct {
	pos     int    // index of the item; the final break may be len(items)
	width   Length // penalty width (a hyphen), added to a line ending here
	penalty int
	flagged bool // a hyphenation break
	forced  bool // penalty -∞ or the final break
}

// Fitness classes of K&P §4 (TeX's numbering is reversed).
const (
	fitTight     = 0 // r < -0.5
	fitDecent    = 1 // -0.5 <= r <= 0.5
	fitLoose     = 2 // 0.5 < r <= 1
	fitVeryLoose = 3 // r > 1
)

// Break is like the package-level Break but reuses b's buffers.
func (b *Breaker) Break(items []Item, width func(line int) Length, p Params) ([]Line, bool) {
	if len(items) == 0 {
		return nil, true
	}
	b.prepare(items)
	var first []Line
	if p.PreTolerance >= 0 {
		// Like TeX (tex.web §873), keep the first pass only if it
		// achieved the looseness asked for, but fall back to it if the
		// second pass fails.
		b.trace.pass("@firstpass")
		lines, loose, ok := b.run(items, width, p, p.PreTolerance, false)
		if ok && loose == p.Looseness {
			b.items, b.width = nil, nil
			return lines, true
		}
		first = lines
	}
	b.trace.pass("@secondpass")
	lines, _, ok := b.run(items, width, p, p.Tolerance, true)
	b.items, b.width = nil, nil // do not retain the caller's data
	if !ok && first != nil {
		return first, true
	}
	return lines, ok
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
	var bits Length // the or of the widths and stretches summed
	for i := range items {
		it := &items[i]
		switch it.Kind {
		case BoxItem:
			s.w += it.Width
			bits |= it.Width
		case GlueItem:
			s.w += it.Width
			s.y += it.Stretch
			s.z += it.Shrink
			bits |= it.Width | it.Stretch
		}
		b.sums[i+1] = s
	}
	b.ascending = bits >= 0
	if 0 <= bits && bits < 1<<46 && len(items) < 1<<16 {
		// Every term is in [0, 2^46), so no sum overflows and none
		// exceeds the last.
		b.small = small(s.w) && small(s.y)
		return
	}
	b.small = true
	for i := range items {
		if it := &items[i]; it.Kind == GlueItem && it.Stretch < 0 {
			b.small = false
		}
		b.small = b.small && small(b.sums[i+1].w) && small(b.sums[i+1].y)
	}
}

// small tells a length far from overflowing in looseKey's arithmetic.
func small(l Length) bool { return -1<<46 < l && l < 1<<46 }

// looseKey returns a number that tells at a glance which lines ending at
// bp are too loose: that from node a is when the key is below a.loose,
// which is nodeKey(a). Both keys are 297 times a width plus rlim times a
// stretch, so that key < a.loose is 297·shortfall > rlim·y, tooLoose's
// test. A line for which the keys are not exact (huge lengths, negative
// stretch, no tolerance) gets the most a key can be, and is measured.
func (b *Breaker) looseKey(bp breakpoint) int64 {
	sc := &b.sums[bp.pos]
	if !b.small || b.exact || b.rlim <= 0 || !small(bp.width) {
		return math.MaxInt64
	}
	return 297*int64(sc.w+bp.width) + b.rlim*int64(sc.y)
}

// nodeKey is the loose key of a node at line number line whose line
// starts at item start (see looseKey); the least a key can be when the
// keys are not exact.
func (b *Breaker) nodeKey(line int32, start int32) int64 {
	m := b.measure(int(line))
	ss := &b.sums[start]
	if !b.small || b.rlim <= 0 || !small(m) {
		return math.MinInt64
	}
	return 297*int64(m+ss.w) + b.rlim*int64(ss.y)
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
// exceeds tolerance (0 <= tolerance < Infinity), by bisection: the
// badness grows with r.
func badnessLimit(tolerance int) int64 {
	lo, hi := int64(0), int64(1291) // the answer is in [lo, hi]
	for lo < hi {
		if r := (lo + hi) / 2; (r*r*r+1<<17)/(1<<18) <= int64(tolerance) {
			lo = r + 1
		} else {
			hi = r
		}
	}
	return lo
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
func (b *Breaker) run(items []Item, width func(int) Length, p Params, tolerance int, hyphens bool) ([]Line, int, bool) {
	cands := b.start(items, width, p, tolerance)
	keyed := b.keyed()
	for cur := 0; cur <= b.end; cur++ {
		var bp breakpoint
		if cur < b.end && items[cur].Kind != PenaltyItem {
			// A box is never a breakpoint, glue is one after a
			// box (legal); the loose key of glue, which adds no
			// width, is looseKey's without its tests, which keyed
			// has made.
			if items[cur].Kind == BoxItem || cur == 0 || items[cur-1].Kind != BoxItem {
				continue
			}
			if sc := &b.sums[cur]; keyed && 297*int64(sc.w)+b.rlim*int64(sc.y) < b.least {
				continue // too loose, as below
			}
			bp = breakpoint{pos: cur}
		} else {
			var legal bool
			if bp, legal = b.legal(cur, hyphens); !legal {
				continue
			}
			if keyed && !bp.forced && b.looseKey(bp) < b.least {
				// Every line to bp would be too loose: tryBreak
				// would keep every active node and add none (most
				// breakpoints are reached so, being less than a
				// line past the last feasible break).
				continue
			}
		}
		if !b.tryBreak(bp, cands) {
			return nil, 0, false
		}
	}
	lines, loose := b.finish(items, p)
	return lines, loose, true
}

// start resets the breaker for a pass: one active node at the paragraph's
// start, and empty candidates. Candidates are kept per fitness class and
// per count of consecutive hyphens, so the MaxConsecutiveHyphens limit never
// discards a prefix that a later line needs.
func (b *Breaker) start(items []Item, width func(int) Length, p Params, tolerance int) []cand {
	b.items, b.width, b.p, b.end = items, width, p, paragraphEnd(items)
	b.tolerance, b.rlim = tolerance, 0
	if tolerance < Infinity {
		b.rlim = badnessLimit(tolerance)
	}
	b.widths = b.widths[:0]
	b.nodes = append(b.nodes[:0], node{pos: -1, start: 0, line: 0, prev: -1, fitness: fitDecent, loose: b.nodeKey(0, 0)})
	b.active = append(b.active[:0], 0)
	b.least = b.nodes[0].loose
	b.hk = 1
	if p.MaxConsecutiveHyphens > 0 {
		b.hk = min(p.MaxConsecutiveHyphens, 254) + 1
	}
	nc := 4 * b.hk
	if cap(b.cands) < nc {
		b.cands = make([]cand, nc)
	}
	cands := b.cands[:nc]
	for i := range cands {
		cands[i] = cand{from: -1}
	}
	b.set = 0
	return cands
}

// legal tells whether items[cur] is a legal breakpoint (K&P §2: glue after
// a box, or a penalty below Infinity; the final break always) and
// describes it. Hyphens false excludes flagged penalties of positive width
// (TeX's first pass).
func (b *Breaker) legal(cur int, hyphens bool) (breakpoint, bool) {
	items := b.items
	bp := breakpoint{pos: cur}
	if cur == b.end {
		bp.forced = true
		if cur < len(items) {
			bp.width = items[cur].Width
		}
		return bp, true
	}
	it := &items[cur]
	switch it.Kind {
	case BoxItem:
		return bp, false
	case GlueItem:
		return bp, cur > 0 && items[cur-1].Kind == BoxItem
	}
	bp.forced = it.Penalty <= -Infinity
	if it.Penalty >= Infinity || !hyphens && !bp.forced && it.Flagged && it.Width > 0 {
		return bp, false
	}
	bp.width, bp.penalty, bp.flagged = it.Width, it.Penalty, it.Flagged
	return bp, true
}

// keyed tells that the loose keys are exact and grow with a node's start
// within a line number, which tryBreak's shortcuts need.
func (b *Breaker) keyed() bool {
	return b.ascending && b.small && !b.exact && b.rlim > 0
}

// tryBreak considers every active node as the start of a line ending at
// breakpoint bp (K&P §5's main loop; tex.web §829 try_break). Active nodes
// are in order of line number; the candidates of one line number become
// new active nodes (flush) before the next line number is examined. It
// reports false when no active node remains, which means no feasible
// breaks exist.
func (b *Breaker) tryBreak(bp breakpoint, cands []cand) bool {
	sc := b.sums[bp.pos]
	key := b.looseKey(bp)
	next := b.next[:0]
	group := int32(-1)     // line number of the active nodes being examined
	have := false          // some candidate is set for group
	lineStart := int32(-1) // first item after bp, computed once
	var measure Length     // of the lines of group
	// Skip passes over the nodes at the head of each group that bp cannot
	// end a line from, by bisection (see passed); a forced break ends every
	// line and takes the long way.
	skip := !bp.forced && b.keyed()
	b.least = math.MinInt64
	if skip {
		b.least = math.MaxInt64 // lowered by each node kept or added
	}
	active := b.active
	for i := 0; i < len(active); i++ {
		ai := active[i]
		a := &b.nodes[ai]
		if a.line != group {
			if have {
				next, lineStart = b.flush(next, cands, bp, group, lineStart)
				have = false
			}
			// Every line number of an active node is measured
			// sooner or later: its node reaches a breakpoint past
			// its start, the final one at the latest.
			group, measure = a.line, b.measure(int(a.line))
			if skip {
				if j := b.passed(active, i, group, bp.pos, key); j > i {
					next = append(next, active[i:j]...)
					// The last of the run has the least key.
					b.least = min(b.least, b.nodes[active[j-1]].loose)
					i = j - 1
					continue
				}
			}
		}
		if int(a.start) > bp.pos {
			// bp is among the glue and penalties discarded after a's
			// break: a line from a to bp would be empty (and forced
			// breaks are never discarded, see nextStart).
			next = append(next, ai)
			b.least = min(b.least, a.loose)
			continue
		}
		if key < a.loose {
			// Too loose, as below, told by the keys. Most active nodes
			// are this near bp; passed has skipped them already unless
			// bp is forced.
			if !bp.forced {
				next = append(next, ai)
				b.least = min(b.least, a.loose)
			}
			continue
		}
		ss := &b.sums[a.start]
		shortfall := measure - (sc.w - ss.w + bp.width)
		if shortfall > 0 && b.tooLoose(shortfall, sc.y-ss.y) {
			if !bp.forced {
				next = append(next, ai)
				b.least = min(b.least, a.loose)
			}
			continue
		}
		bad, ratio, overfull := b.lineFit(shortfall, sc, ss)
		// K&P §5: a node from which the line is already overfull can
		// never start a feasible line again; a forced break ends every line.
		if !overfull && !bp.forced {
			next = append(next, ai)
			b.least = min(b.least, a.loose)
		}
		if overfull || bad > b.tolerance {
			continue
		}
		if b.offer(ai, bp, bad, ratio, shortfall > 0, cands) {
			have = true
		}
	}
	if have {
		next, _ = b.flush(next, cands, bp, group, lineStart)
	}
	b.active, b.next = next, b.active
	return len(b.active) > 0
}

// passed returns the end of the run of active nodes from i on, all of
// line number group, that the loop of tryBreak would keep without a look:
// those whose line to the breakpoint at pos would be empty (start > pos)
// or too loose (key < loose). Within a group the nodes are in order of
// falling position, newest first (flush puts a group's new nodes before
// the older ones), so their starts fall too; when the running sums never
// decrease (Breaker.ascending) neither test can hold for a node and fail
// for the one before it, and the run is found by bisection.
func (b *Breaker) passed(active []int32, i int, group int32, pos int, key int64) int {
	lo, hi := i, len(active)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		a := &b.nodes[active[m]]
		if a.line == group && (int(a.start) > pos || key < a.loose) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// tooLoose reports, without dividing, that a line short of its measure by
// shortfall with stretch y has a badness above the tolerance: 297t/s >=
// rlim as in badness. It errs only towards false, for huge lengths.
func (b *Breaker) tooLoose(shortfall, y Length) bool {
	return b.rlim > 0 && shortfall < 1<<50 && y < 1<<50 && int64(shortfall)*297 >= b.rlim*int64(y)
}

// lineFit measures a line from the break whose running sums are ss to the
// break whose sums are sc, short of its measure by shortfall (negative
// when too wide): its badness and adjustment ratio (K&P §2), and whether
// it is overfull (its shrink cannot absorb the excess, r < -1). The ratio
// is computed only for a badness within the tolerance.
func (b *Breaker) lineFit(shortfall Length, sc sum, ss *sum) (bad int, ratio float64, overfull bool) {
	switch {
	case shortfall > 0:
		y := sc.y - ss.y
		if bad = badness(shortfall, y); y > 0 && bad <= b.tolerance {
			ratio = float64(shortfall) / float64(y)
		}
	case shortfall < 0:
		z := sc.z - ss.z
		if -shortfall > z {
			return 0, 0, true // r < -1: shrink never beyond its limit
		}
		bad = badness(-shortfall, z)
		ratio = float64(shortfall) / float64(z)
	}
	return bad, ratio, false
}

// offer records the feasible line from active node ai to bp as a
// candidate if it is the best way yet to reach bp in its fitness class and
// hyphen count, and reports whether it was. A line that would make more
// than MaxConsecutiveHyphens hyphenated lines in a row is refused.
func (b *Breaker) offer(ai int32, bp breakpoint, bad int, ratio float64, stretching bool, cands []cand) bool {
	a := &b.nodes[ai]
	p := &b.p
	h := 0
	if bp.flagged {
		h = int(a.hyphens) + 1
		if p.MaxConsecutiveHyphens > 0 && h > p.MaxConsecutiveHyphens {
			return false
		}
	}
	fit := fitnessClass(bad, stretching)
	d := b.demerits(a, bp, bad, fit)
	if b.trace != nil {
		b.trace.feasible(b, ai, bp, bad, d)
	}
	d += a.demerits
	hi := 0
	if b.hk > 1 {
		hi = min(h, b.hk-1)
	}
	ci := int(fit)*b.hk + hi
	c := &cands[ci]
	if c.from >= 0 && d >= c.demerits {
		return false
	}
	*c = cand{from: ai, badness: int32(bad), ratio: ratio, demerits: d}
	b.set |= 1 << (ci & 63)
	return true
}

// demerits are the demerits of the line from active node a to bp, of
// badness bad and fitness class fit (K&P §4, tex.web §859), with
// RuntDemerits for a short last line.
func (b *Breaker) demerits(a *node, bp breakpoint, bad int, fit uint8) int64 {
	p := &b.p
	var d int64
	if lb := int64(p.LinePenalty) + int64(bad); lb >= Infinity || lb <= -Infinity {
		d = 100000000
	} else {
		d = lb * lb
	}
	if pen := bp.penalty; pen > 0 {
		d += int64(pen) * int64(pen)
	} else if pen < 0 && pen > -Infinity {
		d -= int64(pen) * int64(pen)
	}
	final := bp.pos == b.end
	if a.flagged {
		if final {
			d += int64(p.FinalHyphenDemerits)
		} else if bp.flagged {
			d += int64(p.DoubleHyphenDemerits)
		}
	}
	if final && a.line > 0 && p.RuntDemerits > 0 && b.sums[bp.pos].w-b.sums[a.start].w < p.RuntWidth {
		d += int64(p.RuntDemerits)
	}
	if fit > a.fitness+1 || a.fitness > fit+1 {
		d += int64(p.AdjDemerits)
	}
	return d
}

// flush turns the candidates for line number group into new active nodes at
// breakpoint bp, appends them to next and resets the candidates. Nodes for
// different line numbers are kept apart because width depends on the line
// number and for Looseness (tex.web §835, where easy_line is never reached).
func (b *Breaker) flush(next []int32, cands []cand, bp breakpoint, group int32, lineStart int32) ([]int32, int32) {
	if lineStart < 0 {
		lineStart = int32(nextStart(b.items, bp.pos, b.end))
	}
	loose := int64(math.MinInt64) // the final break starts no line
	if bp.pos < b.end {
		loose = b.nodeKey(group+1, lineStart)
	}
	b.least = min(b.least, loose)
	hk := len(cands) / 4
	set := b.set
	b.set = 0
	for i := 0; i < len(cands); i++ {
		if len(cands) <= 64 {
			// Only the candidates set, in the same order.
			if set == 0 {
				break
			}
			i = bits.TrailingZeros64(set)
			set &= set - 1
		}
		c := &cands[i]
		if c.from < 0 {
			continue
		}
		b.nodes = append(b.nodes, node{
			pos:      int32(bp.pos),
			start:    lineStart,
			line:     group + 1,
			prev:     c.from,
			fitness:  uint8(i / hk),
			hyphens:  uint8(hyphenCount(bp.flagged, i%hk, hk)),
			flagged:  bp.flagged,
			badness:  c.badness,
			ratio:    c.ratio,
			demerits: c.demerits,
			loose:    loose,
		})
		next = append(next, int32(len(b.nodes)-1))
		if b.trace != nil {
			b.trace.node(b, int32(len(b.nodes)-1))
		}
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

// finish picks the best final node, honouring Looseness, and follows the
// chain of breaks back to the start (K&P §5). It also returns the
// looseness achieved.
func (b *Breaker) finish(items []Item, p Params) ([]Line, int) {
	best, actual := b.best(p.Looseness)
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
	if b.trace != nil {
		b.trace.chosen(b, best)
	}
	return lines, actual
}

// best returns the final node with the fewest demerits, or with looseness
// asked for, the one whose line count is closest to the optimum's plus
// looseness, as tex.web §875 chooses; and the looseness achieved.
func (b *Breaker) best(looseness int) (best int32, actual int) {
	best = b.active[0]
	for _, ai := range b.active[1:] {
		if b.nodes[ai].demerits < b.nodes[best].demerits {
			best = ai
		}
	}
	if looseness == 0 {
		return best, 0
	}
	bestLine := b.nodes[best].line
	fewest := b.nodes[best].demerits
	for _, ai := range b.active {
		n := &b.nodes[ai]
		diff := int(n.line - bestLine)
		switch {
		case diff < actual && looseness <= diff, diff > actual && looseness >= diff:
			best, actual, fewest = ai, diff, n.demerits
		case diff == actual && n.demerits < fewest:
			best, fewest = ai, n.demerits
		}
	}
	return best, actual
}
