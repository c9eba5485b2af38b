package layout

import (
	"strconv"
	"strings"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/lang"
	"github.com/redtide/edition/internal/model"
)

// wideCtx is the full text width, ragged, for titles.
func (lt *layouter) wideCtx(size, leading Length) blockCtx {
	return blockCtx{width: lt.cfg.textWidth(), size: size, leading: leading, kind: KindTitle}
}

// header sets lines spanning the text width at top; it returns the y below them.
func (lt *layouter) header(p *Page, items []*vitem, top Length) Length {
	y := top
	for _, it := range items {
		placeItem(p, it, lt.cfg.textLeft(p.Index), y, -1)
		y += it.h
	}
	return y
}

// titleLines sets one line group of the article head.
func (lt *layouter) titleLines(text string, st style, leading Length, center bool) []*vitem {
	if text == "" {
		return nil
	}
	c := lt.wideCtx(st.size, leading)
	items := lt.paragraph(lt.flatten([]model.Inline{&model.Text{Text: text}}, st, nil), c, 0, 0)
	if center {
		for _, it := range items {
			sl := it.lines[0]
			sl.dx += (c.width - sl.naturalRight()) / 2
		}
	}
	return items
}

// artSet is an article set into lines, not yet on pages.
type artSet struct {
	head  []*vitem // title, subtitle, byline across the columns
	body  []*vitem // the columns' material
	notes map[*model.Note][]*vitem
	lines []*setLine // every line, numbered from paragraph 0
	pars  int        // paragraphs numbered
	warns []warning  // warnings, in order
}

