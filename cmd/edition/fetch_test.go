package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestFetchCommand: fetch reads the edition as build does; a site
// without remote images needs nothing, and bad limits are usage errors.
// (Downloads are tested in internal/fetch against local servers.)
func TestFetchCommand(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "edition.yaml"), "publication: T\ndate: 2026-12-01\nsections:\n  - title: News\n    posts: [p.md]\n")
	writeFile(t, filepath.Join(dir, "p.md"), "---\ntitle: P\ndate: 2026-11-30\n---\nText.\n")
	code, stdout, stderr := runCLI(t, "fetch", filepath.Join(dir, "edition.yaml"))
	if code != 0 || !strings.Contains(stdout, "fetched 0 images") {
		t.Errorf("fetch: exit %d, %q, %q", code, stdout, stderr)
	}
	for _, args := range [][]string{
		{"fetch", "--max-size", "1TB", filepath.Join(dir, "edition.yaml")},
		{"fetch", "--max-total", "lots", filepath.Join(dir, "edition.yaml")},
		{"fetch", "--max-count", "0", filepath.Join(dir, "edition.yaml")},
	} {
		if code, _, stderr := runCLI(t, args...); code != 2 {
			t.Errorf("%v: exit %d (%s), want 2", args, code, stderr)
		}
	}
}

// TestBuildWithoutNetwork: the build does not depend on the package that
// downloads images (net/http it does, through go-epub, which is never
// given a URL).
func TestBuildWithoutNetwork(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go tool not found")
	}
	out, err := exec.Command(goTool, "list", "-deps", "github.com/redtide/edition/internal/pipeline").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		if dep == "github.com/redtide/edition/internal/fetch" {
			t.Errorf("the build depends on %s", dep)
		}
	}
}

func TestParseSize(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
	}{
		{"20MiB", 20 << 20}, {"1gib", 1 << 30}, {"500kB", 500_000}, {"1.5MB", 1_500_000}, {"4096", 4096}, {"10 KiB", 10 << 10},
		{"", -1}, {"-3MB", -1}, {"3 parsecs", -1}, {"MB", -1},
	} {
		got, err := parseSize(c.in)
		if c.want < 0 && err == nil || c.want >= 0 && (err != nil || got != c.want) {
			t.Errorf("parseSize(%q) = %d, %v; want %d", c.in, got, err, c.want)
		}
	}
}
