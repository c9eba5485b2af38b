package pdf_test

import (
	"bytes"
	"testing"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/pdf"
	"github.com/redtide/edition/internal/pipeline/pipelinetest"
	"github.com/redtide/edition/layout"
)

// BenchmarkWriteEditions paints the default, one-post and corpus editions
// as the build does.
func BenchmarkWriteEditions(b *testing.B) {
	fs := fonts.Default()
	for _, e := range pipelinetest.Load(b) {
		d, err := layout.Layout(e.Ed, fs, e.Cfg, nil)
		if err != nil {
			b.Fatal(err)
		}
		meta := pdf.MetaFor(e.Ed)
		b.Run(e.Name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var buf bytes.Buffer
				if err := pdf.Write(&buf, d, fs, meta); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
