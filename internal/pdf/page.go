package pdf

import (
	"fmt"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/layout"
)

// page paints one page: rules, images, text, then the marks and what the
// slug holds. Its links are added apart (pageLinks), once, as a page may
// be painted twice (Writer.Page).
func (p *painter) page(pg *layout.Page) error {
	f := p.f
	o := p.off
	_, p.pageH = f.GetPageSize()
	p.black()
	for _, r := range pg.Rules {
		f.Rect(r.X.Points()+o, r.Y.Points()+o, r.W.Points(), r.H.Points(), "F")
	}
	for _, im := range pg.Images {
		name, opt, err := p.image(im)
		if err != nil {
			return fmt.Errorf("pdf: page %d: %w", pg.Index+1, err)
		}
		f.ImageOptions(name, im.X.Points()+o, im.Y.Points()+o, im.W.Points(), im.H.Points(), false, opt, 0, "")
	}
	p.lines(pg)
	// marks last: text extraction in content order then reads the
	// lines whole
	for _, r := range pg.Marks {
		if r.Text != "" {
			p.setFont(r.Face.Font(p.fs), r.Size.Points())
			p.text(r.X.Points()+o, r.Y.Points()+o, r.Text)
		}
	}
	p.flush()
	p.slug(pg)
	return nil
}

// lines paints the text of a page's lines, and the rules through struck
// text.
func (p *painter) lines(pg *layout.Page) {
	o := p.off
	for _, ln := range pg.Lines {
		for i := range ln.Runs {
			r := &ln.Runs[i] // a run is 64 bytes: not copied
			if r.Math != nil {
				p.flush()
				if err := p.mathFont(); err != nil {
					if p.err == nil {
						p.err = err
					}
					continue
				}
				drawMath(p.f, fonts.MathName, r.Math, r.X.Points()+o, r.Y.Points()+o)
				p.cur = "" // drawMath set fonts of its own
				continue
			}
			if r.Text == "" {
				continue
			}
			ft := r.Face.Font(p.fs)
			size := r.Size.Points()
			p.setFont(ft, size)
			p.text(r.X.Points()+o, r.Y.Points()+o, r.Text)
			if r.Strike {
				p.flush()
				th := size / 18
				p.f.Rect(r.X.Points()+o, r.Y.Points()+o-size*0.28, r.Width.Points(), th, "F")
			}
		}
	}
}

// pageLinks adds the page's link annotations. A PDF/X file has none: the
// standard keeps annotations other than printer's marks out of the page
// area (preflight reports them as "annotation inside page area"), and a
// file for the press has no reader to click them.
func (p *painter) pageLinks(pg *layout.Page) {
	if p.d.Press.PDFX {
		return
	}
	o := p.off
	for _, l := range pg.Links {
		x, y, w, h := l.X.Points()+o, l.Y.Points()+o, l.W.Points(), l.H.Points()
		switch {
		case l.URL != "":
			p.f.LinkString(x, y, w, h, l.URL)
		case l.Dest != "":
			p.f.Link(x, y, w, h, p.link(l.Dest))
		}
	}
}
