// Package scan holds the lexical readers of the syntax posts carry
// besides Markdown (Liquid tags and output, Hugo shortcodes, kramdown
// spans, TeX math delimiters, bracketed spans): each reads one construct
// at the start of a byte slice and returns its length.
package scan

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/util"
)

// Lexical readers for the syntax posts carry besides Markdown. Each reads
// one construct at the start of a byte slice and returns its length, 0
// when the slice does not start with one. They know nothing of goldmark;
// the parsers in parsers.go call them.

// TagLimit bounds the length of one tag, so that an unclosed "{%" costs
// a bounded search.
const TagLimit = 8 << 10

// CloseWithin finds delim in s[from:] within tagLimit bytes and without
// crossing a blank line; it returns the offset just past it, or -1.
func CloseWithin(s []byte, from int, delim string) int {
	if from > len(s) {
		return -1
	}
	w := s[from:min(len(s), from+TagLimit)]
	i := bytes.Index(w, []byte(delim))
	if i < 0 || hasBlankLine(w[:i]) {
		return -1
	}
	return from + i + len(delim)
}

// hasBlankLine reports whether b holds a line of only spaces and tabs
// between two newlines.
func hasBlankLine(b []byte) bool {
	for {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			return false
		}
		b = b[i+1:]
		j := 0
		for j < len(b) && (b[j] == ' ' || b[j] == '\t' || b[j] == '\r') {
			j++
		}
		if j < len(b) && b[j] == '\n' {
			return true
		}
	}
}

func isNameByte(c byte) bool {
	return c == '_' || c == '-' || c == '.' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func skipSpace(s []byte, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i
}

// LiquidTag reads a Liquid tag, {% name args %} with optional
// whitespace-control dashes ({%- … -%}).
func LiquidTag(s []byte) (name, args string, n int) {
	if !bytes.HasPrefix(s, []byte("{%")) {
		return "", "", 0
	}
	i := 2
	if i < len(s) && s[i] == '-' {
		i++
	}
	i = skipSpace(s, i)
	start := i
	for i < len(s) && isNameByte(s[i]) && !(i > start && s[i] == '-' && i+1 < len(s) && s[i+1] == '%') {
		i++
	}
	if i == start || s[start] == '-' || s[start] == '.' {
		return "", "", 0
	}
	// Liquid allows blank lines inside a tag (an include's parameters
	// are often spaced out so); a tag cannot hold another's opening.
	w := s[i:min(len(s), i+TagLimit)]
	e := bytes.Index(w, []byte("%}"))
	if e < 0 || bytes.Contains(w[:e], []byte("{%")) {
		return "", "", 0
	}
	end := i + e + 2
	args = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(string(s[i:end-2])), "-"))
	return string(s[start:i]), args, end
}

// LiquidEnd finds the tag {% end<name> %} in s and returns its start and
// end offsets, or -1, -1.
func LiquidEnd(s []byte, name string) (int, int) {
	for from := 0; from < len(s); {
		i := bytes.Index(s[from:], []byte("{%"))
		if i < 0 {
			break
		}
		i += from
		if n, _, l := LiquidTag(s[i:]); l > 0 && n == "end"+name {
			return i, i + l
		}
		from = i + 2
	}
	return -1, -1
}

// LiquidOutput reads a Liquid output tag, {{ expression }}; Hugo
// shortcodes ({{< … >}}, {{% … %}}) are not output tags.
func LiquidOutput(s []byte) int {
	if !bytes.HasPrefix(s, []byte("{{")) || len(s) > 2 && (s[2] == '<' || s[2] == '%') {
		return 0
	}
	end := CloseWithin(s, 2, "}}")
	if end < 0 || bytes.Contains(s[2:end-2], []byte("{{")) {
		return 0
	}
	// "}}}" closes on the last two braces: {{ {a} }} is rare, but a
	// brace inside an output tag belongs to it.
	for end < len(s) && s[end] == '}' && bytes.Count(s[:end], []byte("{")) > bytes.Count(s[:end], []byte("}")) {
		end++
	}
	return end
}

