package bibtex

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// monthMacros are BibTeX's predefined month strings (plain.bst and
// biblatex define them).
var monthMacros = map[string]string{
	"jan": "January", "feb": "February", "mar": "March", "apr": "April",
	"may": "May", "jun": "June", "jul": "July", "aug": "August",
	"sep": "September", "oct": "October", "nov": "November", "dec": "December",
}

// maxValue bounds a value, so that macros doubling themselves
// (@string{a = a # a}, again and again) cannot exhaust memory.
const maxValue = 1 << 20

// value reads a field value: parts in braces or quotes, numbers and macro
// names, joined by "#". what names the field for messages.
func (p *parser) value(closer byte, at int, what func() string) (string, *syntaxError) {
	var v joined
	for {
		p.skipSpace()
		if p.pos >= len(p.src) {
			return "", &syntaxError{p.line(at), what() + ": the file ends inside the value"}
		}
		switch c := p.src[p.pos]; {
		case c == '{' || c == '"':
			end := byte('}')
			if c == '"' {
				end = '"'
			}
			s, err := p.delimited(end, at, what)
			if err != nil {
				return "", err
			}
			v.add(s)
		case isDigit(c):
			start := p.pos
			for p.pos < len(p.src) && isDigit(p.src[p.pos]) {
				p.pos++
			}
			v.add(p.src[start:p.pos])
		default:
			name, upper := p.fieldName()
			if name == "" {
				return "", &syntaxError{p.line(p.pos), fmt.Sprintf("%s: expected a value, found %s", what(), p.found())}
			}
			v.add(p.macro(name, upper, at, what))
		}
		if v.len() > maxValue {
			return "", &syntaxError{p.line(at), what() + ": value longer than 1 MB"}
		}
		p.skipSpace()
		if !p.eat('#') {
			return v.String(), nil
		}
	}
}

// joined is the parts of a value joined by "#": most values have one
// part, which is kept as a slice of the file, copied only when a second
// part comes.
type joined struct {
	first string
	n     int
	b     strings.Builder
}

func (j *joined) add(s string) {
	switch j.n {
	case 0:
		j.first = s
	case 1:
		j.b.WriteString(j.first)
		fallthrough
	default:
		j.b.WriteString(s)
	}
	j.n++
}

func (j *joined) len() int {
	if j.n <= 1 {
		return len(j.first)
	}
	return j.b.Len()
}

func (j *joined) String() string {
	if j.n <= 1 {
		return j.first
	}
	return j.b.String()
}

// macro expands a macro name: an @string defined earlier, else a month.
// An undefined one is kept as its name, with a problem (BibTeX warns too).
func (p *parser) macro(name string, upper bool, at int, what func() string) string {
	k := lower(name, upper)
	if v, ok := p.macros[k]; ok {
		return v
	}
	if v, ok := monthMacros[k]; ok {
		return v
	}
	p.problem(p.line(at), "%s: undefined @string macro %q, kept as written", what(), name)
	return name
}

// delimiting marks the bytes delimited looks at: the others are
// skipped at once.
var delimiting = [256]bool{'\\': true, '{': true, '}': true, '"': true, '\n': true}

// delimited reads a value in braces (end '}') or quotes (end '"') and
// returns its text without the outer delimiters. Inner braces must
// balance; \{ and \} do not count. A line that starts a new entry ends the
// value with an error, so one missing brace loses one entry, not the file.
func (p *parser) delimited(end byte, at int, what func() string) (string, *syntaxError) {
	// the source and the offset in locals: the loop keeps them in
	// registers (p.pos was loaded and stored for every byte)
	src, i := p.src, p.pos+1
	start := i
	depth := 0
	for i < len(src) {
		c := src[i]
		if !delimiting[c] {
			i++ // most of a value: no need of the cases below
			continue
		}
		switch {
		case c == '\\' && i+1 < len(src):
			i += 2
			continue
		case c == '{':
			depth++
		case c == '}' && depth > 0:
			depth--
		case c == end && depth == 0:
			p.pos = i + 1
			return src[start:i], nil
		case c == '}':
			p.pos = i
			return "", &syntaxError{p.line(i), what() + ": unbalanced closing brace in a quoted value"}
		case c == '\n' && p.entryStartsAt(i+1):
			p.pos = i
			return "", &syntaxError{p.line(at), fmt.Sprintf("%s: value not closed before the entry at line %d", what(), p.line(i+1))}
		}
		i++
	}
	p.pos = i
	return "", &syntaxError{p.line(at), what() + ": value not closed at the end of the file"}
}

