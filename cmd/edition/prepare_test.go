package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestPrepare writes the default edition as Markdown: one file named as
// the build's outputs are, every image it refers to written beside it,
// and every footnote label defined once.
func TestPrepare(t *testing.T) {
	t.Chdir(repoRoot(t))
	out := t.TempDir()
	code, stdout, stderr := runCLI(t, "prepare", "-q", "-o", out)
	if code != 0 {
		t.Fatalf("prepare: exit %d\n%s", code, stderr)
	}
	if stdout != "" {
		t.Errorf("-q printed %q", stdout)
	}
	md, err := os.ReadFile(filepath.Join(out, "the-red-tide-12.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(md)
	if !strings.HasPrefix(text, "---\ntitle: ") {
		t.Errorf("no metadata block:\n%.200s", text)
	}
	refs := regexp.MustCompile(`\]\((images/[^)]+)\)`).FindAllStringSubmatch(text, -1)
	if len(refs) == 0 {
		t.Error("the default edition's images are not referred to")
	}
	for _, r := range refs {
		if st, err := os.Stat(filepath.Join(out, r[1])); err != nil || st.Size() == 0 {
			t.Errorf("%s not written: %v", r[1], err)
		}
	}
	defs := regexp.MustCompile(`(?m)^\[\^(\d+-\d+)\]: `).FindAllStringSubmatch(text, -1)
	seen := map[string]bool{}
	for _, d := range defs {
		if seen[d[1]] {
			t.Errorf("note label %s defined twice", d[1])
		}
		seen[d[1]] = true
		if !strings.Contains(text, "[^"+d[1]+"]") {
			t.Errorf("note %s never referenced", d[1])
		}
	}
	if len(defs) == 0 {
		t.Error("no notes in the default edition's Markdown")
	}
}
