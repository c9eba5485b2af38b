package text

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/layout/linebreak"
)

// Style is the look of a piece of inline text. Its fields are ordered
// so that it packs into 56 bytes: layout copies styles with every piece,
// item and run.
type Style struct {
	Face   Face
	Strike bool
	// Added marks text the layout prints that the model does not have (a
	// link's printed address or letter): the page map does not count it.
	Added bool
	Size  Length
	Rise  Length // baseline shift, up positive (superscripts)
	URL   string // external link target
	Lang  string // a passage's language (model.Lang); "" for the paragraph's
}

// Piece is a run of inline text in one style, before it is cut into words.
type Piece struct {
	Text  string
	Style Style
	Ref   *model.NoteRef // the piece is the number of a note reference
	// Math is a piece of an inline formula (Text is empty): a box on
	// the baseline, part of the word around it.
	Math *MathPiece
	Hard bool // a hard line break
}

// boxData is what the layout needs to draw an item; parallel to the items.
type boxData struct {
	// st is the style of a box or penalty: that of a piece of the
	// paragraph's words (WordBuf), which live as long as the items, so
	// that the items share it rather than copy it; nil for glue and the
	// indent.
	st  *Style
	ref *model.NoteRef
	// math is the piece of a formula the box sets.
	math *MathPiece
	// A box's text is src[from:to] (text). For the boxes of a word of
	// the paragraph src is the word's text and word its number, so that
	// a line joins the boxes of a word by slicing src instead of
	// concatenating; for other boxes src is their text and word 0.
	src      string
	word     int32
	from, to int32
	fill     bool // the glue is fil glue
	// ascii tells a box of ASCII text that Clean keeps whole (a word's
	// shape, shapes.go).
	ascii bool
	// mathSpace marks the glue between two pieces of a formula, which is
	// no word space.
	mathSpace bool
}

// text is the text of a box.
func (d *boxData) text() string { return d.src[d.from:d.to] }

// textBox is the boxData of a box of text t that is no part of a word's
// text.
func textBox(t string, st *Style) boxData { return boxData{src: t, to: int32(len(t)), st: st} }

// Spec says how to set a paragraph.
type Spec struct {
	Width     Length // measure
	Indent    Length // first-line indent
	Justify   bool
	Hyphenate bool
	Lang      string
	Kind      LineKind
	Leading   Length
	Prefix    []Piece // hanging label (list number, bullet), drawn left of the text
	PrefixGap Length  // distance from the prefix's right edge to the text
	Hang      Length  // the first line starts this much left of the others (hanging indent)
}

// Line is a line of a set paragraph, positioned relative to its left edge
// and baseline.
type Line struct {
	Runs    []Run
	Marks   []Run // drawn apart from the text (Page.Marks)
	Links   []LinkRect
	Anchors []string // ref anchors at this line
	Notes   []*model.Note
	Height  Length // leading
	Base    Length // baseline below the top of the line
	DX      Length // shift from the column's left edge
	Width   Length
	Info    TextLine // measurements and kind (positions filled at placement)
	// Placed tells that info and runs are on a page, shifted by placedX,
	// placedY.
	Placed           bool
	PlacedX, PlacedY Length

	math mathExtent // how far the line's formulas reach (clearMath)
}