// Shortcode reads a Hugo Shortcode: {{< name args >}} (its inner content
// passed on as it is) or {{% name args %}} (inner content rendered as
// Markdown), with a leading "/" for a closing tag and a trailing "/" for
// a self-closing one. The comment form {{</* … */>}} stands for the
// Shortcode's own text and is reported as escaped.
func Shortcode(s []byte) (name, args string, closing, escaped bool, n int) {
	if len(s) < 3 || !bytes.HasPrefix(s, []byte("{{")) || (s[2] != '<' && s[2] != '%') {
		return "", "", false, false, 0
	}
	closeDelim := "%}}"
	if s[2] == '<' {
		closeDelim = ">}}"
	}
	i := skipSpace(s, 3)
	if bytes.HasPrefix(s[i:], []byte("/*")) {
		end := CloseWithin(s, i, "*/")
		if end < 0 {
			return "", "", false, false, 0
		}
		e := skipSpace(s, end)
		if !bytes.HasPrefix(s[e:], []byte(closeDelim)) {
			return "", "", false, false, 0
		}
		return "", string(s[i+2 : end-2]), false, true, e + 3
	}
	if i < len(s) && s[i] == '/' {
		closing = true
		i = skipSpace(s, i+1)
	}
	start := i
	for i < len(s) && (isNameByte(s[i]) || s[i] == '/') {
		i++
	}
	if i == start {
		return "", "", false, false, 0
	}
	end := CloseWithin(s, i, closeDelim)
	if end < 0 {
		return "", "", false, false, 0
	}
	args = strings.TrimSpace(string(s[i : end-3]))
	args = strings.TrimSpace(strings.TrimSuffix(args, "/"))
	return strings.TrimSuffix(string(s[start:i]), "/"), args, closing, false, end
}

// ShortcodeEnd finds the closing tag of shortcode name in s.
func ShortcodeEnd(s []byte, name string) (int, int) {
	for from := 0; from < len(s); {
		i := bytes.Index(s[from:], []byte("{{"))
		if i < 0 {
			break
		}
		i += from
		if n, _, closing, _, l := Shortcode(s[i:]); l > 0 && closing && n == name {
			return i, i + l
		}
		from = i + 2
	}
	return -1, -1
}

// closeBrace finds the } that ends an attribute list, outside quoted
// values ({: title="a } b"}); -1 when there is none.
func closeBrace(line []byte) int {
	var quote byte
	for i, b := range line {
		switch {
		case quote != 0:
			if b == quote {
				quote = 0
			}
		case b == '"' || b == '\'':
			quote = b
		case b == '}':
			return i
		}
	}
	return bytes.IndexByte(line, '}')
}

// KramdownSpan reads a kramdown attribute list ({: .class #id key="v"},
// {:toc}, {:ref: …}) or extension ({::comment}…{:/comment},
// {::options key="v" /}). ext is the extension's name, "" for an
// attribute list.
func KramdownSpan(s []byte) (ext string, n int) {
	if !bytes.HasPrefix(s, []byte("{:")) {
		return "", 0
	}
	nl := bytes.IndexByte(s, '\n')
	if nl < 0 {
		nl = len(s)
	}
	line := s[:min(nl, TagLimit)]
	if !bytes.HasPrefix(s, []byte("{::")) {
		end := closeBrace(line)
		if end < 0 {
			return "", 0
		}
		return "", end + 1
	}
	i := 3
	for i < len(line) && isNameByte(line[i]) {
		i++
	}
	if i == 3 {
		return "", 0
	}
	ext = string(line[3:i])
	end := bytes.IndexByte(line, '}')
	if end < 0 {
		return "", 0
	}
	if line[end-1] == '/' {
		return ext, end + 1
	}
	// The body runs to {:/name} or {:/}.
	rest := s[end+1:]
	for _, closer := range []string{"{:/" + ext + "}", "{:/}"} {
		if k := bytes.Index(rest, []byte(closer)); k >= 0 {
			return ext, end + 1 + k + len(closer)
		}
	}
	return ext, end + 1
}

