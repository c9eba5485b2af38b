package site

import (
	"errors"
	"fmt"
	"strings"
)

// This file is a small Liquid evaluator for the include templates Jekyll
// sites use to build an image's path ({% include figure.html
// filename="x.png" %} → <img src="/images/slug/x.png">). It knows what such
// templates compute with: assign, capture, if/elsif/else, unless, nested
// include, comment and raw, variables (include.*, page.*, site.*, assigned
// names) and common string filters. Everything else renders nothing: for
// loops, case and unknown tags are skipped, and no template can run code,
// read a file outside _includes/ or loop. Work is bounded: include depth,
// steps and output size (Liquid reference: https://shopify.github.io/liquid/;
// Jekyll's filters: https://jekyllrb.com/docs/liquid/filters/).

// Limits of one template evaluation.
const (
	maxIncludeDepth = 8
	maxSteps        = 20000
	maxOutput       = 64 << 10
)

var errLimit = errors.New("template too large or too deeply nested")

type node interface{}

type (
	textNode   string
	outputNode struct{ e *filtered }
	assignNode struct {
		name string
		e    *filtered
	}
	captureNode struct {
		name string
		body []node
	}
	ifNode      struct{ branches []branch }
	includeNode struct {
		file   string // may hold {{ }}
		params []param
	}
	// linkNode is {% link path %} or {% post_url name %}: the URL of
	// another document of the site.
	linkNode struct{ tag, arg string }
)

type branch struct {
	cond *cond // nil for else
	neg  bool  // unless
	body []node
}

type param struct {
	name string
	e    *filtered
}

// tmpl is a parsed template.
type tmpl struct{ nodes []node }

type token struct {
	kind  byte // 't' text, 'o' output, 'g' tag
	s     string
	trimL bool // {{- or {%-: strip whitespace before
	trimR bool // -}} or -%}: strip whitespace after
}

// lex splits a template into text, output and tag tokens. The bodies of
// raw and comment blocks are taken here, so nothing inside them is read
// as Liquid.
func lex(src string) []token {
	var toks []token
	for len(src) > 0 {
		i := strings.Index(src, "{")
		for i >= 0 && i+1 < len(src) && src[i+1] != '{' && src[i+1] != '%' {
			j := strings.Index(src[i+1:], "{")
			if j < 0 {
				i = -1
				break
			}
			i += 1 + j
		}
		if i < 0 || i+1 >= len(src) {
			toks = append(toks, token{kind: 't', s: src})
			break
		}
		if i > 0 {
			toks = append(toks, token{kind: 't', s: src[:i]})
		}
		closeMark := "}}"
		kind := byte('o')
		if src[i+1] == '%' {
			closeMark, kind = "%}", 'g'
		}
		end := strings.Index(src[i+2:], closeMark)
		if end < 0 {
			toks = append(toks, token{kind: 't', s: src[i:]})
			break
		}
		inner := src[i+2 : i+2+end]
		src = src[i+2+end+2:]
		t := token{kind: kind}
		if strings.HasPrefix(inner, "-") {
			t.trimL, inner = true, inner[1:]
		}
		if strings.HasSuffix(inner, "-") {
			t.trimR, inner = true, inner[:len(inner)-1]
		}
		t.s = strings.TrimSpace(inner)
		if kind == 'g' {
			name, _ := splitWord(t.s)
			if name == "raw" || name == "comment" {
				body, rest, ok := untilEnd(src, "end"+name)
				src = rest
				if name == "raw" {
					toks = append(toks, t, token{kind: 't', s: body})
				}
				if !ok {
					src = ""
				}
				continue
			}
		}
		toks = append(toks, t)
	}
	// Whitespace control.
	for i := range toks {
		if toks[i].kind == 't' {
			continue
		}
		if toks[i].trimL && i > 0 && toks[i-1].kind == 't' {
			toks[i-1].s = strings.TrimRight(toks[i-1].s, " \t\r\n")
		}
		if toks[i].trimR && i+1 < len(toks) && toks[i+1].kind == 't' {
			toks[i+1].s = strings.TrimLeft(toks[i+1].s, " \t\r\n")
		}
	}
	return toks
}

// untilEnd returns the text before the tag {% end %} and the text after
// it; ok is false when the tag never comes.
func untilEnd(src, end string) (body, rest string, ok bool) {
	off := 0
	for {
		i := strings.Index(src[off:], "{%")
		if i < 0 {
			return src, "", false
		}
		i += off
		j := strings.Index(src[i:], "%}")
		if j < 0 {
			return src, "", false
		}
		inner := strings.Trim(src[i+2:i+j], "- \t\r\n")
		if name, _ := splitWord(inner); name == end {
			return src[:i], src[i+j+2:], true
		}
		off = i + 2
	}
}

