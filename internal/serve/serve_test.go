package serve

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// state fetches /state.
func (r *running) state(t testing.TB) stateJSON {
	t.Helper()
	code, body := r.get(t, "/state")
	if code != 200 {
		t.Fatalf("/state: %d", code)
	}
	var st stateJSON
	if err := json.Unmarshal([]byte(body), &st); err != nil {
		t.Fatal(err)
	}
	return st
}

// rawGet sends target as the request line, byte for byte, as no HTTP
// client would, and returns the status code.
func rawGet(t *testing.T, url, target string) int {
	t.Helper()
	c, err := net.Dial("tcp", strings.TrimPrefix(url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, strings.TrimPrefix(url, "http://"))
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("%s: %v", target, err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// TestTraversal asks for files outside what the server serves, in every
// spelling a path can take, and for a symlink planted in the output
// folder: each is refused, and nothing of the files comes back.
func TestTraversal(t *testing.T) {
	man := defaultEdition(t)
	srv := start(t, man, nil)
	ev := srv.events(t)
	waitFor(t, ev, "first build", built(1))
	if st := srv.state(t); !st.OK {
		t.Fatalf("first build failed: %+v", st.Errors)
	}
	secret := filepath.Join(filepath.Dir(man), "edition.yaml")
	if err := os.Symlink(secret, filepath.Join(srv.out, "leak.pdf")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/etc/passwd", filepath.Join(srv.out, "passwd.epub")); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{
		"/../edition.yaml",
		"/epub/../../edition.yaml",
		"/epub/EPUB/../../../../etc/passwd",
		"/epub/%2e%2e/%2e%2e/etc/passwd",
		"/epub/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
		"/epub/..%2f..%2fetc%2fpasswd",
		"/epub/..%5c..%5cetc%5cpasswd",
		"/epub/..\\..\\etc\\passwd",
		"/epub/EPUB/%00nav.xhtml",
		"/epub//etc/passwd",
		"/epub/./EPUB/nav.xhtml",
		"/download/../posts/edition.yaml",
		"/download/%2e%2e%2fedition.yaml",
		"/download/leak.pdf",
		"/download/passwd.epub",
		"/font/..%2f..%2fgo.mod",
		"/img/..",
		"/page/1.svg/../../edition.yaml",
		"/edition.yaml",
		"/output/",
		"http://evil.example/../edition.yaml",
	} {
		code := rawGet(t, srv.url, target)
		if code < 400 || code >= 500 {
			t.Errorf("GET %s: %d, want it refused", target, code)
		}
	}
	// what is there is served, asked for the same way
	if code := rawGet(t, srv.url, "/epub/EPUB/nav.xhtml"); code != 200 {
		t.Errorf("GET /epub/EPUB/nav.xhtml: %d, want 200", code)
	}
	st := srv.state(t)
	for _, path := range []string{"/", "/app.js", "/page/1.svg", "/epub/" + st.Preview.Chapters[0].Href, "/download/" + st.Downloads[0]} {
		if code, _ := srv.get(t, path); code != 200 {
			t.Errorf("GET %s: %d, want 200", path, code)
		}
	}
	// another site's page cannot reach the server by a name of its own
	req, _ := http.NewRequest("GET", srv.url+"/state", nil)
	req.Host = "attacker.example"
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("Host: attacker.example: %d, want 403", resp.StatusCode)
	}
	for _, m := range []string{"POST", "PUT", "DELETE"} {
		req, _ := http.NewRequest(m, srv.url+"/state", nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("%s /state: %d, want 405", m, resp.StatusCode)
		}
	}
}

// TestHeaders: every answer forbids loading anything from elsewhere.
func TestHeaders(t *testing.T) {
	srv := start(t, defaultEdition(t), nil)
	resp, err := http.Get(srv.url + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	csp := resp.Header.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "script-src 'self'", "connect-src 'self'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("Content-Security-Policy %q lacks %q", csp, want)
		}
	}
	if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Error("no X-Content-Type-Options: nosniff")
	}
}

