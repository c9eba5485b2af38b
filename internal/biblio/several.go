package biblio

// Several reference lists in one post. Lessons and long posts often end
// each part with its own reading list ("### Reading/viewing suggestions"
// under "## 1 Data", again under "## 2 Encoding") as well as the whole.
// A print edition gathers them at the end, as books gather further
// reading by chapter: each list becomes a group of the one bibliography,
// in the order of the post, titled by the part it closed and by its own
// title, so that no word of either is lost and each work stays with its
// part. The numbering runs on across groups.
//
// A list before the end must be clearly a list of works, since nothing
// about its position says so: a section set as a heading, titled as a
// bibliography (not loosely), that closes its part (it stands under a
// heading of a higher level, and the next heading is of its level or
// higher), whose blocks can all be entries, that passes the lenient
// test, and half of whose entries cite a work (an author or a year with
// another element). And the post must have at least two lists, this one
// and another before it or at its end: the repeated pattern. A
// "Sources" heading over a list of data sets or tool links, or a lone
// "References" in the middle of a post, stays where it is.

import (
	"github.com/redtide/edition/internal/model"
)

// earlierLists finds the reference lists that close parts of the article
// before block limit, and joins them, in order, before the entries of
// bib (which may be nil). It returns the bibliography and the blocks
// moved into it.
func (sc scoreCache) earlierLists(blocks []model.Block, secs []*section, limit int, bib *model.Bibliography) (*model.Bibliography, map[int]bool) {
	var found []*section
	for i, s := range secs {
		if s.end > limit {
			break
		}
		if sc.closingList(blocks, secs, i) {
			found = append(found, s)
		}
	}
	if len(found) == 0 || len(found) == 1 && bib == nil {
		return bib, nil // one list alone in the middle is not a pattern
	}
	moved := map[int]bool{}
	var ents []*model.BibEntry
	for _, s := range found {
		part := buildBibliography(blocks, []*section{s}, s.end)
		part.Entries[0].Group = joinGroup(enclosing(blocks, s), s.title)
		ents = append(ents, part.Entries...)
		for i := s.start; i < s.end; i++ {
			moved[i] = true
		}
	}
	if bib == nil {
		bib = &model.Bibliography{Title: displayTitle(found[0].text())}
	} else if len(bib.Entries) > 0 && bib.Entries[0].Group == nil {
		// the final list is a group too, under its part and its own title
		title := []model.Inline{&model.Text{Text: bib.Title}}
		var part []model.Inline
		if h, ok := blocks[min(limit, len(blocks)-1)].(*model.Heading); ok {
			title = h.Inlines
			part = enclosing(blocks, &section{start: limit, level: h.Level})
		}
		bib.Entries[0].Group = joinGroup(part, title)
	}
	bib.Entries = append(ents, bib.Entries...)
	return bib, moved
}

// closingList reports whether secs[i] is a reference list that closes
// its part (see the file comment).
func (sc scoreCache) closingList(blocks []model.Block, secs []*section, i int) bool {
	s := secs[i]
	if _, ok := blocks[s.start].(*model.Heading); !ok || s.kind&(titleBib|titleLoose) != titleBib || backMatter(s) {
		return false
	}
	if i+1 < len(secs) && secs[i+1].level > s.level || enclosing(blocks, s) == nil {
		return false // a part of its own, or in none
	}
	body := blocks[s.start+1 : s.end]
	if len(body) == 0 || !entryBlocks(body) {
		return false
	}
	scores, ok := sc.scoreLenient(judged(nil, body))
	if !ok || len(scores) == 0 || people(scores) {
		return false
	}
	works := 0
	for _, e := range scores {
		if e.citesWork() {
			works++
		}
	}
	return 2*works >= len(scores)
}

// enclosing is the title of the heading that holds section s: the
// nearest heading before it of a higher level, or nil.
func enclosing(blocks []model.Block, s *section) []model.Inline {
	for i := s.start - 1; i >= 0; i-- {
		if h, ok := blocks[i].(*model.Heading); ok && h.Level < s.level {
			return h.Inlines
		}
	}
	return nil
}
