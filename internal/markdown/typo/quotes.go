// Package typo sets a text in its language's typography: typewriter
// quotes paired into the language's marks and spacing (through
// placeholder noncharacters that the Markdown conversion writes),
// dashes and ellipses.
package typo

import (
	"bytes"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/redtide/edition/internal/lang"
	"github.com/redtide/edition/internal/model"
)

// Quotes are converted in two steps. Goldmark's Typographer (and smarten,
// for text from raw HTML and front matter) writes the quotation marks it
// makes from typewriter quotes as placeholders: Unicode noncharacters,
// which Convert removes from its input, so a placeholder always stands
// for a typewriter quote of the source and never for a mark the author
// typed. localize then pairs them and writes each language's marks
// (lang.Language.Quotes) and spacing; marks the author typed are kept as
// typed.
const (
	PhLSQ = '\uFDD0' // opening single quote
	PhRSQ = '\uFDD1' // closing single quote
	PhLDQ = '\uFDD2' // opening double quote
	PhRDQ = '\uFDD3' // closing double quote
	PhApo = '\uFDD4' // apostrophe, or a single quote not yet placed
)

// IsPlaceholder reports whether r is one of the placeholders, or any
// other noncharacter of their block (which input never keeps).
func IsPlaceholder(r rune) bool { return r >= 0xFDD0 && r <= 0xFDEF }

// NoPlaceholders replaces the noncharacters U+FDD0–U+FDEF of an input
// with U+FFFD, so that none is taken for a quote.
func NoPlaceholders(s []byte) []byte {
	if !ContainsNonchar(s) {
		return s
	}
	var b strings.Builder
	for _, r := range string(s) {
		if IsPlaceholder(r) {
			r = utf8.RuneError
		}
		b.WriteRune(r)
	}
	return []byte(b.String())
}

func ContainsNonchar(s []byte) bool {
	// U+FDD0–U+FDEF encode as EF B7 90 – EF B7 AF.
	for {
		i := bytes.Index(s, []byte{0xEF, 0xB7})
		if i < 0 || i+2 >= len(s) {
			return false
		}
		if s[i+2] >= 0x90 && s[i+2] <= 0xAF {
			return true
		}
		s = s[i+2:]
	}
}

// ContainsNoncharString is containsNonchar for a string (converting it
// would copy it).
func ContainsNoncharString(s string) bool {
	for {
		i := strings.Index(s, "\xEF\xB7")
		if i < 0 || i+2 >= len(s) {
			return false
		}
		if s[i+2] >= 0x90 && s[i+2] <= 0xAF {
			return true
		}
		s = s[i+2:]
	}
}

// Unsmarten writes placeholders back as the typewriter quotes they came
// from, for text that turns out to be code (Markdown between <code> and
// </code> tags).
func Unsmarten(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case PhLDQ, PhRDQ:
			return '"'
		case PhLSQ, PhRSQ, PhApo:
			return '\''
		}
		return r
	}, s)
}

// flatRune is one rune of the text of an inline list, with the text
// node it belongs to (-1 for a stand-in for an element that is not
// text: code, math, a note reference, a line break).
type flatRune struct {
	r    rune
	node int
}

// Localize writes the quotation marks and the spacing of language l into
// one run of inline content (a paragraph, a heading, a cell, a caption).
func Localize(ins []model.Inline, l *lang.Language) {
	if !standInsLocalized(l) && !textsNeedLocalizing(ins, l) {
		return // nothing to do: the runes need not be laid out
	}
	sc := scratchPool.Get().(*localizeScratch)
	defer scratchPool.Put(sc)
	if l.SpaceBefore == "" && l.QuoteSpace == "" && localizeQuotes(ins, l, sc) {
		return
	}
	localizeRunes(ins, l, sc)
}

