package post

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redtide/edition/internal/diag"
)

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func TestParse(t *testing.T) {
	tests := []struct {
		name, file, src string
		title           string
		authors         []string
		date            time.Time
		published       bool
		body            string
		bodyLine        int
		warn            string // substring of a warning, if one is expected
	}{
		{name: "basic", file: "a.md", src: "---\ntitle: Hello\nauthor: Ann\ndate: 2026-11-20\n---\nBody\n",
			title: "Hello", authors: []string{"Ann"}, date: day(2026, 11, 20), published: true, body: "Body\n", bodyLine: 5},
		{name: "author list", file: "a.md", src: "---\ntitle: T\nauthor:\n  - Ann\n  - Bo\n---\nx",
			title: "T", authors: []string{"Ann", "Bo"}, published: true, body: "x", bodyLine: 6},
		{name: "jekyll time zone", file: "a.md", src: "---\ntitle: T\ndate: 2026-11-20 09:00:00 -0500\n---\n",
			title: "T", date: day(2026, 11, 20), published: true, bodyLine: 4},
		{name: "iso offset", file: "a.md", src: "---\ntitle: T\ndate: 2013-05-01 18:41:11+00:00\n---\n",
			title: "T", date: day(2013, 5, 1), published: true, bodyLine: 4},
		{name: "date from name", file: "posts/2017-05-01-trotskyism.md", src: "---\ntitle: T\n---\n",
			title: "T", date: day(2017, 5, 1), published: true, bodyLine: 3},
		{name: "front matter date wins", file: "2017-05-01-x.md", src: "---\ntitle: T\ndate: 2018-01-02\n---\n",
			title: "T", date: day(2018, 1, 2), published: true, bodyLine: 4},
		{name: "unpublished", file: "a.md", src: "---\ntitle: T\npublished: false\n---\n",
			title: "T", published: false, bodyLine: 4},
		{name: "title from heading", file: "a.md", src: "---\nauthor: A\n---\n\n## The Heading ##\ntext",
			title: "The Heading", authors: []string{"A"}, published: true, body: "\n## The Heading ##\ntext", bodyLine: 3,
			warn: "a.md:5: no title in front matter; using the first heading"},
		{name: "title from a later heading", file: "a.md", src: "---\nauthor: A\n---\n# ##\n#\n\n### Third\n",
			title: "Third", authors: []string{"A"}, published: true, body: "# ##\n#\n\n### Third\n", bodyLine: 3,
			warn: "a.md:7: no title in front matter; using the first heading"},
		{name: "title from file name", file: "2020-01-01-the-big-strike.md", src: "---\nlayout: post\n---\nno heading",
			title: "The Big Strike", date: day(2020, 1, 1), published: true, body: "no heading", bodyLine: 3,
			warn: "no title in front matter or heading"},
		{name: "no front matter", file: "x.md", src: "# Title\n\ntext\n",
			title: "Title", published: true, body: "# Title\n\ntext\n", warn: "x.md:1: no front matter"},
		{name: "empty post", file: "empty.md", src: "",
			title: "Empty", published: true, warn: "no front matter"},
		{name: "bom and crlf", file: "a.md", src: "\uFEFF---\r\ntitle: T\r\n---\r\nline one\r\nline two\r\n",
			title: "T", published: true, body: "line one\nline two\n", bodyLine: 3},
		{name: "dots close", file: "a.md", src: "---\ntitle: T\n...\nbody",
			title: "T", published: true, body: "body", bodyLine: 3},
		{name: "unknown keys kept", file: "a.md", src: "---\ntitle: T\nmood: happy\n---\n",
			title: "T", published: true, bodyLine: 4},
		{name: "windows-1252 quote", file: "a.md", src: "---\ntitle: T\n---\n\u0093q\u0094\n",
			title: "T", published: true, body: "“q”\n", bodyLine: 3, warn: "a.md:4: control character U+0093 read as Windows-1252"},
		{name: "control character", file: "a.md", src: "---\ntitle: T\n---\na\vb\n",
			title: "T", published: true, body: "ab\n", bodyLine: 3, warn: "a.md:4: control character U+000B removed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var log diag.Log
			p, err := Parse(tc.file, []byte(tc.src), &log)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if p.Title != tc.title {
				t.Errorf("title %q, want %q", p.Title, tc.title)
			}
			if strings.Join(p.Authors, "|") != strings.Join(tc.authors, "|") {
				t.Errorf("authors %q, want %q", p.Authors, tc.authors)
			}
			if !p.Date.Equal(tc.date) {
				t.Errorf("date %v, want %v", p.Date, tc.date)
			}
			if p.Published != tc.published {
				t.Errorf("published %v, want %v", p.Published, tc.published)
			}
			if string(p.Body) != tc.body {
				t.Errorf("body %q, want %q", p.Body, tc.body)
			}
			if p.BodyLine != tc.bodyLine {
				t.Errorf("body line %d, want %d", p.BodyLine, tc.bodyLine)
			}
			var all []string
			for _, w := range log.Warnings() {
				all = append(all, w.String())
			}
			got := strings.Join(all, "\n")
			if tc.warn != "" && !strings.Contains(got, tc.warn) {
				t.Errorf("warnings %q, want one containing %q", got, tc.warn)
			}
			if tc.warn == "" && got != "" {
				t.Errorf("unexpected warnings: %s", got)
			}
		})
	}
	if p, _ := Parse("a.md", []byte("---\ntitle: T\nmood: happy\n---\n"), nil); p.Extra["mood"] != "happy" {
		t.Errorf("unknown key not kept: %v", p.Extra)
	}
}

