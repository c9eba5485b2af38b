package text

import "github.com/redtide/edition/layout/linebreak"

// This file sets the lines the breaker chose: it positions each box of a
// line, stretching or shrinking its glue.

// lineOf positions the material of one line. Each box's x comes from the
// glue set by the adjustment ratio (Knuth & Plass 1981, §2, eq. for r);
// the adjustment is distributed in integer arithmetic so the last box ends
// exactly at the measure. wc has counted the words of the lines before
// (Info.Word) and counts those of this one.
func (lt *Setter) lineOf(items []linebreak.Item, data []boxData, ln linebreak.Line, spec Spec, lw Length, justify, last bool, wc *WordCounter) *Line {
	sl := lt.newLine()
	sl.Height, sl.Width = spec.Leading, lw
	sl.Info.Kind = spec.Kind
	sl.Info.Width = lw
	e := extentOf(items, data, ln)
	g := setGlue(items, data, e, lw, justify)
	// The words begun before the line: the items before it hold no box
	// that its placement does not count, but their glue ends a word.
	sl.Info.Word = wc.upTo(items, data, e.start)
	rb := runBuilder{meta: lt.lb.meta[:0]}
	lt.placeItems(sl, &rb, items, data, e, &g, wc)
	if e.hyphen {
		rb.hyphen(e.brk.Width, *e.brkData.st)
	}
	rb.linkRects(sl)
	lt.lb.meta = rb.meta
	sl.Runs = lt.keepRuns(rb.runs)
	// A line that ends at a hard break keeps its natural spaces: it is
	// not justified, even inside a justified paragraph.
	sl.Info.Justified = justify && !last && !g.fill
	sl.Info.Ratio = g.ratio
	if g.spaces > 0 {
		sl.Info.Space = g.space / Length(g.spaces)
	}
	sl.Info.Overfull = rb.x > lw+SP*16
	brk := e.brk
	sl.Info.Hyphenated = e.hyphen || (brk.Kind == linebreak.PenaltyItem && brk.Flagged && e.end < len(items) && e.end > 0)
	sl.Base = spec.Leading * 77 / 100
	return sl
}

// extent is the part of the items a line sets.
type extent struct {
	start, stop int // items[start:stop] are set
	end         int // the break, ln.End
	brk         linebreak.Item
	brkData     boxData
	hyphen      bool // the break adds a hyphen (a penalty of positive width)
}

// extentOf finds what a line sets: from its first box (glue and
// penalties after a break are discarded, TeX's rule) to before the glue
// that precedes its break, which is not set either.
func extentOf(items []linebreak.Item, data []boxData, ln linebreak.Line) extent {
	e := extent{start: ln.Start, end: ln.End, brk: linebreak.Item{Kind: linebreak.PenaltyItem}}
	for e.start < e.end && items[e.start].Kind != linebreak.BoxItem {
		e.start++
	}
	if e.end < len(items) {
		e.brk, e.brkData = items[e.end], data[e.end]
	}
	e.stop = e.end
	for e.stop > e.start && items[e.stop-1].Kind == linebreak.GlueItem && !data[e.stop-1].fill {
		e.stop--
	}
	e.hyphen = e.brk.Kind == linebreak.PenaltyItem && e.brk.Width > 0 && e.end < len(items)
	return e
}

// glueSet is how a line's glue is set: the adjustment ratio and what
// distributing it needs, and the spaces set so far.
type glueSet struct {
	ratio                  float64
	delta, stretch, shrink Length // measure minus natural width; the line's finite stretch and shrink
	fill                   bool   // the line has fil glue: it ends a paragraph or at a hard break
	cum                    Length // stretch or shrink of the glue set so far
	adj                    Length // adjUpTo(cum)
	space                  Length // width of the interword glue set so far
	spaces                 int
}

