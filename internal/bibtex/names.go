package bibtex

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/redtide/edition/internal/bib"
)

// names splits a name list ("A and B and others") into CSL names. etAl
// reports a final "others": BibTeX's mark of a list cut short, which has
// no CSL-JSON field (pandoc keeps it as a literal name "others").
func (c *texConv) names(s string) (list []bib.Name, etAl bool) {
	var room [8]string // most lists have few names: split on the stack
	parts := splitAnd(room[:0], s)
	list = make([]bib.Name, 0, len(parts))
	for _, part := range parts {
		part = strings.TrimSpace(part)
		switch {
		case part == "":
			continue
		case strings.EqualFold(part, "others"):
			etAl = true
			continue
		}
		if n, ok := c.name(part); ok {
			list = append(list, n)
		}
	}
	return list, etAl
}

// splitAnd splits at the word "and" (any case) outside braces, appending
// the parts to dst.
func splitAnd(dst []string, s string) []string {
	return splitOutside(dst, s, func(s string, i int) int {
		if !isBlank(s[i]) || i+4 >= len(s) || !strings.EqualFold(s[i+1:i+4], "and") || !isBlank(s[i+4]) {
			return 0
		}
		return 4
	})
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// splitOutside splits s where sepAt, outside braces and past backslash
// escapes, says a separator of that many bytes starts (0: none there),
// appending the parts to dst.
func splitOutside(dst []string, s string, sepAt func(s string, i int) int) []string {
	for {
		i, n := nextOutside(s, sepAt)
		if i < 0 {
			return append(dst, s)
		}
		dst = append(dst, s[:i])
		s = s[i+n:]
	}
}

// nextOutside returns where the first separator sepAt finds outside
// braces (past backslash escapes) starts in s, and its size; -1 and 0
// when there is none. A separator is found at depth 0 only, so the text
// after it starts at depth 0 too: splitOutside goes on from there.
func nextOutside(s string, sepAt func(s string, i int) int) (at, size int) {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
			continue
		case '{':
			depth++
			continue
		case '}':
			depth--
			continue
		}
		if depth == 0 {
			if n := sepAt(s, i); n > 0 {
				return i, n
			}
		}
	}
	return -1, 0
}

// name reads one name: a braced literal ("{World Health Organization}"),
// BibLaTeX's "family=…, given=…" form, or BibTeX's three forms "First von
// Last", "von Last, First" and "von Last, Jr, First". Like pandoc (and
// biber), von is the lower-case words before the last name, and it
// becomes a dropping particle.
func (c *texConv) name(s string) (bib.Name, bool) {
	if s[0] == '{' && matchBrace(s, 0) == len(s)-1 {
		lit := c.plain(s[1 : len(s)-1])
		return bib.Name{Literal: lit}, lit != ""
	}
	var room [4]string
	commas := splitDepth0(room[:0], s, ',')
	if strings.Contains(commas[0], "=") && topLevelIndex(commas[0], '=') >= 0 {
		return c.keyedName(commas), true
	}
	parts := make([][]string, len(commas))
	for i, p := range commas {
		parts[i] = nameWords(p)
	}
	var first, vonLast, jr []string
	switch len(parts) {
	case 1:
		w := parts[0]
		k := 0
		for k < len(w) && c.capitalized(w[k]) {
			k++
		}
		if k == len(w) && k > 0 {
			k--
		}
		first, vonLast = w[:k], w[k:]
	case 2:
		vonLast, first = parts[0], parts[1]
	default:
		vonLast, jr, first = parts[0], parts[1], parts[2]
	}
	k := 0
	for k < len(vonLast) && !c.capitalized(vonLast[k]) {
		k++
	}
	if k == len(vonLast) && k > 0 {
		k--
	}
	n := bib.Name{
		Given:            spaceInitials(c.joinWords(first)),
		DroppingParticle: c.joinWords(vonLast[:k]),
		Family:           c.joinWords(vonLast[k:]),
		Suffix:           c.joinWords(jr),
	}
	return n, n.Family != "" || n.Given != ""
}