// localizeRunes is Localize for every language: it lays the runes of
// the run out, one by one.
func localizeRunes(ins []model.Inline, l *lang.Language, sc *localizeScratch) {
	texts, flat := sc.texts[:0], sc.flat[:0]
	var walk func([]model.Inline)
	walk = func(ins []model.Inline) {
		for _, in := range ins {
			switch t := in.(type) {
			case *model.Text:
				texts = append(texts, t)
				for _, r := range t.Text {
					flat = append(flat, flatRune{r, len(texts) - 1})
				}
			case *model.LineBreak:
				flat = append(flat, flatRune{' ', -1})
			case *model.Code, *model.Math, *model.NoteRef:
				flat = append(flat, flatRune{'x', -1})
			default:
				if c := model.Children(in); c != nil {
					walk(*c)
				}
			}
		}
	}
	walk(ins)
	sc.texts, sc.flat = texts, flat
	if !needsLocalizing(flat, l) {
		return
	}
	out := placeQuotes(flat, l, sc)
	if l.QuoteSpace != "" || l.SpaceBefore != "" {
		spaceMarks(flat, out, l)
	}
	for i := 0; i < len(flat); {
		node := flat[i].node
		if node < 0 {
			i++
			continue
		}
		end := i + 1
		for end < len(flat) && flat[end].node == node {
			end++
		}
		Rewrite(texts[node], out[i:end])
		i = end
	}
}

// Rewrite writes the text of one node with the replacements of its runes
// (out, one per rune). A node with none keeps its text (rewriting would
// only turn bytes that are not UTF-8 into U+FFFD, so such a node is
// rewritten all the same).
func Rewrite(t *model.Text, out []string) {
	if !slices.ContainsFunc(out, func(s string) bool { return s != "" }) && utf8.ValidString(t.Text) {
		return
	}
	// The text between runes that change is copied as it is, but for
	// bytes that are not UTF-8, written as U+FFFD as WriteRune writes
	// them.
	var b strings.Builder
	b.Grow(len(t.Text) + 8)
	from := 0 // t.Text[from:i] is not written yet
	for i, k := 0, 0; i < len(t.Text); k++ {
		r, size := utf8.DecodeRuneInString(t.Text[i:]) // as range reads it: out[k] is its replacement
		if out[k] != "" || r == utf8.RuneError && size == 1 {
			b.WriteString(t.Text[from:i])
			switch {
			case out[k] == dropRune:
			case out[k] != "":
				b.WriteString(out[k])
			default:
				b.WriteRune(r)
			}
			from = i + size
		}
		i += size
	}
	b.WriteString(t.Text[from:])
	t.Text = b.String()
}

// localizeScratch holds the buffers localize reuses from paragraph to
// paragraph: it runs on every run of inline content of every post.
type localizeScratch struct {
	texts []*model.Text
	flat  []flatRune
	out   []string
	// localizeQuotes's
	pieces             []piece
	quotes             []quote
	open, stray, orphs []int
}

// piece is one element of the flat run localizeQuotes reads: a text
// that is not empty, or the stand-in rune r of an element that is not
// text (as in flatRune).
type piece struct {
	t *model.Text
	r rune
}

// quote is a quotation mark or placeholder of a run, at byte off of
// the text of piece p; out is what placeQuotes would write for it.
type quote struct {
	p, off, size int
	r            rune
	out          string
}

