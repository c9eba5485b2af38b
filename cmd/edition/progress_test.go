package main

import (
	"bytes"
	"os"
	"testing"
)

// TestProgressQuiet: no progress display unless stderr is a terminal and
// -q is not given.
func TestProgressQuiet(t *testing.T) {
	if progress(&bytes.Buffer{}, false) != nil {
		t.Error("progress shown on a buffer")
	}
	f, err := os.CreateTemp(t.TempDir(), "stderr")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if progress(f, false) != nil {
		t.Error("progress shown on a regular file")
	}
	if progress(os.Stderr, true) != nil {
		t.Error("progress shown with -q")
	}
}
