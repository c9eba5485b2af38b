// Package hyph finds hyphenation points in words with Liang's algorithm
// (F. M. Liang, "Word Hy-phen-a-tion by Com-put-er", Stanford 1983) and the
// en-US and de patterns of the hyphen package (hyph_en_US.dic and
// hyph_de_DE.dic, see README.md), applied as github.com/speedata/hyphenation
// applies them (its tests check that the two agree) but without allocating
// per word. The German file has two levels, compound boundaries and
// syllables, combined as libhyphen combines them.
package hyph

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Minimum letters before and after a hyphen, TeX's \lefthyphenmin and
// \righthyphenmin for English (also the LEFTHYPHENMIN and RIGHTHYPHENMIN of
// the pattern file's header). Other languages take theirs from their
// pattern file, 2 and 2 when it gives none.
const (
	LeftMin  = 2
	RightMin = 3
	// MinLetters is the shortest word that is hyphenated at all.
	MinLetters = 5
)

// enUSPatterns is hyph_en_US.dic without its three header lines.
//
//go:embed hyph_en_US.pat
var enUSPatterns string

// enUSTrie is enUSPatterns parsed, in appendBinary's form.
//
//go:embed hyph_en_US.trie
var enUSTrie []byte

// dePatterns is hyph_de_DE.dic in UTF-8 without its character set line
// and its comment header.
//
//go:embed hyph_de.pat
var dePatterns string

// deTrie is dePatterns parsed (parseDE), in patterns.appendBinary's form.
//
//go:embed hyph_de.trie
var deTrie []byte

// parseDE parses the German patterns: two levels, compounds first, with
// vowelless fragments joined to their syllable.
func parseDE() (*patterns, error) {
	p, err := parseDic(strings.NewReader(dePatterns), 2, 2)
	if err != nil {
		return nil, err
	}
	p.vowelSyllables = true
	return p, nil
}

// patternSets parses each pattern set once, on first use; the parsed
// patterns are only read afterwards, so Hyphenators share them.
var patternSets = map[string]func() (*patterns, error){
	"en-US": sync.OnceValues(func() (*patterns, error) {
		l, err := readLiang(enUSTrie)
		if err != nil {
			l, err = parseLiang(strings.NewReader(enUSPatterns))
		}
		if err != nil {
			return nil, err
		}
		return &patterns{syllable: l, leftMin: LeftMin, rightMin: RightMin}, nil
	}),
	"de": sync.OnceValues(func() (*patterns, error) {
		if p, err := readPatterns(deTrie); err == nil {
			return p, nil
		}
		return parseDE()
	}),
}

// Hyphenator finds hyphenation points for one language. It is safe for
// concurrent use. It remembers the answer for every word it is asked
// about: an edition repeats its words, and goroutines setting different
// articles share what each has found.
type Hyphenator struct {
	lang  *patterns
	cache sync.Map // word → []int
}

// New returns a Hyphenator for a BCP 47 language tag. All English tags
// ("en", "en-US", "en-GB", …) use the en-US patterns, all German ones
// ("de", "de-DE", "de-AT", "de-CH", …) the German patterns of the reformed
// spelling (Swiss German differs in spelling, ss for ß, not in where words
// break); other languages give an error, so that callers can warn and set
// the text unhyphenated. Only the first call for a language parses its
// patterns.
func New(lang string) (*Hyphenator, error) {
	tag := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(lang), "_", "-"))
	var set string
	switch {
	case tag == "en" || strings.HasPrefix(tag, "en-"):
		set = "en-US"
	case tag == "de" || strings.HasPrefix(tag, "de-"):
		set = "de"
	default:
		return nil, fmt.Errorf("no hyphenation patterns for language %q", lang)
	}
	l, err := patternSets[set]()
	if err != nil {
		return nil, fmt.Errorf("hyphenation patterns %s: %w", set, err)
	}
	return &Hyphenator{lang: l}, nil
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
// minimum of letters (LeftMin and RightMin for English) stay before and
// after a hyphen. Words shorter than MinLetters
// letters, words containing digits or other non-letters inside, and
// all-capital words (acronyms such as NATO) get no hyphens. A word that
// already contains hyphens ("well-known") may break only after them: the
// offsets just past each inner hyphen are returned.
func (h *Hyphenator) Hyphenate(word string) []int {
	if h == nil || h.lang == nil {
		return nil
	}
	if offs, ok := h.cache.Load(word); ok {
		return offs.([]int)
	}
	offs := h.hyphenate(word)
	h.cache.Store(word, offs)
	return offs
}

// hyphenate is Hyphenate without the memo.
func (h *Hyphenator) hyphenate(word string) []int {
	// The letter run: trim everything that is not a letter at each end.
	start := strings.IndexFunc(word, unicode.IsLetter)
	if start < 0 {
		return nil
	}
	end := strings.LastIndexFunc(word, unicode.IsLetter)
	_, size := utf8.DecodeRuneInString(word[end:])
	end += size
	core := word[start:end]

	// Letters after an apostrophe ("NATO's") do not count for caps.
	var letters, caps, upper int
	var hyphens, apostrophe bool
	for _, r := range core {
		switch {
		case unicode.IsLetter(r):
			letters++
			if !apostrophe {
				caps++
				if unicode.IsUpper(r) {
					upper++
				}
			}
		case isApostrophe(r):
			apostrophe = true
		case isHyphen(r):
			hyphens = true
		case unicode.Is(unicode.Mn, r):
			// combining marks belong to the letter before them
		default:
			return nil // digits, slashes, dots: not a word to hyphenate
		}
	}
	if hyphens {
		return afterHyphens(start, core)
	}
	if letters < MinLetters {
		return nil
	}
	if caps > 1 && upper == caps {
		return nil
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
		runes = append(runes, unicode.ToLower(r))
		offsets = append(offsets, start+i)
	}
	n := len(runes)
	var out []int
	var pbuf [maxRunes]int
	for _, i := range h.lang.breaks(runes, 0, true, true, pbuf[:0]) {
		// i runes stay before the hyphen.
		if i < h.lang.leftMin || n-i < h.lang.rightMin || i >= n {
			continue
		}
		if isApostrophe(runes[i-1]) || isApostrophe(runes[i]) || unicode.Is(unicode.Mn, runes[i]) {
			continue
		}
		if len(out) > 0 && out[len(out)-1] >= offsets[i] {
			continue
		}
		out = append(out, offsets[i])
	}
	return out
}

// afterHyphens returns the offsets just after each hyphen of core that has
// a letter on both sides; start is core's offset in word.
func afterHyphens(start int, core string) []int {
	var out []int
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
