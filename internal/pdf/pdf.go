// Package pdf paints a laid-out edition with fpdf. It is the only package
// that calls fpdf: every position comes from package layout.
package pdf

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/layout"
)

// Meta is the document information of the PDF.
type Meta struct {
	Title    string
	Author   string // e.g. the editors, comma-separated
	Subject  string
	Keywords []string
	Creator  string    // application that made the source; "edition" when empty
	Date     time.Time // creation and modification date; fixed for reproducible output
	// Imprint is the slug's line before the page number ("The Red Tide ·
	// Vol. 3, No. 12 · 2026-11-25"); printed when the document asks for
	// an imprint (layout.Press).
	Imprint string
}

// Write paints d as a PDF on w. Fonts are embedded and subset; the output
// depends only on its inputs (fixed dates, sorted catalog, compressed
// streams, page boxes in a fixed order), so two runs give identical bytes.
// The print-shop settings of d (crop marks, imprint, PDF/X, grayscale)
// are described in layout.Press and Document.Sheet. The file is written
// on w as it is made (fpdf's SpillPages): after an error w may hold part
// of it. Write does not close w.
func Write(w io.Writer, d *layout.Document, fs *fonts.Set, meta Meta) error {
	if d == nil || fs == nil {
		return errors.New("pdf: nil document or font set")
	}
	marked := map[int]bool{}
	for _, b := range d.Outline {
		marked[b.Page] = true
	}
	pw, err := NewWriter(w, d, fs, meta)
	if err != nil {
		return err
	}
	pw.p.placed = placedWidths(d)
	for _, pg := range d.Pages {
		if err := pw.Page(layout.StreamPage{Page: pg, Bookmarked: marked[pg.Index]}); err != nil {
			return err
		}
	}
	return pw.Close(d.Outline)
}

// Writer paints the pages of a streamed layout (layout.Stream) as they
// come and writes each page's compressed content on its io.Writer as
// soon as the page is final (fpdf's SpillPages): of a page it keeps only
// what its page object needs (its links, the offset of its content), and
// the content of the drafts until they come again. The output holds the
// same objects as Write's of the whole document, under the same
// numbers; only the contents of the drafts come later in the file. It
// does not close its io.Writer.
type Writer struct {
	p   *painter
	out io.Writer
	err error
	// held are the drafts painted, by page index: where their content
	// starts and ends, to paint them again when they come final.
	held map[int][2]fpdf.PageState
	n    int // pages painted
}

// NewWriter starts the PDF of document d, whose pages are not known yet
// (d.Pages is not read): its sizes, press settings and the fonts.
func NewWriter(w io.Writer, d *layout.Document, fs *fonts.Set, meta Meta) (pw *Writer, err error) {
	if d == nil || fs == nil {
		return nil, errors.New("pdf: nil document or font set")
	}
	defer recoverFpdf(&err)
	if meta.Date.IsZero() {
		meta.Date = time.Now() // as fpdf would, but once: Info and XMP agree
	}
	p := &painter{d: d, fs: fs, sheet: d.Sheet(), meta: meta}
	p.off = p.sheet.Media.Points()
	p.open()
	p.f.SpillPages(w)
	if err := p.checkFonts(); err != nil {
		return nil, err
	}
	p.press()
	if err := p.f.Error(); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	p.links = map[string]int{}
	p.anchored = map[string]bool{}
	p.images = map[string]string{}
	p.registered = map[string]layout.Length{}
	p.widest = map[string]layout.ImageBox{}
	p.used = map[*fonts.Font]*runeSet{}
	return &Writer{p: p, out: w, held: map[int][2]fpdf.PageState{}}, nil
}

// recoverFpdf turns a panic of fpdf into an error: its TrueType parser
// indexes slices without bounds checks, and a font it cannot read must
// be an error, not a crash.
func recoverFpdf(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("pdf: fpdf failed: %v", r)
	}
}

