package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/testenv"
)

// defaultEdition copies posts/ (the default edition) into a temporary
// folder, as posts/, and returns the manifest's path there.
func defaultEdition(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "posts")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(testenv.RepoRoot(t), "posts"))); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "edition.yaml")
}

// corpusEdition copies ../shared/corpus into a temporary folder with a
// manifest of all its posts, as the layout tests assemble it.
func corpusEdition(t testing.TB) string {
	t.Helper()
	src := testenv.Shared(t, "corpus")
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	data, err := manifest.Assemble(dir, dir, manifest.AssembleOptions{Publication: "Corpus", Number: 1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := filepath.Join(dir, "edition.yaml")
	if err := os.WriteFile(m, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return m
}

// running is a server started by start.
type running struct {
	url    string // with no final slash
	out    string // output folder
	cancel context.CancelFunc
	done   chan error
}

// start runs a server on a free loopback port until the test ends.
func start(t testing.TB, man string, tweak func(*Options)) *running {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{out: filepath.Join(t.TempDir(), "out"), cancel: cancel, done: make(chan error, 1)}
	ready := make(chan string, 1)
	opt := Options{Manifest: man, OutDir: r.out, Ready: func(u string) { ready <- u }}
	if tweak != nil {
		tweak(&opt)
	}
	go func() { r.done <- Run(ctx, opt) }()
	select {
	case u := <-ready:
		r.url = strings.TrimSuffix(u, "/")
	case err := <-r.done:
		t.Fatalf("serve: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not start")
	}
	t.Cleanup(func() { r.stop(t) })
	return r
}

// stop shuts the server down and waits for it.
func (r *running) stop(t testing.TB) {
	t.Helper()
	if r.cancel == nil {
		return
	}
	r.cancel()
	r.cancel = nil
	select {
	case err := <-r.done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Error("serve did not stop within 10s")
	}
}

// event is one message of the event stream.
type event struct {
	Build int `json:"build"`
	Gen   int `json:"gen"`
}

// events opens the event stream.
func (r *running) events(t testing.TB) <-chan event {
	t.Helper()
	resp, err := http.Get(r.url + "/events")
	if err != nil {
		t.Fatal(err)
	}
	c := make(chan event, 64)
	go func() {
		defer resp.Body.Close()
		defer close(c)
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if d, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var e event
				if err := json.Unmarshal([]byte(d), &e); err != nil {
					t.Errorf("event %q: %v", d, err)
					return
				}
				c <- e
			}
		}
	}()
	t.Cleanup(func() { resp.Body.Close() })
	return c
}

// get fetches path and returns the status and body.
func (r *running) get(t testing.TB, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(r.url + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	sc := bufio.NewReader(resp.Body)
	if _, err := sc.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b.String()
}

// setTitle rewrites the title line of a post's front matter.
func setTitle(t testing.TB, post, line string) {
	t.Helper()
	data, err := os.ReadFile(post)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	done := false
	for _, l := range strings.Split(string(data), "\n") {
		if !done && strings.HasPrefix(l, "title:") {
			l, done = line, true
		}
		out = append(out, l)
	}
	if !done {
		t.Fatalf("%s has no title line", post)
	}
	if err := os.WriteFile(post, []byte(strings.Join(out, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

// waitFor waits for an event for which ok is true.
func waitFor(tb testing.TB, ev <-chan event, what string, ok func(event) bool) event {
	tb.Helper()
	timeout := time.After(30 * time.Second)
	for {
		select {
		case e, open := <-ev:
			if !open {
				tb.Fatalf("event stream closed waiting for %s", what)
			}
			if ok(e) {
				return e
			}
		case <-timeout:
			tb.Fatalf("no %s within 30s", what)
		}
	}
}

// built is true of the event that says build n finished.
func built(n int) func(event) bool { return func(e event) bool { return e.Build >= n } }
