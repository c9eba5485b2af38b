// Package pdf paints a laid-out edition with fpdf. It is the only package
// that calls fpdf: every position comes from package layout.
package pdf

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

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
// are described in layout.Press and Document.Sheet. Write does not close w.
func Write(w io.Writer, d *layout.Document, fs *fonts.Set, meta Meta) (err error) {
	if d == nil || fs == nil {
		return errors.New("pdf: nil document or font set")
	}
	// fpdf's TrueType parser indexes slices without bounds checks; a font it
	// cannot read must be an error, not a crash.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("pdf: fpdf failed: %v", r)
		}
	}()
	if meta.Date.IsZero() {
		meta.Date = time.Now() // as fpdf would, but once: Info and XMP agree
	}
	p := &painter{d: d, fs: fs, sheet: d.Sheet(), meta: meta}
	p.off = p.sheet.Media.Points()
	return p.paint(w)
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
	cur    string                   // current font family
	curSz  float64
	curFt  *fonts.Font
	pageH  float64 // fpdf's page height, in points

	// Text whose runes fpdf has seen is written by the painter itself
	// (see text); used holds, per font, the runes fpdf has seen, raw the
	// content not yet handed to fpdf.
	used map[*fonts.Font]*runeSet
	raw  []byte
}

// runeSet is a set of BMP runes.
type runeSet [1 << 16 / 64]uint64

