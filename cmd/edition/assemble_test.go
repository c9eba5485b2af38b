package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/redtide/edition/internal/testenv"
)

// copyDir copies the tree at src into dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if info.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// breakPost rewrites one post of dir with a fault at a known line.
func breakPost(t *testing.T, file, from, to string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(data), from, to, 1)
	if s == string(data) {
		t.Fatalf("%s: %q not found", file, from)
	}
	if err := os.WriteFile(file, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestAssembleBrokenCorpus: on a copy of the corpus with three posts broken
// on purpose, assemble writes a manifest of the rest, names the three with
// their lines (on stderr and in the manifest's comments) and exits 1; with
// --strict it writes nothing.
func TestAssembleBrokenCorpus(t *testing.T) {
	src := testenv.Shared(t, "corpus")
	dir := t.TempDir()
	copyDir(t, src, dir)
	blog := filepath.Join(dir, "mdlincoln-mdlincoln.github.io")
	essays := filepath.Join(dir, "unm-historiography-metahistory")
	badYAML := filepath.Join(blog, "2016-11-23-histories-of-data.md")
	badDate := filepath.Join(blog, "2014-04-25-tool-trouble.md")
	badUTF8 := filepath.Join(essays, "bede.md")
	breakPost(t, badYAML, "\nlayout: post\n", "\nlayout: post\ntitle: [unclosed\n")
	breakPost(t, badDate, "\nDate: 2014-05-24\n", "\nDate: the twelfth of never\n")
	breakPost(t, badUTF8, "\n\n", "\n\nLatin-1 caf\xe9 here.\n\n")
	var want []*regexp.Regexp
	for _, c := range []struct{ file, msg string }{
		{badYAML, "malformed front matter"}, {badDate, `date: "the twelfth of never" is not a date`},
		{badUTF8, "invalid UTF-8 byte 0xe9"},
	} {
		rel, _ := filepath.Rel(dir, c.file)
		want = append(want, regexp.MustCompile(regexp.QuoteMeta(filepath.ToSlash(rel))+`:\d+: `+regexp.QuoteMeta(c.msg)))
	}

	out := filepath.Join(dir, "edition.yaml")
	code, _, stderr := runCLI(t, "assemble", "-o", out, "--date", "2026-11-25", dir)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, stderr)
	}
	manifestText, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("no manifest written: %v", err)
	}
	for _, re := range want {
		if !re.MatchString(filepath.ToSlash(stderr)) {
			t.Errorf("stderr does not name %s:\n%s", re, stderr)
		}
		if !re.Match(manifestText) {
			t.Errorf("the manifest's comments do not name %s", re)
		}
	}
	if !strings.Contains(stderr, "assembled 69 posts, 3 left out into "+out+"; 3 posts could not be read") {
		t.Errorf("end words: %s", stderr)
	}
	if strings.Contains(stderr, "build failed") {
		t.Error(`assemble ended with "build failed"`)
	}
	var m struct {
		Publication string   `yaml:"publication"`
		Posts       []string `yaml:"posts"`
	}
	if err := yaml.Unmarshal(manifestText, &m); err != nil {
		t.Fatal(err)
	}
	if len(m.Posts) != 69 {
		t.Errorf("%d posts listed, want 69", len(m.Posts))
	}
	for _, p := range m.Posts {
		for _, b := range []string{badYAML, badDate, badUTF8} {
			if strings.HasSuffix(b, filepath.FromSlash(p)) {
				t.Errorf("broken post %s listed", p)
			}
		}
	}
	if m.Publication != filepath.Base(dir) {
		t.Errorf("publication %q, want the folder's name", m.Publication)
	}
	// The manifest of the rest builds.
	if code, _, stderr := runCLI(t, "check", out); code != 0 {
		t.Errorf("check of the manifest: exit %d\n%s", code, stderr)
	}

	// --strict: nothing written.
	strictOut := filepath.Join(dir, "strict.yaml")
	code, stdout, stderr := runCLI(t, "assemble", "--strict", "-o", strictOut, dir)
	if code != 1 || stdout != "" {
		t.Errorf("--strict: exit %d, stdout %q", code, stdout)
	}
	if _, err := os.Stat(strictOut); !os.IsNotExist(err) {
		t.Errorf("--strict wrote %s", strictOut)
	}
	if !strings.Contains(stderr, "assemble failed: 3 posts could not be read; nothing written (--strict)") {
		t.Errorf("--strict end words: %s", stderr)
	}
	code, stdout, _ = runCLI(t, "assemble", "--strict", dir)
	if code != 1 || stdout != "" {
		t.Errorf("--strict without -o printed a manifest: exit %d, %d bytes", code, len(stdout))
	}
}

