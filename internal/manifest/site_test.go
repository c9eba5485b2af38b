package manifest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeAll(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, s := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSiteKey: the site's root is named by site: or found above the
// manifest; posts may leave the manifest's folder but not the site's.
func TestSiteKey(t *testing.T) {
	dir := t.TempDir()
	writeAll(t, dir, map[string]string{
		"blog/_config.yml":          "title: Blog\n",
		"blog/_posts/2026-01-01.md": "---\ntitle: A\n---\n",
		"blog/editions/x":           "",
		"elsewhere/y":               "",
	})
	head := "publication: P\ndate: 2026-01-02\n"
	for _, c := range []struct {
		name, file, src, err string
		root                 string // expected site root, relative to dir
		post                 string // expected site-relative path of the first post
	}{
		{"found above", "blog/editions/issue.yaml", head + "posts: [../_posts/2026-01-01.md]\n", "", "blog", "_posts/2026-01-01.md"},
		{"declared", "elsewhere/issue.yaml", head + "site: ../blog\nposts: [../blog/_posts/2026-01-01.md]\n", "", "blog", "_posts/2026-01-01.md"},
		{"leaves the site", "blog/editions/issue.yaml", head + "posts: [../../elsewhere/y]\n", "issue.yaml:3: post \"../../elsewhere/y\": path leaves the site's folder", "", ""},
		{"no site: the manifest's folder", "elsewhere/issue.yaml", head + "posts: [../blog/_posts/2026-01-01.md]\n", "issue.yaml:3: post \"../blog/_posts/2026-01-01.md\": path leaves the manifest's folder", "", ""},
		{"absolute site", "elsewhere/issue.yaml", head + "site: /etc\nposts: [a.md]\n", "issue.yaml:3: site: give the site's folder relative to the manifest", "", ""},
		{"missing site", "elsewhere/issue.yaml", head + "site: ../nowhere\nposts: [a.md]\n", `issue.yaml:3: site "../nowhere": no such file or directory`, "", ""},
		{"site is a file", "elsewhere/issue.yaml", head + "site: y\nposts: [a.md]\n", `issue.yaml:3: site "y" is not a folder`, "", ""},
	} {
		file := filepath.Join(dir, filepath.FromSlash(c.file))
		m, err := Parse(file, []byte(c.src))
		if c.err != "" {
			if err == nil || !strings.Contains(filepath.ToSlash(err.Error()), c.err) {
				t.Errorf("%s: error %v, want %q", c.name, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got, _ := filepath.Rel(dir, absPath(m.Site.Root)); filepath.ToSlash(got) != c.root {
			t.Errorf("%s: site root %q, want %q", c.name, got, c.root)
		}
		if root, rel := m.PostFile(m.Sections[0].Posts[0]); rel != c.post || absPath(root) != absPath(m.Site.Root) {
			t.Errorf("%s: post read from %q, %q", c.name, root, rel)
		}
	}
}

func TestAuthorsAndDownsample(t *testing.T) {
	m, err := Parse("x/edition.yaml", []byte("publication: P\ndate: 2026-01-02\nposts: [a.md]\nauthors:\n  rt: The Red Tide\nprint:\n  downsample: false\n"))
	if err != nil {
		t.Fatal(err)
	}
	if m.Authors["rt"] != "The Red Tide" || m.Print.Downsample == nil || *m.Print.Downsample {
		t.Errorf("authors %v, downsample %v", m.Authors, m.Print.Downsample)
	}
	m, _ = Parse("x/edition.yaml", []byte("publication: P\ndate: 2026-01-02\nposts: [a.md]\nprint:\n  downsample: true\n"))
	if m.Print.Downsample == nil || !*m.Print.Downsample {
		t.Error("downsample: true keeps resolution")
	}
	if _, err := Parse("x/edition.yaml", []byte("publication: P\ndate: 2026-01-02\nposts: [a.md]\nauthors: [a, b]\n")); err == nil {
		t.Error("authors: as a list accepted")
	}
}
