package pipeline_test

import (
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/pipeline"
	"github.com/redtide/edition/internal/testenv"
)

// mathSites are the math-heavy sites of ../shared/math/posts, each with
// its own way of marking math (see that folder's README).
var mathSites = []string{"cs228-notes", "cs231n", "statproofbook", "ath-quarto", "math-courses"}

var (
	mathElement = regexp.MustCompile(`<math[ >]`)
	unreadMath  = regexp.MustCompile(`class="math (?:display )?tex"`)
	mathML      = regexp.MustCompile(`(?s)<math[ >].*?</math>`)
	anyTag      = regexp.MustCompile(`(?s)<[^>]*>`)
	controlSeq  = regexp.MustCompile(`\\[A-Za-z]{2,}`) // two letters at least: "\A" may be \backslash A
)

// TestSharedMath builds each site of ../shared/math/posts as an edition
// assembled from its folder, as a user would, and checks that every
// formula reaches the EPUB as MathML (none is left as its TeX source),
// each content document holding MathML is declared so in the package
// document, and epubcheck and DAISY Ace report nothing; and that the PDF
// sets them (its text holds no TeX control sequence that the EPUB's text
// outside its formulas does not: a post may write \eqref in its prose) in
// STIX Two Math, embedded.
func TestSharedMath(t *testing.T) {
	root := testenv.Shared(t, "math/posts")
	for _, name := range mathSites {
		t.Run(name, func(t *testing.T) {
			dir := copyTree(t, filepath.Join(root, name))
			data, err := manifest.Assemble(dir, dir, manifest.AssembleOptions{Publication: name, Number: 1}, &diag.Log{})
			if err != nil {
				t.Fatal(err)
			}
			man := filepath.Join(dir, "edition.yaml")
			if err := os.WriteFile(man, data, 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := pipeline.Run(pipeline.Options{Manifest: man, OutDir: t.TempDir(), Epoch: &testEpoch})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range res.Warnings {
				if strings.Contains(w.Msg, "TeX math \"") {
					t.Errorf("formula not read: %s", w)
				}
			}
			path := epubOf(t, res)
			files := readEPUB(t, path)
			opf := string(entry(files, "EPUB/package.opf"))
			formulas := 0
			prose := map[string]int{} // control sequences in the EPUB's text outside math
			for _, f := range files {
				if !strings.HasSuffix(f.hdr.Name, ".xhtml") {
					continue
				}
				body := string(f.data)
				for _, cs := range controlSeq.FindAllString(html.UnescapeString(anyTag.ReplaceAllString(mathML.ReplaceAllString(body, " "), " ")), -1) {
					prose[cs]++
				}
				n := len(mathElement.FindAllString(body, -1))
				formulas += n
				if u := unreadMath.FindAllString(body, -1); len(u) > 0 {
					t.Errorf("%s: %d formulas set as TeX source", f.hdr.Name, len(u))
				}
				base := strings.TrimPrefix(f.hdr.Name, "EPUB/")
				if n > 0 && !regexp.MustCompile(`href="`+regexp.QuoteMeta(base)+`"[^>]*properties="[^"]*mathml`).MatchString(opf) {
					t.Errorf("%s holds MathML but the package document does not say so", f.hdr.Name)
				}
			}
			if formulas == 0 {
				t.Error("no MathML in the EPUB")
			}
			t.Logf("%d formulas as MathML", formulas)
			checkEPUB(t, path)
			t.Run("ace", func(t *testing.T) {
				checkAce(t, testenv.Tool(t, "ace"), path)
			})
			text := checkMathPDF(t, pdfOf(t, res), prose)
			if name == "statproofbook" {
				checkEquationRefs(t, text, res.Warnings)
			}
		})
	}
}

// checkMathPDF checks that the PDF at path holds no TeX control sequence
// beyond those of prose (the text outside formulas) and embeds the math
// face. It returns the PDF's text.
func checkMathPDF(t *testing.T, path string, prose map[string]int) string {
	t.Helper()
	argv := testenv.Tool(t, "pdftotext")
	out, err := exec.Command(argv[0], "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := string(out)
	seen := map[string]int{}
	for _, cs := range controlSeq.FindAllString(text, -1) {
		if seen[cs]++; seen[cs] > prose[cs] {
			t.Errorf("PDF: TeX %s set as text (%d times, %d in the prose)", cs, seen[cs], prose[cs])
			prose[cs] = seen[cs] // once per command
		}
	}
	argv = testenv.Tool(t, "pdffonts")
	out, err = exec.Command(argv[0], path).Output()
	if err != nil {
		t.Fatalf("pdffonts: %v", err)
	}
	embedded := regexp.MustCompile(`(?m)^[A-Z]{6}\+STIXTwoMath-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes`)
	if !embedded.Match(out) {
		t.Errorf("pdffonts: STIX Two Math not embedded as a subset with ToUnicode:\n%s", out)
	}
	return text
}

// numberedRef is a reference to an equation as MathJax prints it, in
// prose: "applying (4) to (10)".
var numberedRef = regexp.MustCompile(`(?:into|applying|by|from|to) \([0-9]+\)`)

// checkEquationRefs checks statproofbook's references (MathJax with
// autoNumber "all", \eqref in prose and in formulas): the PDF's text
// holds no \eqref, \ref or label, its references read as numbers, and
// every label is found.
func checkEquationRefs(t *testing.T, text string, warnings []diag.Warning) {
	t.Helper()
	for _, bad := range []string{`\eqref`, `\ref`, "(eq:", "(???)"} {
		if n := strings.Count(text, bad); n > 0 {
			t.Errorf("PDF text holds %q %d times", bad, n)
		}
	}
	if n := len(numberedRef.FindAllString(text, -1)); n < 3 {
		t.Errorf("%d references in the prose read as equation numbers, want 3 at least", n)
	}
	for _, w := range warnings {
		if strings.Contains(w.Msg, "equation has the label") {
			t.Errorf("unresolved reference: %s", w)
		}
	}
}
