// Package svg paints laid-out pages as SVG, for the live preview of
// `edition serve`: a third painter beside package pdf (print) and the
// EPUB writer. It reads the same layout.Document as pdf and places every
// run, rule, image and link where pdf does, so a browser showing the SVG
// with the same fonts (declared by the embedding page with @font-face)
// shows the printed page, not a rasterised copy of it.
package svg

import (
	"bufio"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/fonts/otmath"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/layout"
)

// Options say how a page refers to what lives outside it.
type Options struct {
	// Family returns the CSS font-family under which the embedding page
	// declares a font.
	Family func(*fonts.Font) string
	// ImageHref returns the URL of an image; "" draws a grey box instead.
	ImageHref func(*model.Image) string
	// MathFamily is the CSS font-family of the math face (fonts.Math),
	// in which formulas are drawn; "" leaves them out.
	MathFamily string
}

// Painter paints the pages of one document.
type Painter struct {
	d     *layout.Document
	fs    *fonts.Set
	opt   Options
	dests map[string]int // anchor name → 0-based page
}

// New returns a painter for d, set in fs.
func New(d *layout.Document, fs *fonts.Set, opt Options) *Painter {
	dests := map[string]int{}
	for _, pg := range d.Pages {
		for _, a := range pg.Anchor {
			if _, ok := dests[a.Name]; !ok {
				dests[a.Name] = pg.Index
			}
		}
	}
	if opt.Family == nil {
		opt.Family = func(f *fonts.Font) string { return f.Name }
	}
	if opt.ImageHref == nil {
		opt.ImageHref = func(*model.Image) string { return "" }
	}
	return &Painter{d: d, fs: fs, opt: opt, dests: dests}
}

// Source is where a line comes from, as the preview shows it when the
// line is clicked: "path", or "path:line" once layout.TextLine records
// the line of its source.
//
// SOURCE LINE: this is the one place to add it; return
// fmt.Sprintf("%s:%d", l.Source, l.Line) when the field exists.
func Source(l *layout.TextLine) string {
	return l.Source
}

// Page writes page i (0-based) as one <svg> element, without an XML
// declaration so that it can be inserted into an HTML page. Its viewBox is
// the trimmed page in points; data-media gives the whole sheet (the page
// with its bleed and the slug that holds the crop marks, as the PDF's
// media box), and data-trim the trim box within it, for a viewer that
// shows the bleed and the marks on request. Lines are <text> elements whose data-kind is their
// layout.LineKind and whose data-src, if they come from a post, is their
// Source.
func (p *Painter) Page(w io.Writer, i int) error {
	bw := bufio.NewWriter(w)
	pg := p.d.Pages[i]
	sheet := p.d.Sheet()
	b := sheet.Media.Points()
	tw, th := p.d.Width.Points(), p.d.Height.Points()
	mw, mh := tw+2*b, th+2*b
	e := &enc{w: bw}
	e.s(`<svg xmlns="http://www.w3.org/2000/svg" class="page" data-page="`)
	e.s(strconv.Itoa(i + 1))
	e.s(`" viewBox="`)
	e.nums(b, b, tw, th)
	e.s(`" data-trim="`)
	e.nums(b, b, tw, th)
	e.s(`" data-media="`)
	e.nums(0, 0, mw, mh)
	// fpdf neither kerns nor substitutes ligatures, and the layout
	// measured the text as fpdf draws it; code keeps its spaces.
	e.s(`" style="font-kerning:none;font-variant-ligatures:none;white-space:pre" text-rendering="geometricPrecision">`)
	e.s(`<rect class="paper" fill="#fff" x="0" y="0" width="`)
	e.num(mw)
	e.s(`" height="`)
	e.num(mh)
	e.s(`"/>`)
	p.rules(e, pg, b)
	p.images(e, pg, b)
	for _, ln := range pg.Lines {
		p.line(e, ln, b)
	}
	for _, r := range pg.Marks {
		if r.Text != "" {
			e.s(`<text class="mark">`)
			p.run(e, r, b, true)
			e.s(`</text>`)
		}
	}
	p.links(e, pg, b)
	p.trim(e, sheet, tw, th)
	e.s("</svg>\n")
	return bw.Flush()
}

func (p *Painter) rules(e *enc, pg *layout.Page, b float64) {
	if len(pg.Rules) == 0 {
		return
	}
	e.s(`<g fill="#000">`)
	for _, r := range pg.Rules {
		e.rect(r.X.Points()+b, r.Y.Points()+b, r.W.Points(), r.H.Points())
	}
	e.s(`</g>`)
}

