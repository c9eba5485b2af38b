package bibdb

import "strings"

// markdown converts the inline Markdown that pandoc reads in CSL-YAML
// text to CSL rich text: *emphasis* and _emphasis_ (<i>), **strong**
// (<b>), ^superscript^, ~subscript~, [text]{.nocase} and
// [text]{.smallcaps}, backslash escapes, and pandoc's smart dashes (--,
// ---) and apostrophes. Anything else is text.
func markdown(s string) string {
	if !strings.ContainsAny(s, "*_^~[\\-'") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if n, out := markdownAt(s, i); n > 0 {
			b.WriteString(out)
			i += n
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// markdownAt converts the construct starting at s[i]; n is 0 when none
// does.
func markdownAt(s string, i int) (n int, out string) {
	switch c := s[i]; c {
	case '-':
		if strings.HasPrefix(s[i:], "---") {
			return 3, "—"
		}
		if strings.HasPrefix(s[i:], "--") {
			return 2, "–"
		}
	case '\'':
		if i > 0 && isWordByte(s[i-1]) {
			return 1, "’"
		}
	case '\\':
		if i+1 < len(s) && strings.IndexByte("\\`*_{}[]()#+-.!^~|<>\"'", s[i+1]) >= 0 {
			return 2, s[i+1 : i+2]
		}
	case '*', '_':
		if c == '_' && i > 0 && isWordByte(s[i-1]) {
			return 0, ""
		}
		delim, tag := string(c), "i"
		if strings.HasPrefix(s[i:], string(c)+string(c)) {
			delim, tag = delim+delim, "b"
		}
		return wrapped(s, i, delim, "<"+tag+">", "</"+tag+">", c == '_')
	case '^':
		return wrapped(s, i, "^", "<sup>", "</sup>", false)
	case '~':
		return wrapped(s, i, "~", "<sub>", "</sub>", false)
	case '[':
		return bracketSpan(s, i)
	}
	return 0, ""
}

// wrapped converts delim text delim at s[i]: the text must not start or
// end with a blank; an underscore must not close inside a word.
func wrapped(s string, i int, delim, open, close string, word bool) (int, string) {
	start := i + len(delim)
	j := strings.Index(s[start:], delim)
	if j <= 0 {
		return 0, ""
	}
	end := start + j
	inner := s[start:end]
	if inner[0] == ' ' || inner[len(inner)-1] == ' ' {
		return 0, ""
	}
	if (delim == "^" || delim == "~") && strings.Contains(inner, " ") {
		return 0, ""
	}
	if word && end+len(delim) < len(s) && isWordByte(s[end+len(delim)]) {
		return 0, ""
	}
	return end + len(delim) - i, open + markdown(inner) + close
}

// bracketSpan converts [text]{.nocase} and [text]{.smallcaps}.
func bracketSpan(s string, i int) (int, string) {
	j := strings.Index(s[i:], "]{")
	if j < 0 {
		return 0, ""
	}
	k := strings.IndexByte(s[i+j:], '}')
	if k < 0 {
		return 0, ""
	}
	attr := strings.TrimSpace(s[i+j+2 : i+j+k])
	inner := markdown(s[i+1 : i+j])
	n := j + k + 1
	switch attr {
	case ".nocase":
		return n, `<span class="nocase">` + inner + "</span>"
	case ".smallcaps":
		return n, `<span style="font-variant:small-caps;">` + inner + "</span>"
	}
	return 0, ""
}

func isWordByte(c byte) bool {
	return c >= 0x80 || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