// setGlue computes the adjustment ratio of a line (K&P §2) of measure lw:
// justified lines stretch or shrink to the measure; other lines keep
// their natural spaces unless they are too wide, and so do lines with fil
// glue (TeX's \parfillskip) that are short.
func setGlue(items []linebreak.Item, data []boxData, e extent, lw Length, justify bool) glueSet {
	var natural, stretch, shrink Length
	fill := false
	items, data = items[e.start:e.stop], data[e.start:e.stop]
	for k := range items {
		it := &items[k]
		switch it.Kind {
		case linebreak.BoxItem:
			natural += Length(it.Width)
		case linebreak.GlueItem:
			natural += Length(it.Width)
			// Fil glue is what fills (endLine, finish): only it
			// has a fill boxData, which is not read for the others.
			if it.Stretch >= linebreak.Fil && data[k].fill {
				fill = true
			} else {
				stretch += Length(it.Stretch)
				shrink += Length(it.Shrink)
			}
		}
	}
	if e.hyphen {
		natural += Length(e.brk.Width)
	}
	g := glueSet{delta: lw - natural, stretch: stretch, shrink: shrink, fill: fill}
	if justify || g.delta < 0 {
		switch {
		case g.delta > 0 && !fill && stretch > 0:
			g.ratio = float64(g.delta) / float64(stretch)
		case g.delta < 0 && shrink > 0:
			g.ratio = max(float64(g.delta)/float64(shrink), -1)
		}
	}
	if !justify && g.delta > 0 || fill && g.delta > 0 {
		g.ratio = 0
	}
	return g
}

// adjUpTo is the extra width of the glue up to cumulative stretch or
// shrink c: delta*c/total, clamped for shrink. Rounding each glue's share
// as the difference of two such values makes the shares add up to delta.
func (g *glueSet) adjUpTo(c Length) Length {
	switch {
	case g.ratio > 0:
		return g.delta * c / g.stretch
	case g.ratio < 0:
		if g.ratio == -1 {
			return -c
		}
		return g.delta * c / g.shrink
	}
	return 0
}

// next returns the set width of interword glue it and counts it.
func (g *glueSet) next(it *linebreak.Item) Length {
	var a Length
	if g.ratio != 0 {
		if g.ratio > 0 {
			g.cum += Length(it.Stretch)
		} else {
			g.cum += Length(it.Shrink)
		}
		adj := g.adjUpTo(g.cum) // one division a glue: the last is kept
		a, g.adj = adj-g.adj, adj
	}
	w := Length(it.Width) + a
	g.space += w
	g.spaces++
	return w
}

// nextMath returns the set width of the math glue it (a space inside a
// formula), which is set as glue but is no word space.
func (g *glueSet) nextMath(it *linebreak.Item) Length {
	space, spaces := g.space, g.spaces
	w := g.next(it)
	g.space, g.spaces = space, spaces
	return w
}

// runBuilder collects the runs of a line and, in parallel, what merging
// them needs.
type runBuilder struct {
	runs  []Run
	meta  []runMeta // of each run
	x     Length    // the pen position
	links bool      // some run has a link target
	// The face of the last run of ASCII text, if faceSet, and whether
	// it draws all its ASCII itself (asciiFace.own).
	face             Face
	faceSet, faceOwn bool
}

// runMeta is what merging and linking the runs of a line need to know of
// a run besides the run.
type runMeta struct {
	url string // link target
	src runSrc // where the run's text comes from (boxData.src)
	ref bool   // the run is a note reference or a formula: nothing joins it
}

