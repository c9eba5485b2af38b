package site

import (
	"fmt"
	"math"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// expr is a literal or a variable path (page.name, include["image-url"]).
type expr struct {
	lit   any
	isLit bool
	path  []pathPart
}

type pathPart struct {
	name string // a key
	idx  *expr  // or an index expression
}

// filtered is an expression followed by filters.
type filtered struct {
	base    expr
	filters []filterCall
}

type filterCall struct {
	name string
	args []expr
}

// cond is a comparison, possibly joined to the next by and/or.
type cond struct {
	left, right expr
	op          string // "" for a bare value
	join        string // "and", "or" or ""
	next        *cond
}

// Literal keywords that compare specially.
type (
	emptyLit struct{}
	blankLit struct{}
)

type etok struct {
	kind byte // 'i' identifier path, 's' string, 'n' number, 'o' operator, or the punctuation itself
	s    string
	val  any
}

type exprLexer struct {
	s string
	i int
}

func (l *exprLexer) next() etok {
	for l.i < len(l.s) && unicode.IsSpace(rune(l.s[l.i])) {
		l.i++
	}
	if l.i >= len(l.s) {
		return etok{kind: 0}
	}
	c := l.s[l.i]
	switch {
	case c == '"' || c == '\'':
		j := strings.IndexByte(l.s[l.i+1:], c)
		if j < 0 {
			v := l.s[l.i+1:]
			l.i = len(l.s)
			return etok{kind: 's', val: v}
		}
		v := l.s[l.i+1 : l.i+1+j]
		l.i += j + 2
		return etok{kind: 's', val: v}
	case c == '-' || c >= '0' && c <= '9':
		j := l.i + 1
		for j < len(l.s) && (l.s[j] >= '0' && l.s[j] <= '9' || l.s[j] == '.' && j+1 < len(l.s) && l.s[j+1] != '.') {
			j++
		}
		num := l.s[l.i:j]
		l.i = j
		if n, err := strconv.Atoi(num); err == nil {
			return etok{kind: 'n', val: n}
		}
		f, _ := strconv.ParseFloat(num, 64)
		return etok{kind: 'n', val: f}
	case c == '=' || c == '!' || c == '<' || c == '>':
		j := l.i + 1
		for j < len(l.s) && strings.IndexByte("=<>", l.s[j]) >= 0 {
			j++
		}
		op := l.s[l.i:j]
		l.i = j
		if op == "=" {
			return etok{kind: '=', s: op}
		}
		return etok{kind: 'o', s: op}
	case isIdentStart(c):
		j := l.i
		depth := 0
		for j < len(l.s) {
			d := l.s[j]
			if depth == 0 && !(isIdentPart(d) || d == '.' || d == '[') {
				break
			}
			if d == '[' {
				depth++
			} else if d == ']' {
				depth--
			}
			j++
		}
		id := l.s[l.i:j]
		l.i = j
		return etok{kind: 'i', s: id}
	}
	l.i++
	return etok{kind: c, s: string(c)}
}

func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isIdentPart(c byte) bool {
	return isIdentStart(c) || c >= '0' && c <= '9' || c == '-' || c == '?'
}

// pathExpr reads a variable path or a literal keyword.
func pathExpr(s string) expr {
	switch s {
	case "true":
		return expr{lit: true, isLit: true}
	case "false":
		return expr{lit: false, isLit: true}
	case "nil", "null":
		return expr{isLit: true}
	case "empty":
		return expr{lit: emptyLit{}, isLit: true}
	case "blank":
		return expr{lit: blankLit{}, isLit: true}
	}
	var e expr
	for len(s) > 0 {
		switch s[0] {
		case '.':
			s = s[1:]
			continue
		case '[':
			end := matchingBracket(s)
			inner := s[1:end]
			l := &exprLexer{s: inner}
			e.path = append(e.path, pathPart{idx: ptr(operand(l.next()))})
			s = s[min(end+1, len(s)):]
			continue
		}
		j := strings.IndexAny(s, ".[")
		if j < 0 {
			j = len(s)
		}
		e.path = append(e.path, pathPart{name: s[:j]})
		s = s[j:]
	}
	return e
}

func matchingBracket(s string) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return len(s)
}

func ptr(e expr) *expr { return &e }

func operand(t etok) expr {
	switch t.kind {
	case 's', 'n':
		return expr{lit: t.val, isLit: true}
	case 'i':
		return pathExpr(t.s)
	}
	return expr{isLit: true}
}

// parseFiltered reads `expr | filter: arg, arg | filter`.
func parseFiltered(s string) *filtered {
	l := &exprLexer{s: s}
	f := &filtered{base: operand(l.next())}
	t := l.next()
	for t.kind == '|' {
		name := l.next()
		if name.kind != 'i' {
			break
		}
		call := filterCall{name: name.s}
		t = l.next()
		if t.kind == ':' {
			for {
				a := l.next()
				t = l.next()
				if t.kind == ':' { // a named argument (allow_false: true): skip its name
					a = l.next()
					t = l.next()
				}
				call.args = append(call.args, operand(a))
				if t.kind != ',' {
					break
				}
			}
		}
		f.filters = append(f.filters, call)
	}
	return f
}

