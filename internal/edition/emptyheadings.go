package edition

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/model"
)

// source is a post's body as read, for finding the line of a block the
// model does not place.
type source struct {
	path string
	body []byte
	base int // lines before the body in the file
}

// sourceLines is a post's body split into lines, with the lines that
// could be titles indexed by their words.
type sourceLines struct {
	source
	lines  []string
	titles map[string][]int // titleKey → indexes of the lines
}

func (s source) index() *sourceLines {
	sl := &sourceLines{source: s, lines: strings.Split(string(s.body), "\n"), titles: map[string][]int{}}
	for i, l := range sl.lines {
		if len(l) > 160 {
			continue // not a title
		}
		if k := titleKey(l); k != "" {
			sl.titles[k] = append(sl.titles[k], i)
		}
	}
	return sl
}

// dropEmptyHeadings removes the titles left with nothing under them by
// the conversion: a heading followed by a heading of the same or a higher
// level, or by nothing (rules aside), and a paragraph set as a notes
// title ("**Notes**") followed by nothing or by another title. Footnote
// definitions leave them behind: goldmark takes the definitions out of
// the flow, so a post's own "Notes", "Fußnoten" or "Notas" heading ends
// up empty, and its notes are set with the article's generated notes.
//
// A notes title goes silently when the article has notes: the generated
// notes stand in its place. Another title goes, with a warning naming its
// line since its words are lost, only if the source shows footnote or
// link reference definitions under it ("## Links" over "[name]: url"
// lines); a heading its author left empty, or whose content went for
// another reason (a kramdown table of contents), is kept.
func dropEmptyHeadings(a *model.Article, src source, log *diag.Log) {
	// The n-th title with the same words, to find it in the source.
	nth := make([]int, len(a.Blocks))
	seen := map[string]int{}
	for i, b := range a.Blocks {
		if s := titleOf(b); s != nil {
			k := titleKey(model.PlainText(s.title))
			seen[k]++
			nth[i] = seen[k]
		}
	}
	// From the end, so that a title followed only by titles dropped
	// before it is empty too.
	var kept []model.Block
	var lines *sourceLines // read when a title is found empty
	for i := len(a.Blocks) - 1; i >= 0; i-- {
		b := a.Blocks[i]
		if s := titleOf(b); s != nil && emptyTitle(b, s, kept) {
			text := model.PlainText(s.title)
			if lines == nil {
				lines = src.index()
			}
			line, emptied := lines.emptied(text, nth[i])
			switch {
			case s.kind&titleNotes != 0 && len(a.Notes) > 0:
				continue // the generated notes stand in its place
			case emptied:
				log.Warnf(src.path, line, "heading %q held only footnote or link definitions, which are not set where they are written; dropped", text)
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
func emptyTitle(b model.Block, s *section, after []model.Block) bool {
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
			return !heading && paragraphTitle(t.Inlines) != nil
		}
		return false
	}
	return true
}

var (
	reSetext   = regexp.MustCompile(`^ {0,3}(?:=+|-+)[ \t]*$`)
	reFootnote = regexp.MustCompile(`^ {0,3}\[\^[^\]]+\]:`)
	// a link reference definition, which CommonMark also takes out of the
	// flow: "[Old Bailey Online]: http://…"
	reLinkDef  = regexp.MustCompile(`^ {0,3}\[[^\]^][^\]]*\]:\s*\S`)
	reDropped  = regexp.MustCompile(`^\s*(?:\{:.*\}|\{%.*%\}|<!--.*-->)\s*$`)
	reIndented = regexp.MustCompile(`^(?: {4}|\t)`)
)

// emptied finds the title's line and reports whether the source under it,
// up to the next line of text, held footnote or link reference
// definitions and nothing else that is set (kramdown attribute lines,
// Liquid tags and comments aside).
func (s *sourceLines) emptied(text string, nth int) (line int, emptied bool) {
	line = s.titleLine(text, nth)
	if line == 0 {
		return 0, false
	}
	lines := s.lines
	i := line - s.base // index of the line after the title
	if i < len(lines) && reSetext.MatchString(lines[i]) {
		i++
	}
	inNote := false
	for ; i < len(lines); i++ {
		l := lines[i]
		switch {
		case strings.TrimSpace(l) == "":
			continue
		case reFootnote.MatchString(l):
			inNote, emptied = true, true
		case reLinkDef.MatchString(l):
			inNote, emptied = false, true
		case inNote && (reIndented.MatchString(l) || strings.TrimSpace(lines[i-1]) != ""):
			// a definition's continuation, indented or lazy
		case reDropped.MatchString(l):
			inNote = false
		default:
			return line, emptied
		}
	}
	return line, emptied
}

// titleLine finds the file line of the nth title whose words are text:
// an ATX or setext heading, or a line that is the title alone (perhaps
// bold or italic). The model does not carry block positions, so the
// source is searched; 0 when it is not found.
func (s *sourceLines) titleLine(text string, nth int) int {
	if at := s.titles[titleKey(text)]; nth >= 1 && nth <= len(at) {
		return s.base + at[nth-1] + 1
	}
	return 0
}

// titleKey reduces a title to its letters and digits, folded, so that a
// source line "## **Notes** ##" and the model's "Notes" compare equal.
func titleKey(s string) string {
	var b strings.Builder
	for _, r := range fold(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
