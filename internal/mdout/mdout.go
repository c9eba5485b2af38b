// Package mdout writes an edition's document model as one pandoc
// Markdown file: the text edition itself set, after it read the posts
// (Liquid rendered, includes and shortcodes turned into figures, HTML
// sanitized, citations resolved, notes numbered). Other tools can then
// be given exactly what edition typesets, as `bench/compare.sh` gives it
// to pandoc, Typst and XeLaTeX.
//
// Each article is a level-1 heading (level 2 under a titled section),
// so pandoc's EPUB has one chapter per article; footnote labels are the
// article's index and the note's number ([^3-12]), unique in the file;
// identifiers are prefixed with "a" and the article's index (a3-h2). Images are referred to
// as DIR/NAME with the stable names the EPUB uses; Write returns them
// for the caller to write. An image edition has no data for (missing,
// or remote and not in the cache) is its alternative text, as the EPUB
// shows it, so no tool fetches anything.
package mdout

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/redtide/edition/internal/lazy"
	"github.com/redtide/edition/internal/model"
)

// Options tune Write.
type Options struct {
	// ImageDir is the folder, relative to the Markdown file, images are
	// referred to in ("images" when empty).
	ImageDir string
}

// Write writes ed to w as pandoc Markdown and returns the images it
// refers to, once each, in order of first use. It does not close w.
func Write(w io.Writer, ed *model.Edition, opt Options) ([]*model.Image, error) {
	bw := bufio.NewWriter(w)
	wr := &writer{dir: opt.ImageDir, seen: map[string]bool{}}
	if wr.dir == "" {
		wr.dir = "images"
	}
	wr.metadata(bw, ed)
	titled := false
	for _, s := range ed.Sections {
		titled = titled || s.Title != ""
	}
	base := 1
	if titled {
		base = 2
	}
	n := 0
	for _, s := range ed.Sections {
		if s.Title != "" {
			fmt.Fprintf(bw, "# %s\n\n", lineStart(escape(s.Title)))
		}
		for _, a := range s.Articles {
			n++
			wr.article(bw, a, n, base)
		}
	}
	if err := bw.Flush(); err != nil {
		return nil, err
	}
	return wr.images, nil
}

// writer holds what one Write collects.
type writer struct {
	dir    string
	images []*model.Image
	seen   map[string]bool
	prefix string // the current article's note label prefix, "3-"
	idPre  string // and its identifier prefix, "a3-" (pandoc's start with a letter)
	base   int    // heading level of the current article's title
	emph   int    // how many emphases the inline being written is in
	strong int    // how many strong emphases
}

// metadata writes the YAML metadata block pandoc reads the title from.
// Its values are Markdown, so they are escaped, then quoted.
func (wr *writer) metadata(w *bufio.Writer, ed *model.Edition) {
	title := ed.Publication
	if ed.Title != "" {
		title += ": " + ed.Title
	}
	fmt.Fprintf(w, "---\ntitle: %s\n", yamlString(escape(title)))
	if ed.Language != "" {
		fmt.Fprintf(w, "lang: %s\n", yamlString(ed.Language))
	}
	if !ed.Date.IsZero() {
		fmt.Fprintf(w, "date: %s\n", yamlString(ed.Date.Format("2006-01-02")))
	}
	if ed.Publisher != "" {
		fmt.Fprintf(w, "publisher: %s\n", yamlString(escape(ed.Publisher)))
	}
	if ed.Rights != "" {
		fmt.Fprintf(w, "rights: %s\n", yamlString(escape(ed.Rights)))
	}
	w.WriteString("---\n\n")
}

// yamlString quotes s as YAML does JSON's strings.
func yamlString(s string) string {
	b, _ := json.Marshal(s) // a string always marshals
	return string(b)
}

