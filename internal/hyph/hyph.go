// Package hyph finds hyphenation points in words with Liang's algorithm
// (F. M. Liang, "Word Hy-phen-a-tion by Com-put-er", Stanford 1983), as
// TeX applies it, with the patterns of each language in patterns/ (see
// patterns/README.md for their sources and licences).
//
// The patterns are compiled by go generate into the tries in tries/,
// which are embedded; a language's trie is read on first use only, so a
// build pays for the languages its edition uses. The fewest letters a
// hyphen may leave before and after it come from package lang's table.
package hyph

//go:generate go run ./gen

import (
	"embed"
	"fmt"
	"path"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/redtide/edition/internal/lang"
)

// MinLetters is the shortest word that is hyphenated at all.
const MinLetters = 5

// tries holds one compiled pattern set per language, tries/TAG.trie,
// written by go generate from patterns/TAG/ (the folder also holds a
// README, so that it is never empty and the generator always compiles).
//
//go:embed tries
var tries embed.FS

// sets maps each language tag with a trie to a loader that reads the trie
// once, on first use; the patterns are only read afterwards, so
// Hyphenators share them.
var sets = sync.OnceValue(func() map[string]func() (*patterns, error) {
	m := map[string]func() (*patterns, error){}
	entries, _ := tries.ReadDir("tries") // the embedded directory exists
	for _, e := range entries {
		tag, ok := strings.CutSuffix(e.Name(), ".trie")
		if !ok {
			continue
		}
		name := path.Join("tries", e.Name())
		m[tag] = sync.OnceValues(func() (*patterns, error) {
			b, err := tries.ReadFile(name)
			if err != nil {
				return nil, err
			}
			return readSet(b)
		})
	}
	return m
})

// Languages lists the tags that have patterns, sorted.
func Languages() []string {
	var out []string
	for tag := range sets() {
		out = append(out, tag)
	}
	slices.Sort(out)
	return out
}

// Hyphenator finds hyphenation points for one language. It is safe for
// concurrent use. It remembers the answer for every word it is asked
// about: an edition repeats its words, and goroutines setting different
// articles share what each has found.
type Hyphenator struct {
	pats              *patterns
	leftMin, rightMin int      // from the language's row of package lang
	cache             sync.Map // word → []int
}

// New returns a Hyphenator for a BCP 47 language tag. The tag's row in
// package lang's table (its own, else its primary subtag's: "fr-CA" is
// "fr") gives the minimums; the patterns are the row's, else its primary
// subtag's ("pt-BR" uses "pt"). A language without a row or without
// patterns is an error, so that callers can warn and set the text
// unhyphenated.
func New(tag string) (*Hyphenator, error) {
	row := lang.Lookup(tag)
	if row == nil {
		return nil, fmt.Errorf("no hyphenation patterns for language %q", tag)
	}
	load := sets()[row.Tag]
	if load == nil {
		load = sets()[lang.Base(row.Tag)]
	}
	if load == nil {
		return nil, fmt.Errorf("no hyphenation patterns for language %q", tag)
	}
	p, err := load()
	if err != nil {
		return nil, fmt.Errorf("hyphenation patterns for %s: %w", row.Tag, err)
	}
	return &Hyphenator{pats: p, leftMin: max(row.LeftHyphenMin, 1), rightMin: max(row.RightHyphenMin, 1)}, nil
}

// toLower is unicode.ToLower, quicker for ASCII.
func toLower(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(r)
}

// isApostrophe reports the straight and the curly (U+2019) apostrophe.
func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// isHyphen reports the hyphen-minus and U+2010 HYPHEN; U+2011 is the
// non-breaking hyphen and is not one.
func isHyphen(r rune) bool { return r == '-' || r == '‐' }

// Hyphenate returns the byte offsets inside word where a hyphen may be
// inserted, in increasing order: the word can be broken as word[:off]+"-"
// and word[off:]. The slice may be shared with other callers asking about
// the same word: it must not be modified.
//
// Leading and trailing punctuation ("(revolution," or “bureaucracy”) is
// ignored, and the letter run between is hyphenated; straight and curly
// apostrophes are letters for the patterns. At least the language's
// minimums of letters stay before and after a hyphen. Words shorter than
// MinLetters letters, words containing digits or other non-letters
// inside, and all-capital words (acronyms such as NATO) get no hyphens. A
// word that already contains hyphens ("well-known") may break only after
// them: the offsets just past each inner hyphen are returned.
func (h *Hyphenator) Hyphenate(word string) []int {
	if h == nil || h.pats == nil {
		return nil
	}
	if offs, ok := h.cache.Load(word); ok {
		return offs.([]int)
	}
	offs := h.hyphenate(nil, word)
	h.cache.Store(word, offs)
	return offs
}

// AppendHyphens appends to out the offsets Hyphenate returns for word,
// without asking or filling the Hyphenator's memo: for a caller that
// keeps its own, and whose slices then share one array.
func (h *Hyphenator) AppendHyphens(out []int, word string) []int {
	if h == nil || h.pats == nil {
		return out
	}
	return h.hyphenate(out, word)
}

