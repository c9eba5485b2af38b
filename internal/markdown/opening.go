package markdown

import (
	"bytes"

	"github.com/redtide/edition/internal/lang"
)

// Opening returns the text of the first paragraphs of a post's Markdown
// body, up to about words words (the paragraph that reaches the count is
// whole): what a reader sees first, for a stop-word test of the
// language it is written in (lang.Guess), read from the source before
// the post is converted, so that the post is converted once, in that
// language, and its title is set in it without its text converted.
//
// It reads paragraphs as CommonMark sees them, lines between blank
// lines, and leaves out every other block by how its first line opens
// (ATX and setext headings, block quotes, lists, code blocks fenced or
// indented, HTML blocks and comments, tables, thematic breaks, math
// displays, footnote and link reference definitions, kramdown attribute
// lists, Liquid tags and Hugo shortcodes on a line of their own,
// images alone); in a paragraph, link destinations and HTML tags are
// dropped, as the converted text has them not. It is what the text of
// the converted post's opening paragraphs holds, near enough for a
// stop-word test: on the 161 real posts of ../shared, both give the
// same guess.
func Opening(body []byte, words int) []string {
	var out []string
	n := 0
	var par []byte // the paragraph being read, its lines joined by spaces
	fence := ""    // the fence of a code block being skipped
	skip := false  // the block being read is not a paragraph
	math := false  // inside a $$ display
	html := false  // inside an HTML comment
	flush := func() {
		if len(par) > 0 && !skip {
			if t := paragraphText(par); t != "" {
				out = append(out, t)
				n += lang.CountFields(t, len(t))
			}
		}
		par, skip = par[:0], false
	}
	for line := range bytes.Lines(body) {
		if n >= words {
			break
		}
		s := bytes.TrimRight(line, "\r\n")
		t := bytes.TrimLeft(s, " ")
		indent := len(s) - len(t)
		switch {
		case fence != "":
			if bytes.HasPrefix(t, []byte(fence)) {
				fence = ""
			}
			continue
		case math:
			if bytes.Contains(t, []byte("$$")) {
				math = false
			}
			continue
		case html:
			if bytes.Contains(t, []byte("-->")) {
				html = false
			}
			continue
		}
		if len(bytes.TrimSpace(s)) == 0 {
			flush()
			continue
		}
		if len(par) == 0 || skip {
			// the first line of a block tells what it is
			switch {
			case indent <= 3 && (bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte("~~~"))):
				flush()
				fence = string(t[:3])
				continue
			case indent <= 3 && bytes.HasPrefix(t, []byte("$$")) && !bytes.Contains(t[2:], []byte("$$")):
				flush()
				math = true
				continue
			case indent <= 3 && bytes.HasPrefix(t, []byte("<!--")) && !bytes.Contains(t, []byte("-->")):
				flush()
				html = true
				continue
			case len(par) == 0 && (indent >= 4 || len(s) > 0 && s[0] == '\t' || opensBlock(t)):
				skip = true
			}
		} else if indent <= 3 && setextUnderline(t) {
			skip = true // the paragraph so far is a heading
		}
		if len(par) > 0 {
			par = append(par, ' ')
		}
		par = append(par, t...)
	}
	flush()
	return out
}

// opensBlock reports whether a line (without its indentation) opens a
// block other than a paragraph.
func opensBlock(t []byte) bool {
	if len(t) == 0 {
		return false
	}
	for _, p := range blockOpeners {
		if bytes.HasPrefix(t, []byte(p)) {
			return true
		}
	}
	switch t[0] {
	case '#', '>', '|', '<':
		return true
	case '-', '*', '+':
		if len(t) == 1 || t[1] == ' ' || t[1] == '\t' || thematicBreak(t) {
			return true
		}
	case '_':
		return thematicBreak(t)
	case '[':
		// a link reference definition: [label]: destination
		if i := bytes.Index(t, []byte("]:")); i > 1 && !bytes.Contains(t[:i], []byte("](")) {
			return true
		}
	}
	// an ordered list item: 1. or 1)
	i := 0
	for i < len(t) && i < 9 && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(t) && (t[i] == '.' || t[i] == ')') && (t[i+1] == ' ' || t[i+1] == '\t')
}

// thematicBreak reports whether t is three or more of one of - * _,
// with spaces between them allowed.
func thematicBreak(t []byte) bool {
	c, k := t[0], 0
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case c:
			k++
		case ' ', '\t':
		default:
			return false
		}
	}
	return k >= 3
}

// setextUnderline reports whether t underlines the line above it into a
// heading: a run of = or of -.
func setextUnderline(t []byte) bool {
	t = bytes.TrimRight(t, " \t")
	if len(t) == 0 || (t[0] != '=' && t[0] != '-') {
		return false
	}
	return len(bytes.Trim(t, string(t[:1]))) == 0
}

// blockOpeners open a line that is a block of its own: Liquid tags, Hugo
// shortcodes, kramdown attribute lists, footnote definitions, math
// displays, fenced divs, images alone.
var blockOpeners = []string{"{%", "{{<", "{{%", "{:", "[^", "$$", `\[`, ":::", "!["}

// paragraphText drops from a paragraph's source what its converted text
// has not: link and image destinations, HTML tags.
func paragraphText(s []byte) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		// copy up to the next ] or <
		if k := bytes.IndexAny(s[i:], "]<"); k != 0 {
			if k < 0 {
				b = append(b, s[i:]...)
				break
			}
			b = append(b, s[i:i+k]...)
			i += k
		}
		switch c := s[i]; {
		case c == ']' && i+1 < len(s) && s[i+1] == '(':
			if j := bytes.IndexByte(s[i:], ')'); j > 0 {
				i += j
				continue
			}
			b = append(b, c)
		case c == '<':
			if j := bytes.IndexByte(s[i:], '>'); j > 0 && (!bytes.ContainsAny(s[i+1:i+j], " \t") || isTag(s[i+1:i+j])) {
				i += j
				b = append(b, ' ')
				continue
			}
			b = append(b, c)
		default:
			b = append(b, c)
		}
	}
	return string(bytes.TrimSpace(b))
}

// isTag reports whether s, what stands between < and >, is an HTML tag
// with attributes: a name, then a space.
func isTag(s []byte) bool {
	s = bytes.TrimPrefix(s, []byte("/"))
	i := 0
	for i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z' || i > 0 && s[i] >= '0' && s[i] <= '9') {
		i++
	}
	return i > 0 && i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')
}