// SetParagraph sets inlines into lines: justified by total fit (package
// linebreak) when spec asks for it and some breaks fit the tolerances,
// else ragged right by first fit.
func (lt *Setter) SetParagraph(ps []Piece, spec Spec) []*Line {
	items, data := lt.buildItems(ps, spec)
	width := func(l int) linebreak.Length {
		if l == 0 {
			return kp(spec.Width + spec.Hang)
		}
		return kp(spec.Width)
	}
	var lines []linebreak.Line
	justify, emergency := spec.Justify, false
	if justify {
		var ok bool
		lines, ok, emergency = lt.breakJustified(items, data, width, spec.Width)
		if !ok {
			justify = false
			if !holdsURL(ps) {
				// a paragraph with an address in it is set ragged as a
				// reference list is, without a word to the editor
				lt.warn("", "paragraph set ragged right: no justified line breaks within tolerance: "+Abbrev(ps))
			}
			lines = nil
		}
	}
	if lines == nil {
		lines = linebreak.Greedy(items, width)
	}
	out := make([]*Line, 0, len(lines))
	var wc WordCounter
	var ext []mathExtent
	for i, ln := range lines {
		sl := lt.lineOf(items, data, ln, spec, Length(width(i)), justify, i == len(lines)-1, &wc)
		if i == 0 {
			sl.DX = -spec.Hang
			lt.addPrefix(sl, spec)
		}
		sl.Info.ParLine = i
		sl.Info.ParLen = len(lines)
		out = append(out, sl)
		if sl.math.size > 0 && ext == nil {
			ext = make([]mathExtent, len(lines))
		}
		if ext != nil {
			ext[i] = sl.math
		}
	}
	if ext != nil {
		clearMath(out, ext, spec.Leading)
	}
	if emergency {
		// Lines set by the emergency pass beyond the loose tolerance.
		limit := math.Cbrt(float64(lt.cfg.LooseTolerance) / 100)
		for _, sl := range out {
			sl.Info.Loose = sl.Info.Justified && sl.Info.Ratio > limit
		}
	}
	return out
}

// breakParams are the line breaker's settings for a paragraph: TeX's
// plain values with the edition's tolerance and demerits, and at most two
// hyphenated lines in a row.
func (lt *Setter) breakParams() linebreak.Params {
	p := linebreak.DefaultParams()
	p.Tolerance = lt.cfg.Tolerance
	p.PreTolerance = lt.cfg.Break.PreTolerance
	if p.MaxConsecutiveHyphens == 0 || p.MaxConsecutiveHyphens > 2 {
		p.MaxConsecutiveHyphens = 2
	}
	p.DoubleHyphenDemerits = lt.cfg.Break.DoubleHyphenDemerits
	p.FinalHyphenDemerits = lt.cfg.Break.FinalHyphenDemerits
	p.RuntDemerits = lt.cfg.Break.RuntDemerits
	return p
}

// runtWidth is the width under which the last line of a paragraph set
// to measure is a runt: a sixth of the measure, or less when the
// paragraph ends in a word, or the part of a word after its last
// breakpoint, of four letters or digits: a last line that holds it is no
// runt, and a last line that holds it is at least as wide as the
// paragraph's material from its start.
func runtWidth(items []linebreak.Item, data []boxData, measure Length) Length {
	limit := measure / 6
	var tail Length // width of items[i:], the last line's material if it starts at i
	chars := 0      // letters and digits of the boxes since the last breakpoint
	for i := len(items) - 1; i >= 0; i-- {
		it := &items[i]
		if it.Kind != linebreak.BoxItem {
			if chars >= 4 {
				return min(limit, tail)
			}
			chars = 0
			if it.Kind == linebreak.GlueItem {
				tail += Length(it.Width)
			}
			continue
		}
		tail += Length(it.Width)
		if data[i].math != nil {
			chars += 4 // a formula is no runt
		}
		for _, r := range data[i].text() {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				chars++
			}
		}
		if tail >= limit {
			return limit
		}
	}
	if chars >= 4 {
		return min(limit, tail)
	}
	return limit
}

