package pipeline_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"testing"

	"github.com/redtide/edition/internal/pipeline"
)

// TestPreview: the Preview hook gets the pages and the EPUB before the
// outputs are written, and they are those the build then writes.
func TestPreview(t *testing.T) {
	out := t.TempDir()
	var got []pipeline.Preview
	res, err := pipeline.Run(pipeline.Options{Manifest: defaultManifest(t), OutDir: out,
		Preview: func(p pipeline.Preview) {
			if ents, _ := os.ReadDir(out); len(ents) != 0 {
				t.Errorf("outputs written before the preview: %v", ents)
			}
			got = append(got, p)
		}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("Preview called %d times, want once", len(got))
	}
	p := got[0]
	if p.Layout == nil || len(p.Layout.Pages) == 0 || p.Fonts == nil || p.Edition != res.Edition {
		t.Errorf("preview without pages, fonts or edition: %+v", p)
	}
	if !bytes.Equal(p.EPUB, res.Files["the-red-tide-12.epub"]) {
		t.Error("the previewed EPUB differs from the one written")
	}
	if len(res.Files) != 2 || len(res.Outputs) != 2 {
		t.Errorf("files %d, outputs %v", len(res.Files), res.Outputs)
	}
}

// TestCancelled: a build whose context is done writes nothing and says
// why, before or after its pages are laid out.
func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := t.TempDir()
	if _, err := pipeline.Run(pipeline.Options{Manifest: defaultManifest(t), OutDir: out, Context: ctx}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled before it began: %v", err)
	}
	ctx, cancel = context.WithCancel(context.Background())
	_, err := pipeline.Run(pipeline.Options{Manifest: defaultManifest(t), OutDir: out, Context: ctx,
		Preview: func(pipeline.Preview) { cancel() }})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled at the preview: %v", err)
	}
	if ents, _ := os.ReadDir(out); len(ents) != 0 {
		t.Errorf("a cancelled build wrote %v", ents)
	}
}
