package markdown

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/model"
)

func TestCiteProbe(t *testing.T) {
	data, _ := os.ReadFile("/tmp/ct/in.txt")
	conv := New()
	for _, c := range strings.Split(string(data), "\n====\n") {
		lang, src, _ := strings.Cut(c, "|")
		var log diag.Log
		res, _ := conv.Convert(Input{Path: "p.md", Body: []byte(src), Lang: lang}, func(ImageRef) (*model.Image, error) { return nil, nil }, &log)
		out := model.DumpBlocks(res.Blocks, false)
		for _, w := range log.Warnings() {
			out += "warning " + w.String() + "\n"
		}
		fmt.Printf("%q\n  => %s", src, out)
	}
}
