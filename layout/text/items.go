package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/redtide/edition/internal/hyph"
	"github.com/redtide/edition/layout/linebreak"
)

// This file turns a paragraph's pieces into the items of package
// linebreak: words and their breakpoints become boxes and penalties,
// spaces become glue.

// Word is one unbreakable-by-space run of pieces.
type Word struct{ Pieces []Piece }

// WordBuf holds what splitWords fills, kept from paragraph to paragraph so
// that setting a paragraph allocates little.
type WordBuf struct {
	pieces []Piece // the pieces of every word, one after another
	ends   []int   // end of each word in pieces; -1 for a hard break
	words  []Word
	spaces []Style
}

// breakSpace tells a space at which a line may break: any Unicode space
// but the no-break ones, which are part of the word they join: U+00A0,
// the narrow U+202F that French puts before ; : ! ? and inside « » (a
// line never starts with the mark), and the figure space U+2007.
func breakSpace(r rune) bool {
	return unicode.IsSpace(r) && r != '\u00a0' && r != '\u202f' && r != '\u2007'
}

// indexBreakSpace returns the offset and length of the first breakSpace
// in s, or -1: a loop over bytes, which most text is, rather than runes.
func indexBreakSpace(s string) (int, int) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !spaceOrHigh[c] {
			continue
		}
		if c < utf8.RuneSelf {
			return i, 1
		}
		if r, n := utf8.DecodeRuneInString(s[i:]); breakSpace(r) {
			return i, n
		} else {
			i += n - 1
		}
	}
	return -1, 0
}

// spaceOrHigh tells the bytes indexBreakSpace stops at: the ASCII
// spaces (' ', '\t' to '\r') and the bytes of non-ASCII runes.
var spaceOrHigh = func() (t [256]bool) {
	for c := range t {
		t[c] = c == ' ' || '\t' <= c && c <= '\r' || c >= utf8.RuneSelf
	}
	return t
}()

// skipBreakSpaces returns s without the breakSpaces it starts with,
// looking no further than the first rune that is none.
func skipBreakSpaces(s string) string {
	for s != "" {
		c := s[0]
		if !spaceOrHigh[c] {
			break
		}
		if c < utf8.RuneSelf {
			s = s[1:]
			continue
		}
		r, n := utf8.DecodeRuneInString(s)
		if !breakSpace(r) {
			break
		}
		s = s[n:]
	}
	return s
}

// SplitWords cuts pieces at spaces. A nil word stands for a hard break.
// The words and spaces live in wb until its next use.
func SplitWords(ps []Piece, wb *WordBuf) (words []Word, spaces []Style) {
	wb.pieces, wb.ends, spaces = wb.pieces[:0], wb.ends[:0], wb.spaces[:0]
	start := 0 // first piece of the current word
	flush := func(sp Style) {
		if len(wb.pieces) > start {
			wb.ends = append(wb.ends, len(wb.pieces))
			spaces = append(spaces, sp)
			start = len(wb.pieces)
		}
	}
	for k := range ps {
		p := &ps[k]
		if p.Hard {
			flush(p.Style)
			wb.ends = append(wb.ends, -1)
			spaces = append(spaces, p.Style)
			continue
		}
		if p.Ref != nil || p.Math != nil {
			wb.pieces = append(wb.pieces, *p)
			continue
		}
		s := p.Text
		for s != "" {
			i, n := indexBreakSpace(s)
			if i < 0 {
				wb.pieces = append(wb.pieces, Piece{Text: s, Style: p.Style})
				break
			}
			if i > 0 {
				wb.pieces = append(wb.pieces, Piece{Text: s[:i], Style: p.Style})
			}
			flush(p.Style)
			s = skipBreakSpaces(s[i+n:])
		}
	}
	flush(Style{})
	words = wb.words[:0]
	prev := 0
	for _, e := range wb.ends {
		if e < 0 {
			words = append(words, Word{})
			continue
		}
		words = append(words, Word{wb.pieces[prev:e:e]})
		prev = e
	}
	wb.words, wb.spaces = words, spaces
	return words, spaces
}

