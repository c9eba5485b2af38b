package layout

import (
	"strconv"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/layout/text"
)

// titleLines sets one line group of an article head, ragged, at width w.
// A title is broken where it must be, never hyphenated; when a word alone
// is wider than w, the size steps down a sixth (as type sizes step: 24,
// 20, 16…), at most three times, so that no title passes the column edge;
// and no line's ink passes the edge of the column it ends in (fitInk).
func (lt *layouter) titleLines(title string, st text.Style, leading, w Length, center bool) []*vitem {
	if title == "" {
		return nil
	}
	set := func(st text.Style, leading, w Length) []*vitem {
		c := blockCtx{width: w, size: st.Size, leading: leading, kind: KindTitle}
		items := lt.paragraph(lt.flatten([]model.Inline{&model.Text{Text: title}}, st, nil), c, 0, 0)
		if !center {
			lt.inkIn(items) // headink.go
		}
		return items
	}
	var items []*vitem
	for step := 0; ; step++ {
		items = set(st, leading, w)
		if step == 3 || !overfull(items) {
			break
		}
		st.Size = st.Size * 5 / 6
		leading = leading * 5 / 6
	}
	if !center {
		items = lt.fitInk(items, st, leading, w, set) // headink.go
	}
	for _, it := range items {
		sl := it.lines[0]
		if center {
			sl.DX += (w - sl.NaturalRight()) / 2
		}
	}
	return items
}

// overfull reports whether a line of items passes its measure.
func overfull(items []*vitem) bool {
	for _, it := range items {
		for _, sl := range it.lines {
			if sl.Info.Overfull {
				return true
			}
		}
	}
	return false
}

// artSet is an article set into lines, not yet on pages.
type artSet struct {
	head    []*vitem // title, subtitle, byline across the columns
	headCol []*vitem // the same in one column, smaller, for a short piece
	title   []*vitem // the title alone in one column, for a continuation
	body    []*vitem // the columns' material
	notes   map[*model.Note][]*vitem
	lines   []*text.Line // every line, numbered from paragraph 0
	pars    int          // paragraphs numbered
	warns   []warning    // warnings, in order
	height  Length       // of the body
	// linkNotes are the notes made of the article's links (see linkMark).
	linkNotes []*model.Note
	art       *model.Article
}

// setArticle sets an article's notes, heads and body into lines. Until
// they are paginated, articles are independent of each other: forks of
// the layouter run setArticle on several goroutines at once, and the
// paginating layouter takes the results in order (see add). Notes are set
// first, then the heads and the body, as their paragraphs are numbered.
func (lt *layouter) setArticle(a *model.Article) *artSet {
	lt.ed.Text(a) // converted as it is first set, for a build reading text lazily
	set := &artSet{notes: make(map[*model.Note][]*vitem, len(a.Notes)), art: a}
	lt.art, lt.source, lt.line = a, a.Source, 0
	lt.par, lt.set, lt.warned, lt.noteCache = 0, set, map[string]bool{}, set.notes
	lt.links = nil
	defer func() { lt.set, lt.noteCache, lt.links, lt.node = nil, nil, nil, nil }()
	for _, n := range a.Notes {
		lt.noteItems(n)
	}
	b := lt.cfg.BodySize
	titleSize := b * 26 / 10
	if lt.cfg.Columns == 1 {
		titleSize = b * 22 / 10
	}
	lt.node = a
	set.head = lt.headItems(a, lt.cfg.textWidth(), titleSize)
	set.headCol = lt.headItems(a, lt.cfg.columnWidth(), b*17/10)
	set.title = lt.titleLines(a.Title, text.Style{Face: Face{Kind: DisplayFace}, Size: b * 2}, b*22/10, lt.cfg.textWidth(), false)

	body := lt.blocks(a.Blocks, lt.bodyCtx())
	if bib := a.Bibliography; bib != nil && len(bib.Entries) > 0 && !model.BibliographyPlaced(a) {
		lt.inlineLinks = true // a reference list prints its addresses
		body = append(body, lt.bibliography(bib)...)
		lt.inlineLinks = false
	}
	set.body = wideFloats(attachNotes(body, a.Notes))
	for _, it := range set.body {
		set.height += it.h
	}
	set.pars = lt.par
	return set
}

// headItems sets an article's head at width w: its title at titleSize,
// subtitle and byline. The head is kept together and with what follows.
func (lt *layouter) headItems(a *model.Article, w, titleSize Length) []*vitem {
	b := lt.cfg.BodySize
	head := lt.titleLines(a.Title, text.Style{Face: Face{Kind: DisplayFace}, Size: titleSize}, titleSize*11/10, w, false)
	if a.Subtitle != "" {
		head = append(head, spaceItem(b/3))
		head = append(head, lt.titleLines(a.Subtitle, text.Style{Face: Face{Kind: TextFace, Style: fonts.Italic}, Size: b * 15 / 10}, b*18/10, w, false)...)
	}
	lang := model.ArticleLang(lt.ed, a)
	meta := model.Byline(a.Authors, lang)
	if !a.Date.IsZero() {
		if meta != "" {
			meta += " · "
		}
		meta += model.LongDate(a.Date, lang)
	}
	if meta != "" {
		head = append(head, spaceItem(b/2))
		head = append(head, lt.titleLines(meta, text.Style{Face: Face{Kind: TextFace, Style: fonts.Bold}, Size: b * 9 / 10}, lt.cfg.BodyLeading, w, false)...)
	}
	head = append(head, spaceItem(lt.cfg.BodyLeading/2))
	head = keepTogether(head)
	if len(head) > 0 {
		head[0].art = a
		head[0].barrier = true
		head[0].anchors = append(head[0].anchors, Anchor{Name: lt.artAnchor(a)})
	}
	return head
}

