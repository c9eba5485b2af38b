package text

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/redtide/edition/internal/hyph"
)

// This file decides which tokens the patterns may hyphenate. A typesetter
// hyphenates words, never a token that is something else: TeX tries only
// a run of letters, with nothing after it but punctuation, and leaves a
// word with a hyphen of its own to break there (The TeXbook, appendix H,
// "Hyphenation"). So "(default.html)", "76/24", "f_regression()" and
// "NearlyFreeSpeech" get no inserted hyphen; they break only at their own
// punctuation.

// wrapPunct tells punctuation that may stand around a word without making
// it something other than a word: quotes, brackets, and the stops and
// commas after it ("(revolution," “bureaucracy”). Slashes, underscores,
// hyphens, dashes and the symbols of addresses are not: a token that
// begins or ends with one is not a word.
func wrapPunct(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWrap[r]
	}
	return unicode.In(r, unicode.Ps, unicode.Pe, unicode.Pi, unicode.Pf, unicode.Po)
}

// asciiWrap is wrapPunct for ASCII.
var asciiWrap = [utf8.RuneSelf]bool{
	'!': true, '"': true, '\'': true, '(': true, ')': true, ',': true, '.': true,
	':': true, ';': true, '?': true, '[': true, ']': true, '{': true, '}': true,
}

// wordCore returns the extent of the word in full[from:to] without the
// punctuation and note references around it.
func (wt *wordText) wordCore(from, to int) (start, end int) {
	full := wt.full
	start, end = from, to
	for start < end {
		r, n := rune(full[start]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(full[start:end])
		}
		if !wrapPunct(r) && !wt.inRef(start) {
			break
		}
		start += n
	}
	for end > start {
		r, n := rune(full[end-1]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeLastRuneInString(full[start:end])
		}
		if !wrapPunct(r) && !wt.inRef(end-n) {
			break
		}
		end -= n
	}
	return start, end
}

// isApostrophe tells the apostrophes that may stand inside a word, for an
// elision (d’utilisation, l’Internationale) or a possessive.
func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// wordClass tells how the patterns may break a word stripped of the
// punctuation around it: bpHyph for a word, bpHyphCap for a capitalised
// one (a name: its hyphens cost more), bpNone for what is not a word to
// hyphenate: anything but letters, combining marks and apostrophes
// inside (digits, slashes, hyphens of a compound, soft hyphens the author
// placed, brackets), camelCase (an identifier or a brand: a capital right
// after a small letter), all capitals (an acronym; the letters after an
// apostrophe, "NATO’s", do not count), and words shorter than
// hyph.MinLetters letters.
func wordClass(core string) uint8 {
	c := letterCount{first: true}
	// Most words are ASCII: a loop over bytes, until a rune that is not.
	for i := 0; i < len(core); i++ {
		var up bool
		switch b := core[i]; {
		case 'a' <= b && b <= 'z':
		case 'A' <= b && b <= 'Z':
			up = true
		case b == '\'':
			c.apostrophe()
			continue
		case b < utf8.RuneSelf:
			return bpNone
		default:
			return wordClassRunes(core)
		}
		if !c.letter(up) {
			return bpNone
		}
	}
	return c.class()
}

// wordClassRunes is wordClass for a word that is not all ASCII.
func wordClassRunes(core string) uint8 {
	c := letterCount{first: true}
	for _, r := range core {
		var up bool
		switch {
		case 'a' <= r && r <= 'z':
		case 'A' <= r && r <= 'Z':
			up = true
		case isApostrophe(r):
			c.apostrophe()
			continue
		case r < utf8.RuneSelf:
			return bpNone
		case unicode.IsLetter(r):
			up = unicode.IsUpper(r) || unicode.IsTitle(r)
		case unicode.In(r, unicode.Mn, unicode.Mc):
			continue // belongs to the letter before
		default:
			return bpNone
		}
		if !c.letter(up) {
			return bpNone
		}
	}
	return c.class()
}

// letterCount counts the letters of a word for wordClass.
type letterCount struct {
	letters, caps, upper          int // letters; before an apostrophe, and capitals of those
	capital, lower, elided, first bool
}

// apostrophe counts an apostrophe: the letters after it are an elision's
// or a possessive's.
func (c *letterCount) apostrophe() { c.elided, c.lower, c.first = true, false, true }

// letter counts a letter, a capital if up; false for camelCase (a
// capital right after a small letter).
func (c *letterCount) letter(up bool) bool {
	if up && c.lower {
		return false
	}
	c.letters++
	c.capital = c.capital || (up && c.first)
	if !c.elided {
		c.caps++
		if up {
			c.upper++
		}
	}
	c.lower, c.first = !up, false
	return true
}

