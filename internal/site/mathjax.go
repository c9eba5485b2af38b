package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/redtide/edition/internal/lazy"
	"github.com/redtide/edition/internal/texmath"
)

// MathMacros returns the TeX macros the site defines for its math
// renderer, as its page templates give them (Jekyll's _layouts and
// _includes, Hugo's layouts): MathJax 2's `TeX: {Macros: {…}}`,
// MathJax 3's `tex: {macros: {…}}`, KaTeX's `macros: {"\\R": …}`, and
// definitions typeset in a template ($$\newcommand…$$), which MathJax
// keeps for the whole page. Read once per site; nil when there are none.
func (s *Site) MathMacros() *texmath.Macros {
	s.macroOnce.Do(func() { s.macros = readMathMacros(s.Root) })
	return s.macros
}

// templateDirs are the folders whose HTML files set up a page's math.
var templateDirs = []string{"_layouts", "_includes", "layouts", "themes"}

// templateFiles lists the HTML and JavaScript files of root's template
// folders, sorted.
func templateFiles(root string) []string {
	var files []string
	for _, d := range templateDirs {
		filepath.WalkDir(filepath.Join(root, d), func(p string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() && (strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".js")) {
				files = append(files, p)
			}
			return nil
		})
	}
	sort.Strings(files)
	return files
}

func readMathMacros(root string) *texmath.Macros {
	files := templateFiles(root)
	m := texmath.NewMacros()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		addMacroTables(m, string(data))
		addTemplateDefinitions(m, string(data))
	}
	if m.Len() == 0 {
		return nil
	}
	return m
}

var macrosKey = lazy.Regexp(`(?i)["']?\bmacros["']?\s*:\s*\{`)

// addMacroTables reads the JavaScript object literals given to a
// renderer's macros option: name: "body", name: ["body", n] (MathJax),
// "\\name": "body" (KaTeX).
func addMacroTables(m *texmath.Macros, src string) {
	for _, loc := range macrosKey().FindAllStringIndex(src, -1) {
		js := &jsReader{s: src, i: loc[1]}
		for js.err == nil {
			js.space()
			if js.peek() == '}' || js.i >= len(js.s) {
				break
			}
			name := js.key()
			js.space()
			if !js.eat(':') {
				break
			}
			js.space()
			body, args := js.macroValue()
			if js.err != nil {
				break
			}
			m.Define(name, body, args)
			js.space()
			js.eat(',')
		}
	}
}

// jsReader reads the few JavaScript forms a macro table uses.
type jsReader struct {
	s   string
	i   int
	err error
}

type jsError struct{}

func (jsError) Error() string { return "not a macro table" }

func (r *jsReader) peek() byte {
	if r.i < len(r.s) {
		return r.s[r.i]
	}
	return 0
}

func (r *jsReader) eat(c byte) bool {
	if r.peek() == c {
		r.i++
		return true
	}
	return false
}

// space skips white space and comments.
func (r *jsReader) space() {
	for r.i < len(r.s) {
		switch {
		case strings.ContainsRune(" \t\r\n", rune(r.s[r.i])):
			r.i++
		case strings.HasPrefix(r.s[r.i:], "//"):
			for r.i < len(r.s) && r.s[r.i] != '\n' {
				r.i++
			}
		case strings.HasPrefix(r.s[r.i:], "/*"):
			end := strings.Index(r.s[r.i+2:], "*/")
			if end < 0 {
				r.i = len(r.s)
				return
			}
			r.i += end + 4
		default:
			return
		}
	}
}

// key reads a property name: an identifier or a string.
func (r *jsReader) key() string {
	if c := r.peek(); c == '"' || c == '\'' {
		return r.str()
	}
	start := r.i
	for r.i < len(r.s) && (isIdent(r.s[r.i])) {
		r.i++
	}
	if start == r.i {
		r.err = jsError{}
	}
	return r.s[start:r.i]
}

func isIdent(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// str reads a JavaScript string literal.
func (r *jsReader) str() string {
	q := r.s[r.i]
	r.i++
	var b strings.Builder
	for r.i < len(r.s) && r.s[r.i] != q {
		c := r.s[r.i]
		if c == '\\' && r.i+1 < len(r.s) {
			r.i++
			c = r.s[r.i]
			switch c {
			case 'n':
				c = '\n'
			case 't':
				c = '\t'
			}
		}
		b.WriteByte(c)
		r.i++
	}
	if !r.eat(q) {
		r.err = jsError{}
	}
	return b.String()
}

// macroValue reads "body" or ["body", args] (MathJax's form; a third
// element, an optional argument's default, is not supported).
func (r *jsReader) macroValue() (string, int) {
	if c := r.peek(); c == '"' || c == '\'' {
		return r.str(), 0
	}
	if !r.eat('[') {
		r.err = jsError{}
		return "", 0
	}
	r.space()
	body := r.str()
	r.space()
	args := 0
	if r.eat(',') {
		r.space()
		start := r.i
		for r.i < len(r.s) && r.s[r.i] >= '0' && r.s[r.i] <= '9' {
			r.i++
		}
		args, _ = strconv.Atoi(r.s[start:r.i])
	}
	for r.i < len(r.s) && r.s[r.i] != ']' {
		r.i++
	}
	r.eat(']')
	return body, args
}

var templateMath = lazy.Regexp(`(?s)\$\$(.*?)\$\$|\\\[(.*?)\\\]`)

// addTemplateDefinitions reads definitions typeset in a template:
// $$\newcommand{\R}{\mathbb{R}}$$, often in a hidden element.
func addTemplateDefinitions(m *texmath.Macros, src string) {
	for _, g := range templateMath().FindAllStringSubmatch(src, -1) {
		tex := g[1] + g[2]
		if strings.Contains(tex, `\newcommand`) || strings.Contains(tex, `\def`) ||
			strings.Contains(tex, `\DeclareMathOperator`) || strings.Contains(tex, `\renewcommand`) {
			texmath.Parse(tex, texmath.Options{Macros: m})
		}
	}
}
