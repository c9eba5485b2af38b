package site

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"html/template"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"

	"github.com/redtide/edition/internal/lazy"
)

// ShortcodeCall is one use of a shortcode, as its template sees it.
type ShortcodeCall struct {
	Name       string
	Named      map[string]string
	Positional []string
	Inner      string
	Paired     bool
	// Page is the page's front matter (its params), for .Page.Params.
	Page map[string]any
	// Title is the page's title, for .Page.Title.
	Title string
}

// ErrNoShortcode is returned for a shortcode the site has no template
// for.
var ErrNoShortcode = errors.New("has no template in the site's layouts/shortcodes/")

// maxShortcodeOutput bounds what one shortcode template may write.
const maxShortcodeOutput = 64 << 10

// Shortcode renders a Hugo shortcode through the site's own template,
// layouts/shortcodes/NAME.html (or layouts/_shortcodes/, or the theme's),
// with Go's html/template as Hugo does. Only a subset of Hugo's template
// functions is known (see shortcodeFuncs): a template that calls another
// (a partial, resources.Get) fails to parse or run, and the error says
// so; the caller then reads the shortcode by its text.
func (s *Site) Shortcode(call ShortcodeCall) (string, error) {
	t, err := s.shortcodeTemplate(call.Name)
	if err != nil {
		return "", err
	}
	var b limitedBuffer
	if err := t.Execute(&b, newShortcodeData(s, call)); err != nil {
		return "", fmt.Errorf("has a template edition could not run (%s)", strings.TrimPrefix(err.Error(), "template: "))
	}
	return b.String(), nil
}

// shortcodeTemplate parses (once) the template of shortcode name.
func (s *Site) shortcodeTemplate(name string) (*template.Template, error) {
	if s.Hugo == nil || !shortcodeName().MatchString(name) {
		return nil, ErrNoShortcode
	}
	s.scMu.Lock()
	defer s.scMu.Unlock()
	if s.shortcodes == nil {
		s.shortcodes = map[string]scEntry{}
	}
	if e, ok := s.shortcodes[name]; ok {
		return e.t, e.err
	}
	var e scEntry
	file := s.shortcodeFile(name)
	if file == "" {
		e.err = ErrNoShortcode
	} else if data, err := os.ReadFile(file); err != nil {
		e.err = err
	} else if e.t, err = template.New(name).Funcs(shortcodeFuncs).Parse(string(data)); err != nil {
		e.t, e.err = nil, fmt.Errorf("has a template that uses more than edition evaluates (%s)", strings.TrimPrefix(err.Error(), "template: "))
	}
	s.shortcodes[name] = e
	return e.t, e.err
}

type scEntry struct {
	t   *template.Template
	err error
}

var shortcodeName = lazy.Regexp(`^[\w-]+(/[\w-]+)*$`)

// shortcodeFile finds a shortcode's template: the site's layouts first,
// then its theme's, as Hugo looks them up.
func (s *Site) shortcodeFile(name string) string {
	roots := []string{s.Root}
	for _, th := range anyList(s.Config.Vars["theme"]) {
		if t := Stringify(th); t != "" && shortcodeName().MatchString(t) {
			roots = append(roots, filepath.Join(s.Root, "themes", t))
		}
	}
	for _, r := range roots {
		for _, d := range []string{"_shortcodes", "shortcodes"} {
			for _, n := range []string{name + ".html", name + ".html.html"} {
				p := filepath.Join(r, "layouts", d, filepath.FromSlash(n))
				if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
					return p
				}
			}
		}
	}
	return ""
}

// shortcodeData is the template's dot: Hugo's ShortcodeWithPage, as far
// as edition knows it.
type shortcodeData struct {
	Name          string
	Inner         template.HTML
	Params        any
	IsNamedParams bool
	Page          map[string]any
	Site          map[string]any
	call          ShortcodeCall
}

func newShortcodeData(s *Site, call ShortcodeCall) *shortcodeData {
	d := &shortcodeData{Name: call.Name, Inner: template.HTML(call.Inner), call: call, IsNamedParams: len(call.Named) > 0}
	if d.IsNamedParams {
		d.Params = call.Named
	} else {
		d.Params = call.Positional
	}
	params, _ := s.Config.Vars["params"].(map[string]any)
	d.Site = map[string]any{"Params": params, "Title": s.Config.Title, "BaseURL": s.Config.BaseURL}
	d.Page = map[string]any{"Params": call.Page, "Title": call.Title, "Site": d.Site}
	return d
}