// hyphenate is AppendHyphens without the checks; Hyphenate calls it with
// out nil.
func (h *Hyphenator) hyphenate(out []int, word string) []int {
	start, end := letterRun(word)
	if start < 0 {
		return out
	}
	core := word[start:end]

	switch kind := wordKind(core); kind {
	case kindNone:
		return out
	case kindHyphenated:
		return afterHyphens(out, start, core)
	}

	// The patterns use the straight apostrophe and lower case; build the
	// normalized word rune by rune, remembering each rune's byte offset.
	var buf [64]rune
	var offs [64]int
	runes, offsets := buf[:0], offs[:0]
	for i, r := range core {
		if r == '’' {
			r = '\''
		}
		runes = append(runes, toLower(r))
		offsets = append(offsets, start+i)
	}
	n := len(runes)
	first := len(out) // out[first:] are this word's
	var pbuf [maxRunes + 1]int
	for _, i := range h.pats.breaks(runes, pbuf[:0]) {
		// i runes stay before the hyphen.
		if i < h.leftMin || n-i < h.rightMin || i >= n {
			continue
		}
		if isApostrophe(runes[i-1]) || isApostrophe(runes[i]) || isMark(runes[i]) {
			continue
		}
		if len(out) > first && out[len(out)-1] >= offsets[i] {
			continue
		}
		out = append(out, offsets[i])
	}
	return out
}

// letterRun returns the extent of the letters of word, from its first
// letter to the end of its last: everything that is not a letter at
// each end is trimmed. start is -1 when word has no letter.
func letterRun(word string) (start, end int) {
	start = -1
	for i := 0; i < len(word); i++ { // most words are ASCII
		switch c := word[i]; {
		case c >= utf8.RuneSelf:
			return letterRunRunes(word)
		case 'a' <= c|0x20 && c|0x20 <= 'z':
			if start < 0 {
				start = i
			}
			end = i + 1
		}
	}
	return start, end
}

// letterRunRunes is letterRun for a word that is not all ASCII.
func letterRunRunes(word string) (start, end int) {
	start = strings.IndexFunc(word, unicode.IsLetter)
	if start < 0 {
		return -1, 0
	}
	end = strings.LastIndexFunc(word, unicode.IsLetter)
	_, size := utf8.DecodeRuneInString(word[end:])
	return start, end + size
}

// isMark reports a nonspacing mark (Mn), which belongs to the letter
// before it; none is ASCII, and none comes before U+0300.
func isMark(r rune) bool { return r >= '\u0300' && unicode.Is(unicode.Mn, r) }

// Kinds of letter runs, for hyphenate.
const (
	kindNone       = iota // not hyphenated: too short, an acronym, digits inside
	kindHyphenated        // contains hyphens: breaks after them only
	kindWord              // hyphenated by the patterns
)

// wordKind classifies a letter run. Letters after an apostrophe
// ("NATO's") do not count for capitals.
func wordKind(core string) int {
	var c kindCount
	for i := 0; i < len(core); i++ { // most words are ASCII
		switch b := core[i]; {
		case b >= utf8.RuneSelf:
			return wordKindRunes(core)
		case 'a' <= b && b <= 'z':
			c.letter(false)
		case 'A' <= b && b <= 'Z':
			c.letter(true)
		case b == '\'':
			c.apostrophe = true
		case b == '-':
			c.hyphens = true
		default:
			return kindNone // digits, slashes, dots: not a word to hyphenate
		}
	}
	return c.kind()
}

// wordKindRunes is wordKind for a word that is not all ASCII.
func wordKindRunes(core string) int {
	var c kindCount
	for _, r := range core {
		switch {
		case unicode.IsLetter(r):
			c.letter(unicode.IsUpper(r))
		case isApostrophe(r):
			c.apostrophe = true
		case isHyphen(r):
			c.hyphens = true
		case isMark(r):
			// combining marks belong to the letter before them
		default:
			return kindNone // digits, slashes, dots: not a word to hyphenate
		}
	}
	return c.kind()
}

// kindCount counts the letters of a run for wordKind.
type kindCount struct {
	letters, caps, upper int // letters; before an apostrophe, and capitals of those
	hyphens, apostrophe  bool
}

// letter counts a letter, a capital if up.
func (c *kindCount) letter(up bool) {
	c.letters++
	if !c.apostrophe {
		c.caps++
		if up {
			c.upper++
		}
	}
}

// kind is the run's kind once all its letters are counted.
func (c *kindCount) kind() int {
	switch {
	case c.hyphens:
		return kindHyphenated
	case c.letters < MinLetters, c.caps > 1 && c.upper == c.caps:
		return kindNone
	}
	return kindWord
}

// afterHyphens appends to out the offsets just after each hyphen of core that has
// a letter on both sides; start is core's offset in word.
func afterHyphens(out []int, start int, core string) []int {
	prevLetter := false
	for i, r := range core {
		if isHyphen(r) {
			next, _ := utf8.DecodeRuneInString(core[i+utf8.RuneLen(r):])
			if prevLetter && unicode.IsLetter(next) {
				out = append(out, start+i+utf8.RuneLen(r))
			}
		}
		prevLetter = unicode.IsLetter(r)
	}
	return out
}
