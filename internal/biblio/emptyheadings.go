package biblio

import (
	"slices"
	"strings"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/lazy"
	"github.com/redtide/edition/internal/model"
)

// dropEmptyHeadings removes the titles left with nothing under them: a
// heading followed by a heading of the same or a higher level, or by
// nothing (rules aside), and a paragraph set as a notes title
// ("**Notes**") followed by nothing or by another title.
//
// Footnote definitions leave them behind most often: goldmark takes the
// definitions out of the flow, so a post's own "Notes", "Fußnoten" or
// "Notas" heading ends up empty, and its notes are set with the
// article's generated notes. A notes title goes silently when the
// article has notes: the generated notes stand in its place.
//
// Any other empty heading goes too, with a warning naming its line,
// since its words are lost: a heading over footnote or link reference
// definitions ("## Links" over "[name]: url" lines), and a heading whose
// section holds nothing that is set, only blank lines, HTML comments
// (which the conversion drops: "<!-- section-contents -->"), kramdown
// attribute lines or Liquid tags that set nothing. A heading printed
// over nothing reads as a mistake on the page, and an outline entry
// that leads nowhere.
func dropEmptyHeadings(a *model.Article, src Source, log *diag.Log, tc titleCache) {
	// From the end, so that a title followed only by titles dropped
	// before it is empty too.
	var kept []model.Block
	var lines []string // the source's, split when a title is found empty
	for i := len(a.Blocks) - 1; i >= 0; i-- {
		b := a.Blocks[i]
		if s := tc.of(b); s != nil && emptyTitle(b, s, kept, tc) {
			text := model.PlainText(s.title)
			if lines == nil {
				lines = strings.Split(string(src.Body), "\n")
			}
			line := b.SourceLine()
			emptied := emptiedBelow(lines, line-src.Base)
			_, heading := b.(*model.Heading)
			switch {
			case s.kind&titleNotes != 0 && len(a.Notes) > 0:
				continue // the generated notes stand in its place
			case emptied:
				log.Warnf(src.Path, line, "heading %q held only footnote or link definitions, which are not set where they are written; dropped", text)
				continue
			case heading:
				log.Warnf(src.Path, line, "heading %q has nothing under it (only blank lines, comments or tags that set nothing); dropped", text)
				continue
			}
		}
		kept = append(kept, b)
	}
	slices.Reverse(kept)
	a.Blocks = kept
}

// emptyTitle reports whether title block b, whose section is s, has
// nothing under it; after holds the blocks that follow it, last first.
// A heading is empty when the next block (rules aside) is a heading of
// the same or a higher level, or nothing. A paragraph set as a title
// counts only where the lexicon calls it a notes title; it is empty when
// the next block is any title.
func emptyTitle(b model.Block, s *section, after []model.Block, tc titleCache) bool {
	_, heading := b.(*model.Heading)
	if !heading && s.kind&titleNotes == 0 {
		return false
	}
	for i := len(after) - 1; i >= 0; i-- {
		switch t := after[i].(type) {
		case *model.Rule:
			continue
		case *model.Heading:
			return !heading || t.Level <= s.level
		case *model.Paragraph:
			return !heading && tc.of(t) != nil
		}
		return false
	}
	return true
}

var (
	reSetext   = lazy.Regexp(`^ {0,3}(?:=+|-+)[ \t]*$`)
	reFootnote = lazy.Regexp(`^ {0,3}\[\^[^\]]+\]:`)
	// a link reference definition, which CommonMark also takes out of the
	// flow: "[Old Bailey Online]: http://…"
	reLinkDef  = lazy.Regexp(`^ {0,3}\[[^\]^][^\]]*\]:\s*\S`)
	reDropped  = lazy.Regexp(`^\s*(?:\{:.*\}|\{%.*%\}|<!--.*-->)\s*$`)
	reIndented = lazy.Regexp(`^(?: {4}|\t)`)
)

// emptiedBelow reports whether the source under the title on body line
// i (1-based: lines[i] is the line after it), up to the next line of
// text, held footnote or link reference definitions and nothing else
// that is set (kramdown attribute lines, Liquid tags and comments aside).
func emptiedBelow(lines []string, i int) (emptied bool) {
	if i <= 0 {
		return false // no position: nothing to look at
	}
	if i < len(lines) && reSetext().MatchString(lines[i]) {
		i++
	}
	inNote := false
	for ; i < len(lines); i++ {
		l := lines[i]
		switch {
		case strings.TrimSpace(l) == "":
			continue
		case reFootnote().MatchString(l):
			inNote, emptied = true, true
		case reLinkDef().MatchString(l):
			inNote, emptied = false, true
		case inNote && (reIndented().MatchString(l) || strings.TrimSpace(lines[i-1]) != ""):
			// a definition's continuation, indented or lazy
		case reDropped().MatchString(l):
			inNote = false
		default:
			return emptied
		}
	}
	return emptied
}