// keepTogether forbids column breaks inside items and after them.
func keepTogether(items []*vitem) []*vitem {
	for i, it := range items {
		it.keep = true
		it.space = false // part of a head, even at the top of a column
		if i > 0 {
			it.noBreak = true
		}
	}
	return items
}

// attachNotes hangs on the body the notes no line of it references, so
// that every note of the article is set, with the number the EPUB gives
// it. A note referenced only from another note goes with the item that
// carries that note, and so is set in the same column, after it; a note
// never referenced (numbered after all the others) goes with the
// article's last item, at the foot of the column where the article ends.
func attachNotes(body []*vitem, notes []*model.Note) []*vitem {
	carrier := map[*model.Note]*vitem{}
	for _, it := range body {
		for _, n := range it.notes {
			if carrier[n] == nil {
				carrier[n] = it
			}
		}
	}
	var last *vitem
	for i := len(body) - 1; i >= 0 && last == nil; i-- {
		if !body[i].space {
			last = body[i]
		}
	}
	for _, n := range notes {
		if carrier[n] != nil {
			continue
		}
		it := last
		for _, m := range notes {
			if c := carrier[m]; c != nil && refersTo(m, n) {
				it = c
				break
			}
		}
		if it == nil {
			it = &vitem{}
			body = append(body, it)
			last = it
		}
		// a copy: an item's notes may share their array with its line's
		it.notes = append(it.notes[:len(it.notes):len(it.notes)], n)
		carrier[n] = it
	}
	return body
}

// refersTo reports whether note m references note n.
func refersTo(m, n *model.Note) bool {
	found := false
	model.WalkInlinesInBlocks(m.Blocks, func(in model.Inline) {
		if r, ok := in.(*model.NoteRef); ok && r.Note == n {
			found = true
		}
	})
	return found
}

// take takes article k of the reading order, set by a fork (add), and
// records it among those taken (StreamPage.Taken).
func (lt *layouter) take(k int, set *artSet) {
	lt.taken = append(lt.taken, k)
	lt.add(set)
}

// add takes an article set by a fork: its paragraphs are numbered after
// those before it and its warnings given, as if lt had set it.
func (lt *layouter) add(set *artSet) {
	for _, sl := range set.lines {
		sl.Info.Par += lt.par
	}
	lt.par += set.pars
	for _, w := range set.warns {
		lt.warnOnce(w.once, w.w)
	}
	for n, items := range set.notes {
		if _, ok := lt.noteCache[n]; !ok {
			lt.noteCache[n] = items
		}
	}
	for _, n := range set.art.Notes {
		lt.articleArt[n] = set.art
	}
	// a note is kept until every item that brings it is placed
	for _, items := range [][]*vitem{set.head, set.headCol, set.title, set.body} {
		for _, it := range items {
			lt.countNoteUsers(it)
			for _, w := range it.wide {
				lt.countNoteUsers(w)
			}
		}
	}
	for _, n := range set.linkNotes {
		lt.isLinkNote[n] = true
	}
	if lt.sink != nil && len(set.linkNotes) > 0 {
		lt.linkNotesOf[set.art] = set.linkNotes
	}
}

// countNoteUsers counts item it among the users of its notes.
func (lt *layouter) countNoteUsers(it *vitem) {
	for _, n := range it.notes {
		if lt.noteUsers == nil {
			lt.noteUsers = map[*model.Note]int{}
		}
		lt.noteUsers[n]++
	}
}

func (lt *layouter) bibliography(bib *model.Bibliography) []*vitem {
	title := bib.Title
	if title == "" {
		title = lt.words().Bibliography
	}
	c := lt.bodyCtx()
	hc := c
	lt.node = bib
	out := lt.heading(&model.Heading{Level: 1, Inlines: []model.Inline{&model.Text{Text: title}}}, c)
	c.size = lt.cfg.BodySize * 9 / 10
	c.leading = lt.cfg.BodyLeading * 9 / 10
	c.kind = KindBib
	// Entries are set ragged right: they are full of URLs and names that
	// justified lines would space out badly.
	c.justify = false
	st := c.style()
	hang := c.size * 3 / 2
	if bib.Ordered {
		hang = max(hang, lt.Width(strconv.Itoa(len(bib.Entries))+".", st)+c.size/2)
	}
	for i, e := range bib.Entries {
		lt.line, lt.node = e.Line, e
		group := e.Group != nil
		if group {
			// a group's title (the post's "Primary sources") keeps with
			// its first entry
			out = append(out, lt.heading(&model.Heading{Level: 2, Inlines: e.Group}, hc)...)
		}
		ps := lt.flatten(e.Inlines, st, nil)
		var items []*vitem
		if bib.Ordered {
			ec := c
			ec.dx += hang
			ec.width -= hang
			ec.label = []text.Piece{{Text: strconv.Itoa(e.Number) + ".", Style: st}}
			ec.gap = c.size / 2
			items = lt.paragraph(ps, ec, 0, 0)
		} else {
			items = lt.paragraph(ps, c, 0, hang)
		}
		if e.ID != "" && len(items) > 0 {
			items[0].anchors = append(items[0].anchors, Anchor{Name: "bib:" + lt.art.ID + ":" + e.ID})
		}
		if i == 0 || group {
			items[0].noBreak = true // keep with the heading
		}
		sp := spaceItem(c.leading / 4)
		sp.noBreak = i == 0 || group
		out = append(out, sp)
		out = append(out, items...)
	}
	return out
}
