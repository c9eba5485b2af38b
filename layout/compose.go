package layout

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/redtide/edition/layout/text"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/lang"
	"github.com/redtide/edition/internal/model"
)

// layouter holds the state of one Layout call. Articles are set into
// lines by forks of it (see setArticle and fork), one per goroutine; the
// original paginates. Its parts: the line setter (setter: fonts,
// configuration, hyphenation memos, buffers and slabs), the notes
// (noteState), the article and block being set, the warnings, and the
// page makeup.
type layouter struct {
	text.Setter
	noteState

	fs     *fonts.Set
	cfg    Config
	ed     *model.Edition
	warnFn func(diag.Warning) // where the original's warnings go

	art    *model.Article  // article being set
	source string          // its source, for messages
	line   int             // source line of the block being set, 0 when unknown
	node   any             // model element being set, for TextLine.Node
	par    int             // paragraph serial number
	warned map[string]bool // keys of the warnings given once
	// set is where a fork puts the lines and warnings of the article it
	// sets (setArticle gives it one); while set is nil, warnings go to
	// warnFn at once.
	set *artSet

	doc       *Document
	pageOfArt map[*model.Article]int
	mk        *makeup  // the page builder
	fillBody  []placed // the body of the last column filled
	itemSlab  []vitem  // the slab one-line items are cut from
}

// fork returns a layouter that sets articles with setArticle on another
// goroutine. It shares with lt only what is read-only or safe for
// concurrent use: the edition, the setter's fonts, configuration and
// hyphenators (setter.fork) and the article of each note
// (noteState.fork). Everything else starts empty: its own memos, buffers
// and slabs; no warnFn, so that its warnings go only to the artSet that
// setArticle gives it (set), which the original replays in article order
// (add); and no pages, which only the original makes.
func (lt *layouter) fork() *layouter {
	f := &layouter{ed: lt.ed, fs: lt.fs, cfg: lt.cfg, noteState: lt.noteState.fork()}
	f.Setter = lt.Setter.Fork(f)
	return f
}

// noteState is what a layout knows of notes: those set (by note, for an
// article being set) and placed, each note's article, and the link notes.
type noteState struct {
	notesDone  map[*model.Note]bool // notes placed on a page
	noteCache  map[*model.Note][]*vitem
	articleArt map[*model.Note]*model.Article

	links       *linkNotes           // link notes of the article being set
	inlineLinks bool                 // print URLs inline (in notes and bibliographies)
	isLinkNote  map[*model.Note]bool // link notes of every article, printed again on each page citing them

	freshBuf []*model.Note // notesOf's
	nlBuf    []*vitem
}

// fork returns the note state of a fork: the article of each note, which
// is read-only once Layout has filled it, and nothing else (setArticle
// gives the fork the note cache of its article).
func (n *noteState) fork() noteState { return noteState{articleArt: n.articleArt} }

// warning is a warning a fork recorded, given by the original in article
// order; once, if not empty, is the key of a warning given only once.
type warning struct {
	once string
	w    diag.Warning
}

// Where is the position of the block being set (host).
func (lt *layouter) Where() (string, int) { return lt.source, max(lt.line, 0) }

// Warn gives w once per key other than "" (host).
func (lt *layouter) Warn(key string, w diag.Warning) { lt.warnOnce(key, w) }

// NoteAnchors names a note reference's anchor and its note's (host).
func (lt *layouter) NoteAnchors(r *model.NoteRef) (anchor, dest string) {
	return lt.refAnchor(r), lt.noteAnchor(r.Note)
}

// warn warns of msg at the block being set.
func (lt *layouter) warn(msg string) { lt.warnOnce("", lt.at(msg)) }

// at is msg at the position of the block being set: the article's source
// and the block's line (0 when unknown). Layout knows no columns.
func (lt *layouter) at(msg string) diag.Warning {
	return diag.Warning{Path: lt.source, Line: max(lt.line, 0), Msg: msg}
}

// warnOnce gives w, but only the first time for a key other than "".
func (lt *layouter) warnOnce(key string, w diag.Warning) {
	if key != "" {
		if lt.warned[key] {
			return
		}
		lt.warned[key] = true
	}
	if lt.set != nil {
		lt.set.warns = append(lt.set.warns, warning{key, w})
		return
	}
	if lt.warnFn != nil {
		lt.warnFn(w)
	}
}

