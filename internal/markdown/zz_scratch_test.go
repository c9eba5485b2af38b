package markdown
import ("testing";"fmt";"os";"github.com/redtide/edition/internal/model";"github.com/redtide/edition/internal/diag")
func TestScratch(t *testing.T) {
	src, _ := os.ReadFile(os.Getenv("SCRATCH"))
	var log diag.Log
	res, err := New().Convert(Input{Path:"p.md", Body: src, Lang: os.Getenv("LANG_")}, func(r ImageRef)(*model.Image, error){return &model.Image{Path:r.Src}, nil}, &log)
	fmt.Println(err)
	fmt.Print(model.DumpBlocks(res.Blocks, true))
	for _, w := range log.Warnings() { fmt.Println(w) }
}