// Break kinds inside a word, in increasing priority.
const (
	bpNone     = iota
	bpChar     // emergency break between any two characters
	bpURL      // at the punctuation of a literal (literalBreaks)
	bpHyph     // discretionary hyphen from the patterns
	bpHyphCap  // the same in a capitalised word
	bpExplicit // after an explicit hyphen, dash or slash
)

// Penalties of the breaks that BreakConfig does not set: inside a literal,
// and the emergency breaks between any two characters of a word wider
// than the measure.
const (
	urlPenalty  = 100
	charPenalty = 3000
)

// itemBuf holds the items of the paragraph being set and the buffers that
// building and breaking them needs, kept from paragraph to paragraph.
type itemBuf struct {
	items  []linebreak.Item
	data   []boxData
	parts  []wordPart // the paragraph's words (splitWords)
	words  []wordAt
	pieces []Piece // the pieces of the words set by addWord (wordOf)
	bp     []uint8
	spans  []span
	word   int32 // serial number of the last word added
	space  spaceGlue
	hyphen hyphenWidth // of the last hyphen added
	br     linebreak.Breaker
}

func (ib *itemBuf) add(it linebreak.Item, d boxData) {
	ib.items = append(ib.items, it)
	ib.data = append(ib.data, d)
}

// endLine adds a hard line break, TeX's \hfil\break.
func (ib *itemBuf) endLine() {
	ib.items = linebreak.EndLine(ib.items)
	ib.data = append(ib.data, boxData{}, boxData{fill: true}, boxData{})
}

// finish ends the paragraph with \parfillskip (linebreak.FinishParagraph).
func (ib *itemBuf) finish() {
	ib.items = linebreak.FinishParagraph(ib.items)
	ib.data = append(ib.data[:len(ib.items)-3], boxData{}, boxData{fill: true}, boxData{})
}

// kp converts a Length to the line breaker's unit, which is the same
// scaled point.
func kp(l Length) linebreak.Length { return linebreak.Length(l) }

// span is the extent of one piece of a word in the word's text; p is
// the piece, whose text is the word's text[start:end] (joinWord).
type span struct {
	start, end int
	p          *Piece
}

// buildItems converts pieces to Knuth–Plass items (Knuth & Plass 1981,
// "Breaking paragraphs into lines", §3: boxes, glue and penalties). The
// items live in lt.ib until the next paragraph.
func (lt *Setter) buildItems(ps []Piece, spec Spec) ([]linebreak.Item, []boxData) {
	ib := &lt.ib
	ib.items, ib.data, ib.word = ib.items[:0], ib.data[:0], 0
	if spec.Indent > 0 {
		ib.add(linebreak.Box(kp(spec.Indent)), boxData{})
	}
	var hy *hyph.Hyphenator
	if spec.Hyphenate {
		hy = lt.hyphenator(spec.Lang)
	}
	ib.splitWords(ps)
	ib.pieces = ib.pieces[:0]
	// Emergency breaks: no segment may be wider than the measure.
	limit := spec.Width - spec.Indent - 2*Pt
	words := ib.words
	for wi, w := range words {
		if w.hard() {
			ib.endLine()
			continue
		}
		last := wi == len(words)-1 || (wi+1 < len(words) && words[wi+1].hard() && wi+1 == len(words)-1)
		parts := ib.parts[w.from:w.to]
		if p := parts[0].p; len(parts) == 1 && p.Ref == nil && p.Math == nil {
			lt.addPlain(parts[0].text, &p.Style, limit, spec.Hyphenate && !last, hy) // most words
		} else if word := ib.wordOf(parts); hasMath(word) {
			lt.addMathWord(word)
		} else {
			lt.addWord(word, limit, spec.Hyphenate && !last, hy)
		}
		if wi+1 < len(words) && !words[wi+1].hard() {
			lt.addSpace(w.space, &parts[len(parts)-1].p.Style)
		}
	}
	ib.finish()
	return ib.items, ib.data
}

