package model

import "unicode"

// PageStart is where a page of the print edition begins in the document
// model, so that the EPUB can carry the print page numbers (EPUB 3
// pagebreak markers and page-list): the print layout computes it, the EPUB
// writer reads it as plain data.
//
// At is the element whose text the page begins in, and Word how many
// words of that text come before the page: the page begins at the word
// numbered Word (from 0). A word broken across two pages belongs to the
// page it begins on. At is one of
//
//   - a Block (a paragraph, heading, code block, figure or table: a
//     figure's words are its caption's, a table's its caption's);
//   - a *Cell of a table;
//   - a *BibEntry, or the *Bibliography for its title;
//   - a *Note, for a note's number printed alone;
//   - the *Article, for its title, subtitle and byline.
//
// Article is the article At belongs to. A page without text of any
// article has Article and At nil: the cover (which gets no PageStart), a
// contents page before the first article, a blank page after the last.
type PageStart struct {
	Label   string // the printed page number, e.g. "7"
	Article *Article
	At      any
	Word    int
}

// IsWordSpace reports whether r separates words, as the print layout
// splits a paragraph into words: white space other than the no-break
// space. Words counted by this rule are PageStart's.
func IsWordSpace(r rune) bool {
	switch r {
	case '\u00a0', '\u2007', '\u202f': // no-break spaces join
		return false
	}
	return unicode.IsSpace(r)
}
