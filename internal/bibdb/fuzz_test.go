package bibdb

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/redtide/edition/internal/bib"
)

// FuzzFromJSON checks that no input panics the CSL-JSON reader and that
// errors and items carry the file and a line inside it.
func FuzzFromJSON(f *testing.F) {
	f.Add([]byte(cslJSON))
	f.Add([]byte(`{"id": "x", "issued": {"date-parts": [[2020, 1, 2], ["2021"]]}}`))
	f.Add([]byte(`[{"id": 1, "author": "Plato", "issued": "2020/2021", "accessed": [{"year": 1}]}]`))
	f.Fuzz(func(t *testing.T, src []byte) {
		items, probs, err := FromJSON("f.json", src)
		checkFuzz(t, "f.json", src, items, probs, err)
	})
}

// FuzzFromYAMLFile does the same for CSL-YAML.
func FuzzFromYAMLFile(f *testing.F) {
	f.Add([]byte(cslYAML))
	f.Add([]byte("- id: x\n  title: '*a* **b** ^c^ ~d~ [e]{.nocase} \\\\*'\n  issued: {year: 2020, month: x}\n"))
	f.Add([]byte("references:\n- &a {id: a}\n- *a\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		items, probs, err := FromYAMLFile("f.yaml", src)
		checkFuzz(t, "f.yaml", src, items, probs, err)
	})
}

func checkFuzz(t *testing.T, file string, src []byte, items []*bib.Item, probs []Problem, err error) {
	lines := strings.Count(string(src), "\n") + strings.Count(string(src), "\r") + 1 // YAML ends lines at a lone CR too
	if err != nil && !strings.HasPrefix(err.Error(), file) {
		t.Fatalf("error does not name the file: %v", err)
	}
	for _, p := range probs {
		if p.Pos.File != file || p.Pos.Line > lines {
			t.Fatalf("problem at %v: %s", p.Pos, p.Msg)
		}
	}
	for _, it := range items {
		if it.ID == "" || it.Pos.Line < 1 || it.Pos.Line > lines {
			t.Fatalf("item %q at line %d of %d", it.ID, it.Pos.Line, lines)
		}
	}
}

// BenchmarkLoad5000 loads a 5,000-entry BibTeX database through Load
// and looks up 1,000 keys, as an edition citing 1,000 times would.
func BenchmarkLoad5000(b *testing.B) {
	var sb strings.Builder
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&sb, "@article{k%d,\n  author = {M{\\\"u}ller, J{\\'o}zsef and van der Berg, Anna},\n  title = {On the {DNA} of things, part %d},\n  journal = {Journal}, year = %d, month = mar, volume = {%d}, pages = {%d--%d}\n}\n\n", i, i, 1900+i%120, i%90, i, i+10)
	}
	fsys := fstest.MapFS{"refs.bib": {Data: []byte(sb.String())}}
	for b.Loop() {
		db, _, err := Load(fsys, []string{"refs.bib"})
		if err != nil || db.Len() != 5000 {
			b.Fatal(err)
		}
		for i := 0; i < 1000; i++ {
			if db.Lookup(fmt.Sprintf("k%d", i*5)) == nil {
				b.Fatal("missing key")
			}
		}
	}
}