func (p *Painter) images(e *enc, pg *layout.Page, b float64) {
	for _, im := range pg.Images {
		x, y, w, h := im.X.Points()+b, im.Y.Points()+b, im.W.Points(), im.H.Points()
		href := ""
		if im.Image != nil {
			href = p.opt.ImageHref(im.Image)
		}
		if href == "" {
			e.s(`<g fill="#ddd">`)
			e.rect(x, y, w, h)
			e.s(`</g>`)
			continue
		}
		// pdf draws the image into its box as it is: so does the preview
		e.s(`<image preserveAspectRatio="none" href="`)
		e.text(href)
		e.s(`" `)
		e.box(x, y, w, h)
		e.s(`/>`)
	}
}

// line writes one text line. Its runs are tspans placed where pdf places
// them; a space goes between runs that do not touch, so that the line's
// text reads (and copies) as words.
func (p *Painter) line(e *enc, ln *layout.TextLine, b float64) {
	var runs []layout.Run
	for _, r := range ln.Runs {
		if r.Math != nil {
			p.math(e, r, b)
		}
		if r.Text != "" {
			runs = append(runs, r)
		}
	}
	if len(runs) == 0 {
		return
	}
	e.s(`<text data-kind="`)
	e.s(ln.Kind.String())
	e.s(`"`)
	if src := Source(ln); src != "" {
		e.s(` data-src="`)
		e.text(src)
		e.s(`"`)
	}
	// one face and size for the whole line, usually: say it once
	same := true
	for _, r := range runs[1:] {
		if r.Face != runs[0].Face || r.Size != runs[0].Size {
			same = false
		}
	}
	if same {
		p.font(e, runs[0])
	}
	e.s(`>`)
	var strikes []layout.Run
	for k, r := range runs {
		if k > 0 {
			prev := runs[k-1]
			if r.X-(prev.X+prev.Width) > layout.Pt/10 {
				e.s(" ")
			}
		}
		p.run(e, r, b, !same)
		if r.Strike {
			strikes = append(strikes, r)
		}
	}
	e.s(`</text>`)
	for _, r := range strikes {
		size := r.Size.Points()
		e.s(`<g fill="#000">`)
		e.rect(r.X.Points()+b, r.Y.Points()+b-size*0.28, r.Width.Points(), size/18)
		e.s(`</g>`)
	}
}

// mathFont is the math face's cmap and metrics, read at the first formula.
var mathFont = sync.OnceValues(func() (*otmath.Font, error) { return otmath.Parse(fonts.MathData()) })

// math draws a formula set by layout/mathbox where pdf draws it: each
// glyph as the character it stands for in the math face (a size variant
// or a piece of an assembled delimiter shows as its base character, at
// the formula's size: the preview has no glyph outlines), its rules and
// strikes as shapes.
func (p *Painter) math(e *enc, r layout.Run, b float64) {
	m := r.Math
	if p.opt.MathFamily == "" || m == nil {
		return
	}
	x0, y0 := r.X.Points()+b, r.Y.Points()+b
	e.s(`<g class="math" font-family="`)
	e.text(p.opt.MathFamily)
	e.s(`">`)
	mf, _ := mathFont() // nil: the glyphs' text alone
	for _, g := range m.Glyphs {
		text := g.Text
		if mf != nil {
			// the glyph's own character where it has one (a math
			// italic 𝑥, not the x the PDF's text gives for copying)
			if r, ok := mf.Rune(g.GID); ok {
				text = string(r)
			}
		}
		e.s(`<text x="`)
		e.num(x0 + g.X)
		e.s(`" y="`)
		e.num(y0 + g.Y)
		e.s(`" font-size="`)
		e.num(g.Size)
		e.s(`">`)
		e.text(text)
		e.s(`</text>`)
	}
	for _, rl := range m.Rules {
		e.rect(x0+rl.X, y0+rl.Y, rl.W, rl.H)
	}
	for _, l := range m.Lines {
		e.s(`<line x1="`)
		e.num(x0 + l.X1)
		e.s(`" y1="`)
		e.num(y0 + l.Y1)
		e.s(`" x2="`)
		e.num(x0 + l.X2)
		e.s(`" y2="`)
		e.num(y0 + l.Y2)
		e.s(`" stroke="#000" stroke-linecap="round" stroke-width="`)
		e.num(l.W)
		e.s(`"/>`)
	}
	e.s(`</g>`)
}

func (p *Painter) font(e *enc, r layout.Run) {
	ft := r.Face.Font(p.fs)
	if ft == nil {
		// a fallback face the set does not have: pdf prints '?' in the
		// text face; the browser picks its own fallback
		ft = p.fs.Text.Regular
	}
	e.s(` font-family="`)
	e.text(p.opt.Family(ft))
	e.s(`" font-size="`)
	e.num(r.Size.Points())
	e.s(`"`)
}

