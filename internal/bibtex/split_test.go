package bibtex

import (
	"reflect"
	"testing"
)

// TestSplitOutside checks the splitters of names and name parts: at
// depth 0 only, past escaped braces, and with unbalanced braces (a
// stray closing brace leaves the rest of the text at another depth).
// " and" is the separator: the blank after it stays (names are trimmed).
func TestSplitOutside(t *testing.T) {
	for _, tc := range []struct {
		s          string
		and, comma []string
		eq         int
	}{
		{"A and B", []string{"A", " B"}, []string{"A and B"}, -1},
		{"{A and B} and C", []string{"{A and B}", " C"}, []string{"{A and B} and C"}, -1},
		{"Smith, J. and {Jones, K.} AND Roe, R", []string{"Smith, J.", " {Jones, K.}", " Roe, R"}, []string{"Smith", " J. and {Jones, K.} AND Roe", " R"}, -1},
		{`a\{ and b`, []string{`a\{`, " b"}, []string{`a\{ and b`}, -1},
		{"x} and y, z", []string{"x} and y, z"}, []string{"x} and y, z"}, -1},
		{"family={Le, Guin}, given=Ursula", []string{"family={Le, Guin}, given=Ursula"}, []string{"family={Le, Guin}", " given=Ursula"}, 6},
		{"{a=b}=c", []string{"{a=b}=c"}, []string{"{a=b}=c"}, 5},
		{"and and", []string{"and and"}, []string{"and and"}, -1},
		{"a and  and b", []string{"a", " ", " b"}, []string{"a and  and b"}, -1},
		{"", []string{""}, []string{""}, -1},
	} {
		if got := splitAnd(nil, tc.s); !reflect.DeepEqual(got, tc.and) {
			t.Errorf("splitAnd(%q) = %q, want %q", tc.s, got, tc.and)
		}
		if got := splitDepth0(nil, tc.s, ','); !reflect.DeepEqual(got, tc.comma) {
			t.Errorf("splitDepth0(%q, ',') = %q, want %q", tc.s, got, tc.comma)
		}
		if got := topLevelIndex(tc.s, '='); got != tc.eq {
			t.Errorf("topLevelIndex(%q, '=') = %d, want %d", tc.s, got, tc.eq)
		}
	}
}
