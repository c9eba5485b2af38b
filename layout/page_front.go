package layout

import (
	"fmt"
	"strings"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/lang"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/layout/text"
)

// The front page, as a newspaper's: the masthead across the top (the
// publication, its tagline, the issue line with volume, number, date and
// price), the lead article's headline and as much of its text as the page
// holds, ending with a jump line ("Continued on page 5") that the
// continuation answers ("Continued from page 1", with the headline), and
// at the foot an "In this issue" box listing the sections and articles
// with their pages. The box takes at most boxFraction of the page; what
// does not fit continues at the top of page 2, with jump lines too.

// boxFraction is the most of the front page's text height the contents
// box takes, in percent.
const boxFraction = 45

// frontPiece is an article begun on the front page and what is left of
// it (rest nil: set while making the front page, not begun there).
type frontPiece struct {
	set  *artSet
	rest *stream
}

// frontPage sets page 1: the masthead, the box at the foot, the lead and,
// while room is left above the box, the articles that follow it, each
// jumping inside when it does not end on the page. next gives the
// following articles, set. It returns the articles begun on the page and
// the contents that did not fit in the box (nil when everything fits).
func (lt *layouter) frontPage(lead *model.Article, set *artSet, next func() (*model.Article, *artSet)) (map[*model.Article]*frontPiece, *stream) {
	lt.nextPage()
	mk := lt.mk
	lt.span(lt.masthead(), 0, 0)
	l := lt.cfg.BodyLeading
	room := lt.textBottom() - mk.y - height(set.head) - 6*l
	bx := lt.contentsBox(min(lt.cfg.textHeight()*boxFraction/100, room))
	boxTop := lt.textBottom() - bx.h - l
	if lt.rec != nil {
		lt.rec.front.boxTop = boxTop
	}
	pieces := map[*model.Article]*frontPiece{lead: {set: set, rest: lt.frontArticle(lead, set, boxTop, 0)}}
	for pieces[lead].rest.done() {
		a, s := next()
		if a == nil {
			break
		}
		if boxTop-mk.y-2*l < height(s.head)+8*l {
			pieces[a] = &frontPiece{set: s} // set, not begun
			break
		}
		pieces[a] = &frontPiece{set: s, rest: lt.frontArticle(a, s, boxTop, 2*l)}
		if !pieces[a].rest.done() {
			break
		}
	}
	mk.y = boxTop + l
	lt.placeBox(&bx)
	mk.fresh = false
	var more *stream
	if !bx.entries.done() {
		more = &bx.entries
	}
	return pieces, more
}

// frontArticle sets an article on the front page above bottom, under its
// headline across the columns (after a rule, if not zero): its columns
// balanced when it ends there, else filled, with a jump line at the foot
// of the last. It returns the rest.
func (lt *layouter) frontArticle(a *model.Article, set *artSet, bottom, rule Length) *stream {
	mk := lt.mk
	l := lt.cfg.BodyLeading
	lt.art, lt.source = a, a.Source
	lt.span(set.head, 3*l, rule)
	rest := &stream{items: keepHead(set.body)}
	h := bottom - mk.y
	if lt.fits(rest, h) {
		h = lt.balance(rest, h)
		mk.y = lt.gridY(lt.fillColumns(mk.p, rest, mk.y, h, h))
		return rest
	}
	lt.fillColumns(mk.p, rest, mk.y, h, h-l)
	c := lt.cfg.Columns - 1
	lt.jumpLine(lt.words().ContinuedOnPage, a, lt.colX(mk.p, c), mk.y+h-l, c)
	mk.y = bottom
	return rest
}

// height is the height of items stacked.
func height(items []*vitem) Length {
	h := Length(0)
	for _, it := range items {
		h += it.h
	}
	return h
}

// jumpLine sets a jump line at the foot of column col, its page number
// to be filled in when the continuation of art is placed.
func (lt *layouter) jumpLine(format string, art *model.Article, x, top Length, col int) {
	st := text.Style{Face: Face{Kind: TextFace, Style: fonts.Italic}, Size: lt.cfg.BodySize * 9 / 10}
	w := lt.cfg.columnWidth()
	sl := lt.furnitureLine(w, Run{X: w, Face: st.Face, Size: st.Size})
	it := &vitem{h: sl.Height, lines: []*text.Line{sl}, lineY: []Length{0}}
	placeItem(lt.mk.p, it, x, top, col)
	lt.mk.refs = append(lt.mk.refs, pageRef{sl: sl, format: format, art: art, cont: true, right: w})
}

