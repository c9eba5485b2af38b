package linebreak

import (
	"fmt"
	"strings"
)

// Trace breaks items as Break does and also returns a description of the
// work in the format of TeX's \tracingparagraphs (tex.web §846, §856), for
// debugging and tests:
//
//	@firstpass                       the pass without inserted hyphens, then
//	@secondpass                      the pass with them, if the first failed
//	In olden times when wish         the text since the last feasible break
//	@\discretionary via @@0 b=0 p=50 d=2600
//	@@1: line 1.2- t=2600 -> @@0
//
// An "@" line is a feasible break: its kind (\discretionary for a flagged
// penalty, \penalty, \par for the final break, nothing for glue), the
// active node the line starts from, its badness, penalty and demerits. An
// "@@" line is the new active node: its serial, the line it ends, its
// fitness class in TeX's numbering (0 very loose, 1 loose, 2 decent,
// 3 tight; "-" if hyphenated), the paragraph's total demerits and the
// previous break. After the passes, "@chosen" lists the breaks Break
// returns, one line each. label(i) gives the text of box i; nil prints
// boxes as their widths.
func Trace(items []Item, width func(line int) Length, p Params, label func(i int) string) ([]Line, bool, string) {
	var b Breaker
	t := &tracer{label: label}
	b.trace = t
	lines, ok := b.Break(items, width, p)
	if !ok {
		t.out.WriteString("@no feasible breaks\n")
	}
	return lines, ok, t.out.String()
}

// tracer accumulates Trace's text.
type tracer struct {
	out     strings.Builder
	label   func(int) string
	printed int // items before this one are printed
}

// pass starts a pass; a nil tracer does nothing.
func (t *tracer) pass(name string) {
	if t == nil {
		return
	}
	t.out.WriteString(name)
	t.out.WriteByte('\n')
	t.printed = 0
}

// text prints the paragraph from where it was last printed up to item
// end, as tex.web §857 does before a feasible break.
func (t *tracer) text(items []Item, end int) {
	if end <= t.printed {
		return
	}
	var b strings.Builder
	for i := t.printed; i < end && i < len(items); i++ {
		switch it := items[i]; it.Kind {
		case BoxItem:
			if t.label != nil {
				b.WriteString(t.label(i))
			} else {
				fmt.Fprintf(&b, "[%d]", it.Width)
			}
		case GlueItem:
			if it.Stretch < Fil {
				b.WriteByte(' ')
			}
		}
	}
	t.printed = end
	if b.Len() > 0 {
		t.out.WriteString(b.String())
		t.out.WriteByte('\n')
	}
}

// feasible prints a feasible break from active node from to bp with
// badness bad and line demerits d.
func (t *tracer) feasible(b *Breaker, from int32, bp breakpoint, bad int, d int64) {
	t.text(b.items, bp.pos)
	kind := ""
	switch {
	case bp.pos == b.end:
		kind = `\par`
	case b.items[bp.pos].Kind == PenaltyItem && bp.flagged:
		kind = `\discretionary`
	case b.items[bp.pos].Kind == PenaltyItem:
		kind = `\penalty`
	}
	fmt.Fprintf(&t.out, "@%s via @@%d b=%d p=%d d=%d\n", kind, from, bad, bp.penalty, d)
}

// node prints the active node n just created.
func (t *tracer) node(b *Breaker, n int32) {
	nd := &b.nodes[n]
	hy := ""
	if nd.flagged {
		hy = "-"
	}
	fmt.Fprintf(&t.out, "@@%d: line %d.%d%s t=%d -> @@%d\n", n, nd.line, 3-nd.fitness, hy, nd.demerits, nd.prev)
}

// chosen prints the breaks of the best final node, first line first.
func (t *tracer) chosen(b *Breaker, best int32) {
	var chain []int32
	for ni := best; b.nodes[ni].prev >= 0; ni = b.nodes[ni].prev {
		chain = append(chain, ni)
	}
	fmt.Fprintf(&t.out, "@chosen @@%d: %d lines, t=%d\n", best, len(chain), b.nodes[best].demerits)
	for i := len(chain) - 1; i >= 0; i-- {
		n := &b.nodes[chain[i]]
		hy := ""
		if n.flagged {
			hy = " hyphenated"
		}
		fmt.Fprintf(&t.out, "  line %d: @@%d at item %d, b=%d r=%+.3f%s\n", n.line, chain[i], n.pos, n.badness, n.ratio, hy)
	}
}