// class is the word's class once all its letters are counted.
func (c *letterCount) class() uint8 {
	switch {
	case c.letters < hyph.MinLetters, c.caps > 1 && c.upper == c.caps:
		return bpNone
	case c.capital:
		return bpHyphCap
	}
	return bpHyph
}

// literal tells a token that is not words but a literal string, which
// breaks only before its punctuation (literalBreaks): an address, a file
// or domain name ("default.html", "readthedocs.org"), an identifier
// ("f_regression", "java.lang.Object") or anything set as code. core is
// the token without the punctuation around it.
func (wt *wordText) literal(core string) bool {
	if wt.urlish || wt.mono || wt.bytes&cIdent != 0 && strings.ContainsAny(core, "_\\") {
		return true
	}
	if wt.bytes&cDot == 0 {
		return false
	}
	for i := strings.IndexByte(core, '.'); i >= 0; {
		if i > 0 && dottedName(core[:i], core[i+1:]) {
			return true
		}
		j := strings.IndexByte(core[i+1:], '.')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// dottedName tells a dot between before and after that joins the parts of
// a name ("default.html", "lista-1.py", "java.lang") rather than ends an
// abbreviation ("e.g.", "Ph.D.", "U.S.") or is a decimal point ("3.14"):
// a letter or digit before it, a letter after it, and at least two
// characters on each side up to the next dot.
func dottedName(before, after string) bool {
	if k := strings.LastIndexByte(before, '.'); k >= 0 {
		before = before[k+1:]
	}
	if k := strings.IndexByte(after, '.'); k >= 0 {
		after = after[:k]
	}
	if utf8.RuneCountInString(before) < 2 || utf8.RuneCountInString(after) < 2 {
		return false
	}
	b, _ := utf8.DecodeLastRuneInString(before)
	a, _ := utf8.DecodeRuneInString(after)
	return (unicode.IsLetter(b) || unicode.IsDigit(b)) && unicode.IsLetter(a)
}

// literalSep are the characters a literal breaks at, by The Chicago
// Manual of Style (17th ed., 14.18, on URLs): after a colon or a double
// slash; before a single slash, a tilde, a period, a comma, a hyphen, an
// underline, a question mark, a number sign or a percent sign; before or
// after an equals sign or an ampersand. No hyphen is added, and none of
// the literal's own ends a line, where it would read as one added.
const literalSep = ".,-_~?#%/=&:\\"

// literalBreaks marks in bp the breaks of a literal in full[start:end].
func literalBreaks(full string, start, end int, bp []uint8) {
	mark := func(i int) {
		if i > start && i < end && bp[i] == bpNone {
			bp[i] = bpURL
		}
	}
	prev := rune(0)
	for i := start; i < end; {
		r, n := utf8.DecodeRuneInString(full[i:end])
		next, _ := utf8.DecodeRuneInString(full[i+n : end])
		sepNext := next == utf8.RuneError || strings.ContainsRune(literalSep, next)
		switch {
		case r == '/' && prev == '/', r == ':' && next != ':':
			if prev != ':' || r == '/' {
				mark(i + n)
			}
		case r == '=' || r == '&':
			if !strings.ContainsRune(literalSep, prev) {
				mark(i)
			}
			if !sepNext {
				mark(i + n)
			}
		case strings.ContainsRune(literalSep, r) && r != ':':
			if prev != 0 && !strings.ContainsRune(literalSep, prev) && !sepNext {
				mark(i)
			}
		}
		prev = r
		i += n
	}
}

// hyphenateWords hyphenates by the patterns the words of a token that is
// not a literal: the words the em dashes and no-break spaces in it join
// (an em dash joins words rather than making a compound), each when it is
// a word (wordClass). A compound ("sixteenth-century", "Marx–Engels",
// "and/or") breaks only at its own hyphen, dash or slash: "sixteenth-cen-
// tury" is wrong. LaTeX does the same with a word that holds \- (Lamport,
// "LaTeX", 2nd ed., §6.2.2).
func (lt *Setter) hyphenateWords(wt *wordText, bp []uint8, hy *hyph.Hyphenator) {
	full := wt.full
	if wt.bytes&(cHigh|cSpace) == 0 {
		lt.hyphenateWord(wt, 0, len(full), bp, hy)
		return
	}
	for from := 0; from < len(full); {
		to, n := joinerIndex(full[from:])
		if to < 0 {
			to, n = len(full)-from, 0
		}
		lt.hyphenateWord(wt, from, from+to, bp, hy)
		from += to + n
	}
}

// joinerIndex returns the offset and length of the first em dash or
// space (a no-break one: others end the word) in s, or -1.
func joinerIndex(s string) (int, int) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ':
			return i, 1
		case c == 0xe2 && i+2 < len(s) && s[i+1] == 0x80:
			if c3 := s[i+2]; c3 == 0x94 || c3 == 0xaf || c3 == 0x87 { // U+2014, U+202F, U+2007
				return i, 3
			}
		}
	}
	return -1, 0
}