// furnitureLine is a line of page furniture of width w holding runs.
func (lt *layouter) furnitureLine(w Length, runs ...Run) *text.Line {
	l := lt.cfg.BodyLeading
	return &text.Line{Runs: runs, Height: l, Base: l * 77 / 100, Width: w,
		Info: TextLine{Kind: KindFurniture, Width: w, Source: lt.source}}
}

// masthead is the top of the front page, across the text width.
func (lt *layouter) masthead() []*vitem {
	cfg := lt.cfg
	ed := lt.ed
	w := cfg.textWidth()
	l := cfg.BodyLeading
	rule := func(h, thick Length) *vitem {
		return &vitem{h: h, rules: []Rule{{X: 0, Y: (h - thick) / 2, W: w, H: thick}}}
	}
	name := ed.Publication
	if name == "" {
		name = ed.Title
	}
	disp := text.Style{Face: Face{Kind: DisplayFace}}
	nw := Length(lt.Ems(lt.Clean(name, disp.Face), disp.Face))
	size := cfg.TrimHeight / 16
	if nw > 0 {
		size = min(size, Length(int64(w)*1000/int64(nw))*96/100)
	}
	disp.Size = max(size, cfg.BodySize)
	items := []*vitem{rule(2*Pt, 2*Pt), spaceItem(l / 2)}
	items = append(items, lt.titleLines(name, disp, disp.Size*105/100, w, true)...)
	if ed.Tagline != "" {
		ts := text.Style{Face: Face{Kind: TextFace, Style: fonts.Italic}, Size: cfg.BodySize * 11 / 10}
		items = append(items, lt.titleLines(ed.Tagline, ts, ts.Size*13/10, w, true)...)
	}
	items = append(items, spaceItem(l/3), rule(Pt, Pt*3/4))
	items = append(items, lt.issueLine()...)
	items = append(items, rule(Pt, Pt*3/4))
	if ed.Title != "" && ed.Title != name {
		ts := text.Style{Face: Face{Kind: DisplayFace}, Size: cfg.BodySize * 2}
		items = append(items, spaceItem(l/2))
		items = append(items, lt.titleLines(ed.Title, ts, ts.Size*12/10, w, true)...)
	}
	if im := lt.coverImage(w); im != nil {
		items = append(items, spaceItem(l/2), im)
	}
	return furniture(append(items, spaceItem(l)))
}

// furniture marks the lines of items as page furniture: the masthead
// and the contents are not text of an article.
func furniture(items []*vitem) []*vitem {
	for _, it := range items {
		for _, sl := range it.lines {
			sl.Info.Kind = KindFurniture
		}
	}
	return items
}

// issueLine is the masthead's line between rules: volume and number at
// the left, the day's date in the middle and the price at the right (the
// date at the right without a price). When the three do not fit, the
// price follows volume and number; when that does not fit either, it
// gets a line of its own.
func (lt *layouter) issueLine() []*vitem {
	ed := lt.ed
	w := lt.cfg.textWidth()
	info := text.Style{Face: Face{Kind: TextFace, Style: fonts.Bold}, Size: lt.cfg.BodySize * 9 / 10}
	gap := 2 * info.Size
	label := lt.Clean(model.IssueLabel(ed), info.Face)
	date := ""
	if !ed.Date.IsZero() {
		date = lt.Clean(lang.For(lt.edLang()).DayDate(ed.Date), info.Face) // a masthead names the day
	}
	price := lt.Clean(ed.Price, info.Face)
	lw, dw, pw := lt.Width(label, info), lt.Width(date, info), lt.Width(price, info)
	at := func(text string, x Length) Run {
		return Run{X: x, Width: lt.Width(text, info), Face: info.Face, Size: info.Size, Text: text}
	}
	line := func(runs ...Run) *vitem {
		var keep []Run
		for _, r := range runs {
			if r.Text != "" {
				keep = append(keep, r)
			}
		}
		sl := lt.furnitureLine(w, keep...)
		sl.Height = lt.cfg.BodyLeading * 13 / 10
		sl.Base = lt.cfg.BodyLeading * 95 / 100
		return &vitem{h: sl.Height, lines: []*text.Line{sl}, lineY: []Length{0}}
	}
	switch {
	case price == "":
		return []*vitem{line(at(label, 0), at(date, w-dw))}
	case lw+dw/2+gap <= w/2 && dw/2+pw+gap <= w/2:
		return []*vitem{line(at(label, 0), at(date, (w-dw)/2), at(price, w-pw))}
	}
	if label != "" {
		label += " · "
	}
	if lw2 := lt.Width(label+price, info); lw2+dw+gap <= w {
		return []*vitem{line(at(label+price, 0), at(date, w-dw))}
	}
	return []*vitem{line(at(strings.TrimSuffix(label, " · "), 0), at(date, w-dw)), line(at(price, w-pw))}
}

