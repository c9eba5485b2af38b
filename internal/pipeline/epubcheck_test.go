package pipeline_test

// epubcheck, the W3C's EPUB validator, on whole editions: no fatal,
// error or warning.

import (
	"context"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/redtide/edition/internal/testenv"
)

// checkEPUB runs epubcheck on path and fails on any fatal, error or
// warning (infos are allowed).
func checkEPUB(t *testing.T, path string) {
	t.Helper()
	argv := testenv.Tool(t, "epubcheck")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	start := time.Now()
	out, err := exec.CommandContext(ctx, argv[0], append(argv[1:], path)...).CombinedOutput()
	t.Logf("epubcheck took %s", time.Since(start).Round(time.Millisecond))
	m := messagesRe.FindSubmatch(out)
	if m == nil {
		t.Fatalf("epubcheck printed no Messages line (exit: %v):\n%s", err, out)
	}
	if string(m[1]) != "0" || string(m[2]) != "0" || string(m[3]) != "0" || err != nil {
		t.Errorf("epubcheck %s: %s (exit: %v)\n%s", filepath.Base(path), m[0], err, out)
	}
}

func TestDefaultEditionEPUBCheck(t *testing.T) {
	t.Parallel()
	res := runBuild(t, defaultManifest(t), t.TempDir(), testEpoch)
	checkEPUB(t, epubOf(t, res))
}

func TestCorpusEPUBCheck(t *testing.T) {
	t.Parallel()
	res := runBuild(t, corpusManifest(t), t.TempDir(), testEpoch)
	checkEPUB(t, epubOf(t, res))
}
