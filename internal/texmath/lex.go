package texmath

import (
	"unicode/utf8"
)

// tokKind is the category of a token, as TeX's category codes sort
// characters (The TeXbook, chapter 7).
type tokKind uint8

const (
	tEOF    tokKind = iota
	tCS             // a control sequence: \alpha, \,, \\
	tChar           // any other character
	tBegin          // {
	tEnd            // }
	tSup            // ^
	tSub            // _
	tAlign          // &
	tParam          // # (in macro bodies: #1)
	tSpace          // one or more spaces or newlines
	tActive         // ~
)

// token is one TeX token. For tCS, text is the name without the
// backslash; for tChar, the character; for tParam, the digit that
// follows # (or "" when none).
type token struct {
	kind tokKind
	text string
	off  int // byte offset in the source
}

// tokenize splits TeX source into tokens. Comments (% to the end of the
// line) are dropped. A backslash at the very end is a control sequence
// with an empty name, which the parser reports.
func tokenize(src string, base int) []token {
	var toks []token
	for i := 0; i < len(src); {
		c := src[i]
		switch c {
		case '\\':
			name, n := controlName(src[i+1:])
			toks = append(toks, token{tCS, name, base + i})
			i += 1 + n
		case '%':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case ' ', '\t', '\n', '\r':
			j := i
			for j < len(src) && (src[j] == ' ' || src[j] == '\t' || src[j] == '\n' || src[j] == '\r') {
				j++
			}
			toks = append(toks, token{tSpace, " ", base + i})
			i = j
		case '#':
			t := token{tParam, "", base + i}
			i++
			if i < len(src) && src[i] >= '1' && src[i] <= '9' {
				t.text = src[i : i+1]
				i++
			}
			toks = append(toks, t)
		default:
			k := singleKind(c)
			r, n := utf8.DecodeRuneInString(src[i:])
			if r == utf8.RuneError && n <= 1 {
				r = '\uFFFD'
			}
			toks = append(toks, token{k, string(r), base + i})
			i += n
		}
	}
	return toks
}

func singleKind(c byte) tokKind {
	switch c {
	case '{':
		return tBegin
	case '}':
		return tEnd
	case '^':
		return tSup
	case '_':
		return tSub
	case '&':
		return tAlign
	case '~':
		return tActive
	}
	return tChar
}

// controlName reads a control sequence's name after its backslash: a
// run of letters (a control word), or one character (a control symbol).
// It returns the name and the bytes it took, including the spaces a
// control word swallows.
func controlName(s string) (string, int) {
	if s == "" {
		return "", 0
	}
	n := 0
	for n < len(s) && isLetter(s[n]) {
		n++
	}
	if n == 0 {
		_, size := utf8.DecodeRuneInString(s)
		return s[:size], size
	}
	name := s[:n]
	// Spaces after a control word are skipped (The TeXbook, p. 46);
	// they do not matter in math, but they do inside \text.
	for n < len(s) && (s[n] == ' ' || s[n] == '\t' || s[n] == '\n' || s[n] == '\r') {
		n++
	}
	return name, n
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
