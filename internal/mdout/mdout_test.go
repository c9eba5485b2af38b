package mdout_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/mdout"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/pipeline"
	"github.com/redtide/edition/internal/testenv"
)

var update = flag.Bool("update", false, "rewrite testdata/site.golden")

// writeSite writes the files of a txtar archive into a new folder, and a
// 2×2 PNG as images/dot.png.
func writeSite(t *testing.T, archive string) string {
	t.Helper()
	dir := testenv.WriteTxtar(t, archive)
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	img.Set(0, 0, color.Black)
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "images"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "images", "dot.png"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// prepared loads the test site and writes it as Markdown.
func prepared(t *testing.T) (*model.Edition, string, []*model.Image) {
	t.Helper()
	dir := writeSite(t, filepath.Join("testdata", "site.txtar"))
	ed, _, _, err := pipeline.Load(pipeline.Options{Manifest: filepath.Join(dir, "edition.yaml")})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	imgs, err := mdout.Write(&out, ed, mdout.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ed, out.String(), imgs
}

// TestGolden compares the Markdown of a small site with
// testdata/site.golden: Liquid rendered, notes labelled by article,
// the include a figure with its image, the missing image its text.
func TestGolden(t *testing.T) {
	_, got, imgs := prepared(t)
	golden := filepath.Join("testdata", "site.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("Markdown differs from %s (go test ./internal/mdout -update to rewrite):\n%s", golden, got)
	}
	if len(imgs) != 1 || imgs[0].Data == nil {
		t.Fatalf("images = %v, want the one dot", imgs)
	}
	if !strings.Contains(got, "](images/"+imgs[0].Name+")") {
		t.Errorf("the Markdown does not refer to images/%s", imgs[0].Name)
	}
	for _, s := range []string{"[^1-1]", "[^1-2]", "[^2-1]", "The Test Gazette"} {
		if !strings.Contains(got, s) {
			t.Errorf("no %q in the Markdown", s)
		}
	}
	if strings.Contains(got, "{{") || strings.Contains(got, "{%") {
		t.Error("Liquid left in the Markdown")
	}
}

// TestPandocReads checks that pandoc reads the Markdown as edition read
// the posts: every note a note (none dropped or merged across
// articles), the text that looks like markup as text, without warnings.
func TestPandocReads(t *testing.T) {
	pandoc := testenv.Tool(t, "pandoc")
	ed, md, _ := prepared(t)
	run := func(to string) string {
		t.Helper()
		cmd := exec.Command(pandoc[0], append(pandoc[1:], "-f", "markdown", "--wrap=none", "-t", to)...)
		cmd.Stdin = strings.NewReader(md)
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Run(); err != nil {
			t.Fatalf("pandoc -t %s: %v\n%s", to, err, errb.String())
		}
		if errb.Len() > 0 && to == "json" {
			t.Errorf("pandoc -t %s warns:\n%s", to, errb.String())
		}
		return out.String()
	}
	var doc any
	if err := json.Unmarshal([]byte(run("json")), &doc); err != nil {
		t.Fatal(err)
	}
	notes := 0
	var texts, ids []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			switch x["t"] {
			case "Note":
				notes++
			case "Str":
				texts = append(texts, x["c"].(string))
			case "Header":
				// [level, [identifier, classes, attributes], inlines]
				if c, ok := x["c"].([]any); ok && len(c) == 3 {
					if attr, ok := c[1].([]any); ok && len(attr) == 3 {
						id, _ := attr[0].(string)
						ids = append(ids, id)
					}
				}
			}
			for _, c := range x {
				walk(c)
			}
		case []any:
			for _, c := range x {
				walk(c)
			}
		}
	}
	walk(doc)
	want := 0
	for _, s := range ed.Sections {
		for _, a := range s.Articles {
			want += len(a.Notes)
		}
	}
	if notes != want || want != 3 {
		t.Errorf("pandoc reads %d notes, edition %d (want 3)", notes, want)
	}
	if strings.Join(ids, " ") != "a1-a-one a2-a-two a2-h1" {
		t.Errorf("pandoc reads the headings' identifiers as %q", ids)
	}
	plain := run("plain")
	for _, s := range []string{"$5 and $6", "a*b*c", "2 < 3 > 1", "[not a link]", "@not_a_cite", "^not super^",
		"R&D", "#hash", "a|b", "{braces}", "– and …", "1986. A year", "“One” in The Test Gazette"} {
		if !strings.Contains(plain, s) {
			t.Errorf("pandoc's text lacks %q:\n%s", s, plain)
		}
	}
	for _, s := range texts {
		if strings.Contains(s, "\\") {
			t.Errorf("a backslash escape reached pandoc's text: %q", s)
		}
	}
}
