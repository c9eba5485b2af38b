package post

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/lazy"
)

// frontMatter is a post's front matter block as written.
type frontMatter struct {
	format string // yaml, toml or json
	text   []byte
	// first is the file line text starts on.
	first int
}

// split separates the front matter from the body, telling its format by
// its delimiters as Hugo does: a first line of --- opens YAML, +++ TOML,
// and { a JSON object. fm is nil when the post has none.
func split(path string, src []byte) (fm *frontMatter, body []byte, bodyLine int, err error) {
	first, _, _ := bytes.Cut(src, []byte("\n"))
	switch {
	case isFence(first, "+++"):
		return splitTOML(path, src)
	case jsonStart().Match(src):
		return splitJSON(path, src)
	}
	text, body, bodyLine, err := splitYAML(path, src)
	if err != nil || text == nil {
		return nil, body, bodyLine, err
	}
	return &frontMatter{format: "yaml", text: text, first: 2}, body, bodyLine, nil
}

// jsonStart is the start of a JSON object: a brace, then a key or its
// closing brace, so that a body opening with Liquid ({% … %}, {{ … }}) or
// a shortcode is not taken for one.
var jsonStart = lazy.Regexp(`^\{\s*["}]`)

// splitTOML reads a +++ … +++ block.
func splitTOML(path string, src []byte) (*frontMatter, []byte, int, error) {
	first, _, _ := bytes.Cut(src, []byte("\n"))
	off := len(first) + 1
	for line := 2; off <= len(src); line++ {
		l, _, found := bytes.Cut(src[off:], []byte("\n"))
		if isFence(l, "+++") {
			end := min(off+len(l)+1, len(src))
			return &frontMatter{format: "toml", text: src[len(first)+1 : off], first: 2}, src[end:], line, nil
		}
		if !found {
			break
		}
		off += len(l) + 1
	}
	return nil, nil, 0, diag.Errorf(path, 1, "front matter block opened here never closes (no closing +++ line)")
}

// splitJSON reads a JSON object that opens the file: it ends where the
// object does, and the rest of its line belongs to it.
func splitJSON(path string, src []byte) (*frontMatter, []byte, int, error) {
	dec := json.NewDecoder(bytes.NewReader(src))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return nil, nil, 0, jsonError(path, src, dec, err)
	}
	end := int(dec.InputOffset())
	if i := bytes.IndexByte(src[end:], '\n'); i >= 0 {
		end += i + 1
	} else {
		end = len(src)
	}
	return &frontMatter{format: "json", text: src[:int(dec.InputOffset())], first: 1},
		src[end:], bytes.Count(src[:end], []byte("\n")), nil
}

// jsonError names the line of a JSON syntax error.
func jsonError(path string, src []byte, dec *json.Decoder, err error) error {
	off := int(dec.InputOffset())
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = int(se.Offset)
	}
	off = min(max(off, 0), len(src))
	line := bytes.Count(src[:off], []byte("\n")) + 1
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return diag.Errorf(path, 1, "front matter object opened here never closes (no closing })")
	}
	return diag.Errorf(path, line, "malformed front matter: %s", strings.TrimPrefix(err.Error(), "json: "))
}

