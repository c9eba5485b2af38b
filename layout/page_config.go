package layout

import (
	"errors"
	"fmt"
	"runtime"
	"strings"

	"github.com/redtide/edition/layout/text"
)

// Config holds the print settings of an edition. All lengths are Length
// values (1/65536 pt); use ParseLength and ParseTrim to fill them from text.
type Config struct {
	TrimWidth  Length // trimmed page width
	TrimHeight Length // trimmed page height

	MarginInner  Length // margin on the binding side (left on odd pages)
	MarginOuter  Length // margin away from the binding
	MarginTop    Length // trim edge to the top of the text area (running head sits inside it)
	MarginBottom Length // bottom of the text area to the trim edge (folio sits inside it)

	Columns   int    // 1 or 2 text columns
	ColumnGap Length // space between columns

	BodySize    Length // body text size
	BodyLeading Length // body baseline-to-baseline distance; 0 means 1.25 × BodySize

	Bleed     Length // extra printed area beyond the trim on every side; 0 for none
	CropMarks bool   // draw crop marks outside the bleed, in a slug (see Document.Sheet)
	// Press holds the print-shop settings the layout passes on to the
	// renderer (imprint, PDF/X, grayscale).
	Press Press
	// KeepImageResolution embeds images as they are; otherwise the
	// renderer downsamples those above 600 ppi at their printed size.
	KeepImageResolution bool
	PadToMultiple       int // pad with blank pages to a multiple of this page count; 0 or 1 for none

	Language string // BCP 47 tag used for hyphenation when neither article nor edition gives one

	// BaselineGrid sets the lines of body text on a grid of BodyLeading
	// from the top of the text area, so that the lines of neighbouring
	// columns align; headings, figures and notes take whole lines.
	BaselineGrid bool
	// Links says how the targets of external links are printed.
	Links LinkMode

	// Tolerance is the Knuth–Plass tolerance (badness) of the first
	// justified attempt; the second attempt uses LooseTolerance. Before
	// giving up, paragraphs are set ragged right. 350 gives spaces of at
	// most 0.44 em with the default faces' 0.25 em space (stretch 1/2),
	// tighter than TeX's 200 with Computer Modern's 0.33 em (0.54 em).
	Tolerance      int // badness, TeX's \tolerance (e.g. 350); 0 means 350
	LooseTolerance int // badness for the second pass (e.g. 2000); 0 means 10 × Tolerance
	// Break holds the penalties and minimums of hyphenation and the
	// demerits of runts (see BreakConfig).
	Break BreakConfig

	// Workers is the number of goroutines that set articles into lines
	// before they are paginated one after another; 0 means
	// runtime.GOMAXPROCS(0). The Document is the same for any value.
	Workers int
}

// LinkMode says how the target of an external link is printed. In every
// mode the link stays clickable in the PDF.
type LinkMode uint8

// Link modes.
const (
	// LinkNotes prints the URL in a note at the foot of the column, marked
	// by a letter after the link's text (see linkNote).
	LinkNotes LinkMode = iota
	// LinkInline prints the URL in parentheses after the link's text.
	LinkInline
	// LinkOff prints the link's text alone.
	LinkOff
)

var linkModes = [...]string{"notes", "inline", "off"}

func (m LinkMode) String() string {
	if int(m) < len(linkModes) {
		return linkModes[m]
	}
	return "links?"
}

// ParseLinkMode reads a link mode as the manifest writes it; "" is
// LinkNotes.
func ParseLinkMode(s string) (LinkMode, error) {
	if s == "" {
		return LinkNotes, nil
	}
	for i, n := range linkModes {
		if strings.EqualFold(s, n) {
			return LinkMode(i), nil
		}
	}
	return 0, fmt.Errorf("links %q: want notes, inline or off", s)
}