// coverImage is the manifest's cover picture across the text width, at
// most a quarter of the page high.
func (lt *layouter) coverImage(w Length) *vitem {
	img := lt.ed.Cover
	if img == nil || img.Data == nil || img.Width <= 0 || img.Height <= 0 {
		return nil
	}
	iw := w
	ih := Length(int64(iw) * int64(img.Height) / int64(img.Width))
	if maxH := lt.cfg.textHeight() / 4; ih > maxH {
		ih = maxH
		iw = Length(int64(ih) * int64(img.Width) / int64(img.Height))
	}
	lt.checkResolution(img, iw, ih, img.Path, 0)
	return &vitem{h: ih, images: []ImageBox{{X: (w - iw) / 2, W: iw, H: ih, Image: img}}}
}

// contentsBox is the "In this issue" box: its head across the page and
// its entries in the columns.
type contentsBox struct {
	head    []*vitem // rule, title, the issue's description
	entries stream
	inner   Length // height of the entries' columns
	chrome  Length // height of the rest
	h       Length // the whole box
}

// contentsBox makes the box in at most maxH: with the issue's description
// and bylines if they fit, else without bylines, else without the
// description; what still does not fit continues on page 2.
func (lt *layouter) contentsBox(maxH Length) contentsBox {
	var bx contentsBox
	for _, v := range []struct{ intro, bylines bool }{{true, true}, {true, false}, {false, false}} {
		if v.intro && lt.ed.Description == "" {
			continue
		}
		bx = lt.contentsDraft(maxH, v.intro, v.bylines)
		if lt.fits(&bx.entries, bx.inner) {
			bx.inner = lt.balance(&bx.entries, bx.inner)
			bx.h = bx.chrome + bx.inner
			return bx
		}
	}
	return bx
}

// contentsDraft is the box in at most maxH with or without the issue's
// description and the bylines.
func (lt *layouter) contentsDraft(maxH Length, intro, bylines bool) contentsBox {
	l := lt.cfg.BodyLeading
	w := lt.cfg.textWidth()
	bx := contentsBox{head: []*vitem{{h: l / 2, rules: []Rule{{X: 0, Y: 0, W: w, H: Pt * 3 / 2}}}}}
	cs := text.Style{Face: Face{Kind: DisplayFace}, Size: lt.cfg.BodySize * 14 / 10}
	bx.head = append(bx.head, lt.titleLines(lt.edWords().InThisIssue, cs, cs.Size*13/10, w, false)...)
	if intro {
		ds := text.Style{Face: Face{Kind: TextFace, Style: fonts.Italic}, Size: lt.cfg.BodySize}
		bx.head = append(bx.head, lt.titleLines(lt.ed.Description, ds, l, w, false)...)
	}
	bx.head = furniture(append(bx.head, spaceItem(l/3)))
	bx.chrome = l + height(bx.head) // with the space and rule under the entries
	bx.inner = max(maxH-bx.chrome, 2*l)
	bx.h = bx.chrome + bx.inner
	bx.entries = stream{items: lt.contents(bylines)}
	return bx
}

// placeBox sets the box at the current height; entries that do not fit
// end with a jump line to page 2.
func (lt *layouter) placeBox(bx *contentsBox) {
	mk := lt.mk
	x := lt.cfg.textLeft(mk.p.Index)
	for _, it := range bx.head {
		placeItem(mk.p, it, x, mk.y, -1)
		mk.y += it.h
	}
	l := lt.cfg.BodyLeading
	if lt.fits(&bx.entries, bx.inner) {
		lt.fillColumns(mk.p, &bx.entries, mk.y, bx.inner, bx.inner)
	} else {
		lt.fillColumns(mk.p, &bx.entries, mk.y, bx.inner, bx.inner-l)
		c := lt.cfg.Columns - 1
		st := text.Style{Face: Face{Kind: TextFace, Style: fonts.Italic}, Size: lt.cfg.BodySize * 9 / 10}
		jump := fmt.Sprintf(lt.edWords().ContinuedOnPage, 2)
		tw := lt.Width(jump, st)
		cw := lt.cfg.columnWidth()
		sl := lt.furnitureLine(cw, Run{X: cw - tw, Width: tw, Face: st.Face, Size: st.Size, Text: jump})
		placeItem(mk.p, &vitem{h: l, lines: []*text.Line{sl}, lineY: []Length{0}}, lt.colX(mk.p, c), mk.y+bx.inner-l, c)
	}
	mk.y += bx.inner + l/2
	mk.p.Rules = append(mk.p.Rules, Rule{X: x, Y: mk.y, W: lt.cfg.textWidth(), H: Pt / 2})
}