// numbered gives a line its paragraph's number. A fork numbers from 0 and
// remembers the line, so that the original can renumber it in order.
func (lt *layouter) numbered(sl *text.Line) {
	sl.Info.Par = lt.par
	if lt.set != nil {
		lt.set.lines = append(lt.set.lines, sl)
	}
}

func (lt *layouter) artAnchor(a *model.Article) string { return "art:" + a.ID }

func (lt *layouter) noteAnchor(n *model.Note) string {
	return "note:" + lt.articleArtID(n) + ":" + n.ID
}

func (lt *layouter) refAnchor(r *model.NoteRef) string {
	return "ref:" + lt.articleArtID(r.Note) + ":" + r.RefID()
}

func (lt *layouter) articleArtID(n *model.Note) string {
	if a := lt.articleArt[n]; a != nil {
		return a.ID
	}
	if lt.art != nil {
		return lt.art.ID
	}
	return ""
}

// vitem is an element of the vertical list of a column: a line, a space or
// a block (table row, image). Positions inside are relative to the item's
// top-left corner at the column's left edge.
type vitem struct {
	h       Length // height it takes
	space   bool   // discardable at the top of a column
	noBreak bool   // a column break before this item is not allowed
	keep    bool   // a column break after this item is not allowed (headings)
	lines   []*text.Line
	lineY   []Length // top of each line
	rules   []Rule
	images  []ImageBox
	links   []LinkRect
	anchors []Anchor
	notes   []*model.Note
	// Page makeup.
	float    bool           // a figure or table that floats to the head or foot of a column
	across   bool           // a float across the columns (placed by the makeup, see wideFloats)
	wide     []*vitem       // floats across the columns met after this item (see makeup)
	barrier  bool           // an article starts here: waiting floats do not pass it
	colBreak bool           // the column ends before this item (a space, dropped at the top of a column)
	art      *model.Article // the article whose head starts with this item
	// lines and lineY of an item of one line, saving two allocations
	one  [1]*text.Line
	oneY [1]Length
}

func (lt *layouter) lineItem(sl *text.Line) *vitem {
	if len(lt.itemSlab) == cap(lt.itemSlab) {
		lt.itemSlab = make([]vitem, 0, 256)
	}
	lt.itemSlab = append(lt.itemSlab, vitem{h: sl.Height, notes: sl.Notes})
	it := &lt.itemSlab[len(lt.itemSlab)-1]
	it.one[0] = sl
	it.lines, it.lineY = it.one[:], it.oneY[:]
	return it
}

func spaceItem(h Length) *vitem { return &vitem{h: h, space: true} }

// blockCtx is the environment blocks are set in.
type blockCtx struct {
	width   Length // measure
	dx      Length // left shift from the column edge
	size    Length
	leading Length
	kind    LineKind
	italic  bool
	justify bool
	hyph    bool
	label   []text.Piece // label of the first paragraph (list items, notes)
	gap     Length       // label gap
}

func (lt *layouter) bodyCtx() blockCtx {
	return blockCtx{width: lt.cfg.columnWidth(), size: lt.cfg.BodySize, leading: lt.cfg.BodyLeading, kind: KindBody, justify: true, hyph: true}
}

func (c blockCtx) style() text.Style {
	st := text.Style{Face: Face{Kind: TextFace, Style: fonts.Regular}, Size: c.size}
	if c.italic {
		st.Face.Style = fonts.Italic
	}
	return st
}

// words are the printed words in the language of the article being set
// (the edition's outside an article).
func (lt *layouter) words() lang.Words { return lang.For(lt.lang()).Words }

// edWords are the printed words in the edition's language: the cover, the
// contents and the running heads speak it.
func (lt *layouter) edWords() lang.Words { return lang.For(lt.edLang()).Words }

// edLang is the edition's language.
func (lt *layouter) edLang() string {
	if lt.ed.Language != "" {
		return lt.ed.Language
	}
	return lt.cfg.Language
}

// lang is the language of the article being set, else the edition's.
func (lt *layouter) lang() string {
	if lt.art != nil && lt.art.Language != "" {
		return lt.art.Language
	}
	return lt.edLang()
}

