package bibtex

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// CSL-JSON rich-text markup (see internal/bib).
const (
	openNocase    = `<span class="nocase">`
	openSmallCaps = `<span style="font-variant:small-caps;">`
)

// texConv turns the TeX of a field value into CSL rich text: accents and
// symbols become Unicode, formatting commands become markup, and a brace
// group at the top level that holds letters (not a "special character"
// such as {\'e}, which BibTeX itself treats as a letter) becomes
// <span class="nocase">, as pandoc does. Unknown commands keep their
// argument's text and are listed in unknown.
type texConv struct {
	unknown     []string
	accentDepth int // accents whose argument is being converted
}

// rich converts a field value to CSL rich text.
func (c *texConv) rich(s string) string {
	if plainTeX(s) {
		return nfc(strings.TrimSpace(s))
	}
	var b strings.Builder
	c.conv(s, false, false, &b)
	return nfc(strings.TrimSpace(b.String()))
}

// nfc composes accents written as combining marks (\'e gives e and
// U+0301) into single letters.
func nfc(s string) string {
	ascii := true
	for i := 0; i < len(s) && ascii; i++ {
		ascii = s[i] < 0x80
	}
	// most values are ASCII, which is always in NFC; String returns a
	// value in NFC as it is (IsNormalString would make a buffer to say so)
	if ascii {
		return s
	}
	return norm.NFC.String(s)
}

// plain converts a field value to plain text (names, dates, numbers).
func (c *texConv) plain(s string) string {
	return stripMarkup(c.rich(s))
}

var markupTags = strings.NewReplacer(
	openNocase, "", openSmallCaps, "", "</span>", "",
	"<i>", "", "</i>", "", "<b>", "", "</b>", "",
	"<sup>", "", "</sup>", "", "<sub>", "", "</sub>", "")

// stripMarkup removes the markup that rich writes.
func stripMarkup(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	return markupTags.Replace(s)
}

// plainTeX reports whether s reads as itself: no TeX specials, ligatures
// or runs of blanks (most field values are such).
func plainTeX(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\', '{', '}', '$', '~', '-', '`', '\'', '"', '!', '?', '\t', '\n', '\r', '^', '_':
			return false
		case ' ':
			if i+1 < len(s) && s[i+1] == ' ' {
				return false
			}
		}
	}
	return true
}

// conv writes the conversion of s. protected is set inside a case
// protecting group (no nested nocase spans); math inside $...$.
func (c *texConv) conv(s string, protected, math bool, b *strings.Builder) {
	for i := 0; i < len(s); {
		switch ch := s[i]; ch {
		case '{':
			j := matchBrace(s, i)
			inner := s[i+1 : j]
			i = min(j+1, len(s))
			if !protected && !math && !strings.HasPrefix(inner, `\`) && hasLetter(inner) {
				b.WriteString(openNocase)
				c.conv(inner, true, math, b)
				b.WriteString("</span>")
			} else {
				c.conv(inner, protected, math, b)
			}
		case '}':
			i++
		case '\\':
			i = c.command(s, i, protected, math, b)
		case '$':
			i = c.mathSpan(s, i, protected, math, b)
		case ' ', '\t', '\n', '\r':
			i++
			if !math {
				space(b)
			}
		case '^', '_':
			if !math {
				b.WriteByte(ch)
				i++
				continue
			}
			arg, next := readArg(s, i+1)
			i = next
			tag := map[byte]string{'^': "sup", '_': "sub"}[ch]
			b.WriteString("<" + tag + ">")
			c.conv(arg, true, true, b)
			b.WriteString("</" + tag + ">")
		default:
			i = c.text(s, i, math, b)
		}
	}
}

// text writes the character at s[i] with TeX's ligatures: ~ (no-break
// space), -- and ---, “ and ” (pandoc reads them "smart").
func (c *texConv) text(s string, i int, math bool, b *strings.Builder) int {
	if !math && (s[i] == '"' || s[i] == '\'' && !strings.HasPrefix(s[i:], "''")) && opening(b.String()) {
		// A quote that opens (after a blank, a bracket or at the start)
		// is a left quote, as pandoc's smart reading has it.
		b.WriteString(map[byte]string{'"': "“", '\'': "‘"}[s[i]])
		return i + 1
	}
	if !math && s[i] == '"' {
		b.WriteString("”")
		return i + 1
	}
	if !math && strings.IndexByte("-`'~!?", s[i]) >= 0 {
		for _, l := range ligatures {
			if strings.HasPrefix(s[i:], l.tex) {
				b.WriteString(l.out)
				return i + len(l.tex)
			}
		}
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	b.WriteString(s[i : i+size])
	return i + size
}

// opening reports whether a quote after text t opens.
func opening(t string) bool {
	if t == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(t)
	return r == ' ' || r == '\u00a0' || r == '(' || r == '[' || r == '“' || r == '‘' || r == '—' || r == '–' || r == '>'
}

var ligatures = []struct{ tex, out string }{
	{"---", "—"}, {"--", "–"}, {"``", "“"}, {"''", "”"}, {"`", "‘"}, {"'", "’"},
	{"~", "\u00a0"}, {"!`", "¡"}, {"?`", "¿"},
}

// mathSpan converts $...$ (or $$...$$) starting at s[i].
func (c *texConv) mathSpan(s string, i int, protected, math bool, b *strings.Builder) int {
	if math {
		return i + 1
	}
	delim := "$"
	if strings.HasPrefix(s[i:], "$$") {
		delim = "$$"
	}
	start := i + len(delim)
	end := start
	for end < len(s) && !strings.HasPrefix(s[end:], delim) {
		if s[end] == '\\' {
			end++
		}
		end++
	}
	end = min(end, len(s))
	c.conv(s[start:end], true, true, b)
	return min(end+len(delim), len(s))
}

// space writes one space unless the text already ends with one.
func space(b *strings.Builder) {
	t := b.String()
	if t != "" && !strings.HasSuffix(t, " ") && !strings.HasSuffix(t, "\u00a0") {
		b.WriteByte(' ')
	}
}

// matchBrace returns the index of the brace closing the one at s[i], or
// len(s) when it is not closed.
func matchBrace(s string, i int) int {
	depth := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return len(s)
}

// readArg reads a command's argument at s[i]: a brace group (without its
// braces), a control sequence, or one character. Blanks before it are
// skipped, as TeX does.
func readArg(s string, i int) (string, int) {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	if i >= len(s) {
		return "", i
	}
	switch s[i] {
	case '{':
		j := matchBrace(s, i)
		return s[i+1 : j], min(j+1, len(s))
	case '\\':
		j := i + 1
		for j < len(s) && isLetter(s[j]) {
			j++
		}
		if j == i+1 && j < len(s) {
			_, size := utf8.DecodeRuneInString(s[j:])
			return s[i : j+size], j + size
		}
		arg := s[i:j]
		for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r') {
			j++
		}
		return arg, j
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	return s[i : i+size], i + size
}

func hasLetter(s string) bool {
	for _, r := range s {
		if r == '\\' {
			continue
		}
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || r >= 0x80 {
			return true
		}
	}
	return false
}
