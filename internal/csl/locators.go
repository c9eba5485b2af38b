package csl

import (
	"strings"
	"sync"
)

// locatorNames are CSL's locator types: those of CSL 1.0.2, with 1.0.1's
// spelling "sub verbo", which the embedded locales still use.
var locatorNames = []string{
	"act", "appendix", "article-locator", "book", "canon", "chapter", "column",
	"elocation", "equation", "figure", "folio", "issue", "line", "note", "opus",
	"page", "paragraph", "part", "rule", "scene", "section", "sub verbo", "sub-verbo",
	"supplement", "table", "timestamp", "title-locator", "verse", "volume",
}

var (
	locatorMu    sync.Mutex
	locatorCache = map[string]map[string]string{}
)

// LocatorTerms maps every form of the locator terms of the embedded locale
// for a language tag (long, short and symbol; singular and plural),
// lower-cased, to the term's name, as pandoc builds the labels it reads in
// a citation's locator from the locale. It is nil when no locale is
// embedded for the tag's language; it falls back as locales do ("nl-BE"
// to nl-NL) but not to English, which the caller adds if it wants. The map
// is shared: do not change it.
func LocatorTerms(tag string) map[string]string {
	l := builtinLocale(tag)
	if l == nil {
		return nil
	}
	locatorMu.Lock()
	defer locatorMu.Unlock()
	if m, ok := locatorCache[l.lang]; ok {
		return m
	}
	m := map[string]string{}
	for _, name := range locatorNames {
		for _, form := range []string{"long", "short", "symbol"} {
			t := l.terms[termKey{name, form, ""}]
			if t == nil {
				continue
			}
			for _, s := range []string{t.single, t.multiple} {
				s = strings.ToLower(strings.TrimSpace(s))
				if _, taken := m[s]; s != "" && !taken {
					m[s] = name
				}
			}
		}
	}
	locatorCache[l.lang] = m
	return m
}
