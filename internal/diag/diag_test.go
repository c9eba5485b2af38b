package diag

import (
	"errors"
	"strings"
	"testing"
)

func TestError(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{Errorf("posts/a.md", 12, "unknown footnote %q", "walsh"), `posts/a.md:12: unknown footnote "walsh"`},
		{Errorf("posts/a.md", 0, "not found"), "posts/a.md: not found"},
		{&Error{Err: errors.New("bare")}, "bare"},
	}
	for _, tc := range tests {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
	cause := errors.New("cause")
	if !errors.Is(&Error{Path: "p", Err: cause}, cause) {
		t.Error("Unwrap lost the cause")
	}
}

func TestLines(t *testing.T) {
	src := []byte("one\ntwo\n\nfour")
	l := NewLines(src, 10)
	for off, want := range map[int]int{0: 11, 3: 11, 4: 12, 8: 13, 9: 14, 12: 14} {
		if got := l.Line(off); got != want {
			t.Errorf("Line(%d) = %d, want %d", off, got, want)
		}
	}
}

func TestJoinAndWarnings(t *testing.T) {
	err := Join(Errorf("b.md", 2, "x"), nil, Errorf("a.md", 9, "y"), Errorf("a.md", 3, "z"))
	got := strings.Join(Messages(err), "|")
	if got != "a.md:3: z|a.md:9: y|b.md:2: x" {
		t.Errorf("sorted errors: %s", got)
	}
	if Join(nil, nil) != nil {
		t.Error("Join of nils is not nil")
	}
	var log Log
	log.Warnf("b.md", 1, "w")
	log.Warnf("a.md", 5, "w")
	log.Warnf("a.md", 5, "w")
	ws := log.Warnings()
	if len(ws) != 2 || ws[0].Path != "a.md" {
		t.Errorf("warnings %v: want sorted and deduplicated", ws)
	}
	var nilLog *Log
	nilLog.Warnf("x", 1, "dropped")
	if nilLog.Warnings() != nil {
		t.Error("nil log kept a warning")
	}
}
