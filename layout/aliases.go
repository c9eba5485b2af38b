package layout

import "github.com/redtide/edition/layout/text"

// The lengths, faces, runs and lines of text are package text's, which
// sets paragraphs; layout places them on pages under the same names.

// Length is a distance in scaled points (text.Length).
type Length = text.Length

// Units of Length (see text.SP).
const (
	SP   = text.SP
	Pt   = text.Pt
	Inch = text.Inch
	Mm   = text.Mm
	Cm   = text.Cm
	Pc   = text.Pc
)

// ParseLength parses a length with its unit (text.ParseLength).
func ParseLength(s string) (Length, error) { return text.ParseLength(s) }

// FromPoints converts PostScript points to a Length (text.FromPoints).
func FromPoints(f float64) Length { return text.FromPoints(f) }

// BreakConfig holds the settings of line breaking and hyphenation
// (text.BreakConfig).
type BreakConfig = text.BreakConfig

// DefaultBreakConfig returns TeX's settings with the edition's dearer
// hyphens (text.DefaultBreakConfig).
func DefaultBreakConfig() BreakConfig { return text.DefaultBreakConfig() }

// TextLine is one line of text on a page (text.TextLine).
type TextLine = text.TextLine

// LineKind says what a line belongs to (text.LineKind).
type LineKind = text.LineKind

// Line kinds (see text.KindBody).
const (
	KindBody      = text.KindBody
	KindHeading   = text.KindHeading
	KindTitle     = text.KindTitle
	KindQuote     = text.KindQuote
	KindList      = text.KindList
	KindCode      = text.KindCode
	KindTable     = text.KindTable
	KindCaption   = text.KindCaption
	KindNote      = text.KindNote
	KindBib       = text.KindBib
	KindFurniture = text.KindFurniture
	KindMath      = text.KindMath
)

// Run is a piece of text in one face and size (text.Run).
type Run = text.Run

// FaceKind picks a font of a fonts.Set (text.FaceKind).
type FaceKind = text.FaceKind

// Face kinds (see text.TextFace).
const (
	TextFace     = text.TextFace
	DisplayFace  = text.DisplayFace
	MonoFace     = text.MonoFace
	FallbackFace = text.FallbackFace
)

// Face names one font of a fonts.Set (text.Face).
type Face = text.Face

// LinkRect is a clickable area (text.LinkRect).
type LinkRect = text.LinkRect
