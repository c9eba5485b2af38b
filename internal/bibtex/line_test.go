package bibtex

import (
	"testing"

	"github.com/redtide/edition/internal/diag"
)

// TestParserLine checks the parser's counting of lines against the line
// index, for offsets asked in order, backwards and past the end.
func TestParserLine(t *testing.T) {
	src := "@book{a,\n  title = {x},\n\n}\n% comment\n@misc{b}\n"
	idx := diag.NewLines([]byte(src), 0)
	p := newParser("x.bib", src)
	offs := []int{0, 3, 8, 9, 9, 20, 24, 2, 30, len(src) - 1, len(src), 5, len(src) + 3}
	for _, off := range offs {
		if got, want := p.line(off), idx.Line(off); got != want {
			t.Errorf("line(%d) = %d, want %d", off, got, want)
		}
	}
}
