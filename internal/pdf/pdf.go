// Package pdf paints a laid-out edition with fpdf. It is the only package
// that calls fpdf: every position comes from package layout.
package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // decoders for re-encoding PNG and GIF figures
	_ "image/jpeg"
	"image/png"
	"io"
	"regexp"
	"strconv"
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
}

// Write paints d as a PDF on w. Fonts are embedded and subset; the output
// depends only on its inputs (fixed dates, sorted catalog, compressed
// streams, page boxes in a fixed order), so two runs give identical bytes.
// Write does not close w.
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
	p := &painter{d: d, fs: fs, bleed: d.Bleed.Points()}
	var buf bytes.Buffer
	if err := p.paint(&buf, meta); err != nil {
		return err
	}
	names := map[string]string{}
	for _, name := range p.fonts {
		names[strings.ToLower(name)] = name
	}
	out, err := finish(buf.Bytes(), names)
	if err != nil {
		return fmt.Errorf("pdf: rewriting fpdf's output: %w", err)
	}
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}

type painter struct {
	d      *layout.Document
	fs     *fonts.Set
	f      *fpdf.Fpdf
	bleed  float64
	fonts  map[*fonts.Font]string   // registered family name
	links  map[string]int           // anchor name → fpdf link
	images map[string]string        // image name → registered name
	byData map[[32]byte]string      // image bytes → registered name (fpdf keys images by their bytes)
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

func (p *painter) paint(out io.Writer, meta Meta) error {
	d := p.d
	w := d.Width.Points() + 2*p.bleed
	h := d.Height.Points() + 2*p.bleed
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "pt", Size: fpdf.SizeType{Wd: w, Ht: h}})
	p.f = f
	f.SetCompression(false) // finish compresses the pages, on all cores
	f.SetCatalogSort(true)
	f.SetCreationDate(meta.Date)
	f.SetModificationDate(meta.Date)
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	f.SetTitle(meta.Title, true)
	f.SetAuthor(meta.Author, true)
	f.SetSubject(meta.Subject, true)
	f.SetKeywords(strings.Join(meta.Keywords, ", "), true)
	creator := meta.Creator
	if creator == "" {
		creator = "edition"
	}
	f.SetCreator(creator, true)
	f.SetProducer("edition (go-pdf/fpdf)", true)
	if p.bleed > 0 {
		// Set before the first page: fpdf copies these defaults to every page.
		f.SetPageBox("trim", p.bleed, p.bleed, d.Width.Points(), d.Height.Points())
		f.SetPageBox("bleed", 0, 0, w, h)
	}
	if err := p.registerFonts(); err != nil {
		return err
	}
	if err := f.Error(); err != nil {
		return fmt.Errorf("pdf: fonts: %w", err)
	}

	// Internal destinations: one fpdf link per anchor that is a target.
	p.links = map[string]int{}
	where := map[string][2]float64{}
	for _, pg := range d.Pages {
		for _, a := range pg.Anchor {
			if _, ok := where[a.Name]; !ok {
				where[a.Name] = [2]float64{float64(pg.Index + 1), a.Y.Points() + p.bleed}
			}
		}
	}
	for _, pg := range d.Pages {
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
			id := f.AddLink()
			f.SetLink(id, at[1], int(at[0]))
			p.links[l.Dest] = id
		}
	}

	p.images = map[string]string{}
	p.placed = placedWidths(d)
	p.used = map[*fonts.Font]*runeSet{}
	outline := d.Outline
	for _, pg := range d.Pages {
		f.AddPage()
		p.cur = ""
		if err := p.page(pg); err != nil {
			return err
		}
		for len(outline) > 0 && outline[0].Page == pg.Index {
			p.setFont(p.fs.Text.Regular, 10)
			f.Bookmark(outline[0].Title, outline[0].Level, outline[0].Y.Points()+p.bleed)
			outline = outline[1:]
		}
		if err := f.Error(); err != nil {
			return fmt.Errorf("pdf: page %d: %w", pg.Index+1, err)
		}
	}
	if len(d.Pages) == 0 {
		f.AddPage()
	}
	if err := f.Output(out); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}

