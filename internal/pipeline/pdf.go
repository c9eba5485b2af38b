package pipeline

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/pdf"
	"github.com/redtide/edition/layout"
)

// PrintConfig turns the manifest's print settings into a layout
// configuration; errors name the manifest line of the print block.
func PrintConfig(m *manifest.Manifest) (layout.Config, error) {
	cfg := layout.DefaultConfig()
	p := m.Print
	bad := func(err error) error { return diag.Errorf(m.Path, p.Line, "print: %v", err) }
	var err error
	if p.Trim != "" {
		if cfg.TrimWidth, cfg.TrimHeight, err = layout.ParseTrim(p.Trim); err != nil {
			return cfg, bad(err)
		}
		if !strings.EqualFold(p.Trim, "tabloid") && p.Columns == 0 {
			// Smaller sheets read better in one column unless asked.
			if cfg.TrimWidth < 8*layout.Inch {
				cfg.Columns = 1
			}
		}
	}
	if p.Columns != 0 {
		cfg.Columns = p.Columns
	}
	if p.Bleed != "" {
		if cfg.Bleed, err = layout.ParseLength(p.Bleed); err != nil {
			return cfg, bad(fmt.Errorf("bleed: %w", err))
		}
	}
	if p.Margins != "" {
		mg, err := layout.ParseLength(p.Margins)
		if err != nil {
			return cfg, bad(fmt.Errorf("margins: %w", err))
		}
		cfg.MarginInner, cfg.MarginOuter, cfg.MarginTop, cfg.MarginBottom = mg, mg, mg, mg
	}
	if p.BodySize != "" {
		if cfg.BodySize, err = layout.ParseLength(p.BodySize); err != nil {
			return cfg, bad(fmt.Errorf("body_size: %w", err))
		}
		cfg.BodyLeading = cfg.BodySize * 5 / 4
	}
	if cfg.Columns == 1 {
		// One column across a wide sheet makes lines too long to read:
		// unless the manifest says otherwise, set a larger type and keep the
		// measure near 75 characters.
		if p.BodySize == "" {
			cfg.BodySize, cfg.BodyLeading = 11*layout.Pt, 14*layout.Pt
		}
		if p.Margins == "" {
			const measure = 140 * layout.Mm
			if side := (cfg.TrimWidth - measure) / 2; side > cfg.MarginInner {
				cfg.MarginInner, cfg.MarginOuter = side, side
			}
		}
	}
	if p.HyphenPenalty != nil {
		cfg.Break.HyphenPenalty = *p.HyphenPenalty
	}
	if p.LeftHyphenMin != 0 {
		cfg.Break.LeftHyphenMin = p.LeftHyphenMin
	}
	if p.RightHyphenMin != 0 {
		cfg.Break.RightHyphenMin = p.RightHyphenMin
	}
	cfg.CropMarks = p.CropMarks
	cfg.Press = layout.Press{Imprint: p.Imprint, PDFX: p.PDFX, Grayscale: p.Grayscale}
	cfg.KeepImageResolution = p.KeepResolution
	cfg.PadToMultiple = p.PadToMultiple
	if m.Language != "" {
		cfg.Language = m.Language
	}
	if err := cfg.Validate(); err != nil {
		return cfg, bad(err)
	}
	return cfg, nil
}

// fontSet returns the embedded fonts, with the manifest's text face if it
// names one.
func fontSet(m *manifest.Manifest) (*fonts.Set, error) {
	def := fonts.Default()
	f := m.Fonts
	if f.Regular == "" {
		return def, nil
	}
	read := func(rel string) ([]byte, error) {
		if rel == "" {
			return nil, nil
		}
		data, err := manifest.Open(m.Root, rel)
		if err != nil {
			return nil, diag.Errorf(m.Path, f.Line, "font %q: %v", rel, err)
		}
		return data, nil
	}
	var data [4][]byte
	for i, rel := range []string{f.Regular, f.Italic, f.Bold, f.BoldItalic} {
		d, err := read(rel)
		if err != nil {
			return nil, err
		}
		data[i] = d
	}
	fam, err := fonts.LoadFamily(f.Regular, data[0], data[1], data[2], data[3])
	if err != nil {
		return nil, diag.Errorf(m.Path, f.Line, "%v", err)
	}
	return &fonts.Set{Text: fam, Display: def.Display, Mono: def.Mono}, nil
}

// printed is the print edition and the warnings of its layout.
type printed struct {
	pdf      []byte
	warnings []diag.Warning
}

// renderPDF lays out and paints the print edition. laid is given the
// layout before it is painted; an error from it stops the build.
func renderPDF(ed *model.Edition, m *manifest.Manifest, mod time.Time,
	laid func(*layout.Document, *fonts.Set, []diag.Warning) error) (printed, error) {
	var pr printed
	cfg, err := PrintConfig(m)
	if err != nil {
		return pr, err
	}
	set, err := fontSet(m)
	if err != nil {
		return pr, err
	}
	warn := func(pos, msg string) { pr.warnings = append(pr.warnings, positioned(pos, msg)) }
	d, err := layout.Layout(ed, set, cfg, warn)
	if err != nil {
		return pr, err
	}
	if err := laid(d, set, pr.warnings); err != nil {
		return pr, err
	}
	var buf bytes.Buffer
	meta := pdf.MetaFor(ed)
	meta.Date = mod
	if err := pdf.Write(&buf, d, set, meta); err != nil {
		return pr, fmt.Errorf("pdf: %w", err)
	}
	pr.pdf = buf.Bytes()
	return pr, nil
}

// positioned splits "path:line" as layout reports positions.
func positioned(pos, msg string) diag.Warning {
	if i := strings.LastIndexByte(pos, ':'); i > 0 {
		if n, err := strconv.Atoi(pos[i+1:]); err == nil {
			return diag.Warning{Path: pos[:i], Line: n, Msg: msg}
		}
	}
	return diag.Warning{Path: pos, Msg: msg}
}
