// Package post reads one post of a Jekyll or Hugo site: UTF-8 Markdown
// with an optional front matter block, in YAML (--- … ---), TOML
// (+++ … +++) or JSON ({ … }), as Hugo tells them apart by their
// delimiters.
//
// TOML is read with github.com/BurntSushi/toml (v1.6.0) rather than
// github.com/pelletier/go-toml/v2 (v2.4.3, the one Hugo uses): both read
// TOML 1.0 and give the line of a syntax error, but BurntSushi's decodes
// every TOML date and time (offset, local date-time, local date) into a
// time.Time, where go-toml gives three types of its own for the local
// forms that every reader of dates would have to know; its errors also
// carry the column and the last key read, and it is about half the code
// (4 500 lines against 8 300, neither with dependencies).
package post

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/lazy"
)

// Post is a parsed post. Body is the Markdown after the front matter, with
// CRLF line endings normalised to LF; BodyLine is the number of lines that
// precede it in the file, so body line n is file line BodyLine+n.
type Post struct {
	Path     string
	Title    string
	Subtitle string
	// Authors are the author entries as written: names, handles, or
	// several names in one string; People turns them into names.
	Authors []string
	// Translators, from translator:/translators: (Programming Historian
	// and others), in the same forms as Authors.
	Translators []string
	Date        time.Time // zero when unknown
	Published   bool
	Layout      string
	Language    string
	Tags        []string
	Description string
	// Draft, PublishDate and ExpiryDate are Hugo's: a draft, a page to be
	// published later or one expired is not built without -D, -F or -E.
	// Lastmod is the date of the last change. Zero when not given.
	Draft       bool
	PublishDate time.Time
	ExpiryDate  time.Time
	Lastmod     time.Time
	// Format is the front matter's format: "yaml", "toml", "json", or ""
	// when the post has none.
	Format string
	// Extra holds front matter keys this tool does not use, kept so that
	// nothing an editor wrote is lost.
	Extra    map[string]any
	Body     []byte
	BodyLine int
}

var (
	dateName = lazy.Regexp(`^(\d{4})-(\d{2})-(\d{2})-`)
	atxTitle = lazy.Regexp(`(?m)^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$`)
)

// Parse reads a post from src. Problems that stop the post are returned as
// *diag.Error; recoverable ones go to log.
func Parse(path string, src []byte, log *diag.Log) (*Post, error) {
	src, err := normalize(path, src, log)
	if err != nil {
		return nil, err
	}
	p := &Post{Path: path, Published: true}
	fm, body, bodyLine, err := split(path, src)
	if err != nil {
		return nil, err
	}
	p.Body, p.BodyLine = body, bodyLine
	if fm != nil {
		p.Format = fm.format
		if err := p.decodeAny(fm, log); err != nil {
			return nil, err
		}
	} else {
		log.Warnf(path, 1, "no front matter")
	}
	p.fallbacks(log)
	return p, nil
}

// normalize checks a post's bytes and makes what Parse reads of them:
// valid UTF-8 without a byte order mark, LF line ends, no NUL, control
// characters dropped and C1 ones mended (with warnings to log).
func normalize(path string, src []byte, log *diag.Log) ([]byte, error) {
	if err := checkUTF8(path, src); err != nil {
		return nil, err
	}
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	if bytes.Contains(src, []byte("\r")) {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	if bytes.IndexByte(src, 0) >= 0 {
		line := bytes.Count(src[:bytes.IndexByte(src, 0)], []byte("\n")) + 1
		return nil, diag.Errorf(path, line, "NUL byte in post")
	}
	src = stripControls(path, src, log)
	return fixC1(path, src, log), nil
}

// BodyOf returns the body of src, the bytes a post was parsed from, as
// Parse makes its Body, without decoding the front matter again: for a
// post whose head is read first and its text later, holding its bytes
// in between in neither.
func BodyOf(path string, src []byte) ([]byte, error) {
	src, err := normalize(path, src, nil) // Parse gave the warnings
	if err != nil {
		return nil, err
	}
	_, body, _, err := split(path, src)
	return body, err
}

func checkUTF8(path string, src []byte) error {
	if utf8.Valid(src) {
		return nil
	}
	line, col := 1, 1
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n <= 1 {
			return diag.Errorf(path, line, "invalid UTF-8 byte 0x%02x at column %d", src[i], col)
		}
		if r == '\n' {
			line, col = line+1, 0
		}
		col++
		i += n
	}
	return nil
}

