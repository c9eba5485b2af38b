package manifest

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/diag"
)

// TestAssembleQuarto: a Quarto project (a blog like Andrew Heiss's,
// whose posts are blog/YYYY/MM/DD/name/index.qmd) assembles its .qmd
// and .Rmd documents as Quarto renders them, leaving out listing pages
// and drafts; a folder without _quarto.yml reads .qmd as no post.
func TestAssembleQuarto(t *testing.T) {
	files := map[string]string{
		"_quarto.yml":                         "project:\n  type: website\nwebsite:\n  title: A Blog\n",
		"blog/index.qmd":                      "---\ntitle: Blog\nlisting:\n  contents: \"*/**/index.qmd\"\n---\n",
		"blog/2021/09/07/backdoors/index.qmd": "---\ntitle: Backdoors\ndate: 2021-09-07\n---\nText $x$.\n",
		"blog/2023/01/02/models/index.Rmd":    "---\ntitle: Models\ndate: 2023-01-02\n---\nText.\n",
		"blog/2024/01/01/later/index.qmd":     "---\ntitle: Later\ndate: 2024-01-01\ndraft: true\n---\nText.\n",
	}
	dir := writeSite(t, files)
	var log diag.Log
	out, err := Assemble(dir, dir, AssembleOptions{}, &log)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Parse(filepath.Join(dir, "edition.yaml"), out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if m.Publication != "A Blog" {
		t.Errorf("publication %q, want the project's website title", m.Publication)
	}
	var got []string
	for _, e := range m.Sections[0].Posts {
		got = append(got, e.Path)
	}
	if want := "blog/2021/09/07/backdoors/index.qmd blog/2023/01/02/models/index.Rmd"; strings.Join(got, " ") != want {
		t.Errorf("posts %q, want %q", got, want)
	}
	if s := string(out); !strings.Contains(s, "listing page") || !strings.Contains(s, "a draft") {
		t.Errorf("the manifest does not name what was left out:\n%s", s)
	}

	delete(files, "_quarto.yml")
	dir = writeSite(t, files)
	if _, err := Assemble(dir, dir, AssembleOptions{}, &diag.Log{}); err == nil || !strings.Contains(err.Error(), "no published posts") {
		t.Errorf("without _quarto.yml: %v, want no posts found", err)
	}
}