// Page paints a page of the layout: the next one, or a draft painted
// before that comes final.
func (pw *Writer) Page(sp layout.StreamPage) (err error) {
	if pw.err != nil {
		return pw.err
	}
	defer func() {
		recoverFpdf(&err)
		pw.err = err
	}()
	p, f, pg := pw.p, pw.p.f, sp.Page
	if pg == nil {
		return errors.New("pdf: nil page")
	}
	if at, ok := pw.held[pg.Index]; ok && !sp.Draft {
		delete(pw.held, pg.Index)
		cur, sz, ft := p.cur, p.curSz, p.curFt
		var perr error
		if err := f.Repaint(at[0], at[1], func() { perr = p.content(pg, sp.Bookmarked) }); err != nil {
			return fmt.Errorf("pdf: page %d: %w", pg.Index+1, err)
		}
		p.cur, p.curSz, p.curFt = cur, sz, ft
		return perr
	}
	if pg.Index != pw.n {
		return fmt.Errorf("pdf: page %d comes after page %d", pg.Index+1, pw.n)
	}
	f.AddPage()
	if pw.n > 0 {
		if _, ok := pw.held[pw.n-1]; !ok {
			f.PackPage(pw.n) // the page before, finished (1-based)
		}
	}
	pw.n++
	from := f.PageState()
	p.destinations(pg)
	if err := p.content(pg, sp.Bookmarked); err != nil {
		return err
	}
	p.pageLinks(pg)
	if sp.Draft {
		pw.held[pg.Index] = [2]fpdf.PageState{from, f.PageState()}
	}
	if err := f.Error(); err != nil {
		return fmt.Errorf("pdf: page %d: %w", pg.Index+1, err)
	}
	return nil
}

// Close adds the outline, drops the links whose destination no page
// holds, and writes the PDF.
func (pw *Writer) Close(outline []layout.Bookmark) (err error) {
	if pw.err != nil {
		return pw.err
	}
	defer recoverFpdf(&err)
	p, f := pw.p, pw.p.f
	if len(pw.held) > 0 {
		return errors.New("pdf: a draft page never came final")
	}
	if pw.n == 0 {
		f.AddPage()
	}
	for _, b := range outline {
		f.BookmarkOn(b.Page+1, b.Title, b.Level, b.Y.Points()+p.off)
	}
	f.DropLinks(func(id int) bool { return !p.anchored[p.dests[id]] })
	if err := p.reimage(); err != nil {
		return err
	}
	if err := f.Output(pw.out); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}

type painter struct {
	d      *layout.Document
	fs     *fonts.Set
	f      *fpdf.Fpdf
	meta   Meta
	sheet  layout.Sheet
	off    float64                  // from the media box's corner to the trim's, in points
	fonts  map[*fonts.Font]string   // registered family name
	links  map[string]int           // anchor name → fpdf link
	images map[string]string        // image name → registered name
	placed map[string]layout.Length // image name → widest placed width
	dests  map[int]string           // fpdf link → anchor name
	// anchored are the anchors whose page and position fpdf knows (the
	// first of each name, in page order)
	anchored map[string]bool
	// registered is the width each image was registered for, widest the
	// widest box it is placed in (see reimage); placed, when the pages
	// are known beforehand (Write), the widest placed width.
	registered map[string]layout.Length
	widest     map[string]layout.ImageBox
	err        error  // of registering a font, which setFont cannot return
	cur        string // current font family
	curSz      float64
	curFt      *fonts.Font
	pageH      float64 // fpdf's page height, in points

	// Text whose runes fpdf has seen is written by the painter itself
	// (see text); used holds, per font, the runes fpdf has seen, raw the
	// content not yet handed to fpdf, textObj its open text object.
	// set is used[setFt], kept for the runs that follow in the same font.
	used    map[*fonts.Font]*runeSet
	set     *runeSet
	setFt   *fonts.Font
	raw     []byte
	textObj fpdf.TextObject
}

// runeSet is a set of BMP runes; ascii has its ASCII runes again, as
// bytes, for text to test a run of ASCII a byte at a time with one load
// each (no byte of 0x80 or more is in it, so that other runs fail).
type runeSet struct {
	bits  [1 << 16 / 64]uint64
	ascii [256]bool
}

// has reports whether every rune of s is in the set. (Small enough to be
// inlined; reading four bytes a step was not, and cost more.)
func (set *runeSet) has(s string) bool {
	for i := 0; i < len(s); i++ {
		if !set.ascii[s[i]] {
			return set.hasRunes(s[i:])
		}
	}
	return true
}

// hasRunes is has for s not all ASCII.
func (set *runeSet) hasRunes(s string) bool {
	for _, r := range s {
		if r >= 1<<16 || set.bits[r>>6]&(1<<(uint(r)&63)) == 0 {
			return false
		}
	}
	return true
}

