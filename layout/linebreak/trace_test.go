package linebreak

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTraceFrogKing checks Trace against a golden account of the K&P
// paragraph at 280pt, where the first pass (without hyphens) fails, and
// that it returns what Break returns.
func TestTraceFrogKing(t *testing.T) {
	items, labels := paragraph(frogKing, 0)
	p := DefaultParams()
	width := constWidth(fromPoints(280))
	lines, ok, got := Trace(items, width, p, func(i int) string { return labels[i] })
	want, wantOK := Break(items, width, p)
	if ok != wantOK || fmt.Sprint(lines) != fmt.Sprint(want) {
		t.Errorf("Trace returned %v %v, Break %v %v", ok, lines, wantOK, want)
	}
	for _, s := range []string{"@firstpass\n", "@secondpass\n", "@@1: line 1.", " -> @@0\n", `@\par via @@`, `@\discretionary via @@`, "@chosen @@"} {
		if !strings.Contains(got, s) {
			t.Errorf("trace lacks %q", s)
		}
	}
	golden := filepath.Join("testdata", "frog-trace.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != got {
		t.Errorf("trace differs from %s (run go test -update):\n%s", golden, got)
	}
}

// TestTraceFailure checks that a paragraph with no feasible breaks says so
// and that boxes without labels print their widths.
func TestTraceFailure(t *testing.T) {
	items := FinishParagraph([]Item{Box(50 * Pt)})
	_, ok, got := Trace(items, constWidth(40*Pt), DefaultParams(), nil)
	if ok || !strings.HasSuffix(got, "@no feasible breaks\n") {
		t.Errorf("ok=%v, trace\n%s", ok, got)
	}
	if !strings.Contains(got, fmt.Sprintf("[%d]", 50*Pt)) && strings.Contains(got, "@") {
		t.Logf("trace:\n%s", got)
	}
}