// hyphenateWord marks in bp the hyphenation points of the word in
// full[from:to] (Liang 1983, through package hyph), if it is one, with
// the paragraph's patterns hy, or a passage's when the word is in one.
func (lt *Setter) hyphenateWord(wt *wordText, from, to int, bp []uint8, hy *hyph.Hyphenator) {
	start, end := wt.wordCore(from, to)
	if end-start < hyph.MinLetters {
		return
	}
	core := wt.full[start:end]
	kind := wordClass(core)
	if kind == bpNone {
		return
	}
	if wt.hasRef {
		for i := start; i < end; i++ {
			if wt.inRef(i) {
				return
			}
		}
	}
	h := hy
	if wt.passage {
		h = lt.passageHyphenator(wt.spans, start, hy)
	}
	if h != nil {
		lt.markHyphens(core, bp[start:end], kind, h)
	}
}

// markHyphens marks in bp (a slice of the word's break kinds at run's
// offset) the hyphenation points h finds in the word run where bp has
// none yet.
func (lt *Setter) markHyphens(run string, bp []uint8, kind uint8, h *hyph.Hyphenator) {
	if len(run) >= memoMax {
		for _, off := range lt.hyphens(h, run, lt.hyphBuf[:0]) {
			if bp[off] == bpNone {
				bp[off] = kind
			}
		}
		return
	}
	for m := lt.hyphenate(h, run); m != 0; m &= m - 1 {
		if off := bits.TrailingZeros64(m); bp[off] == bpNone {
			bp[off] = kind
		}
	}
}

// hyphens appends to out the offsets in word, inside it, where h finds
// a hyphen that leaves at least the edition's minimum letters before and
// after it, as well as the language's (which h keeps).
func (lt *Setter) hyphens(h *hyph.Hyphenator, word string, out []int) []int {
	first := len(out)
	out = h.AppendHyphens(out, word)
	left, right := lt.cfg.Break.LeftHyphenMin, lt.cfg.Break.RightHyphenMin
	n := -1 // runes in word, counted when needed
	keep := out[:first]
	for _, off := range out[first:] {
		if off <= 0 || off >= len(word) {
			continue
		}
		if left > 1 || right > 1 {
			if n < 0 {
				n = utf8.RuneCountInString(word)
			}
			if before := utf8.RuneCountInString(word[:off]); before < left || n-before < right {
				continue
			}
		}
		keep = append(keep, off)
	}
	return keep
}

// passageHyphenator returns the patterns for the letters at offset i of
// a word: a passage's (model.Lang) when i is inside one, never the
// paragraph's; hy, the paragraph's, otherwise. nil: not hyphenated.
func (lt *Setter) passageHyphenator(spans []span, i int, hy *hyph.Hyphenator) *hyph.Hyphenator {
	for _, s := range spans {
		if i >= s.start && i < s.end {
			if s.p.Style.Lang == "" {
				return hy
			}
			return lt.hyphenatorQuiet(s.p.Style.Lang)
		}
	}
	return hy
}

// memoMax is the length in bytes of the shortest word the memo does not
// hold: its answers are bits of a uint64, one per byte offset.
const memoMax = 64

// hyphenate returns hy's hyphens in word (lt.hyphens), a word shorter
// than memoMax bytes, as bits by byte offset, remembering the answer in
// lt, the memo of the last Hyphenator asked at hand (a paragraph asks
// one, mostly). hy's own memo is left alone: a fork of the layouter asks
// it about each word once, and filling a concurrent map costs more than
// the patterns.
func (lt *Setter) hyphenate(hy *hyph.Hyphenator, word string) uint64 {
	if hy != lt.memoOf || lt.memo == nil {
		if lt.hyphMemo == nil {
			lt.hyphMemo = map[*hyph.Hyphenator]map[string]uint64{}
		}
		lt.memo = lt.hyphMemo[hy]
		if lt.memo == nil {
			lt.memo = make(map[string]uint64, memoHint)
			lt.hyphMemo[hy] = lt.memo
		}
		lt.memoOf = hy
	}
	if m, ok := lt.memo[word]; ok {
		return m
	}
	var m uint64
	lt.hyphBuf = lt.hyphens(hy, word, lt.hyphBuf[:0])
	for _, off := range lt.hyphBuf {
		m |= 1 << off
	}
	if len(lt.memo) >= memoWords {
		clear(lt.memo)
	}
	lt.memo[word] = m
	return m
}

// memoHint is the room a new memo is made with: the distinct words
// hyphenated in a short article, so that most never grow it.
const memoHint = 512

// memoWords bounds the words a memo holds: past it, it starts afresh.
// The words set from their shapes (shapes.go) do not come to the memo;
// the corpus edition's others are some 12,000.
const memoWords = 1 << 16
