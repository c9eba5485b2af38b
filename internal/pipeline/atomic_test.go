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
// into their temporary files leaves the previous edition untouched and
// removes them.
func TestAtomicStop(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	runBuild(t, defaultManifest(t), out, testEpoch)
	before := snapshot(t, out)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	staged := 0
	epoch := testEpoch.Add(time.Hour) // a successful build would change the bytes
	_, err := pipeline.Run(pipeline.Options{Manifest: defaultManifest(t), OutDir: out, Epoch: &epoch, Context: ctx,
		Progress: func(stage string, _, _ int) {
			if strings.HasPrefix(stage, "setting pages") {
				ents, err := os.ReadDir(out)
				if err != nil {
					t.Error(err)
				}
				for _, e := range ents {
					if matched, _ := filepath.Match(".*.tmp", e.Name()); matched {
						staged++
					}
				}
				cancel()
			}
		}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("stopped build: error %v, want %v", err, context.Canceled)
	}
	if staged != 2 {
		t.Errorf("%d temporary files while the build runs, want the PDF's and the EPUB's", staged)
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