// wordPart is a part of a word: text, the part of piece p's text between
// two spaces, or the whole text of a note reference or formula.
type wordPart struct {
	text string
	p    *Piece
}

// wordAt is a word of a paragraph, its parts itemBuf.parts[from:to]
// (from < 0: a hard break), and the style of the space after it (nil for
// none, or the space of a hard break).
type wordAt struct {
	from, to int32
	space    *Style
}

func (w wordAt) hard() bool { return w.from < 0 }

// splitWords cuts pieces at spaces into ib.words as SplitWords does, but
// keeps each word as parts of the pieces rather than copies of them: most
// words are one part of a piece of text, whose shape the setter knows.
func (ib *itemBuf) splitWords(ps []Piece) {
	parts, words := ib.parts[:0], ib.words[:0]
	start := 0 // first part of the current word
	for k := range ps {
		p := &ps[k]
		if p.Hard {
			if len(parts) > start {
				words = append(words, wordAt{int32(start), int32(len(parts)), nil})
				start = len(parts)
			}
			words = append(words, wordAt{from: -1, to: -1})
			continue
		}
		if p.Ref != nil || p.Math != nil {
			parts = append(parts, wordPart{p.Text, p})
			continue
		}
		s := p.Text
		from := 0 // start of the part after the last space
		for i := 0; i < len(s); {
			for i < len(s) && !spaceOrHigh[s[i]] {
				i++ // most bytes: a tight loop
			}
			if i == len(s) {
				break
			}
			c := s[i]
			n := 1
			if c >= utf8.RuneSelf {
				var r rune
				if r, n = utf8.DecodeRuneInString(s[i:]); !breakSpace(r) {
					i += n
					continue
				}
			}
			// A break space ends the part, and the word if it has any.
			// The spaces after it begin nothing.
			if i > from {
				parts = append(parts, wordPart{s[from:i], p})
			}
			if len(parts) > start {
				words = append(words, wordAt{int32(start), int32(len(parts)), &p.Style})
				start = len(parts)
			}
			i += n
			from = i
		}
		if from < len(s) {
			parts = append(parts, wordPart{s[from:], p})
		}
	}
	if len(parts) > start {
		words = append(words, wordAt{int32(start), int32(len(parts)), nil})
	}
	ib.parts, ib.words = parts, words
}

// wordOf returns the word of parts as pieces, which live in ib.pieces
// until the next paragraph: the items point at their styles, so a full
// slab is left to them and a new one begun.
func (ib *itemBuf) wordOf(parts []wordPart) Word {
	k := ib.room(len(parts))
	for _, wp := range parts {
		p := wp.p
		ib.pieces = append(ib.pieces, Piece{Text: wp.text, Style: p.Style, Ref: p.Ref, Math: p.Math})
	}
	return Word{ib.pieces[k:len(ib.pieces):len(ib.pieces)]}
}

// room makes room for n more pieces in ib.pieces without moving those it
// holds, and returns where they go.
func (ib *itemBuf) room(n int) int {
	if cap(ib.pieces)-len(ib.pieces) < n {
		ib.pieces = make([]Piece, 0, max(2*cap(ib.pieces), n, 16))
	}
	return len(ib.pieces)
}

// addSpace adds the interword glue after a word, in the style of the space
// sp (that of the word's last piece, last, if sp is nil or has no size):
// TeX's proportions, stretch 1/2 and shrink 1/3 of the space (cmr10's
// 3.33pt plus 1.67pt minus 1.11pt), and never monospaced. Only the face
// and size of sp count.
func (lt *Setter) addSpace(sp, last *Style) {
	if sp == nil || sp.Size == 0 {
		sp = last
	}
	face := sp.Face
	if face.Kind == MonoFace {
		face = Face{Kind: TextFace}
	}
	ib := &lt.ib
	if c := &ib.space; !c.ok || c.face != face || c.size != sp.Size {
		space := Length(lt.spaceEms(face)) * sp.Size / 1000
		*c = spaceGlue{linebreak.Glue(kp(space), kp(space/2), kp(space/3)), face, sp.Size, true}
	}
	ib.add(ib.space.glue, boxData{})
}

