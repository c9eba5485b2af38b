package bibdb

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/bib"
	"github.com/redtide/edition/internal/testenv"
)

// TestSharedCSLJSON reads the real CSL-JSON files: every item has an id,
// a type, a line and variables.
func TestSharedCSLJSON(t *testing.T) {
	root := testenv.Shared(t, "citations")
	for rel, n := range map[string]int{
		"posts/pandoc/andrewheiss/blog/2023/07/25/conjoint-bayesian-frequentist-guide/references.json": 7,
		"posts/pandoc/andrewheiss/blog/2024/03/21/demystifying-ate-att-atu/references.json":            11,
		"other-documents/manubot-rootstock/content/manual-references.json":                             1,
	} {
		data, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil {
			t.Fatal(err)
		}
		items, probs, err := FromJSON(rel, data)
		if err != nil || len(probs) > 0 {
			t.Errorf("%s: %v %v", rel, err, probs)
		}
		if len(items) != n {
			t.Errorf("%s: %d items, want %d", rel, len(items), n)
		}
		checkItems(t, rel, items)
	}
}

// TestSharedFrontMatter reads the references: of every pandoc test and
// post that has them, as pandoc reads them.
func TestSharedFrontMatter(t *testing.T) {
	root := testenv.Shared(t, "citations")
	var files []string
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".qmd")) {
			files = append(files, p)
		}
		return nil
	})
	n := 0
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		fm := frontMatter(string(data))
		if !strings.Contains(fm, "\nreferences:") {
			continue
		}
		n++
		rel, _ := filepath.Rel(root, p)
		items, probs, err := FromYAMLFile(rel, []byte(fm))
		if err != nil || len(probs) > 0 || len(items) == 0 {
			t.Errorf("%s: %d items, %v %v", rel, len(items), err, probs)
		}
		checkItems(t, rel, items)
	}
	if n < 10 {
		t.Errorf("only %d files with references:", n)
	}
}

// frontMatter returns the YAML between the opening "---" and the next
// "---" or "..." line (after pandoc tests' "% command" and "```" lines).
func frontMatter(s string) string {
	i := strings.Index(s, "---\n")
	if i < 0 {
		return ""
	}
	rest := s[i+4:]
	for _, end := range []string{"\n---\n", "\n...\n"} {
		if j := strings.Index(rest, end); j >= 0 {
			return "---\n" + rest[:j+1]
		}
	}
	return ""
}

func checkItems(t *testing.T, file string, items []*bib.Item) {
	t.Helper()
	for _, it := range items {
		if it.ID == "" || it.Type == "" || it.Pos.Line < 1 {
			t.Errorf("%s: item %+v lacks an id, a type or a line", file, it)
		}
		if len(it.Vars) == 0 && len(it.Names) == 0 {
			t.Errorf("%s: %s has no variables", file, it.ID)
		}
	}
}

// TestSharedLoadAll loads the eight real databases of
// ../shared/citations together: 281 works, two keys defined twice (one
// within genderkit's file, one across two of Andrew Heiss's JSON files),
// no error.
func TestSharedLoadAll(t *testing.T) {
	root := testenv.Shared(t, "citations")
	files := []string{
		"posts/pandoc/andrewheiss/files/bib/references.bib",
		"posts/pandoc/andrewheiss/blog/2023/07/25/conjoint-bayesian-frequentist-guide/references.json",
		"posts/pandoc/andrewheiss/blog/2024/03/21/demystifying-ate-att-atu/references.json",
		"posts/jekyll-scholar/genderkit/_bibliography/references.bib",
		"posts/jekyll-scholar/m-pilia/_bibliography/references.bib",
		"other-documents/tikhonovfenichel-joss-paper/paper/paper.bib",
		"other-documents/minicomp-ed/optional/jekyll-scholar starter kit/_bibliography/references.bib",
		"other-documents/manubot-rootstock/content/manual-references.json",
	}
	db, probs, err := Load(os.DirFS(root), files)
	if err != nil {
		t.Fatal(err)
	}
	if db.Len() != 281 {
		t.Errorf("%d works, want 281", db.Len())
	}
	var dups []string
	for _, p := range probs {
		if strings.Contains(p.Msg, "defined twice") {
			dups = append(dups, p.String())
		}
	}
	if len(dups) != 2 {
		t.Errorf("keys defined twice: %q, want McElreath:2020 and wierckx2014clinical", dups)
	}
	for _, id := range db.IDs() {
		if it := db.Lookup(id); it == nil || it.Pos.Line < 1 {
			t.Errorf("%s: no item or no line", id)
		}
	}
}