// paragraph sets inlines as lines with widow and orphan control: no column
// break after the first or before the last line.
func (lt *layouter) paragraph(ps []text.Piece, c blockCtx, indent Length, hang Length) []*vitem {
	spec := text.Spec{Width: c.width - hang, Indent: indent, Justify: c.justify, Hyphenate: c.hyph, Lang: lt.lang(),
		Kind: c.kind, Leading: c.leading, Prefix: c.label, PrefixGap: c.gap, Hang: hang}
	lines := lt.SetParagraph(ps, spec)
	lt.par++
	out := make([]*vitem, len(lines))
	for i, sl := range lines {
		lt.numbered(sl)
		sl.DX += c.dx + hang
		sl.Info.Source, sl.Info.SourceLine, sl.Info.Node = lt.source, lt.line, lt.node
		it := lt.lineItem(sl)
		// widows, orphans, and (TeX's \brokenpenalty) no column break after a
		// hyphenated line
		if i == 1 || (i == len(lines)-1 && i > 0) || (i > 0 && lines[i-1].Info.Hyphenated) {
			it.noBreak = true
		}
		out[i] = it
	}
	return out
}

// blocks sets a list of blocks.
func (lt *layouter) blocks(bs []model.Block, c blockCtx) []*vitem {
	var out []*vitem
	prevPar := false
	keep := false // the previous block was a heading: keep it with what follows
	saved, savedNode := lt.line, lt.node
	defer func() { lt.line, lt.node = saved, savedNode }()
	for bi, b := range bs {
		ctx := c
		if l := b.SourceLine(); l > 0 {
			lt.line = l
		}
		lt.node = b
		if bi > 0 {
			ctx.label = nil
		}
		items := lt.block(b, ctx, prevPar && c.kind == KindBody)
		if len(items) == 0 {
			continue
		}
		if keep {
			// the heading stays with the text that follows, floats aside
			for _, it := range items {
				it.noBreak = true
				if !it.space && !it.float {
					break
				}
			}
		}
		if _, h := b.(*model.Heading); h || !allFloats(items) {
			keep = h // floats aside, a heading keeps with the next text
		}
		_, isPar := b.(*model.Paragraph)
		prevPar = isPar
		if len(ctx.label) > 0 && !isPar {
			// a list item or note that does not start with a paragraph:
			// give the label a line of its own
			lab := lt.paragraph(nil, ctx, 0, 0)
			out = append(out, lab...)
		}
		out = append(out, items...)
	}
	return out
}

// block sets one block; a paragraph after another in the body is
// indented.
func (lt *layouter) block(b model.Block, c blockCtx, indentPar bool) []*vitem {
	switch b := b.(type) {
	case *model.Paragraph:
		indent := Length(0)
		if indentPar {
			indent = c.size * 3 / 2
		}
		return lt.paragraph(lt.flatten(b.Inlines, c.style(), nil), c, indent, 0)
	case *model.Heading:
		return lt.heading(b, c)
	case *model.List:
		return lt.list(b, c)
	case *model.Quote:
		return lt.quote(b, c)
	case *model.CodeBlock:
		return lt.surround(lt.code(b.Text, c, false), c.leading/2)
	case *model.MathBlock:
		return lt.surround(lt.code(b.TeX, c, true), c.leading/2)
	case *model.Rule:
		w := c.width / 3
		return []*vitem{{h: c.leading, rules: []Rule{{X: c.dx + (c.width-w)/2, Y: c.leading / 2, W: w, H: Pt / 2}}}}
	case *model.Figure:
		return lt.floating(lt.figure(b, c), c, false)
	case *model.Table:
		return lt.tableBlock(b, c)
	case *model.BibliographyHere:
		if lt.art == nil || lt.art.Bibliography == nil || len(lt.art.Bibliography.Entries) == 0 {
			return nil
		}
		lt.inlineLinks = true // a reference list prints its addresses
		defer func() { lt.inlineLinks = false }()
		return lt.bibliography(lt.art.Bibliography)
	}
	return nil
}

// quote sets a block quote indented, a size smaller.
func (lt *layouter) quote(b *model.Quote, c blockCtx) []*vitem {
	q := c
	if ind := c.size * 3; lt.canIndent(c, ind) {
		q.dx += ind / 2
		q.width -= ind
	}
	// nested quotes shrink twice at most: deeper ones keep the size
	if min := lt.cfg.BodySize * 81 / 100; c.size*9/10 >= min {
		q.size = c.size * 9 / 10
		q.leading = c.leading * 9 / 10
	}
	if q.kind == KindBody {
		q.kind = KindQuote
	}
	return lt.surround(lt.blocks(b.Blocks, q), c.leading/2)
}

