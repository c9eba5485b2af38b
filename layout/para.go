package layout

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/layout/linebreak"
)

// Style is the look of a piece of inline text.
type Style struct {
	Face   Face
	Size   Length
	Rise   Length // baseline shift, up positive (superscripts)
	URL    string // external link target
	Strike bool
	Lang   string // a passage's language (model.Lang); "" for the paragraph's
	// Added marks text the layout prints that the model does not have (a
	// link's printed address or letter): the page map does not count it.
	Added bool
}

// Piece is a run of inline text in one style, before it is cut into words.
type Piece struct {
	Text  string
	Style Style
	Ref   *model.NoteRef // the piece is the number of a note reference
	Hard  bool           // a hard line break
}

// boxData is what the layout needs to draw an item; parallel to the items.
type boxData struct {
	text string
	st   Style
	ref  *model.NoteRef
	fill bool // the glue is fil glue
	// A box whose text is src[from:to], src being the text of word number
	// word of the paragraph (0 for other boxes): a line joins the boxes
	// of a word by slicing src instead of concatenating.
	src      string
	word     int32
	from, to int32
}

func bold(s fonts.Style) fonts.Style {
	switch s {
	case fonts.Regular:
		return fonts.Bold
	case fonts.Italic:
		return fonts.BoldItalic
	}
	return s
}

func toggleItalic(s fonts.Style) fonts.Style {
	switch s {
	case fonts.Regular:
		return fonts.Italic
	case fonts.Italic:
		return fonts.Regular
	case fonts.Bold:
		return fonts.BoldItalic
	}
	return fonts.Bold
}

// flatten turns inlines into styled pieces.
func (lt *layouter) flatten(inl []model.Inline, st Style, out []Piece) []Piece {
	for _, in := range inl {
		switch in := in.(type) {
		case *model.Text:
			out = append(out, Piece{Text: in.Text, Style: st})
		case *model.Emph:
			s := st
			if s.Face.Kind == TextFace {
				s.Face.Style = toggleItalic(s.Face.Style)
			}
			out = lt.flatten(in.Inlines, s, out)
		case *model.Strong:
			s := st
			if s.Face.Kind == TextFace {
				s.Face.Style = bold(s.Face.Style)
			}
			out = lt.flatten(in.Inlines, s, out)
		case *model.Strike:
			s := st
			s.Strike = true
			out = lt.flatten(in.Inlines, s, out)
		case *model.Code:
			s := st
			s.Face = Face{Kind: MonoFace}
			s.Size = st.Size * 9 / 10
			out = append(out, Piece{Text: in.Text, Style: s})
		case *model.Math:
			// TeX source, in the mono face (a math face is for later)
			s := st
			s.Face = Face{Kind: MonoFace}
			s.Size = st.Size * 9 / 10
			out = append(out, Piece{Text: in.TeX, Style: s})
		case *model.Sup:
			out = lt.flatten(in.Inlines, supStyle(st), out)
		case *model.Sub:
			s := st
			s.Size = max(st.Size*7/10, 5*Pt)
			s.Rise -= st.Size * 15 / 100
			out = lt.flatten(in.Inlines, s, out)
		case *model.Link:
			s := st
			s.URL = in.URL
			out = lt.flatten(in.Inlines, s, out)
			out = lt.linkMark(in, s, out)
		case *model.Lang:
			s := st
			s.Lang = in.Tag
			out = lt.flatten(in.Inlines, s, out)
		case *model.LineBreak:
			out = append(out, Piece{Hard: true, Style: st})
		case *model.SmallCaps:
			out = lt.smallCaps(in.Inlines, st, out)
		case *model.CiteRef:
			// the entry is on the page; print has no link to follow
			out = lt.flatten(in.Inlines, st, out)
		case *model.NoteRef:
			if in.Note == nil {
				continue
			}
			s := supStyle(st)
			s.URL = ""
			if s.Face.Kind == TextFace {
				s.Face.Style = fonts.Regular
			}
			out = append(out, Piece{Text: lt.noteLabel(in.Note), Style: s, Ref: in})
		}
	}
	return out
}

func supStyle(st Style) Style {
	s := st
	s.Size = max(st.Size*7/10, 5*Pt)
	s.Rise += st.Size * 35 / 100
	return s
}

// Width measures s in style st.
func (lt *Setter) Width(s string, st Style) Length {
	return Length(lt.Ems(s, st.Face)) * st.Size / 1000
}