// Get is .Get: a named argument by name, a positional one by index; ""
// when absent, as Hugo's nil prints.
func (d *shortcodeData) Get(key any) any {
	switch k := key.(type) {
	case int:
		if k >= 0 && k < len(d.call.Positional) {
			return d.call.Positional[k]
		}
	case string:
		if v, ok := d.call.Named[k]; ok {
			return v
		}
		if i, err := strconv.Atoi(k); err == nil && i >= 0 && i < len(d.call.Positional) {
			return d.call.Positional[i]
		}
	}
	return ""
}

// InnerDeindent is .InnerDeindent: the content without its common
// indentation.
func (d *shortcodeData) InnerDeindent() template.HTML {
	lines := strings.Split(d.call.Inner, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimLeft(l, " \t")
	}
	return template.HTML(strings.Join(lines, "\n"))
}

// shortcodeFuncs are the Hugo template functions edition knows: those
// that shape text. Markdown is left as it is (the output is read as
// Markdown and HTML), addresses unchanged.
var shortcodeFuncs = template.FuncMap{
	"markdownify":  markdownify,
	"safeHTML":     func(v any) template.HTML { return template.HTML(Stringify(v)) },
	"safeHTMLAttr": func(v any) template.HTMLAttr { return template.HTMLAttr(Stringify(v)) },
	"safeURL":      func(v any) template.URL { return template.URL(Stringify(v)) },
	"safeCSS":      func(v any) template.CSS { return template.CSS(Stringify(v)) },
	"htmlEscape":   func(v any) string { return html.EscapeString(Stringify(v)) },
	"htmlUnescape": func(v any) string { return html.UnescapeString(Stringify(v)) },
	"plainify":     func(v any) string { return tagRe().ReplaceAllString(Stringify(v), "") },
	"lower":        func(v any) string { return strings.ToLower(Stringify(v)) },
	"upper":        func(v any) string { return strings.ToUpper(Stringify(v)) },
	"trim":         func(v any, cut string) string { return strings.Trim(Stringify(v), cut) },
	"replace":      func(v any, old, new string) string { return strings.ReplaceAll(Stringify(v), old, new) },
	"relURL":       func(v any) string { return Stringify(v) },
	"absURL":       func(v any) string { return Stringify(v) },
	"relLangURL":   func(v any) string { return Stringify(v) },
	"absLangURL":   func(v any) string { return Stringify(v) },
	"emojify":      func(v any) string { return Stringify(v) },
	"slice":        func(v ...any) []any { return v },
	"title":        titleCase,
	"string":       func(v any) string { return Stringify(v) },
	"chomp":        func(v any) string { return strings.TrimRight(Stringify(v), "\r\n") },
	"urlize":       func(v any) string { return strings.ToLower(strings.Join(strings.Fields(Stringify(v)), "-")) },
	"default": func(def any, v ...any) any {
		if len(v) == 0 || v[0] == nil || Stringify(v[0]) == "" {
			return def
		}
		return v[0]
	},
	"isset": func(m any, k any) bool {
		switch x := m.(type) {
		case map[string]any:
			_, ok := x[Stringify(k)]
			return ok
		case map[string]string:
			_, ok := x[Stringify(k)]
			return ok
		case []string:
			i, ok := k.(int)
			return ok && i >= 0 && i < len(x)
		}
		return false
	},
	"in": func(set any, v any) bool {
		switch x := set.(type) {
		case string:
			return strings.Contains(x, Stringify(v))
		case []any:
			for _, e := range x {
				if Stringify(e) == Stringify(v) {
					return true
				}
			}
		case []string:
			for _, e := range x {
				if e == Stringify(v) {
					return true
				}
			}
		}
		return false
	},
}

var tagRe = lazy.Regexp(`<[^>]*>`)

// limitedBuffer is a bytes.Buffer that refuses to grow past
// maxShortcodeOutput.
type limitedBuffer struct{ bytes.Buffer }

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if b.Len()+len(p) > maxShortcodeOutput {
		return 0, errors.New("writes too much")
	}
	return b.Buffer.Write(p)
}

// markdownify renders Markdown to HTML as Hugo's markdownify does: one
// paragraph alone loses its <p>.
func markdownify(v any) template.HTML {
	var b bytes.Buffer
	md := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
	if err := md.Convert([]byte(Stringify(v)), &b); err != nil {
		return template.HTML(html.EscapeString(Stringify(v)))
	}
	out := strings.TrimSpace(b.String())
	if strings.HasPrefix(out, "<p>") && strings.HasSuffix(out, "</p>") && strings.Count(out, "<p>") == 1 {
		out = out[3 : len(out)-4]
	}
	return template.HTML(out)
}

// titleCase is Hugo's title: each word's first letter in capitals.
func titleCase(v any) string {
	words := strings.Fields(Stringify(v))
	for i, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}
