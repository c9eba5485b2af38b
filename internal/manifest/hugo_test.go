package manifest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/redtide/edition/internal/diag"
)

// hugoSite is a Hugo site in the shape of prakhar1989/hugo-blog (a
// config.toml with a lower-case baseurl, TOML posts with quoted dates, a
// draft) with what else hugo leaves out: list and taxonomy pages, a
// bundle's resources, ignoreFiles, future and expired pages, files
// outside content/.
var hugoSite = map[string]string{
	"config.toml": "baseurl = \"https://prakhar.me/\"\nlanguageCode = \"en-us\"\ntitle = \"cat /dev/random\"\n" +
		"ignoreFiles = [\"\\\\.Rmd$\", \"template\"]\n[languages.en]\ntitle = \"cat /dev/random\"\n[languages.fr]\ntitle = \"chat /dev/random\"\n",
	"README.md":                     "# The blog's source\n",
	"static/notes.md":               "---\ntitle: not content\n---\n",
	"content/_index.md":             "+++\ntitle = \"Home\"\n+++\n",
	"content/articles/_index.md":    "+++\ntitle = \"Articles\"\n+++\n",
	"content/tags/papers/_index.md": "+++\ntitle = \"Papers\"\n+++\n",
	"content/tags/loose.md":         "+++\ntitle = \"A page in the taxonomy's folder\"\n+++\n",
	"content/articles/understanding-rpcs.md": "+++\ndate = \"2015-09-21T20:33:29+03:00\"\ntitle = \"Understanding RPCs - Part I\"\n" +
		"tags = [\"distributed-systems\", \"papers\"]\n+++\n\nText.\n",
	"content/articles/lamport-timestamps.md": "+++\ndate = \"2015-09-21T20:33:29+03:00\"\ntitle = \"Lamport Timestamps\"\ndraft = true\n+++\n\nToday\n",
	"content/articles/rpcs.fr.md":            "---\ntitle: Comprendre les RPC\ndate: 2015-10-01\n---\nTexte.\n",
	"content/articles/later.md":              "+++\ntitle = \"Later\"\ndate = 2015-01-01\npublishDate = 2099-01-01\n+++\n",
	"content/articles/gone.md":               "+++\ntitle = \"Gone\"\ndate = 2015-01-01\nexpiryDate = 2015-06-01\n+++\n",
	"content/articles/bundle/index.md":       "{\n\"title\": \"A bundle\",\n\"date\": \"2015-11-01\"\n}\nText.\n",
	"content/articles/bundle/extra.md":       "---\ntitle: a resource of the bundle\n---\n",
	"content/articles/hw-template.md":        "---\ntitle: ignored\n---\n",
	"content/articles/hidden.md":             "---\ntitle: Hidden\ndate: 2015-10-02\nbuild:\n  render: never\n---\n",
}

func TestAssembleHugo(t *testing.T) {
	tests := []struct {
		name, lang string
		date       time.Time
		want       []string // the posts listed, in order
		pub        string
		leftOut    []string // substrings of the left-out comment
	}{
		{name: "every language", date: time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC),
			want: []string{"content/articles/understanding-rpcs.md", "content/articles/rpcs.fr.md", "content/articles/bundle/index.md"},
			pub:  "cat /dev/random", leftOut: []string{"lamport-timestamps.md: draft: true", "later.md: dated in the future (2099-01-01)", "gone.md: expired (2015-06-01)", "hidden.md: build.render: never"}},
		{name: "french only", lang: "fr", date: time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC),
			want: []string{"content/articles/rpcs.fr.md"}, pub: "chat /dev/random"},
		{name: "an edition dated before the expiry: what hugo built then", date: time.Date(2015, 3, 1, 0, 0, 0, 0, time.UTC),
			want: []string{"content/articles/gone.md"}, pub: "cat /dev/random",
			leftOut: []string{"understanding-rpcs.md: dated in the future (2015-09-21)"}},
	}
	dir := t.TempDir()
	for name, data := range hugoSite {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := AssembleSite(dir, dir, AssembleOptions{Language: tc.lang, Date: tc.date}, &diag.Log{})
			if err != nil {
				t.Fatal(err)
			}
			out := string(a.Manifest)
			head, posts, _ := strings.Cut(out, "posts:\n")
			var got []string
			for _, l := range strings.Split(strings.TrimSpace(posts), "\n") {
				got = append(got, strings.TrimPrefix(strings.TrimSpace(l), "- "))
			}
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("posts %q, want %q", got, tc.want)
			}
			if !strings.Contains(head, "publication: "+tc.pub+"\n") {
				t.Errorf("publication not %q:\n%s", tc.pub, head)
			}
			for _, l := range tc.leftOut {
				if !strings.Contains(head, l) {
					t.Errorf("left-out comment lacks %q:\n%s", l, head)
				}
			}
		})
	}
}