// spaceGlue is the interword glue of the last face and size addSpace
// met: most spaces of a paragraph are the same.
type spaceGlue struct {
	glue linebreak.Item
	face Face
	size Length
	ok   bool
}

// spaceEms is lt.Ems(" ", f), from f's ASCII widths when it has them.
func (lt *Setter) spaceEms(f Face) int {
	if a := lt.asciiOf(f); a != nil {
		return int(a.width[' '])
	}
	return lt.Ems(" ", f)
}

// runeWidth is lt.width(string(r), st) without making the string.
func (lt *Setter) runeWidth(r rune, st Style) Length {
	font := st.Face.Font(lt.fs)
	if fb := lt.fallback(st.Face); fb != nil && !font.Has(r) && fb.Has(r) {
		return Length(fb.Width(r)) * st.Size / 1000
	}
	return Length(font.Width(r)) * st.Size / 1000
}

// wordText is a word's text and where each of its pieces lies in it.
type wordText struct {
	full    string
	spans   []span
	hasRef  bool // some piece is a note reference
	passage bool // some piece is in a passage's language
	urlish  bool // the word is a URL or an e-mail address
	mono    bool // some piece is set as code
	bytes   byteClass
}

// byteClass tells which of the bytes that matter to breaking a word's
// text holds: most words hold none, and their breaks need no search.
type byteClass uint8

const (
	cHigh   byteClass = 1 << iota // part of a non-ASCII rune
	cHyphen                       // '-'
	cSlash                        // '/'
	cDot                          // '.'
	cIdent                        // '_' or '\\'
	cAt                           // '@'
	cColon                        // ':'
	cSpace                        // ' ', a no-break space in the model
)

// byteClasses is the class of each byte.
var byteClasses = func() (t [256]byteClass) {
	for c := 0x80; c < 0x100; c++ {
		t[c] = cHigh
	}
	t['-'], t['/'], t['.'], t['_'], t['\\'], t['@'], t[':'], t[' '] = cHyphen, cSlash, cDot, cIdent, cIdent, cAt, cColon, cSpace
	return t
}()

// classOf is the union of the classes of the bytes of s.
func classOf(s string) byteClass {
	var c byteClass
	for i := 0; i < len(s); i++ {
		c |= byteClasses[s[i]]
	}
	return c
}

// addWord adds the boxes and in-word penalties of one word: it finds the
// breakpoints inside the word (explicit hyphens and dashes, the
// punctuation of a literal, hyphenation, emergency breaks) and emits the
// pieces between them as boxes, none wider than limit unless it is one
// character. A word of plain text is set from its shape when the setter
// has met it before (shapes.go).
func (lt *Setter) addWord(w Word, limit Length, hyphenate bool, hy *hyph.Hyphenator) {
	lt.ib.word++
	if !hyphenate {
		hy = nil
	}
	face, cached := lt.shapeKey(w)
	if cached {
		p := &w.Pieces[0]
		if r, ok := lt.shapes.get(hy, face, p.Text); ok && Length(r.ems)*p.Style.Size/1000 <= limit {
			lt.emitShape(p.Text, &p.Style, r)
			return
		}
	}
	lt.setWord(w, hyphenate, hy, limit, face, cached)
}

// addPlain is addWord for a word of one part, text, of a piece of text in
// style st (no note reference, no formula), which it makes a Word of only
// when the setter does not know the word's shape.
func (lt *Setter) addPlain(text string, st *Style, limit Length, hyphenate bool, hy *hyph.Hyphenator) {
	lt.ib.word++
	if !hyphenate {
		hy = nil
	}
	face, cached := shapeKeyOf(st)
	if cached {
		if r, ok := lt.shapes.get(hy, face, text); ok && Length(r.ems)*st.Size/1000 <= limit {
			lt.emitShape(text, st, r)
			return
		}
	}
	ib := &lt.ib
	k := ib.room(1)
	ib.pieces = append(ib.pieces, Piece{Text: text, Style: *st})
	lt.setWord(Word{ib.pieces[k : k+1 : k+1]}, hyphenate, hy, limit, face, cached)
}

