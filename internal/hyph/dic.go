package hyph

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// patterns is one language's pattern file in the format of the hyphen
// library (libhyphen, used by LibreOffice): Liang patterns, optionally in
// two levels. With two levels the first level marks the boundaries of
// compound words (odd priorities) and the second, ordinary syllable
// patterns, is applied to each part as to a word of its own, as
// hnj_hyphen_hyph_ in libhyphen's hyphen.c does (László Németh's
// compound extension of Liang 1983).
type patterns struct {
	compound *liang // first level; nil for a one-level file
	syllable *liang // second level, or the only one
	// Minimum letters before and after a hyphen in the whole word
	// (LEFTHYPHENMIN, RIGHTHYPHENMIN) and next to a compound boundary
	// inside it (COMPOUNDLEFTHYPHENMIN, COMPOUNDRIGHTHYPHENMIN).
	leftMin, rightMin                 int
	compoundLeftMin, compoundRightMin int
	// vowelSyllables joins a part without a vowel to the syllable
	// before it (see breaks).
	vowelSyllables bool
}

// parseDic reads a pattern file in libhyphen's format, UTF-8 and without
// its first (character set) line: lines of whitespace-separated patterns,
// comment lines starting with '#' or '%', and the keyword lines
// LEFTHYPHENMIN, RIGHTHYPHENMIN, COMPOUNDLEFTHYPHENMIN and
// COMPOUNDRIGHTHYPHENMIN (each with a number), NOHYPHEN and NEXTLEVEL
// (the patterns after it are the second level). leftMin and rightMin are
// the minimums when the file gives none; libhyphen's default is 2 and 2.
func parseDic(r io.Reader, leftMin, rightMin int) (*patterns, error) {
	p := &patterns{leftMin: leftMin, rightMin: rightMin}
	var levels [2]strings.Builder
	level := 0
	s := bufio.NewScanner(r)
	s.Buffer(nil, 1<<20)
	for line := 1; s.Scan(); line++ {
		text := strings.TrimSpace(s.Text())
		if text == "" || text[0] == '#' || text[0] == '%' {
			continue
		}
		keyword, arg, _ := strings.Cut(text, " ")
		var min *int
		switch keyword {
		case "LEFTHYPHENMIN":
			min = &p.leftMin
		case "RIGHTHYPHENMIN":
			min = &p.rightMin
		case "COMPOUNDLEFTHYPHENMIN":
			min = &p.compoundLeftMin
		case "COMPOUNDRIGHTHYPHENMIN":
			min = &p.compoundRightMin
		case "NOHYPHEN":
			// No hyphen next to these characters. Hyphenate already
			// keeps breaks away from hyphens and apostrophes, and
			// punctuation never reaches the patterns.
			continue
		case "NEXTLEVEL":
			if level == 1 {
				return nil, fmt.Errorf("line %d: a second NEXTLEVEL", line)
			}
			level = 1
			continue
		default:
			levels[level].WriteString(text)
			levels[level].WriteByte('\n')
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(arg))
		if err != nil || n < 0 {
			return nil, fmt.Errorf("line %d: %s wants a number, not %q", line, keyword, arg)
		}
		*min = n
	}
	if err := s.Err(); err != nil {
		return nil, err
	}
	var err error
	if level == 1 {
		if p.compound, err = parseLiang(strings.NewReader(levels[0].String())); err != nil {
			return nil, fmt.Errorf("compound level: %w", err)
		}
		p.syllable, err = parseLiang(strings.NewReader(levels[1].String()))
	} else {
		p.syllable, err = parseLiang(strings.NewReader(levels[0].String()))
	}
	if err != nil {
		return nil, err
	}
	return p, nil
}

// breaks appends to out the positions (in runes, counted from base) after
// which the runes of a word or a part of a compound may be broken, in
// increasing order, before the minimums of the whole word are applied.
// lend and rend report that the part begins and ends the word; where it
// does not, the compound minimums keep breaks away from its ends.
// Besides the boundary check noted below, this is hnj_hyphen_hyph_ of
// libhyphen 2.8 without its non-standard (replacing) hyphenation, which
// the German patterns do not use.
func (p *patterns) breaks(runes []rune, base int, lend, rend bool, out []int) []int {
	n := len(runes)
	if p.compound != nil {
		var bbuf [maxRunes + 1]int
		begin := 0
		for _, b := range p.compound.hyphenate(runes, bbuf[:0]) {
			// libhyphen ignores a boundary after the last letter. It
			// keeps one that leaves a part shorter than the compound
			// minimums, but such parts come from patterns matching
			// inside another word ("berg1an" in "übergang" would give
			// "überg-ang"): skip them.
			if b-begin < max(p.compoundLeftMin, 1) || n-b < max(p.compoundRightMin, 1) {
				continue
			}
			out = p.breaks(runes[begin:b], base+begin, lend && begin == 0, false, out)
			out = append(out, base+b)
			begin = b
		}
		if begin > 0 {
			return p.breaks(runes[begin:], base+begin, false, rend, out)
		}
	}
	var sbuf [maxRunes + 1]int
	first := len(out)
	for _, i := range p.syllable.hyphenate(runes, sbuf[:0]) {
		if i >= n || !lend && i < p.compoundLeftMin || !rend && n-i < p.compoundRightMin {
			continue
		}
		// A part without a vowel is no syllable: the German
		// patterns' catch-all "a1r" and "r1l" give "pa-r-la-ment",
		// and "brü-ck-ner". Its consonants close the syllable
		// before: "par-la-ment", "brück-ner".
		if p.vowelSyllables && len(out) > first && !slices.ContainsFunc(runes[out[len(out)-1]-base:i], isVowel) {
			out[len(out)-1] = base + i
			continue
		}
		out = append(out, base+i)
	}
	return out
}

// isVowel reports the vowels of the Latin-script languages with patterns.
func isVowel(r rune) bool {
	return strings.ContainsRune("aeiouyäöüéèêëáàâíìîïóòôúùû", r)
}
