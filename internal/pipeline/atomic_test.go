package pipeline_test

// Atomic writes: a failed build leaves the previous edition as it was.

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/redtide/edition/internal/pipeline"
)

// TestAtomicFailure: a failed build leaves the previous edition untouched
// and no temporary files behind.
func TestAtomicFailure(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	res := runBuild(t, defaultManifest(t), out, testEpoch)
	before := snapshot(t, out)
	if len(before) != len(res.Outputs) {
		t.Fatalf("output folder holds %v, the build reported %v", sortedKeys(keys(before)), res.Outputs)
	}

	m := copyPosts(t)
	bad := filepath.Join(filepath.Dir(m), "2026-11-19-permanent-revolution-reconsidered.md")
	src := readFile(t, bad)
	// Unclosed front matter: drop the closing --- line.
	fixed := regexp.MustCompile(`(?m)\A(---\n(?:.*\n)*?)---\n`).ReplaceAll(src, []byte("$1"))
	if bytes.Equal(fixed, src) {
		t.Fatalf("could not break %s", bad)
	}
	if err := os.WriteFile(bad, fixed, 0o644); err != nil {
		t.Fatal(err)
	}
	epoch := testEpoch.Add(time.Hour) // a successful build would change the bytes
	_, err := pipeline.Run(pipeline.Options{Manifest: m, OutDir: out, Epoch: &epoch})
	if err == nil {
		t.Fatalf("building with a malformed post succeeded")
	}
	if !strings.Contains(err.Error(), "2026-11-19-permanent-revolution-reconsidered.md") {
		t.Errorf("error does not name the broken post: %v", err)
	}
	after := snapshot(t, out)
	for name, data := range before {
		if !bytes.Equal(after[name], data) {
			t.Errorf("%s changed by a failed build", name)
		}
	}
	for name := range after {
		if _, ok := before[name]; !ok {
			t.Errorf("failed build left %s behind", name)
		}
		if matched, _ := filepath.Match(".*.tmp", name); matched {
			t.Errorf("temporary file %s left behind", name)
		}
	}
}

func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range ents {
		out[e.Name()] = readFile(t, filepath.Join(dir, e.Name()))
	}
	return out
}

// TestAtomicStop: a build stopped once its outputs are being written
// into their temporary files, and the EPUB's documents made ahead into
// its scratch file, leaves the previous edition untouched and removes
// them; a build that succeeds leaves its outputs and nothing else.
func TestAtomicStop(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	// temps counts the outputs' temporary files in out, and the scratch
	// files among them.
	temps := func() (staged, scratch int) {
		ents, err := os.ReadDir(out)
		if err != nil {
			t.Error(err)
		}
		for _, e := range ents {
			if matched, _ := filepath.Match(".*.scratch.tmp", e.Name()); matched {
				scratch++
			} else if matched, _ := filepath.Match(".*.tmp", e.Name()); matched {
				staged++
			}
		}
		return staged, scratch
	}
	const want = "the PDF's and the EPUB's, and the EPUB's scratch file"
	staged, scratch := 0, 0
	res, err := pipeline.Run(pipeline.Options{Manifest: defaultManifest(t), OutDir: out, Epoch: &testEpoch,
		Progress: func(stage string, _, _ int) {
			if strings.HasPrefix(stage, "setting pages") {
				staged, scratch = temps()
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	if staged != 2 || scratch != 1 {
		t.Errorf("%d temporary files and %d scratch files while the build runs, want %s", staged, scratch, want)
	}
	before := snapshot(t, out)
	if len(before) != len(res.Outputs) {
		t.Errorf("after a build the output folder holds %v, the build wrote %v", sortedKeys(keys(before)), res.Outputs)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	staged, scratch = 0, 0
	epoch := testEpoch.Add(time.Hour) // a successful build would change the bytes
	_, err = pipeline.Run(pipeline.Options{Manifest: defaultManifest(t), OutDir: out, Epoch: &epoch, Context: ctx,
		Progress: func(stage string, _, _ int) {
			if strings.HasPrefix(stage, "setting pages") {
				staged, scratch = temps()
				cancel()
			}
		}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("stopped build: error %v, want %v", err, context.Canceled)
	}
	if staged != 2 || scratch != 1 {
		t.Errorf("%d temporary files and %d scratch files while the build runs, want %s", staged, scratch, want)
	}
	after := snapshot(t, out)
	if len(after) != len(before) {
		t.Errorf("after a stopped build the folder holds %v, before %v", sortedKeys(keys(after)), sortedKeys(keys(before)))
	}
	for name, data := range before {
		if !bytes.Equal(after[name], data) {
			t.Errorf("%s changed by a stopped build", name)
		}
	}
}
