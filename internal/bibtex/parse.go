package bibtex

import (
	"fmt"
	"strings"
	"sync"

	"github.com/redtide/edition/internal/bib"
	"github.com/redtide/edition/internal/diag"
)

// Problem is something wrong in a database that did not stop reading it:
// an unknown entry type, a bad month, a key defined twice, an entry
// skipped after a syntax error.
type Problem struct {
	Pos bib.Pos
	Msg string
}

// String formats the problem as "file:line: message".
func (p Problem) String() string {
	return diag.Warning{Path: p.Pos.File, Line: p.Pos.Line, Msg: p.Msg}.String()
}

// rawEntry is one @type{key, ...} as written, before conversion to CSL.
type rawEntry struct {
	typ    string // lower case
	key    string
	line   int
	lines  *fileLines // of its file, for the lines of its fields
	fields []rawField
	index  map[string]int // field name → its last index, for long entries
	// names has the fieldBit of each field's name: most names asked for
	// (a converter asks for some forty) are not there, and are found
	// missing without comparing them with every field's
	names uint64
}

// fieldBit is name's bit in rawEntry.names, from its length and its
// first and last bytes (names are short and mostly differ there).
func fieldBit(name string) uint64 {
	n := uint(len(name))
	if n == 0 {
		return 1
	}
	return 1 << ((n*7 + uint(name[0]) + uint(name[n-1])*3) & 63)
}

// rawField is one name = value pair; value is TeX with its outer
// delimiters removed, macros expanded and # concatenations joined.
type rawField struct {
	name  string // lower case, aliases resolved
	value string
	off   int // the offset of its name in the file: its line is asked only for a problem (see fileLines)
}

// fileLines finds the lines of offsets in a file, from an index made at
// the first question: a field's line is asked only for a problem, and
// counting the lines of every field cost more than reading its name.
// Entries may be converted in goroutines of their own.
type fileLines struct {
	src   string
	once  sync.Once
	index *diag.Lines
}

func (f *fileLines) line(off int) int {
	f.once.Do(func() { f.index = diag.NewLines([]byte(f.src), 0) })
	return f.index.Line(off)
}

// add appends a field; a later field of the same name wins. Entries
// with many fields (a fuzzer's, not a person's) get an index.
func (e *rawEntry) add(f rawField) {
	e.fields = append(e.fields, f)
	e.names |= fieldBit(f.name)
	if len(e.fields) == indexAbove+1 {
		e.index = make(map[string]int, 2*indexAbove)
		for i, g := range e.fields {
			e.index[g.name] = i
		}
	} else if e.index != nil {
		e.index[f.name] = len(e.fields) - 1
	}
}

// indexAbove is the number of fields above which lookups use a map.
const indexAbove = 24

// find returns the index of the last field name, or -1.
func (e *rawEntry) find(name string) int {
	if e.names&fieldBit(name) == 0 {
		return -1
	}
	if e.index != nil {
		if i, ok := e.index[name]; ok {
			return i
		}
		return -1
	}
	for i := len(e.fields) - 1; i >= 0; i-- {
		if e.fields[i].name == name {
			return i
		}
	}
	return -1
}

// get returns the value of field name and whether it is set.
func (e *rawEntry) get(name string) (string, bool) {
	if i := e.find(name); i >= 0 {
		return e.fields[i].value, true
	}
	return "", false
}

// fieldLine returns the line of field name, or the entry's line.
func (e *rawEntry) fieldLine(name string) int {
	if i := e.find(name); i >= 0 {
		return e.lines.line(e.fields[i].off)
	}
	return e.line
}

// syntaxError is a broken entry: it is skipped and reading resumes at the
// next entry.
type syntaxError struct {
	line int
	msg  string
}

// parser reads the entries of one file. It follows BibTeX's own reading:
// everything outside an @-command is ignored, so a file may start with
// Jekyll front matter or hold HTML comments and %% lines between entries.
type parser struct {
	file      string
	src       string
	pos       int
	lines     *fileLines // for a line asked for backwards, and the entries
	lineAt    int        // the offset of the last forward line lookup
	lineNo    int        // its line
	macros    map[string]string
	entries   []*rawEntry
	chunk     []rawField // room for the fields of the entries to come
	entryRoom []rawEntry // room for the entries to come
	next      int        // the first free field of chunk
	problems  []Problem
	errs      []error
}

func newParser(file, src string) *parser {
	return &parser{
		file:   file,
		src:    src,
		lines:  &fileLines{src: src},
		lineNo: 1,
		macros: map[string]string{},
		// room for the entries the file may have: one per "@" at most
		// (and an entry takes five bytes at least)
		entries: make([]*rawEntry, 0, min(strings.Count(src, "@"), len(src)/5+1)),
	}
}