// setWord is addWord for a word whose shape the setter does not know:
// face and cached are shapeKey's.
func (lt *Setter) setWord(w Word, hyphenate bool, hy *hyph.Hyphenator, limit Length, face int, cached bool) {
	wt := lt.joinWord(w)
	start, end := wt.wordCore(0, len(wt.full))
	literal := wt.literal(wt.full[start:end])
	bp := lt.explicitBreaks(&wt, literal)
	if literal {
		literalBreaks(wt.full, start, end, bp)
	} else if hyphenate && (hy != nil || wt.passage) {
		lt.hyphenateWords(&wt, bp, hy)
	}
	a, total := lt.plainWidth(&wt)
	var bound Length
	if a != nil {
		bound = Length(total) * wt.spans[0].p.Style.Size / 1000
	} else {
		bound = lt.widthBound(wt.full, wt.spans)
	}
	if bound > limit {
		lt.emergencyBreaks(w, wt.full, wt.spans, bp, limit, wt.inRef)
	}
	if a != nil {
		r := lt.shapes.add(wt.full, bp, a)
		lt.emitShape(wt.full, &wt.spans[0].p.Style, r)
		if cached && bound <= limit {
			lt.shapes.keep(hy, face, wt.full, r)
		} else {
			lt.shapes.drop(r)
		}
		return
	}
	for _, s := range wt.spans {
		lt.emitSpan(wt.full, s, bp, wt.bytes&cHigh != 0)
	}
}

// shapeKey tells whether word w may be set from a shape the setter keeps,
// and the number of its face: one piece of text, neither a link (whose
// address breaks as a literal) nor in a passage (hyphenated by the
// passage's patterns). Whether it is plain text is for plainWidth to
// tell: only plain words' shapes are kept.
func (lt *Setter) shapeKey(w Word) (face int, ok bool) {
	if len(w.Pieces) != 1 || w.Pieces[0].Ref != nil {
		return 0, false
	}
	return shapeKeyOf(&w.Pieces[0].Style)
}

// shapeKeyOf is shapeKey for a word of one piece of text in style st.
func shapeKeyOf(st *Style) (face int, ok bool) {
	if st.URL != "" || st.Lang != "" {
		return 0, false
	}
	return faceIndex(st.Face)
}

// plainWidth returns the ASCII widths of the face of a word of plain
// text and the word's width in 1/1000 em: a word of one piece, ASCII,
// every rune of which Clean keeps, and no longer than maxShapeLen (most
// words). For any other word a is nil.
func (lt *Setter) plainWidth(wt *wordText) (a *asciiFace, total int) {
	if len(wt.spans) != 1 || wt.bytes&cHigh != 0 || wt.spans[0].p.Ref != nil || len(wt.full) > maxShapeLen {
		return nil, 0
	}
	a = lt.asciiOf(wt.spans[0].p.Style.Face)
	if a == nil {
		return nil, 0
	}
	full := wt.full
	for i := 0; i < len(full); i++ {
		c := full[i]
		if a.kept[c>>6]&(1<<(c&63)) == 0 {
			return nil, 0
		}
		total += int(a.width[c])
	}
	return a, total
}

// emitShape is emitSpan for a word of plain text in style st, of shape
// r: no soft hyphen to drop, nothing to clean, and the widths known.
func (lt *Setter) emitShape(full string, st *Style, r shapeRef) {
	ib := &lt.ib
	if r.segs < 0 {
		w := Length(r.ems) * st.Size / 1000
		ib.add(linebreak.Box(kp(w)), boxData{st: st, src: full, word: ib.word, to: int32(len(full)), ascii: true})
		return
	}
	from := int32(0)
	for _, s := range lt.shapes.segs[r.segs:] {
		w := Length(s.ems) * st.Size / 1000
		to := int32(s.to)
		ib.add(linebreak.Box(kp(w)), boxData{st: st, src: full, word: ib.word, from: from, to: to, ascii: true})
		if s.kind == bpNone {
			return
		}
		lt.addBreak(s.kind, st)
		from = to
	}
}