// MathAt reads TeX math with its delimiters at the start of s and
// returns the TeX, whether the delimiters are display ones, and the
// length. Delimiters, as MathJax and KaTeX read them in a page:
//
//   - $$…$$ always (kramdown's math syntax, and MathJax's display math);
//   - \\(…\\) and \\[…\\], the same delimiters escaped for Markdown (the
//     TeX inside went through Markdown's backslash escapes, undone here);
//   - with loose, also \(…\), \[…\] and $…$: these need a post that
//     clearly uses math, since "\[sic\]" and "$5 and $6" are prose. A $
//     opens math before a non-space and closes it after a non-space when
//     no digit follows, as pandoc reads it.
func MathAt(s []byte, loose bool) (tex string, display bool, n int) {
	switch {
	case bytes.HasPrefix(s, []byte("$$")):
		end := closeMath(s, 2, "$$")
		if end < 0 {
			return "", false, 0
		}
		return string(s[2 : end-2]), true, end
	case bytes.HasPrefix(s, []byte(`\\(`)), bytes.HasPrefix(s, []byte(`\\[`)):
		closer := `\\)`
		if s[2] == '[' {
			closer = `\\]`
		}
		end := closeMath(s, 3, closer)
		if end < 0 {
			return "", false, 0
		}
		return string(util.UnescapePunctuations(s[3 : end-3])), s[2] == '[', end
	case !loose:
		return "", false, 0
	case bytes.HasPrefix(s, []byte(`\(`)), bytes.HasPrefix(s, []byte(`\[`)):
		closer := `\)`
		if s[1] == '[' {
			closer = `\]`
		}
		end := closeMath(s, 2, closer)
		if end < 0 {
			return "", false, 0
		}
		return string(s[2 : end-2]), s[1] == '[', end
	case len(s) > 2 && s[0] == '$' && !isSpaceByte(s[1]) && s[1] != '$':
		for j := 2; j < len(s) && s[j] != '\n'; j++ {
			if s[j] == '$' && !isSpaceByte(s[j-1]) && s[j-1] != '\\' && (j+1 == len(s) || !isDigit(s[j+1])) {
				return string(s[1:j]), false, j + 1
			}
		}
	}
	return "", false, 0
}

// TeXRef reads \eqref{label} or \ref{label} at the start of s, as
// MathJax typesets them in text (processRefs), and returns its length, 0
// for none. The label holds no braces, backslashes or line breaks.
func TeXRef(s []byte) int {
	var n int
	switch {
	case bytes.HasPrefix(s, []byte(`\eqref{`)):
		n = len(`\eqref{`)
	case bytes.HasPrefix(s, []byte(`\ref{`)):
		n = len(`\ref{`)
	default:
		return 0
	}
	end := bytes.IndexByte(s[n:], '}')
	if end <= 0 || end > 200 || bytes.ContainsAny(s[n:n+end], "{\\\n") {
		return 0
	}
	return n + end + 1
}

// closeMath finds the closing delimiter of math opened at s[:from]: not
// escaped by a backslash, with some TeX before it, and without a blank
// line between (TeX math cannot hold a paragraph break).
func closeMath(s []byte, from int, closer string) int {
	for i := from; i < len(s); {
		k := bytes.Index(s[i:], []byte(closer))
		if k < 0 {
			return -1
		}
		k += i
		if hasBlankLine(s[from:k]) {
			return -1
		}
		if closer[0] == '$' && s[k-1] == '\\' {
			i = k + 1
			continue
		}
		if strings.TrimSpace(string(s[from:k])) == "" {
			return -1
		}
		return k + len(closer)
	}
	return -1
}

