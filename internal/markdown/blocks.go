package markdown

import (
	"strings"

	gast "github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/redtide/edition/internal/lazy"
	"github.com/redtide/edition/internal/model"
)

// def is a footnote definition: goldmark's, or a paragraph written as
// one without the colon.
type def struct {
	fn   *east.Footnote
	para gast.Node
	note *model.Note
}

// definitions reads the footnote definitions of root, before any
// reference is converted, so that references can point at them.
func (c *conv) definitions(root gast.Node) []def {
	c.post.referenced = map[*model.Note]bool{}
	var defs []def
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		l, ok := n.(*east.FootnoteList)
		if !ok {
			continue
		}
		for f := l.FirstChild(); f != nil; f = f.NextSibling() {
			fn, ok := f.(*east.Footnote)
			if !ok {
				continue
			}
			label := string(fn.Ref)
			if _, dup := c.post.notes[label]; dup {
				c.warn(fn, "footnote [^%s] defined twice; the first definition is used", label)
				continue
			}
			note := &model.Note{Pos: model.Pos{Line: c.line(fn)}, Label: label}
			c.post.notes[label] = note
			c.byIndex(fn.Index, note)
			defs = append(defs, def{fn: fn, note: note})
		}
	}
	return append(defs, c.colonless(root)...)
}

// colonless finds footnote definitions written without the colon
// ("[^3] Popkin, 71."): a paragraph of the body that starts with a
// reference to a label nothing defines, which the text refers to
// elsewhere, or which stands in a run of such paragraphs (a list of
// notes whose references were lost). Without this reading every such
// note would print as a paragraph at the end of the body and every
// reference as its label.
func (c *conv) colonless(root gast.Node) []def {
	uses := map[string]int{}
	_ = gast.Walk(root, func(n gast.Node, entering bool) (gast.WalkStatus, error) {
		if r, ok := n.(*undefRef); ok && entering {
			uses[r.label]++
		}
		return gast.WalkContinue, nil
	})
	var paras []*gast.Paragraph // the candidates, in order
	var refs []*undefRef
	run := map[gast.Node]bool{} // candidates next to another
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		p, ok := n.(*gast.Paragraph)
		if !ok {
			continue
		}
		r := c.colonlessRef(p)
		if r == nil {
			continue
		}
		if k := len(paras); k > 0 && paras[k-1].NextSibling() == p {
			run[paras[k-1]], run[p] = true, true
		}
		paras, refs = append(paras, p), append(refs, r)
	}
	var defs []def
	for i, p := range paras {
		r := refs[i]
		if c.post.loose[r.label] != nil || uses[r.label] < 2 && !run[p] {
			continue
		}
		note := &model.Note{Pos: model.Pos{Line: c.line(p)}, Label: r.label}
		c.post.loose[r.label] = note
		if uses[r.label] < 2 {
			c.warn(p, "footnote [^%s] is written without the colon after its label; read as its definition, which the text never refers to", r.label)
		} else {
			c.warn(p, "footnote [^%s] is written without the colon after its label; read as its definition", r.label)
		}
		defs = append(defs, def{para: p, note: note})
	}
	return defs
}

// colonlessRef returns the undefined reference a paragraph starts with,
// followed by a space and text; nil if it does not.
func (c *conv) colonlessRef(p *gast.Paragraph) *undefRef {
	r, ok := p.FirstChild().(*undefRef)
	if !ok {
		return nil
	}
	t, ok := r.NextSibling().(*gast.Text)
	if !ok || !strings.HasPrefix(string(t.Segment.Value(c.src)), " ") {
		return nil
	}
	return r
}

