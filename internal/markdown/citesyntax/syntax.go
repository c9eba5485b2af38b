// Package citesyntax reads pandoc's citation syntax and the locators
// of citations, with their labels as the CSL locales spell them.
package citesyntax

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/redtide/edition/internal/markdown/scan"
)

// Citation syntax, as pandoc's Markdown reader defines it
// (https://pandoc.org/MANUAL.html#citation-syntax):
//
//   - [see @doe99, pp. 33–35; also @smith04, chap. 1]: citations in
//     brackets, separated by semicolons, each with a key, an optional
//     prefix before it and an optional locator and suffix after it;
//   - [-@doe99]: the author suppressed;
//   - @doe99 and @doe99 [p. 33]: author-in-text, with an optional
//     locator and suffix in brackets after it;
//   - keys start with a letter, digit or _ and hold letters, digits, _
//     and internal punctuation (:.#$%&-+?<>~/); @{…} takes any key in
//     braces.
//
// A bracketed list where one part has no key is not a citation (it is
// text or a link), nor is one followed at once by ( or [, which makes it
// a link: [@user](https://…) is a link to a profile, as readers of the
// site saw it.

// Cite is a citation read from the source, before its prefix and
// suffix are converted as Markdown.
type Cite struct {
	InText bool
	Items  []Item
}

// Item is one work of a citation.
type Item struct {
	Prefix   string
	Key      string
	Suppress bool
	Suffix   string // after the key, locator included
}

// keyPunct is the punctuation a key may hold inside (not at its end).
const keyPunct = ":.#$%&-+?<>~/"

func isKeyChar(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

// citeKey reads a key after its @ at the start of s; n is the key's
// length in s with its braces, 0 for none.
func citeKey(s string) (key string, n int) {
	if strings.HasPrefix(s, "{") {
		end := strings.IndexByte(s, '}')
		if end <= 1 || strings.ContainsAny(s[1:end], " \t\n{") {
			return "", 0
		}
		return s[1:end], end + 1
	}
	r, w := utf8.DecodeRuneInString(s)
	if !isKeyChar(r) {
		return "", 0
	}
	i := w
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if isKeyChar(r) {
			i += w
			continue
		}
		if strings.ContainsRune(keyPunct, r) {
			next, _ := utf8.DecodeRuneInString(s[i+w:])
			if isKeyChar(next) || (r == ':' || r == '/') && next == '/' {
				i += w
				continue
			}
		}
		break
	}
	return s[:i], i
}

// keyAt reads an optional - and @key at s[i:] when what precedes s[i]
// allows a citation there (the start or a space); end is the offset
// after the key.
func keyAt(s string, i int) (key string, suppress bool, end int) {
	if i > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.IsSpace(r) {
			return "", false, 0
		}
	}
	j := i
	if strings.HasPrefix(s[j:], "-@") {
		suppress = true
		j++
	}
	if !strings.HasPrefix(s[j:], "@") {
		return "", false, 0
	}
	key, n := citeKey(s[j+1:])
	if n == 0 {
		return "", false, 0
	}
	return key, suppress, j + 1 + n
}

// citeItem reads one part of a bracketed citation: prefix, key, suffix.
// ok is false when the part has no key.
func citeItem(part string) (Item, bool) {
	for i := 0; i < len(part); i++ {
		if part[i] != '@' && part[i] != '-' {
			continue
		}
		key, suppress, end := keyAt(part, i)
		if key == "" {
			continue
		}
		return Item{Prefix: strings.TrimSpace(part[:i]), Key: key, Suppress: suppress, Suffix: part[end:]}, true
	}
	return Item{}, false
}

// splitCiteList splits the inside of brackets at the semicolons outside
// braces, brackets and backslash escapes.
func splitCiteList(s string) []string {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '{', '[', '(':
			depth++
		case '}', ']', ')':
			depth--
		case ';':
			if depth <= 0 {
				parts = append(parts, s[start:i])
				start = i + 1
			}
		}
	}
	return append(parts, s[start:])
}

// citeList reads the inside of a bracketed citation. With firstBare,
// the first part may have no key: it is the suffix of an author-in-text
// citation ("@doe99 [p. 33]"), returned as bare.
func citeList(s string, firstBare bool) (items []Item, bare string, ok bool) {
	if !strings.Contains(s, "@") && !firstBare {
		return nil, "", false
	}
	for i, part := range splitCiteList(s) {
		it, ok := citeItem(part)
		if !ok {
			if i == 0 && firstBare && !strings.Contains(part, "@") {
				bare = part
				continue
			}
			return nil, "", false
		}
		items = append(items, it)
	}
	return items, bare, true
}

// Bracketed reads a bracketed citation at the start of s ("[@key …]");
// n is its length, 0 when s starts none (more: s ends before the
// brackets close, and more text could complete it).
func Bracketed(s string) (c Cite, n int, more bool) {
	if !strings.HasPrefix(s, "[") || strings.HasPrefix(s, "[^") {
		return Cite{}, 0, false
	}
	end, more := scan.MatchBracket([]byte(s), 0, '[', ']')
	if end < 0 {
		return Cite{}, 0, more
	}
	if linkFollows(s[end+1:]) {
		return Cite{}, 0, false
	}
	items, _, ok := citeList(s[1:end], false)
	if !ok {
		return Cite{}, 0, false
	}
	return Cite{Items: items}, end + 1, false
}

// linkFollows: what follows a closing bracket makes it a link or an
// attributed span: ( [ or {.
func linkFollows(s string) bool {
	return s != "" && (s[0] == '(' || s[0] == '[' || s[0] == '{')
}

// AuthorInText reads an author-in-text citation at the start of s ("@key",
// "-@key", "@key [p. 33]", "@key [-@other]"); prev is the rune before
// it. n is its length, 0 when s starts none.
func AuthorInText(s string, prev rune) (Cite, int) {
	if !MayFollow(prev) {
		return Cite{}, 0
	}
	key, suppress, end := keyAt(s, 0)
	if key == "" {
		return Cite{}, 0
	}
	c := Cite{InText: !suppress, Items: []Item{{Key: key, Suppress: suppress}}}
	// "@key [p. 33]": one space or line break, then brackets.
	j := end
	if j < len(s) && (s[j] == ' ' || s[j] == '\n') {
		j++
	}
	if j >= len(s) || s[j] != '[' || strings.HasPrefix(s[j:], "[^") {
		return c, end
	}
	close, _ := scan.MatchBracket([]byte(s), j, '[', ']')
	if close < 0 || linkFollows(s[close+1:]) {
		return c, end
	}
	items, bare, ok := citeList(s[j+1:close], true)
	if !ok {
		return c, end
	}
	c.Items[0].Suffix = bare
	c.Items = append(c.Items, items...)
	return c, close + 1
}

// MayFollow reports whether an author-in-text citation may start
// after prev: not inside a word, an e-mail address or a URL
// (name@example.org, https://example.org/@name).
func MayFollow(prev rune) bool {
	if prev == utf8.RuneError || prev == 0 {
		return true
	}
	if unicode.IsLetter(prev) || unicode.IsDigit(prev) {
		return false
	}
	return !strings.ContainsRune("_@/:.+%&=~\\-", prev)
}
