package typo

import (
	"strings"
	"unicode"

	"github.com/redtide/edition/internal/lang"
	"github.com/redtide/edition/internal/model"
)

// Smarten makes the typographic substitutions of Markdown in plain text
// from elsewhere (raw HTML, front matter, the manifest) for a text in
// language (a BCP 47 tag; unknown languages get English marks): curly
// quotes and apostrophes in the language's marks and spacing (see
// Localize), en and em dashes, ellipsis.
func Smarten(s, language string) string {
	s = string(NoPlaceholders([]byte(s)))
	ins := []model.Inline{&model.Text{Text: SmartenRaw(s)}}
	Localize(ins, lang.For(language))
	return ins[0].(*model.Text).Text
}

// SmartenRaw substitutes dashes and ellipses and writes typewriter quotes
// as placeholders for localize (Unicode noncharacters, see quotes.go;
// Smarten first removes any from s): " opens after a space or an opening
// mark and closes elsewhere; ' is left for localize to pair.
func SmartenRaw(s string) string {
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
	for _, r := range s {
		switch r {
		case '"':
			if unicode.IsSpace(prev) || IsOpening(prev) || strings.ContainsRune("—–/-", prev) {
				b.WriteRune(PhLDQ)
			} else {
				b.WriteRune(PhRDQ)
			}
		case '\'':
			b.WriteRune(PhApo)
		default:
			b.WriteRune(r)
		}
		prev = r
	}
	return b.String()
}