// Ems measures s in face f in 1/1000 em, the runes f lacks in the
// fallback face that will draw them (see splitFallback).
func (lt *Setter) Ems(s string, f Face) int {
	if a := lt.asciiOf(f); a != nil {
		if w, ok := a.ems(s); ok {
			return w
		}
	}
	font := f.Font(lt.fs)
	fb := lt.fallback(f)
	if fb == nil {
		return font.StringWidth(s)
	}
	w := 0
	for _, r := range s {
		if !font.Has(r) && fb.Has(r) {
			w += fb.Width(r)
		} else {
			w += font.Width(r)
		}
	}
	return w
}

// fallbackFace returns the face that draws the runes f lacks: the bold
// fallback for bold text and the (bold) display face, the regular one
// for the others.
func fallbackFace(f Face) Face {
	if f.Kind == DisplayFace || f.Kind == TextFace && (f.Style == fonts.Bold || f.Style == fonts.BoldItalic) {
		return Face{Kind: FallbackFace, Style: fonts.Bold}
	}
	return Face{Kind: FallbackFace}
}

// fallback returns the font of fallbackFace(f), nil if the set has none
// or f is a fallback face itself.
func (lt *Setter) fallback(f Face) *fonts.Font {
	if f.Kind == FallbackFace {
		return nil
	}
	return fallbackFace(f).Font(lt.fs)
}

// SplitFallback cuts every run at the runes its face lacks and the
// fallback face has, which clean kept and ems measured in the fallback,
// so that those runes are drawn in the fallback face. The pieces' widths
// sum to the run's up to rounding.
func (lt *Setter) SplitFallback(d *Document) {
	split := func(runs []Run) []Run {
		var out []Run
		for i, r := range runs {
			font, fb := r.Face.Font(lt.fs), lt.fallback(r.Face)
			need := fb != nil
			if a := lt.asciiOf(r.Face); need && a != nil && a.ownFace(r.Text) {
				need = false
			}
			need = need && strings.ContainsFunc(r.Text, func(c rune) bool { return !font.Has(c) && fb.Has(c) })
			if !need {
				if out != nil {
					out = append(out, r)
				}
				continue
			}
			if out == nil {
				out = append(make([]Run, 0, len(runs)+2), runs[:i]...)
			}
			x, from, inFB := r.X, 0, false
			emit := func(to int) {
				if to == from {
					return
				}
				part := r
				if inFB {
					part.Face = fallbackFace(r.Face)
				}
				part.Text = r.Text[from:to]
				part.X = x
				part.Width = lt.Width(part.Text, Style{Face: r.Face, Size: r.Size})
				x += part.Width
				out = append(out, part)
				from = to
			}
			for j, c := range r.Text {
				if fbRune := !font.Has(c) && fb.Has(c); fbRune != inFB {
					emit(j)
					inFB = fbRune
				}
			}
			emit(len(r.Text))
		}
		if out == nil {
			return runs
		}
		return out
	}
	for _, pg := range d.Pages {
		for _, ln := range pg.Lines {
			ln.Runs = split(ln.Runs)
		}
		pg.Marks = split(pg.Marks)
	}
}

// Clean replaces runes the face cannot draw: first by a close substitute,
// else keeps them for the fallback face if that has them (splitFallback
// gives them their own runs), else by '?', warning once per rune.
func (lt *Setter) Clean(s string, f Face) string {
	if a := lt.asciiOf(f); a != nil && a.keeps(s) {
		return s
	}
	font := f.Font(lt.fs)
	fb := lt.fallback(f)
	ok := true
	for _, r := range s {
		if !font.Has(r) && r != ' ' && !fallbackHas(fb, r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case font.Has(r) || r == ' ':
			b.WriteRune(r)
		case r == '\t' || r == '\n' || r == '\r' || unicode.IsSpace(r):
			b.WriteRune(' ')
		case r == '\u00ad' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff':
			// invisible: soft hyphen handled earlier, zero-width characters dropped
		default:
			if sub, ok := substitutes[r]; ok && font.StringWidth(sub) > 0 && allHas(font, sub) {
				b.WriteString(sub)
				continue
			}
			if fallbackHas(fb, r) {
				b.WriteRune(r)
				continue
			}
			lt.warn("glyph "+string(r), "no glyph for "+strconv.QuoteRune(r)+" in "+font.Name+"; printed as ?")
			b.WriteByte('?')
		}
	}
	return b.String()
}