// MathEnv reads a LaTeX environment \begin{name}…\end{name} standing as a
// block, as MathJax processes them (equation, align, gather, …). The
// whole environment is the TeX.
func MathEnv(s []byte) (tex string, n int) {
	if !bytes.HasPrefix(s, []byte(`\begin{`)) {
		return "", 0
	}
	e := bytes.IndexByte(s, '}')
	if e < 0 || e > 40 {
		return "", 0
	}
	name := s[7:e]
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '*') {
			return "", 0
		}
	}
	begin, end := []byte(`\begin{`+string(name)+"}"), []byte(`\end{`+string(name)+"}")
	s = s[:min(len(s), 8*TagLimit)]
	depth := 0
	for i := 0; i < len(s); {
		b, c := bytes.Index(s[i:], begin), bytes.Index(s[i:], end)
		if c < 0 {
			return "", 0
		}
		if b >= 0 && b < c {
			depth++
			i += b + len(begin)
			continue
		}
		depth--
		i += c + len(end)
		if depth == 0 {
			if hasBlankLine(s[:i]) {
				return "", 0
			}
			return string(s[:i]), i
		}
	}
	return "", 0
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
func isDigit(c byte) bool     { return c >= '0' && c <= '9' }

// RestBlank reports whether s holds only white space up to its first
// newline.
func RestBlank(s []byte) bool {
	for _, c := range s {
		switch c {
		case '\n':
			return true
		case ' ', '\t', '\r':
		default:
			return false
		}
	}
	return true
}

// TagParams reads the key=value parameters of a tag: key="value",
// key='value', key={{ output }} and key=value, as the regular expression
//
//	([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\{\{.*?\}\}|\S+))
//
// finds them, left to right. Keys are lower-cased; the first of a
// repeated key wins.
func TagParams(args string) map[string]string {
	kv := map[string]string{}
	for i := 0; i < len(args); {
		if !keyByte(args[i]) {
			i++
			continue
		}
		start := i
		for i < len(args) && keyByte(args[i]) {
			i++
		}
		// A key is a whole run of key bytes: one begun inside the run
		// would meet the same "=" or fail as it does.
		j := skipTagSpace(args, i)
		if j == len(args) || args[j] != '=' {
			continue
		}
		val, end, ok := tagValue(args, skipTagSpace(args, j+1))
		if !ok {
			continue
		}
		if k := strings.ToLower(args[start:i]); !hasKey(kv, k) {
			kv[k] = val
		}
		i = end
	}
	return kv
}

func hasKey(kv map[string]string, k string) bool {
	_, ok := kv[k]
	return ok
}

// tagValue reads the value of a parameter at s[i:] and returns it and
// the offset after it: a quoted string (without its quotes), Liquid
// output on one line, else the bytes up to a space.
func tagValue(s string, i int) (val string, end int, ok bool) {
	if i == len(s) {
		return "", i, false
	}
	switch s[i] {
	case '"', '\'':
		if j := strings.IndexByte(s[i+1:], s[i]); j >= 0 {
			return s[i+1 : i+1+j], i + 2 + j, true
		}
	case '{':
		if strings.HasPrefix(s[i:], "{{") {
			if j := strings.Index(s[i+2:], "}}"); j >= 0 && strings.IndexByte(s[i+2:i+2+j], '\n') < 0 {
				return s[i : i+4+j], i + 4 + j, true
			}
		}
	}
	end = i
	for end < len(s) && !tagSpace(s[end]) {
		end++
	}
	return s[i:end], end, end > i
}

// keyByte: a byte of a parameter's key (\w and "-").
func keyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// tagSpace: a space between a key, "=" and a value (\s).
func tagSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

func skipTagSpace(s string, i int) int {
	for i < len(s) && tagSpace(s[i]) {
		i++
	}
	return i
}

// MatchBracket returns the offset of the bracket closing s[at],
// skipping nested pairs, backslash escapes and Liquid's {{ }} and {% %};
// -1 when s ends first (more then says whether it could still close: no
// blank line came first).
func MatchBracket(s []byte, at int, open, close byte) (int, bool) {
	depth := 0
	for i := at; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\':
			i++
		case c == '\n' && RestBlank(s[i+1:]) && i+1 < len(s):
			return -1, false
		case c == '{' && i+1 < len(s) && (s[i+1] == '{' || s[i+1] == '%'):
			closer := "}}"
			if s[i+1] == '%' {
				closer = "%}"
			}
			end := CloseWithin(s, i+2, closer)
			if end < 0 {
				return -1, len(s)-i < TagLimit
			}
			i = end - 1
		case c == open:
			depth++
		case c == close:
			depth--
			if depth == 0 {
				return i, false
			}
		}
	}
	return -1, true
}
