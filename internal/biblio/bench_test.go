package biblio_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/redtide/edition/internal/biblio"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/markdown"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/post"
	"github.com/redtide/edition/internal/testenv"
)

// BenchmarkFind finds the bibliographies of the repository's posts and,
// when ../shared is there, of the corpus's, converted once beforehand:
// the titles of their sections classified, their entries scored. (In a
// build, DropEmptyHeadings classifies the titles first.)
func BenchmarkFind(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(testenv.RepoRoot(b), "posts", "*.md"))
	files = append(files, testenv.SharedGlob(b, "corpus/*/*.md")...)
	files = append(files, testenv.SharedGlob(b, "corpus/*/*.markdown")...)
	conv := markdown.New()
	images := func(ref markdown.ImageRef) (*model.Image, error) {
		return &model.Image{Path: ref.Src, Name: "img.png", MediaType: "image/png", Width: 100, Height: 100, Alt: ref.Alt}, nil
	}
	var articles [][]model.Block
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		p, err := post.Parse(f, data, nil)
		if err != nil {
			b.Fatal(err)
		}
		res, err := conv.Convert(markdown.Input{Path: f, Body: p.Body, BodyLine: p.BodyLine, Lang: p.Language, Math: markdown.UsesMath(p.Extra)}, images, &diag.Log{})
		if err != nil {
			b.Fatal(err)
		}
		articles = append(articles, res.Blocks)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, blocks := range articles {
			biblio.Find(blocks, "en")
		}
	}
}
