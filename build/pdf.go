package build

import (
	"time"

	"github.com/redtide/edition/doc"
	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/manifest"
)

// renderPDF lays out and paints the print edition. Until the print engine
// lands it writes nothing.
func renderPDF(ed *doc.Edition, m *manifest.Manifest, set *fonts.Set, mod time.Time) ([]byte, []diag.Warning, error) {
	return nil, nil, nil
}
