package diag

import (
	"errors"
	"fmt"
	"reflect"
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
		{&Error{Path: "posts/a.md", Line: 12, Column: 7, Err: errors.New("unclosed tag")}, "posts/a.md:12:7: unclosed tag"},
		{&Error{Path: "posts/a.md", Column: 7, Err: errors.New("no line")}, "posts/a.md: no line"},
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
	err := Join(Errorf("b.md", 2, "x"), nil, Errorf("a.md", 9, "y"), &Error{Path: "a.md", Line: 3, Column: 8, Err: errors.New("w")}, Errorf("a.md", 3, "z"))
	got := strings.Join(Messages(err), "|")
	if got != "a.md:3: z|a.md:3:8: w|a.md:9: y|b.md:2: x" {
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

func TestRecords(t *testing.T) {
	err := Join(
		Errorf("b.md", 3, "bad %s", "thing"),
		fmt.Errorf("pdf: %w", Errorf("a.md", 0, "no font")),
		errors.New("disk full"),
		&Error{Path: "c.md", Line: 4, Column: 2, Err: errors.New("stray")},
	)
	ws := []Warning{{Path: "a.md", Line: 7, Msg: "dropped"}, {Path: "a.md", Line: 8, Column: 5, Msg: "odd"}}
	got := Records(err, ws)
	want := []Record{
		{Path: "a.md", Severity: "error", Message: "pdf: no font"},
		{Path: "b.md", Line: 3, Severity: "error", Message: "bad thing"},
		{Severity: "error", Message: "disk full"},
		{Path: "c.md", Line: 4, Column: 2, Severity: "error", Message: "stray"},
		{Path: "a.md", Line: 7, Severity: "warning", Message: "dropped"},
		{Path: "a.md", Line: 8, Column: 5, Severity: "warning", Message: "odd"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Records:\n got %+v\nwant %+v", got, want)
	}
	if r := Records(nil, nil); r == nil || len(r) != 0 {
		t.Errorf("Records(nil, nil) = %#v, want an empty non-nil slice", r)
	}
}