func (p *Painter) run(e *enc, r layout.Run, b float64, withFont bool) {
	e.s(`<tspan x="`)
	e.num(r.X.Points() + b)
	e.s(`" y="`)
	e.num(r.Y.Points() + b)
	e.s(`"`)
	if withFont {
		p.font(e, r)
	}
	e.s(`>`)
	e.text(r.Text)
	e.s(`</tspan>`)
}

// links makes link areas clickable: external links open in a new tab,
// internal ones point at the page of their destination (#page-N).
func (p *Painter) links(e *enc, pg *layout.Page, b float64) {
	for _, l := range pg.Links {
		var href string
		switch {
		case l.URL != "":
			href = l.URL
		case l.Dest != "":
			n, ok := p.dests[l.Dest]
			if !ok {
				continue
			}
			href = "#page-" + strconv.Itoa(n+1)
		default:
			continue
		}
		e.s(`<a href="`)
		e.text(href)
		if l.URL != "" {
			e.s(`" target="_blank" rel="noopener noreferrer`)
		}
		e.s(`"><g fill="#00f" fill-opacity="0">`)
		e.rect(l.X.Points()+b, l.Y.Points()+b, l.W.Points(), l.H.Points())
		e.s(`</g></a>`)
	}
}

// trim draws what the viewer shows with the bleed: the trim box, the
// bleed box and, if the document has them, the crop marks pdf draws (see
// layout.Document.Sheet).
func (p *Painter) trim(e *enc, sheet layout.Sheet, tw, th float64) {
	m := sheet.Media.Points()
	if m <= 0 {
		return
	}
	e.s(`<g class="bleed" fill="none" stroke-width="0.25">`)
	box := func(color string, inset float64) {
		e.s(`<rect stroke="` + color + `" stroke-dasharray="3 2" `)
		e.box(inset, inset, tw+2*(m-inset), th+2*(m-inset))
		e.s(`/>`)
	}
	box("#d00", m)
	if b := sheet.Bleed.Points(); b > 0 && b < m {
		box("#08c", m-b)
	}
	if len(sheet.Marks) > 0 {
		e.s(`<path stroke="#000" d="`)
		for _, s := range sheet.Marks {
			e.s("M")
			e.nums(s.X1.Points()+m, s.Y1.Points()+m)
			e.s("L")
			e.nums(s.X2.Points()+m, s.Y2.Points()+m)
		}
		e.s(`"/>`)
	}
	e.s(`</g>`)
}

// enc writes SVG text; write errors are kept by the bufio.Writer and
// returned by Flush.
type enc struct {
	w   *bufio.Writer
	buf []byte
}

func (e *enc) s(s string) { e.w.WriteString(s) }

// text writes s escaped for XML character data or a quoted attribute;
// characters XML cannot carry become U+FFFD.
func (e *enc) text(s string) {
	if !strings.ContainsAny(s, "&<>\"'\r\n\t") && isPlain(s) {
		e.w.WriteString(s)
		return
	}
	xml.EscapeText(e.w, []byte(s))
}

// isPlain reports whether s has no control characters, which xml
// escapes or replaces.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			return false
		}
	}
	return utf8.ValidString(s) && !strings.ContainsRune(s, '\uFFFE') && !strings.ContainsRune(s, '\uFFFF')
}

// num writes a length in points to 1/100 pt, as pdf does, without
// trailing zeros.
func (e *enc) num(f float64) {
	b := strconv.AppendFloat(e.buf[:0], f, 'f', 2, 64)
	b = trimZeros(b)
	e.buf = b
	e.w.Write(b)
}

func (e *enc) nums(fs ...float64) {
	for i, f := range fs {
		if i > 0 {
			e.s(" ")
		}
		e.num(f)
	}
}

func (e *enc) rect(x, y, w, h float64) {
	e.s(`<rect `)
	e.box(x, y, w, h)
	e.s(`/>`)
}

// box writes the attributes x, y, width and height of an element.
func (e *enc) box(x, y, w, h float64) {
	e.s(`x="`)
	e.num(x)
	e.s(`" y="`)
	e.num(y)
	e.s(`" width="`)
	e.num(w)
	e.s(`" height="`)
	e.num(h)
	e.s(`"`)
}

func trimZeros(b []byte) []byte {
	for len(b) > 0 && b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	if len(b) > 0 && b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	if string(b) == "-0" || len(b) == 0 {
		return append(b[:0], '0')
	}
	return b
}
