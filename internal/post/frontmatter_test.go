package post

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/redtide/edition/internal/diag"
)

// TestFrontMatterFormats reads the same kinds of front matter in Hugo's
// three formats: YAML (---), TOML (+++) and JSON ({ … }).
func TestFrontMatterFormats(t *testing.T) {
	tests := []struct {
		name, src   string
		format      string
		title       string
		date        time.Time
		authors     []string
		tags        []string
		draft       bool
		publish     time.Time
		expiry      time.Time
		description string
		body        string
		bodyLine    int
		extra       map[string]any // keys that must be in Extra, with these values
	}{
		{name: "toml offset date-time", format: "toml",
			src:   "+++\ntitle = \"Análisis\"\ndate = 2018-10-16T00:00:00+02:00\nauthor = [\"alex\"]\ntags = [\"gephi\", \"R\"]\ndraft = false\n+++\nBody\n",
			title: "Análisis", date: day(2018, 10, 16), authors: []string{"alex"}, tags: []string{"gephi", "R"}, body: "Body\n", bodyLine: 7},
		{name: "toml local date and local date-time", format: "toml",
			src:   "+++\ntitle = 'T'\ndate = 2020-03-05\npublishDate = 2020-03-06T10:30:00\nexpiryDate = 2030-01-01\n+++\n",
			title: "T", date: day(2020, 3, 5), publish: day(2020, 3, 6), expiry: day(2030, 1, 1), bodyLine: 6},
		{name: "toml quoted date", format: "toml",
			src:   "+++\nauthor = \"cristina\"\ndate = \"2017-04-25T18:20:00+01:00\"\ntitle = \"Minería\"\n+++\n",
			title: "Minería", date: day(2017, 4, 25), authors: []string{"cristina"}, bodyLine: 5},
		{name: "toml arrays of tables and params", format: "toml",
			src:   "+++\ntitle = \"T\"\ndraft = true\nsummary = \"Short.\"\n[params]\nmath = true\ndoi = \"10.1/x\"\n[[resources]]\nsrc = \"a.png\"\ntitle = \"First\"\n[[resources]]\nsrc = \"b.png\"\n+++\nx",
			title: "T", draft: true, description: "Short.", body: "x", bodyLine: 13,
			extra: map[string]any{"math": true, "doi": "10.1/x",
				"resources": []any{map[string]any{"src": "a.png", "title": "First"}, map[string]any{"src": "b.png"}}}},
		{name: "toml lastmod alone dates the post", format: "toml",
			src:   "+++\ntitle = \"T\"\nlastmod = 2019-01-02\n+++\n",
			title: "T", date: day(2019, 1, 2), bodyLine: 4},
		{name: "json", format: "json",
			src:   "{\n  \"title\": \"J\",\n  \"date\": \"2024-02-02T04:14:54-08:00\",\n  \"draft\": false,\n  \"weight\": 10,\n  \"params\": {\"author\": \"John Smith\"},\n  \"categories\": [\"a\"]\n}\nBody\n",
			title: "J", date: day(2024, 2, 2), body: "Body\n", bodyLine: 8,
			extra: map[string]any{"weight": 10, "categories": []string{"a"}}},
		{name: "json on one line", format: "json",
			src:   "{\"title\": \"One\", \"tags\": [\"x\"]}\n\nBody",
			title: "One", tags: []string{"x"}, body: "\nBody", bodyLine: 1},
		{name: "a body opening with Liquid is no JSON", format: "",
			src:   "{% include figure.html src=\"a.png\" %}\n# Heading\n",
			title: "Heading", body: "{% include figure.html src=\"a.png\" %}\n# Heading\n"},
		{name: "a body opening with a shortcode is no JSON", format: "",
			src:   "{{< figure src=\"a.png\" >}}\n# Heading\n",
			title: "Heading", body: "{{< figure src=\"a.png\" >}}\n# Heading\n"},
		{name: "yaml with hugo keys", format: "yaml",
			src:   "---\ntitle: Y\ndate: '2016-01-01'\nlastmod: 2017-09-21\npublished: 2016-02-01\nslug: y-slug\naliases: [/old/]\n---\n",
			title: "Y", date: day(2016, 1, 1), publish: day(2016, 2, 1), bodyLine: 8,
			extra: map[string]any{"slug": "y-slug", "aliases": []any{"/old/"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var log diag.Log
			p, err := Parse("p.md", []byte(tc.src), &log)
			if err != nil {
				t.Fatal(err)
			}
			if p.Format != tc.format || p.Title != tc.title || !p.Date.Equal(tc.date) || p.Draft != tc.draft ||
				!p.PublishDate.Equal(tc.publish) || !p.ExpiryDate.Equal(tc.expiry) {
				t.Errorf("got format %q title %q date %v draft %v publish %v expiry %v", p.Format, p.Title, p.Date, p.Draft, p.PublishDate, p.ExpiryDate)
			}
			if !reflect.DeepEqual(p.Authors, tc.authors) || !reflect.DeepEqual(p.Tags, tc.tags) || p.Description != tc.description {
				t.Errorf("got authors %q tags %q description %q", p.Authors, p.Tags, p.Description)
			}
			if string(p.Body) != tc.body || p.BodyLine != tc.bodyLine {
				t.Errorf("body %q at line %d, want %q at %d", p.Body, p.BodyLine, tc.body, tc.bodyLine)
			}
			for k, want := range tc.extra {
				if got := p.Extra[k]; !reflect.DeepEqual(got, want) {
					t.Errorf("Extra[%q] = %#v, want %#v", k, got, want)
				}
			}
			for _, w := range log.Warnings() {
				if strings.Contains(w.Msg, "no front matter") && tc.format != "" {
					t.Errorf("front matter not seen: %s", w)
				}
			}
		})
	}
}

// TestFrontMatterErrors: each format's errors name the file line.
func TestFrontMatterErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"toml syntax", "+++\ntitle = \"T\"\ntags = [1,\nx = 2\n+++\n", "p.md:4: malformed front matter: expected value"},
		{"toml unclosed", "+++\ntitle = \"T\"\n", "p.md:1: front matter block opened here never closes (no closing +++ line)"},
		{"toml wrong type", "+++\ntitle = \"T\"\n\ndate = [1, 2]\n+++\n", "p.md:4: date: want a date"},
		{"toml table then a body of +++", "+++\n[params]\nx = 1\n+++\n+++\n", ""},
		{"toml draft not bool", "+++\ntitle = \"T\"\ndraft = \"maybe\"\n+++\n", "p.md:3: draft: want true or false"},
		{"json syntax", "{\n\"title\": \"T\",\n\"tags\": [1 2]\n}\n", "p.md:3: malformed front matter"},
		{"json unclosed", "{\n\"title\": \"T\",\n", "p.md:1: front matter object opened here never closes"},
		{"json wrong type", "{\n\"title\": \"T\",\n\"author\": 3,\n\"date\": true\n}\n", "p.md:4: date:"},
		{"json title not a string", "{\n  \"title\": [\"a\"]\n}\n", "p.md:2: title: want a string"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var log diag.Log
			_, err := Parse("p.md", []byte(tc.src), &log)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
		})
	}
}

// TestFrontMatterLarge reads large and deep front matter: an array of
// 50 000 tables is read once (its key is listed once per table), and a
// key dotted 50 000 deep is refused before the TOML reader, whose time
// grows fast with the depth, sees it.
func TestFrontMatterLarge(t *testing.T) {
	tables := "+++\ntitle = \"T\"\n" + strings.Repeat("[[resources]]\nsrc = \"x.png\"\n", 50000) + "+++\n"
	p, err := Parse("p.md", []byte(tables), nil)
	if err != nil {
		t.Fatal(err)
	}
	if r, ok := p.Extra["resources"].([]any); !ok || len(r) != 50000 {
		t.Errorf("resources: %T of %d", p.Extra["resources"], len(r))
	}
	deep := "+++\n" + strings.Repeat("a.", 50000) + "b = 1\n+++\n"
	if _, err := Parse("p.md", []byte(deep), nil); err == nil || !strings.Contains(err.Error(), "p.md:2: malformed front matter: a key nested more than 64 deep") {
		t.Errorf("deep key: %v", err)
	}
}
