package biblio

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// authorAtHead reports whether s begins with a name as an entry of a
// list of works does: "Surname, Given" or "Surname, G.", "Given
// [particle] Surname" followed by a comma, a full stop, a year in
// parentheses or a second author, "G. H. Surname", "Surname et al.",
// "SURNAME, Given". A name is an upper-case letter and at least one more
// letter, apostrophe or hyphen.
//
// It answers as the regular expression it replaced (authorExpr in the
// tests; TestAuthorAtHead and FuzzAuthorAtHead compare the two), which
// cost more to compile, for its Unicode classes, than a build spent in
// it, and backtracked through every form in turn. A name followed by a
// blank, a comma or a full stop is a whole run of name characters, so
// each form is a walk over words rather than a search.
func authorAtHead(s string) bool {
	return surnameComma(s) || namesThenEnd(s) || initialsName(s) || etAl(s) || capitalsComma(s)
}

// rune classes of the forms: \p{Lu}, [\p{L}'’\-] (in a name after its
// first letter), [\p{Ll}'’\-] (in a given name after "Surname, ") and
// \s (ASCII blanks only, as in Go's regular expressions).
func isUpper(r rune) bool     { return unicode.IsUpper(r) }
func isNameRune(r rune) bool  { return r == '\'' || r == '’' || r == '-' || unicode.IsLetter(r) }
func isGivenRune(r rune) bool { return r == '\'' || r == '’' || r == '-' || unicode.IsLower(r) }
func isBlankAt(s string, i int) bool {
	return i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r')
}

// runeAt decodes the rune at i, as the regular expression reads it;
// utf8.RuneError with size 0 past the end.
func runeAt(s string, i int) (rune, int) {
	if i >= len(s) {
		return utf8.RuneError, 0
	}
	return utf8.DecodeRuneInString(s[i:])
}

// nameAt returns the end of the name starting at i: an upper-case
// letter and every name character after it, at least one; ok is false
// if there is no name at i.
func nameAt(s string, i int) (end int, ok bool) {
	r, n := runeAt(s, i)
	if n == 0 || !isUpper(r) {
		return i, false
	}
	end = i + n
	for {
		r, n := runeAt(s, end)
		if n == 0 || !isNameRune(r) {
			break
		}
		end += n
	}
	return end, end > i+n
}

// upperRunAt returns the end of the run of upper-case letters at i and
// how many there are.
func upperRunAt(s string, i int) (end, count int) {
	end = i
	for {
		r, n := runeAt(s, end)
		if n == 0 || !isUpper(r) {
			return end, count
		}
		end += n
		count++
	}
}

// surnameComma: Name( Name)?, (U\.|U[\p{Ll}'’\-]+)
func surnameComma(s string) bool {
	end, ok := nameAt(s, 0)
	if !ok {
		return false
	}
	if givenAfterComma(s, end) {
		return true
	}
	if !isBlankAt(s, end) {
		return false
	}
	end, ok = nameAt(s, end+1)
	return ok && givenAfterComma(s, end)
}

// givenAfterComma: , (U\.|U[\p{Ll}'’\-]+) at i
func givenAfterComma(s string, i int) bool {
	if i >= len(s) || s[i] != ',' || !isBlankAt(s, i+1) {
		return false
	}
	r, n := runeAt(s, i+2)
	if n == 0 || !isUpper(r) {
		return false
	}
	r2, n2 := runeAt(s, i+2+n)
	return n2 > 0 && (r2 == '.' || isGivenRune(r2))
}

// particles are the words between given names and a surname (particle
// in the tests' expression).
var particles = []string{"van", "von", "de", "der", "den", "del", "della", "da", "di", "du", "le", "la", "ten", "ter", "zu"}

// secondAuthor are the words that join a second author, each between blanks.
var secondAuthor = []string{"et al", "and", "&", "y", "e", "et", "und", "en"}

// namesThenEnd: (Name\s){1,3}(particle\s)*Name(,|\.|\s\(|\s(et al|and|&|y|e|et|und|en)\s)
func namesThenEnd(s string) bool {
	names, inParticles := 0, false
	for i := 0; ; {
		end, isName := nameAt(s, i)
		if isName && names > 0 && nameEnds(s, end) {
			return true
		}
		if !isName {
			end = i
			for {
				r, n := runeAt(s, end)
				if n == 0 || !isNameRune(r) {
					break
				}
				end += n
			}
		}
		if !isBlankAt(s, end) {
			return false
		}
		switch {
		case isName && !inParticles && names < 3:
			names++
		case names > 0 && isParticle(s[i:end]):
			inParticles = true
		default:
			return false
		}
		i = end + 1
	}
}

func isParticle(w string) bool {
	for _, p := range particles {
		if w == p {
			return true
		}
	}
	return false
}

// nameEnds: what may follow the last name of namesThenEnd, at i.
func nameEnds(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	if s[i] == ',' || s[i] == '.' {
		return true
	}
	if !isBlankAt(s, i) {
		return false
	}
	rest := s[i+1:]
	if strings.HasPrefix(rest, "(") {
		return true
	}
	for _, w := range secondAuthor {
		if strings.HasPrefix(rest, w) && isBlankAt(rest, len(w)) {
			return true
		}
	}
	return false
}

// initialsName: (U\.\s?){1,3}\s?Name, where the name may be cut short:
// an upper-case letter and one name character are enough.
func initialsName(s string) bool {
	// the positions after k initials, each with or without its blank
	var at, next [8]int
	na := 1 // at[0] is 0, the start
	for range 3 {
		nn := 0
		for _, p := range at[:na] {
			r, n := runeAt(s, p)
			if n == 0 || !isUpper(r) || p+n >= len(s) || s[p+n] != '.' {
				continue
			}
			q := p + n + 1
			next[nn], nn = q, nn+1
			if isBlankAt(s, q) {
				next[nn], nn = q+1, nn+1
			}
		}
		if nn == 0 {
			return false
		}
		for _, p := range next[:nn] {
			if nameStartsAt(s, p) || isBlankAt(s, p) && nameStartsAt(s, p+1) {
				return true
			}
		}
		at, na = next, nn
	}
	return false
}

// nameStartsAt: an upper-case letter and a name character at i.
func nameStartsAt(s string, i int) bool {
	r, n := runeAt(s, i)
	if n == 0 || !isUpper(r) {
		return false
	}
	r, n2 := runeAt(s, i+n)
	return n2 > 0 && isNameRune(r)
}

// etAl: Name\set\.?\sal
func etAl(s string) bool {
	end, ok := nameAt(s, 0)
	if !ok || !isBlankAt(s, end) || !strings.HasPrefix(s[end+1:], "et") {
		return false
	}
	i := end + 3
	if i < len(s) && s[i] == '.' {
		i++
	}
	return isBlankAt(s, i) && strings.HasPrefix(s[i+1:], "al")
}

// capitalsComma: \p{Lu}{2,}(?:[\s\-]\p{Lu}{2,})*,\s\p{Lu}
func capitalsComma(s string) bool {
	for i := 0; ; {
		end, count := upperRunAt(s, i)
		if count < 2 {
			return false
		}
		if end < len(s) && s[end] == ',' && isBlankAt(s, end+1) {
			if r, n := runeAt(s, end+2); n > 0 && isUpper(r) {
				return true
			}
		}
		if !isBlankAt(s, end) && (end >= len(s) || s[end] != '-') {
			return false
		}
		i = end + 1
	}
}