// splitYAML separates a YAML front matter block from the body. fm is nil
// when the post has none.
func splitYAML(path string, src []byte) (fm, body []byte, bodyLine int, err error) {
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	if !isFence(first, "---") {
		return nil, src, 0, nil
	}
	off := len(first) + 1
	line := 1
	for len(rest) > 0 || off <= len(src) {
		l, r, found := bytes.Cut(rest, []byte("\n"))
		line++
		if isFence(l, "---") || isFence(l, "...") {
			fm = src[len(first)+1 : off]
			end := off + len(l)
			if found {
				end++
			}
			if end > len(src) {
				end = len(src)
			}
			return fm, src[end:], line, nil
		}
		if !found {
			break
		}
		off += len(l) + 1
		rest = r
	}
	return nil, nil, 0, diag.Errorf(path, 1, "front matter block opened here never closes (no closing --- line)")
}

func isFence(line []byte, fence string) bool {
	return string(bytes.TrimRight(line, " \t")) == fence
}

// yamlLine matches the line number in yaml.v3 error messages.
var yamlLine = lazy.Regexp(`^yaml: (?:line (\d+): )?(.*)$`)

// decode fills p from the front matter. Line numbers in errors count from
// the opening --- (file line 1), so YAML line n is file line n+1.
func (p *Post) decode(fm []byte, log *diag.Log) error {
	var root yaml.Node
	if err := yaml.Unmarshal(fm, &root); err != nil {
		return yamlError(p.Path, fm, err)
	}
	if len(root.Content) == 0 {
		return nil // empty front matter
	}
	m := root.Content[0]
	if m.Kind != yaml.MappingNode {
		return diag.Errorf(p.Path, m.Line+1, "front matter must be a mapping of keys to values")
	}
	var errs []error
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if err := p.field(k.Value, v, log); err != nil {
			errs = append(errs, diag.Errorf(p.Path, v.Line+1, "%v", err))
		}
	}
	return errors.Join(errs...)
}

// field fills the post's field for the front matter key name (any case)
// with v; keys it does not know go to Extra.
func (p *Post) field(name string, v *yaml.Node, log *diag.Log) error {
	switch key := strings.ToLower(name); key {
	case "title", "subtitle", "layout", "excerpt", "description", "lang", "language":
		s, ok := scalarString(v)
		if !ok {
			return fmt.Errorf("%s: want a string, got %s", name, kindName(v))
		}
		p.text(key, s)
	case "author", "authors", "translator", "translators":
		list, ok := personEntries(v, func(line int) {
			log.Warnf(p.Path, line+1, "%s: a mapping without name (or first and last) names nobody", name)
		})
		if !ok {
			return fmt.Errorf("%s: want a name, a mapping with name, or a list of them, got %s", name, kindName(v))
		}
		if strings.HasPrefix(key, "author") {
			p.Authors = append(p.Authors, list...)
		} else {
			p.Translators = append(p.Translators, list...)
		}
	case "tags", "categories":
		list, ok := stringList(v)
		if !ok {
			return fmt.Errorf("%s: want a list, got %s", name, kindName(v))
		}
		if v.Kind == yaml.ScalarNode {
			list = strings.Fields(v.Value)
		}
		if key == "tags" {
			p.Tags = append(p.Tags, list...)
		} else {
			p.extra(name, list)
		}
	case "published":
		if v.Kind == yaml.ScalarNode && v.Decode(&p.Published) == nil {
			return nil
		}
		if t, err := nodeDate(v); err == nil { // Hugo: a date, publishDate's alias
			p.PublishDate = t
			return nil
		}
		return fmt.Errorf("published: want true or false, got %q", v.Value)
	case "date":
		return p.date(v)
	default:
		if ok, err := p.hugoField(key, v); ok {
			return err
		}
		var x any
		if err := v.Decode(&x); err != nil {
			return fmt.Errorf("%s: %v", name, err)
		}
		p.extra(name, x)
	}
	return nil
}

// text sets the text field that key (lower case) names.
func (p *Post) text(key, s string) {
	switch key {
	case "title":
		p.Title = s
	case "subtitle":
		p.Subtitle = s
	case "layout":
		p.Layout = s
	case "excerpt", "description":
		if p.Description == "" || key == "description" {
			p.Description = s
		}
	default:
		p.Language = s
	}
}

// date reads the date key.
func (p *Post) date(v *yaml.Node) error {
	t, err := nodeDate(v)
	if err != nil {
		return fmt.Errorf("date: %v", err)
	}
	p.Date = t
	return nil
}

// nodeDate reads a date written as a scalar.
func nodeDate(v *yaml.Node) (time.Time, error) {
	if v.Kind != yaml.ScalarNode {
		return time.Time{}, fmt.Errorf("want a date such as 2026-11-25, got %s", kindName(v))
	}
	return ParseDate(v.Value)
}