// allFloats reports whether items are floats only.
func allFloats(items []*vitem) bool {
	for _, it := range items {
		if !it.float {
			return false
		}
	}
	return true
}

// canIndent tells whether a block nested in c may be indented by ind: the
// measure of deep lists and quotes stops narrowing at a third of the
// column, so that a post of a thousand nested levels is still set inside
// the column. A block not yet indented is, so that list labels have room
// to hang.
func (lt *layouter) canIndent(c blockCtx, ind Length) bool {
	return c.width-ind >= lt.cfg.columnWidth()/3 || c.dx < ind
}

// surround puts discardable space around a block.
func (lt *layouter) surround(items []*vitem, sp Length) []*vitem {
	if len(items) == 0 {
		return nil
	}
	out := make([]*vitem, 0, len(items)+2)
	out = append(out, spaceItem(sp))
	out = append(out, items...)
	after := spaceItem(sp)
	return append(out, after)
}

func (lt *layouter) heading(h *model.Heading, c blockCtx) []*vitem {
	var size Length
	switch h.Level {
	case 1:
		size = c.size * 14 / 10
	case 2:
		size = c.size * 12 / 10
	default:
		size = c.size * 105 / 100
	}
	st := text.Style{Face: Face{Kind: DisplayFace}, Size: size}
	ctx := c
	ctx.kind = KindHeading
	ctx.justify = false
	ctx.hyph = false
	ctx.leading = size * 12 / 10
	ctx.label = nil
	lines := lt.paragraph(lt.flatten(h.Inlines, st, nil), ctx, 0, 0)
	if len(lines) == 0 {
		return nil
	}
	for _, it := range lines[1:] {
		it.noBreak = true
	}
	for _, it := range lines {
		it.keep = true
	}
	if h.ID != "" {
		lines[0].anchors = append(lines[0].anchors, Anchor{Name: "h:" + lt.art.ID + ":" + h.ID})
	}
	out := []*vitem{spaceItem(c.leading * 3 / 4)}
	out = append(out, lines...)
	return append(out, &vitem{h: c.leading / 4, space: true, noBreak: true})
}

func (lt *layouter) list(l *model.List, c blockCtx) []*vitem {
	var out []*vitem
	hang := c.size * 3 / 2
	if l.Ordered {
		last := l.Start + len(l.Items) - 1
		hang = max(hang, lt.Width(strconv.Itoa(last)+".", c.style())+c.size/2)
	}
	ctx := c
	if lt.canIndent(c, hang) {
		ctx.dx += hang
		ctx.width -= hang
	}
	// else the items of a list nested too deep line up with their parent's,
	// their labels hanging in its indentation
	if ctx.kind == KindBody {
		ctx.kind = KindList
	}
	for i, item := range l.Items {
		lab := "•"
		if l.Ordered {
			lab = strconv.Itoa(l.Start+i) + "."
		}
		ic := ctx
		ic.label = []text.Piece{{Text: lab, Style: c.style()}}
		ic.gap = c.size / 2
		items := lt.blocks(item.Blocks, ic)
		if len(items) == 0 {
			items = lt.paragraph(nil, ic, 0, 0)
		}
		out = append(out, items...)
	}
	return lt.surround(out, c.leading/3)
}

