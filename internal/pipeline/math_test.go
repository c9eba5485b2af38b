package pipeline_test

import (
	"os"
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
)

// TestSharedMath builds each site of ../shared/math/posts as an edition
// assembled from its folder, as a user would, and checks that every
// formula reaches the EPUB as MathML (none is left as its TeX source),
// each content document holding MathML is declared so in the package
// document, and epubcheck reports nothing.
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
			for _, f := range files {
				if !strings.HasSuffix(f.hdr.Name, ".xhtml") {
					continue
				}
				body := string(f.data)
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
		})
	}
}
