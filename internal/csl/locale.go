package csl

import (
	"embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// Locale holds a CSL locale: terms, localized date formats and options.
type Locale struct {
	lang  string
	terms map[termKey]*term
	dates map[string]*elem // "text", "numeric"
	opts  map[string]string
}

type termKey struct{ name, form, gender string }

type term struct {
	single, multiple string
	gender           string // the noun's gender (month terms, number variables)
	match            string // ordinal matching rule
}

// ParseLocale reads a CSL locale file.
func ParseLocale(data []byte) (*Locale, error) {
	root, err := parseXML(data)
	if err != nil {
		return nil, err
	}
	if root.name != "locale" {
		return nil, fmt.Errorf("line %d: root element is <%s>, not <locale>", root.line, root.name)
	}
	return localeFrom(root), nil
}

// Lang returns the locale's language tag.
func (l *Locale) Lang() string { return l.lang }

func localeFrom(e *elem) *Locale {
	l := &Locale{lang: e.attr("lang"), terms: map[termKey]*term{}, dates: map[string]*elem{}, opts: map[string]string{}}
	for _, k := range e.kids {
		switch k.name {
		case "terms":
			for _, t := range k.kids {
				l.addTerm(t)
			}
		case "date":
			l.dates[k.attr("form")] = k
		case "style-options":
			for _, a := range k.attrs {
				l.opts[a.Name.Local] = a.Value
			}
		}
	}
	return l
}

func (l *Locale) addTerm(t *elem) {
	if t.name != "term" {
		return
	}
	form := t.attr("form")
	if form == "" {
		form = "long"
	}
	tm := &term{gender: t.attr("gender"), match: t.attr("match")}
	if s := t.child("single"); s != nil {
		tm.single = s.text
		tm.multiple = s.text
		if m := t.child("multiple"); m != nil {
			tm.multiple = m.text
		}
	} else {
		tm.single, tm.multiple = t.text, t.text
	}
	l.terms[termKey{t.attr("name"), form, t.attr("gender-form")}] = tm
}

//go:embed locales/*.xml
var localeFS embed.FS

// regions gives the locale file a bare language falls back to.
var regions = map[string]string{
	"en": "en-US", "de": "de-DE", "fr": "fr-FR", "es": "es-ES", "it": "it-IT",
	"pt": "pt-PT", "nl": "nl-NL",
}

var (
	localeMu    sync.Mutex
	localeCache = map[string]*Locale{}
)

// builtinLocale returns the embedded locale for a tag, falling back as CSL
// says: "fr-CA" to "fr-FR", "pt" to "pt-PT"; nil when there is none.
func builtinLocale(tag string) *Locale {
	tag = strings.ReplaceAll(tag, "_", "-")
	for _, t := range []string{tag, regions[primary(tag)]} {
		if t == "" {
			continue
		}
		if l := loadLocale(t); l != nil {
			return l
		}
	}
	return nil
}

func loadLocale(tag string) *Locale {
	localeMu.Lock()
	defer localeMu.Unlock()
	if l, ok := localeCache[tag]; ok {
		return l
	}
	var l *Locale
	if data, err := localeFS.ReadFile("locales/locales-" + tag + ".xml"); err == nil {
		l, _ = ParseLocale(data)
	}
	localeCache[tag] = l
	return l
}

func primary(tag string) string {
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		return strings.ToLower(tag[:i])
	}
	return strings.ToLower(tag)
}

// locales is the chain a term is looked up in: the style's own locale
// blocks for the language, then the locale files, then en-US.
type locales []*Locale

func newChain(s *Style, lang string) locales {
	var c locales
	for _, match := range []func(string) bool{
		func(l string) bool { return l != "" && strings.EqualFold(l, lang) },
		func(l string) bool { return l != "" && !strings.Contains(l, "-") && l == primary(lang) },
		func(l string) bool { return l == "" },
	} {
		for _, l := range s.locales {
			if match(l.lang) {
				c = append(c, l)
			}
		}
	}
	if l := builtinLocale(lang); l != nil {
		c = append(c, l)
	}
	if l := loadLocale("en-US"); l != nil {
		c = append(c, l)
	}
	return c
}