// setArticle sets an article's notes, head and body into lines. Until they
// are paginated, articles are independent of each other: forks of the
// layouter run setArticle on several goroutines at once, and the
// paginating layouter takes the results in order (see add). Notes are set
// first, then the head and the body, as their paragraphs are numbered.
func (lt *layouter) setArticle(a *model.Article) *artSet {
	set := &artSet{notes: make(map[*model.Note][]*vitem, len(a.Notes))}
	lt.art, lt.source, lt.line = a, a.Source, 0
	lt.par, lt.set, lt.warned, lt.noteCache = 0, set, map[string]bool{}, set.notes
	defer func() { lt.set, lt.noteCache, lt.node = nil, nil, nil }()
	for _, n := range a.Notes {
		lt.noteItems(n)
	}

	cfg := lt.cfg
	b := cfg.BodySize
	titleSize := b * 26 / 10
	if cfg.Columns == 1 {
		titleSize = b * 22 / 10
	}
	var head []*vitem
	lt.node = a
	head = append(head, lt.titleLines(a.Title, style{face: Face{Kind: DisplayFace}, size: titleSize}, titleSize*11/10, false)...)
	if a.Subtitle != "" {
		head = append(head, spaceItem(b/3))
		head = append(head, lt.titleLines(a.Subtitle, style{face: Face{Kind: TextFace, Style: fonts.Italic}, size: b * 15 / 10}, b*18/10, false)...)
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
		head = append(head, lt.titleLines(meta, style{face: Face{Kind: TextFace, Style: fonts.Bold}, size: b * 9 / 10}, cfg.BodyLeading, false)...)
	}
	set.head = head

	body := lt.blocks(a.Blocks, lt.bodyCtx())
	if bib := a.Bibliography; bib != nil && len(bib.Entries) > 0 {
		body = append(body, lt.bibliography(bib)...)
	}
	set.body = attachNotes(body, a.Notes)
	set.pars = lt.par
	return set
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

// add takes an article set by a fork: its paragraphs are numbered after
// those before it and its warnings given, as if lt had set it.
func (lt *layouter) add(set *artSet) {
	for _, sl := range set.lines {
		sl.info.Par += lt.par
	}
	lt.par += set.pars
	for _, w := range set.warns {
		lt.warnOnce(w.once, w.pos, w.msg)
	}
	for n, items := range set.notes {
		if _, ok := lt.noteCache[n]; !ok {
			lt.noteCache[n] = items
		}
	}
}

// article puts a set article on pages, from a new page.
func (lt *layouter) article(a *model.Article, set *artSet) {
	lt.add(set)
	lt.art, lt.source = a, a.Source
	cfg := lt.cfg
	p := lt.newPage()
	lt.pageOfArt[a] = p.Index
	p.Anchor = append(p.Anchor, Anchor{Name: lt.artAnchor(a), Y: 0})
	b := cfg.BodySize
	y := lt.header(p, set.head, cfg.MarginTop+b/2)
	y += b / 2
	p.Rules = append(p.Rules, Rule{X: cfg.textLeft(p.Index), Y: y, W: cfg.textWidth(), H: Pt * 3 / 4})
	y += cfg.BodyLeading
	lt.flow(set.body, p, y)
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
		hang = max(hang, lt.width(strconv.Itoa(len(bib.Entries))+".", st)+c.size/2)
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
			ec.label = []piece{{text: strconv.Itoa(e.Number) + ".", st: st}}
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

// front sets the cover (masthead, issue line, contents) and, when the
// contents do not fit there, the pages that continue it.
func (lt *layouter) front() {
	cfg := lt.cfg
	ed := lt.ed
	p := lt.newPage()
	left := cfg.textLeft(p.Index)
	w := cfg.textWidth()
	y := cfg.MarginTop
	p.Rules = append(p.Rules, Rule{X: left, Y: y, W: w, H: 2 * Pt})
	y += 2*Pt + cfg.BodyLeading/2

	name := ed.Publication
	if name == "" {
		name = ed.Title
	}
	disp := style{face: Face{Kind: DisplayFace}}
	nw := Length(lt.ems(lt.clean(name, disp.face), disp.face))
	size := cfg.TrimHeight / 14
	if nw > 0 {
		size = min(size, Length(int64(w)*1000/int64(nw))*96/100)
	}
	size = max(size, cfg.BodySize)
	disp.size = size
	var head []*vitem
	head = append(head, lt.titleLines(name, disp, size*105/100, true)...)
	head = append(head, spaceItem(cfg.BodyLeading/3))
	y = lt.header(p, head, y)

	// the issue line between rules: volume and number left, date right
	p.Rules = append(p.Rules, Rule{X: left, Y: y, W: w, H: Pt * 3 / 4})
	info := style{face: Face{Kind: TextFace, Style: fonts.Bold}, size: cfg.BodySize * 9 / 10}
	base := y + cfg.BodyLeading*95/100
	ln := &TextLine{Kind: KindFurniture, Column: -1, X: left, Y: base, Width: w}
	if il := model.IssueLabel(lt.ed); il != "" {
		ln.Runs = append(ln.Runs, Run{X: left, Y: base, Width: lt.width(il, info), Face: info.face, Size: info.size, Text: il})
	}
	if !ed.Date.IsZero() {
		ds := lang.For(lt.edLang()).DayDate(ed.Date) // a masthead names the day
		dw := lt.width(ds, info)
		ln.Runs = append(ln.Runs, Run{X: left + w - dw, Y: base, Width: dw, Face: info.face, Size: info.size, Text: ds})
	}
	if len(ln.Runs) > 0 {
		p.Lines = append(p.Lines, ln)
	}
	y += cfg.BodyLeading * 13 / 10
	p.Rules = append(p.Rules, Rule{X: left, Y: y, W: w, H: Pt * 3 / 4})
	y += cfg.BodyLeading

	head = nil
	if ed.Title != "" && ed.Title != name {
		ts := style{face: Face{Kind: DisplayFace}, size: cfg.BodySize * 24 / 10}
		head = append(head, lt.titleLines(ed.Title, ts, ts.size*12/10, true)...)
		head = append(head, spaceItem(cfg.BodyLeading/2))
	}
	if ed.Description != "" {
		ds := style{face: Face{Kind: TextFace, Style: fonts.Italic}, size: cfg.BodySize * 12 / 10}
		head = append(head, lt.titleLines(ed.Description, ds, ds.size*13/10, true)...)
		head = append(head, spaceItem(cfg.BodyLeading/2))
	}
	if ed.Cover != nil && ed.Cover.Data != nil && ed.Cover.Width > 0 && ed.Cover.Height > 0 {
		iw := w
		ih := Length(int64(iw) * int64(ed.Cover.Height) / int64(ed.Cover.Width))
		if maxH := cfg.textHeight() * 4 / 10; ih > maxH {
			ih = maxH
			iw = Length(int64(ih) * int64(ed.Cover.Width) / int64(ed.Cover.Height))
		}
		lt.checkResolution(ed.Cover, iw, ih, ed.Cover.Path)
		head = append(head, &vitem{h: ih + cfg.BodyLeading, images: []ImageBox{{X: (w - iw) / 2, W: iw, H: ih, Image: ed.Cover}}})
	}
	cs := style{face: Face{Kind: DisplayFace}, size: cfg.BodySize * 14 / 10}
	head = append(head, lt.titleLines(lt.edWords().InThisIssue, cs, cs.size*13/10, false)...)
	head = append(head, spaceItem(cfg.BodyLeading/3))
	y = lt.header(p, head, y)

	lt.flow(lt.contents(), p, y)
}

// contents lists sections and articles with their page numbers, each
// entry linked to its article.
func (lt *layouter) contents() []*vitem {
	cfg := lt.cfg
	c := lt.bodyCtx()
	c.justify, c.hyph, c.kind = false, false, KindFurniture
	num := style{face: Face{Kind: TextFace, Style: fonts.Bold}, size: cfg.BodySize}
	numW := lt.width("0000", num)
	var out []*vitem
	for _, s := range lt.ed.Sections {
		if s.Title != "" {
			sc := c
			sc.kind = KindFurniture
			st := style{face: Face{Kind: DisplayFace}, size: cfg.BodySize * 11 / 10}
			items := lt.paragraph(lt.flatten([]model.Inline{&model.Text{Text: strings.ToUpper(s.Title)}}, st, nil), sc, 0, 0)
			out = append(out, spaceItem(cfg.BodyLeading/2))
			out = append(out, items...)
			if len(s.Articles) > 0 {
				out = append(out, &vitem{h: cfg.BodyLeading / 4, space: true, noBreak: true})
			}
		}
		for ai, a := range s.Articles {
			tc := c
			tc.width -= numW
			st := style{face: Face{Kind: TextFace, Style: fonts.Bold}, size: cfg.BodySize}
			items := lt.paragraph(lt.flatten([]model.Inline{&model.Text{Text: a.Title}}, st, nil), tc, 0, 0)
			pg := "?"
			if n, ok := lt.pageOfArt[a]; ok {
				pg = strconv.Itoa(n + 1)
			}
			last := items[len(items)-1].lines[0]
			pw := lt.width(pg, num)
			last.runs = append(last.runs, Run{X: c.width - pw, Width: pw, Face: num.face, Size: num.size, Text: pg})
			var more []string
			if by := model.Byline(a.Authors, lt.edLang()); by != "" {
				more = append(more, by)
			}
			if a.Description != "" {
				more = append(more, a.Description)
			}
			if len(more) > 0 {
				dc := tc
				dc.size, dc.leading = cfg.BodySize*9/10, cfg.BodyLeading*9/10
				dc.italic = true
				d := lt.paragraph(lt.flatten([]model.Inline{&model.Text{Text: strings.Join(more, " — ")}}, dc.style(), nil), dc, 0, 0)
				for _, it := range d {
					it.noBreak = true
				}
				items = append(items, d...)
			}
			for _, it := range items {
				for _, sl := range it.lines {
					sl.links = append(sl.links, LinkRect{X: 0, Y: -sl.height * 8 / 10, W: c.width, H: sl.height, Dest: lt.artAnchor(a)})
				}
			}
			if ai > 0 || s.Title == "" {
				out = append(out, spaceItem(cfg.BodyLeading/3))
			} else {
				items[0].noBreak = true
			}
			out = append(out, items...)
		}
	}
	return out
}