// entryStartsAt reports whether a line starting at off opens an entry:
// blanks, "@", a word and "{" or "(".
func (p *parser) entryStartsAt(off int) bool {
	for off < len(p.src) && (p.src[off] == ' ' || p.src[off] == '\t' || p.src[off] == '\r') {
		off++
	}
	if off >= len(p.src) || p.src[off] != '@' {
		return false
	}
	off++
	n := 0
	for off < len(p.src) && isLetter(p.src[off]) {
		off++
		n++
	}
	for off < len(p.src) && (p.src[off] == ' ' || p.src[off] == '\t') {
		off++
	}
	return n > 0 && off < len(p.src) && (p.src[off] == '{' || p.src[off] == '(')
}

func (p *parser) skipSpace() {
	src, i := p.src, p.pos
	for i < len(src) && src[i] <= ' ' {
		switch src[i] {
		case ' ', '\t', '\n', '\r', '\f', '\v':
			i++
			continue
		}
		break
	}
	p.pos = i
}

func (p *parser) eat(c byte) bool {
	if p.pos < len(p.src) && p.src[p.pos] == c {
		p.pos++
		return true
	}
	return false
}

// word reads an entry type: letters only.
func (p *parser) word() string {
	start := p.pos
	for p.pos < len(p.src) && isLetter(p.src[p.pos]) {
		p.pos++
	}
	return p.src[start:p.pos]
}

// nameBytes classes the bytes of field and macro names: BibTeX allows
// most printable characters except those that delimit values.
var nameBytes = func() (t [256]byte) {
	for c := '!'; c < 256; c++ {
		switch {
		case strings.IndexByte(`"#%'(),={}`, byte(c)) >= 0:
		case 'A' <= c && c <= 'Z' || c >= utf8.RuneSelf:
			t[c] = nameUpper // strings.ToLower may change it
		default:
			t[c] = nameLower
		}
	}
	return t
}()

// The classes of nameBytes; 0 ends a name.
const (
	nameLower = 1 << iota
	nameUpper
)

// fieldName reads a field or macro name, and whether it may hold upper
// case (most names are lower case, and need no strings.ToLower).
func (p *parser) fieldName() (name string, upper bool) {
	src, start := p.src, p.pos
	i := start
	var class byte
	for i < len(src) {
		k := nameBytes[src[i]]
		if k == 0 {
			break
		}
		class |= k
		i++
	}
	if start < i && isDigit(src[start]) {
		return "", false
	}
	p.pos = i
	return src[start:i], class&nameUpper != 0
}

// lower is name in lower case; upper says whether it may hold upper case
// (see fieldName).
func lower(name string, upper bool) string {
	if upper {
		return strings.ToLower(name)
	}
	return name
}

// key reads a citation key: anything up to a comma, a blank or the
// closing delimiter. Keys may hold any other character ("doi:10.1/x").
func (p *parser) key(closer byte) string {
	start := p.pos
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if c == ',' || c == closer || c == '}' || c == '{' || c <= ' ' {
			break
		}
		p.pos++
	}
	return p.src[start:p.pos]
}

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// hasUpper tells whether s holds an ASCII capital.
func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return true
		}
	}
	return false
}
