package citesyntax

import (
	"strings"

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