// article writes a, the n-th article, with its title at level base.
func (wr *writer) article(w *bufio.Writer, a *model.Article, n, base int) {
	wr.prefix = strconv.Itoa(n) + "-"
	wr.idPre = "a" + wr.prefix
	wr.base = base
	fmt.Fprintf(w, "%s %s%s\n\n", strings.Repeat("#", base), lineStart(escape(a.Title)), attrID(wr.idPre, a.ID))
	if a.Subtitle != "" {
		fmt.Fprintf(w, "*%s*\n\n", escape(a.Subtitle))
	}
	var by []string
	if len(a.Authors) > 0 {
		by = append(by, escape(strings.Join(a.Authors, ", ")))
	}
	if !a.Date.IsZero() {
		by = append(by, a.Date.Format("2006-01-02"))
	}
	if len(by) > 0 {
		fmt.Fprintf(w, "%s\n\n", lineStart(strings.Join(by, " · ")))
	}
	placed := model.BibliographyPlaced(a)
	for _, b := range a.Blocks {
		if _, ok := b.(*model.BibliographyHere); ok && placed {
			wr.bibliography(w, a.Bibliography)
			continue
		}
		w.WriteString(wr.block(b))
	}
	if a.Bibliography != nil && !placed {
		wr.bibliography(w, a.Bibliography)
	}
	refd := referenced(a)
	for _, nt := range a.Notes {
		body := ""
		for _, b := range nt.Blocks {
			body += wr.block(b)
		}
		body = strings.TrimRight(body, "\n")
		if !refd[nt] {
			// A note never referenced is printed after the article, with
			// its number, as edition keeps it; pandoc would drop it.
			fmt.Fprintf(w, "\\[%d\\] %s\n\n", nt.Number, body)
			continue
		}
		if body == "" {
			body = "\\ " // a note with no text still defines its label
		}
		fmt.Fprintf(w, "[^%s%d]: %s\n\n", wr.prefix, nt.Number, indentAfterFirst(body, "    "))
	}
}

// referenced is the set of a's notes that some text refers to.
func referenced(a *model.Article) map[*model.Note]bool {
	refd := map[*model.Note]bool{}
	visit := func(in model.Inline) {
		if r, ok := in.(*model.NoteRef); ok {
			refd[r.Note] = true
		}
	}
	model.WalkInlinesInBlocks(a.Blocks, visit)
	if a.Bibliography != nil {
		for _, e := range a.Bibliography.Entries {
			model.WalkInlines(e.Group, visit)
			model.WalkInlines(e.Inlines, visit)
		}
	}
	for _, n := range a.Notes {
		model.WalkInlinesInBlocks(n.Blocks, visit)
	}
	return refd
}

// bibliography writes the article's list of works, under its heading.
func (wr *writer) bibliography(w *bufio.Writer, b *model.Bibliography) {
	if b == nil {
		return
	}
	if b.Title != "" {
		fmt.Fprintf(w, "%s %s\n\n", strings.Repeat("#", min(wr.base+1, 6)), lineStart(escape(b.Title)))
	}
	var items []string
	start := 1
	flush := func() {
		w.WriteString(listItems(b.Ordered, start, items))
		items = nil
	}
	for _, e := range b.Entries {
		if len(e.Group) > 0 {
			flush()
			fmt.Fprintf(w, "**%s**\n\n", strings.TrimSpace(wr.inlines(e.Group, true)))
		}
		if len(items) == 0 {
			start = e.Number
		}
		// The entry's anchor, for the citations that link to it.
		anchor := ""
		if id := wr.idPre + e.ID; e.ID != "" && safeID().MatchString(id) {
			anchor = "[]{#" + id + "}"
		}
		items = append(items, anchor+strings.TrimSpace(wr.inlines(e.Inlines, false)))
	}
	flush()
}