// decodeAny fills p from front matter in any of the three formats. TOML
// and JSON are turned into the YAML node tree the keys are read from,
// each value carrying the line of its key.
func (p *Post) decodeAny(fm *frontMatter, log *diag.Log) error {
	var m map[string]any
	var keys []string
	switch fm.format {
	case "yaml":
		return p.decode(fm.text, log)
	case "toml":
		if err := tomlDepth(p.Path, fm); err != nil {
			return err
		}
		md, err := toml.Decode(string(fm.text), &m)
		if err != nil {
			return tomlError(p.Path, fm.first, err)
		}
		seen := map[string]bool{}
		for _, k := range md.Keys() {
			// An array of tables lists its key once per table.
			if len(k) == 1 && !seen[k[0]] {
				seen[k[0]] = true
				keys = append(keys, k[0])
			}
		}
	case "json":
		dec := json.NewDecoder(bytes.NewReader(fm.text))
		dec.UseNumber()
		if err := dec.Decode(&m); err != nil {
			return diag.Errorf(p.Path, 1, "front matter must be an object of keys to values (%v)", err)
		}
		for k := range m {
			keys = append(keys, k)
		}
	}
	lines := keyLines(fm.format, fm.text, keys)
	sort.SliceStable(keys, func(i, j int) bool { return lines[keys[i]] < lines[keys[j]] })
	var errs []error
	for _, k := range keys {
		line := fm.first + lines[k] - 1
		v, err := node(m[k])
		if err == nil {
			err = p.field(k, v, log)
		}
		if err != nil {
			errs = append(errs, diag.Errorf(p.Path, line, "%v", err))
		}
	}
	return errors.Join(errs...)
}

// tomlError reports a TOML syntax error at its line; first is the file
// line the front matter starts on.
func tomlError(path string, first int, err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return diag.Errorf(path, first+pe.Position.Line-1, "malformed front matter: %s", pe.Message)
	}
	return diag.Errorf(path, first, "malformed front matter: %v", err)
}

// node turns a decoded TOML or JSON value into the YAML node the keys
// are read from, built directly (YAML's encoder would write the value
// out and parse it again). Numbers stay numbers and dates dates.
func node(v any) (*yaml.Node, error) {
	switch x := v.(type) {
	case map[string]any:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			c, err := node(x[k])
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k}, c)
		}
		return n, nil
	case []map[string]any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for _, e := range x {
			c, _ := node(e)
			n.Content = append(n.Content, c)
		}
		return n, nil
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for _, e := range x {
			c, err := node(e)
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, c)
		}
		return n, nil
	}
	return scalarNode(v)
}

// scalarNode is the YAML scalar of a TOML or JSON value.
func scalarNode(v any) (*yaml.Node, error) {
	n := &yaml.Node{Kind: yaml.ScalarNode}
	switch x := v.(type) {
	case nil:
		n.Tag, n.Value = "!!null", "null"
	case string:
		n.Tag, n.Value = "!!str", x
	case bool:
		n.Tag, n.Value = "!!bool", strconv.FormatBool(x)
	case int64:
		n.Tag, n.Value = "!!int", strconv.FormatInt(x, 10)
	case float64:
		n.Tag, n.Value = "!!float", strconv.FormatFloat(x, 'g', -1, 64)
	case json.Number:
		n.Tag, n.Value = "!!float", x.String()
		if _, err := x.Int64(); err == nil {
			n.Tag = "!!int"
		}
	case time.Time:
		n.Tag, n.Value = "!!timestamp", x.Format(time.RFC3339Nano)
	default:
		return nil, fmt.Errorf("unsupported value %T", v)
	}
	return n, nil
}

// keyLines finds the line (from 1, within text) where each top-level key
// is written: `key =` before the first table header, or the first
// `[key…]`/`[[key…]]` header in TOML; `"key":` at the object's first level
// in JSON. A key not found is put on line 1.
func keyLines(format string, text []byte, keys []string) map[string]int {
	out := make(map[string]int, len(keys))
	want := make(map[string]bool, len(keys))
	for _, k := range keys {
		out[k], want[k] = 1, true
	}
	found := map[string]bool{}
	note := func(k string, line int) {
		if want[k] && !found[k] {
			found[k], out[k] = true, line
		}
	}
	if format == "json" {
		jsonKeyLines(text, note)
		return out
	}
	inTable := false
	for i, l := range strings.Split(string(text), "\n") {
		if m := tomlHeader().FindStringSubmatch(l); m != nil {
			inTable = true
			note(unquoteKey(m[1]), i+1)
			continue
		}
		if m := tomlKey().FindStringSubmatch(l); m != nil && !inTable {
			note(unquoteKey(m[1]), i+1)
		}
	}
	return out
}