// add puts the BMP runes of s in the set.
func (set *runeSet) add(s string) {
	for _, r := range s {
		if r < 1<<16 {
			set.bits[r>>6] |= 1 << (uint(r) & 63)
			if r < utf8.RuneSelf {
				set.ascii[r] = true
			}
		}
	}
}

// open creates the fpdf document: the media box of every page, its trim
// and bleed boxes, the document information.
func (p *painter) open() {
	d, meta := p.d, p.meta
	tw, th := d.Width.Points(), d.Height.Points()
	w, h := tw+2*p.off, th+2*p.off
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "pt", Size: fpdf.SizeType{Wd: w, Ht: h}})
	p.f = f
	f.SetCatalogSort(true)
	f.SetCreationDate(meta.Date)
	f.SetModificationDate(meta.Date)
	f.SetFileID()
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	f.SetTitle(meta.Title, true)
	f.SetAuthor(meta.Author, true)
	f.SetSubject(meta.Subject, true)
	f.SetKeywords(strings.Join(meta.Keywords, ", "), true)
	f.SetCreator(p.creator(), true)
	f.SetProducer(producer, true)
	if p.off > 0 || d.Press.PDFX {
		// Set before the first page: fpdf copies these defaults to every
		// page. TrimBox ⊂ BleedBox ⊂ MediaBox.
		b := p.sheet.Bleed.Points()
		f.SetPageBox("trim", p.off, p.off, tw, th)
		f.SetPageBox("bleed", p.off-b, p.off-b, tw+2*b, th+2*b)
	}
}

// producer names the program in the document information and the XMP.
const producer = "edition (go-pdf/fpdf)"

func (p *painter) creator() string {
	if p.meta.Creator == "" {
		return "edition"
	}
	return p.meta.Creator
}

// destinations tells fpdf where the anchors of a page are, the first of
// each name in page order. A PDF/X file gets no links (see press).
func (p *painter) destinations(pg *layout.Page) {
	if p.d.Press.PDFX {
		return
	}
	for _, a := range pg.Anchor {
		if !p.anchored[a.Name] {
			p.anchored[a.Name] = true
			p.f.SetLink(p.link(a.Name), a.Y.Points()+p.off, pg.Index+1)
		}
	}
}

// link is the fpdf link to an anchor, made at its first use: a link on a
// page may point to a later page; one whose anchor never comes is
// dropped at the end (Close).
func (p *painter) link(dest string) int {
	if id, ok := p.links[dest]; ok {
		return id
	}
	id := p.f.AddLink()
	p.links[dest] = id
	if p.dests == nil {
		p.dests = map[int]string{}
	}
	p.dests[id] = dest
	return id
}

// content paints a page (page) and, when entries of the outline point to
// it, selects the font their titles are encoded in, as fpdf's Bookmark
// wants (the entries themselves are added at the end).
func (p *painter) content(pg *layout.Page, bookmarked bool) error {
	p.cur = ""
	if err := p.page(pg); err != nil {
		return err
	}
	if bookmarked {
		p.setFont(p.fs.Text.Regular, 10)
	}
	if p.err != nil {
		return p.err
	}
	if err := p.f.Error(); err != nil {
		return fmt.Errorf("pdf: page %d: %w", pg.Index+1, err)
	}
	return nil
}

// checkFonts checks every face of the set before any is used: fpdf
// prints a font it cannot parse to standard output and goes on; checking
// the data first turns that into an error.
func (p *painter) checkFonts() error {
	p.fonts = map[*fonts.Font]string{}
	all := []*fonts.Font{p.fs.Text.Regular, p.fs.Text.Italic, p.fs.Text.Bold, p.fs.Text.BoldItalic, p.fs.Display, p.fs.Mono}
	for _, ft := range []*fonts.Font{p.fs.Fallback, p.fs.FallbackBold} {
		if ft != nil {
			all = append(all, ft)
		}
	}
	for _, ft := range all {
		if ft == nil {
			return errors.New("pdf: incomplete font set")
		}
		if err := ft.Check(); err != nil {
			return fmt.Errorf("pdf: font %s: %w", ft.Name, err)
		}
	}
	return p.f.Error()
}