// localizeQuotes is Localize for a language whose marks take no space
// (no QuoteSpace, no SpaceBefore), where only the quotes and the runes
// beside them matter: it finds the quotes byte by byte and gives each
// the replacement placeQuotes gives it, without laying every rune of the
// run out. It returns false, having changed nothing, for a run with a
// text that is not UTF-8, which Rewrite would change elsewhere too.
func localizeQuotes(ins []model.Inline, l *lang.Language, sc *localizeScratch) bool {
	pieces, quotes := sc.pieces[:0], sc.quotes[:0]
	valid := true
	var walk func([]model.Inline)
	walk = func(ins []model.Inline) {
		for _, in := range ins {
			switch t := in.(type) {
			case *model.Text:
				if t.Text == "" {
					continue // no rune in the run
				}
				valid = valid && utf8.ValidString(t.Text)
				p := len(pieces)
				pieces = append(pieces, piece{t: t})
				// A placeholder starts with 0xEF, which only ever starts
				// a character; '"' is one by itself.
				for i := 0; i < len(t.Text); i++ {
					if c := t.Text[i]; c != '"' && c != 0xEF {
						continue
					}
					r, size := utf8.DecodeRuneInString(t.Text[i:])
					switch r {
					case '"', PhLDQ, PhRDQ, PhLSQ, PhRSQ, PhApo:
						quotes = append(quotes, quote{p: p, off: i, size: size, r: r})
					}
					i += size - 1
				}
			case *model.LineBreak:
				pieces = append(pieces, piece{r: ' '})
			case *model.Code, *model.Math, *model.NoteRef:
				pieces = append(pieces, piece{r: 'x'})
			default:
				if c := model.Children(in); c != nil {
					walk(*c)
				}
			}
		}
	}
	walk(ins)
	sc.pieces, sc.quotes = pieces, quotes
	if !valid {
		return false
	}
	// The runes before and after a quote, as runeAt reads them in the
	// flat run: a neighbouring piece's last or first rune, a space
	// outside the run.
	before := func(q *quote) rune {
		switch {
		case q.off > 0:
			r, _ := utf8.DecodeLastRuneInString(pieces[q.p].t.Text[:q.off])
			return r
		case q.p == 0:
			return ' '
		case pieces[q.p-1].t == nil:
			return pieces[q.p-1].r
		}
		r, _ := utf8.DecodeLastRuneInString(pieces[q.p-1].t.Text)
		return r
	}
	after := func(q *quote) rune {
		switch s := pieces[q.p].t.Text; {
		case q.off+q.size < len(s):
			r, _ := utf8.DecodeRuneInString(s[q.off+q.size:])
			return r
		case q.p+1 == len(pieces):
			return ' '
		case pieces[q.p+1].t == nil:
			return pieces[q.p+1].r
		}
		r, _ := utf8.DecodeRuneInString(pieces[q.p+1].t.Text)
		return r
	}
	// placeQuotes, quote by quote.
	open, stray, orphans := sc.open[:0], sc.stray[:0], sc.orphs[:0]
	openDouble := 0
	for k := range quotes {
		q := &quotes[k]
		switch q.r {
		case PhLDQ:
			q.out = l.Quotes.Open
			openDouble++
		case PhRDQ:
			q.out = l.Quotes.Close
			if openDouble == 0 {
				orphans = append(orphans, k)
			}
			openDouble = max(openDouble-1, 0)
		case '"':
			switch {
			case unicode.IsDigit(before(q)):
			case openDouble > 0:
				q.out = l.Quotes.Close
				openDouble--
			default:
				stray = append(stray, k)
			}
		case PhLSQ, PhRSQ, PhApo:
			q.out = "’"
			prev, next := before(q), after(q)
			switch {
			case unicode.IsLetter(prev) && unicode.IsLetter(next):
			case opensAt(prev) && (unicode.IsLetter(next) || IsOpening(next)):
				open = append(open, k)
			case len(open) > 0 && closesAt(next):
				o := open[len(open)-1]
				open = open[:len(open)-1]
				quotes[o].out, q.out = l.Quotes.InnerOpen, l.Quotes.InnerClose
			}
		}
	}
	for k := 0; k+1 < len(stray); k += 2 {
		quotes[stray[k]].out, quotes[stray[k+1]].out = l.Quotes.Open, l.Quotes.Close
	}
	for k := 0; k+1 < len(orphans); k += 2 {
		quotes[orphans[k]].out = l.Quotes.Open
	}
	sc.open, sc.stray, sc.orphs = open, stray, orphans
	// Each text is written again with its quotes replaced (Rewrite).
	for k := 0; k < len(quotes); {
		p := quotes[k].p
		end := k
		for end < len(quotes) && quotes[end].p == p {
			end++
		}
		rewriteQuotes(pieces[p].t, quotes[k:end])
		k = end
	}
	return true
}