// code sets a code block line by line in the mono face. A line longer
// than the measure wraps, preferably after a space, else after
// punctuation, else between any two characters; the continuation is
// indented and marked with an arrow (when the mono font has one), as
// listings and editors mark a soft wrap.
//
// Display math (TeX source, display) is set the same way, each line
// centred when it fits.
func (lt *layouter) code(body string, c blockCtx, display bool) []*vitem {
	size := c.size * 8 / 10
	st := text.Style{Face: Face{Kind: MonoFace}, Size: size}
	leading := size * 12 / 10
	cw := max(lt.Width("m", st), 1)
	avail := c.width - size // size/2 indent, size/2 to spare at the right
	contX := 2 * cw         // the mark and a space
	maxFirst := max(1, int(avail/cw))
	maxCont := max(1, int((avail-contX)/cw))
	const markText = "→"
	hasMark := st.Face.Font(lt.fs).Has('→')
	lt.par++
	var lines []*text.Line
	kind := KindCode
	if display {
		kind = KindMath
	}
	var wc text.WordCounter
	for _, src := range strings.Split(strings.ReplaceAll(body, "\t", "    "), "\n") {
		src = lt.Clean(src, st.Face)
		rs := []rune(src)
		wc.Gap()
		for first := true; first || len(rs) > 0; first = false {
			x, n := Length(0), maxFirst
			if !first {
				x, n = contX, maxCont
				for len(rs) > 0 && rs[0] == ' ' {
					rs = rs[1:] // spaces at a wrap are not carried over
					wc.Gap()
				}
				if len(rs) == 0 {
					break
				}
			}
			n = codeBreak(rs, n)
			t := string(rs[:n])
			rs = rs[n:]
			sl := &text.Line{Height: leading, Base: leading * 77 / 100, Width: c.width, DX: c.dx + size/2}
			if t != "" {
				sl.Runs = []Run{{X: x, Width: lt.Width(t, st), Face: st.Face, Size: size, Text: t}}
			}
			if !first && hasMark {
				sl.Marks = []Run{{X: 0, Width: lt.Width(markText, st), Face: st.Face, Size: size, Text: markText}}
			}
			if display && first && len(rs) == 0 && x == 0 {
				if w := lt.Width(t, st); w < avail {
					sl.DX += (avail - w) / 2
				}
			}
			sl.Info = TextLine{Kind: kind, Width: c.width, Source: lt.source, SourceLine: lt.line, Node: lt.node, Word: wc.Begun()}
			wc.Text(t)
			lt.numbered(sl)
			lines = append(lines, sl)
		}
	}
	out := make([]*vitem, len(lines))
	for i, sl := range lines {
		sl.Info.ParLine, sl.Info.ParLen = i, len(lines)
		out[i] = lt.lineItem(sl)
		if i == 1 || (i == len(lines)-1 && i > 0) {
			out[i].noBreak = true
		}
	}
	return out
}

// codeBreak returns how many runes of rs go on a code line of at most n
// characters: all when they fit; else up to the last space, or else after
// the last punctuation (before an opening bracket), in the last two thirds
// of the line; else n, breaking a word.
func codeBreak(rs []rune, n int) int {
	if len(rs) <= n {
		return len(rs)
	}
	lo := max(1, n/3)
	for k := n; k > lo; k-- {
		if rs[k-1] == ' ' && rs[k] != ' ' {
			return k
		}
	}
	for k := n; k > lo; k-- {
		if strings.ContainsRune(",;:)]}>-/.=&|+*", rs[k-1]) || strings.ContainsRune("([{<", rs[k]) {
			return k
		}
	}
	return n
}

func (lt *layouter) figure(f *model.Figure, c blockCtx) []*vitem {
	var out []*vitem
	capCtx := c
	capCtx.size = c.size * 85 / 100
	capCtx.leading = c.leading * 85 / 100
	capCtx.kind = KindCaption
	capCtx.italic = true
	capCtx.justify = false
	img := f.Image
	if img != nil && img.Data != nil && img.Width > 0 && img.Height > 0 {
		w := c.width
		h := Length(int64(w) * int64(img.Height) / int64(img.Width))
		maxH := lt.cfg.textHeight() / 2
		if h > maxH {
			w = Length(int64(maxH) * int64(img.Width) / int64(img.Height))
			h = maxH
		}
		lt.checkResolution(img, w, h, lt.source, img.Line)
		out = append(out, &vitem{h: h + c.leading/4, images: []ImageBox{{X: c.dx + (c.width-w)/2, Y: 0, W: w, H: h, Image: img}}})
	} else if img != nil && img.URL != "" {
		out = append(out, lt.placeholder(img, c))
	} else if img != nil {
		alt := img.Alt
		if alt == "" {
			alt = lt.words().Figure
		}
		if img.Path != "" {
			lt.warn("image " + img.Path + " not loaded; printing its alt text")
		}
		ac := capCtx
		ac.size, ac.leading, ac.kind = c.size, c.leading, KindCaption
		out = append(out, lt.paragraph(lt.flatten([]model.Inline{&model.Text{Text: "[" + alt + "]"}}, ac.style(), nil), ac, 0, 0)...)
	}
	if len(f.Caption) > 0 {
		caps := lt.paragraph(lt.flatten(f.Caption, capCtx.style(), nil), capCtx, 0, 0)
		out = append(out, caps...)
	}
	for i, it := range out {
		if i > 0 {
			it.noBreak = true
		}
	}
	return out
}