// joinWord joins a word's text and remembers each piece's extent. Most
// words are one piece of text: their text is the piece's. No-break spaces
// become spaces.
func (lt *Setter) joinWord(w Word) wordText {
	ib := &lt.ib
	spans := ib.spans[:0]
	var wt wordText
	if len(w.Pieces) == 1 && w.Pieces[0].Ref == nil {
		wt.full = w.Pieces[0].Text
		wt.bytes = classOf(wt.full)
	}
	if wt.full != "" && (wt.bytes&cHigh == 0 || !strings.Contains(wt.full, "\u00a0")) {
		spans = append(spans, span{0, len(wt.full), &w.Pieces[0]})
	} else {
		var text strings.Builder
		for k := range w.Pieces {
			p := &w.Pieces[k]
			t := p.Text
			if p.Ref == nil {
				t = strings.ReplaceAll(t, "\u00a0", " ")
			} else {
				wt.hasRef = true
			}
			start := text.Len()
			text.WriteString(t)
			spans = append(spans, span{start, text.Len(), p})
		}
		wt.full = text.String()
		wt.bytes = classOf(wt.full)
	}
	ib.spans, wt.spans = spans, spans
	for _, s := range spans {
		wt.passage = wt.passage || s.p.Style.Lang != ""
		wt.mono = wt.mono || s.p.Style.Face.Kind == MonoFace
	}
	full, c := wt.full, wt.bytes
	wt.urlish = c&(cColon|cSlash) == cColon|cSlash && strings.Contains(full, "://") ||
		c&cDot != 0 && strings.HasPrefix(full, "www.") || c&cAt != 0 ||
		c&cSlash != 0 && len(w.Pieces) > 0 && w.Pieces[0].Style.URL != ""
	return wt
}

// inRef reports whether byte off of the word's text is in a note
// reference, where no break may fall.
func (wt *wordText) inRef(off int) bool {
	if !wt.hasRef {
		return false
	}
	for _, s := range wt.spans {
		if s.p.Ref != nil && off >= s.start && off < s.end {
			return true
		}
	}
	return false
}

// explicitBreaks returns the break kind at each byte offset of the word's
// text, with the breaks its characters allow: soft hyphens
// (discretionaries the author placed), and, unless the word is a literal
// (which breaks at its punctuation only, literalBreaks), after an
// explicit hyphen between letters, a dash or a slash. The slice lives in
// lt.ib until the next word.
func (lt *Setter) explicitBreaks(wt *wordText, literal bool) []uint8 {
	full := wt.full
	ib := &lt.ib
	if cap(ib.bp) < len(full)+1 {
		ib.bp = make([]uint8, len(full)+1, 2*len(full)+1)
	}
	bp := ib.bp[:len(full)+1]
	clear(bp)
	if wt.bytes&(cHigh|cHyphen|cSlash) == 0 {
		return bp // no soft hyphen, hyphen, dash or slash
	}
	prev := rune(0)
	for i, n := 0, 0; i < len(full); i += n {
		var r rune
		r, n = utf8.DecodeRuneInString(full[i:]) // n is 1 for an invalid byte
		next, _ := utf8.DecodeRuneInString(full[i+n:])
		switch {
		case r == '\u00ad':
			bp[i] = bpHyph
		case literal:
		case (r == '-' || r == '\u2010') && unicode.IsLetter(prev) && unicode.IsLetter(next):
			bp[i+n] = bpExplicit
		case r == '\u2013' && unicode.IsDigit(prev) && unicode.IsDigit(next):
			// a range of numbers ("221–238", "1914–18") stays whole
			// (the en dash that means "to" between numbers, Chicago 6.78)
		case (r == '\u2014' || r == '\u2013') && i+n < len(full) && i > 0:
			bp[i+n] = bpExplicit
		case r == '/' && i > 0 && i+n < len(full) && next != '/':
			bp[i+n] = bpExplicit
		}
		prev = r
	}
	return bp
}