// blocks converts the block children of n.
func (c *conv) blocks(n gast.Node) []model.Block {
	var out []model.Block
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if p := ch.Pos(); p >= 0 && p < c.skipTo && lastStop(ch) <= c.skipTo+1 {
			continue
		}
		if p, ok := ch.(*gast.Paragraph); ok {
			if r, ok := p.FirstChild().(*undefRef); ok && c.post.loose[r.label] != nil && c.post.loose[r.label].Blocks == nil && c.definesLoose(p, r) {
				continue
			}
		}
		if e, ok := ch.(*extBlock); ok && e.kind == extIAL && isTOC(e.source(c.src)) {
			out = c.dropTOC(ch, out)
			out = append(out, &tocMark{})
		}
		out = append(out, c.block(ch)...)
	}
	return c.attachCaptions(c.dropTOCTitles(c.pairShortcodes(out)))
}

// tocMark stands, among converted blocks, where the site's table of
// contents was (kramdown's {:toc}, an include of toc.html), until
// dropTOCTitles removes it. It never leaves this package.
type tocMark struct{ model.Rule }

// dropTOCTitles removes the table-of-contents marks from out, and with
// each the heading over it when nothing else was under that heading (the
// next block is a heading of the same or a higher level, or the end):
// that heading ("Contents", "## Table of Contents {:.no_toc}") titled the
// site's table of contents, which an edition replaces with its own.
func (c *conv) dropTOCTitles(out []model.Block) []model.Block {
	kept := out[:0]
	for i, b := range out {
		if _, ok := b.(*tocMark); !ok {
			kept = append(kept, b)
			continue
		}
		if len(kept) == 0 {
			continue
		}
		h, ok := kept[len(kept)-1].(*model.Heading)
		if !ok {
			continue
		}
		next := nextContent(out[i+1:])
		if nh, ok := next.(*model.Heading); next == nil || ok && nh.Level <= h.Level {
			c.warnAt(h.Line, "heading %q over the site's table of contents dropped with it (the edition has its own contents)", clip(model.PlainText(h.Inlines), 60))
			kept = kept[:len(kept)-1]
		}
	}
	return kept
}

// nextContent is the first block of bs that is not a table-of-contents
// mark, nil when there is none.
func nextContent(bs []model.Block) model.Block {
	for _, b := range bs {
		if _, ok := b.(*tocMark); !ok {
			return b
		}
	}
	return nil
}

// lastStop is the source offset where n's last line ends.
func lastStop(n gast.Node) int {
	stop := -1
	if n.Type() == gast.TypeBlock {
		if ls := n.Lines(); ls != nil && ls.Len() > 0 {
			stop = ls.At(ls.Len() - 1).Stop
		}
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		stop = max(stop, lastStop(ch))
	}
	return stop
}

// definesLoose converts a colon-less definition into its note's blocks
// and reports true, the first time its paragraph is met.
func (c *conv) definesLoose(p *gast.Paragraph, r *undefRef) bool {
	note := c.post.loose[r.label]
	p.RemoveChild(p, r)
	if t, ok := p.FirstChild().(*gast.Text); ok {
		t.Segment = t.Segment.TrimLeftSpace(c.src)
	}
	note.Blocks = c.paragraph(p)
	if note.Blocks == nil {
		note.Blocks = []model.Block{}
	}
	return true
}

// isTOC: kramdown's {:toc} replaces the list it follows with a table of
// contents.
func isTOC(ial string) bool {
	return strings.Contains(strings.ToLower(ial), "toc") && !strings.Contains(strings.ToLower(ial), "no_toc")
}

// dropTOC drops the list that {:toc} (ial) replaces: an edition has its
// own contents, and the list's one item ("TOC", "Table of Contents") is
// a placeholder, not text.
func (c *conv) dropTOC(ial gast.Node, out []model.Block) []model.Block {
	prev := ial.PreviousSibling()
	if _, ok := prev.(*gast.List); !ok || ial.HasBlankPreviousLines() || len(out) == 0 {
		return out
	}
	if l, ok := out[len(out)-1].(*model.List); ok {
		c.warnAt(l.Line, "list replaced by kramdown's table of contents ({:toc}) dropped: %q", clip(blocksText(l.Items), 60))
		return out[:len(out)-1]
	}
	return out
}

