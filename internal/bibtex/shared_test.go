package bibtex

import (
	"os"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/testenv"
)

// sharedBibs are the real databases of ../shared/citations with their
// entry counts (items after the later of two equal keys replaces the
// earlier).
var sharedBibs = []struct {
	path  string
	items int
}{
	{"citations/posts/jekyll-scholar/genderkit/_bibliography/references.bib", 185},
	{"citations/posts/jekyll-scholar/m-pilia/_bibliography/references.bib", 26},
	{"citations/posts/pandoc/andrewheiss/files/bib/references.bib", 27},
	{"citations/other-documents/tikhonovfenichel-joss-paper/paper/paper.bib", 20},
	{"citations/other-documents/minicomp-ed/optional/jekyll-scholar starter kit/_bibliography/references.bib", 5},
	{"citations/pandoc-tests/test/command/biblio.bib", 3},
}

// TestSharedDatabases reads every real .bib: no error, the expected
// number of items, every item positioned, no TeX left in any variable or
// name, and the one known duplicate key reported.
func TestSharedDatabases(t *testing.T) {
	for _, db := range sharedBibs {
		t.Run(db.path[strings.LastIndex(db.path[:strings.LastIndex(db.path, "/")], "/")+1:], func(t *testing.T) {
			p := testenv.Shared(t, db.path)
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			items, probs, err := Parse("refs.bib", data)
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if len(items) != db.items {
				t.Errorf("%d items, want %d", len(items), db.items)
			}
			for _, pr := range probs {
				if !strings.Contains(pr.Msg, "wierckx2014clinical") && !strings.Contains(pr.Msg, `field "doi" is given twice`) {
					t.Errorf("unexpected problem: %v", pr)
				}
			}
			for _, it := range items {
				checkClean(t, it.ID, it.Pos.Line, flatten(it))
			}
		})
	}
}

// checkClean fails on TeX left in converted text.
func checkClean(t *testing.T, id string, line int, m map[string]string) {
	t.Helper()
	if line <= 0 {
		t.Errorf("%s: no line", id)
	}
	for k, v := range m {
		if k == "URL" || k == "DOI" {
			continue
		}
		if strings.Contains(k, ".") && strings.HasPrefix(v, "{") { // a literal name
			v = strings.TrimSuffix(v[1:], "}")
		}
		if strings.ContainsAny(v, `\{}`) || strings.Contains(v, "--") {
			t.Errorf("%s: %s = %q still holds TeX", id, k, v)
		}
	}
}

// TestGenderkit checks what the genderkit database is known for: 186
// entries, one key twice with the later one kept, corporate authors in
// double braces and accented names.
func TestGenderkit(t *testing.T) {
	p := testenv.Shared(t, sharedBibs[0].path)
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), "\n@") + 1; n != 186 {
		t.Fatalf("the file has %d entries, want 186", n)
	}
	items, probs, err := Parse("references.bib", data)
	if err != nil {
		t.Fatal(err)
	}
	var dup []string
	for _, pr := range probs {
		if strings.Contains(pr.Msg, "wierckx2014clinical") {
			dup = append(dup, pr.String())
		}
	}
	if len(dup) != 1 || !strings.Contains(dup[0], "references.bib:1811:") || !strings.Contains(dup[0], "references.bib:258") {
		t.Errorf("duplicate key problems = %q, want one naming lines 1811 and 258", dup)
	}
	byID := map[string]map[string]string{}
	for _, it := range items {
		byID[it.ID] = flatten(it)
	}
	for id, want := range map[string]map[string]string{
		"wierckx2014clinical":  {"line": "1811"},
		"gmc-cosmetic":         {"author.0": "{General Medical Council}", "type": "webpage"},
		"van2017effectiveness": {"author.3": "Zoë|||Van den Eede|"},
		"de2007relaxing":       {"author.0": "Tania Cristina|de||Sá Dias|"},
	} {
		for k, v := range want {
			if got := byID[id][k]; got != v {
				t.Errorf("%s: %s = %q, want %q", id, k, got, v)
			}
		}
	}
}
