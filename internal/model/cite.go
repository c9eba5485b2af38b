package model

// Cite is a citation of works by their keys, as a post writes it:
// pandoc's [see @doe99, p. 33; @roe], @doe99 [p. 33] and [-@doe99],
// jekyll-scholar's {% cite doe99 -l 33 %}. Package markdown makes them;
// package edition resolves every one through the article's citation
// style into text, notes and bibliography entries, so renderers never
// see a Cite.
type Cite struct {
	Items []CiteItem
	// AuthorInText: pandoc's @key without brackets, which puts the
	// author's name in the sentence ("Doe (1999) says").
	AuthorInText bool
	// Nocite: the works are listed in the bibliography and cited nowhere
	// ({% nocite %}); the citation prints nothing.
	Nocite bool
	Line   int    // file line where the citation starts
	Column int    // 1-based byte column on that line
	Source string // the citation as written, for messages
}

// CiteItem is one work of a citation.
type CiteItem struct {
	Key            string
	Prefix, Suffix []Inline // text before and after the work ("see", "for a review")
	Locator        string   // "33", "33–35", "xi"; "" for none
	// Label is the CSL locator term ("page", "chapter", "section", …);
	// "" means page when there is a locator.
	Label          string
	SuppressAuthor bool // pandoc's -@key
}

// BibliographyHere stands, among an article's top-level blocks, where
// its Bibliography is printed ({% bibliography %} or pandoc's
// ::: {#refs} div with text after it); without one, the bibliography
// ends the article. Package edition keeps at most one, at the top
// level, and only when the article has a bibliography.
type BibliographyHere struct {
	Pos
	Cited bool // {% bibliography --cited %}: only the works cited (pandoc always lists only those)
}

// SmallCaps is text in small capitals, as citation styles ask for some
// names.
type SmallCaps struct{ Inlines []Inline }

// CiteRef is the text of a citation that leads to its work's entry in
// the article's bibliography (pandoc's link-citations).
type CiteRef struct {
	Entry   *BibEntry
	Inlines []Inline
}

func (*Cite) isInline()            {}
func (*SmallCaps) isInline()       {}
func (*CiteRef) isInline()         {}
func (*BibliographyHere) isBlock() {}

// BibliographyPlaced reports whether the article's bibliography stands
// at a BibliographyHere among its blocks rather than at its end.
func BibliographyPlaced(a *Article) bool {
	if a.Bibliography == nil {
		return false
	}
	for _, b := range a.Blocks {
		if _, ok := b.(*BibliographyHere); ok {
			return true
		}
	}
	return false
}