// rewriteQuotes writes t's text with its quotes qs replaced by their out
// (none replaced: its text stays).
func rewriteQuotes(t *model.Text, qs []quote) {
	if !slices.ContainsFunc(qs, func(q quote) bool { return q.out != "" }) {
		return
	}
	var b strings.Builder
	b.Grow(len(t.Text) + 2*len(qs))
	from := 0
	for _, q := range qs {
		if q.out != "" {
			b.WriteString(t.Text[from:q.off])
			b.WriteString(q.out)
			from = q.off + q.size
		}
	}
	b.WriteString(t.Text[from:])
	t.Text = b.String()
}

var scratchPool = sync.Pool{New: func() any { return new(localizeScratch) }}

func needsLocalizing(flat []flatRune, l *lang.Language) bool {
	for _, f := range flat {
		if localized(f.r, f.node >= 0, l) {
			return true
		}
	}
	return false
}

// localized reports whether rune r (of a text, or a stand-in for an
// element) makes localize rewrite its run.
func localized(r rune, inText bool, l *lang.Language) bool {
	return IsPlaceholder(r) || r == '"' && inText || l.SpaceBefore != "" && strings.ContainsRune(l.SpaceBefore, r) ||
		l.QuoteSpace != "" && (string(r) == l.Quotes.Open || string(r) == l.Quotes.Close)
}

// standInsLocalized reports whether l would rewrite a run for one of
// the runes that stand in for elements in it (no language's marks are
// a space or an x).
func standInsLocalized(l *lang.Language) bool {
	return localized(' ', false, l) || localized('x', false, l)
}

// TextNeedsLocalizing reports whether a rune of text s is localized.
// Without marks that take a space (English), that is a placeholder or a
// typewriter double quote, looked for byte by byte.
func TextNeedsLocalizing(s string, l *lang.Language) bool {
	if l.SpaceBefore == "" && l.QuoteSpace == "" {
		return strings.IndexByte(s, '"') >= 0 || ContainsNoncharString(s)
	}
	return strings.ContainsFunc(s, func(r rune) bool { return localized(r, true, l) })
}

// textsNeedLocalizing is needsLocalizing asked of the texts of ins as
// they are, before localize lays their runes out: many runs hold no
// quote and no mark that takes a space.
func textsNeedLocalizing(ins []model.Inline, l *lang.Language) bool {
	for _, in := range ins {
		switch t := in.(type) {
		case *model.Text:
			if TextNeedsLocalizing(t.Text, l) {
				return true
			}
		case *model.LineBreak, *model.Code, *model.Math, *model.NoteRef:
		default:
			if c := model.Children(in); c != nil && textsNeedLocalizing(*c, l) {
				return true
			}
		}
	}
	return false
}