func blocksText(items []*model.ListItem) string {
	var parts []string
	for _, it := range items {
		model.WalkInlinesInBlocks(it.Blocks, func(in model.Inline) {
			if t, ok := in.(*model.Text); ok {
				parts = append(parts, t.Text)
			}
		})
	}
	return strings.Join(parts, " ")
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

func (c *conv) block(n gast.Node) []model.Block {
	pos := model.Pos{Line: c.line(n)}
	switch n := n.(type) {
	case *gast.Paragraph, *gast.TextBlock:
		return c.paragraph(n)
	case *gast.Heading:
		ins := trimSpace(headerID(c.inlines(n)))
		if len(ins) == 0 {
			return nil
		}
		return []model.Block{&model.Heading{Pos: pos, Level: n.Level, Inlines: ins}}
	case *gast.ThematicBreak:
		return []model.Block{&model.Rule{Pos: pos}}
	case *gast.CodeBlock, *gast.FencedCodeBlock:
		cb := &model.CodeBlock{Pos: pos, Text: blankLinesTrimmed(codeText(c.rawLines(n)))}
		if f, ok := n.(*gast.FencedCodeBlock); ok {
			cb.Language = string(f.Language(c.src))
		}
		return []model.Block{cb}
	case *gast.Blockquote:
		bs := c.blocks(n)
		if len(bs) == 0 {
			return nil
		}
		return []model.Block{&model.Quote{Pos: pos, Blocks: bs}}
	case *gast.List:
		l := &model.List{Pos: pos, Ordered: n.IsOrdered(), Start: n.Start}
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			l.Items = append(l.Items, &model.ListItem{Pos: model.Pos{Line: c.line(it)}, Blocks: c.blocks(it)})
		}
		return []model.Block{l}
	case *gast.HTMLBlock:
		return c.htmlBlock(n)
	case *east.DefinitionList:
		return c.definitionList(n)
	case *east.Table:
		return c.tableFigures(c.table(n))
	case *extBlock:
		return c.extBlock(n)
	case *east.FootnoteList:
		return nil // handled in Convert
	case *gast.LinkReferenceDefinition:
		return nil
	}
	c.warn(n, "unsupported Markdown element %s dropped", n.Kind())
	return nil
}

func (c *conv) rawLines(n gast.Node) string {
	var b strings.Builder
	ls := n.Lines()
	for i := 0; i < ls.Len(); i++ {
		s := ls.At(i)
		b.Write(s.Value(c.src))
	}
	return b.String()
}

// paragraph converts a paragraph. Images in it become figures after it,
// since a print column has no room for images inside a line; display
// math standing on lines of its own splits it.
func (c *conv) paragraph(n gast.Node) []model.Block {
	line := c.line(n)
	if c.post.engine.Kramdown && abbrevDefs().MatchString(c.rawLines(n)) {
		// kramdown's abbreviation definitions: the page shows the
		// expansion only as a tooltip on the abbreviation.
		c.tally(line, "kramdown abbreviation definitions dropped (the page shows them only as tooltips)", clip(strings.TrimSpace(firstLine(c.rawLines(n))), 40))
		return nil
	}
	ins := c.inlines(n)
	var out []model.Block
	var figs []model.Block
	ins = c.captionInParagraph(ins)
	flush := func(ins []model.Inline) {
		ins = trimSpace(mergeText(extractFigures(ins, &figs)))
		if len(ins) > 0 {
			out = append(out, &model.Paragraph{Pos: model.Pos{Line: line}, Inlines: ins})
		}
	}
	start := 0
	for i, in := range ins {
		if d, ok := in.(*displayMath); ok {
			flush(ins[start:i:i])
			out = append(out, d.math)
			line = d.math.Line
			start = i + 1
		}
	}
	flush(ins[start:])
	if len(out) > 0 {
		c.markMoved(figs)
	}
	return append(out, figs...)
}

