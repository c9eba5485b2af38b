package layout

// Press holds the print-shop settings that change what a renderer writes
// around and beneath the pages, but not the pages themselves: the layout
// only passes them on, from Config to Document.
type Press struct {
	// Imprint prints a one-line imprint (publication, issue, date, page)
	// in the slug below each page, outside the bleed.
	Imprint bool
	// PDFX writes PDF/X-4: an output intent with an embedded output
	// profile, device-independent images, black as 100% K.
	PDFX bool
	// Grayscale writes no colour at all, for a press that prints black
	// only: images are converted to grey.
	Grayscale bool
}

// Crop mark and slug dimensions. The marks follow the conventions of
// prepress tools (InDesign, Acrobat's printer marks, LaTeX's crop package):
// hairlines that continue the trim edges, starting outside the bleed, so
// that an image printed to the bleed edge never covers them and the guillotine
// never leaves a stub of one on the page.
const (
	CropMarkLength = 5 * Mm           // length of each mark
	CropMarkWeight = Pt / 4           // line width of the marks
	cropMarkOffset = 3 * Mm           // least distance from the trim to a mark
	slugBeyondMark = 1 * Mm           // room between the end of a mark and the sheet's edge
	slugMin        = 6 * Mm           // least slug outside the bleed
	ImprintSize    = 6 * Pt           // type size of the imprint
	imprintIndent  = 3 * Mm           // imprint start, right of the left trim edge
	imprintDrop    = 3500 * Mm / 1000 // imprint baseline below the start of the marks
)

// Sheet is the page as the PDF describes it around the trimmed page: the
// bleed, the slug outside it that holds the crop marks and the imprint,
// and their positions. Coordinates are those of the Document: from the
// top-left corner of the trimmed page, y downwards, so that everything
// outside the trim is at a negative coordinate or beyond Width or Height.
type Sheet struct {
	Bleed Length // from the trim to the edge of the bleed box, on every side
	// Media is the distance from the trim to the edge of the media box,
	// on every side: Bleed when there is no slug, otherwise at least
	// 6 mm more.
	Media Length
	// Marks are the crop marks, two at each corner of the trim; empty
	// when the document has none.
	Marks []Segment
	// ImprintX and ImprintY place the baseline of the imprint, set in
	// ImprintSize type; meaningful when HasImprint.
	ImprintX, ImprintY Length
	HasImprint         bool
}

// Segment is a straight line from (X1, Y1) to (X2, Y2).
type Segment struct {
	X1, Y1, X2, Y2 Length
}

// Sheet computes the sheet around d's pages. There is a slug when the
// document has crop marks or an imprint. The marks start at the bleed's
// edge, or 3 mm from the trim when the bleed is narrower (with no bleed
// too), and run 5 mm outwards; the media box leaves at least 1 mm beyond
// them and at least 6 mm beyond the bleed. The imprint sits in the bottom
// slug, between the marks of the two bottom corners, its baseline 3.5 mm
// below the start of the marks, so that 6 pt type clears the bleed and
// the sheet's edge.
func (d *Document) Sheet() Sheet {
	s := Sheet{Bleed: max(d.Bleed, 0)}
	s.Media = s.Bleed
	if !d.CropMarks && !d.Press.Imprint {
		return s
	}
	off := max(s.Bleed, cropMarkOffset)
	s.Media = max(s.Bleed+slugMin, off+CropMarkLength+slugBeyondMark)
	if d.CropMarks {
		end := off + CropMarkLength
		for _, x := range []Length{0, d.Width} {
			for _, y := range []Length{0, d.Height} {
				dx, dy := Length(-1), Length(-1)
				if x > 0 {
					dx = 1
				}
				if y > 0 {
					dy = 1
				}
				s.Marks = append(s.Marks,
					Segment{X1: x + dx*off, Y1: y, X2: x + dx*end, Y2: y}, // horizontal
					Segment{X1: x, Y1: y + dy*off, X2: x, Y2: y + dy*end}, // vertical
				)
			}
		}
	}
	if d.Press.Imprint {
		s.HasImprint = true
		s.ImprintX = imprintIndent
		s.ImprintY = d.Height + off + imprintDrop
	}
	return s
}
