package citesyntax

import (
	"strings"
	"sync"

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

// termLists holds, by language tag, locatorTerms' tables as lists: every
// citation with a suffix looks its label up, and a list is quicker to go
// through than a map. The choice (longestTerm) does not depend on the
// order.
var termLists sync.Map // tag → *[2][]term: the language's own, English

func termListsFor(tag string) (own, en []term) {
	if v, ok := termLists.Load(tag); ok {
		l := v.(*[2][]term)
		return l[0], l[1]
	}
	o, e := locatorTerms(tag)
	var l [2][]term
	for _, m := range o {
		for form, name := range m {
			l[0] = append(l[0], term{form, name})
		}
	}
	for form, name := range e {
		l[1] = append(l[1], term{form, name})
	}
	termLists.Store(tag, &l)
	return l[0], l[1]
}
