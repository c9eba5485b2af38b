package pipeline_test

// The print PDF read back with poppler and qpdf: structure and fonts.

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/testenv"
)

// TestDefaultEditionPDF checks the print PDF with poppler and qpdf once
// the print engine writes one.
func TestDefaultEditionPDF(t *testing.T) {
	t.Parallel()
	res := runBuild(t, defaultManifest(t), t.TempDir(), testEpoch)
	file := pdfOf(t, res)

	t.Run("fonts embedded", func(t *testing.T) {
		argv := testenv.Tool(t, "pdffonts")
		out, err := exec.Command(argv[0], file).CombinedOutput()
		if err != nil {
			t.Fatalf("pdffonts: %v\n%s", err, out)
		}
		fonts := parsePDFFonts(t, string(out))
		if len(fonts) == 0 {
			t.Errorf("pdffonts lists no fonts:\n%s", out)
		}
		for _, f := range fonts {
			if f.emb != "yes" {
				t.Errorf("font %s (%s) not embedded", f.name, f.typ)
			}
		}
	})
	t.Run("qpdf check", func(t *testing.T) {
		argv := testenv.Tool(t, "qpdf")
		out, err := exec.Command(argv[0], "--check", file).CombinedOutput()
		if err != nil || !bytes.Contains(out, []byte("No syntax or stream encoding errors found")) ||
			bytes.Contains(out, []byte("WARNING")) {
			t.Errorf("qpdf --check: %v\n%s", err, out)
		}
	})
}

type pdfFont struct{ name, typ, emb string }

// parsePDFFonts reads pdffonts' table; its columns are fixed by the
// dashed rule under the header.
func parsePDFFonts(t *testing.T, out string) []pdfFont {
	t.Helper()
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[1], "---") {
		t.Fatalf("unexpected pdffonts output:\n%s", out)
	}
	header, rule := lines[0], lines[1]
	var cols [][2]int
	for i := 0; i < len(rule); {
		j := i
		for j < len(rule) && rule[j] == '-' {
			j++
		}
		cols = append(cols, [2]int{i, j})
		for j < len(rule) && rule[j] == ' ' {
			j++
		}
		i = j
	}
	cell := func(l string, c [2]int) string {
		if c[0] >= len(l) {
			return ""
		}
		return strings.TrimSpace(l[c[0]:min(c[1], len(l))])
	}
	idx := map[string]int{}
	for i, c := range cols {
		idx[cell(header, c)] = i
	}
	for _, k := range []string{"name", "type", "emb"} {
		if _, ok := idx[k]; !ok {
			t.Fatalf("pdffonts header has no %q column:\n%s", k, out)
		}
	}
	var fonts []pdfFont
	for _, l := range lines[2:] {
		fonts = append(fonts, pdfFont{cell(l, cols[idx["name"]]), cell(l, cols[idx["type"]]), cell(l, cols[idx["emb"]])})
	}
	return fonts
}
