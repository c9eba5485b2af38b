package layout

import (
	"strconv"
	"strings"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/layout/text"
)

// vitem is an element of the vertical list of a column: a line, a space or
// a block (table row, image). Positions inside are relative to the item's
// top-left corner at the column's left edge.
type vitem struct {
	h       Length // height it takes
	space   bool   // discardable at the top of a column
	noBreak bool   // a column break before this item is not allowed
	keep    bool   // a column break after this item is not allowed (headings)
	// Page makeup (the flags beside the others, which keeps vitem small).
	float    bool // a figure or table that floats to the head or foot of a column
	across   bool // a float across the columns (placed by the makeup, see wideFloats)
	barrier  bool // an article starts here: waiting floats do not pass it
	colBreak bool // the column ends before this item (a space, dropped at the top of a column)
	lines    []*text.Line
	lineY    []Length // top of each line
	rules    []Rule
	images   []ImageBox
	links    []LinkRect
	anchors  []Anchor
	notes    []*model.Note
	wide     []*vitem       // floats across the columns met after this item (see makeup)
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
		if sl.Height > c.leading && lt.cfg.BaselineGrid && c.leading == lt.cfg.BodyLeading {
			gridMath(sl, c.leading)
		}
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

// gridMath rounds the room a line made for a tall formula above and
// below its leading (text.SetParagraph) up to whole lines of the baseline
// grid, so that its baseline and the lines after it stay on the grid.
func gridMath(sl *text.Line, l Length) {
	base := l * 77 / 100 // text.Line's
	up := sl.Base - base
	down := sl.Height - l - up
	up, down = (up+l-1)/l*l, (down+l-1)/l*l
	sl.Base, sl.Height = base+up, l+up+down
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
		// A paragraph set meanwhile (a link's note, while flattening)
		// makes its own buffer.
		buf := lt.parPieces[:0]
		lt.parPieces = nil
		ps := lt.flatten(b.Inlines, c.style(), buf)
		items := lt.paragraph(ps, c, indent, 0)
		lt.parPieces = ps[:0]
		return items
	case *model.Heading:
		return lt.heading(b, c)
	case *model.List:
		return lt.list(b, c)
	case *model.Quote:
		return lt.quote(b, c)
	case *model.CodeBlock:
		return lt.surround(lt.code(b.Text, c, false), c.leading/2)
	case *model.MathBlock:
		return lt.displayMath(b, c)
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
// Display math that could not be read (its TeX source) is set the same way, each line
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
