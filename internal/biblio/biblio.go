// Package biblio recognises the reference lists that posts write by hand
// ("## References", "**Works Cited**", a list of works at the end) and
// the titles the Markdown conversion leaves empty (a post's own "Notes"
// heading over footnote definitions). It reads and reshapes an article's
// blocks; numbering entries and notes is left to package edition, which
// numbers everything once.
//
// Its rules are data keyed by language (lexicon.go): adding a language
// adds a row. Titles are matched against every row at once, since posts
// often title a list in another language than their own (a French
// lesson's "En anglais"); the article's language names a list set
// without a title.
package biblio

import (
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/lang"
	"github.com/redtide/edition/internal/model"
)

// Source is a post's body as read, to look under a title for what the
// conversion took out of the flow.
type Source struct {
	Path string
	Body []byte
	Base int // lines before the body in the file
}

// Finder reads one article's blocks: it keeps what it learnt of each
// block (whether it is set as a title, and of what kind) between
// dropping empty headings and finding the bibliography, which ask the
// same questions of the same blocks.
type Finder struct {
	lang   string
	titles titleCache
}

// New returns a Finder for one article in language tag (a BCP 47 tag,
// as model.Article.Language holds it).
func New(tag string) *Finder {
	return &Finder{lang: tag, titles: titleCache{}}
}

// DropEmptyHeadings removes the titles of a that the conversion left
// with nothing under them (see dropEmptyHeadings).
func (f *Finder) DropEmptyHeadings(a *model.Article, src Source, log *diag.Log) {
	dropEmptyHeadings(a, src, log, f.titles)
}

// Find returns the bibliography of an article whose top-level blocks
// are blocks, and the blocks left for its body; or nil and blocks
// unchanged. A list set without a title is named in the article's
// language. Entries are not numbered.
func (f *Finder) Find(blocks []model.Block) (*model.Bibliography, []model.Block) {
	bib, rest := splitBibliography(blocks, f.titles)
	if bib != nil && bib.Title == "" {
		bib.Title = lang.For(f.lang).Words.Bibliography
	}
	return bib, rest
}

// IsBibliographyTitle reports whether b is set as the title of a list
// of works ("## References", "**Bibliography**").
func (f *Finder) IsBibliographyTitle(b model.Block) bool {
	s := f.titles.of(b)
	return s != nil && s.kind&titleBib != 0
}

// Find is New(tag).Find(blocks), for an article read once.
func Find(blocks []model.Block, tag string) (*model.Bibliography, []model.Block) {
	return New(tag).Find(blocks)
}

// NotesTitle reports whether b is set as the title of a notes section
// ("Notes", "**Fußnoten**"), and returns the title's inlines.
func NotesTitle(b model.Block) ([]model.Inline, bool) {
	s := titleOf(b)
	if s == nil || s.kind&titleNotes == 0 {
		return nil, false
	}
	return s.title, true
}

// EmptyNotesTitles lists the notes titles of blocks with nothing under
// them: what DropEmptyHeadings leaves only where the article has no
// notes to stand in their place.
func EmptyNotesTitles(blocks []model.Block) []model.Block {
	var out []model.Block
	tc := titleCache{}
	for i, b := range blocks {
		s := tc.of(b)
		if s == nil || s.kind&titleNotes == 0 {
			continue
		}
		var after []model.Block
		for j := len(blocks) - 1; j > i; j-- {
			after = append(after, blocks[j])
		}
		if emptyTitle(b, s, after, tc) {
			out = append(out, b)
		}
	}
	return out
}