// TestAssembleSite: a Jekyll site's _posts/, collections and pages are
// read; drafts and other underscore folders are not; the name and language
// come from _config.yml; undated posts go last, with a warning.
func TestAssembleSite(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	for name, s := range map[string]string{
		"_config.yml":                  "title: The Site\nlang: de\ncollections:\n  essays:\n    output: true\nexclude: [private]\n",
		"_posts/2026-01-02-second.md":  "---\ntitle: Second\n---\nText.\n",
		"_posts/2026-01-01-first.md":   "---\ntitle: First\n---\nText.\n",
		"_essays/essay.md":             "---\ntitle: Essay\ndate: 2026-01-03\n---\nText.\n",
		"_essays/undated.md":           "---\ntitle: Undated\n---\nText.\n",
		"about.md":                     "---\ntitle: About\ndate: 2025-12-01\n---\nText.\n",
		"_drafts/next.md":              "---\ntitle: Next\n---\nText.\n",
		"_includes/note.md":            "---\ntitle: An include\n---\n",
		"_layouts/x.md":                "---\ntitle: A layout\n---\n",
		"_site/2026/01/01/first.md":    "---\ntitle: Output\n---\n",
		"private/secret.md":            "---\ntitle: Secret\ndate: 2026-01-01\n---\n",
		"_posts/2026-01-04-hidden.md":  "---\ntitle: Hidden\npublished: false\n---\n",
		"_posts/2026-01-05-notes.mkdn": "---\ntitle: Other extension\n---\nText.\n",
	} {
		writeFile(t, filepath.Join(site, filepath.FromSlash(name)), s)
	}
	code, stdout, stderr := runCLI(t, "assemble", site)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var m struct {
		Publication string   `yaml:"publication"`
		Language    string   `yaml:"language"`
		Date        string   `yaml:"date"`
		Posts       []string `yaml:"posts"`
	}
	if err := yaml.Unmarshal([]byte(stdout), &m); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	want := "about.md _posts/2026-01-01-first.md _posts/2026-01-02-second.md _essays/essay.md _posts/2026-01-05-notes.mkdn _essays/undated.md"
	if got := strings.Join(m.Posts, " "); got != want {
		t.Errorf("posts\n %s\nwant\n %s", got, want)
	}
	if m.Publication != "The Site" || m.Language != "de" || m.Date != "2026-01-05" {
		t.Errorf("header %+v", m)
	}
	for _, w := range []string{"_drafts/next.md:1: a draft (in _drafts/); left out", "2026-01-04-hidden.md:1: published: false; left out",
		"_essays/undated.md:1: a post has no date in front matter or file name (this one first); listed last, in path order", "assembled 6 posts, 2 left out"} {
		if !strings.Contains(filepath.ToSlash(stderr), w) {
			t.Errorf("stderr lacks %q:\n%s", w, stderr)
		}
	}
	if !strings.Contains(stdout, "#   _drafts/next.md: a draft") {
		t.Errorf("the draft is not named in the manifest:\n%s", stdout)
	}
	// --publication and --language win over the site's.
	_, stdout, _ = runCLI(t, "assemble", "--publication", "Named", "--language", "fr", site)
	if !strings.Contains(stdout, "publication: Named\n") || !strings.Contains(stdout, "language: fr\n") {
		t.Errorf("flags ignored:\n%s", stdout)
	}
	// A manifest written above the site names it, and builds.
	out := filepath.Join(dir, "issue.yaml")
	if code, _, stderr := runCLI(t, "assemble", "-o", out, site); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	data, _ := os.ReadFile(out)
	if !strings.Contains(string(data), "site: site\n") {
		t.Errorf("no site: key in\n%s", data)
	}
	if code, stdout, stderr := runCLI(t, "check", out); code != 0 || !strings.Contains(stdout, "6 article(s)") {
		t.Errorf("check: exit %d\n%s%s", code, stdout, stderr)
	}
}

// TestEndWords: each command ends with words that fit it.
func TestEndWords(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.md"), "---\ntitle: A\ndate: 2026-01-01\n---\nText with a [^missing] note.\n")
	writeFile(t, filepath.Join(dir, "b.md"), "---\ntitle: [bad\n---\n")
	writeFile(t, filepath.Join(dir, "edition.yaml"), "publication: P\ndate: 2026-01-02\nposts: [a.md, b.md, c.md]\n")
	writeFile(t, filepath.Join(dir, "warned.yaml"), "publication: P\ndate: 2026-01-02\nposts: [a.md]\n")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"check", filepath.Join(dir, "edition.yaml")}, "edition: check failed: 2 errors\n"},
		{[]string{"build", "-o", filepath.Join(dir, "out"), filepath.Join(dir, "edition.yaml")}, "edition: build failed: 2 errors\n"},
		{[]string{"check", "--strict", filepath.Join(dir, "warned.yaml")}, "edition: check failed: 1 warning are errors with --strict\n"},
		{[]string{"assemble", filepath.Join(dir, "nowhere")}, "edition: assemble failed: 1 error\n"},
	} {
		code, _, stderr := runCLI(t, c.args...)
		if code != 1 || !strings.HasSuffix(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr ends %q, want %q", c.args, code, tail(stderr), c.want)
		}
	}
}

func tail(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}