// parseCond reads `a == b and c contains "x" or d`.
func parseCond(s string) *cond {
	l := &exprLexer{s: s}
	var first, cur *cond
	for {
		c := &cond{left: operand(l.next())}
		t := l.next()
		if t.kind == 'o' || t.kind == 'i' && t.s == "contains" {
			c.op = t.s
			c.right = operand(l.next())
			t = l.next()
		}
		if first == nil {
			first = c
		} else {
			cur.next = c
		}
		cur = c
		if t.kind == 'i' && (t.s == "and" || t.s == "or") {
			c.join = t.s
			continue
		}
		return first
	}
}

func (r *render) cond(c *cond) bool {
	v := r.compare(c)
	if c.next == nil {
		return v
	}
	// Liquid evaluates and/or from right to left.
	rest := r.cond(c.next)
	if c.join == "and" {
		return v && rest
	}
	return v || rest
}

func (r *render) compare(c *cond) bool {
	a := r.value(c.left)
	if c.op == "" {
		return truthy(a)
	}
	b := r.value(c.right)
	switch c.op {
	case "==":
		return equal(a, b)
	case "!=", "<>":
		return !equal(a, b)
	case "contains":
		switch x := a.(type) {
		case string:
			return strings.Contains(x, Stringify(b))
		case []any:
			for _, e := range x {
				if equal(e, b) {
					return true
				}
			}
		}
		return false
	}
	fa, oka := number(a)
	fb, okb := number(b)
	if !oka || !okb {
		return false
	}
	switch c.op {
	case "<":
		return fa < fb
	case ">":
		return fa > fb
	case "<=":
		return fa <= fb
	case ">=":
		return fa >= fb
	}
	return false
}

func truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	}
	return true
}

func isEmpty(v any) bool {
	switch x := v.(type) {
	case string:
		return x == ""
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	}
	return false
}

func equal(a, b any) bool {
	switch b.(type) {
	case emptyLit:
		return isEmpty(a)
	case blankLit:
		return !truthy(a) || isEmpty(a) || strings.TrimSpace(Stringify(a)) == "" && isString(a)
	}
	switch a.(type) {
	case emptyLit, blankLit:
		return equal(b, a)
	}
	if fa, ok := number(a); ok {
		if fb, ok := number(b); ok {
			return fa == fb
		}
		return false
	}
	switch x := a.(type) {
	case nil:
		return b == nil
	case string:
		y, ok := b.(string)
		return ok && x == y
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	}
	return false
}

func isString(v any) bool { _, ok := v.(string); return ok }

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case uint64:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

func (r *render) value(e expr) any {
	if e.isLit {
		return e.lit
	}
	if len(e.path) == 0 {
		return nil
	}
	var v any = r.vars
	for i, p := range e.path {
		key := p.name
		if p.idx != nil {
			idx := r.value(*p.idx)
			if n, ok := idx.(int); ok {
				if list, ok := v.([]any); ok {
					if n < 0 {
						n += len(list)
					}
					if n < 0 || n >= len(list) {
						return nil
					}
					v = list[n]
					continue
				}
			}
			key = Stringify(idx)
		}
		switch x := v.(type) {
		case map[string]any:
			if val, ok := x[key]; ok {
				v = val
				continue
			}
			if i > 0 && key == "size" {
				v = len(x)
				continue
			}
			return nil
		case []any:
			switch key {
			case "size":
				v = len(x)
			case "first":
				v = first(x)
			case "last":
				v = last(x)
			default:
				return nil
			}
		case string:
			if key == "size" {
				v = len([]rune(x))
				continue
			}
			return nil
		default:
			return nil
		}
	}
	return v
}

func first(x []any) any {
	if len(x) == 0 {
		return nil
	}
	return x[0]
}

func last(x []any) any {
	if len(x) == 0 {
		return nil
	}
	return x[len(x)-1]
}

func (r *render) eval(f *filtered) any {
	v := r.value(f.base)
	for _, c := range f.filters {
		args := make([]any, len(c.args))
		for i, a := range c.args {
			args[i] = r.value(a)
		}
		v = r.s.filter(c.name, v, args)
		if x, ok := v.(string); ok && len(x) > maxOutput {
			// {% assign a = a | append: a %} doubles a string each step.
			r.over = true
			return ""
		}
	}
	return v
}

func arg(args []any, i int) string {
	if i < len(args) {
		return Stringify(args[i])
	}
	return ""
}

// filter applies one Liquid or Jekyll filter; an unknown filter
// (markdownify, escape, strip_html…: the path is what matters) leaves the
// value as it is.
func (s *Site) filter(name string, v any, args []any) any {
	if f, ok := stringFilters[name]; ok {
		return f(s, Stringify(v), args)
	}
	if f, ok := valueFilters[name]; ok {
		return f(v, args)
	}
	return v
}

