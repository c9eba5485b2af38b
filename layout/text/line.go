package text

import (
	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/layout/mathbox"
)

// TextLine is one line of text on a page: the unit of the Dump and of the
// typographic measurements.
type TextLine struct {
	Kind       LineKind
	Justified  bool   // set with Knuth–Plass and stretched to Width
	Loose      bool   // set by the emergency pass with spaces beyond the loose tolerance
	Overfull   bool   // the material is wider than Width
	Hyphenated bool   // ends at a flagged break: an inserted hyphen, or after the word's own hyphen or dash (TeX's \exhyphenpenalty)
	Widow      bool   // last line of a paragraph alone at the top of a column
	Orphan     bool   // first line of a paragraph alone at the bottom of a column
	Column     int    // 0-based column; -1 for page furniture spanning columns
	X, Y       Length // left edge and baseline
	Width      Length // measure the line was set to
	Runs       []Run
	Source     string // article source, for messages
	// SourceLine is the line of Source the line's block starts on (0 for
	// page furniture and titles), so that a preview can take a reader
	// from a printed line to the source.
	SourceLine int
	Par        int // serial number of the paragraph in the document; lines of one paragraph share it
	ParLine    int // 0-based line number within the paragraph
	ParLen     int // number of lines of the paragraph
	// Node is the element of the document model the line sets (see
	// model.PageStart for the kinds), nil for page furniture; Word is how
	// many words of Node's text begin before the line. PageStarts reads
	// them.
	Node any
	Word int

	Ratio float64 // adjustment ratio: > 0 stretched, < 0 shrunk (justified lines)
	Space Length  // natural inter-word space plus the adjustment actually applied (0 when no spaces)
}

// LineKind says what a line belongs to.
type LineKind uint8

// Line kinds.
const (
	KindBody LineKind = iota
	KindHeading
	KindTitle // article title, subtitle, byline, date
	KindQuote
	KindList
	KindCode
	KindTable
	KindCaption
	KindNote
	KindBib
	KindFurniture // running heads, folios, cover, contents
	KindMath      // display math
)

var kindNames = [...]string{"body", "heading", "title", "quote", "list", "code", "table", "caption", "note", "bib", "furniture", "math"}

func (k LineKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind?"
}

// Run is a piece of text in one face and size, placed at a baseline.
type Run struct {
	X, Y   Length // start of the text on the baseline
	Width  Length
	Face   Face
	Strike bool // draw a line through the text
	// own tells that Text is ASCII which Face draws itself, as the
	// setter knows of the words it sets from their shapes, so that
	// SplitFallback need not look at the text (most runs). Only the
	// setter sets it, on the runs of the lines it sets, and nothing
	// changes their Text or Face in place (fillRefs writes page numbers
	// into runs made without it).
	own  bool
	Size Length
	Text string
	// Math is a formula, or a piece of one, set by package mathbox, with
	// its reference point at X, Y (Text is empty): drawn in the math
	// face, whatever Face says.
	Math *mathbox.Box
}

// FaceKind picks a font of a fonts.Set.
type FaceKind uint8

// Face kinds.
const (
	TextFace FaceKind = iota
	DisplayFace
	MonoFace
	// FallbackFace draws runes the other faces lack (fonts.Set.Fallback;
	// FallbackBold when Style is Bold).
	FallbackFace
)

// Face names one font of a fonts.Set.
type Face struct {
	Kind  FaceKind
	Style fonts.Style // meaningful for TextFace only
}

// Font returns the font of fs that f names.
func (f Face) Font(fs *fonts.Set) *fonts.Font {
	switch f.Kind {
	case DisplayFace:
		return fs.Display
	case MonoFace:
		return fs.Mono
	case FallbackFace:
		if f.Style == fonts.Bold {
			return fs.FallbackBold
		}
		return fs.Fallback
	}
	return fs.Text.Face(f.Style)
}

func (f Face) String() string {
	switch f.Kind {
	case DisplayFace:
		return "display"
	case MonoFace:
		return "mono"
	case FallbackFace:
		if f.Style == fonts.Bold {
			return "fallback-bold"
		}
		return "fallback"
	}
	switch f.Style {
	case fonts.Italic:
		return "italic"
	case fonts.Bold:
		return "bold"
	case fonts.BoldItalic:
		return "bolditalic"
	}
	return "regular"
}

// LinkRect is a clickable area: either an external URL or an internal
// destination naming an Anchor.
type LinkRect struct {
	X, Y, W, H Length
	URL        string // external target
	Dest       string // internal target (Anchor.Name)
}
