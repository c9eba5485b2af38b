package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Smarten applies the typographic substitutions goldmark's Typographer
// makes in Markdown to plain text from elsewhere (raw HTML, front matter,
// the manifest): curly quotes and apostrophes, en and em dashes, ellipsis.
func Smarten(s string) string {
	if !strings.ContainsAny(s, `"'-.`) {
		return s
	}
	s = strings.ReplaceAll(s, "---", "—")
	s = strings.ReplaceAll(s, "--", "–")
	s = strings.ReplaceAll(s, "...", "…")
	if !strings.ContainsAny(s, `"'`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	prev := ' '
	for i, r := range s {
		switch r {
		case '"', '\'':
			opening := unicode.IsSpace(prev) || strings.ContainsRune("([{—–", prev) || i == 0
			next, _ := utf8.DecodeRuneInString(s[i+1:])
			if r == '\'' && unicode.IsLetter(prev) && (unicode.IsLetter(next) || unicode.IsSpace(next) || next == utf8.RuneError) {
				b.WriteRune('’') // apostrophe: don't, workers'
			} else if r == '"' && opening {
				b.WriteRune('“')
			} else if r == '"' {
				b.WriteRune('”')
			} else if opening {
				b.WriteRune('‘')
			} else {
				b.WriteRune('’')
			}
		default:
			b.WriteRune(r)
		}
		prev = r
	}
	return b.String()
}
