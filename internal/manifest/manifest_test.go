package manifest

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/site"
)

const good = `publication: The Red Tide
title: "Permanent Revolution"
volume: 3
number: 12
date: 2026-11-25
editors: [A, B]
sections:
  - title: Features
    posts: [a.md, sub/b.md]
  - title: Culture
    posts:
      - c.md
print:
  trim: tabloid
  columns: 2
  bleed: 3mm
  crop_marks: true
  pad_to_multiple: 4
`

func TestParseGood(t *testing.T) {
	m, err := Parse("dir/edition.yaml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if m.Publication != "The Red Tide" || m.Volume != 3 || m.Number != 12 || m.Date.Format("2006-01-02") != "2026-11-25" {
		t.Errorf("metadata: %+v", m)
	}
	if m.Language != "en" || m.Root != "dir" || len(m.Editors) != 2 {
		t.Errorf("defaults: lang %q root %q editors %v", m.Language, m.Root, m.Editors)
	}
	if len(m.Sections) != 2 || m.Sections[0].Title != "Features" || len(m.Sections[0].Posts) != 2 {
		t.Fatalf("sections: %+v", m.Sections)
	}
	if e := m.Sections[0].Posts[1]; e.Path != "sub/b.md" || e.Line != 9 {
		t.Errorf("entry %+v, want sub/b.md on line 9", e)
	}
	if e := m.Sections[1].Posts[0]; e.Line != 12 {
		t.Errorf("entry %+v, want line 12", e)
	}
	p := m.Print
	if p.Trim != "tabloid" || p.Columns != 2 || p.Bleed != "3mm" || !p.CropMarks || p.PadToMultiple != 4 {
		t.Errorf("print: %+v", p)
	}
}

