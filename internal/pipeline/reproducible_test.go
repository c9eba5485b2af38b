package pipeline_test

// Reproducible builds: the same input and SOURCE_DATE_EPOCH give the
// same bytes.

import (
	"bytes"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/redtide/edition/internal/pipeline"
)

// TestReproducible builds twice with the same epoch and compares bytes,
// then once with another SOURCE_DATE_EPOCH and checks that only the
// modification date changes.
func TestReproducible(t *testing.T) {
	t.Parallel()
	m := defaultManifest(t)
	a := runBuild(t, m, t.TempDir(), testEpoch)
	// Several builds, not two: output in map order differs only now and
	// then (two builds of fpdf's equal-width images agree half the time).
	for range 3 {
		b := runBuild(t, m, t.TempDir(), testEpoch)
		if len(a.Outputs) != len(b.Outputs) || len(a.Outputs) == 0 {
			t.Fatalf("outputs %v and %v", a.Outputs, b.Outputs)
		}
		for i := range a.Outputs {
			x, y := readFile(t, a.Outputs[i]), readFile(t, b.Outputs[i])
			if filepath.Base(a.Outputs[i]) != filepath.Base(b.Outputs[i]) || !bytes.Equal(x, y) {
				t.Errorf("%s and %s differ", a.Outputs[i], b.Outputs[i])
			}
		}
	}

	epoch, err := pipeline.Epoch(func(k string) string {
		if k == "SOURCE_DATE_EPOCH" {
			return "1700000000"
		}
		return ""
	})
	if err != nil || epoch == nil {
		t.Fatalf("pipeline.Epoch: %v, %v", epoch, err)
	}
	c := runBuild(t, m, t.TempDir(), *epoch)
	fa, fc := readEPUB(t, epubOf(t, a)), readEPUB(t, epubOf(t, c))
	if len(fa) != len(fc) {
		t.Fatalf("%d entries with one epoch, %d with another", len(fa), len(fc))
	}
	stamp := regexp.MustCompile(`(<meta property="dcterms:modified">)[^<]*(</meta>)`)
	for i := range fa {
		x, y := fa[i], fc[i]
		if !y.hdr.Modified.Equal(*epoch) {
			t.Errorf("%s: zip time %v, want %v", y.hdr.Name, y.hdr.Modified, *epoch)
		}
		xd, yd := x.data, y.data
		if x.hdr.Name == "EPUB/package.opf" {
			if bytes.Equal(xd, yd) {
				t.Errorf("package.opf is the same for two epochs")
			}
			xd, yd = stamp.ReplaceAll(xd, []byte("$1$2")), stamp.ReplaceAll(yd, []byte("$1$2"))
		}
		if x.hdr.Name != y.hdr.Name || !bytes.Equal(xd, yd) {
			t.Errorf("entry %d: %s and %s differ beyond the modified date", i, x.hdr.Name, y.hdr.Name)
		}
	}

	if pa, pc := output(a, ".pdf"), output(c, ".pdf"); pa != "" && pc != "" {
		// PDF dates (D:YYYYMMDDHHmmSS…) and a trailer /ID hashed from them
		// may differ; nothing else may.
		date := regexp.MustCompile(`D:\d{4,14}(?:Z|[+-]\d{2}'?\d{2}'?)?`)
		id := regexp.MustCompile(`/ID\s*\[\s*<[0-9A-Fa-f]*>\s*<[0-9A-Fa-f]*>\s*\]`)
		norm := func(b []byte) []byte { return id.ReplaceAll(date.ReplaceAll(b, []byte("D:")), []byte("/ID[]")) }
		if !bytes.Equal(norm(readFile(t, pa)), norm(readFile(t, pc))) {
			t.Errorf("%s and %s differ beyond their dates", pa, pc)
		}
	}
}