// stringFilters work on the value as a string.
var stringFilters = map[string]func(s *Site, x string, args []any) any{
	"remove_first":  func(_ *Site, x string, a []any) any { return strings.Replace(x, arg(a, 0), "", 1) },
	"remove":        func(_ *Site, x string, a []any) any { return strings.ReplaceAll(x, arg(a, 0), "") },
	"replace":       func(_ *Site, x string, a []any) any { return strings.ReplaceAll(x, arg(a, 0), arg(a, 1)) },
	"replace_first": func(_ *Site, x string, a []any) any { return strings.Replace(x, arg(a, 0), arg(a, 1), 1) },
	"remove_last": func(_ *Site, x string, a []any) any {
		if sub := arg(a, 0); sub != "" {
			if i := strings.LastIndex(x, sub); i >= 0 {
				return x[:i] + x[i+len(sub):]
			}
		}
		return x
	},
	"append":     func(_ *Site, x string, a []any) any { return x + arg(a, 0) },
	"prepend":    func(_ *Site, x string, a []any) any { return arg(a, 0) + x },
	"downcase":   func(_ *Site, x string, _ []any) any { return strings.ToLower(x) },
	"upcase":     func(_ *Site, x string, _ []any) any { return strings.ToUpper(x) },
	"capitalize": func(_ *Site, x string, _ []any) any { return capitalize(x) },
	"strip":      func(_ *Site, x string, _ []any) any { return strings.TrimSpace(x) },
	"lstrip":     func(_ *Site, x string, _ []any) any { return strings.TrimLeft(x, " \t\r\n") },
	"rstrip":     func(_ *Site, x string, _ []any) any { return strings.TrimRight(x, " \t\r\n") },
	"slugify": func(_ *Site, x string, _ []any) any {
		return strings.Trim(replaceRuns(strings.ToLower(x), letterOrNumber), "-")
	},
	"relative_url": func(s *Site, x string, _ []any) any { return s.RelativeURL(x) },
	"absolute_url": func(s *Site, x string, _ []any) any { return s.Config.URL + s.RelativeURL(x) },
	"url_encode":   func(_ *Site, x string, _ []any) any { return url.PathEscape(x) },
	"uri_escape":   func(_ *Site, x string, _ []any) any { return url.PathEscape(x) },
	"cgi_escape":   func(_ *Site, x string, _ []any) any { return url.PathEscape(x) },
	"url_decode": func(_ *Site, x string, _ []any) any {
		if d, err := url.QueryUnescape(x); err == nil {
			return d
		}
		return x
	},
	"split": func(_ *Site, x string, a []any) any {
		var out []any
		for _, p := range strings.Split(x, arg(a, 0)) {
			out = append(out, p)
		}
		return out
	},
}

// valueFilters work on lists as well as strings.
var valueFilters = map[string]func(v any, args []any) any{
	"join": func(v any, a []any) any {
		list, ok := v.([]any)
		if !ok {
			return Stringify(v)
		}
		parts := make([]string, len(list))
		for i, e := range list {
			parts[i] = Stringify(e)
		}
		return strings.Join(parts, arg(a, 0))
	},
	"first": func(v any, _ []any) any { return firstOrLast(v, true) },
	"last":  func(v any, _ []any) any { return firstOrLast(v, false) },
	"size": func(v any, _ []any) any {
		switch x := v.(type) {
		case []any:
			return len(x)
		case map[string]any:
			return len(x)
		}
		return len([]rune(Stringify(v)))
	},
	"default": func(v any, a []any) any {
		if (!truthy(v) || isEmpty(v)) && len(a) > 0 {
			return a[0]
		}
		return v
	},
}

func capitalize(x string) string {
	if x == "" {
		return x
	}
	rs := []rune(strings.ToLower(x))
	rs[0] = unicode.ToUpper(rs[0])
	return string(rs)
}

// firstOrLast is a list's first or last element, or a string's first or
// last character.
func firstOrLast(v any, isFirst bool) any {
	if list, ok := v.([]any); ok {
		if isFirst {
			return first(list)
		}
		return last(list)
	}
	rs := []rune(Stringify(v))
	switch {
	case len(rs) == 0:
		return ""
	case isFirst:
		return string(rs[0])
	}
	return string(rs[len(rs)-1])
}

// RelativeURL prefixes a site path with the base URL, as Jekyll's
// relative_url filter does.
func (s *Site) RelativeURL(p string) string {
	if strings.Contains(p, "://") || strings.HasPrefix(p, "//") {
		return p
	}
	base := strings.TrimRight(s.Config.BaseURL, "/")
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return base + p
}

// Stringify renders a value as Liquid prints it.
func Stringify(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case uint64:
		return strconv.FormatUint(x, 10)
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e15 {
			return strconv.FormatFloat(x, 'f', 1, 64)
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	case time.Time:
		return x.Format("2006-01-02 15:04:05 -0700")
	case []any:
		var b strings.Builder
		for _, e := range x {
			b.WriteString(Stringify(e))
		}
		return b.String()
	case emptyLit, blankLit, map[string]any:
		return ""
	}
	return fmt.Sprint(v)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