// paint writes the whole document on out.
func (p *painter) paint(out io.Writer) error {
	p.open()
	if err := p.registerFonts(); err != nil {
		return err
	}
	if err := p.f.Error(); err != nil {
		return fmt.Errorf("pdf: fonts: %w", err)
	}
	p.press()
	p.destinations()
	p.images = map[string]string{}
	p.placed = placedWidths(p.d)
	p.used = map[*fonts.Font]*runeSet{}
	if err := p.pages(); err != nil {
		return err
	}
	if err := p.f.Output(out); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
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

// destinations makes one fpdf link per anchor that a link on a page
// points to. A PDF/X file gets no links (see press).
func (p *painter) destinations() {
	p.links = map[string]int{}
	if p.d.Press.PDFX {
		return
	}
	where := map[string][2]float64{}
	for _, pg := range p.d.Pages {
		for _, a := range pg.Anchor {
			if _, ok := where[a.Name]; !ok {
				where[a.Name] = [2]float64{float64(pg.Index + 1), a.Y.Points() + p.off}
			}
		}
	}
	for _, pg := range p.d.Pages {
		for _, l := range pg.Links {
			if l.Dest == "" {
				continue
			}
			if _, ok := p.links[l.Dest]; ok {
				continue
			}
			at, ok := where[l.Dest]
			if !ok {
				continue
			}
			id := p.f.AddLink()
			p.f.SetLink(id, at[1], int(at[0]))
			p.links[l.Dest] = id
		}
	}
}

// pages paints every page and the outline entries that point to it.
func (p *painter) pages() error {
	f := p.f
	outline := p.d.Outline
	for _, pg := range p.d.Pages {
		f.AddPage()
		p.cur = ""
		if err := p.page(pg); err != nil {
			return err
		}
		for len(outline) > 0 && outline[0].Page == pg.Index {
			p.setFont(p.fs.Text.Regular, 10)
			f.Bookmark(outline[0].Title, outline[0].Level, outline[0].Y.Points()+p.off)
			outline = outline[1:]
		}
		if err := f.Error(); err != nil {
			return fmt.Errorf("pdf: page %d: %w", pg.Index+1, err)
		}
	}
	if len(p.d.Pages) == 0 {
		f.AddPage()
	}
	return nil
}

// registerFonts embeds the faces of the set that the document uses (the
// regular face too when there is an outline, whose titles are encoded in
// it, or an imprint): fpdf parses and embeds every font it is given, and
// parsing one costs more than painting a short edition. The faces keep the
// set's order. fpdf prints a font it cannot parse to standard output and goes
// on; checking the data first turns that into an error.
func (p *painter) registerFonts() error {
	p.fonts = map[*fonts.Font]string{}
	all := []*fonts.Font{p.fs.Text.Regular, p.fs.Text.Italic, p.fs.Text.Bold, p.fs.Text.BoldItalic, p.fs.Display, p.fs.Mono}
	// The fallback faces are optional and, like the others, embedded
	// only when a run uses them.
	for _, ft := range []*fonts.Font{p.fs.Fallback, p.fs.FallbackBold} {
		if ft != nil {
			all = append(all, ft)
		}
	}
	used := map[*fonts.Font]bool{}
	if len(p.d.Outline) > 0 || p.sheet.HasImprint {
		used[p.fs.Text.Regular] = true
	}
	math := false
	for _, pg := range p.d.Pages {
		for _, ln := range pg.Lines {
			for _, r := range ln.Runs {
				if r.Math != nil {
					math = true
				} else if r.Text != "" {
					used[r.Face.Font(p.fs)] = true
				}
			}
		}
		for _, r := range pg.Marks {
			if r.Text != "" {
				used[r.Face.Font(p.fs)] = true
			}
		}
	}
	for _, ft := range all {
		if ft == nil {
			return errors.New("pdf: incomplete font set")
		}
		if _, ok := p.fonts[ft]; ok {
			continue
		}
		if err := ft.Check(); err != nil {
			return fmt.Errorf("pdf: font %s: %w", ft.Name, err)
		}
		if !used[ft] {
			continue
		}
		name := ft.Name
		p.f.AddUTF8FontFromBytes(name, "", ft.Data)
		if err := p.f.Error(); err != nil {
			return fmt.Errorf("pdf: font %s: %w", ft.Name, err)
		}
		if p.f.GetFontDesc(name, "").Ascent == 0 && p.f.GetFontDesc(name, "").Descent == 0 {
			return fmt.Errorf("pdf: font %s: not loaded", ft.Name)
		}
		p.fonts[ft] = name
	}
	if math {
		// the math face, last, and only in an edition that sets math, so
		// that editions without math keep their bytes
		p.f.AddUTF8FontFromBytes(fonts.MathName, "", fonts.MathData())
		if err := p.f.Error(); err != nil {
			return fmt.Errorf("pdf: font %s: %w", fonts.MathName, err)
		}
	}
	return nil
}

func (p *painter) setFont(ft *fonts.Font, size float64) {
	name := p.fonts[ft]
	if name == p.cur && size == p.curSz {
		return
	}
	p.flush()
	p.f.SetFont(name, "", size)
	p.cur, p.curSz, p.curFt = name, size, ft
}

// text draws s at x, y in the current font. fpdf's Text formats every
// call with fmt and converts and escapes the text through several
// strings; it also records the runes used, for the font subset. So a run
// with a rune fpdf has not seen in this font goes through Text, and every
// other run is gathered in p.raw by fpdf's AppendText, byte for byte as
// Text would write it, until flush.
func (p *painter) text(x, y float64, s string) {
	set := p.used[p.curFt]
	if set == nil {
		set = new(runeSet)
		p.used[p.curFt] = set
	}
	fast := true
	for _, r := range s {
		if r >= 1<<16 || set[r>>6]&(1<<(uint(r)&63)) == 0 {
			fast = false
			break
		}
	}
	if fast {
		var ok bool
		if p.raw, ok = p.f.AppendText(p.raw, x, y, s); ok {
			return
		}
	}
	p.flush()
	p.f.Text(x, y, s)
	for _, r := range s {
		if r < 1<<16 {
			set[r>>6] |= 1 << (uint(r) & 63)
		}
	}
}

// flush hands the text written by the painter to fpdf, before anything
// else is drawn.
func (p *painter) flush() {
	if len(p.raw) == 0 {
		return
	}
	// fpdf ends what it is given with a newline
	p.f.RawWriteStr(string(p.raw[:len(p.raw)-1]))
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
