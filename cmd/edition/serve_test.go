package main

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestCheckJSON(t *testing.T) {
	t.Chdir(repoRoot(t))
	code, stdout, stderr := runCLI(t, "check", "--format", "json")
	if code != 0 || stderr != "" {
		t.Fatalf("check --format json: exit %d\n%s", code, stderr)
	}
	var recs []map[string]any
	if err := json.Unmarshal([]byte(stdout), &recs); err != nil {
		t.Fatalf("not a JSON array: %v\n%s", err, stdout)
	}
	if len(recs) == 0 {
		t.Fatal("no warnings for the default edition, which has some")
	}
	for _, r := range recs {
		for _, k := range []string{"path", "line", "column", "severity", "message"} {
			if _, ok := r[k]; !ok {
				t.Errorf("record %v lacks %q", r, k)
			}
		}
		if r["severity"] != "warning" {
			t.Errorf("record %v: want a warning", r)
		}
	}

	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "edition.yaml"), "publication: P\ndate: 2026-01-01\nposts: [a.md, gone.md]\n")
	writeFile(t, filepath.Join(dir, "a.md"), "---\ntitle: \"unclosed\n---\nText.\n")
	code, stdout, stderr = runCLI(t, "check", "--format", "json", filepath.Join(dir, "edition.yaml"))
	if code != 1 || stderr != "" {
		t.Errorf("check of a broken edition: exit %d, stderr %q; want 1 and nothing on stderr", code, stderr)
	}
	var errs []struct {
		Path     string `json:"path"`
		Line     int    `json:"line"`
		Severity string `json:"severity"`
		Message  string `json:"message"`
	}
	if err := json.Unmarshal([]byte(stdout), &errs); err != nil {
		t.Fatalf("not a JSON array: %v\n%s", err, stdout)
	}
	got := map[string]bool{}
	for _, e := range errs {
		if e.Severity == "error" {
			got[filepath.Base(e.Path)] = e.Line > 0
		}
	}
	if !got["a.md"] || !got["edition.yaml"] {
		t.Errorf("errors %+v, want a.md and edition.yaml with their lines", errs)
	}

	if code, _, _ := runCLI(t, "check", "--format", "xml"); code != 2 {
		t.Errorf("--format xml: exit %d, want 2", code)
	}
}

func TestServeUsage(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "--port", "70000"},
		{"serve", "a.yaml", "b.yaml"},
		{"serve", "--no-such-flag"},
	} {
		if code, _, _ := runCLI(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

// TestHelperProcess is the command itself, when a test runs the test
// binary as a child process to send it signals.
func TestHelperProcess(t *testing.T) {
	if os.Getenv("EDITION_HELPER_PROCESS") != "1" {
		return
	}
	args := os.Args
	for i, a := range args {
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	os.Exit(run(args, os.Stdout, os.Stderr))
}

// TestServeSignals starts `edition serve` as a process, waits for its
// first build, and stops it with SIGINT, then SIGTERM: it exits 0 and
// leaves the outputs and no temporary file.
func TestServeSignals(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS(filepath.Join(repoRoot(t), "posts"))); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "out")
			cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "--",
				"serve", "--port", "0", "-o", out, filepath.Join(dir, "edition.yaml"))
			cmd.Env = append(os.Environ(), "EDITION_HELPER_PROCESS=1")
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer cmd.Process.Kill()
			lines := make(chan string, 16)
			go func() {
				sc := bufio.NewScanner(stdout)
				for sc.Scan() {
					lines <- sc.Text()
				}
				close(lines)
			}()
			url, built := "", false
			for url == "" || !built {
				l := next(t, lines)
				if u, ok := strings.CutPrefix(l, "preview at "); ok {
					url = u
				}
				built = built || strings.Contains(l, " built in ")
			}
			resp, err := http.Get(url)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			// an open event stream must not hold the shutdown up
			ev, err := http.Get(url + "events")
			if err != nil {
				t.Fatal(err)
			}
			defer ev.Body.Close()
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("exit after %v: %v", sig, err)
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("still running 10s after %v", sig)
			}
			ents, err := os.ReadDir(out)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, e := range ents {
				names = append(names, e.Name())
			}
			if strings.Join(names, " ") != "the-red-tide-12.epub the-red-tide-12.pdf" {
				t.Errorf("output folder holds %v, want the two outputs and nothing else", names)
			}
		})
	}
}

// next returns the next line the child printed.
func next(t *testing.T, lines <-chan string) string {
	t.Helper()
	select {
	case l, ok := <-lines:
		if !ok {
			t.Fatal("the child process ended early")
		}
		return l
	case <-time.After(30 * time.Second):
		t.Fatal("no output from the child process for 30s")
	}
	return ""
}
