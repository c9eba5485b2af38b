package markdown

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/model"
	postfile "github.com/redtide/edition/internal/post"
	"github.com/redtide/edition/internal/testenv"
)

// BenchmarkConvert converts the bodies of the repository's posts and,
// when ../shared is there, of the corpus's: the Markdown parse and the
// conversion to the model, without reading files or images.
func BenchmarkConvert(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(testenv.RepoRoot(b), "posts", "*.md"))
	files = append(files, testenv.SharedGlob(b, "corpus/*/*.md")...)
	var ins []Input
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		p, err := postfile.Parse(f, data, nil)
		if err != nil {
			b.Fatal(err)
		}
		ins = append(ins, Input{Path: f, Body: p.Body, BodyLine: p.BodyLine, Lang: p.Language, Math: UsesMath(p.Extra)})
	}
	if len(ins) == 0 {
		b.Fatal("no posts to convert")
	}
	conv := New()
	images := func(ref ImageRef) (*model.Image, error) {
		return &model.Image{Path: ref.Src, Name: "img.png", MediaType: "image/png", Width: 100, Height: 100, Alt: ref.Alt}, nil
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, in := range ins {
			if _, err := conv.Convert(in, images, &diag.Log{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}