// keyedName reads BibLaTeX's extended name format.
func (c *texConv) keyedName(parts []string) bib.Name {
	var n bib.Name
	useprefix := false
	for _, p := range parts {
		i := topLevelIndex(p, '=')
		if i < 0 {
			continue
		}
		k := strings.ToLower(strings.TrimSpace(p[:i]))
		v := strings.TrimSpace(p[i+1:])
		switch k {
		case "family":
			n.Family = c.plain(v)
		case "given":
			n.Given = c.plain(v)
		case "prefix":
			n.DroppingParticle = c.plain(v)
		case "suffix":
			n.Suffix = c.plain(v)
		case "useprefix":
			useprefix = strings.EqualFold(c.plain(v), "true")
		}
	}
	if useprefix {
		n.NonDroppingParticle, n.DroppingParticle = n.DroppingParticle, ""
	}
	return n
}

func (c *texConv) joinWords(ws []string) string {
	out := make([]string, 0, len(ws))
	for _, w := range ws {
		if t := c.plain(w); t != "" {
			out = append(out, t)
		}
	}
	return strings.Join(out, " ")
}

// capitalized tells whether a name word starts with an upper-case
// letter, as BibTeX decides: the first letter outside braces, or the
// letter of a special character such as {\"O}. A word with no such letter
// (a braced "{de Chaisemartin}", digits) counts as capitalized, as pandoc
// has it.
func (c *texConv) capitalized(w string) bool {
	for i := 0; i < len(w); {
		switch ch := w[i]; {
		case ch == '{':
			j := matchBrace(w, i)
			if strings.HasPrefix(w[i+1:], `\`) {
				t := c.plain(w[i+1 : j])
				if r, _ := utf8.DecodeRuneInString(t); unicode.IsLetter(r) {
					return unicode.IsUpper(r)
				}
			}
			i = j + 1
		case ch == '\\':
			t := c.plain(w[i:])
			r, _ := utf8.DecodeRuneInString(t)
			return !unicode.IsLower(r)
		default:
			r, size := utf8.DecodeRuneInString(w[i:])
			if unicode.IsLetter(r) {
				return unicode.IsUpper(r) || unicode.IsTitle(r)
			}
			i += size
		}
	}
	return true
}

// nameWords splits a name part into words at blanks and ties outside
// braces.
func nameWords(s string) []string {
	var ws []string
	depth, start := 0, -1
	flush := func(i int) {
		if start >= 0 {
			ws = append(ws, s[start:i])
			start = -1
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && start < 0:
			start = i
			i++
		case c == '\\':
			i++
		case c == '{':
			if start < 0 {
				start = i
			}
			depth++
		case c == '}':
			depth--
		case depth == 0 && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '~'):
			flush(i)
		default:
			if start < 0 {
				start = i
			}
		}
	}
	flush(len(s))
	return ws
}

// splitDepth0 splits s at sep outside braces, appending the parts to dst.
func splitDepth0(dst []string, s string, sep byte) []string {
	return splitOutside(dst, s, func(s string, i int) int {
		if s[i] == sep {
			return 1
		}
		return 0
	})
}

// topLevelIndex is the index of the first c outside braces (past
// backslash escapes, as splitDepth0 reads them), -1 if none.
func topLevelIndex(s string, c byte) int {
	i, _ := nextOutside(s, func(s string, i int) int {
		if s[i] == c {
			return 1
		}
		return 0
	})
	return i
}

// spaceInitials writes "J.G." as "J. G.", so both spellings sort and
// render alike (pandoc does the same).
func spaceInitials(s string) string {
	r := []rune(s)
	var b strings.Builder
	for i, ch := range r {
		b.WriteRune(ch)
		if ch == '.' && i > 0 && i+1 < len(r) && unicode.IsUpper(r[i-1]) && unicode.IsUpper(r[i+1]) &&
			(i < 2 || !unicode.IsLetter(r[i-2])) {
			b.WriteByte(' ')
		}
	}
	return b.String()
}