func TestParseFlat(t *testing.T) {
	m, err := Parse("e.yaml", []byte("publication: P\ndate: 2026-01-01\nposts: [a.md, b.md]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Sections) != 1 || m.Sections[0].Title != "" || len(m.Sections[0].Posts) != 2 {
		t.Errorf("flat posts: %+v", m.Sections)
	}
}

// TestParseErrors: every bad manifest names the file and the line, and
// all problems are reported together.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"empty", "", []string{"e.yaml:1: empty manifest"}},
		{"comment only", "# nothing\n", []string{"e.yaml:1: empty manifest"}},
		{"no publication", "date: 2026-01-01\nposts: [a.md]\n", []string{"e.yaml:1: publication: required"}},
		{"no date", "publication: P\nposts: [a.md]\n", []string{"date: required"}},
		{"bad date", "publication: P\ndate: soon\nposts: [a.md]\n", []string{`e.yaml:2: date: "soon" is not a date`}},
		{"no posts", "publication: P\ndate: 2026-01-01\n", []string{"lists no posts"}},
		{"unknown key", "publication: P\ndate: 2026-01-01\nposts: [a.md]\nvolumn: 3\n", []string{`e.yaml:4: unknown manifest key "volumn"`}},
		{"unknown print key", "publication: P\ndate: 2026-01-01\nposts: [a.md]\nprint:\n  trimsize: A4\n", []string{`e.yaml:5: unknown print key "trimsize"`}},
		{"unknown section key", "publication: P\ndate: 2026-01-01\nsections:\n  - name: X\n    posts: [a.md]\n", []string{`e.yaml:4: unknown sections key "name"`}},
		{"twice", "publication: P\ndate: 2026-01-01\nposts:\n  - a.md\n  - ./a.md\n", []string{`e.yaml:5: post "./a.md" is listed twice (first on line 4)`}},
		{"escape", "publication: P\ndate: 2026-01-01\nposts: [../x.md]\n", []string{`e.yaml:3: post "../x.md": path leaves the manifest's folder`}},
		{"absolute", "publication: P\ndate: 2026-01-01\nposts: [/etc/passwd]\n", []string{`e.yaml:3: post "/etc/passwd": absolute paths are not allowed`}},
		{"remote", "publication: P\ndate: 2026-01-01\nposts: [\"https://x.org/a.md\"]\n", []string{"remote files are not fetched"}},
		{"cover escape", "publication: P\ndate: 2026-01-01\ncover: ../c.jpg\nposts: [a.md]\n", []string{"e.yaml:3: cover: path leaves"}},
		{"bad yaml", "publication: \"P\ndate: 2026-01-01\n", []string{"e.yaml:"}},
		{"wrong type", "publication: P\ndate: 2026-01-01\nvolume: three\nposts: [a.md]\n", []string{"e.yaml:3: malformed manifest"}},
		{"two problems", "date: 2026-01-01\nposts: [a.md, a.md]\n", []string{"publication: required", "listed twice"}},
		{"bad start", "publication: P\ndate: 2026-01-01\nsections:\n  - title: X\n    start: later\n    posts: [a.md]\n", []string{`e.yaml:5: start "later": want page, column or run-on`}},
		{"lead not listed", "publication: P\ndate: 2026-01-01\nlead: b.md\nposts: [a.md]\n", []string{`e.yaml:3: lead "b.md" is not one of the posts listed`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("e.yaml", []byte(tc.src))
			if err == nil {
				t.Fatalf("no error, want %q", tc.want)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestOpen(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	write := func(p, s string) {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(root, "in.md"), "in")
	write(filepath.Join(outside, "secret.md"), "secret")
	if err := os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(root, "link.md")); err != nil {
		t.Skip("symlinks not supported:", err)
	}
	if err := os.Symlink(filepath.Join(root, "in.md"), filepath.Join(root, "ok-link.md")); err != nil {
		t.Fatal(err)
	}
	// The package's Open, and a build's, which resolves the root once and
	// is asked twice here.
	m := &Manifest{files: &site.Files{}}
	for _, open := range []func(root, rel string) ([]byte, error){Open, m.Open, m.Open} {
		if data, err := open(root, "in.md"); err != nil || string(data) != "in" {
			t.Errorf("Open(in.md) = %q, %v", data, err)
		}
		if data, err := open(root, "ok-link.md"); err != nil || string(data) != "in" {
			t.Errorf("a link inside the folder must work: %q, %v", data, err)
		}
		if _, err := open(root, "link.md"); err == nil || !strings.Contains(err.Error(), "is a link to a file outside") {
			t.Errorf("symlink out: err = %v", err)
		}
		if _, err := open(root, "../x.md"); err == nil {
			t.Error("../ accepted")
		}
		if _, err := open(root, "missing.md"); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("missing: %v, want ErrNotExist", err)
		}
		if _, err := open(filepath.Join(root, "nowhere"), "in.md"); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("missing root: %v, want ErrNotExist", err)
		}
	}
}

func TestAssemble(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"2026-01-02-b.md":       "---\ntitle: B\n---\n",
		"2026-01-01-a.md":       "---\ntitle: A\n---\n",
		"x.md":                  "---\ntitle: X\ndate: 2025-12-31\n---\n",
		"draft.md":              "---\ntitle: D\npublished: false\n---\n",
		"README.md":             "# Readme\n",
		"_drafts/2026-02-01.md": "---\ntitle: hidden\n---\n",
		"notes.txt":             "not markdown",
	}
	for name, s := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, err := Assemble(dir, dir, AssembleOptions{Publication: "P", Number: 2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Parse(filepath.Join(dir, "edition.yaml"), out)
	if err != nil {
		t.Fatalf("assembled manifest does not parse: %v\n%s", err, out)
	}
	var got []string
	for _, e := range m.Sections[0].Posts {
		got = append(got, e.Path)
	}
	want := "x.md 2026-01-01-a.md 2026-01-02-b.md"
	if strings.Join(got, " ") != want {
		t.Errorf("posts %q, want %q", got, want)
	}
	if m.Date.Format("2006-01-02") != "2026-01-02" || m.Number != 2 {
		t.Errorf("date %v number %d", m.Date, m.Number)
	}
	if _, err := Assemble(dir, filepath.Join(dir, "sub"), AssembleOptions{}, nil); err == nil {
		t.Error("manifest below the posts folder accepted")
	}
}

// TestParseMakeup reads the keys of page makeup: a section's start, the
// lead, the masthead's price and tagline, and every print key printset
// defines (the known keys come from the struct's tags).
func TestParseMakeup(t *testing.T) {
	src := `publication: P
date: 2026-01-01
price: "$2"
tagline: "  News from below "
lead: ./b.md
sections:
  - title: Features
    start: column
    posts: [a.md, b.md]
  - title: Letters
    posts: [c.md]
print:
  trim: A4
  bleed: 3mm
  crop_marks: true
  columns: 2
  pad_to_multiple: 4
  margins: 15mm
  body_size: 9pt
  downsample: false
  links: inline
  baseline_grid: true
`
	m, err := Parse("e.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if m.Price != "$2" || m.Tagline != "News from below" || m.Lead != "b.md" || m.LeadLine != 5 {
		t.Errorf("price %q tagline %q lead %q line %d", m.Price, m.Tagline, m.Lead, m.LeadLine)
	}
	if m.Sections[0].Start != model.StartColumn || m.Sections[1].Start != model.StartDefault {
		t.Errorf("starts %q %q", m.Sections[0].Start, m.Sections[1].Start)
	}
	if p := m.Print; p.Links != "inline" || !p.BaselineGrid || p.DownsampleOn() || p.Columns != 2 || p.PadToMultiple != 4 || p.Line != 12 {
		t.Errorf("print: %+v", p)
	}
}
