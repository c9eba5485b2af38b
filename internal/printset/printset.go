// Package printset holds the print block of an issue manifest as the
// editor writes it: one field per manifest key, each documented once here
// with its default. It imports nothing of edition's, so that the manifest
// can decode into it and layout can resolve it without either importing
// the other (layout.NewConfig applies the defaults and the type policy,
// and checks the result).
//
// A leaf settings struct, decoded by the configuration loader and read by
// the renderer, is how Hugo keeps goldmark's options
// (markup/goldmark/goldmark_config).
package printset

// Settings is the print block of an issue manifest. The zero value of a
// field means "the default". A new print option is a field here (its yaml
// tag names the manifest key: the manifest derives its known keys from
// these tags), its resolution in layout.NewConfig and, if it needs one, a
// check in layout's Config.Validate.
type Settings struct {
	// Trim is the trimmed sheet: A4, A5, Letter, tabloid (11×17 in) or
	// "W×H" with units ("280mm x 430mm"); default tabloid.
	Trim string `yaml:"trim"`
	// Bleed is the printed area beyond the trim on every side, a length
	// ("3mm"); default none.
	Bleed string `yaml:"bleed"`
	// CropMarks draws crop marks outside the trim.
	CropMarks bool `yaml:"crop_marks"`
	// Columns is 1 or 2; by default 2, or 1 on a sheet narrower than 8 in
	// when a trim is given.
	Columns int `yaml:"columns"`
	// PadToMultiple adds blank pages at the end so that the page count is
	// a multiple of it (4 for a saddle-stitched issue); 0 or 1 for none.
	PadToMultiple int `yaml:"pad_to_multiple"`
	// Margins is one length for all four margins; by default they follow
	// the sheet, and one column keeps a 140 mm measure.
	Margins string `yaml:"margins"`
	// BodySize is the body type size ("10pt"), its leading 1.25 times it;
	// default 10/12.5 pt, 11/14 pt in one column.
	BodySize string `yaml:"body_size"`
	// Downsample resamples images printed above 600 ppi to 300 ppi;
	// default true.
	Downsample *bool `yaml:"downsample"`
	// Links says how external links are printed: notes (the URL in a
	// lettered note at the foot of the column, the default), inline (in
	// parentheses after the text) or off (the text alone). Links stay
	// clickable in the PDF.
	Links string `yaml:"links"`
	// BaselineGrid aligns the lines of body text of neighbouring columns
	// on a grid of the leading.
	BaselineGrid bool `yaml:"baseline_grid"`
	// Imprint prints publication, issue, date and page in the slug outside
	// the trim; by default on when CropMarks is on.
	Imprint *bool `yaml:"imprint"`
	// PDFX writes PDF/X-4 with a newsprint output intent.
	PDFX bool `yaml:"pdfx"`
	// Grayscale writes no colour at all, for a press that prints black.
	Grayscale bool `yaml:"grayscale"`
	// HyphenPenalty, LeftHyphenMin and RightHyphenMin set the fields of
	// those names of layout's BreakConfig; nil and 0 keep its defaults.
	HyphenPenalty  *int `yaml:"hyphen_penalty"`
	LeftHyphenMin  int  `yaml:"left_hyphen_min"`
	RightHyphenMin int  `yaml:"right_hyphen_min"`
}

// ImprintOn reports whether the slug carries the imprint: as asked, else
// whenever crop marks are drawn (the slug is there anyway).
func (s Settings) ImprintOn() bool {
	if s.Imprint != nil {
		return *s.Imprint
	}
	return s.CropMarks
}

// DownsampleOn reports whether images printed above 600 ppi are
// resampled: unless the settings say no.
func (s Settings) DownsampleOn() bool {
	return s.Downsample == nil || *s.Downsample
}
