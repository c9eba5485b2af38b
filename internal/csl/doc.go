// Package csl renders citations and bibliographies through Citation Style
// Language 1.0.2 (and 1.0.1) independent styles and locales: a processor
// written from the specification and checked against the CSL test suite's
// fixtures (TestFixtures; testdata/fixtures-pass.txt lists those that
// pass, and one of them failing fails the test).
//
// A Processor renders a whole document at once, because positions (first,
// subsequent, ibid, near-note), disambiguation (more names, fuller given
// names, the disambiguate condition, year suffixes) and bibliography
// numbering depend on every citation. Output is Rich text: flat spans with
// their formatting, links (DOIs and URLs) and the item a linked citation
// refers to.
//
// Embedded: the Chicago Manual of Style 18th edition notes-bibliography
// style (DefaultStyle), Chicago author-date and APA 7 (BuiltinStyle), and
// the locales for English (US, GB), German, French, Spanish, Italian,
// Portuguese (PT, BR) and Dutch, from the citation-style-language
// repositories (styles/README.md, locales/README.md). A language falls
// back as CSL says: style locale blocks, then the locale file for the tag
// or its language ("fr-CA" to fr-FR), then en-US.
//
// Styles are interpreted as element trees: unknown elements and
// attributes are ignored, a style that is not XML is an error naming the
// line, and rendering is bounded so that no style can make it run away.
package csl