func (p *Post) extra(k string, v any) {
	if p.Extra == nil {
		p.Extra = map[string]any{}
	}
	p.Extra[k] = v
}

// yamlError reports a YAML syntax error on the line that is wrong. The
// line yaml.v3 names is where the construct holding the error starts,
// and for parser errors (unlike scanner ones) it counts from 0; so the
// line is found again as the first line at which the front matter, read
// line by line, fails with the same message. fm starts on file line 2.
func yamlError(path string, fm []byte, err error) error {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = "yaml: " + te.Errors[0]
	}
	first, _, _ := strings.Cut(msg, "\n")
	m := yamlLine().FindStringSubmatch(first)
	if m == nil {
		return diag.Errorf(path, 1, "malformed front matter: %s", first)
	}
	line := 0
	if m[1] != "" {
		line, _ = strconv.Atoi(m[1])
	}
	if l := failingLine(fm, m[2]); l > 0 {
		line = l
	}
	return diag.Errorf(path, 1+line, "malformed front matter: %s", m[2])
}

// failingLine returns the first line n (from 1) such that the first n
// lines of fm fail to parse with message msg, or 0.
func failingLine(fm []byte, msg string) int {
	lines := bytes.SplitAfter(fm, []byte("\n"))
	if len(lines) > 1000 {
		return 0
	}
	for n := 1; n <= len(lines); n++ {
		var v yaml.Node
		err := yaml.Unmarshal(bytes.Join(lines[:n], nil), &v)
		if err == nil {
			continue
		}
		if m := yamlLine().FindStringSubmatch(strings.SplitN(err.Error(), "\n", 2)[0]); m != nil && m[2] == msg {
			return n
		}
	}
	return 0
}

func scalarString(v *yaml.Node) (string, bool) {
	if v.Kind != yaml.ScalarNode {
		return "", false
	}
	if v.Tag == "!!null" {
		return "", true
	}
	return strings.TrimSpace(v.Value), true
}

func stringList(v *yaml.Node) ([]string, bool) {
	switch v.Kind {
	case yaml.ScalarNode:
		s, _ := scalarString(v)
		if s == "" {
			return nil, true
		}
		return []string{s}, true
	case yaml.SequenceNode:
		var out []string
		for _, c := range v.Content {
			s, ok := scalarString(c)
			if !ok {
				return nil, false
			}
			if s != "" {
				out = append(out, s)
			}
		}
		return out, true
	}
	return nil, false
}

func kindName(v *yaml.Node) string {
	switch v.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	return fmt.Sprintf("%q", v.Value)
}

// fallbacks fills a missing date from the file name and a missing title
// from the first heading or the file name.
func (p *Post) fallbacks(log *diag.Log) {
	base := filepath.Base(p.Path)
	// Hugo's date: date, else publishDate (or its aliases), else lastmod;
	// Jekyll's: date, else the file name's.
	p.Date = cmp.Or(p.Date, p.PublishDate)
	if p.Date.IsZero() {
		if m := dateName().FindStringSubmatch(base); m != nil {
			if t, err := ParseDate(m[1] + "-" + m[2] + "-" + m[3]); err == nil {
				p.Date = t
			}
		}
	}
	p.Date = cmp.Or(p.Date, p.Lastmod)
	if p.Title != "" {
		return
	}
	// The headings are looked for one at a time: the first usually
	// serves. A match ends before a line break, which no match starts
	// with, so the search goes on from there as FindAll's would.
	for off := 0; off < len(p.Body); {
		m := atxTitle().FindSubmatchIndex(p.Body[off:])
		if m == nil {
			break
		}
		for i := range m {
			m[i] += off
		}
		off = m[1]
		t := strings.TrimSpace(strings.Trim(string(p.Body[m[2]:m[3]]), "#"))
		if t == "" {
			continue
		}
		p.Title = t
		line := bytes.Count(p.Body[:m[0]], []byte("\n")) + 1 + p.BodyLine
		log.Warnf(p.Path, line, "no title in front matter; using the first heading %q", p.Title)
		return
	}
	p.Title = TitleFromName(base)
	log.Warnf(p.Path, 1, "no title in front matter or heading; using the file name %q", p.Title)
}

