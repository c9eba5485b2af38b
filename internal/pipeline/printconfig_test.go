package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/layout"
)

// TestPrintConfigHyphenation checks the manifest's hyphenation keys: set,
// left at the layout's defaults, and out of range with the print block's
// line, which the manifest reports when it is read.
func TestPrintConfigHyphenation(t *testing.T) {
	const head = "publication: P\ndate: 2026-01-01\nposts: [a.md]\nprint:\n"
	for _, c := range []struct {
		print string
		want  func(layout.BreakConfig) bool
		err   string
	}{
		{"  columns: 2\n", func(b layout.BreakConfig) bool { return b == layout.DefaultBreakConfig() }, ""},
		{"  hyphen_penalty: 0\n  left_hyphen_min: 3\n  right_hyphen_min: 4\n", func(b layout.BreakConfig) bool {
			return b.HyphenPenalty == 0 && b.LeftHyphenMin == 3 && b.RightHyphenMin == 4
		}, ""},
		{"  hyphen_penalty: 20000\n", nil, "e.yaml:4: print: hyphen penalty 20000 is outside 0–10000"},
	} {
		var cfg layout.Config
		m, err := manifest.Parse("e.yaml", []byte(head+c.print))
		if err == nil {
			cfg, err = PrintConfig(m)
		}
		switch {
		case c.err != "":
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%q: error %v, want %q", c.print, err, c.err)
			}
		case err != nil:
			t.Errorf("%q: %v", c.print, err)
		case !c.want(cfg.Break):
			t.Errorf("%q: %+v", c.print, cfg.Break)
		}
	}
}

// TestPressKeys: imprint follows crop_marks unless given; pdfx and
// grayscale are passed on to the renderer.
func TestPressKeys(t *testing.T) {
	for _, c := range []struct {
		print                    string
		imprint, pdfx, grayscale bool
	}{
		{"crop_marks: true", true, false, false},
		{"crop_marks: false", false, false, false},
		{"crop_marks: true\n  imprint: false", false, false, false},
		{"imprint: true", true, false, false},
		{"pdfx: true\n  grayscale: true", false, true, true},
	} {
		m, err := manifest.Parse("x/edition.yaml", []byte("publication: P\ndate: 2026-01-02\nposts: [a.md]\nprint:\n  "+c.print+"\n"))
		if err != nil {
			t.Fatalf("%q: %v", c.print, err)
		}
		cfg, err := PrintConfig(m)
		if err != nil {
			t.Fatalf("%q: %v", c.print, err)
		}
		if p := cfg.Press; p.Imprint != c.imprint || p.PDFX != c.pdfx || p.Grayscale != c.grayscale {
			t.Errorf("%q: imprint %v, pdfx %v, grayscale %v; want %v, %v, %v", c.print, p.Imprint, p.PDFX, p.Grayscale, c.imprint, c.pdfx, c.grayscale)
		}
	}
}

// TestPrintConfigErrors: a value the layout cannot use is an error on the
// print block's line, and `edition check` (Load) reports it.
func TestPrintConfigErrors(t *testing.T) {
	for _, c := range []struct{ print, want string }{
		{"  links: footnotes\n", `e.yaml:4: print: links "footnotes": want notes, inline or off`},
		{"  trim: huge\n", `e.yaml:4: print: trim size "huge"`},
		{"  body_size: 50pt\n", "e.yaml:4: print: body size 50pt is outside 4pt–36pt"},
	} {
		m, err := manifest.Parse("e.yaml", []byte("publication: P\ndate: 2026-01-01\nposts: [a.md]\nprint:\n"+c.print))
		if err != nil {
			t.Fatalf("%q: %v", c.print, err)
		}
		if _, err := PrintConfig(m); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.print, err, c.want)
		}
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "edition.yaml")
	src := "publication: P\ndate: 2026-01-01\nposts: [a.md]\nprint:\n  columns: 3\n"
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("---\ntitle: A\n---\nText.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := Load(Options{Manifest: file}); err == nil || !strings.Contains(err.Error(), "edition.yaml:4: print: columns must be 1 or 2") {
		t.Errorf("check: error %v, want the print block's columns", err)
	}
}