// mathFont registers the math face at the first formula painted, as
// register does any face, so that an edition without math never embeds it
// and keeps its bytes.
func (p *painter) mathFont() error {
	ft, err := fonts.Math()
	if err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	_, err = p.register(ft)
	return err
}

// register embeds a face at its first use: fpdf parses and embeds every
// font it is given, and parsing one costs more than painting a short
// edition, so a face no run uses is left out.
func (p *painter) register(ft *fonts.Font) (string, error) {
	if name, ok := p.fonts[ft]; ok {
		return name, nil
	}
	if ft == nil {
		return "", errors.New("pdf: incomplete font set")
	}
	name := ft.Name
	p.f.AddUTF8FontFromBytes(name, "", ft.Data)
	if err := p.f.Error(); err != nil {
		return "", fmt.Errorf("pdf: font %s: %w", ft.Name, err)
	}
	if p.f.GetFontDesc(name, "").Ascent == 0 && p.f.GetFontDesc(name, "").Descent == 0 {
		return "", fmt.Errorf("pdf: font %s: not loaded", ft.Name)
	}
	p.fonts[ft] = name
	return name, nil
}

func (p *painter) setFont(ft *fonts.Font, size float64) {
	if ft == p.curFt && size == p.curSz && p.cur != "" {
		// most runs: the font of the run before (p.cur, when set, is
		// the name register gave p.curFt), without a map lookup
		return
	}
	name, err := p.register(ft)
	if err != nil {
		if p.err == nil {
			p.err = err
		}
		return
	}
	if name == p.cur && size == p.curSz {
		return
	}
	p.flush()
	p.f.SetFont(name, "", size)
	p.cur, p.curSz, p.curFt = name, size, ft
}

// text draws s at x, y in the current font. fpdf's Text formats every
// call with fmt and converts and escapes the text through several
// strings, and records the runes used, for the font subset, in a map. So
// the painter records a run's runes with fpdf (UseRunes) only when one
// is new to the font, and gathers the run in p.raw by fpdf's AppendTextIn,
// at the very point Text would place it, in one text object with the
// runs before it until flush (a font, a rule or an image ends it). What
// AppendTextIn declines goes through Text. Whether a run continues the
// text object thus never depends on the runes drawn before it, so a page
// painted again (a draft) is painted as it would have been at first.
func (p *painter) text(x, y float64, s string) {
	if p.set == nil || p.setFt != p.curFt {
		set := p.used[p.curFt]
		if set == nil {
			set = new(runeSet)
			p.used[p.curFt] = set
		}
		p.set, p.setFt = set, p.curFt
	}
	if !p.set.has(s) {
		p.f.UseRunes(s)
		p.set.add(s)
	}
	var ok bool
	if p.raw, ok = p.f.AppendTextIn(p.raw, &p.textObj, x, y, s); ok {
		return
	}
	p.flush()
	p.f.Text(x, y, s)
}

// flush closes the painter's text object and hands the text it wrote to
// fpdf, before anything else is drawn.
func (p *painter) flush() {
	p.raw = p.textObj.End(p.raw)
	if len(p.raw) == 0 {
		return
	}
	// fpdf ends what it is given with a newline
	p.f.RawWriteBytes(p.raw[:len(p.raw)-1])
	p.raw = p.raw[:0]
}

// MetaFor derives the document information from an edition: the title is
// the publication and issue, the authors are the editors, the keywords the
// articles' tags in first-seen order, the date the edition's date; the
// imprint is the publication, the issue and the date.
func MetaFor(ed *model.Edition) Meta {
	title := ed.Publication
	if ed.Title != "" && ed.Title != title {
		if title != "" {
			title += " — "
		}
		title += ed.Title
	}
	if issue := model.IssueLabel(ed); issue != "" {
		title += " (" + issue + ")"
	}
	kw := model.Distinct(ed, func(a *model.Article) []string { return a.Tags })
	var imprint []string
	for _, s := range []string{ed.Publication, model.IssueLabel(ed)} {
		if s != "" {
			imprint = append(imprint, s)
		}
	}
	if !ed.Date.IsZero() {
		imprint = append(imprint, ed.Date.Format(time.DateOnly))
	}
	return Meta{Title: title, Author: strings.Join(ed.Editors, ", "), Subject: ed.Description, Keywords: kw, Date: ed.Date,
		Imprint: strings.Join(imprint, " · ")}
}