func splitWord(s string) (string, string) {
	s = strings.TrimSpace(s)
	i := strings.IndexAny(s, " \t\r\n")
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimSpace(s[i:])
}

// parseTemplate parses src; malformed tags become nothing, never an error
// that stops the build (the image resolver falls back to other rules).
func parseTemplate(src string) *tmpl {
	p := &parser{toks: lex(src)}
	nodes, _, _ := p.block()
	return &tmpl{nodes: nodes}
}

type parser struct {
	toks []token
	i    int
}

// skipped are block tags whose bodies are not rendered.
var skipped = map[string]string{"for": "endfor", "case": "endcase", "tablerow": "endtablerow",
	"capture_log": "", "javascript": "endjavascript", "highlight": "endhighlight"}

// block parses nodes until one of stops; it returns the stop tag's name
// and arguments ("" at the end of input).
func (p *parser) block(stops ...string) ([]node, string, string) {
	var out []node
	for p.i < len(p.toks) {
		t := p.toks[p.i]
		p.i++
		switch t.kind {
		case 't':
			out = append(out, textNode(t.s))
		case 'o':
			out = append(out, outputNode{parseFiltered(t.s)})
		case 'g':
			name, args := splitWord(t.s)
			for _, s := range stops {
				if name == s {
					return out, name, args
				}
			}
			if n := p.tag(name, args); n != nil {
				out = append(out, n)
			}
		}
	}
	return out, "", ""
}

func (p *parser) tag(name, args string) node {
	switch name {
	case "assign":
		v, e, ok := strings.Cut(args, "=")
		if !ok {
			return nil
		}
		return assignNode{strings.TrimSpace(v), parseFiltered(e)}
	case "capture":
		body, _, _ := p.block("endcapture")
		return captureNode{strings.Trim(strings.TrimSpace(args), `"'`), body}
	case "if", "unless":
		return p.ifBlock(name, args)
	case "include":
		return parseInclude(args)
	case "link", "post_url":
		return linkNode{tag: name, arg: strings.TrimSpace(args)}
	}
	if end, ok := skipped[name]; ok && end != "" {
		p.block(end)
	}
	return nil
}

func (p *parser) ifBlock(name, args string) node {
	n := ifNode{}
	cur := branch{cond: parseCond(args), neg: name == "unless"}
	end := "end" + name
	for {
		body, stop, sargs := p.block("elsif", "else", end)
		cur.body = body
		n.branches = append(n.branches, cur)
		switch stop {
		case "elsif":
			cur = branch{cond: parseCond(sargs)}
		case "else":
			cur = branch{}
		default:
			return n
		}
	}
}

// parseInclude reads `name.html key="value" key=variable ...`.
func parseInclude(args string) node {
	file, rest := splitWord(args)
	if strings.HasPrefix(args, "{{") {
		if i := strings.Index(args, "}}"); i >= 0 {
			file, rest = args[:i+2], args[i+2:]
		}
	}
	n := includeNode{file: file}
	lx := &exprLexer{s: rest}
	for {
		t := lx.next()
		if t.kind != 'i' {
			break
		}
		if eq := lx.next(); eq.kind != '=' {
			break
		}
		v := lx.next()
		var e *filtered
		switch v.kind {
		case 's', 'n':
			e = &filtered{base: expr{lit: v.val, isLit: true}}
		case 'i':
			e = &filtered{base: pathExpr(v.s)}
		default:
			return n
		}
		n.params = append(n.params, param{t.s, e})
	}
	return n
}

// render evaluates a template for one include call.
type render struct {
	s     *Site
	vars  map[string]any // assigned names, page, site, include
	depth int
	steps int
	over  bool // a value outgrew maxOutput
}

func (r *render) nodes(ns []node, b *strings.Builder) error {
	for _, n := range ns {
		r.steps++
		if r.steps > maxSteps {
			return errLimit
		}
		if err := r.node(n, b); err != nil {
			return err
		}
		if b.Len() > maxOutput || r.over {
			return errLimit
		}
	}
	return nil
}