// line returns the 1-based line of offset off. The parser asks for lines
// in reading order, so it counts newlines from its last answer; an offset
// behind that (or past the end) is looked up in a line index.
func (p *parser) line(off int) int {
	if off < p.lineAt || off > len(p.src) {
		return p.lines.line(off)
	}
	p.lineNo += strings.Count(p.src[p.lineAt:off], "\n")
	p.lineAt = off
	return p.lineNo
}

func (p *parser) problem(line int, format string, args ...any) {
	p.problems = append(p.problems, Problem{Pos: bib.Pos{File: p.file, Line: line}, Msg: fmt.Sprintf(format, args...)})
}

// run reads the whole file. A broken entry is reported (as an error and
// a problem) and skipped; reading resumes at the next "@" that starts a
// line after the broken entry's own "@".
func (p *parser) run() {
	for {
		i := strings.IndexByte(p.src[p.pos:], '@')
		if i < 0 {
			return
		}
		start := p.pos + i
		p.pos = start + 1
		if err := p.command(start); err != nil {
			p.errs = append(p.errs, diag.Errorf(p.file, err.line, "%s", err.msg))
			p.problem(err.line, "%s", err.msg)
			p.pos = p.nextEntryStart(start + 1)
		}
	}
}

// nextEntryStart returns the offset of the first "@" at the start of a
// line (after blanks) at or after off, or the end of the file.
func (p *parser) nextEntryStart(off int) int {
	for off < len(p.src) {
		i := strings.IndexByte(p.src[off:], '@')
		if i < 0 {
			return len(p.src)
		}
		at := off + i
		j := at - 1
		for j >= 0 && (p.src[j] == ' ' || p.src[j] == '\t') {
			j--
		}
		if j < 0 || p.src[j] == '\n' || p.src[j] == '\r' {
			return at
		}
		off = at + 1
	}
	return len(p.src)
}

// command reads what follows the "@" at offset start. A word not followed
// by "{" or "(" is text between entries, as for BibTeX (an e-mail address
// in a comment, say), and is skipped.
func (p *parser) command(start int) *syntaxError {
	p.skipSpace()
	typ := p.word()
	p.skipSpace()
	if typ == "" || p.pos >= len(p.src) || (p.src[p.pos] != '{' && p.src[p.pos] != '(') {
		p.pos = start + 1
		return nil
	}
	closer := byte('}')
	if p.src[p.pos] == '(' {
		closer = ')'
	}
	p.pos++
	line := p.line(start)
	typ = lower(typ, hasUpper(typ))
	switch typ {
	case "comment":
		p.skipComment(closer)
		return nil
	case "preamble":
		_, err := p.value(closer, start, func() string { return "@preamble" })
		if err != nil {
			return err
		}
		return p.closeCommand(closer, line, "@preamble")
	case "string":
		return p.stringDef(closer, start, line)
	}
	return p.entry(typ, closer, line)
}

// skipComment skips @comment{...} with balanced braces (as biber and
// pandoc do); an unbalanced one is ignored like text.
func (p *parser) skipComment(closer byte) {
	depth := 0
	for i := p.pos; i < len(p.src); i++ {
		switch c := p.src[i]; {
		case c == '{':
			depth++
		case c == '}' && depth > 0:
			depth--
		case c == closer && depth == 0:
			p.pos = i + 1
			return
		}
	}
}

func (p *parser) closeCommand(closer byte, line int, what string) *syntaxError {
	p.skipSpace()
	if p.pos < len(p.src) && p.src[p.pos] == closer {
		p.pos++
		return nil
	}
	return &syntaxError{line, fmt.Sprintf("%s is not closed by %q", what, closer)}
}

// stringDef reads @string{name = value}, defining a macro for the rest of
// the file.
func (p *parser) stringDef(closer byte, start, line int) *syntaxError {
	p.skipSpace()
	name, upper := p.fieldName()
	if name == "" {
		return &syntaxError{line, "@string without a name"}
	}
	p.skipSpace()
	if !p.eat('=') {
		return &syntaxError{p.line(p.pos), fmt.Sprintf("expected = after @string name %q", name)}
	}
	v, err := p.value(closer, start, func() string { return "@string " + name })
	if err != nil {
		return err
	}
	p.macros[lower(name, upper)] = v
	return p.closeCommand(closer, line, "@string "+name)
}

// fieldSpace returns an empty slice for the fields of a new entry, with
// the room left in a chunk shared by many entries: one allocation for
// hundreds of entries instead of one or more for each.
func (p *parser) fieldSpace() []rawField {
	if len(p.chunk)-p.next < 64 {
		p.chunk = make([]rawField, 4096)
		p.next = 0
	}
	return p.chunk[p.next:p.next:len(p.chunk)]
}