// widthBound is at least the width emergencyBreaks gives the word's text
// (the sum of its runes' widths, each rounded down): the width of each
// span's text, rounded once. A word no wider than the measure needs no
// emergency breaks, and most words are.
func (lt *Setter) widthBound(full string, spans []span) Length {
	bound := Length(0)
	for _, s := range spans {
		bound += lt.Width(full[s.start:s.end], s.p.Style)
	}
	return bound
}

// emitSpan adds the boxes of one piece of a word, cut at its breakpoints
// bp, with the penalty of each break kind between them, and without the
// soft hyphens (soft: the word may hold some). A note reference is one
// box.
func (lt *Setter) emitSpan(full string, s span, bp []uint8, soft bool) {
	ib := &lt.ib
	if s.p.Ref != nil {
		t := full[s.start:s.end] // the reference's text
		d := textBox(t, &s.p.Style)
		d.ref = s.p.Ref
		ib.add(linebreak.Box(kp(lt.Width(t, s.p.Style))), d)
		return
	}
	from := s.start
	emit := func(to int) {
		if to > from {
			t := full[from:to]
			if soft {
				t = strings.ReplaceAll(t, "\u00ad", "")
			}
			t = lt.Clean(t, s.p.Style.Face)
			d := textBox(t, &s.p.Style)
			if t == full[from:to] {
				d.src, d.word, d.from, d.to = full, ib.word, int32(from), int32(to)
			}
			ib.add(linebreak.Box(kp(lt.Width(t, s.p.Style))), d)
		}
		from = to
	}
	for i := s.start + 1; i <= s.end; i++ {
		if i == len(full) || bp[i] == bpNone {
			continue
		}
		emit(i)
		lt.addBreak(bp[i], &s.p.Style)
	}
	emit(s.end)
}

// addBreak adds the penalty of an in-word break of kind k in style st: a
// discretionary hyphen is flagged and as wide as the hyphen it adds
// (TeX's \hyphenpenalty, or a higher one in a capitalised word); an
// explicit hyphen, dash or slash is flagged and adds nothing (TeX's
// \exhyphenpenalty); URL and emergency breaks are not flagged.
func (lt *Setter) addBreak(k uint8, st *Style) {
	ib := &lt.ib
	switch k {
	case bpHyph:
		ib.add(linebreak.Penalty(lt.hyphenWidth(st), lt.cfg.Break.HyphenPenalty, true), boxData{st: st})
	case bpHyphCap:
		ib.add(linebreak.Penalty(lt.hyphenWidth(st), lt.cfg.Break.UppercaseHyphenPenalty, true), boxData{st: st})
	case bpExplicit:
		ib.add(linebreak.Penalty(0, lt.cfg.Break.ExHyphenPenalty, true), boxData{st: st})
	case bpURL:
		ib.add(linebreak.Penalty(0, urlPenalty, false), boxData{st: st})
	case bpChar:
		ib.add(linebreak.Penalty(0, charPenalty, false), boxData{st: st})
	}
}

// hyphenWidth is the width of a hyphen in style st, kept for the last
// face and size asked about: most hyphens of a paragraph are in one.
func (lt *Setter) hyphenWidth(st *Style) linebreak.Length {
	if c := &lt.ib.hyphen; !c.ok || c.face != st.Face || c.size != st.Size {
		*c = hyphenWidth{kp(lt.Width("-", *st)), st.Face, st.Size, true}
	}
	return lt.ib.hyphen.width
}

// hyphenWidth is the width of a hyphen in a face and size.
type hyphenWidth struct {
	width linebreak.Length
	face  Face
	size  Length
	ok    bool
}

// emergencyBreaks allows breaks between any two characters of the parts
// of a word wider than limit between its other breakpoints.
func (lt *Setter) emergencyBreaks(w Word, full string, spans []span, bp []uint8, limit Length, inRef func(int) bool) {
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
		st := w.Pieces[0].Style
		for k := si; k < len(spans) && spans[k].start <= i; k++ {
			if i < spans[k].end {
				st = spans[k].p.Style
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