// block returns b as Markdown, ending in a blank line.
func (wr *writer) block(b model.Block) string {
	switch t := b.(type) {
	case *model.Paragraph:
		s := strings.TrimSpace(wr.inlines(t.Inlines, false))
		if s == "" {
			return ""
		}
		return lineStart(s) + "\n\n"
	case *model.Heading:
		level := min(max(wr.base+t.Level, 1), 6)
		return fmt.Sprintf("%s %s%s\n\n", strings.Repeat("#", level), lineStart(strings.TrimSpace(wr.inlines(t.Inlines, true))), attrID(wr.idPre, t.ID))
	case *model.List:
		return wr.list(t)
	case *model.Quote:
		var sb strings.Builder
		for _, c := range t.Blocks {
			sb.WriteString(wr.block(c))
		}
		body := strings.TrimRight(sb.String(), "\n")
		if body == "" {
			return ""
		}
		return prefixLines(body, "> ", ">") + "\n\n"
	case *model.CodeBlock:
		fence := strings.Repeat("`", max(3, longestRun(t.Text, '`')+1))
		info := ""
		if codeLang().MatchString(t.Language) {
			info = t.Language
		}
		return fence + info + "\n" + t.Text + "\n" + fence + "\n\n"
	case *model.Rule:
		return "* * *\n\n"
	case *model.Figure:
		return wr.figure(t)
	case *model.Table:
		return wr.table(t)
	case *model.MathBlock:
		tex := strings.TrimSpace(blankLines().ReplaceAllString(t.TeX, "\n"))
		if tex == "" || strings.Contains(tex, "$") {
			return wr.block(&model.CodeBlock{Text: t.TeX})
		}
		return "$$" + tex + "$$\n\n"
	}
	return "" // BibliographyHere without a bibliography, and blocks renderers skip
}

var (
	codeLang   = lazy.Regexp(`^[A-Za-z0-9_+#.-]+$`)
	blankLines = lazy.Regexp(`\n[ \t]*\n`)
	safeID     = lazy.Regexp(`^[A-Za-z][A-Za-z0-9_.:-]*$`)
)

// attrID is the attribute block giving a heading the identifier id
// with the article's prefix; "" for none, or one pandoc does not read.
func attrID(prefix, id string) string {
	if id == "" || !safeID().MatchString(prefix+id) {
		return ""
	}
	return " {#" + prefix + id + "}"
}

// list writes a list with each item's blocks indented under its marker.
func (wr *writer) list(l *model.List) string {
	bodies := make([]string, len(l.Items))
	for i, it := range l.Items {
		var body strings.Builder
		for _, b := range it.Blocks {
			body.WriteString(wr.block(b))
		}
		bodies[i] = strings.TrimRight(body.String(), "\n")
	}
	return listItems(l.Ordered, l.Start, bodies)
}

// listItems writes the items' Markdown as a list, numbered from start
// when ordered, each body's lines indented under its marker.
func listItems(ordered bool, start int, bodies []string) string {
	var sb strings.Builder
	n := max(start, 1)
	for _, text := range bodies {
		marker := "-"
		if ordered {
			marker = strconv.Itoa(n) + "."
			n++
		}
		width := max(4, len(marker)+1)
		marker += strings.Repeat(" ", width-len(marker))
		if text == "" {
			text = "\\ " // an empty item stays an item
		}
		sb.WriteString(marker + indentAfterFirst(text, strings.Repeat(" ", width)) + "\n\n")
	}
	return sb.String()
}

// figure writes an image alone in its paragraph, which pandoc makes a
// figure with the caption; an image without data is its alternative
// text and caption.
func (wr *writer) figure(f *model.Figure) string {
	caption := strings.TrimSpace(wr.inlines(f.Caption, false))
	img := f.Image
	if img == nil || img.Data == nil || img.Name == "" {
		alt := ""
		if img != nil && img.Alt != "" {
			alt = "*" + escape(img.Alt) + "*"
		}
		return joinParas(alt, caption)
	}
	if !wr.seen[img.Name] {
		wr.seen[img.Name] = true
		wr.images = append(wr.images, img)
	}
	if caption == "" {
		caption = escape(img.Alt)
	}
	return "![" + caption + "](" + linkDest(wr.dir+"/"+img.Name) + ")\n\n"
}

// joinParas writes each non-empty text as a paragraph.
func joinParas(texts ...string) string {
	var sb strings.Builder
	for _, t := range texts {
		if t != "" {
			sb.WriteString(lineStart(t) + "\n\n")
		}
	}
	return sb.String()
}