// placeholder stands for a remote image that is not in the site's cache
// (`edition fetch` downloads it): its alt text in a frame the width of
// the measure, linked to the image's URL, which a link note prints (see
// page_links.go), so that a reader of the paper sees that an image is
// missing, what it shows and where it is.
func (lt *layouter) placeholder(img *model.Image, c blockCtx) *vitem {
	pad, rule := c.size/2, Pt/2
	ac := c
	ac.kind, ac.italic, ac.justify, ac.label = KindCaption, false, false, nil
	ac.dx, ac.width = c.dx+pad, c.width-2*pad
	alt := strings.TrimSpace(img.Alt)
	if alt == "" {
		alt = lt.words().Figure
	}
	link := &model.Link{URL: img.URL, Inlines: []model.Inline{&model.Text{Text: alt}}}
	it := &vitem{}
	y := pad
	for _, l := range lt.paragraph(lt.flatten([]model.Inline{link}, ac.style(), nil), ac, 0, 0) {
		for i, sl := range l.lines {
			it.lines = append(it.lines, sl)
			it.lineY = append(it.lineY, y+l.lineY[i])
		}
		it.notes = append(it.notes, l.notes...)
		it.links = append(it.links, l.links...)
		y += l.h
	}
	h := y + pad
	it.rules = []Rule{
		{X: c.dx, Y: 0, W: c.width, H: rule},
		{X: c.dx, Y: h - rule, W: c.width, H: rule},
		{X: c.dx, Y: 0, W: rule, H: h},
		{X: c.dx + c.width - rule, Y: 0, W: rule, H: h},
	}
	it.h = h + c.leading/4
	return it
}

// table sets a table row by row. Column widths follow the content (TeX's
// tabular with p-columns chosen automatically); a table never gets wider
// than the measure: its size shrinks first, then cells wrap.
func (lt *layouter) table(t *model.Table, c blockCtx) []*vitem {
	rows := lt.tableGrid(t, c)
	if len(t.Caption) == 0 || len(rows) == 0 {
		return rows
	}
	// The caption above the table, as a table's title is set, kept with
	// its first row.
	capCtx := c
	capCtx.size = c.size * 85 / 100
	capCtx.leading = c.leading * 85 / 100
	capCtx.kind = KindCaption
	capCtx.italic = true
	capCtx.justify = false
	capCtx.label = nil
	caps := lt.paragraph(lt.flatten(t.Caption, capCtx.style(), nil), capCtx, 0, 0)
	for i, it := range caps {
		it.noBreak = it.noBreak || i > 0
	}
	sp := spaceItem(c.leading / 4)
	sp.noBreak = true
	rows[0].noBreak = true
	return append(append(caps, sp), rows...)
}

// tableGrid sets a table's rows.
func (lt *layouter) tableGrid(t *model.Table, c blockCtx) []*vitem {
	rows := tableCells(t)
	ncol := len(t.Align)
	for _, r := range rows {
		ncol = max(ncol, len(r))
	}
	if ncol == 0 {
		return nil
	}
	size := c.size * 85 / 100
	tm := lt.measureTable(rows, t.Header != nil, ncol, size, c.width)
	if tm.sum(tm.minW) > c.width {
		// shrink the type, down to 6pt, so the longest words fit
		f := float64(c.width) / float64(tm.sum(tm.minW))
		size = max(6*Pt, Length(float64(size)*f))
		tm = lt.measureTable(rows, t.Header != nil, ncol, size, c.width)
		if tm.sum(tm.minW) > c.width {
			lt.warn(fmt.Sprintf("table of %d columns too wide for the measure even at %s; set as a list of rows: %s",
				ncol, size, text.Abbrev(lt.headerPieces(t, c.style()))))
			return lt.tableRows(t, c)
		}
	}
	widths := tm.widths(c.width)
	var out []*vitem
	for ri, r := range rows {
		it := lt.tableRow(t, r, ri, len(rows), widths, tm.pad, size, c)
		if it.h > lt.cfg.textHeight()/4 {
			out = append(out, splitRow(it, size*12/10)...)
			continue
		}
		out = append(out, it)
	}
	return out
}

// tableCells are the rows of a table, its header first.
func tableCells(t *model.Table) [][]model.Cell {
	var rows [][]model.Cell
	if t.Header != nil {
		rows = append(rows, t.Header)
	}
	return append(rows, t.Rows...)
}