// contentsMore sets at the top of page 2 the contents the front page's box
// could not hold, under the box's title and a jump line.
func (lt *layouter) contentsMore(s *stream) {
	lt.nextPage()
	w := lt.cfg.textWidth()
	l := lt.cfg.BodyLeading
	cs := text.Style{Face: Face{Kind: DisplayFace}, Size: lt.cfg.BodySize * 14 / 10}
	head := lt.titleLines(lt.edWords().InThisIssue, cs, cs.Size*13/10, w, false)
	head = append(head, lt.fromLine(lt.edWords().ContinuedFromPage, w), spaceItem(l/2))
	lt.span(furniture(head), 0, 0)
	lt.flow(s, true)
}

// fromLine is the jump line where a piece continues: "Continued from page
// 1", in italics.
func (lt *layouter) fromLine(format string, w Length) *vitem {
	st := text.Style{Face: Face{Kind: TextFace, Style: fonts.Italic}, Size: lt.cfg.BodySize * 9 / 10}
	jump := lt.Clean(fmt.Sprintf(format, 1), st.Face)
	sl := lt.furnitureLine(w, Run{Width: lt.Width(jump, st), Face: st.Face, Size: st.Size, Text: jump})
	return &vitem{h: sl.Height, lines: []*text.Line{sl}, lineY: []Length{0}}
}

// continuation places the rest of the lead article where its start puts
// it, under "Continued from page 1" and its headline.
func (lt *layouter) continuation(a *model.Article, set *artSet, rest *stream, start model.Start) {
	lt.art, lt.source = a, a.Source
	mk := lt.mk
	l := lt.cfg.BodyLeading
	lt.flushPending()
	if start == model.StartPage && !mk.fresh {
		lt.nextPage()
	}
	from := lt.fromLine(lt.words().ContinuedFromPage, lt.cfg.textWidth())
	from.art = a
	head := keepTogether(append([]*vitem{from}, set.title...))
	head = append(head, spaceItem(l/2))
	lt.span(head, 3*l, 2*l)
	mk.jumped[a] = mk.p.Index
	mk.pending = *rest
}

// contents lists sections and articles with their page numbers (filled
// in at the end, see fillRefs), each entry linked to its article; with
// bylines, each title is followed by its authors.
func (lt *layouter) contents(bylines bool) []*vitem {
	cfg := lt.cfg
	c := lt.bodyCtx()
	c.justify, c.hyph, c.kind = false, false, KindFurniture
	c.size, c.leading = cfg.BodySize*9/10, cfg.BodyLeading*9/10
	num := text.Style{Face: Face{Kind: TextFace, Style: fonts.Bold}, Size: c.size}
	numW := lt.Width("0000", num)
	var out []*vitem
	for _, s := range lt.ed.Sections {
		if s.Title != "" {
			st := text.Style{Face: Face{Kind: DisplayFace}, Size: cfg.BodySize}
			items := lt.paragraph(lt.flatten([]model.Inline{&model.Text{Text: strings.ToUpper(s.Title)}}, st, nil), c, 0, 0)
			out = append(out, spaceItem(c.leading/2))
			out = append(out, keepTogether(items)...)
		}
		for _, a := range s.Articles {
			out = append(out, spaceItem(c.leading/4))
			out = append(out, lt.contentsEntry(a, c, num, numW, bylines)...)
		}
	}
	return out
}

// contentsEntry is one article of the contents: its title (and authors)
// with room for the page number at the right of the last line.
func (lt *layouter) contentsEntry(a *model.Article, c blockCtx, num text.Style, numW Length, bylines bool) []*vitem {
	tc := c
	tc.width -= numW
	ps := lt.flatten([]model.Inline{&model.Text{Text: a.Title}}, text.Style{Face: Face{Kind: TextFace, Style: fonts.Bold}, Size: c.size}, nil)
	if by := model.Byline(a.Authors, lt.edLang()); bylines && by != "" {
		ps = lt.flatten([]model.Inline{&model.Text{Text: " — " + by}}, text.Style{Face: Face{Kind: TextFace, Style: fonts.Italic}, Size: c.size}, ps)
	}
	items := lt.paragraph(ps, tc, 0, 0)
	last := items[len(items)-1].lines[0]
	last.Runs = append(last.Runs, Run{X: c.width, Face: num.Face, Size: num.Size})
	lt.mk.refs = append(lt.mk.refs, pageRef{sl: last, format: "%d", art: a, right: c.width})
	for i, it := range items {
		for _, sl := range it.lines {
			sl.Links = append(sl.Links, LinkRect{X: 0, Y: -sl.Height * 8 / 10, W: c.width, H: sl.Height, Dest: lt.artAnchor(a)})
		}
		if i > 0 {
			it.noBreak = true
		}
	}
	return items
}
