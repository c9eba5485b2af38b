package layout

import (
	"github.com/redtide/edition/internal/model"
)

// Document is a laid-out edition: every glyph run, rule, image and link
// with its position. Coordinates are measured from the top-left corner of
// the trimmed page, y growing downwards; package pdf adds the bleed.
type Document struct {
	Width, Height Length // trim size
	Bleed         Length
	CropMarks     bool
	// KeepImageResolution: see Config.
	KeepImageResolution bool
	Press               Press // see Config
	Pages               []*Page
	Outline             []Bookmark // in page order
}

// Page is one physical page.
type Page struct {
	Index int    // 0-based position in the document
	Folio string // printed page number; "" on the cover and blank pages
	Lines []*TextLine
	// Marks are glyphs that stand beside the text without being part of
	// it, such as the arrow that starts a wrapped code line. A renderer
	// draws them after the lines, so that text extraction does not read
	// them inside a word broken at the wrap.
	Marks  []Run
	Rules  []Rule
	Images []ImageBox
	Links  []LinkRect
	Anchor []Anchor
}

// Rule is a filled rectangle: rules, crop marks are drawn by package pdf.
type Rule struct {
	X, Y, W, H Length // top-left corner and extent
}

// ImageBox places an image; its top-left corner is at X, Y.
type ImageBox struct {
	X, Y, W, H Length
	Image      *model.Image
}

// Anchor is a named destination on a page.
type Anchor struct {
	Name string
	Y    Length // top of the destination
	X    Length // left of the line or block it marks (its column)
}

// Bookmark is one entry of the PDF outline.
type Bookmark struct {
	Title string
	Level int // 0 for sections (or articles of a flat edition), 1 for articles
	Page  int // page index
	Y     Length
}
