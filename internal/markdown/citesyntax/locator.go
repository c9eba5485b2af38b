package citesyntax

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Locators, read from the start of a citation's suffix as pandoc reads
// them (Text.Pandoc.Citeproc.Locator): an optional comma, then either a
// label and a locator in braces ("{35-89, 102}", "chap. {ii, iv}"), or a
// label (any form of a CSL locator term in the post's language, else in
// English: "p.", "pp.", "chap.", "S.", "t.", "page") followed by words
// holding digits or roman numerals ("33", "33–35, 40", "xi", "34(1)"),
// or, without a label, words holding digits (a page). The rest of the
// suffix stays the suffix.

// Locator is what locatorOf found.
type Locator struct {
	Label string // CSL term name; "" when there is no locator
	Value string
	Rest  string // the suffix after the locator
}

// LocatorOf reads the locator at the start of suffix for the language
// tag (BCP 47).
func LocatorOf(suffix, tag string) Locator {
	s := strings.TrimLeft(suffix, " \t\n")
	s = strings.TrimPrefix(s, ",")
	s = strings.TrimLeft(s, " \t\n")
	label, n := locatorLabel(s, tag)
	after := strings.TrimLeft(s[n:], " \t\n\u00a0")
	if strings.HasPrefix(after, "{") {
		if end := strings.IndexByte(after, '}'); end > 0 {
			if label == "" {
				label = "page"
			}
			return Locator{Label: label, Value: strings.TrimSpace(after[1:end]), Rest: after[end+1:]}
		}
	}
	if label == "" {
		label = "page"
		after = s
		v, k := locatorWords(after, true)
		if k == 0 {
			return Locator{Rest: suffix}
		}
		return Locator{Label: label, Value: v, Rest: after[k:]}
	}
	v, k := locatorWords(after, false)
	if k == 0 {
		return Locator{Rest: suffix}
	}
	return Locator{Label: label, Value: v, Rest: after[k:]}
}

// locatorLabel finds the longest locator term s starts with, followed by
// a space, a digit or a brace, in the post's language, else in English;
// n is its length.
func locatorLabel(s, tag string) (label string, n int) {
	if s == "" {
		return "", 0 // every form has a letter or a symbol
	}
	own, en := termListsFor(tag)
	if label, n = longestTermIn(s, own); n > 0 {
		return label, n
	}
	return longestTermIn(s, en)
}

// longestTermIn is longestTerm over the lists of l that s may start
// with a term of.
func longestTermIn(s string, l *termList) (label string, n int) {
	l.candidates(s, func(ts []term) {
		if lb, k := longestTerm(s, ts); k > n || k == n && k > 0 && lb < label {
			label, n = lb, k
		}
	})
	return label, n
}

// longestTerm finds the longest form of the terms s starts with; of two
// as long, the term whose name sorts first.
func longestTerm(s string, terms []term) (label string, n int) {
	for _, t := range terms {
		form, name := t.form, t.name
		if len(form) < n || len(form) == n && name >= label || len(form) > len(s) || differAt0(s, form) || !strings.EqualFold(s[:len(form)], form) {
			continue
		}
		if rest := s[len(form):]; rest != "" && !labelEnds(form, rest) {
			continue
		}
		label, n = name, len(form)
	}
	return label, n
}

// differAt0 tells whether s and form differ in case-folding at their
// first byte, both ASCII: most terms do, and are spared
// strings.EqualFold (a byte beyond ASCII may fold to one in it, as the
// Kelvin sign to k, and is left to EqualFold).
func differAt0(s, form string) bool {
	if s == "" || form == "" {
		return false
	}
	a, b := s[0], form[0]
	if a >= utf8.RuneSelf || b >= utf8.RuneSelf {
		return false
	}
	if 'A' <= a && a <= 'Z' {
		a += 'a' - 'A'
	}
	if 'A' <= b && b <= 'Z' {
		b += 'a' - 'A'
	}
	return a != b
}

// labelEnds: a term is a whole word: what follows it is a space, a digit
// or a brace, or the term ends with a period or a symbol (p.3, §3).
func labelEnds(form, rest string) bool {
	r, _ := utf8.DecodeRuneInString(rest)
	last, _ := utf8.DecodeLastRuneInString(form)
	return unicode.IsSpace(r) || unicode.IsDigit(r) || r == '{' || r == '\u00a0' ||
		last == '.' || !unicode.IsLetter(last)
}

// locatorWords reads the words of a locator at the start of s: the first
// word, then words after a comma, each holding a digit (or, when
// romans, a roman numeral). n is the length read.
func locatorWords(s string, digitsOnly bool) (string, int) {
	n := 0
	for first := true; ; first = false {
		i := n
		if !first {
			if i >= len(s) || s[i] != ',' {
				break
			}
			i++
			for i < len(s) && s[i] == ' ' {
				i++
			}
		}
		w := locatorWord(s[i:])
		if w == "" || !(hasDigit(w) || !digitsOnly && first && isRoman(w) || !first && (hasDigit(w) || isRoman(w) && !digitsOnly)) {
			break
		}
		n = i + len(w)
	}
	return strings.TrimSpace(s[:n]), n
}

// locatorWord is the word at the start of s: up to a space or a
// punctuation mark other than the ones ranges and numbers use (- – : .
// and balanced brackets), without a final period.
func locatorWord(s string) string {
	depth := 0
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '(' || r == '[':
			depth++
		case (r == ')' || r == ']') && depth > 0:
			depth--
		case depth > 0:
		case unicode.IsSpace(r):
			return strings.TrimRight(s[:i], ".")
		case r == '-' || r == '–' || r == ':' || r == '.' || r == '&':
		case unicode.IsPunct(r) || unicode.IsSymbol(r):
			return strings.TrimRight(s[:i], ".")
		}
		i += w
	}
	return strings.TrimRight(s[:i], ".")
}

func hasDigit(s string) bool {
	return strings.IndexFunc(s, unicode.IsDigit) >= 0
}

// isRoman: a roman numeral (xi, XVII), as pandoc accepts them.
func isRoman(s string) bool {
	if s == "" || len(s) > 12 {
		return false
	}
	return strings.Trim(strings.ToLower(s), "ivxlcdm") == ""
}