// workers is the number of goroutines Workers asks for.
func (c *Config) workers() int {
	if c.Workers > 0 {
		return c.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// settings are what the paragraph setter reads of c.
func (c Config) settings() text.Settings {
	return text.Settings{Tolerance: c.Tolerance, LooseTolerance: c.LooseTolerance, Break: c.Break}
}

// withDefaults fills the settings whose zero value means "derive it".
func (c Config) withDefaults() Config {
	if c.BodyLeading == 0 {
		c.BodyLeading = c.BodySize * 5 / 4
	}
	if c.Tolerance == 0 {
		c.Tolerance = 350
	}
	if c.LooseTolerance == 0 {
		c.LooseTolerance = 10 * c.Tolerance
	}
	if c.Language == "" {
		c.Language = "en"
	}
	return c
}

// DefaultConfig returns the tabloid (11×17 in) two-column newspaper setup.
func DefaultConfig() Config {
	return Config{
		TrimWidth:      11 * Inch,
		TrimHeight:     17 * Inch,
		MarginInner:    15 * Mm,
		MarginOuter:    13 * Mm,
		MarginTop:      18 * Mm,
		MarginBottom:   16 * Mm,
		Columns:        2,
		ColumnGap:      6 * Mm,
		BodySize:       10 * Pt,
		BodyLeading:    Pt * 25 / 2,
		Language:       "en",
		Tolerance:      350,
		LooseTolerance: 2000,
		Break:          DefaultBreakConfig(),
	}
}

// Trim sizes known by ParseTrim.
var trims = []struct {
	name string
	w, h Length
}{
	{"a4", 210 * Mm, 297 * Mm},
	{"a5", 148 * Mm, 210 * Mm},
	{"letter", 612 * Pt, 792 * Pt},
	{"tabloid", 11 * Inch, 17 * Inch},
}

// ParseTrim parses a trim size: "A4", "A5", "Letter", "tabloid" (11×17 in)
// or a custom "W×H" / "WxH" with units, e.g. "280mmx430mm".
func ParseTrim(s string) (w, h Length, err error) {
	t := strings.ToLower(strings.TrimSpace(s))
	for _, tr := range trims {
		if t == tr.name {
			return tr.w, tr.h, nil
		}
	}
	t = strings.ReplaceAll(t, "×", "x")
	ws, hs, ok := strings.Cut(t, "x")
	if !ok {
		return 0, 0, fmt.Errorf("trim size %q: want A4, A5, Letter, tabloid or W×H", s)
	}
	w, err = ParseLength(strings.TrimSpace(ws))
	if err != nil {
		return 0, 0, fmt.Errorf("trim size %q: %w", s, err)
	}
	h, err = ParseLength(strings.TrimSpace(hs))
	if err != nil {
		return 0, 0, fmt.Errorf("trim size %q: %w", s, err)
	}
	if w <= 0 || h <= 0 {
		return 0, 0, fmt.Errorf("trim size %q: width and height must be positive", s)
	}
	return w, h, nil
}

// Validate reports every inconsistent setting.
func (c *Config) Validate() error {
	d := c.withDefaults()
	c = &d
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if c.TrimWidth < 72*Pt || c.TrimHeight < 72*Pt {
		bad("trim size %v×%v is smaller than 1 inch", c.TrimWidth, c.TrimHeight)
	}
	if c.TrimWidth > 200*Inch || c.TrimHeight > 200*Inch {
		bad("trim size %v×%v is larger than 200 inches", c.TrimWidth, c.TrimHeight)
	}
	for _, m := range []struct {
		name string
		v    Length
	}{{"inner margin", c.MarginInner}, {"outer margin", c.MarginOuter}, {"top margin", c.MarginTop}, {"bottom margin", c.MarginBottom}, {"column gap", c.ColumnGap}, {"bleed", c.Bleed}} {
		if m.v < 0 {
			bad("%s %v is negative", m.name, m.v)
		}
	}
	if c.Columns != 1 && c.Columns != 2 {
		bad("columns must be 1 or 2, not %d", c.Columns)
	}
	if c.BodySize < 4*Pt || c.BodySize > 36*Pt {
		bad("body size %v is outside 4pt–36pt", c.BodySize)
	}
	if c.BodyLeading < c.BodySize {
		bad("body leading %v is less than the body size %v", c.BodyLeading, c.BodySize)
	}
	if c.PadToMultiple < 0 {
		bad("pad_to_multiple %d is negative", c.PadToMultiple)
	}
	if c.Workers < 0 {
		bad("workers %d is negative", c.Workers)
	}
	if int(c.Links) >= len(linkModes) {
		bad("links mode %d unknown", c.Links)
	}
	if c.Tolerance < 0 || c.LooseTolerance < c.Tolerance {
		bad("tolerances %d/%d: want 0 <= tolerance <= loose tolerance", c.Tolerance, c.LooseTolerance)
	}
	errs = append(errs, c.Break.Validate()...)
	if len(errs) == 0 {
		cols := Length(c.Columns)
		colW := (c.TrimWidth - c.MarginInner - c.MarginOuter - (cols-1)*c.ColumnGap) / cols
		if colW < 12*c.BodySize {
			bad("column width %v is less than 12 ems of body text", colW)
		}
		if c.TrimHeight-c.MarginTop-c.MarginBottom < 20*c.BodyLeading {
			bad("text height %v holds fewer than 20 lines", c.TrimHeight-c.MarginTop-c.MarginBottom)
		}
	}
	return errors.Join(errs...)
}

// columnWidth is the width of one text column.
func (c *Config) columnWidth() Length {
	cols := Length(c.Columns)
	return (c.textWidth() - (cols-1)*c.ColumnGap) / cols
}

func (c *Config) textWidth() Length { return c.TrimWidth - c.MarginInner - c.MarginOuter }

func (c *Config) textHeight() Length { return c.TrimHeight - c.MarginTop - c.MarginBottom }

// textLeft is the left edge of the text area on page index i (0-based; page
// index 0 is the cover, a right-hand page).
func (c *Config) textLeft(pageIndex int) Length {
	if pageIndex%2 == 0 { // odd folio, right-hand page: binding on the left
		return c.MarginInner
	}
	return c.MarginOuter
}