// TestPages: the print pages and EPUB chapters of the default edition are
// served, the first page has the masthead, and the EPUB opens at the
// first article.
func TestPages(t *testing.T) {
	srv := start(t, defaultEdition(t), nil)
	waitFor(t, srv.events(t), "first build", built(1))
	st := srv.state(t)
	p := st.Preview
	if !st.OK || p == nil {
		t.Fatalf("state: %+v", st)
	}
	if p.Pages < 2 || p.Width != 792 || p.Height != 1224 {
		t.Errorf("preview: %d pages of %gx%g pt, want tabloid", p.Pages, p.Width, p.Height)
	}
	_, page1 := srv.get(t, "/page/1.svg")
	for _, w := range []string{">The<", ">Red<", ">Tide<", `font-family="f-`} {
		if !strings.Contains(page1, w) {
			t.Errorf("page 1 lacks %s", w)
		}
	}
	if code, _ := srv.get(t, fmt.Sprintf("/page/%d.svg", p.Pages+1)); code != 404 {
		t.Errorf("page past the end: %d, want 404", code)
	}
	if got := p.Chapters[p.Start].Title; got != "Trotskyism" {
		t.Errorf("EPUB starts at %q, want the first article", got)
	}
	code, css := srv.get(t, "/fonts.css")
	if code != 200 || strings.Count(css, "@font-face") != len(strings.Fields(p.Fonts)) {
		t.Errorf("fonts.css (%d):\n%s", code, css)
	}
	for _, f := range strings.Fields(p.Fonts) {
		if code, body := srv.get(t, "/font/"+f+".ttf"); code != 200 || len(body) < 1000 {
			t.Errorf("font %s: %d, %d bytes", f, code, len(body))
		}
	}
	if len(st.Downloads) != 2 {
		t.Errorf("downloads %v, want the PDF and the EPUB", st.Downloads)
	}
	for _, d := range st.Downloads {
		_, body := srv.get(t, "/download/"+d)
		disk, err := os.ReadFile(filepath.Join(srv.out, d))
		if err != nil || body != string(disk) {
			t.Errorf("download %s differs from the file written (%v)", d, err)
		}
	}
}

// TestDeletedPost: a post deleted while watched fails the build with its
// manifest line; the last good pages stay; putting it back recovers.
func TestDeletedPost(t *testing.T) {
	man := defaultEdition(t)
	srv := start(t, man, nil)
	ev := srv.events(t)
	first := waitFor(t, ev, "first build", built(1))
	post := filepath.Join(filepath.Dir(man), "2026-11-09-novemberrevolution.md")
	data, err := os.ReadFile(post)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(post); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ev, "the failed build", built(2))
	st := srv.state(t)
	if st.OK || len(st.Errors) == 0 {
		t.Fatalf("after deleting a post: %+v", st)
	}
	e := st.Errors[0]
	if !strings.HasSuffix(e.Path, "edition.yaml") || e.Line == 0 || !strings.Contains(e.Message, "not found") {
		t.Errorf("error %+v, want the manifest's line naming the post", e)
	}
	if st.Preview == nil || st.Preview.Gen != first.Gen {
		t.Errorf("the last good pages are gone: %+v", st.Preview)
	}
	if code, _ := srv.get(t, "/page/1.svg"); code != 200 {
		t.Errorf("page 1 after the failed build: %d", code)
	}
	if err := os.WriteFile(post, data, 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ev, "the good build", built(3))
	if st := srv.state(t); !st.OK {
		t.Errorf("after restoring the post: %+v", st.Errors)
	}
}

// TestDebounce: several files saved at once build once, and the pages
// show the last save.
func TestDebounce(t *testing.T) {
	man := defaultEdition(t)
	srv := start(t, man, func(o *Options) { o.Quiet = 100 * time.Millisecond })
	ev := srv.events(t)
	waitFor(t, ev, "first build", built(1))
	post := filepath.Join(filepath.Dir(man), "2017-05-01-trotskyism.md")
	for i := range 5 {
		setTitle(t, post, fmt.Sprintf("title: Burst%d", i))
		time.Sleep(5 * time.Millisecond)
	}
	waitFor(t, ev, "the build", built(2))
	time.Sleep(300 * time.Millisecond) // room for a second build, if one wrongly started
	st := srv.state(t)
	if st.Build != 2 {
		t.Errorf("%d builds after one burst of saves, want 1", st.Build-1)
	}
	if _, p := srv.get(t, "/page/1.svg"); !strings.Contains(p, ">Burst4<") {
		t.Error("page 1 does not show the last save")
	}
}

