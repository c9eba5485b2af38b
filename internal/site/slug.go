package site

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// datePrefixLen returns the length of the date that starts name as
// Jekyll's posts start (2024-1-31-), 0 if none: what the regular
// expression ^\d{4}-\d{1,2}-\d{1,2}- matches (TestDatePrefixLen).
func datePrefixLen(name string) int {
	digits := func(i int) int { // the ASCII digits at i
		n := 0
		for i+n < len(name) && '0' <= name[i+n] && name[i+n] <= '9' {
			n++
		}
		return n
	}
	i := 0
	for k, want := range [3][2]int{{4, 4}, {1, 2}, {1, 2}} {
		n := digits(i)
		if k == 0 {
			n = min(n, 4) // \d{4} takes four of a longer run, then wants '-'
		}
		if n < want[0] || n > want[1] || i+n >= len(name) || name[i+n] != '-' {
			return 0
		}
		i += n + 1
	}
	return i
}

// replaceRuns replaces each run of runes that keep refuses (bytes that
// are not UTF-8 among them) by one hyphen, as ReplaceAllString(s, "-")
// does with the expression [^class]+ (TestReplaceRuns).
func replaceRuns(s string, keep func(rune) bool) string {
	var b strings.Builder
	last := 0 // s[:last] is written
	run := -1 // where the run being replaced started, -1 for none
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		ok := keep(r) // U+FFFD, which a byte not UTF-8 reads as, is refused
		switch {
		case !ok && run < 0:
			run = i
		case ok && run >= 0:
			if b.Cap() == 0 {
				b.Grow(len(s))
			}
			b.WriteString(s[last:run])
			b.WriteByte('-')
			last, run = i, -1
		}
		i += n
	}
	if run >= 0 {
		b.WriteString(s[last:run])
		b.WriteByte('-')
		last = len(s)
	}
	if last == 0 {
		return s // nothing replaced
	}
	b.WriteString(s[last:])
	return b.String()
}

// prettyKeeps is what Jekyll's "pretty" slugify keeps: letters, digits
// and ._~!$&'()+,;=@ (the class of [^\p{L}\p{N}._~!$&'()+,;=@]+).
func prettyKeeps(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' ||
			strings.IndexByte("._~!$&'()+,;=@", byte(r)) >= 0
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// letterOrNumber is the class of [^\p{L}\p{N}]+.
func letterOrNumber(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}