// table writes a pipe table; pandoc wants a header row, so a table
// without one gets an empty header.
func (wr *writer) table(t *model.Table) string {
	cols := max(len(t.Align), len(t.Header))
	for _, r := range t.Rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return ""
	}
	row := func(cells []model.Cell) string {
		var sb strings.Builder
		sb.WriteString("|")
		for i := range cols {
			s := ""
			if i < len(cells) {
				s = strings.TrimSpace(wr.inlines(cells[i].Inlines, true))
			}
			sb.WriteString(" " + s + " |")
		}
		return sb.String() + "\n"
	}
	var sb strings.Builder
	sb.WriteString(row(t.Header))
	sb.WriteString("|")
	for i := range cols {
		a := model.AlignNone
		if i < len(t.Align) {
			a = t.Align[i]
		}
		switch a {
		case model.AlignLeft:
			sb.WriteString(":---|")
		case model.AlignCenter:
			sb.WriteString(":---:|")
		case model.AlignRight:
			sb.WriteString("---:|")
		default:
			sb.WriteString("---|")
		}
	}
	sb.WriteString("\n")
	for _, r := range t.Rows {
		sb.WriteString(row(r))
	}
	sb.WriteString("\n")
	if c := strings.TrimSpace(wr.inlines(t.Caption, true)); c != "" {
		sb.WriteString(": " + c + "\n\n")
	}
	return sb.String()
}

// inlines returns ins as Markdown. oneLine (headings, table cells)
// turns hard line breaks into spaces.
func (wr *writer) inlines(ins []model.Inline, oneLine bool) string {
	var sb strings.Builder
	for _, in := range ins {
		wr.inline(&sb, in, oneLine)
	}
	return sb.String()
}

func (wr *writer) inline(sb *strings.Builder, in model.Inline, oneLine bool) {
	switch t := in.(type) {
	case *model.Text:
		sb.WriteString(escape(t.Text))
	case *model.Emph:
		// Emphasis inside emphasis alternates its delimiters: *a _b_ c*
		// (pandoc reads *a *b* c* as two).
		d := [2]string{"*", "_"}[wr.emph%2]
		wr.emph++
		sb.WriteString(delimit(d, wr.inlines(t.Inlines, oneLine)))
		wr.emph--
	case *model.Strong:
		d := [2]string{"**", "__"}[wr.strong%2]
		wr.strong++
		sb.WriteString(delimit(d, wr.inlines(t.Inlines, oneLine)))
		wr.strong--
	case *model.Strike:
		sb.WriteString(delimit("~~", wr.inlines(t.Inlines, oneLine)))
	case *model.Sup:
		sb.WriteString(delimit("^", script(wr.inlines(t.Inlines, true))))
	case *model.Sub:
		sb.WriteString(delimit("~", script(wr.inlines(t.Inlines, true))))
	case *model.SmallCaps:
		sb.WriteString("[" + wr.inlines(t.Inlines, oneLine) + "]{.smallcaps}")
	case *model.Lang:
		sb.WriteString("[" + wr.inlines(t.Inlines, oneLine) + "]{lang=" + strconv.Quote(t.Tag) + "}")
	case *model.Code:
		sb.WriteString(code(t.Text))
	case *model.Link:
		sb.WriteString("[" + wr.inlines(t.Inlines, oneLine) + "](" + linkDest(t.URL) + ")")
	case *model.CiteRef:
		id := ""
		if t.Entry != nil && t.Entry.ID != "" {
			id = wr.idPre + t.Entry.ID
		}
		if !safeID().MatchString(id) {
			sb.WriteString(wr.inlines(t.Inlines, oneLine))
			return
		}
		sb.WriteString("[" + wr.inlines(t.Inlines, oneLine) + "](#" + id + ")")
	case *model.Math:
		tex := strings.TrimSpace(strings.Join(strings.Fields(t.TeX), " "))
		if tex == "" || strings.Contains(tex, "$") {
			sb.WriteString(code(t.TeX))
			return
		}
		sb.WriteString("$" + tex + "$")
	case *model.LineBreak:
		if oneLine {
			sb.WriteString(" ")
		} else {
			sb.WriteString("\\\n")
		}
	case *model.NoteRef:
		if t.Note != nil {
			fmt.Fprintf(sb, "[^%s%d]", wr.prefix, t.Note.Number)
		}
	case *model.Cite:
		// Edition resolves every citation before renderers see it; one
		// left is printed as written.
		sb.WriteString(escape(t.Source))
	}
}

