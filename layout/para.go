package layout

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/hyph"
	"github.com/redtide/edition/internal/model"
)

// style is the look of a piece of inline text.
type style struct {
	face   Face
	size   Length
	rise   Length // baseline shift, up positive (superscripts)
	url    string // external link target
	strike bool
	lang   string // a passage's language (model.Lang); "" for the paragraph's
}

// piece is a run of inline text in one style, before it is cut into words.
type piece struct {
	text string
	st   style
	ref  *model.NoteRef // the piece is the number of a note reference
	hard bool           // a hard line break
}

// fillStretch is TeX's fil glue (\parfillskip, \hfil before \break).
const fillStretch = Fil

// boxData is what the layout needs to draw an item; parallel to the items.
type boxData struct {
	text string
	st   style
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
func (lt *layouter) flatten(inl []model.Inline, st style, out []piece) []piece {
	for _, in := range inl {
		switch in := in.(type) {
		case *model.Text:
			out = append(out, piece{text: in.Text, st: st})
		case *model.Emph:
			s := st
			if s.face.Kind == TextFace {
				s.face.Style = toggleItalic(s.face.Style)
			}
			out = lt.flatten(in.Inlines, s, out)
		case *model.Strong:
			s := st
			if s.face.Kind == TextFace {
				s.face.Style = bold(s.face.Style)
			}
			out = lt.flatten(in.Inlines, s, out)
		case *model.Strike:
			s := st
			s.strike = true
			out = lt.flatten(in.Inlines, s, out)
		case *model.Code:
			s := st
			s.face = Face{Kind: MonoFace}
			s.size = st.size * 9 / 10
			out = append(out, piece{text: in.Text, st: s})
		case *model.Math:
			// TeX source, in the mono face (a math face is for later)
			s := st
			s.face = Face{Kind: MonoFace}
			s.size = st.size * 9 / 10
			out = append(out, piece{text: in.TeX, st: s})
		case *model.Sup:
			out = lt.flatten(in.Inlines, supStyle(st), out)
		case *model.Sub:
			s := st
			s.size = max(st.size*7/10, 5*Pt)
			s.rise -= st.size * 15 / 100
			out = lt.flatten(in.Inlines, s, out)
		case *model.Link:
			s := st
			s.url = in.URL
			out = lt.flatten(in.Inlines, s, out)
		case *model.Lang:
			s := st
			s.lang = in.Tag
			out = lt.flatten(in.Inlines, s, out)
		case *model.LineBreak:
			out = append(out, piece{hard: true, st: st})
		case *model.NoteRef:
			if in.Note == nil {
				continue
			}
			s := supStyle(st)
			s.url = ""
			if s.face.Kind == TextFace {
				s.face.Style = fonts.Regular
			}
			out = append(out, piece{text: strconv.Itoa(in.Note.Number), st: s, ref: in})
		}
	}
	return out
}

func supStyle(st style) style {
	s := st
	s.size = max(st.size*7/10, 5*Pt)
	s.rise += st.size * 35 / 100
	return s
}

// width measures s in style st.
func (lt *layouter) width(s string, st style) Length {
	return Length(lt.ems(s, st.face)) * st.size / 1000
}

// ems measures s in face f in 1/1000 em, the runes f lacks in the
// fallback face that will draw them (see splitFallback).
func (lt *layouter) ems(s string, f Face) int {
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
func (lt *layouter) fallback(f Face) *fonts.Font {
	if f.Kind == FallbackFace {
		return nil
	}
	return fallbackFace(f).Font(lt.fs)
}

// splitFallback cuts every run at the runes its face lacks and the
// fallback face has, which clean kept and ems measured in the fallback,
// so that those runes are drawn in the fallback face. The pieces' widths
// sum to the run's up to rounding.
func (lt *layouter) splitFallback(d *Document) {
	split := func(runs []Run) []Run {
		var out []Run
		for i, r := range runs {
			font, fb := r.Face.Font(lt.fs), lt.fallback(r.Face)
			need := fb != nil && strings.ContainsFunc(r.Text, func(c rune) bool { return !font.Has(c) && fb.Has(c) })
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
				part.Width = lt.width(part.Text, style{face: r.Face, size: r.Size})
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

// clean replaces runes the face cannot draw: first by a close substitute,
// else keeps them for the fallback face if that has them (splitFallback
// gives them their own runs), else by '?', warning once per rune.
func (lt *layouter) clean(s string, f Face) string {
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
			if key := "glyph " + string(r); !lt.warned[key] {
				lt.warnOnce(key, lt.pos(), "no glyph for "+strconv.QuoteRune(r)+" in "+font.Name+"; printed as ?")
			}
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

// parSpec says how to set a paragraph.
type parSpec struct {
	width     Length // measure
	indent    Length // first-line indent
	justify   bool
	hyphenate bool
	lang      string
	kind      LineKind
	leading   Length
	prefix    []piece // hanging label (list number, bullet), drawn left of the text
	prefixGap Length  // distance from the prefix's right edge to the text
	hang      Length  // the first line starts this much left of the others (hanging indent)
}

// setLine is a line of a set paragraph, positioned relative to its left edge
// and baseline.
type setLine struct {
	runs    []Run
	marks   []Run // drawn apart from the text (Page.Marks)
	links   []LinkRect
	anchors []string // ref anchors at this line
	notes   []*model.Note
	height  Length // leading
	base    Length // baseline below the top of the line
	dx      Length // shift from the column's left edge
	width   Length
	info    TextLine // measurements and kind (positions filled at placement)
	// placed tells that info and runs are on a page, shifted by placedX,
	// placedY.
	placed           bool
	placedX, placedY Length
}

// word is one unbreakable-by-space run of pieces.
type word struct{ ps []piece }

// wordBuf holds what splitWords fills, kept from paragraph to paragraph so
// that setting a paragraph allocates little.
type wordBuf struct {
	pieces []piece // the pieces of every word, one after another
	ends   []int   // end of each word in pieces; -1 for a hard break
	words  []word
	spaces []style
}

// splitWords cuts pieces at spaces. A nil word stands for a hard break.
// The words and spaces live in wb until its next use.
func splitWords(ps []piece, wb *wordBuf) (words []word, spaces []style) {
	wb.pieces, wb.ends, spaces = wb.pieces[:0], wb.ends[:0], wb.spaces[:0]
	start := 0 // first piece of the current word
	flush := func(sp style) {
		if len(wb.pieces) > start {
			wb.ends = append(wb.ends, len(wb.pieces))
			spaces = append(spaces, sp)
			start = len(wb.pieces)
		}
	}
	for _, p := range ps {
		if p.hard {
			flush(p.st)
			wb.ends = append(wb.ends, -1)
			spaces = append(spaces, p.st)
			continue
		}
		if p.ref != nil {
			wb.pieces = append(wb.pieces, p)
			continue
		}
		s := p.text
		for s != "" {
			i := strings.IndexFunc(s, unicode.IsSpace)
			for i >= 0 && s[i:i+1] == "\u00a0"[:1] && strings.HasPrefix(s[i:], "\u00a0") {
				// no-break space: part of the word
				j := strings.IndexFunc(s[i+2:], unicode.IsSpace)
				if j < 0 {
					i = -1
				} else {
					i = i + 2 + j
				}
			}
			if i < 0 {
				wb.pieces = append(wb.pieces, piece{text: s, st: p.st})
				break
			}
			if i > 0 {
				wb.pieces = append(wb.pieces, piece{text: s[:i], st: p.st})
			}
			flush(p.st)
			_, n := utf8.DecodeRuneInString(s[i:])
			s = s[i+n:]
			for s != "" {
				r, n := utf8.DecodeRuneInString(s)
				if !unicode.IsSpace(r) || r == '\u00a0' {
					break
				}
				s = s[n:]
			}
		}
	}
	flush(style{})
	words = wb.words[:0]
	prev := 0
	for _, e := range wb.ends {
		if e < 0 {
			words = append(words, word{})
			continue
		}
		words = append(words, word{wb.pieces[prev:e:e]})
		prev = e
	}
	wb.words, wb.spaces = words, spaces
	return words, spaces
}

// Break kinds inside a word, in increasing priority.
const (
	bpNone     = iota
	bpChar     // emergency break between any two characters
	bpURL      // after / . - _ ? & = in long tokens
	bpHyph     // discretionary hyphen from the patterns
	bpExplicit // after an explicit hyphen, dash or slash
)

const (
	hyphenPenalty   = 50
	exHyphenPenalty = 50
	urlPenalty      = 100
	charPenalty     = 3000
)

// itemBuf holds the items of the paragraph being set and the buffers that
// building them needs, kept from paragraph to paragraph.
type itemBuf struct {
	items []Item
	data  []boxData
	words wordBuf
	bp    []uint8
	spans []span
	word  int32 // serial number of the last word added
}

func (ib *itemBuf) add(it Item, d boxData) {
	ib.items = append(ib.items, it)
	ib.data = append(ib.data, d)
}

// span is the extent of one piece of a word in the word's text.
type span struct {
	start, end int
	p          piece
}

// buildItems converts pieces to Knuth–Plass items (Knuth & Plass 1981,
// "Breaking paragraphs into lines", §3: boxes, glue and penalties). The
// items live in lt.ib until the next paragraph.
func (lt *layouter) buildItems(ps []piece, spec parSpec) ([]Item, []boxData) {
	ib := &lt.ib
	ib.items, ib.data, ib.word = ib.items[:0], ib.data[:0], 0
	if spec.indent > 0 {
		ib.add(Item{Kind: BoxItem, Width: spec.indent}, boxData{})
	}
	var hy *hyph.Hyphenator
	if spec.hyphenate {
		hy = lt.hyphenator(spec.lang)
	}
	words, spaces := splitWords(ps, &ib.words)
	for wi, w := range words {
		if w.ps == nil { // hard break: \hfil\break
			ib.add(Item{Kind: PenaltyItem, Penalty: Infinity}, boxData{})
			ib.add(Item{Kind: GlueItem, Stretch: fillStretch}, boxData{fill: true})
			ib.add(Item{Kind: PenaltyItem, Penalty: -Infinity}, boxData{})
			continue
		}
		last := wi == len(words)-1 || (wi+1 < len(words) && words[wi+1].ps == nil && wi+1 == len(words)-1)
		lt.addWord(w, spec, spec.hyphenate && !last, hy)
		if wi+1 < len(words) && words[wi+1].ps != nil {
			sp := spaces[wi]
			if sp.size == 0 {
				sp = w.ps[len(w.ps)-1].st
			}
			sp.rise, sp.strike = 0, false
			if sp.face.Kind == MonoFace {
				sp.face = Face{Kind: TextFace}
			}
			space := lt.width(" ", sp)
			ib.add(Item{Kind: GlueItem, Width: space, Stretch: space / 2, Shrink: space / 3}, boxData{st: sp})
		}
	}
	// \parfillskip: TeX forbids a break before it
	ib.add(Item{Kind: PenaltyItem, Penalty: Infinity}, boxData{})
	ib.add(Item{Kind: GlueItem, Stretch: fillStretch}, boxData{fill: true})
	ib.add(Item{Kind: PenaltyItem, Penalty: -Infinity}, boxData{})
	return ib.items, ib.data
}

// runeWidth is lt.width(string(r), st) without making the string.
func (lt *layouter) runeWidth(r rune, st style) Length {
	font := st.face.Font(lt.fs)
	if fb := lt.fallback(st.face); fb != nil && !font.Has(r) && fb.Has(r) {
		return Length(fb.Width(r)) * st.size / 1000
	}
	return Length(font.Width(r)) * st.size / 1000
}

// addWord adds the boxes and in-word penalties of one word.
func (lt *layouter) addWord(w word, spec parSpec, hyphenate bool, hy *hyph.Hyphenator) {
	ib := &lt.ib
	ib.word++
	// Join the word's text and remember each piece's extent. Most words
	// are one piece of text: their text is the piece's.
	spans := ib.spans[:0]
	hasRef := false
	var full string
	if len(w.ps) == 1 && w.ps[0].ref == nil && !strings.Contains(w.ps[0].text, "\u00a0") {
		full = w.ps[0].text
		spans = append(spans, span{0, len(full), piece{text: full, st: w.ps[0].st}})
	} else {
		var text strings.Builder
		for _, p := range w.ps {
			t := p.text
			if p.ref == nil {
				t = strings.ReplaceAll(t, "\u00a0", " ")
			} else {
				hasRef = true
			}
			start := text.Len()
			text.WriteString(t)
			spans = append(spans, span{start, text.Len(), piece{text: t, st: p.st, ref: p.ref}})
		}
		full = text.String()
	}
	ib.spans = spans
	passage := false // a piece of the word is in a passage's language
	for _, s := range spans {
		passage = passage || s.p.st.lang != ""
	}
	// bp[i] is the break kind at byte offset i.
	if cap(ib.bp) < len(full)+1 {
		ib.bp = make([]uint8, len(full)+1, 2*len(full)+1)
	}
	bp := ib.bp[:len(full)+1]
	clear(bp)
	// Soft hyphens are discretionaries the author placed.
	// Explicit hyphens and dashes.
	urlish := strings.Contains(full, "://") || strings.HasPrefix(full, "www.") || strings.Contains(full, "@") ||
		(len(w.ps) > 0 && w.ps[0].st.url != "" && strings.Contains(full, "/"))
	prev := rune(0)
	for i, r := range full {
		n := utf8.RuneLen(r)
		next, _ := utf8.DecodeRuneInString(full[i+n:])
		switch {
		case (r == '-' || r == '\u2010') && unicode.IsLetter(prev) && unicode.IsLetter(next) && !urlish:
			bp[i+n] = bpExplicit
		case (r == '\u2014' || r == '\u2013') && i+n < len(full) && i > 0:
			bp[i+n] = bpExplicit
		case r == '/' && i > 0 && i+n < len(full) && !urlish && next != '/':
			bp[i+n] = bpExplicit
		case urlish && strings.ContainsRune("/.-_?&=#", r) && i > 0 && i+n < len(full) && next != '/':
			bp[i+n] = bpURL
		case r == '\u00ad':
			bp[i] = bpHyph
		}
		prev = r
	}
	// Hyphenation of alphabetic runs, Liang 1983 patterns via hyph.
	inRef := func(off int) bool {
		if !hasRef {
			return false
		}
		for _, s := range spans {
			if s.p.ref != nil && off >= s.start && off < s.end {
				return true
			}
		}
		return false
	}
	if hyphenate && !urlish && (hy != nil || passage) {
		lt.hyphenateRuns(full, bp, spans, passage, hy, inRef)
	}
	// Emergency breaks: no segment may be wider than the measure. A word
	// that cannot be as wide as the measure, even if every rune were its
	// font's widest, has none.
	limit := spec.width - spec.indent - 2*Pt
	bound := Length(0)
	for _, s := range spans {
		maxW := s.p.st.face.Font(lt.fs).MaxWidth()
		if fb := lt.fallback(s.p.st.face); fb != nil {
			maxW = max(maxW, fb.MaxWidth())
		}
		bound += Length(s.end-s.start) * (Length(maxW) * s.p.st.size / 1000)
	}
	if bound > limit {
		lt.emergencyBreaks(w, full, spans, bp, limit, inRef)
	}
	// Emit boxes split at breakpoints.
	for _, s := range spans {
		if s.p.ref != nil {
			ib.add(Item{Kind: BoxItem, Width: lt.width(s.p.text, s.p.st)}, boxData{text: s.p.text, st: s.p.st, ref: s.p.ref})
			continue
		}
		from := s.start
		emit := func(to int) {
			if to > from {
				t := strings.ReplaceAll(full[from:to], "\u00ad", "")
				t = lt.clean(t, s.p.st.face)
				d := boxData{text: t, st: s.p.st}
				if t == full[from:to] {
					d.src, d.word, d.from, d.to = full, ib.word, int32(from), int32(to)
				}
				ib.add(Item{Kind: BoxItem, Width: lt.width(t, s.p.st)}, d)
			}
			from = to
		}
		for i := s.start + 1; i <= s.end; i++ {
			if i == len(full) || bp[i] == bpNone {
				continue
			}
			emit(i)
			switch bp[i] {
			case bpHyph:
				ib.add(Item{Kind: PenaltyItem, Width: lt.width("-", s.p.st), Penalty: hyphenPenalty, Flagged: true}, boxData{st: s.p.st})
			case bpExplicit:
				ib.add(Item{Kind: PenaltyItem, Penalty: exHyphenPenalty, Flagged: true}, boxData{st: s.p.st})
			case bpURL:
				ib.add(Item{Kind: PenaltyItem, Penalty: urlPenalty}, boxData{st: s.p.st})
			case bpChar:
				ib.add(Item{Kind: PenaltyItem, Penalty: charPenalty}, boxData{st: s.p.st})
			}
		}
		emit(s.end)
	}
}

// hyphenateRuns marks in bp the hyphenation points of each run of letters
// of a word's text full (Liang 1983, through package hyph), outside note
// references: with the paragraph's patterns hy, or a passage's (passage:
// some span of the word is in another language).
func (lt *layouter) hyphenateRuns(full string, bp []uint8, spans []span, passage bool, hy *hyph.Hyphenator, inRef func(int) bool) {
	for i := 0; i < len(full); {
		r, n := utf8.DecodeRuneInString(full[i:])
		if !unicode.IsLetter(r) || inRef(i) {
			i += n
			continue
		}
		j := i
		for j < len(full) {
			r, n := utf8.DecodeRuneInString(full[j:])
			if !unicode.IsLetter(r) || inRef(j) {
				break
			}
			j += n
		}
		h := hy
		if passage {
			h = lt.passageHyphenator(spans, i, hy)
		}
		if h != nil && utf8.RuneCountInString(full[i:j]) >= hyph.MinLetters {
			for _, off := range lt.hyphenate(h, full[i:j]) {
				if off > 0 && off < j-i && bp[i+off] == bpNone {
					bp[i+off] = bpHyph
				}
			}
		}
		i = j
	}
}

// passageHyphenator returns the patterns for the letters at offset i of
// a word: a passage's (model.Lang) when i is inside one, never the
// paragraph's; hy, the paragraph's, otherwise. nil: not hyphenated.
func (lt *layouter) passageHyphenator(spans []span, i int, hy *hyph.Hyphenator) *hyph.Hyphenator {
	for _, s := range spans {
		if i >= s.start && i < s.end {
			if s.p.st.lang == "" {
				return hy
			}
			return lt.hyphenatorQuiet(s.p.st.lang)
		}
	}
	return hy
}

// emergencyBreaks allows breaks between any two characters of the parts
// of a word wider than limit between its other breakpoints.
func (lt *layouter) emergencyBreaks(w word, full string, spans []span, bp []uint8, limit Length, inRef func(int) bool) {
	segStart := 0
	segW := Length(0)
	si := 0 // span of the rune at i, if any
	for i, r := range full {
		if bp[i] != bpNone {
			segStart, segW = i, 0
		}
		for si < len(spans) && spans[si].end <= i {
			si++
		}
		// the style of the last span holding i, else of the first piece
		st := w.ps[0].st
		for k := si; k < len(spans) && spans[k].start <= i; k++ {
			if i < spans[k].end {
				st = spans[k].p.st
			}
		}
		rw := lt.runeWidth(r, st)
		segW += rw
		if segW > limit && i > segStart {
			// rewind: allow breaks between all characters of this segment
			for k := segStart + 1; k <= i; k++ {
				if utf8.RuneStart(full[k]) && bp[k] == bpNone && !inRef(k) {
					bp[k] = bpChar
				}
			}
			segStart, segW = i, rw
		}
	}
}

// setParagraph sets inlines into lines.
func (lt *layouter) setParagraph(ps []piece, spec parSpec) (out []*setLine) {
	items, data := lt.buildItems(ps, spec)
	width := func(l int) Length {
		if l == 0 {
			return spec.width + spec.hang
		}
		return spec.width
	}
	var lines []Line
	justify := spec.justify
	if justify {
		p := DefaultBreakParams()
		p.Tolerance = lt.cfg.Tolerance
		p.PreTolerance = min(p.PreTolerance, lt.cfg.Tolerance)
		if p.MaxConsecutiveHyphens == 0 || p.MaxConsecutiveHyphens > 2 {
			p.MaxConsecutiveHyphens = 2
		}
		var ok bool
		lines, ok = lt.br.Break(items, width, p)
		if !ok {
			p.Tolerance = lt.cfg.LooseTolerance
			p.PreTolerance = -1
			lines, ok = lt.br.Break(items, width, p)
		}
		emergency := false
		if !ok {
			// TeX's \emergencystretch: a third pass that counts every space
			// as able to stretch by its own width more; the lines keep
			// their real glue, so some come out loose rather than ragged.
			em := append([]Item(nil), items...)
			for i := range em {
				if em[i].Kind == GlueItem && !data[i].fill {
					em[i].Stretch += em[i].Width
				}
			}
			lines, ok = lt.br.Break(em, width, p)
			emergency = ok
		}
		defer func() {
			if emergency {
				limit := math.Cbrt(float64(lt.cfg.LooseTolerance) / 100)
				for _, sl := range out {
					sl.info.Loose = sl.info.Justified && sl.info.Ratio > limit
				}
			}
		}()
		if !ok {
			justify = false
			lt.warn(lt.pos(), "paragraph set ragged right: no justified line breaks within tolerance: "+abbrev(ps))
			lines = nil
		}
	}
	if lines == nil {
		lines = BreakGreedy(items, width)
	}
	lt.par++
	out = make([]*setLine, 0, len(lines))
	var wc wordCounter
	for i, ln := range lines {
		sl := lt.lineOf(items, data, ln, spec, width(i), justify, i == len(lines)-1)
		sl.info.Word = wc.upTo(items, data, ln.Start)
		if i == 0 {
			sl.dx = -spec.hang
		}
		lt.numbered(sl)
		sl.info.ParLine = i
		sl.info.ParLen = len(lines)
		if i == 0 && len(spec.prefix) > 0 {
			x := -spec.prefixGap
			for j := len(spec.prefix) - 1; j >= 0; j-- {
				p := spec.prefix[j]
				t := lt.clean(p.text, p.st.face)
				w := lt.width(t, p.st)
				x -= w
				sl.runs = append([]Run{{X: x, Y: -p.st.rise, Width: w, Face: p.st.face, Size: p.st.size, Text: t}}, sl.runs...)
			}
		}
		out = append(out, sl)
	}
	return out
}

func abbrev(ps []piece) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.text)
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

// lineOf positions the material of one line. Each box's x comes from the
// glue set by the adjustment ratio (Knuth & Plass 1981, §2, eq. for r);
// the adjustment is distributed in integer arithmetic so the last box ends
// exactly at the measure.
func (lt *layouter) lineOf(items []Item, data []boxData, ln Line, spec parSpec, lw Length, justify, last bool) *setLine {
	sl := lt.newLine()
	sl.height, sl.width = spec.leading, lw
	sl.info.Kind = spec.kind
	sl.info.Width = lw
	start, end := ln.Start, ln.End
	// Discard glue and penalties after a break (TeX's rule).
	for start < end && items[start].Kind != BoxItem {
		start++
	}
	brk := Item{Kind: PenaltyItem}
	var brkData boxData
	if end < len(items) {
		brk, brkData = items[end], data[end]
	}
	// A line's trailing glue before the break is not set either.
	stop := end
	for stop > start && items[stop-1].Kind == GlueItem && !data[stop-1].fill {
		stop--
	}
	var natural, stretch, shrink Length
	fill := false
	for k := start; k < stop; k++ {
		it := items[k]
		switch it.Kind {
		case BoxItem:
			natural += it.Width
		case GlueItem:
			natural += it.Width
			if data[k].fill {
				fill = true
			} else {
				stretch += it.Stretch
				shrink += it.Shrink
			}
		}
	}
	hyphen := brk.Kind == PenaltyItem && brk.Width > 0 && end < len(items)
	if hyphen {
		natural += brk.Width
	}
	delta := lw - natural
	var ratio float64
	if justify || delta < 0 {
		switch {
		case delta > 0 && !fill && stretch > 0:
			ratio = float64(delta) / float64(stretch)
		case delta < 0 && shrink > 0:
			ratio = float64(delta) / float64(shrink)
			if ratio < -1 {
				ratio = -1
			}
		}
	}
	if !justify && delta > 0 {
		ratio = 0
	}
	if fill && delta > 0 {
		ratio = 0
	}
	// adjust returns the extra width of the glue up to cumulative
	// stretch/shrink c: delta*c/total, clamped for shrink.
	var cum Length
	adjUpTo := func(c Length) Length {
		switch {
		case ratio > 0:
			return delta * c / stretch
		case ratio < 0:
			if ratio == -1 {
				return -c
			}
			return delta * c / shrink
		}
		return 0
	}
	x := Length(0)
	var space Length
	spaces := 0
	var runs []Run
	lb := &lt.lb
	urls := lb.urls[:0] // link target of each run
	refs := lb.refs[:0] // the run is a note reference
	srcs := lb.srcs[:0] // where the run's text comes from (boxData.src)
	defer func() { lb.urls, lb.refs, lb.srcs = urls, refs, srcs }()
	for k := start; k < stop; k++ {
		it := items[k]
		d := data[k]
		switch it.Kind {
		case BoxItem:
			if d.text == "" && d.ref == nil {
				x += it.Width // indent
				continue
			}
			// Merge with the previous run when nothing separates them.
			n := len(runs)
			if n > 0 && d.ref == nil && runs[n-1].Face == d.st.face && runs[n-1].Size == d.st.size &&
				runs[n-1].X+runs[n-1].Width == x && runs[n-1].Y == -d.st.rise && runs[n-1].Strike == d.st.strike && urls[n-1] == d.st.url && !refs[n-1] {
				if rs := &srcs[n-1]; rs.word != 0 && rs.word == d.word && rs.to == d.from {
					runs[n-1].Text = d.src[rs.from:d.to]
					rs.to = d.to
				} else {
					runs[n-1].Text += d.text
					rs.word = 0
				}
				runs[n-1].Width += it.Width
			} else {
				if runs == nil {
					runs = lt.runs(items[start:stop])
				}
				runs = append(runs, Run{X: x, Y: -d.st.rise, Width: it.Width, Face: d.st.face, Size: d.st.size, Text: d.text, Strike: d.st.strike})
				urls = append(urls[:n], d.st.url)
				refs = append(refs[:n], d.ref != nil)
				srcs = append(srcs[:n], runSrc{d.word, d.from, d.to})
				if d.ref != nil {
					n := d.ref.Note
					sl.notes = append(sl.notes, n)
					sl.anchors = append(sl.anchors, lt.refAnchor(d.ref))
					sl.links = append(sl.links, LinkRect{X: x, Y: -d.st.size - d.st.rise, W: it.Width, H: d.st.size * 12 / 10, Dest: lt.noteAnchor(n)})
				}
			}
			x += it.Width
		case GlueItem:
			if d.fill {
				continue
			}
			var a Length
			if ratio > 0 {
				before := adjUpTo(cum)
				cum += it.Stretch
				a = adjUpTo(cum) - before
			} else if ratio < 0 {
				before := adjUpTo(cum)
				cum += it.Shrink
				a = adjUpTo(cum) - before
			}
			x += it.Width + a
			space += it.Width + a
			spaces++
		}
	}
	if hyphen {
		if n := len(runs); n > 0 && !refs[n-1] {
			runs[n-1].Text += "-"
			runs[n-1].Width += brk.Width
		} else {
			st := brkData.st
			runs = append(runs, Run{X: x, Y: -st.rise, Width: brk.Width, Face: st.face, Size: st.size, Text: "-"})
			urls = append(urls[:len(runs)-1], st.url)
			refs = append(refs[:len(runs)-1], false)
			srcs = append(srcs[:len(runs)-1], runSrc{})
		}
		x += brk.Width
	}
	// Link rectangles for external URLs: one per maximal run sequence.
	for i := 0; i < len(runs); i++ {
		u := urls[i]
		if u == "" {
			continue
		}
		j := i
		for j+1 < len(runs) && urls[j+1] == u {
			j++
		}
		r0, r1 := runs[i], runs[j]
		sl.links = append(sl.links, LinkRect{X: r0.X, Y: -r0.Size, W: r1.X + r1.Width - r0.X, H: r0.Size * 13 / 10, URL: u})
		i = j
	}
	sl.runs = lt.keepRuns(runs)
	sl.info.Justified = justify && !last
	if justify && last {
		sl.info.Justified = false
	}
	sl.info.Ratio = ratio
	if spaces > 0 {
		sl.info.Space = space / Length(spaces)
	}
	sl.info.Overfull = x > lw+SP*16
	sl.info.Hyphenated = hyphen || (brk.Kind == PenaltyItem && brk.Flagged && end < len(items) && end > 0)
	sl.base = spec.leading * 77 / 100
	return sl
}

// naturalRight is the right edge of the line's last run.
func (sl *setLine) naturalRight() Length {
	r := Length(0)
	for _, run := range sl.runs {
		r = max(r, run.X+run.Width)
	}
	return r
}

// newLine returns a new setLine cut from a slab: a paper has many lines.
func (lt *layouter) newLine() *setLine {
	if len(lt.lineSlab) == cap(lt.lineSlab) {
		lt.lineSlab = make([]setLine, 0, 256)
	}
	lt.lineSlab = append(lt.lineSlab, setLine{})
	return &lt.lineSlab[len(lt.lineSlab)-1]
}

// runs returns an empty slice at the end of a slab with room for the runs
// of a line of items and its hyphen; keepRuns then takes the part used.
func (lt *layouter) runs(items []Item) []Run {
	n := 1
	for i := range items {
		if items[i].Kind == BoxItem {
			n++
		}
	}
	if cap(lt.runSlab)-len(lt.runSlab) < n {
		lt.runSlab = make([]Run, 0, max(n, 2048))
	}
	k := len(lt.runSlab)
	return lt.runSlab[k : k : k+n]
}

// keepRuns takes the runs of a line from the slab; appending to the
// result reallocates.
func (lt *layouter) keepRuns(runs []Run) []Run {
	k := len(lt.runSlab)
	if len(runs) == 0 || k == cap(lt.runSlab) || &runs[0] != &lt.runSlab[:k+1][k] {
		return runs // not from the slab
	}
	lt.runSlab = lt.runSlab[:len(lt.runSlab)+len(runs)]
	return runs[:len(runs):len(runs)]
}

// hyphenate asks hy about word, remembering the answer in lt: hy
// remembers it too, for all goroutines, but a map of one's own costs less
// to ask than hy's concurrent one.
func (lt *layouter) hyphenate(hy *hyph.Hyphenator, word string) []int {
	key := hyphKey{hy, word}
	if offs, ok := lt.hyphMemo[key]; ok {
		return offs
	}
	if lt.hyphMemo == nil {
		lt.hyphMemo = map[hyphKey][]int{}
	}
	offs := hy.Hyphenate(word)
	lt.hyphMemo[key] = offs
	return offs
}

type hyphKey struct {
	h    *hyph.Hyphenator
	word string
}

// lineBuf holds the per-run buffers of lineOf, kept from line to line.
type lineBuf struct {
	urls []string
	refs []bool
	srcs []runSrc
}

// runSrc tells that a run's text is boxData.src[from:to] of word number
// word (0: it is not).
type runSrc struct {
	word     int32
	from, to int32
}