// registerFonts embeds the faces of the set that the document uses (the
// regular face too when there is an outline, whose titles are encoded in
// it): fpdf parses and embeds every font it is given, and parsing one
// costs more than painting a short edition. The faces keep the set's
// order. fpdf prints a font it cannot parse to standard output and goes
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
	if len(p.d.Outline) > 0 {
		used[p.fs.Text.Regular] = true
	}
	for _, pg := range p.d.Pages {
		for _, ln := range pg.Lines {
			for _, r := range ln.Runs {
				if r.Text != "" {
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
		if err := checkFont(ft); err != nil {
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
	return nil
}

// checkFont accepts what fpdf's UTF-8 font support can read: a TrueType
// (glyf) font, not OpenType/CFF or a collection, with the tables it uses.
func checkFont(ft *fonts.Font) error {
	b := ft.Data
	if len(b) < 12 {
		return errors.New("not a TrueType font")
	}
	switch string(b[:4]) {
	case "\x00\x01\x00\x00", "true":
	default:
		return errors.New("not a TrueType (glyf) font")
	}
	n := int(b[4])<<8 | int(b[5])
	if len(b) < 12+16*n {
		return errors.New("truncated table directory")
	}
	need := map[string]bool{"head": false, "hhea": false, "hmtx": false, "maxp": false, "cmap": false, "glyf": false, "loca": false, "post": false, "name": false, "OS/2": false}
	for i := 0; i < n; i++ {
		rec := b[12+16*i:]
		tag := string(rec[:4])
		off := int(rec[8])<<24 | int(rec[9])<<16 | int(rec[10])<<8 | int(rec[11])
		ln := int(rec[12])<<24 | int(rec[13])<<16 | int(rec[14])<<8 | int(rec[15])
		if _, ok := need[tag]; ok {
			if off < 0 || ln < 0 || off+ln > len(b) {
				return fmt.Errorf("table %s out of range", tag)
			}
			need[tag] = true
		}
	}
	for _, tag := range []string{"head", "hhea", "hmtx", "maxp", "cmap", "glyf", "loca", "post", "name", "OS/2"} {
		if !need[tag] {
			return fmt.Errorf("missing %s table", tag)
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
// other run is written here, byte for byte as Text would write it:
// "BT x y Td (UTF-16BE, escaped) Tj ET" with %.2f coordinates (fpdf's
// unit is the point, k = 1).
func (p *painter) text(x, y float64, s string) {
	set := p.used[p.curFt]
	if set == nil {
		set = new(runeSet)
		p.used[p.curFt] = set
	}
	fast := utf8.ValidString(s)
	for _, r := range s {
		if r >= 1<<16 || set[r>>6]&(1<<(uint(r)&63)) == 0 {
			fast = false
			break
		}
	}
	if !fast {
		p.flush()
		p.f.Text(x, y, s)
		for _, r := range s {
			if r < 1<<16 {
				set[r>>6] |= 1 << (uint(r) & 63)
			}
		}
		return
	}
	b := append(p.raw, "BT "...)
	b = strconv.AppendFloat(b, x, 'f', 2, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, p.pageH-y, 'f', 2, 64)
	b = append(b, " Td ("...)
	for _, r := range s {
		b = appendEscaped(b, byte(r>>8))
		b = appendEscaped(b, byte(r))
	}
	p.raw = append(b, ") Tj ET\n"...)
}

// appendEscaped appends a byte of a PDF string as fpdf's escape does.
func appendEscaped(b []byte, c byte) []byte {
	switch c {
	case '\\', '(', ')':
		return append(b, '\\', c)
	case '\r':
		return append(b, '\\', 'r')
	}
	return append(b, c)
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

func (p *painter) page(pg *layout.Page) error {
	f := p.f
	b := p.bleed
	_, p.pageH = f.GetPageSize()
	f.SetFillColor(0, 0, 0)
	for _, r := range pg.Rules {
		f.Rect(r.X.Points()+b, r.Y.Points()+b, r.W.Points(), r.H.Points(), "F")
	}
	for _, im := range pg.Images {
		name, opt, err := p.image(im)
		if err != nil {
			return fmt.Errorf("pdf: page %d: %w", pg.Index+1, err)
		}
		f.ImageOptions(name, im.X.Points()+b, im.Y.Points()+b, im.W.Points(), im.H.Points(), false, opt, 0, "")
	}
	for _, ln := range pg.Lines {
		for _, r := range ln.Runs {
			if r.Text == "" {
				continue
			}
			ft := r.Face.Font(p.fs)
			size := r.Size.Points()
			p.setFont(ft, size)
			p.text(r.X.Points()+b, r.Y.Points()+b, r.Text)
			if r.Strike {
				p.flush()
				th := size / 18
				f.Rect(r.X.Points()+b, r.Y.Points()+b-size*0.28, r.Width.Points(), th, "F")
			}
		}
	}
	// marks last: text extraction in content order then reads the
	// lines whole
	for _, r := range pg.Marks {
		if r.Text != "" {
			p.setFont(r.Face.Font(p.fs), r.Size.Points())
			p.text(r.X.Points()+b, r.Y.Points()+b, r.Text)
		}
	}
	p.flush()
	for _, l := range pg.Links {
		x, y, w, h := l.X.Points()+b, l.Y.Points()+b, l.W.Points(), l.H.Points()
		switch {
		case l.URL != "":
			f.LinkString(x, y, w, h, l.URL)
		case l.Dest != "":
			if id, ok := p.links[l.Dest]; ok {
				f.Link(x, y, w, h, id)
			}
		}
	}
	if p.d.CropMarks && b > 0 {
		p.cropMarks()
	}
	return nil
}

// cropMarks draws the trim corners in the bleed area, offset from the trim
// so they do not print on the page.
func (p *painter) cropMarks() {
	f := p.f
	b := p.bleed
	off := min(3.0, b/3)
	ln := b - off
	if ln <= 0 {
		return
	}
	tw, th := p.d.Width.Points(), p.d.Height.Points()
	f.SetDrawColor(0, 0, 0)
	f.SetLineWidth(0.25)
	for _, x := range []float64{b, b + tw} {
		for _, y := range []float64{b, b + th} {
			dx, dy := -1.0, -1.0
			if x > b {
				dx = 1
			}
			if y > b {
				dy = 1
			}
			f.Line(x+dx*off, y, x+dx*(off+ln), y) // horizontal mark
			f.Line(x, y+dy*off, x, y+dy*(off+ln)) // vertical mark
		}
	}
}

// image registers a figure once. PNG and GIF are re-encoded as plain 8-bit
// non-interlaced PNG, which fpdf reads in every variant; JPEG passes through.
func (p *painter) image(im layout.ImageBox) (string, fpdf.ImageOptions, error) {
	img := im.Image
	key := img.Name
	if key == "" {
		key = img.Path
	}
	opt := fpdf.ImageOptions{ReadDpi: false}
	if img.MediaType == "image/jpeg" {
		opt.ImageType = "JPG"
	} else {
		opt.ImageType = "PNG"
	}
	if name, ok := p.images[key]; ok {
		return name, opt, nil
	}
	name := fmt.Sprintf("img%d", len(p.images)+1)
	data := img.Data
	if !p.d.KeepImageResolution {
		var err error
		if data, err = downsample(img, p.placed[key]); err != nil {
			return "", opt, fmt.Errorf("image %s: %w", img.Path, err)
		}
	}
	switch img.MediaType {
	case "image/jpeg":
		if _, _, err := image.DecodeConfig(bytes.NewReader(data)); err != nil {
			return "", opt, fmt.Errorf("image %s: %w", img.Path, err)
		}
	default:
		if plainPNG(data) {
			break // fpdf reads it as it is
		}
		m, _, err := image.Decode(bytes.NewReader(data))
		if err != nil {
			return "", opt, fmt.Errorf("image %s: %w", img.Path, err)
		}
		var buf bytes.Buffer
		if err := png.Encode(&buf, toNRGBA(m)); err != nil {
			return "", opt, fmt.Errorf("image %s: %w", img.Path, err)
		}
		data = buf.Bytes()
	}
	// two images with the same bytes (one picture under two names) are one
	// XObject: fpdf would list its key twice in the page resources
	sum := sha256.Sum256(data)
	if p.byData == nil {
		p.byData = map[[32]byte]string{}
	}
	if same, ok := p.byData[sum]; ok {
		p.images[key] = same
		return same, opt, nil
	}
	p.f.RegisterImageOptionsReader(name, opt, bytes.NewReader(data))
	if err := p.f.Error(); err != nil {
		return "", opt, fmt.Errorf("image %s: %w", img.Path, err)
	}
	p.images[key] = name
	p.byData[sum] = name
	return name, opt, nil
}

// plainPNG reports a PNG that fpdf embeds as it is and that re-encoding
// would not change in kind: 8-bit grey or RGB, not interlaced, without
// transparency, whose image data inflates to the size its header gives.
// Re-encoding such a file (decode, convert, deflate) was most of the time
// spent painting an edition with a few figures.
func plainPNG(data []byte) bool {
	const sig = "\x89PNG\r\n\x1a\n"
	if len(data) < len(sig)+8+13 || string(data[:len(sig)]) != sig {
		return false
	}
	var idat bytes.Buffer
	var w, h, channels int
	for b := data[len(sig):]; ; {
		if len(b) < 12 {
			return false
		}
		n := int(binary.BigEndian.Uint32(b))
		typ := string(b[4:8])
		if n < 0 || n > len(b)-12 {
			return false
		}
		body := b[8 : 8+n]
		switch typ {
		case "IHDR":
			if n != 13 {
				return false
			}
			w, h = int(binary.BigEndian.Uint32(body)), int(binary.BigEndian.Uint32(body[4:]))
			depth, ct, comp, filter, inter := body[8], body[9], body[10], body[11], body[12]
			if depth != 8 || comp != 0 || filter != 0 || inter != 0 || w <= 0 || h <= 0 || w > 1<<14 || h > 1<<14 {
				return false
			}
			switch ct {
			case 0:
				channels = 1
			case 2:
				channels = 3
			default:
				return false
			}
		case "tRNS":
			return false
		case "IDAT":
			idat.Write(body)
		case "IEND":
			if channels == 0 || idat.Len() == 0 {
				return false
			}
			zr, err := zlib.NewReader(&idat)
			if err != nil {
				return false
			}
			n, err := io.Copy(io.Discard, zr)
			return err == nil && n == int64(h*(1+w*channels))
		}
		b = b[12+n:]
	}
}

// toNRGBA flattens paletted and 16-bit images to 8-bit RGB(A); opaque
// images lose the alpha channel so fpdf writes no soft mask.
func toNRGBA(m image.Image) image.Image {
	bnd := m.Bounds()
	opaque := true
	if o, ok := m.(interface{ Opaque() bool }); ok {
		opaque = o.Opaque()
	}
	if opaque {
		out := image.NewRGBA(bnd)
		for y := bnd.Min.Y; y < bnd.Max.Y; y++ {
			for x := bnd.Min.X; x < bnd.Max.X; x++ {
				out.Set(x, y, m.At(x, y))
			}
		}
		return out
	}
	out := image.NewNRGBA(bnd)
	for y := bnd.Min.Y; y < bnd.Max.Y; y++ {
		for x := bnd.Min.X; x < bnd.Max.X; x++ {
			out.Set(x, y, m.At(x, y))
		}
	}
	return out
}

// boxOrder matches a page's TrimBox and BleedBox in either order: fpdf
// writes them from a map, so their order changes from run to run.
var boxOrder = regexp.MustCompile(`(/TrimBox \[[^\]]*\]\n)(/BleedBox \[[^\]]*\]\n)`)

// fixBoxOrder puts BleedBox before TrimBox on every page. Swapping two
// lines keeps every byte offset after them, so the xref stays valid.
func fixBoxOrder(b []byte) []byte {
	return boxOrder.ReplaceAll(b, []byte("$2$1"))
}

// MetaFor derives the document information from an edition: the title is
// the publication and issue, the authors are the editors, the keywords the
// articles' tags in first-seen order, the date the edition's date.
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
	return Meta{Title: title, Author: strings.Join(ed.Editors, ", "), Subject: ed.Description, Keywords: kw, Date: ed.Date}
}
