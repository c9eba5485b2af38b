package pipeline_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImportsPointDown checks the import direction the README's
// Architecture section draws, with go list: each package below may not
// depend, directly or through others, on the packages above it. Test
// helpers count (layout/layouttest is a package under layout/), and so
// do a package's own test files (go list's TestImports); only external
// test packages (layout_test, epub_test) may load whole editions through
// internal/pipeline/pipelinetest, which sits above them.
func TestImportsPointDown(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go tool not found")
	}
	const mod = "github.com/redtide/edition/"
	out, err := exec.Command(goTool, "list", "-e", "-f", "{{.ImportPath}}|{{join .Deps \" \"}}|{{join .TestImports \" \"}}", mod+"...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	type pkg struct{ deps, testImports []string }
	pkgs := map[string]pkg{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Split(line, "|")
		if len(f) != 3 {
			t.Fatalf("go list: %q", line)
		}
		pkgs[strings.TrimPrefix(f[0], mod)] = pkg{strings.Fields(f[1]), strings.Fields(f[2])}
	}
	for _, rule := range []struct {
		below  string   // a package, or a folder of packages ending in "/..."
		above  []string // import paths or prefixes ("…/..."), relative to the module unless their first element holds a dot
		reason string
	}{
		{"internal/printset", []string{mod + "..."}, "the print settings are a leaf that manifest and layout both read"},
		{"internal/model", []string{"layout/...", "internal/pdf", "internal/epub", "internal/edition", "internal/manifest", "internal/pipeline/..."}, "the document model is below every stage that makes or renders it"},
		{"internal/manifest", []string{"layout/...", "internal/pdf", "internal/epub", "internal/pipeline/..."}, "the manifest is read before anything is laid out"},
		{"layout/...", []string{"internal/pipeline/...", "internal/edition", "internal/manifest", "internal/pdf", "internal/epub"}, "layout computes positions from the model; the build is above it"},
		{"layout/...", []string{"github.com/go-pdf/fpdf", "github.com/go-shiori/go-epub"}, "layout paints nothing: internal/pdf paints its pages"},
		{"layout/text", []string{"layout", "layout/layouttest/..."}, "the paragraph setter knows nothing of pages: layout calls it"},
		{"internal/epub", []string{"layout/...", "internal/pdf", "github.com/go-pdf/fpdf"}, "the EPUB is made from the model alone (the page map comes in as data)"},
		{"internal/pdf", []string{"internal/epub", "github.com/go-shiori/go-epub", "internal/pipeline/..."}, "the PDF painter knows the laid-out document only"},
	} {
		checked := 0
		for path, p := range pkgs {
			if !matches(path, rule.below) {
				continue
			}
			checked++
			for _, dep := range append(p.deps, p.testImports...) {
				for _, a := range rule.above {
					if first, _, _ := strings.Cut(a, "/"); !strings.Contains(first, ".") {
						a = mod + a // relative to the module
					}
					if matches(dep, a) {
						t.Errorf("%s imports %s (through its own imports or its test files): %s", path, dep, rule.reason)
					}
				}
			}
		}
		if checked == 0 {
			t.Errorf("no package matches %q: the rule checks nothing", rule.below)
		}
	}
}

// matches reports whether import path p is pattern or, for a pattern
// ending in "/...", under it.
func matches(p, pattern string) bool {
	if prefix, ok := strings.CutSuffix(pattern, "/..."); ok {
		return p == prefix || strings.HasPrefix(p, prefix+"/")
	}
	return p == pattern
}