// placeItems sets the boxes and glue of items[e.start:e.stop] from x = 0,
// and counts their words in wc as WordCounter.upTo would.
func (lt *Setter) placeItems(sl *Line, rb *runBuilder, items []linebreak.Item, data []boxData, e extent, g *glueSet, wc *WordCounter) {
	line := items[e.start:e.stop]
	items, data = line, data[e.start:e.stop]
	words, in := wc.n, wc.in
	for k := range items {
		it, d := &items[k], &data[k]
		if it.Kind == linebreak.GlueItem {
			if d.mathSpace {
				rb.x += g.nextMath(it)
				continue
			}
			in = false
			if !d.fill {
				rb.x += g.next(it)
			}
			continue
		}
		if it.Kind != linebreak.BoxItem {
			continue
		}
		w := Length(it.Width)
		if d.math != nil {
			wc.n, wc.in = words, in
			wc.Text(d.math.TeX)
			words, in = wc.n, wc.in
			if rb.runs == nil {
				rb.runs = lt.runs(line)
			}
			rb.addMath(d, w)
			sl.math.add(d.math, *d.st)
			rb.x += w
			continue
		}
		if d.to == d.from && d.ref == nil { // no text
			rb.x += w // indent
			continue
		}
		if !d.st.Added {
			if !in {
				words++
			}
			in = true
		}
		if !rb.adjacent() || !rb.merge(d, w) {
			if rb.runs == nil {
				rb.runs = lt.runs(line)
			}
			own := false
			if d.ascii {
				if !rb.faceSet || d.st.Face != rb.face {
					lt.faceOf(rb, d.st.Face)
				}
				own = rb.faceOwn
			}
			rb.add(d, w, own)
			if d.ref != nil {
				lt.noteRef(sl, d, rb.x, w)
			}
		}
		rb.x += w
	}
	wc.n, wc.in, wc.k = words, in, e.stop
}

// adjacent tells that the last run ends at the pen position, so that a
// box there may join it (merge): most boxes follow a space instead.
func (rb *runBuilder) adjacent() bool {
	n := len(rb.runs)
	return n > 0 && rb.runs[n-1].X+rb.runs[n-1].Width == rb.x
}

// merge appends box d of width w to the last run, which is adjacent,
// when nothing separates them (same style and link, neither a note
// reference), and reports whether it did. The boxes of one word are
// joined by slicing the word's text rather than concatenating.
func (rb *runBuilder) merge(d *boxData, w Length) bool {
	n := len(rb.runs)
	if d.ref != nil {
		return false
	}
	r := &rb.runs[n-1]
	m := &rb.meta[n-1]
	if r.Face != d.st.Face || r.Size != d.st.Size || r.Y != -d.st.Rise ||
		r.Strike != d.st.Strike || m.url != d.st.URL || m.ref {
		return false
	}
	r.own = r.own && d.ascii
	if rs := &m.src; rs.word != 0 && rs.word == d.word && rs.to == d.from {
		r.Text = d.src[rs.from:d.to]
		rs.to = d.to
	} else {
		r.Text += d.text()
		rs.word = 0
	}
	r.Width += w
	return true
}

// add starts a new run with box d of width w at the pen position; own
// is Run.own.
func (rb *runBuilder) add(d *boxData, w Length, own bool) {
	rb.runs = append(rb.runs, Run{X: rb.x, Y: -d.st.Rise, Width: w, Face: d.st.Face, Size: d.st.Size, Text: d.text(), Strike: d.st.Strike, own: own})
	rb.meta = append(rb.meta, runMeta{url: d.st.URL, src: runSrc{d.word, d.from, d.to}, ref: d.ref != nil})
	rb.links = rb.links || d.st.URL != ""
}

// addMath adds a run for the piece of a formula of box d, w wide; no
// other box joins it.
func (rb *runBuilder) addMath(d *boxData, w Length) {
	rb.runs = append(rb.runs, Run{X: rb.x, Y: -d.st.Rise, Width: w, Face: d.st.Face, Size: d.st.Size, Math: d.math.Box})
	rb.meta = append(rb.meta, runMeta{url: d.st.URL, ref: true})
	rb.links = rb.links || d.st.URL != ""
}

// faceOf makes f the face of rb's last run of ASCII text.
func (lt *Setter) faceOf(rb *runBuilder, f Face) {
	a := lt.asciiOf(f)
	rb.face, rb.faceSet, rb.faceOwn = f, true, a != nil && a.own
}

