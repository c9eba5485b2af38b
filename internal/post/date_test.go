package post

import (
	"strings"
	"testing"
)

// TestParseDate: date: values as real Jekyll sites write them, read as
// Ruby's Time.parse reads them (Jekyll's Utils.parse_date). The forms
// come from public sites' front matter: ISO dates with times and zones
// (Jekyll's own docs and minima posts), "7 April 2021" (Programming
// Historian translations, JOSS-style papers), "April 7, 2021" (blogs
// converted from WordPress), RFC 2822 (feeds imported with jekyll-import),
// and day-first numeric dates (German and French sites).
func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // YYYY-MM-DD, or "" for an error
	}{
		{"2021-04-07", "2021-04-07"},
		{"2021-04-07 10:00:00 +0200", "2021-04-07"},
		{"2021-04-07 10:00:00 +02:00", "2021-04-07"},
		{"2021-04-07T10:00:00Z", "2021-04-07"},
		{"2021-04-07T10:00:00.123+05:30", "2021-04-07"},
		{"2021-4-7", "2021-04-07"},
		{"2021-04-07 10:00 PST", "2021-04-07"},
		{"2021-04-07 9:05", "2021-04-07"},
		{"7 April 2021", "2021-04-07"},
		{"7th April 2021", "2021-04-07"},
		{"07 Apr. 2021", "2021-04-07"},
		{"07-Apr-2021", "2021-04-07"},
		{"April 7, 2021", "2021-04-07"},
		{"april 7 2021", "2021-04-07"},
		{"Apr 7th, 2021 10:00 am", "2021-04-07"},
		{"Wed, 07 Apr 2021 10:00:00 +0200", "2021-04-07"},
		{"Wednesday, April 7, 2021", "2021-04-07"},
		{"September 2019", "2019-09-01"},
		{"2021/04/07", "2021-04-07"},
		{"07/04/2021", "2021-04-07"},
		{"7.4.2021", "2021-04-07"},
		{"7.4.21", "2021-04-07"},
		{"20210407", "2021-04-07"},
		{"1 Jan 70", "1970-01-01"},
		{"2026-13-45", ""},
		{"31 April 2021", ""},
		{"2021-02-29", ""},
		{"yesterday", ""},
		{"", ""},
		{"10:00", ""},
	}
	for _, tc := range tests {
		got, err := ParseDate(tc.in)
		switch {
		case tc.want == "" && err == nil:
			t.Errorf("ParseDate(%q) = %s, want an error", tc.in, got.Format("2006-01-02"))
		case tc.want != "" && err != nil:
			t.Errorf("ParseDate(%q): %v", tc.in, err)
		case tc.want != "" && got.Format("2006-01-02") != tc.want:
			t.Errorf("ParseDate(%q) = %s, want %s", tc.in, got.Format("2006-01-02"), tc.want)
		}
	}
}

// TestImpossibleDateLine: an impossible date stops the post with its line.
func TestImpossibleDateLine(t *testing.T) {
	_, err := Parse("a.md", []byte("---\ntitle: T\ndate: 2026-13-45\n---\nx\n"), nil)
	if err == nil || !strings.Contains(err.Error(), "a.md:3:") {
		t.Fatalf("err = %v, want a.md:3: …", err)
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2021-04-07", "7 April 2021", "April 7, 2021", "07/04/2021", "Wed, 07 Apr 2021 10:00:00 +0200"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil || d.Year() < 1000 || d.Year() > 9999 {
			return
		}
		// A date read is a date written: its ISO form reads back the same.
		if back, err := ParseDate(d.Format("2006-01-02")); err != nil || !back.Equal(d) {
			t.Fatalf("ParseDate(%q) = %v, which reads back as %v, %v", s, d, back, err)
		}
	})
}