// TitleFromName turns "2017-05-01-permanent-revolution.md" into
// "Permanent Revolution".
func TitleFromName(name string) string {
	name = strings.TrimSuffix(name, filepath.Ext(name))
	name = dateName().ReplaceAllString(name, "")
	words := strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' || r == ' ' })
	for i, w := range words {
		r, n := utf8.DecodeRuneInString(w)
		words[i] = string(unicode.ToUpper(r)) + w[n:]
	}
	if len(words) == 0 {
		return "Untitled"
	}
	return strings.Join(words, " ")
}

// stripControls removes C0 control characters other than tab and newline
// (and DEL): they are not allowed in XML and print as nothing.
func stripControls(path string, src []byte, log *diag.Log) []byte {
	bad := func(c byte) bool { return controlByte[c] }
	// Every byte of a multi-byte character is 0x80 or above: the bytes
	// are looked at, not the runes.
	if !hasControl(src) {
		return src
	}
	out := make([]byte, 0, len(src))
	line := 1
	for _, c := range src {
		if c == '\n' {
			line++
		}
		if bad(c) {
			log.Warnf(path, line, "control character U+%04X removed", c)
			continue
		}
		out = append(out, c)
	}
	return out
}

// controlByte marks the bytes stripControls removes.
var controlByte = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = c != '\t' && c != '\n'
	}
	t[0x7f] = true
	return t
}()

// hasControl reports whether src holds a byte stripControls removes;
// most posts hold none, and every byte of every post is looked at.
func hasControl(src []byte) bool {
	// Eight bytes at a time: a word with no byte below 0x20 and none
	// 0x7F (tests that never miss one) holds none; a word with one (a
	// line break, mostly) is looked at byte by byte.
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(src); i += 8 {
		x := binary.LittleEndian.Uint64(src[i:])
		del := x ^ 0x7f*ones
		if (x-0x20*ones)&^x&highs|(del-ones)&^del&highs == 0 {
			continue
		}
		for _, c := range src[i : i+8] {
			if controlByte[c] {
				return true
			}
		}
	}
	for _, c := range src[i:] {
		if controlByte[c] {
			return true
		}
	}
	return false
}

// cp1252 maps the C1 control characters that text pasted from Windows
// programs carries in place of punctuation (Windows-1252 bytes read as
// Latin-1) back to the characters meant, as browsers do.
var cp1252 = map[rune]rune{
	0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡',
	0x88: 'ˆ', 0x89: '‰', 0x8A: 'Š', 0x8B: '‹', 0x8C: 'Œ', 0x8E: 'Ž', 0x91: '‘',
	0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x98: '˜',
	0x99: '™', 0x9A: 'š', 0x9B: '›', 0x9C: 'œ', 0x9E: 'ž', 0x9F: 'Ÿ',
}

// hasC1 reports whether src holds a C1 control character. They encode
// as C2 80 – C2 9F, and C2 always starts a character: the bytes tell.
func hasC1(src []byte) bool {
	for {
		i := bytes.IndexByte(src, 0xC2)
		if i < 0 || i+1 >= len(src) {
			return false
		}
		if src[i+1] >= 0x80 && src[i+1] <= 0x9F {
			return true
		}
		src = src[i+1:]
	}
}

// fixC1 replaces C1 control characters (U+0080–U+009F): mapped to the
// Windows-1252 character when there is one, removed otherwise.
func fixC1(path string, src []byte, log *diag.Log) []byte {
	if !hasC1(src) {
		return src
	}
	var b bytes.Buffer
	line := 1
	for _, r := range string(src) {
		if r == '\n' {
			line++
		}
		if r >= 0x80 && r <= 0x9F {
			if m, ok := cp1252[r]; ok {
				log.Warnf(path, line, "control character U+%04X read as Windows-1252 %q", r, m)
				b.WriteRune(m)
			} else {
				log.Warnf(path, line, "control character U+%04X removed", r)
			}
			continue
		}
		b.WriteRune(r)
	}
	return b.Bytes()
}

// Vars is the post's front matter as a page variable of a template sees
// it: the keys this tool reads and every other key, as written.
func (p *Post) Vars() map[string]any {
	v := make(map[string]any, len(p.Extra)+8)
	for k, x := range p.Extra {
		v[k] = x
	}
	set := func(k, s string) {
		if s != "" {
			v[k] = s
		}
	}
	set("title", p.Title)
	set("subtitle", p.Subtitle)
	set("layout", p.Layout)
	set("lang", p.Language)
	set("description", p.Description)
	if !p.Date.IsZero() {
		v["date"] = p.Date
	}
	if len(p.Tags) > 0 {
		tags := make([]any, len(p.Tags))
		for i, t := range p.Tags {
			tags[i] = t
		}
		v["tags"] = tags
	}
	if !p.Published {
		v["published"] = false
	}
	return v
}
