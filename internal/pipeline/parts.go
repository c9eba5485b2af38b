package pipeline

import (
	"bytes"
	"fmt"
	"strconv"
	"time"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/cover"
	"github.com/redtide/edition/internal/epub"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/pdf"
	"github.com/redtide/edition/layout"
)

// The parts of a build, for `edition serve`, which runs them itself so
// as to reuse what the last build made (edition.Reuse, layout.Reuse) and
// show the pages before the EPUB and the PDF are made. Run is these
// parts in order; each does what Run does.

// FontSet returns the fonts of the edition of m: the embedded ones, with
// the manifest's text face if it names one.
func FontSet(m *manifest.Manifest) (*fonts.Set, error) { return fontSet(m) }

// Cover draws the typographic cover of an edition that has no cover
// image; nil for one that has.
func Cover(ed *model.Edition) ([]byte, error) { return drawCover(ed) }

// CoverText is what the typographic cover of ed prints, which is all
// that Cover draws it from; false for an edition with a cover image.
func CoverText(ed *model.Edition) (cover.Text, bool) { return coverText(ed) }

// EPUB writes the EPUB, marking the print edition's pages when there are
// any, with the cover Cover drew.
func EPUB(ed *model.Edition, mod time.Time, coverPNG []byte, pages []model.PageStart) ([]byte, error) {
	var eb bytes.Buffer
	if err := epub.Write(&eb, ed, epub.Options{Modified: mod, CoverPNG: coverPNG, Pages: pages}); err != nil {
		return nil, err
	}
	return eb.Bytes(), nil
}

// PDF paints the laid-out print edition.
func PDF(ed *model.Edition, d *layout.Document, set *fonts.Set, mod time.Time) ([]byte, error) {
	var buf bytes.Buffer
	meta := pdf.MetaFor(ed)
	meta.Date = mod
	if err := pdf.Write(&buf, d, set, meta); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return buf.Bytes(), nil
}

// Modified is the time the outputs carry: epoch, else the edition's date.
func Modified(ed *model.Edition, epoch *time.Time) time.Time {
	if epoch != nil {
		return *epoch
	}
	return ed.Date
}

// Write writes the outputs into dir, named as Run names them, all or
// none; a nil pdf writes the EPUB alone. It returns the files written and
// their bytes by name.
func Write(dir string, ed *model.Edition, epubBytes, pdfBytes []byte) ([]string, map[string][]byte, error) {
	base := Slug(ed.Publication)
	if ed.Number > 0 {
		base += "-" + strconv.Itoa(ed.Number)
	}
	outs := map[string][]byte{base + ".epub": epubBytes}
	if pdfBytes != nil {
		outs[base+".pdf"] = pdfBytes
	}
	files, err := writeAll(dir, outs)
	if err != nil {
		return files, nil, err
	}
	return files, outs, nil
}