func (r *render) node(n node, b *strings.Builder) error {
	switch x := n.(type) {
	case textNode:
		b.WriteString(string(x))
	case outputNode:
		b.WriteString(Stringify(r.eval(x.e)))
	case assignNode:
		r.vars[x.name] = r.eval(x.e)
	case captureNode:
		var c strings.Builder
		if err := r.nodes(x.body, &c); err != nil {
			return err
		}
		r.vars[x.name] = c.String()
	case ifNode:
		for _, br := range x.branches {
			if br.cond == nil || r.cond(br.cond) != br.neg {
				return r.nodes(br.body, b)
			}
		}
	case includeNode:
		return r.include(x, b)
	case linkNode:
		// A document that is not there prints nothing (Jekyll stops the
		// build; an edition keeps the link's text).
		if u, err := r.s.linkURL(x.tag, x.arg); err == nil {
			b.WriteString(u)
		}
	}
	return nil
}

// include renders a nested include with its own include.* parameters;
// assigned names stay visible after it, as in Jekyll.
func (r *render) include(x includeNode, b *strings.Builder) error {
	if r.depth >= maxIncludeDepth {
		return errLimit
	}
	name := x.file
	if strings.Contains(name, "{{") {
		var nb strings.Builder
		if err := r.nodes(parseTemplate(name).nodes, &nb); err != nil {
			return err
		}
		name = nb.String()
	}
	t, err := r.s.template(name)
	if err != nil {
		return err
	}
	params := map[string]any{}
	for _, p := range x.params {
		params[p.name] = r.eval(p.e)
	}
	saved, had := r.vars["include"]
	r.vars["include"] = params
	r.depth++
	err = r.nodes(t.nodes, b)
	r.depth--
	if had {
		r.vars["include"] = saved
	} else {
		delete(r.vars, "include")
	}
	return err
}

// Render evaluates the include template name (a file in _includes/) with
// the given include parameters, page and site variables, and returns its
// output.
func (s *Site) Render(name string, params map[string]string, page map[string]any) (string, error) {
	inc := includeNode{file: name}
	for _, k := range sortedKeys(params) {
		inc.params = append(inc.params, param{k, &filtered{base: expr{lit: params[k], isLit: true}}})
	}
	r := &render{s: s, vars: map[string]any{"page": page, "site": s.Config.Vars}}
	var b strings.Builder
	if err := r.include(inc, &b); err != nil {
		return "", err
	}
	return b.String(), nil
}

// ErrNoTemplate means the site has no include of that name.
var ErrNoTemplate = errors.New("no such include template")

// template returns the parsed _includes/<name>, once per name.
func (s *Site) template(name string) (*tmpl, error) {
	name = strings.TrimSpace(name)
	if name == "" || strings.Contains(name, "..") || strings.HasPrefix(name, "/") || strings.ContainsAny(name, "\\\x00") {
		return nil, fmt.Errorf("include %q: %w", name, ErrNoTemplate)
	}
	s.incMu.Lock()
	defer s.incMu.Unlock()
	if s.includes == nil {
		s.includes = map[string]*tmpl{}
	}
	if t, ok := s.includes[name]; ok {
		if t == nil {
			return nil, fmt.Errorf("include %q: %w", name, ErrNoTemplate)
		}
		return t, nil
	}
	data, err := readInside(s.Root, "_includes/"+name)
	if err != nil || len(data) > maxOutput*4 {
		s.includes[name] = nil
		return nil, fmt.Errorf("include %q: %w", name, ErrNoTemplate)
	}
	t := parseTemplate(string(data))
	s.includes[name] = t
	return t, nil
}

// RenderString evaluates src, a template written in a post (an image path
// such as "{{ site.baseurl }}/images/x.png"), with the page and site
// variables.
func (s *Site) RenderString(src string, page map[string]any) (string, error) {
	r := &render{s: s, vars: map[string]any{"page": page, "site": s.Config.Vars}}
	var b strings.Builder
	if err := r.nodes(parseTemplate(src).nodes, &b); err != nil {
		return "", err
	}
	return b.String(), nil
}

// Renderer renders the Liquid met in one post, in the post's order, with
// its page and the site's variables: a name one call assigns ({% assign
// x = "…" %}) is seen by the next ({{ x }}), as in Jekyll, which renders
// a post's Liquid from top to bottom before its Markdown.
type Renderer struct {
	r *render
}

// NewRenderer returns a Renderer for the document whose page variables
// are page.
func (s *Site) NewRenderer(page map[string]any) *Renderer {
	return &Renderer{r: &render{s: s, vars: map[string]any{"page": page, "site": s.Config.Vars}}}
}

// Render evaluates src, Liquid output or tags, and returns its output.
func (x *Renderer) Render(src string) (string, error) {
	x.r.steps, x.r.over = 0, false
	var b strings.Builder
	if err := x.r.nodes(parseTemplate(src).nodes, &b); err != nil {
		return "", err
	}
	return b.String(), nil
}