var (
	tomlHeader = lazy.Regexp(`^\s*\[\[?\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)`)
	tomlKey    = lazy.Regexp(`^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*[=.]`)
)

func unquoteKey(k string) string {
	return strings.Trim(k, `"'`)
}

// jsonKeyLines calls note with each key of the object's first level and
// its line.
func jsonKeyLines(text []byte, note func(string, int)) {
	dec := json.NewDecoder(bytes.NewReader(text))
	depth := 0
	expectKey := false
	for {
		tok, err := dec.Token()
		if err != nil {
			return
		}
		switch t := tok.(type) {
		case json.Delim:
			if t == '{' || t == '[' {
				depth++
			} else {
				depth--
			}
			expectKey = depth == 1 && t != '['
		case string:
			if depth == 1 && expectKey {
				off := int(dec.InputOffset())
				note(t, bytes.Count(text[:off], []byte("\n"))+1)
				expectKey = false
				continue
			}
			expectKey = depth == 1
		default:
			expectKey = depth == 1
		}
	}
}

// hugoField reads the keys Hugo gives a meaning that Jekyll does not:
// the dates that decide whether a page is built, draft, summary and
// params (a page's own parameters, which Hugo's templates read as
// .Params like top-level custom keys). ok is false for other keys.
func (p *Post) hugoField(key string, v *yaml.Node) (ok bool, err error) {
	var dst *time.Time
	switch key {
	case "publishdate", "pubdate":
		dst = &p.PublishDate
	case "expirydate", "unpublishdate":
		dst = &p.ExpiryDate
	case "lastmod", "modified":
		dst = &p.Lastmod
	case "draft":
		if v.Kind != yaml.ScalarNode || v.Decode(&p.Draft) != nil {
			return true, fmt.Errorf("draft: want true or false, got %q", v.Value)
		}
		return true, nil
	case "summary":
		s, ok := scalarString(v)
		if !ok {
			return true, fmt.Errorf("summary: want a string, got %s", kindName(v))
		}
		if p.Description == "" {
			p.Description = s
		}
		p.extra("summary", s)
		return true, nil
	case "params":
		return true, p.params(v)
	default:
		return false, nil
	}
	t, err := nodeDate(v)
	if err != nil {
		if s, _ := scalarString(v); s == "" {
			return true, nil // an empty date, as archetypes leave it
		}
		return true, fmt.Errorf("%s: %v", key, err)
	}
	*dst = t
	return true, nil
}

// params keeps a page's params mapping, and its keys as top-level keys
// where the front matter has none of that name, so that math = true
// under [params] turns math on as it does at the top.
func (p *Post) params(v *yaml.Node) error {
	var x any
	if err := v.Decode(&x); err != nil {
		return fmt.Errorf("params: %v", err)
	}
	p.extra("params", x)
	m, ok := x.(map[string]any)
	if !ok {
		return nil
	}
	for k, e := range m {
		if _, taken := p.Extra[k]; !taken {
			p.extra(k, e)
		}
	}
	return nil
}

// maxKeyDepth bounds how deeply a TOML key may be dotted: front matter
// never nests deeply, and the TOML reader's time grows fast with the
// depth of dotted keys.
const maxKeyDepth = 64

// tomlDepth refuses TOML front matter with a key dotted more than
// maxKeyDepth deep, naming its line.
func tomlDepth(path string, fm *frontMatter) error {
	for i, l := range strings.Split(string(fm.text), "\n") {
		key, _, _ := strings.Cut(l, "=")
		if strings.Count(key, ".") > maxKeyDepth {
			return diag.Errorf(path, fm.first+i, "malformed front matter: a key nested more than %d deep", maxKeyDepth)
		}
	}
	return nil
}