// placeQuotes returns, for each flat rune, its replacement by l's marks
// ("" where it stays as it is). Double quotes are taken as goldmark placed
// them, but for closing quotes with nothing open, taken in pairs; a
// typewriter double quote goldmark left closes the quotation it opened,
// and the rest are paired in order.
// Single quotes are paired: one that opens (after a space or an opening
// mark, before a letter) is a quotation mark only when a later one
// closes it (before a space or punctuation); a quote before a digit
// opens nothing (the ’90s); every other single quote,
// paired with nothing, is an apostrophe: don’t, the workers’ rights,
// ’tis, the ’90s.
func placeQuotes(flat []flatRune, l *lang.Language, sc *localizeScratch) []string {
	out := slices.Grow(sc.out[:0], len(flat))[:len(flat)]
	clear(out) // "" is the rune as it is
	sc.out = out
	var open []int    // indices of single quotes that may open
	openDouble := 0   // double quotes opened and not yet closed
	var stray []int   // typewriter double quotes goldmark could not pair
	var orphans []int // closing double quotes with nothing open
	for i, f := range flat {
		switch f.r {
		case PhLDQ:
			out[i] = l.Quotes.Open
			openDouble++
		case PhRDQ:
			out[i] = l.Quotes.Close
			if openDouble == 0 {
				orphans = append(orphans, i)
			}
			openDouble = max(openDouble-1, 0)
		case '"':
			switch {
			case f.node < 0 || unicode.IsDigit(runeAt(flat, i-1)):
				// an inch or ditto mark (12" screens) stays as typed
			case openDouble > 0:
				// closes a quotation goldmark opened ("*allotment*"(…))
				out[i] = l.Quotes.Close
				openDouble--
			default:
				stray = append(stray, i)
			}
		case PhLSQ, PhRSQ, PhApo:
			out[i] = "’"
			prev, next := runeAt(flat, i-1), runeAt(flat, i+1)
			switch {
			case unicode.IsLetter(prev) && unicode.IsLetter(next):
				// inside a word: an apostrophe
			case opensAt(prev) && (unicode.IsLetter(next) || IsOpening(next)):
				open = append(open, i)
			case len(open) > 0 && closesAt(next):
				o := open[len(open)-1]
				open = open[:len(open)-1]
				out[o], out[i] = l.Quotes.InnerOpen, l.Quotes.InnerClose
			}
		}
	}
	// Quotes left unpaired by a typo in the post (`the article" X Y"`)
	// are paired in order, as the simplest smart-quote programs pair all
	// quotes; an odd one out stays as typed.
	for k := 0; k+1 < len(stray); k += 2 {
		out[stray[k]], out[stray[k+1]] = l.Quotes.Open, l.Quotes.Close
	}
	// Two closing quotes with nothing open (`the article" X Y"`): the
	// first was meant to open. One alone may close a quotation begun in an
	// earlier paragraph, and stays.
	for k := 0; k+1 < len(orphans); k += 2 {
		out[orphans[k]] = l.Quotes.Open
	}
	return out
}

func runeAt(flat []flatRune, i int) rune {
	if i < 0 || i >= len(flat) {
		return ' '
	}
	return flat[i].r
}

// opensAt: a quote after prev may open a quotation.
func opensAt(prev rune) bool {
	return unicode.IsSpace(prev) || IsOpening(prev) || strings.ContainsRune("—–/-", prev)
}

func IsOpening(r rune) bool {
	return strings.ContainsRune("([{“‘„‚«‹¿¡", r) || r == PhLDQ || r == PhLSQ
}

// closesAt: a quote before next may close a quotation.
func closesAt(next rune) bool {
	return !unicode.IsLetter(next) && !unicode.IsDigit(next)
}

// spaceMarks puts l.QuoteSpace inside l's primary quotes and
// l.PunctSpace before the marks of l.SpaceBefore (French « … », ; : ! ?).
// A space already there is replaced, never doubled; a no-break space the
// author typed is kept. Nothing is added inside a URL or a number
// (10:30), nor before a mark that does not end a word (a colon in
// "http://", an emoticon).
// dropRune, as a rune's replacement, removes it.
const dropRune = "\x00"