// tableMeasure is the natural and the minimum width of each column of a
// table (the longest line and the longest word of its cells), and the
// padding on each side of a cell.
type tableMeasure struct {
	natW, minW []Length
	pad        Length
}

// measureTable measures a table's columns at type size size; a word
// counts at most half the measure.
func (lt *layouter) measureTable(rows [][]model.Cell, header bool, ncol int, size, measure Length) tableMeasure {
	tm := tableMeasure{natW: make([]Length, ncol), minW: make([]Length, ncol), pad: size / 2}
	var wb text.WordBuf
	for ri, r := range rows {
		st := text.Style{Face: Face{Kind: TextFace}, Size: size}
		if ri == 0 && header {
			st.Face.Style = fonts.Bold
		}
		for ci, cell := range r {
			words, _ := text.SplitWords(lt.flatten(cell.Inlines, st, nil), &wb)
			line := Length(0)
			for wi, w := range words {
				ww := Length(0)
				for _, p := range w.Pieces {
					ww += lt.Width(p.Text, p.Style)
				}
				tm.minW[ci] = max(tm.minW[ci], min(ww, measure/2))
				line += ww
				if wi > 0 {
					line += lt.Width(" ", st)
				}
			}
			tm.natW[ci] = max(tm.natW[ci], line)
		}
	}
	return tm
}

// sum is the width of a table whose columns are ws wide, padding included.
func (tm tableMeasure) sum(ws []Length) Length {
	s := Length(0)
	for _, w := range ws {
		s += w + 2*tm.pad
	}
	return s
}

// widths chooses the column widths for a table of at most width: the
// natural widths when they fit, else the minimum widths with the rest of
// the measure shared in proportion to what each column lacks, else equal
// widths.
func (tm tableMeasure) widths(width Length) []Length {
	ncol := len(tm.natW)
	widths := make([]Length, ncol)
	avail := width - Length(ncol)*2*tm.pad
	switch {
	case tm.sum(tm.natW) <= width:
		copy(widths, tm.natW)
	case tm.sum(tm.minW) <= width:
		var slack Length
		extra := avail
		for i := range tm.natW {
			slack += tm.natW[i] - tm.minW[i]
			extra -= tm.minW[i]
		}
		for i := range widths {
			widths[i] = tm.minW[i]
			if slack > 0 {
				widths[i] += Length(int64(extra) * int64(tm.natW[i]-tm.minW[i]) / int64(slack))
			}
		}
	default:
		for i := range widths {
			widths[i] = avail / Length(ncol)
		}
	}
	return widths
}

// tableRow sets row ri of n rows of a table: its cells side by side, the
// rules that open and close the table and underline the header.
func (lt *layouter) tableRow(t *model.Table, r []model.Cell, ri, n int, widths []Length, pad, size Length, c blockCtx) *vitem {
	header := ri == 0 && t.Header != nil
	leading := size * 12 / 10
	defer func(n any) { lt.node = n }(lt.node)
	it := &vitem{}
	x := c.dx
	h := leading
	for ci := range widths {
		if ci < len(r) {
			al := model.AlignNone
			if ci < len(t.Align) {
				al = t.Align[ci]
			}
			lt.node = &r[ci]
			lines := lt.tableCell(r[ci], header, al, widths[ci], size, c)
			for li, l := range lines {
				sl := l.lines[0]
				sl.DX += x + pad
				it.lines = append(it.lines, sl)
				it.lineY = append(it.lineY, pad/4+Length(li)*leading)
				it.notes = append(it.notes, sl.Notes...)
			}
			h = max(h, Length(len(lines))*leading)
		}
		x += widths[ci] + 2*pad
	}
	total := x - c.dx
	it.h = h + pad/2
	if ri == 0 {
		it.rules = append(it.rules, Rule{X: c.dx, Y: 0, W: total, H: Pt / 2})
	}
	if header {
		it.rules = append(it.rules, Rule{X: c.dx, Y: it.h - Pt/4, W: total, H: Pt / 4})
	}
	if ri == n-1 {
		it.rules = append(it.rules, Rule{X: c.dx, Y: it.h - Pt/2, W: total, H: Pt / 2})
	}
	// keep short tables whole, longer ones with the header and the
	// last row attached to their neighbours
	if ri > 0 && (n <= 6 || (ri == 1 && t.Header != nil) || ri == n-1) {
		it.noBreak = true
	}
	return it
}

