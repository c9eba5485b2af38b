package epub

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/redtide/edition/internal/model"
)

func tinyPNG(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 2, 3))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func para(s string) *model.Paragraph {
	return &model.Paragraph{Inlines: []model.Inline{&model.Text{Text: s}}}
}

// metadataEditions are editions whose package metadata differ: a
// numbered issue with editors, authors, translators, tags, rights, a
// passage in another language, an image without text and its print
// pages; an unnumbered one with no editors.
func metadataEditions(t *testing.T) map[string]struct {
	ed  *model.Edition
	opt Options
} {
	img := &model.Image{Name: "img-1.png", MediaType: "image/png", Data: tinyPNG(t), Width: 2, Height: 3, Line: 4}
	a1 := &model.Article{ID: "a-one", Title: "One", Authors: []string{"Maya Okonkwo-Reyes", "Vincent van Gogh"}, Tags: []string{"labour", "history"},
		Blocks: []model.Block{
			para("Text."),
			&model.Paragraph{Inlines: []model.Inline{&model.Lang{Tag: "ru", Inlines: []model.Inline{&model.Text{Text: "Вся власть Советам"}}}}},
			&model.Figure{Image: img},
		}}
	a2 := &model.Article{ID: "a-two", Title: "Zwei", Language: "de", Authors: []string{"Ruth Abramowitz", "Maya Okonkwo-Reyes"},
		Translators: []string{"Ben Li"}, Tags: []string{"history", "Germany"}, Blocks: []model.Block{para("Text.")}}
	numbered := &model.Edition{
		Publication: "The Red Tide", Title: "Permanent Revolution", Volume: 3, Number: 12,
		Date: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), Language: "en",
		Editors: []string{"Ana Editor", "Ben Editor"}, Publisher: "The Red Tide Collective",
		Description: "One issue.", Rights: "© 2026 The Red Tide Collective; CC BY-SA 4.0",
		Sections: []*model.Section{{Title: "Features", Articles: []*model.Article{a1, a2}}},
		FileAs: map[string]string{"Maya Okonkwo-Reyes": "Okonkwo-Reyes, Maya", "Vincent van Gogh": "van Gogh, Vincent",
			"Ruth Abramowitz": "Abramowitz, Ruth", "Ben Li": "Li, Ben", "Ana Editor": "Editor, Ana", "Ben Editor": "Editor, Ben"},
	}
	pages := []model.PageStart{{Label: "2", Article: a1, At: a1}, {Label: "3", Article: a2, At: a2}}
	b1 := &model.Article{ID: "a-b", Title: "B", Authors: []string{"Plato"}, Blocks: []model.Block{para("Text.")}}
	unnumbered := &model.Edition{
		Publication: "Occasional Papers", Date: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), Language: "fr",
		Sections: []*model.Section{{Articles: []*model.Article{b1}}},
	}
	mod := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	return map[string]struct {
		ed  *model.Edition
		opt Options
	}{
		"numbered":   {numbered, Options{Modified: mod, CoverPNG: tinyPNG(t), Pages: pages}},
		"unnumbered": {unnumbered, Options{Modified: mod}},
	}
}

var metadataRe = regexp.MustCompile(`(?s)<metadata.*</metadata>`)

// TestMetadataGolden compares the package metadata (identifier,
// collection, creators, contributors, languages, subjects, rights, the
// print source and the accessibility claims) with golden files.
func TestMetadataGolden(t *testing.T) {
	for name, c := range metadataEditions(t) {
		var buf bytes.Buffer
		if err := Write(&buf, c.ed, c.opt); err != nil {
			t.Fatal(err)
		}
		got := metadataRe.Find(unzip(t, buf.Bytes())["EPUB/package.opf"])
		golden := filepath.Join("testdata", "metadata_"+name+".golden")
		if *update {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: metadata differ from %s; run go test ./internal/epub -update and review the diff:\n%s", name, golden, got)
		}
	}
}

// TestSHA256UUID checks the name-based UUID against the example of RFC
// 9562, Appendix B.2 (the DNS namespace and www.example.com).
func TestSHA256UUID(t *testing.T) {
	dns := [16]byte{0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	if got, want := sha256UUID(dns, "www.example.com"), "5c146b14-3c52-8afd-938a-375d0df1fbf6"; got != want {
		t.Errorf("sha256UUID = %s, want %s (RFC 9562 B.2)", got, want)
	}
}

// TestIdentifiers: an issue's identifier is the same on every build and
// differs from every other issue's: by number (and volume), else by date.
func TestIdentifiers(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 11, d, 0, 0, 0, 0, time.UTC) }
	issues := []*model.Edition{
		{Publication: "P", Volume: 1, Number: 2, Date: day(1)},
		{Publication: "P", Volume: 1, Number: 3, Date: day(1)},
		{Publication: "P", Volume: 2, Number: 2, Date: day(1)},
		{Publication: "Q", Volume: 1, Number: 2, Date: day(1)},
		{Publication: "P", Date: day(1)},
		{Publication: "P", Date: day(2)},
	}
	seen := map[string]int{}
	for i, ed := range issues {
		id := Identifier(ed)
		if !regexp.MustCompile(`^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(id) {
			t.Errorf("issue %d: %s is not a version 8 (SHA-256 name-based) UUID URN", i, id)
		}
		if j, dup := seen[id]; dup {
			t.Errorf("issues %d and %d share the identifier %s", j, i, id)
		}
		seen[id] = i
		again := *ed
		again.Title, again.Description = "Another title", "edited"
		if Identifier(&again) != id {
			t.Errorf("issue %d: the identifier changes with the title", i)
		}
		if PrintIdentifier(ed) == id || strings.TrimSpace(PrintIdentifier(ed)) == "" {
			t.Errorf("issue %d: the print edition's identifier is the EPUB's", i)
		}
	}
	// the same issue number on another date is the same issue
	a, b := *issues[0], *issues[0]
	b.Date = day(9)
	if Identifier(&a) != Identifier(&b) {
		t.Errorf("a numbered issue's identifier depends on its date")
	}
}
