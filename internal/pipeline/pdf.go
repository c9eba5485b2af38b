package pipeline

import (
	"bytes"
	"fmt"
	"io"
	"time"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/pdf"
	"github.com/redtide/edition/layout"
)

// PrintConfig turns the manifest's print settings into a layout
// configuration (layout.NewConfig holds the defaults and the type policy);
// errors name the manifest line of the print block.
func PrintConfig(m *manifest.Manifest) (layout.Config, error) {
	cfg, err := layout.NewConfig(m.Print.Settings, m.Language)
	if err != nil {
		return cfg, diag.Errorf(m.Path, m.Print.Line, "print: %v", err)
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

// printed is the print edition (unless written out) and the warnings of
// its layout.
type printed struct {
	pdf      []byte
	warnings []diag.Warning
}

// renderPDF lays out and paints the print edition. laid is given the
// page starts once the pages are laid out, and, for a preview, the layout
// before it is painted; an error from it stops the build. Without a
// preview the layout is streamed: each page is painted as soon as it is
// made, and only its compressed content is kept; ahead is given the
// articles the pages have settled (layout.PageMap.Settled), with their
// final page starts, whose EPUB documents can be made while the layout
// goes on. With out, the PDF is
// written on it as it is made, else kept in pr.pdf. A sheet with an imprint
// is not streamed: the imprint prints the number of pages, known only
// at the end.
func renderPDF(ed *model.Edition, m *manifest.Manifest, mod time.Time, preview bool, out io.Writer,
	laid func(*layout.Document, []model.PageStart, *fonts.Set, []diag.Warning) error,
	ahead func([]*model.Article, []model.PageStart)) (printed, error) {
	var pr printed
	cfg, err := PrintConfig(m)
	if err != nil {
		return pr, err
	}
	set, err := fontSet(m)
	if err != nil {
		return pr, err
	}
	warn := func(w diag.Warning) { pr.warnings = append(pr.warnings, w) }
	meta := pdf.MetaFor(ed)
	meta.Date = mod
	var buf bytes.Buffer
	w := io.Writer(&buf)
	if out != nil {
		w = out
	}
	blank, err := layout.NewDocument(cfg)
	if err != nil {
		return pr, err
	}
	if preview || blank.Sheet().HasImprint {
		d, err := layout.Layout(ed, set, cfg, warn)
		if err != nil {
			return pr, err
		}
		if err := laid(d, d.PageStarts(ed), set, pr.warnings); err != nil {
			return pr, err
		}
		if err := pdf.Write(w, d, set, meta); err != nil {
			return pr, fmt.Errorf("pdf: %w", err)
		}
		if out == nil {
			pr.pdf = buf.Bytes()
		}
		return pr, nil
	}
	pw, err := pdf.NewWriter(w, blank, set, meta)
	if err != nil {
		return pr, fmt.Errorf("pdf: %w", err)
	}
	pm := layout.NewPageMap(ed)
	seen := 0
	d, err := layout.Stream(ed, set, cfg, warn, func(sp layout.StreamPage) error {
		if sp.Page.Index == seen {
			pm.AddStreamed(sp) // a draft will do
			seen++
			if arts, starts := pm.Settled(sp.Settled); len(arts) > 0 {
				ahead(arts, starts)
			}
		}
		if err := pw.Page(sp); err != nil {
			return fmt.Errorf("pdf: %w", err)
		}
		return nil
	})
	if err != nil {
		return pr, err
	}
	if err := laid(d, pm.Starts(), set, pr.warnings); err != nil {
		return pr, err
	}
	if err := pw.Close(d.Outline); err != nil {
		return pr, fmt.Errorf("pdf: %w", err)
	}
	if out == nil {
		pr.pdf = buf.Bytes()
	}
	return pr, nil
}
