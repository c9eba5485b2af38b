package edition

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/testenv"
)

// TestLessonLanguages builds the Programming Historian lessons as one
// edition, from a manifest outside the site that names it with site:, and
// checks that each lesson's language is read from the site's
// _config.yml defaults (folders en, es, fr, pt), none set in front matter
// being needed, and that no lesson reads as another language.
func TestLessonLanguages(t *testing.T) {
	root := testenv.Shared(t, "lessons/programminghistorian")
	dir := t.TempDir()
	rel, err := filepath.Rel(dir, root)
	if err != nil {
		t.Skip("the lessons and the temporary folder share no root")
	}
	files, _ := filepath.Glob(filepath.Join(root, "*", "*.md"))
	sort.Strings(files)
	var b strings.Builder
	fmt.Fprintf(&b, "publication: Lessons\ndate: 2026-11-25\nsite: %s\nposts:\n", filepath.ToSlash(rel))
	for _, f := range files {
		r, _ := filepath.Rel(dir, f)
		fmt.Fprintf(&b, "  - %s\n", filepath.ToSlash(r))
	}
	file := filepath.Join(dir, "edition.yaml")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := manifest.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	var log diag.Log
	ed, err := Build(m, &log, Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := map[string]int{}
	for _, s := range ed.Sections {
		for _, a := range s.Articles {
			folder := filepath.Base(filepath.Dir(a.Source))
			if a.Language != folder {
				t.Errorf("%s: language %q, want %q", a.Source, a.Language, folder)
			}
			n[a.Language]++
		}
	}
	for _, w := range log.Warnings() {
		if strings.Contains(w.Msg, "reads as") {
			t.Errorf("%s", w)
		}
	}
	if len(n) != 4 {
		t.Errorf("languages %v", n)
	}
	t.Logf("lessons by language: %v", n)
}
