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

func TestBar(t *testing.T) {
	for _, c := range []struct {
		done, total int
		want        string
	}{
		{0, 4, "[        ]"}, {2, 4, "[====    ]"}, {4, 4, "[========]"}, {9, 4, "[========]"}, {1, 0, "[        ]"},
	} {
		if got := bar(c.done, c.total, 8); got != c.want {
			t.Errorf("bar(%d, %d) = %q, want %q", c.done, c.total, got, c.want)
		}
	}
}
