package edition

import (
	"strings"
	"testing"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/model"
)

// TestPrintStart: front matter print_start: says where an article starts
// in print; a value not known is a warning at its line. The manifest's
// lead, price and tagline reach the edition.
func TestPrintStart(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.md": "---\ntitle: A\ndate: 2026-01-01\nprint_start: column\n---\ntext\n",
		"b.md": "---\ntitle: B\ndate: 2026-01-02\n\nprint_start: sideways\n---\ntext\n",
		"c.md": "---\ntitle: C\ndate: 2026-01-03\n---\ntext\n",
	})
	m := manifestFor(dir, "a.md", "b.md", "c.md")
	m.Lead, m.Price, m.Tagline = "c.md", "$1", "News"
	var log diag.Log
	ed, err := Build(m, &log, Options{})
	if err != nil {
		t.Fatal(err)
	}
	arts := ed.Sections[0].Articles
	if arts[0].PrintStart != model.StartColumn || arts[1].PrintStart != model.StartDefault || arts[2].PrintStart != model.StartDefault {
		t.Errorf("starts %q %q %q", arts[0].PrintStart, arts[1].PrintStart, arts[2].PrintStart)
	}
	if ed.Lead != arts[2] || ed.Price != "$1" || ed.Tagline != "News" {
		t.Errorf("lead %v price %q tagline %q", ed.Lead, ed.Price, ed.Tagline)
	}
	var warns []string
	for _, w := range log.Warnings() {
		warns = append(warns, w.String())
	}
	if got := strings.Join(warns, "\n"); !strings.Contains(got, "b.md:5: print_start \"sideways\"") {
		t.Errorf("warnings %q, want one for b.md:5", got)
	}
}