func (c *conv) table(t *east.Table) *model.Table {
	out := &model.Table{Pos: model.Pos{Line: c.line(t)}}
	for _, a := range t.Alignments {
		switch a {
		case east.AlignLeft:
			out.Align = append(out.Align, model.AlignLeft)
		case east.AlignCenter:
			out.Align = append(out.Align, model.AlignCenter)
		case east.AlignRight:
			out.Align = append(out.Align, model.AlignRight)
		default:
			out.Align = append(out.Align, model.AlignNone)
		}
	}
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var row []model.Cell
		for cell := r.FirstChild(); cell != nil; cell = cell.NextSibling() {
			row = append(row, model.Cell{Inlines: trimSpace(c.inlines(cell))})
		}
		if _, ok := r.(*east.TableHeader); ok {
			out.Header = row
		} else {
			out.Rows = append(out.Rows, row)
		}
	}
	return out
}

// trimSpace removes leading and trailing white space and breaks.
func trimSpace(ins []model.Inline) []model.Inline {
	for len(ins) > 0 {
		switch t := ins[0].(type) {
		case *model.LineBreak:
			ins = ins[1:]
			continue
		case *model.Text:
			t.Text = strings.TrimLeft(t.Text, " \t\n")
			if t.Text == "" {
				ins = ins[1:]
				continue
			}
		}
		break
	}
	for len(ins) > 0 {
		switch t := ins[len(ins)-1].(type) {
		case *model.LineBreak:
			ins = ins[:len(ins)-1]
			continue
		case *model.Text:
			t.Text = strings.TrimRight(t.Text, " \t\n")
			if t.Text == "" {
				ins = ins[:len(ins)-1]
				continue
			}
		}
		break
	}
	return ins
}

// extractFigures moves figures out of an inline list (at any depth).
func extractFigures(ins []model.Inline, figs *[]model.Block) []model.Inline {
	out := ins[:0]
	for _, in := range ins {
		if f, ok := in.(*figureInline); ok {
			*figs = append(*figs, f.fig)
			continue
		}
		if d, ok := in.(*displayMath); ok {
			// display math inside emphasis or a link: set inline
			out = append(out, inlineMath(d.math))
			continue
		}
		if c := model.Children(in); c != nil {
			*c = extractFigures(*c, figs)
		}
		out = append(out, in)
	}
	return out
}

// figureInline is a figure met inside inline content, moved out by
// extractFigures. It never leaves this package.
type figureInline struct {
	model.Text
	fig *model.Figure
}

// displayMath is display math met inside a paragraph, set as a block of
// its own by paragraph. It never leaves this package.
type displayMath struct {
	model.Text
	math *model.MathBlock
}

// tableFigures moves the figures out of a table's cells (a print
// column has no room for an image in a cell): each follows the table.
// When the table lays out images (layoutTable), a figure takes as its
// caption the text of its own cell, or else the text of its row
// (sites set an image and its caption side by side in a table). A table
// left without text (a grid of images) is dropped.
func (c *conv) tableFigures(t *model.Table) []model.Block {
	var figs []model.Block
	text := false
	layout := layoutTable(t)
	row := func(r []model.Cell) {
		var mine []model.Block
		for i := range r {
			var own []model.Block
			r[i].Inlines = trimSpace(mergeText(extractFigures(r[i].Inlines, &own)))
			if layout && len(own) == 1 && len(r[i].Inlines) > 0 && len(own[0].(*model.Figure).Caption) == 0 {
				own[0].(*model.Figure).Caption, r[i].Inlines = r[i].Inlines, nil
			}
			mine = append(mine, own...)
		}
		if layout && len(mine) == 1 && len(mine[0].(*model.Figure).Caption) == 0 {
			var rest []model.Inline
			for i := range r {
				rest = joinInlines(rest, r[i].Inlines, " ")
			}
			if n := len(strings.Fields(model.PlainText(rest))); n > 0 && n <= labelledWords {
				setCaption(mine[0].(*model.Figure), rest)
				for i := range r {
					r[i].Inlines = nil
				}
			}
		}
		for i := range r {
			text = text || len(r[i].Inlines) > 0
		}
		figs = append(figs, mine...)
	}
	row(t.Header)
	for _, r := range t.Rows {
		row(r)
	}
	c.markMoved(figs)
	if !text && len(figs) > 0 && len(t.Caption) == 0 {
		return figs
	}
	return append([]model.Block{t}, figs...)
}