// noteRef records the note reference of box d, at x and w wide, on the
// line: its note, its anchor and a link to the note.
func (lt *Setter) noteRef(sl *Line, d *boxData, x, w Length) {
	n := d.ref.Note
	sl.Notes = append(sl.Notes, n)
	anchor, dest := lt.host.NoteAnchors(d.ref)
	sl.Anchors = append(sl.Anchors, anchor)
	sl.Links = append(sl.Links, LinkRect{X: x, Y: -d.st.Size - d.st.Rise, W: w, H: d.st.Size * 12 / 10, Dest: dest})
}

// hyphen adds the hyphen of a line broken at a discretionary, w wide in
// style st: to the last run unless that is a note reference.
func (rb *runBuilder) hyphen(w linebreak.Length, st Style) {
	bw := Length(w)
	if n := len(rb.runs); n > 0 && !rb.meta[n-1].ref {
		rb.runs[n-1].Text += "-"
		rb.runs[n-1].Width += bw
	} else {
		rb.runs = append(rb.runs, Run{X: rb.x, Y: -st.Rise, Width: bw, Face: st.Face, Size: st.Size, Text: "-"})
		rb.meta = append(rb.meta, runMeta{url: st.URL})
		rb.links = rb.links || st.URL != ""
	}
	rb.x += bw
}

// linkRects adds a link rectangle for external URLs: one per maximal
// sequence of runs with the same target.
func (rb *runBuilder) linkRects(sl *Line) {
	if !rb.links {
		return // most lines
	}
	runs, meta := rb.runs, rb.meta[:len(rb.runs)]
	for i := 0; i < len(runs); i++ {
		u := meta[i].url
		if u == "" {
			continue
		}
		j := i
		for j+1 < len(runs) && meta[j+1].url == u {
			j++
		}
		r0, r1 := runs[i], runs[j]
		sl.Links = append(sl.Links, LinkRect{X: r0.X, Y: -r0.Size, W: r1.X + r1.Width - r0.X, H: r0.Size * 13 / 10, URL: u})
		i = j
	}
}

// NaturalRight is the right edge of the line's last run.
func (sl *Line) NaturalRight() Length {
	r := Length(0)
	for _, run := range sl.Runs {
		r = max(r, run.X+run.Width)
	}
	return r
}

// newLine returns a new Line cut from a slab: a paper has many lines.
func (lt *Setter) newLine() *Line {
	if len(lt.lineSlab) == cap(lt.lineSlab) {
		lt.lineSlab = touched(make([]Line, 0, 256))
	}
	lt.lineSlab = append(lt.lineSlab, Line{})
	return &lt.lineSlab[len(lt.lineSlab)-1]
}

// runs returns an empty slice at the end of a slab with room for the runs
// of a line of items and its hyphen (a run at most per item, and the
// hyphen's: counting the boxes would cost more than the room it saves);
// keepRuns then takes the part used.
func (lt *Setter) runs(items []linebreak.Item) []Run {
	n := len(items) + 1
	if cap(lt.runSlab)-len(lt.runSlab) < n {
		lt.runSlab = touched(make([]Run, 0, max(n, 2048)))
	}
	k := len(lt.runSlab)
	return lt.runSlab[k : k : k+n]
}

// keepRuns takes the runs of a line from the slab; appending to the
// result reallocates.
func (lt *Setter) keepRuns(runs []Run) []Run {
	k := len(lt.runSlab)
	if len(runs) == 0 || k == cap(lt.runSlab) || &runs[0] != &lt.runSlab[:k+1][k] {
		return runs // not from the slab
	}
	lt.runSlab = lt.runSlab[:len(lt.runSlab)+len(runs)]
	return runs[:len(runs):len(runs)]
}

// lineBuf holds the per-run buffers of lineOf, kept from line to line.
type lineBuf struct {
	meta []runMeta
}

// runSrc tells that a run's text is boxData.src[from:to] of word number
// word (0: it is not).
type runSrc struct {
	word     int32
	from, to int32
}
