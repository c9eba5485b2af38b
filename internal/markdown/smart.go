package markdown

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
// localize), en and em dashes, ellipsis.
func Smarten(s, language string) string {
	s = string(noPlaceholders([]byte(s)))
	ins := []model.Inline{&model.Text{Text: smartenRaw(s)}}
	localize(ins, lang.For(language))
	return ins[0].(*model.Text).Text
}

// smartenRaw substitutes dashes and ellipses and writes typewriter quotes
// as placeholders for localize (Unicode noncharacters, see quotes.go;
// Smarten first removes any from s): " opens after a space or an opening
// mark and closes elsewhere; ' is left for localize to pair.
func smartenRaw(s string) string {
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
			if unicode.IsSpace(prev) || isOpening(prev) || strings.ContainsRune("—–/-", prev) {
				b.WriteRune(phLDQ)
			} else {
				b.WriteRune(phRDQ)
			}
		case '\'':
			b.WriteRune(phApo)
		default:
			b.WriteRune(r)
		}
		prev = r
	}
	return b.String()
}