func spaceMarks(flat []flatRune, out []string, l *lang.Language) {
	at := func(i int) string {
		if i < 0 || i >= len(out) {
			return ""
		}
		if out[i] != "" {
			return out[i]
		}
		return string(flat[i].r)
	}
	isSpace := func(i int) bool { r := runeAt(flat, i); return r == ' ' || r == '\t' || r == '\n' }
	typedSpace := func(i int) bool { r := runeAt(flat, i); return r == '\u00A0' || r == '\u202F' || r == '\u2009' }
	for i, f := range flat {
		if f.node < 0 {
			continue
		}
		switch {
		case l.QuoteSpace != "" && at(i) == l.Quotes.Open:
			switch {
			case i+1 < len(flat) && isSpace(i+1) && flat[i+1].node >= 0:
				out[i+1] = l.QuoteSpace
			case !typedSpace(i + 1):
				out[i] = at(i) + l.QuoteSpace
			}
		case l.QuoteSpace != "" && at(i) == l.Quotes.Close:
			switch {
			case i > 0 && isSpace(i-1) && flat[i-1].node >= 0:
				out[i-1] = l.QuoteSpace
			case !typedSpace(i-1) && i > 0:
				out[i] = l.QuoteSpace + at(i)
			}
		case l.SpaceBefore != "" && strings.ContainsRune(l.SpaceBefore, f.r):
			if inURL(flat, i) {
				continue
			}
			prev, next := runeAt(flat, i-1), runeAt(flat, i+1)
			switch {
			case i > 0 && isSpace(i-1) && flat[i-1].node >= 0 && !isSpace(i-2):
				out[i-1] = l.PunctSpace
			case typedSpace(i - 1):
				// "traducteur &#x202F;:" — a space typed before the
				// no-break one is one space too many.
				if isSpace(i-2) && flat[i-2].node >= 0 {
					out[i-2] = dropRune
				}
			case i > 0 && (unicode.IsLetter(prev) || unicode.IsDigit(prev) || strings.ContainsRune(")]»”’", prev) || isQuoteOut(at(i-1), l)) &&
				(unicode.IsSpace(next) || i+1 == len(flat) || strings.ContainsRune(l.SpaceBefore+"»”’)", next) || isQuoteOut(at(i+1), l)):
				out[i] = l.PunctSpace + at(i)
			}
		}
	}
}

func isQuoteOut(s string, l *lang.Language) bool {
	return s != "" && (strings.HasSuffix(s, l.Quotes.Close) || strings.HasPrefix(s, l.Quotes.Close) || s == l.Quotes.InnerClose)
}

// inURL reports whether flat[i] is inside a word that looks like a URL
// or an e-mail address.
func inURL(flat []flatRune, i int) bool {
	start, end := i, i
	for start > 0 && !unicode.IsSpace(flat[start-1].r) {
		start--
	}
	for end < len(flat) && !unicode.IsSpace(flat[end].r) {
		end++
	}
	var b strings.Builder
	for _, f := range flat[start:end] {
		b.WriteRune(f.r)
	}
	w := b.String()
	return strings.Contains(w, "://") || strings.HasPrefix(w, "www.") || strings.Contains(w, "@")
}

// localizeString localizes a string of plain text.
func localizeString(s string, l *lang.Language) string {
	if !strings.ContainsFunc(s, IsPlaceholder) {
		return s
	}
	ins := []model.Inline{&model.Text{Text: s}}
	Localize(ins, l)
	return ins[0].(*model.Text).Text
}

// Scrub writes back as typewriter quotes any placeholder left in code
// and math, where quotes are not typography.
func Scrub(bs []model.Block) {
	model.WalkInlinesInBlocks(bs, func(in model.Inline) {
		switch t := in.(type) {
		case *model.Code:
			t.Text = Unsmarten(t.Text)
		case *model.Math:
			t.TeX = Unsmarten(t.TeX)
		}
	})
}

// LocalizeBlocks localizes every run of inline content in blocks.
func LocalizeBlocks(bs []model.Block, l *lang.Language) {
	model.WalkBlocks(bs, func(b model.Block) {
		switch t := b.(type) {
		case *model.Paragraph:
			Localize(t.Inlines, l)
		case *model.Heading:
			Localize(t.Inlines, l)
		case *model.Figure:
			Localize(t.Caption, l)
			if t.Image != nil {
				t.Image.Alt = localizeString(t.Image.Alt, l)
			}
		case *model.Table:
			Localize(t.Caption, l)
			for _, c := range t.Header {
				Localize(c.Inlines, l)
			}
			for _, r := range t.Rows {
				for _, c := range r {
					Localize(c.Inlines, l)
				}
			}
		}
	})
}
