package model

import (
	"testing"
	"time"
)

func TestWords(t *testing.T) {
	d := time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC)
	tests := []struct{ got, want string }{
		{Byline(nil, "en"), ""},
		{Byline([]string{"A"}, "en"), "By A"},
		{Byline([]string{"A", "B"}, "en-GB"), "By A and B"},
		{Byline([]string{"A", "B", "C"}, "de"), "Von A, B und C"},
		{Byline([]string{"A", "B"}, "es"), "Por A y B"},
		{LongDate(d, "en"), "9 November 2026"},
		{LongDate(d, "de-AT"), "9. November 2026"},
		{LongDate(d, "es"), "9 de noviembre de 2026"},
		{NotesHeading("de"), "Anmerkungen"},
		{NotesHeading("xx"), "Notes"},
		{IssueLabel(&Edition{Volume: 3, Number: 12}), "Vol. 3, No. 12"},
		{IssueLabel(&Edition{Number: 12}), "No. 12"},
		{IssueLabel(&Edition{}), ""},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
	tagged := &Edition{Sections: []*Section{{Articles: []*Article{{Tags: []string{"a", "b"}}, {Tags: []string{"b", "c"}}}}}}
	if got := Distinct(tagged, func(a *Article) []string { return a.Tags }); len(got) != 3 || got[2] != "c" {
		t.Errorf("Distinct = %q, want [a b c]", got)
	}
	ed := &Edition{Language: "en"}
	if ArticleLang(ed, &Article{}) != "en" || ArticleLang(ed, &Article{Language: "de"}) != "de" {
		t.Error("ArticleLang")
	}
}