// tableCell sets one cell at width w, aligned; its lines are shifted from
// the cell's left edge.
func (lt *layouter) tableCell(cell model.Cell, header bool, al model.Align, w, size Length, c blockCtx) []*vitem {
	st := text.Style{Face: Face{Kind: TextFace}, Size: size}
	if header {
		st.Face.Style = fonts.Bold
	}
	ctx := c
	ctx.width, ctx.size, ctx.leading, ctx.kind, ctx.justify, ctx.label = w, size, size*12/10, KindTable, false, nil
	ctx.dx = 0
	lines := lt.paragraph(lt.flatten(cell.Inlines, st, nil), ctx, 0, 0)
	for _, l := range lines {
		sl := l.lines[0]
		sl.DX = 0
		switch al {
		case model.AlignRight:
			sl.DX = w - sl.NaturalRight()
		case model.AlignCenter:
			sl.DX = (w - sl.NaturalRight()) / 2
		}
	}
	return lines
}

// headerPieces is the text of a table's header row, for messages.
func (lt *layouter) headerPieces(t *model.Table, st text.Style) []text.Piece {
	var ps []text.Piece
	for _, h := range t.Header {
		ps = lt.flatten(h.Inlines, st, ps)
		ps = append(ps, text.Piece{Text: " ", Style: st})
	}
	return ps
}

// tableRows sets a table too wide for the measure as a list of its rows
// between the rules that open and close a table: each row is a paragraph
// of "header: cell" pairs, its later lines indented, so that no cell is
// lost and no line overfull however many columns there are.
func (lt *layouter) tableRows(t *model.Table, c blockCtx) []*vitem {
	size := c.size * 85 / 100
	ctx := c
	ctx.size, ctx.leading, ctx.kind, ctx.label, ctx.justify = size, size*12/10, KindTable, nil, false
	hang := size
	head := text.Style{Face: Face{Kind: TextFace, Style: fonts.Bold}, Size: size}
	pad := size / 2
	rule := func(h Length) *vitem {
		return &vitem{h: pad, rules: []Rule{{X: c.dx, Y: pad / 2, W: c.width, H: h}}}
	}
	out := []*vitem{rule(Pt / 2)}
	defer func(n any) { lt.node = n }(lt.node)
	for ri, r := range t.Rows {
		var ps []text.Piece
		if len(r) > 0 {
			lt.node = &r[0] // words past the first cell's are not counted as the EPUB does
		}
		for ci, cell := range r {
			if len(cell.Inlines) == 0 {
				continue
			}
			if len(ps) > 0 {
				ps = append(ps, text.Piece{Text: "; ", Style: ctx.style()})
			}
			if ci < len(t.Header) && len(t.Header[ci].Inlines) > 0 {
				ps = lt.flatten(t.Header[ci].Inlines, head, ps)
				ps = append(ps, text.Piece{Text: ": ", Style: head})
			}
			ps = lt.flatten(cell.Inlines, ctx.style(), ps)
		}
		if ri > 0 {
			out = append(out, rule(Pt/4))
		}
		out = append(out, lt.paragraph(ps, ctx, 0, hang)...)
	}
	if len(t.Rows) == 0 {
		// a header alone: its cells are the text
		out = append(out, lt.paragraph(lt.headerPieces(t, head), ctx, 0, hang)...)
	}
	out = append(out, rule(Pt/2))
	out[len(out)-1].noBreak = true
	return out
}

// splitRow cuts a row too tall to keep whole into bands of one line of
// every cell, so that it can break across columns.
func splitRow(it *vitem, leading Length) []*vitem {
	n := int((it.h + leading - 1) / leading)
	bands := make([]*vitem, n)
	for i := range bands {
		bands[i] = &vitem{h: leading}
	}
	bands[0].noBreak = it.noBreak
	bands[n-1].h = it.h - Length(n-1)*leading
	for i, sl := range it.lines {
		b := min(int(it.lineY[i]/leading), n-1)
		bands[b].lines = append(bands[b].lines, sl)
		bands[b].lineY = append(bands[b].lineY, it.lineY[i]-Length(b)*leading)
		bands[b].notes = append(bands[b].notes, sl.Notes...)
	}
	for _, r := range it.rules {
		b := min(int(r.Y/leading), n-1)
		r.Y -= Length(b) * leading
		bands[b].rules = append(bands[b].rules, r)
	}
	return bands
}
