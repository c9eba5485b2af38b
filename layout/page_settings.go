package layout

import (
	"fmt"
	"strings"

	"github.com/redtide/edition/internal/printset"
)

// NewConfig returns the layout configuration that a manifest's print
// settings ask for: the defaults of DefaultConfig, the settings given, and
// the type policy for what is not given (which sizes and measures suit
// which sheet), checked by Config.Validate. lang is the edition's
// language. Errors name the key.
func NewConfig(s printset.Settings, lang string) (Config, error) {
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
		oneColumn(s, &cfg)
	}
	cfg.CropMarks = s.CropMarks
	cfg.Press = Press{Imprint: s.ImprintOn(), PDFX: s.PDFX, Grayscale: s.Grayscale}
	hyphenation(s, &cfg.Break)
	cfg.KeepImageResolution = !s.DownsampleOn()
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
func oneColumn(s printset.Settings, cfg *Config) {
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
func hyphenation(s printset.Settings, b *BreakConfig) {
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
