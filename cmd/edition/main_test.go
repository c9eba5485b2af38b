package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/testenv"
	"go.yaml.in/yaml/v3"
)

func repoRoot(t *testing.T) string { return testenv.RepoRoot(t) }

// runCLI runs the command with args and returns its exit code and output.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

// listTree lists every file under dir with its size, to see what a
// command wrote.
func listTree(t *testing.T, dir string) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if !info.IsDir() {
			out[p] = info.Size()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestBuildDefault(t *testing.T) {
	t.Chdir(repoRoot(t))
	t.Setenv("SOURCE_DATE_EPOCH", "1795500000")
	out := t.TempDir()
	code, stdout, stderr := runCLI(t, "build", "-o", out)
	if code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	epub := filepath.Join(out, "the-red-tide-12.epub")
	if st, err := os.Stat(epub); err != nil || st.Size() == 0 {
		t.Errorf("no %s: %v", epub, err)
	}
	if !strings.Contains(stdout, "wrote "+epub) || !strings.Contains(stdout, "built 7 article(s)") {
		t.Errorf("stdout:\n%s", stdout)
	}
}

func TestUsageErrors(t *testing.T) {
	t.Chdir(repoRoot(t))
	for _, args := range [][]string{
		{"build", "--no-such-flag"},
		{"build", "-o", t.TempDir(), "a.yaml", "b.yaml"},
		{"check", "a.yaml", "b.yaml"},
		{"assemble"},
		{"assemble", "a", "b"},
		{"assemble", "--date", "yesterday", "posts"},
	} {
		code, stdout, stderr := runCLI(t, args...)
		if code != 2 {
			t.Errorf("%q: exit %d, want 2\n%s", args, code, stderr)
		}
		if !strings.HasPrefix(stderr, "edition: ") || !strings.Contains(stderr, "--help") || stdout != "" {
			t.Errorf("%q: stdout %q, stderr %q", args, stdout, stderr)
		}
	}
	t.Setenv("SOURCE_DATE_EPOCH", "tomorrow")
	if code, _, stderr := runCLI(t, "build", "-o", t.TempDir()); code != 2 || !strings.Contains(stderr, "SOURCE_DATE_EPOCH") {
		t.Errorf("bad SOURCE_DATE_EPOCH: exit %d, %s", code, stderr)
	}
}

func TestMissingManifest(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	out := filepath.Join(dir, "out")
	for _, args := range [][]string{{"build", "missing.yaml", "-o", out}, {"check", "missing.yaml"}} {
		code, _, stderr := runCLI(t, args...)
		if code != 1 {
			t.Errorf("%q: exit %d, want 1", args, code)
		}
		if !strings.HasPrefix(stderr, "missing.yaml: ") || !strings.Contains(stderr, "no such file") {
			t.Errorf("%q: stderr %q, want a path: message", args, stderr)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("a failed build created %s", out)
	}
}

func TestCheck(t *testing.T) {
	// A copy of posts/, so that "writes nothing" can be checked on the
	// whole tree while others build into the repository's output/.
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "posts"), os.DirFS(filepath.Join(repoRoot(t), "posts"))); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	before := listTree(t, dir)
	code, stdout, stderr := runCLI(t, "check")
	if code != 0 {
		t.Fatalf("check: exit %d\n%s", code, stderr)
	}
	if stdout != "posts/edition.yaml: 7 article(s), "+strconv.Itoa(strings.Count(stderr, "(warning)\n"))+" warning(s)\n" {
		t.Errorf("check printed %q", stdout)
	}
	after := listTree(t, dir)
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("check wrote %s", p)
		}
	}
	if len(after) != len(before) {
		t.Errorf("check changed the tree: %d files, was %d", len(after), len(before))
	}
}