// delimit puts delimiters around s, outside its leading and trailing
// spaces (emphasis cannot open before a space); nothing for empty s.
func delimit(d, s string) string {
	inner := strings.TrimSpace(s)
	if inner == "" {
		return s
	}
	i := strings.Index(s, inner)
	return s[:i] + d + inner + d + s[i+len(inner):]
}

// script escapes the spaces of super- and subscripts, which pandoc
// otherwise reads as their end.
func script(s string) string {
	return strings.ReplaceAll(s, " ", "\\ ")
}

// code writes inline code with a fence of backticks longer than any run
// inside it.
func code(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if s == "" {
		return ""
	}
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// linkDest writes a link's destination with the characters that would
// end it percent-encoded.
func linkDest(u string) string {
	return destEscaper.Replace(u)
}

var destEscaper = strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E", "\n", "%0A", "\\", "%5C", `"`, "%22")

func longestRun(s string, c byte) int {
	best, n := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			n++
			best = max(best, n)
		} else {
			n = 0
		}
	}
	return best
}

// escape writes plain text so that pandoc's Markdown reads it back as
// the same text: every character that can start markup is
// backslash-escaped (pandoc's all_symbols_escapable), straight quotes
// too (so its smart extension leaves them), and the -- and ... it would
// make dashes and ellipses of. Line ends become spaces.
func escape(s string) string {
	var sb strings.Builder
	sb.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '$', '^', '~', '@', '#', '|', '&', '\'', '"', '{', '}':
			sb.WriteByte('\\')
		case '-':
			if i+1 < len(s) && s[i+1] == '-' {
				sb.WriteByte('\\')
			}
		case '.':
			if strings.HasPrefix(s[i:], "...") {
				sb.WriteByte('\\')
			}
		case '\n', '\r', '\t':
			c = ' '
		}
		sb.WriteByte(c)
	}
	return sb.String()
}

// listLike matches what, at the start of a paragraph, pandoc reads as a
// list marker or a block: "1.", "a)", "iv.", "(2)", "#.", "- ", "+ ",
// "= ", ": " and "%" (a title block).
var listLike = lazy.Regexp(`^(?:\(?(?:[0-9]+|[A-Za-z]|[ivxlcdmIVXLCDM]+|#)[.)]|[-+=:%](?:\s|$))`)

// lineStart escapes what would make the first line of a paragraph
// something else: a list marker, a definition or a title block.
func lineStart(s string) string {
	s = strings.TrimLeft(s, " ")
	m := listLike().FindStringIndex(s)
	if m == nil {
		return s
	}
	for i := 0; i < m[1]; i++ {
		if strings.IndexByte(".)(-+=:%", s[i]) >= 0 {
			return s[:i] + "\\" + s[i:]
		}
	}
	return s
}

// indentAfterFirst indents every line of s but the first by ind (blank
// lines stay empty).
func indentAfterFirst(s, ind string) string {
	lines := strings.Split(s, "\n")
	for i := 1; i < len(lines); i++ {
		if lines[i] != "" {
			lines[i] = ind + lines[i]
		}
	}
	return strings.Join(lines, "\n")
}

// prefixLines prefixes each line of s with p, and blank lines with
// blank.
func prefixLines(s, p, blank string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l == "" {
			lines[i] = blank
		} else {
			lines[i] = p + l
		}
	}
	return strings.Join(lines, "\n")
}
