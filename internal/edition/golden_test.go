package edition

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/biblio/bibliotest"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/model"
)

var update = flag.Bool("update", false, "rewrite golden files")

// buildOne builds a one-article edition from dir/name.
func buildOne(t *testing.T, dir, name string) (*model.Edition, []diag.Warning, error) {
	t.Helper()
	var log diag.Log
	ed, err := Build(bibliotest.OnePost(dir, name), &log, Options{})
	return ed, log.Warnings(), err
}

// TestGolden converts each testdata/golden/*.md post and compares the
// model dump and the warnings with the .golden file beside it.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/golden/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			ed, ws, err := buildOne(t, "testdata/golden", name)
			if err != nil {
				t.Fatalf("build: %v", err)
			}
			var b strings.Builder
			b.WriteString(model.Dump(ed))
			b.WriteString("-- warnings --\n")
			for _, w := range ws {
				b.WriteString(filepath.ToSlash(w.String()) + "\n")
			}
			got := b.String()
			golden := strings.TrimSuffix(f, ".md") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got != string(want) {
				t.Errorf("model of %s differs from %s:\n%s", name, golden, diffLines(string(want), got))
			}
		})
	}
}

// diffLines shows the first differing lines of two texts.
func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("line " + itoa(i+1) + ":\n  want: " + wl + "\n  got:  " + gl + "\n")
			if shown++; shown > 8 {
				break
			}
		}
	}
	return b.String()
}

func itoa(n int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + fmtInt(n)) }

func fmtInt(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return fmtInt(n/10) + string(rune('0'+n%10))
}
