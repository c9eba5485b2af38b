// Package linebreak chooses line breaks for a paragraph given as a list of
// boxes, glue and penalties, by the total-fit algorithm of D. E. Knuth and
// M. F. Plass, "Breaking Paragraphs into Lines", Software—Practice and
// Experience 11 (1981) 1119–1184 (cited as K&P §n), with the details of
// TeX's implementation (D. E. Knuth, "TeX: The Program", cited as tex.web
// §n), which the paper describes; and first-fit as a ragged-right fallback.
//
// The package knows nothing of fonts or pages: package layout turns words
// into items, calls Break, and sets the lines it returns. Lengths are
// integers in the caller's unit (layout's is 1/65536 pt), so that breaking is
// exact and deterministic on every platform. Trace explains a paragraph's
// breaks as TeX's \tracingparagraphs does.
package linebreak

// Length is a width in the caller's fixed-point unit; layout uses scaled
// points (1/65536 pt). Only sums, differences and ratios of lengths are
// taken, so any unit works if stretch and shrink use the same one.
type Length int64

// Kind tells what an Item is.
type Kind uint8

// The three kinds of item of K&P §3 ("The box/glue/penalty model").
const (
	BoxItem Kind = iota
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
//
// Kind and Flagged come first, together, so that an item takes 40 bytes
// rather than 48: the breaker and the setter scan long slices of them.
type Item struct {
	Kind    Kind
	Flagged bool // penalty only: a hyphenation break (for consecutive-hyphen demerits)
	Width   Length
	Stretch Length // glue only
	Shrink  Length // glue only
	Penalty int    // penalty only; >= Infinity forbids a break, <= -Infinity forces one
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

// EndLine appends TeX's \hfil\break (tex.web §816's ending, inside a
// paragraph): penalty(∞), so that the line is not broken before the fill,
// glue(0, Fil, 0) and penalty(-∞), which forces the break and lets the line
// end short.
func EndLine(items []Item) []Item {
	return append(items,
		Penalty(0, Infinity, false),
		Glue(0, Fil, 0),
		Penalty(0, -Infinity, false))
}

// FinishParagraph appends the ending that K&P §3 and tex.web §816 give every
// paragraph: trailing glue is removed, then EndLine's penalty(∞),
// glue(0, Fil, 0) (TeX's \parfillskip) and penalty(-∞). Break and Greedy
// expect items that end this way; if they do not, the end of the slice acts
// as a forced break with no fill, so the last line is justified like the
// others. FinishParagraph may reuse items' backing array.
func FinishParagraph(items []Item) []Item {
	for len(items) > 0 && items[len(items)-1].Kind == GlueItem {
		items = items[:len(items)-1]
	}
	return EndLine(items)
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