// breakJustified chooses justified breaks in up to three passes: TeX's
// two (without, then with hyphenation, in lt.br.Break) within the
// tolerance, the same within the loose tolerance, and last an emergency
// pass (emergency true). ok is false when none finds feasible breaks.
func (lt *Setter) breakJustified(items []linebreak.Item, data []boxData, width func(int) linebreak.Length, measure Length) (lines []linebreak.Line, ok, emergency bool) {
	br := &lt.ib.br
	p := lt.breakParams()
	if p.RuntDemerits > 0 {
		p.RuntWidth = kp(runtWidth(items, data, measure))
	}
	if lines, ok = br.Break(items, width, p); ok {
		return lines, true, false
	}
	// Nothing fits within the tolerance: hyphens now cost what they cost
	// in plain TeX, since with the edition's dearer ones the looser
	// passes would buy wide spaces instead of hyphens.
	items = lt.texHyphens(items, &p)
	p.Tolerance = lt.cfg.LooseTolerance
	p.PreTolerance = -1
	if lines, ok = br.Break(items, width, p); ok {
		return lines, true, false
	}
	// TeX's \emergencystretch: a third pass that counts every space (a
	// formula's own excepted) as able to stretch by its own width more;
	// the lines keep their real glue, so some come out loose rather than
	// ragged.
	for i := range items {
		if it := &items[i]; it.Kind == linebreak.GlueItem && !data[i].fill && !data[i].mathSpace {
			it.Stretch += it.Width
		}
	}
	lines, ok = br.Break(items, width, p)
	return lines, ok, ok
}

// texHyphens returns a copy of items whose hyphenation penalties are
// scaled so that a hyphen costs plain TeX's 50 (a capitalised word's and
// an explicit hyphen's keep their ratio to it), and sets p's hyphen
// demerits no higher than plain TeX's.
func (lt *Setter) texHyphens(items []linebreak.Item, p *linebreak.Params) []linebreak.Item {
	out := append([]linebreak.Item(nil), items...)
	if hp := lt.cfg.Break.HyphenPenalty; hp > texHyphenPenalty {
		for i := range out {
			if it := &out[i]; it.Kind == linebreak.PenaltyItem && it.Flagged && it.Penalty < linebreak.Infinity {
				it.Penalty = it.Penalty * texHyphenPenalty / hp
			}
		}
	}
	tex := linebreak.DefaultParams()
	p.DoubleHyphenDemerits = min(p.DoubleHyphenDemerits, tex.DoubleHyphenDemerits)
	p.FinalHyphenDemerits = min(p.FinalHyphenDemerits, tex.FinalHyphenDemerits)
	return out
}

// texHyphenPenalty is plain TeX's \hyphenpenalty and \exhyphenpenalty.
const texHyphenPenalty = 50

// addPrefix draws a paragraph's hanging label (a list number or bullet)
// left of its first line.
func (lt *Setter) addPrefix(sl *Line, spec Spec) {
	if len(spec.Prefix) == 0 {
		return
	}
	x := -spec.PrefixGap
	for j := len(spec.Prefix) - 1; j >= 0; j-- {
		p := spec.Prefix[j]
		t := lt.Clean(p.Text, p.Style.Face)
		w := lt.Width(t, p.Style)
		x -= w
		sl.Runs = append([]Run{{X: x, Y: -p.Style.Rise, Width: w, Face: p.Style.Face, Size: p.Style.Size, Text: t}}, sl.Runs...)
	}
}

// Abbrev is the start of the pieces' text, quoted, for a warning.
func Abbrev(ps []Piece) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.Text)
		if b.Len() > 40 {
			break
		}
	}
	s := strings.Join(strings.Fields(b.String()), " ")
	if len(s) > 40 {
		s = s[:40]
		for !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
		s += "…"
	}
	return strconv.Quote(s)
}

// holdsURL reports whether a paragraph prints a web address, which
// justified lines would have to space out.
func holdsURL(ps []Piece) bool {
	for _, p := range ps {
		if p.Style.URL != "" || strings.Contains(p.Text, "://") {
			return true
		}
	}
	return false
}

// Trace sets ps as a paragraph by spec and returns the line breaker's
// account of its first justified attempt, as linebreak.Trace gives it.
func (lt *Setter) Trace(ps []Piece, spec Spec) string {
	items, data := lt.buildItems(ps, spec)
	width := func(int) linebreak.Length { return kp(spec.Width) }
	_, _, trace := linebreak.Trace(items, width, lt.breakParams(), func(i int) string { return data[i].text() })
	return trace
}