// TestSupersede: a change while a build runs wins; the result shown and
// written is the newest.
func TestSupersede(t *testing.T) {
	man := defaultEdition(t)
	srv := start(t, man, func(o *Options) { o.Quiet = time.Millisecond })
	ev := srv.events(t)
	waitFor(t, ev, "first build", built(1))
	post := filepath.Join(filepath.Dir(man), "2017-05-01-trotskyism.md")
	setTitle(t, post, "title: Older")
	// the build has started (its state says so) when the next save comes
	waitFor(t, ev, "a build", func(event) bool { return srv.state(t).Building })
	setTitle(t, post, "title: Newer")
	deadline := time.Now().Add(20 * time.Second)
	for {
		st := srv.state(t)
		_, p := srv.get(t, "/page/1.svg")
		if !st.Building && strings.Contains(p, ">Newer<") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the newer save never showed")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if st := srv.state(t); st.Build != 2 {
		t.Logf("%d builds finished; the older one was not superseded (a fast machine?)", st.Build)
	}
	// what was written is the newer too
	data, err := os.ReadFile(filepath.Join(srv.out, "the-red-tide-12.epub"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := openBook(data)
	if err != nil {
		t.Fatal(err)
	}
	x, err := b.read("EPUB/xhtml/a-trotskyism.xhtml")
	if err != nil || !strings.Contains(string(x), "Newer") {
		t.Errorf("the EPUB written lacks the newer headline (%v)", err)
	}
}

// TestPolling: with file notifications off, changes are still seen.
func TestPolling(t *testing.T) {
	man := defaultEdition(t)
	srv := start(t, man, func(o *Options) { o.Poll, o.PollInterval = true, 50*time.Millisecond })
	ev := srv.events(t)
	waitFor(t, ev, "first build", built(1))
	setTitle(t, filepath.Join(filepath.Dir(man), "2017-05-01-trotskyism.md"), "title: Polled")
	waitFor(t, ev, "a build after the change", built(2))
	if _, p := srv.get(t, "/page/1.svg"); !strings.Contains(p, ">Polled<") {
		t.Error("page 1 does not show the change")
	}
}

// TestIgnored: the build's own outputs, hidden files and editors' swap
// files do not start builds.
func TestIgnored(t *testing.T) {
	for _, out := range []string{"/e/posts", "/e"} {
		// the output folder is the manifest's, or above it
		s, err := newServer(Options{Manifest: "/e/posts/edition.yaml", OutDir: out})
		if err != nil {
			t.Fatal(err)
		}
		for path, want := range map[string]bool{
			"/e/posts/a.md":          false,
			"/e/posts/edition.yaml":  false,
			"/e/posts/images/a.png":  false,
			out + "/p-12.pdf":        true,
			out + "/p-12.epub":       true,
			out + "/.p-12.pdf.1.tmp": true,
		} {
			if got := s.ignored(path); got != want {
				t.Errorf("-o %s: ignored(%s) = %v, want %v", out, path, got, want)
			}
		}
	}
	s, err := newServer(Options{Manifest: "/e/posts/edition.yaml", OutDir: "/e/posts/out"})
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]bool{
		"/e/posts":                     false,
		"/e/posts/a.md":                false,
		"/e/posts/images/a.png":        false,
		"/e/posts/out":                 true,
		"/e/posts/out/x.pdf":           true,
		"/e/posts/.a.md.swp":           true,
		"/e/posts/a.md~":               true,
		"/e/posts/#a.md#":              true,
		"/e/posts/4913":                true,
		"/e/posts/.git":                true,
		"/e/posts/.the-red-tide.1.tmp": true,
		"/e/posts/node_modules":        true,
		"/e/posts/outside.md":          false,
	} {
		if got := s.ignored(path); got != want {
			t.Errorf("ignored(%s) = %v, want %v", path, got, want)
		}
	}
}

// TestShutdown: stopping leaves the outputs and no temporary file.
func TestShutdown(t *testing.T) {
	man := defaultEdition(t)
	srv := start(t, man, nil)
	ev := srv.events(t)
	waitFor(t, ev, "first build", built(1))
	// stop in the middle of a build
	setTitle(t, filepath.Join(filepath.Dir(man), "2017-05-01-trotskyism.md"), "title: Stopping")
	time.Sleep(30 * time.Millisecond)
	srv.stop(t)
	for _, dir := range []string{srv.out, filepath.Dir(man)} {
		ents, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ents {
			if strings.HasPrefix(e.Name(), ".") || strings.HasSuffix(e.Name(), ".tmp") {
				t.Errorf("left behind: %s", filepath.Join(dir, e.Name()))
			}
		}
	}
}

// TestOutputBesidePosts: outputs written into the posts' own folder do
// not start another build (which would write them again, forever).
func TestOutputBesidePosts(t *testing.T) {
	man := defaultEdition(t)
	srv := start(t, man, func(o *Options) { o.OutDir = filepath.Dir(man) })
	ev := srv.events(t)
	waitFor(t, ev, "first build", built(1))
	time.Sleep(500 * time.Millisecond)
	if st := srv.state(t); st.Build != 1 || st.Building {
		t.Errorf("%d builds (building %v) after writing the outputs beside the posts, want 1", st.Build, st.Building)
	}
}
