package manifest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/diag"
)

func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, s := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestAssembleUndated: a multilingual course site whose units have no
// dates (issue 19) assembles: the edition is dated SOURCE_DATE_EPOCH's
// day, the posts are listed in path order, and one warning says so for
// all of them.
func TestAssembleUndated(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1764547200") // 2025-12-01
	dir := writeSite(t, map[string]string{
		"_config.yml":         "title: Course\nlang: de\n",
		"a/units/b.de.md":     "---\ntitle: B\n---\nText.\n",
		"a/units/a.de.md":     "---\ntitle: A\n---\nText.\n",
		"a/units/c.de.md":     "---\ntitle: C\n---\nText.\n",
		"a/units/index.de.md": "---\ntitle: Index\n---\nText.\n",
	})
	var log diag.Log
	out, err := Assemble(dir, dir, AssembleOptions{}, &log)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Parse(filepath.Join(dir, "edition.yaml"), out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if got := m.Date.Format("2006-01-02"); got != "2025-12-01" {
		t.Errorf("date %s, want 2025-12-01", got)
	}
	var got []string
	for _, e := range m.Sections[0].Posts {
		got = append(got, e.Path)
	}
	if want := "a/units/a.de.md a/units/b.de.md a/units/c.de.md a/units/index.de.md"; strings.Join(got, " ") != want {
		t.Errorf("posts %q, want %q", got, want)
	}
	ws := log.Warnings()
	if len(ws) != 2 || !strings.Contains(ws[0].String(), "4 posts have no date") || !strings.Contains(ws[1].String(), "dated 2025-12-01") {
		t.Errorf("warnings %v, want one for the undated posts and one for the date", ws)
	}
}

// TestAssembleLanguage: without --language or a site language, the
// manifest's language is the one most posts declare, else the one most
// read as (a Dutch municipal blog that declares none; a French site
// whose posts say lang: fr in their front matter); a declared site
// language wins over both.
func TestAssembleLanguage(t *testing.T) {
	nl := "---\ntitle: Richtlijnen\ndate: 2024-03-01\n---\nDe gemeente heeft nieuwe richtlijnen voor digitaal toegankelijke informatie. Het is de bedoeling dat alle websites van de gemeente voor iedereen bruikbaar zijn, ook voor mensen met een beperking. Wij werken daar samen met de inwoners aan en we laten het hier weten als er iets verandert.\n"
	for _, tc := range []struct {
		name  string
		files map[string]string
		opt   AssembleOptions
		want  string
	}{
		{"reads as Dutch", map[string]string{"_config.yml": "title: Blog\n", "_posts/2024-03-01-a.md": nl, "_posts/2024-03-02-b.md": nl}, AssembleOptions{}, "nl"},
		{"declared by posts", map[string]string{"_config.yml": "title: Blog\n", "_posts/2024-03-01-a.md": "---\ntitle: A\nlang: fr\n---\nx\n"}, AssembleOptions{}, "fr"},
		{"site declares", map[string]string{"_config.yml": "lang: en\n", "_posts/2024-03-01-a.md": nl}, AssembleOptions{}, "en"},
		{"option wins", map[string]string{"_posts/2024-03-01-a.md": nl}, AssembleOptions{Language: "de"}, "de"},
		{"nothing to tell", map[string]string{"_posts/2024-03-01-a.md": "---\ntitle: A\n---\nx\n"}, AssembleOptions{}, "en"},
	} {
		dir := writeSite(t, tc.files)
		out, err := Assemble(dir, dir, tc.opt, nil)
		if err != nil {
			t.Fatal(err)
		}
		m, err := Parse(filepath.Join(dir, "edition.yaml"), out)
		if err != nil {
			t.Fatal(err)
		}
		if m.Language != tc.want {
			t.Errorf("%s: language %q, want %q", tc.name, m.Language, tc.want)
		}
	}
}