// newEntry returns room for an entry, from a block shared by many
// entries (see fieldSpace).
func (p *parser) newEntry() *rawEntry {
	if len(p.entryRoom) == 0 {
		p.entryRoom = make([]rawEntry, 256)
	}
	e := &p.entryRoom[0]
	p.entryRoom = p.entryRoom[1:]
	return e
}

// keep adds a complete entry. Its fields leave the chunk's room to the
// next entry, and are capped so that fields added later (inherited
// through crossref) are copied, not written over the next entry's.
func (p *parser) keep(e *rawEntry) {
	n := len(e.fields)
	if n > 0 && p.next+n <= len(p.chunk) && &e.fields[0] == &p.chunk[p.next] {
		p.next += n
	}
	e.fields = e.fields[:n:n]
	p.entries = append(p.entries, e)
}

// entry reads "key, name = value, ..." up to the closing brace.
func (p *parser) entry(typ string, closer byte, line int) *syntaxError {
	p.skipSpace()
	key := p.key(closer)
	if key == "" {
		return &syntaxError{line, fmt.Sprintf("@%s without a citation key", typ)}
	}
	e := p.newEntry()
	*e = rawEntry{typ: typ, key: key, line: line, lines: p.lines, fields: p.fieldSpace()}
	p.skipSpace()
	if p.eat(closer) {
		p.keep(e)
		return nil
	}
	if !p.eat(',') {
		return &syntaxError{p.line(p.pos), fmt.Sprintf("expected a comma after the key %q, found %s", key, p.found())}
	}
	for {
		p.skipComments()
		if p.eat(closer) {
			p.keep(e)
			return nil
		}
		if err := p.field(e, closer); err != nil {
			return err
		}
		p.skipComments()
		if p.eat(',') {
			continue
		}
		if p.eat(closer) {
			p.keep(e)
			return nil
		}
		if p.fieldFollows() {
			p.problem(p.line(p.pos), "entry %q: a comma is missing after field %q; read as if it were there", key, e.fields[len(e.fields)-1].name)
			continue
		}
		return &syntaxError{p.line(p.pos), fmt.Sprintf("entry %q: expected a comma or %q after field %q, found %s", key, closer, e.fields[len(e.fields)-1].name, p.found())}
	}
}

// field reads one name = value into e.
func (p *parser) field(e *rawEntry, closer byte) *syntaxError {
	at := p.pos // its line is counted only for a problem
	name, upper := p.fieldName()
	if name == "" {
		return &syntaxError{p.line(at), fmt.Sprintf("entry %q: expected a field name, found %s", e.key, p.found())}
	}
	p.skipSpace()
	if !p.eat('=') {
		return &syntaxError{p.line(p.pos), fmt.Sprintf("entry %q: expected = after field %q, found %s", e.key, name, p.found())}
	}
	v, err := p.value(closer, at, func() string { return fmt.Sprintf("entry %q field %q", e.key, name) })
	if err != nil {
		return err
	}
	name = fieldAlias(lower(name, upper))
	if _, dup := e.get(name); dup {
		p.problem(p.line(at), "entry %q: field %q is given twice; the later value is used", e.key, name)
	}
	e.add(rawField{name: name, value: v, off: at})
	return nil
}

// fieldFollows reports whether "name =" comes next, as after a missing
// comma.
func (p *parser) fieldFollows() bool {
	save := p.pos
	defer func() { p.pos = save }()
	if name, _ := p.fieldName(); name == "" {
		return false
	}
	p.skipSpace()
	return p.eat('=')
}

// skipComments skips blanks and %-comment lines between fields, which
// biber and many hand-kept files allow although BibTeX does not.
func (p *parser) skipComments() {
	for {
		p.skipSpace()
		if p.pos >= len(p.src) || p.src[p.pos] != '%' {
			return
		}
		for p.pos < len(p.src) && p.src[p.pos] != '\n' {
			p.pos++
		}
	}
}

// fieldAlias maps field names that BibTeX tools write for one BibLaTeX
// field to that field, as biber and pandoc do.
func fieldAlias(name string) string {
	switch name {
	case "archiveprefix":
		return "eprinttype"
	case "primaryclass":
		return "eprintclass"
	}
	return name
}

// found describes the text at the current position for a message.
func (p *parser) found() string {
	if p.pos >= len(p.src) {
		return "the end of the file"
	}
	r := p.src[p.pos:]
	if i := strings.IndexAny(r, "\r\n"); i >= 0 {
		r = r[:i]
	}
	if len(r) > 20 {
		r = r[:20] + "…"
	}
	return fmt.Sprintf("%q", r)
}