var formFallback = map[string][]string{
	"long": {"long"}, "short": {"short", "long"}, "verb": {"verb", "long"},
	"verb-short": {"verb-short", "verb", "long"}, "symbol": {"symbol", "short", "long"},
}

func (c locales) lookupTerm(name, form, gender string) *term {
	forms := formFallback[form]
	if forms == nil {
		forms = formFallback["long"]
	}
	for _, f := range forms {
		for _, l := range c {
			if t := l.terms[termKey{name, f, gender}]; t != nil {
				return t
			}
		}
	}
	return nil
}

// termChain is a processor's locales, with each term it looked up kept
// by what was asked: a style asks for the same few terms in every cite,
// and each lookup goes through the form's fallbacks in every locale of
// the chain.
type termChain struct {
	locales
	found map[termKey]*term // nil for a term no locale has
}

// lookupTerm is locales.lookupTerm, each answer kept.
func (c *termChain) lookupTerm(name, form, gender string) *term {
	k := termKey{name, form, gender}
	if t, ok := c.found[k]; ok {
		return t
	}
	t := c.locales.lookupTerm(name, form, gender)
	if c.found == nil {
		c.found = map[termKey]*term{}
	}
	c.found[k] = t
	return t
}

// term looks a term up, with the form fallbacks of the specification.
func (c *termChain) term(name, form string, plural bool) (string, bool) {
	t := c.lookupTerm(name, form, "")
	if t == nil {
		return "", false
	}
	if plural {
		return t.multiple, true
	}
	return t.single, true
}

// gender returns the grammatical gender of the noun term.
func (c *termChain) gender(name string) string {
	if t := c.lookupTerm(name, "long", ""); t != nil {
		return t.gender
	}
	return ""
}

// opt returns a style option (punctuation-in-quote, ...).
func (c locales) opt(name string) string {
	for _, l := range c {
		if v, ok := l.opts[name]; ok {
			return v
		}
	}
	return ""
}

func (c locales) dateFormat(form string) *elem {
	for _, l := range c {
		if d := l.dates[form]; d != nil {
			return d
		}
	}
	return nil
}

// ordinal renders n as an ordinal number ("1st", "2e", "1.").
func (c locales) ordinal(n int, gender string) string {
	if t := c.ordinalTerm(n, gender); t != nil {
		return strconv.Itoa(n) + t.single
	}
	return strconv.Itoa(n)
}

func (c locales) ordinalTerm(n int, gender string) *term {
	for _, l := range c {
		if t := l.ordinalIn(n, gender); t != nil {
			return t
		}
	}
	return nil
}

func (l *Locale) ordinalIn(n int, gender string) *term {
	find := func(name string) *term {
		if t := l.terms[termKey{name, "long", gender}]; t != nil {
			return t
		}
		return l.terms[termKey{name, "long", ""}]
	}
	if n < 0 {
		n = -n
	}
	if t := find(fmt.Sprintf("ordinal-%02d", n%100)); t != nil && n%100 >= 10 {
		if t.match != "whole-number" || n < 100 {
			return t
		}
	}
	if t := find(fmt.Sprintf("ordinal-%02d", n%10)); t != nil {
		switch t.match {
		case "last-two-digits":
			if n%100 < 10 {
				return t
			}
		case "whole-number":
			if n < 10 {
				return t
			}
		default:
			return t
		}
	}
	return find("ordinal")
}

// longOrdinal renders 1-10 as words ("first", "zweiter"), others as ordinals.
func (c locales) longOrdinal(n int, gender string) string {
	if n >= 1 && n <= 10 {
		name := fmt.Sprintf("long-ordinal-%02d", n)
		for _, l := range c {
			if t := l.terms[termKey{name, "long", gender}]; t != nil {
				return t.single
			}
			if t := l.terms[termKey{name, "long", ""}]; t != nil {
				return t.single
			}
		}
	}
	return c.ordinal(n, gender)
}