// headerIDStart returns where the attributes that may end a heading's
// line begin, with the blanks before them, or -1 if it has none:
// kramdown's header ID ({#id}) and, as pandoc and Hugo write them,
// {#id .class key=value}. It finds what the regular expression
// \s*\{[#.][^{}]*\}\s*$ finds (TestHeaderIDStart), without its
// backtracking from every position of the heading.
func headerIDStart(s string) int {
	e := len(strings.TrimRight(s, blanks)) - 1
	if e < 0 || s[e] != '}' {
		return -1
	}
	// the one brace that can open the attributes: the last before e,
	// with no brace between
	b := strings.LastIndexAny(s[:e], "{}")
	if b < 0 || s[b] != '{' || s[b+1] != '#' && s[b+1] != '.' {
		return -1
	}
	return len(strings.TrimRight(s[:b], blanks))
}

// blanks are the characters \s matches in a Go regular expression.
const blanks = "\t\n\f\r "

// headerID removes a header ID written at the end of a heading: it names
// the heading's anchor on the page, and is no part of its text.
func headerID(ins []model.Inline) []model.Inline {
	if len(ins) == 0 {
		return ins
	}
	if t, ok := ins[len(ins)-1].(*model.Text); ok {
		if i := headerIDStart(t.Text); i >= 0 {
			t.Text = t.Text[:i]
		}
	}
	return ins
}

// layoutTable reports whether a table lays out images rather than data:
// every row that holds anything holds exactly one figure (a table of
// software whose rows have a logo among other rows of text is data).
func layoutTable(t *model.Table) bool {
	any := false
	for _, r := range append([][]model.Cell{t.Header}, t.Rows...) {
		figs, content := 0, false
		for _, cell := range r {
			model.WalkInlines(cell.Inlines, func(in model.Inline) {
				if _, ok := in.(*figureInline); ok {
					figs++
				}
			})
			content = content || len(cell.Inlines) > 0
		}
		if content && figs != 1 {
			return false
		}
		any = any || figs == 1
	}
	return any
}

// definitionList converts a definition list (kramdown's, or Hugo's
// goldmark's): each term a paragraph in bold, each definition its blocks
// set as a quotation, the indented block print gives a definition.
func (c *conv) definitionList(n *east.DefinitionList) []model.Block {
	var out []model.Block
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		pos := model.Pos{Line: c.line(ch)}
		switch ch.(type) {
		case *east.DefinitionTerm:
			if ins := trimSpace(c.inlines(ch)); len(ins) > 0 {
				out = append(out, &model.Paragraph{Pos: pos, Inlines: []model.Inline{&model.Strong{Inlines: ins}}})
			}
		case *east.DefinitionDescription:
			var bs []model.Block
			if ch.FirstChild() != nil && ch.FirstChild().Type() == gast.TypeInline {
				if ins := trimSpace(c.inlines(ch)); len(ins) > 0 {
					bs = []model.Block{&model.Paragraph{Pos: pos, Inlines: ins}}
				}
			} else {
				bs = c.blocks(ch)
			}
			if len(bs) > 0 {
				out = append(out, &model.Quote{Pos: pos, Blocks: bs})
			}
		}
	}
	return out
}

// abbrevDefs matches a paragraph made only of kramdown abbreviation
// definitions (*[HTML]: HyperText Markup Language).
var abbrevDefs = lazy.Regexp(`^(?:[ \t]*\*\[[^\]\n]+\]:[^\n]*(?:\n|$))+$`)
