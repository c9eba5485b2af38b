package layout

import (
	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/layout/text"
)

// noteItems returns the lines of note n set at the foot-of-column size,
// its number hanging in the margin of the note area. The number links back
// to the first reference; the note's first line is the target of every
// reference.
func (lt *layouter) noteItems(n *model.Note) []*vitem {
	if items, ok := lt.noteCache[n]; ok {
		return items
	}
	c := lt.bodyCtx()
	c.size = max(lt.cfg.BodySize*8/10, 5*Pt)
	c.leading = lt.cfg.BodyLeading * 8 / 10
	c.kind = KindNote
	if hasLinkNoteNumber(n) || (lt.cfg.Links != LinkOff && printsURL(n.Blocks)) {
		c.justify = false // URLs, which justified lines would space out
	}
	num := lt.noteLabel(n) + "."
	st := text.Style{Face: Face{Kind: TextFace, Style: fonts.Regular}, Size: c.size}
	hang := max(lt.Width("99.", st), lt.Width(num, st)) + c.size/2
	c.dx += hang
	c.width -= hang
	c.label = []text.Piece{{Text: num, Style: st}}
	c.gap = c.size / 2
	// A link note is set in the middle of its link's paragraph: the
	// paragraph's lines must not take the note for the element they set.
	saved, savedInline, savedNode := lt.line, lt.inlineLinks, lt.node
	lt.line, lt.inlineLinks, lt.node = n.Line, true, n
	items := lt.blocks(n.Blocks, c)
	lt.line, lt.inlineLinks, lt.node = saved, savedInline, savedNode
	if len(items) == 0 {
		items = lt.paragraph(nil, c, 0, 0)
	}
	// trim leading and trailing discardable space: notes stack tightly
	for len(items) > 0 && items[0].space {
		items = items[1:]
	}
	for len(items) > 0 && items[len(items)-1].space {
		items = items[:len(items)-1]
	}
	if len(items) > 0 && len(items[0].lines) > 0 {
		first := items[0].lines[0]
		first.Anchors = append(first.Anchors, lt.noteAnchor(n))
		w := lt.Width(num, st)
		ref := &model.NoteRef{Note: n, Occurrence: 1}
		first.Links = append(first.Links, LinkRect{X: -c.gap - w, Y: -c.size, W: w, H: c.size * 13 / 10, Dest: lt.refAnchor(ref)})
	}
	for _, it := range items {
		it.notes = nil // a note referencing a note would recurse
		for _, sl := range it.lines {
			sl.Notes = nil
		}
	}
	lt.noteCache[n] = items
	return items
}

// printsURL reports whether blocks hold a link whose address is printed
// after its text (in a note the address goes inline).
func printsURL(blocks []model.Block) bool {
	found := false
	model.WalkInlinesInBlocks(blocks, func(in model.Inline) {
		if l, ok := in.(*model.Link); ok && l.URL != "" && !selfLink(l) {
			found = true
		}
	})
	return found
}
