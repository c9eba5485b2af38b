package doc

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
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
	ed := &Edition{Language: "en"}
	if ArticleLang(ed, &Article{}) != "en" || ArticleLang(ed, &Article{Language: "de"}) != "de" {
		t.Error("ArticleLang")
	}
}