// TestParseErrors checks that bad posts fail with an error naming the file
// and the line of the problem.
func TestParseErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"unclosed quote", "---\ntitle: \"Open\nauthor: A\n---\n", "p.md:"},
		{"tabs", "---\ntitle: T\n\tauthor: A\n---\n", "p.md:3: malformed front matter"},
		// yaml.v3 names the line where the enclosing construct starts,
		// counted from 0 for parser errors: the bad line is named instead.
		{"unclosed list", "---\ntitle: T\nauthor: [a, b\ndate: 2020-01-01\n---\n", "p.md:3: malformed front matter"},
		{"item in mapping", "---\ntitle: T\nlayout: post\n- x\n---\n", "p.md:4: malformed front matter"},
		{"bad indent", "---\ntitle: T\n  bad: x\n---\n", "p.md:3: malformed front matter"},
		{"bad token", "---\ntitle: T\nx: @foo\n---\n", "p.md:3: malformed front matter"},
		{"unclosed quote line", "---\ntitle: T\nsubtitle: \"Open\nauthor: A\n---\n", "p.md:3: malformed front matter"},
		{"wrong date", "---\ntitle: T\ndate: yesterday\n---\n", `p.md:3: date: "yesterday" is not a date`},
		{"date list", "---\ntitle: T\ndate: [1, 2]\n---\n", "p.md:3: date: want a date"},
		{"title mapping", "---\ntitle:\n  a: b\n---\n", "p.md:3: title: want a string"},
		{"published word", "---\ntitle: T\npublished: maybe\n---\n", `p.md:3: published: want true or false`},
		{"author list of lists", "---\nauthor: [[a]]\n---\n", "p.md:2: author: want a name"},
		{"never closes", "---\ntitle: T\n\nbody text\n", "p.md:1: front matter block opened here never closes"},
		{"not a mapping", "---\n- a\n- b\n---\n", "p.md:2: front matter must be a mapping"},
		{"invalid utf8", "---\ntitle: T\n---\nok\nbad \xff byte\n", "p.md:5: invalid UTF-8 byte 0xff at column 5"},
		{"nul byte", "---\ntitle: T\n---\na\x00b\n", "p.md:4: NUL byte"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("p.md", []byte(tc.src), nil)
			if err == nil {
				t.Fatalf("no error, want %q", tc.want)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestTitleFromName(t *testing.T) {
	for in, want := range map[string]string{
		"2017-05-01-permanent-revolution.md": "Permanent Revolution",
		"why_historiography.md":              "Why Historiography",
		"ärger.md":                           "Ärger",
		".md":                                "Untitled",
	} {
		if got := TitleFromName(in); got != want {
			t.Errorf("TitleFromName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestHasControl checks the word-at-a-time search against the bytes
// looked at one by one, for every byte at every place of a word.
func TestHasControl(t *testing.T) {
	for c := range 256 {
		for at := range 38 {
			// 19 bytes with no control character, then 19 with line
			// breaks and tabs in every word
			b := []byte("abcdefgh\xff\x80ijklmno~" + strings.Repeat("a\n\t\xff ", 4)[:19])[at/19*19:][:19]
			b[at%19] = byte(c)
			want := slices.ContainsFunc(b, func(c byte) bool { return c < 0x20 && c != '\t' && c != '\n' || c == 0x7f })
			if got := hasControl(b); got != want {
				t.Fatalf("hasControl(%q) = %v, want %v", b, got, want)
			}
		}
	}
}
