package citesyntax

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/redtide/edition/internal/csl"
)

// olderTerms are forms of locator terms that other releases of the CSL
// locales spell and the embedded release does not (German "Anm.", French
// "nᵒˢ"): posts written against those releases still read them.
var olderTerms = map[string]map[string]string{
	"de": {"anm.": "note", "anmerkung": "note", "anmerkungen": "note"},
	"fr": {"c.": "chapter", "fᵒˢ": "folio", "nᵒˢ": "issue"},
	"it": {"fgl.": "folio"},
}

// locatorTerms returns the tables locator labels are looked up in: the
// terms of the language's CSL locale (every form, as pandoc's
// Citeproc.Locator builds its map from the locale) with older forms, and
// English's, tried when the language's give nothing.
func locatorTerms(tag string) (own []map[string]string, en map[string]string) {
	lang := strings.ToLower(tag)
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	if lang != "en" && lang != "" {
		if m := csl.LocatorTerms(tag); m != nil {
			own = append(own, m)
		}
		if m := olderTerms[lang]; m != nil {
			own = append(own, m)
		}
	}
	return own, csl.LocatorTerms("en-US")
}

// term is one form of a locator term.
type term struct{ form, name string }

// termList is a table of locatorTerms as lists, by the first byte of
// the forms in lower case when it is ASCII; forms that start beyond
// ASCII (§, ¶, Kelvin sign K, long s ſ, which may fold to ASCII) are
// in list 0. A label that starts with an ASCII byte can only be one of
// its byte's list or of list 0 (see candidates).
type termList [utf8.RuneSelf][]term

// candidates calls f with each list a label at the start of s may be in.
func (l *termList) candidates(s string, f func([]term)) {
	if s == "" {
		return
	}
	if c := s[0]; c < utf8.RuneSelf {
		f(l[lowerASCII(c)])
		if c != 0 {
			f(l[0])
		}
		return
	}
	for _, ts := range l {
		f(ts)
	}
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func (l *termList) add(form, name string) {
	i := byte(0)
	if form != "" && form[0] < utf8.RuneSelf {
		i = lowerASCII(form[0])
	}
	l[i] = append(l[i], term{form, name})
}

// termLists holds, by language tag, locatorTerms' tables as termLists:
// every citation with a suffix looks its label up, and a list of the
// forms that start as it does is quicker to go through than a map. The
// choice (longestTerm) does not depend on the order.
var termLists sync.Map // tag → *[2]termList: the language's own, English

func termListsFor(tag string) (own, en *termList) {
	if v, ok := termLists.Load(tag); ok {
		l := v.(*[2]termList)
		return &l[0], &l[1]
	}
	o, e := locatorTerms(tag)
	l := new([2]termList)
	for _, m := range o {
		for form, name := range m {
			l[0].add(form, name)
		}
	}
	for form, name := range e {
		l[1].add(form, name)
	}
	termLists.Store(tag, l)
	return &l[0], &l[1]
}