func TestCheckStrict(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "2026-01-02-warned.md"), "---\ntitle: Warned\ndate: 2026-01-02\n---\nHello {{ site.baseurl }} world.\n")
	writeFile(t, filepath.Join(dir, "2026-01-01-clean.md"), "---\ntitle: Clean\ndate: 2026-01-01\n---\nNothing to say.\n")
	clean := filepath.Join(dir, "clean.yaml")
	warned := filepath.Join(dir, "warned.yaml")
	writeFile(t, clean, "publication: Test\ndate: 2026-01-02\nposts: [2026-01-01-clean.md]\n")
	writeFile(t, warned, "publication: Test\ndate: 2026-01-02\nposts: [2026-01-01-clean.md, 2026-01-02-warned.md]\n")

	if code, _, stderr := runCLI(t, "check", "--strict", clean); code != 0 || stderr != "" {
		t.Errorf("check --strict on a clean manifest: exit %d\n%s", code, stderr)
	}
	code, _, stderr := runCLI(t, "check", warned)
	if code != 0 || !strings.Contains(stderr, "2026-01-02-warned.md:5: ") || !strings.Contains(stderr, "(warning)") {
		t.Errorf("check without --strict: exit %d, stderr %q", code, stderr)
	}
	code, stdout, stderr := runCLI(t, "check", "--strict", warned)
	if code != 1 {
		t.Errorf("check --strict with a warning: exit %d, want 1", code)
	}
	if !strings.Contains(stderr, "2026-01-02-warned.md:5: ") || !strings.Contains(stderr, "--strict") || stdout != "" {
		t.Errorf("check --strict: stdout %q, stderr %q", stdout, stderr)
	}
}

func TestAssemble(t *testing.T) {
	dir := t.TempDir()
	posts := filepath.Join(dir, "posts")
	writeFile(t, filepath.Join(posts, "b-second.md"), "---\ntitle: Second\ndate: 2026-03-02\n---\nTwo.\n")
	writeFile(t, filepath.Join(posts, "a-third.md"), "---\ntitle: Third\ndate: 2026-03-03\n---\nThree.\n")
	writeFile(t, filepath.Join(posts, "sub", "z-first.md"), "---\ntitle: First\ndate: 2026-03-01\n---\nOne.\n")
	writeFile(t, filepath.Join(posts, "c-draft.md"), "---\ntitle: Draft\ndate: 2026-03-04\npublished: false\n---\nNot yet.\n")
	writeFile(t, filepath.Join(posts, "_drafts", "d.md"), "---\ntitle: Hidden\ndate: 2026-02-01\n---\nHidden.\n")
	writeFile(t, filepath.Join(posts, "notes.txt"), "not a post\n")

	code, stdout, stderr := runCLI(t, "assemble", "--number", "4", "--publication", "The Test", posts)
	if code != 0 {
		t.Fatalf("assemble: exit %d\n%s", code, stderr)
	}
	var m struct {
		Publication string   `yaml:"publication"`
		Number      int      `yaml:"number"`
		Date        string   `yaml:"date"`
		Posts       []string `yaml:"posts"`
	}
	if err := yaml.Unmarshal([]byte(stdout), &m); err != nil {
		t.Fatalf("assemble printed no YAML manifest: %v\n%s", err, stdout)
	}
	want := []string{"sub/z-first.md", "b-second.md", "a-third.md"}
	if strings.Join(m.Posts, " ") != strings.Join(want, " ") {
		t.Errorf("posts %q, want %q (date order, no draft)", m.Posts, want)
	}
	if m.Publication != "The Test" || m.Number != 4 || m.Date != "2026-03-03" {
		t.Errorf("manifest header %+v", m)
	}
	if !strings.Contains(stderr, "c-draft.md:1: published: false; left out") {
		t.Errorf("no warning about the draft: %q", stderr)
	}

	// With -o the manifest is written, and it builds.
	out := filepath.Join(dir, "edition.yaml")
	if code, _, stderr := runCLI(t, "assemble", "-o", out, posts); code != 0 {
		t.Fatalf("assemble -o: exit %d\n%s", code, stderr)
	}
	if code, stdout, stderr := runCLI(t, "check", out); code != 0 || !strings.Contains(stdout, "3 article(s)") {
		t.Errorf("check of the assembled manifest: exit %d\n%s%s", code, stdout, stderr)
	}
}

func TestHelp(t *testing.T) {
	for _, c := range []struct{ args, want string }{
		{"--help", "edition [command]"},
		{"help", "edition [command]"},
		{"build --help", "edition build [MANIFEST]"},
		{"check --help", "edition check [MANIFEST]"},
		{"assemble --help", "edition assemble POSTS_DIR"},
		{"help build", "edition build [MANIFEST]"},
	} {
		code, stdout, stderr := runCLI(t, strings.Fields(c.args)...)
		if code != 0 || !strings.Contains(stdout, "Usage:") || !strings.Contains(stdout, c.want) || stderr != "" {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", c.args, code, stdout, stderr)
		}
	}
}
