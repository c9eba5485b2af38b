package layout

import (
	"fmt"
	"strings"
)

// PrintSettings is the print block of an issue manifest as the editor
// writes it: one field per manifest key (its yaml tag names the key), each
// documented once here. The zero value of a field means "the default";
// Config turns the settings into a layout configuration, applying the type
// policy (which sizes and measures suit which sheet). A new print option
// is a field here, its resolution in Config and, if it needs one, a check
// in Config.Validate; the manifest derives its known keys from these tags.
//
// The renderer owning its settings struct, and the configuration loader
// decoding into it, is how Hugo keeps goldmark's options
// (markup/goldmark/goldmark_config).
type PrintSettings struct {
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
	// PDFX writes PDF/X-4 with a newsprint output intent (see Press).
	PDFX bool `yaml:"pdfx"`
	// Grayscale writes no colour at all, for a press that prints black.
	Grayscale bool `yaml:"grayscale"`
	// HyphenPenalty, LeftHyphenMin and RightHyphenMin set the BreakConfig
	// fields of those names; nil and 0 keep its defaults.
	HyphenPenalty  *int `yaml:"hyphen_penalty"`
	LeftHyphenMin  int  `yaml:"left_hyphen_min"`
	RightHyphenMin int  `yaml:"right_hyphen_min"`
}

// Config returns the layout configuration the settings ask for: the
// defaults of DefaultConfig, the settings given, and the type policy for
// what is not given. lang is the edition's language. Errors name the key.
func (s PrintSettings) Config(lang string) (Config, error) {
	cfg := DefaultConfig()
	var err error
	if s.Trim != "" {
		if cfg.TrimWidth, cfg.TrimHeight, err = ParseTrim(s.Trim); err != nil {
			return cfg, err
		}
		if !strings.EqualFold(s.Trim, "tabloid") && s.Columns == 0 && cfg.TrimWidth < 8*Inch {
			// Smaller sheets read better in one column unless asked.
			cfg.Columns = 1
		}
	}
	if s.Columns != 0 {
		cfg.Columns = s.Columns
	}
	if s.Bleed != "" {
		if cfg.Bleed, err = ParseLength(s.Bleed); err != nil {
			return cfg, fmt.Errorf("bleed: %w", err)
		}
	}
	if s.Margins != "" {
		mg, err := ParseLength(s.Margins)
		if err != nil {
			return cfg, fmt.Errorf("margins: %w", err)
		}
		cfg.MarginInner, cfg.MarginOuter, cfg.MarginTop, cfg.MarginBottom = mg, mg, mg, mg
	}
	if s.BodySize != "" {
		if cfg.BodySize, err = ParseLength(s.BodySize); err != nil {
			return cfg, fmt.Errorf("body_size: %w", err)
		}
		cfg.BodyLeading = cfg.BodySize * 5 / 4
	}
	if cfg.Columns == 1 {
		s.oneColumn(&cfg)
	}
	cfg.CropMarks = s.CropMarks
	cfg.Press = Press{Imprint: s.CropMarks, PDFX: s.PDFX, Grayscale: s.Grayscale}
	if s.Imprint != nil {
		cfg.Press.Imprint = *s.Imprint
	}
	s.hyphenation(&cfg.Break)
	cfg.KeepImageResolution = s.Downsample != nil && !*s.Downsample
	cfg.PadToMultiple = s.PadToMultiple
	cfg.BaselineGrid = s.BaselineGrid
	if cfg.Links, err = ParseLinkMode(s.Links); err != nil {
		return cfg, err
	}
	if lang != "" {
		cfg.Language = lang
	}
	return cfg, cfg.Validate()
}

// oneColumn is the type policy of a single column: one column across a
// wide sheet makes lines too long to read, so unless the settings say
// otherwise the type is larger and the measure kept near 75 characters.
func (s PrintSettings) oneColumn(cfg *Config) {
	if s.BodySize == "" {
		cfg.BodySize, cfg.BodyLeading = 11*Pt, 14*Pt
	}
	if s.Margins == "" {
		const measure = 140 * Mm
		if side := (cfg.TrimWidth - measure) / 2; side > cfg.MarginInner {
			cfg.MarginInner, cfg.MarginOuter = side, side
		}
	}
}

// hyphenation applies the hyphenation settings given to b.
func (s PrintSettings) hyphenation(b *BreakConfig) {
	if s.HyphenPenalty != nil {
		b.HyphenPenalty = *s.HyphenPenalty
	}
	if s.LeftHyphenMin != 0 {
		b.LeftHyphenMin = s.LeftHyphenMin
	}
	if s.RightHyphenMin != 0 {
		b.RightHyphenMin = s.RightHyphenMin
	}
}
