package pdf

import (
	"strconv"
	"strings"

	"github.com/redtide/edition/layout"
)

// registration is the name of the Separation colour space that paints on
// every plate (ISO 32000-1 §8.6.6.4: the colorant name All): crop marks
// and the imprint must show on each separation, so that the printer can
// register and trim every plate.
const registration = "All"

// black sets fills (text, rules) to black: in DeviceCMYK 0 0 0 1 for
// PDF/X, so that the RIP sees 100% K and no rich black; in DeviceGray
// otherwise, which is K alone on a CMYK device (ISO 32000-1 §10.3.4,
// black = 1 − gray) and pure black on screen, where a DeviceCMYK black
// shows as a dark grey in colour-managed viewers.
func (p *painter) black() {
	if p.d.Press.PDFX {
		p.f.SetFillColorCMYK(0, 0, 0, 1)
		p.f.SetTextColorCMYK(0, 0, 0, 1)
		return
	}
	p.f.SetFillColor(0, 0, 0)
	p.f.SetTextColor(0, 0, 0) // no output: the text colour follows the fill
}

// blackLines sets lines to black, as black sets fills.
func (p *painter) blackLines() {
	if p.d.Press.PDFX {
		p.f.SetDrawColorCMYK(0, 0, 0, 1)
		return
	}
	p.f.SetDrawColor(0, 0, 0)
}

// markColor sets lines, fills and text to the colour of crop marks:
// registration, or black in a grayscale document, which has one plate
// and no colour space but grey.
func (p *painter) markColor() {
	if p.d.Press.Grayscale {
		p.f.SetDrawColor(0, 0, 0)
		p.f.SetFillColor(0, 0, 0)
		p.f.SetTextColor(0, 0, 0)
		return
	}
	p.f.SetDrawSpotColor(registration, 100)
	p.f.SetFillSpotColor(registration, 100)
	p.f.SetTextSpotColor(registration, 100)
}

// needsRegistration reports whether pages draw in the registration
// colour, which must then be defined before the first page.
func (p *painter) needsRegistration() bool {
	return !p.d.Press.Grayscale && (len(p.sheet.Marks) > 0 || p.sheet.HasImprint)
}

// slug draws the crop marks and the imprint outside the bleed; see
// layout.Document.Sheet for where they sit.
func (p *painter) slug(pg *layout.Page) {
	s := p.sheet
	if len(s.Marks) == 0 && !s.HasImprint {
		return
	}
	f := p.f
	o := p.off
	p.markColor()
	f.SetLineWidth(layout.CropMarkWeight.Points())
	for _, m := range s.Marks {
		f.Line(m.X1.Points()+o, m.Y1.Points()+o, m.X2.Points()+o, m.Y2.Points()+o)
	}
	if s.HasImprint {
		p.setFont(p.fs.Text.Regular, layout.ImprintSize.Points())
		p.text(s.ImprintX.Points()+o, s.ImprintY.Points()+o, p.imprint(pg))
		p.flush()
	}
	p.black()
	p.blackLines()
}

// imprint is the slug's line for pg: the edition (Meta.Imprint, else its
// title) and the page's place in the file, "5/16", which is what the
// printer imposes by; the folio follows when the page has one. Text that
// would pass the right-hand crop mark is cut.
func (p *painter) imprint(pg *layout.Page) string {
	head := p.meta.Imprint
	if head == "" {
		head = p.meta.Title
	}
	tail := strconv.Itoa(pg.Index+1) + "/" + strconv.Itoa(len(p.d.Pages))
	if pg.Folio != "" && pg.Folio != strconv.Itoa(pg.Index+1) {
		tail += " (" + pg.Folio + ")"
	}
	if head != "" {
		tail = " · " + tail
	}
	ft := p.fs.Text.Regular
	size := layout.ImprintSize.Points()
	room := (p.d.Width - 2*p.sheet.ImprintX).Points()
	width := func(s string) float64 { return float64(ft.StringWidth(s)) * size / 1000 }
	if width(head+tail) <= room {
		return head + tail
	}
	rs := []rune(head)
	for len(rs) > 0 && width(string(rs)+"…"+tail) > room {
		rs = rs[:len(rs)-1]
	}
	return strings.TrimSpace(string(rs)) + "…" + tail
}