// fallbackHas reports whether clean keeps r for the fallback face fb:
// fb has it and it is no space, control or invisible character, which
// clean turns into a space or drops whatever the fonts have.
func fallbackHas(fb *fonts.Font, r rune) bool {
	return fb != nil && fb.Has(r) && !unicode.IsSpace(r) && !unicode.IsControl(r) && !unicode.Is(unicode.Cf, r)
}

var substitutes = map[rune]string{
	'\u2212': "-", '\u2010': "-", '\u2011': "-", '\u2009': " ", '\u202f': " ", '\u2002': " ", '\u2003': " ",
	'\u2192': "->", '\u2190': "<-", '\u2026': "...", '\u2018': "'", '\u2019': "'", '\u201c': "\"", '\u201d': "\"",
	'\u2014': "--", '\u2013': "-", '\u2022': "*", '\u00a0': " ",
}

func allHas(f *fonts.Font, s string) bool {
	for _, r := range s {
		if !f.Has(r) {
			return false
		}
	}
	return true
}

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
}

// SetParagraph sets inlines into lines: justified by total fit (package
// linebreak) when spec asks for it and some breaks fit the tolerances,
// else ragged right by first fit.
func (lt *Setter) SetParagraph(ps []Piece, spec Spec) []*Line {
	items, data := lt.BuildItems(ps, spec)
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
	for i, ln := range lines {
		sl := lt.lineOf(items, data, ln, spec, Length(width(i)), justify, i == len(lines)-1)
		sl.Info.Word = wc.upTo(items, data, ln.Start)
		if i == 0 {
			sl.DX = -spec.Hang
			lt.addPrefix(sl, spec)
		}
		sl.Info.ParLine = i
		sl.Info.ParLen = len(lines)
		out = append(out, sl)
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

// BreakParams are the line breaker's settings for a paragraph: TeX's
// plain values with the edition's tolerance and demerits, and at most two
// hyphenated lines in a row.
func (lt *Setter) BreakParams() linebreak.Params {
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
		for _, r := range data[i].text {
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
	p := lt.BreakParams()
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
	// TeX's \emergencystretch: a third pass that counts every space as
	// able to stretch by its own width more; the lines keep their real
	// glue, so some come out loose rather than ragged.
	for i := range items {
		if it := &items[i]; it.Kind == linebreak.GlueItem && !data[i].fill {
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

// TraceParagraph sets text as a paragraph of body type in language lang
// (hyphenated, justified, in one column of an edition with settings cfg)
// and returns the line breaker's account of its first justified attempt,
// as linebreak.Trace gives it: every feasible break with its badness and
// demerits, and the breaks chosen. It is for debugging line breaking; the
// lines of a real edition also depend on the paragraph's indent and
// styles.
func TraceParagraph(fs *fonts.Set, cfg Config, lang, text string) (string, error) {
	if fs == nil || fs.Text == nil || fs.Text.Regular == nil {
		return "", errors.New("layout: incomplete font set")
	}
	cfg = cfg.withDefaults()
	if err := cfg.Validate(); err != nil {
		return "", fmt.Errorf("layout: %w", err)
	}
	lt := &layouter{Setter: NewSetter(fs, cfg), warned: map[string]bool{}}
	lt.host = lt
	c := lt.bodyCtx()
	spec := Spec{Width: c.width, Justify: true, Hyphenate: true, Lang: lang, Kind: c.kind, Leading: c.leading}
	items, data := lt.BuildItems([]Piece{{Text: text, Style: c.style()}}, spec)
	width := func(int) linebreak.Length { return kp(spec.Width) }
	_, _, trace := linebreak.Trace(items, width, lt.BreakParams(), func(i int) string { return data[i].text })
	return trace, nil
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

// smallCaps sets inlines in small capitals: the fonts have none, so
// lower-case letters are set as capitals at 80 per cent of the size
// (what word processors do), capitals and other characters as they are.
func (lt *layouter) smallCaps(ins []model.Inline, st Style, out []Piece) []Piece {
	for _, p := range lt.flatten(ins, st, nil) {
		if p.Text == "" || p.Ref != nil {
			out = append(out, p)
			continue
		}
		start := 0
		lower := false
		flush := func(end int) {
			if end <= start {
				return
			}
			q := p
			q.Text = p.Text[start:end]
			if lower {
				q.Text = strings.ToUpper(q.Text)
				q.Style.Size = p.Style.Size * 8 / 10
			}
			out = append(out, q)
			start = end
		}
		for i, r := range p.Text {
			if l := unicode.IsLower(r); l != lower {
				flush(i)
				lower = l
			}
		}
		flush(len(p.Text))
	}
	return out
}
