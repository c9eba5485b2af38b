package fetch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redtide/edition/internal/imgcache"
)

// testPNG is a small valid PNG of w×w pixels.
func testPNG(t *testing.T, w int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, w))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func testGIF(t *testing.T) []byte {
	t.Helper()
	img := image.NewPaletted(image.Rect(0, 0, 4, 4), []color.Color{color.Black, color.White})
	var b bytes.Buffer
	if err := gif.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// server is an https test server with the given files by path, counting
// requests.
func server(t *testing.T, files map[string][]byte, types map[string]string) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var hits atomic.Int64
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		data, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		if ct, ok := types[r.URL.Path]; ok {
			w.Header().Set("Content-Type", ct)
		}
		w.Write(data)
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

// testOptions allow the test server's loopback address and trust its
// certificate.
func testOptions(srv *httptest.Server) Options {
	o := DefaultOptions()
	o.loopback = true
	if srv != nil && srv.TLS != nil {
		o.rootCAs = srv.Client().Transport.(*http.Transport).TLSClientConfig.RootCAs
	}
	o.Now = func() time.Time { return time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC) }
	return o
}

// cacheFiles lists the files in the cache's folder.
func cacheFiles(t *testing.T, root string) []string {
	t.Helper()
	ents, err := os.ReadDir(imgcache.Folder(root))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	return out
}

// TestRunAndSecondRun: images are stored under their SHA-256 and
// indexed; a second run asks the server for nothing; a cached file that
// no longer matches the index is fetched again.
func TestRunAndSecondRun(t *testing.T) {
	pngData, gifData := testPNG(t, 8), testGIF(t)
	srv, hits := server(t, map[string][]byte{"/a.png": pngData, "/b": gifData},
		map[string]string{"/a.png": "image/png", "/b": "application/octet-stream"})
	root := t.TempDir()
	reqs := []Request{
		{URL: srv.URL + "/a.png", Source: "p.md", Line: 3},
		{URL: srv.URL + "/a.png#frag", Source: "q.md", Line: 9}, // same image
		{URL: srv.URL + "/b", Source: "p.md", Line: 5},
	}
	var progress []int
	opt := testOptions(srv)
	opt.Progress = func(done, total int) { progress = append(progress, done*10+total) }
	res, err := Run(context.Background(), root, reqs, opt)
	if err != nil {
		t.Fatal(err)
	}
	if res.Fetched != 2 || res.Cached != 0 || res.Bytes != int64(len(pngData)+len(gifData)) || hits.Load() != 2 {
		t.Fatalf("first run: %+v, %d requests", res, hits.Load())
	}
	if len(progress) != 2 || progress[1] != 22 {
		t.Errorf("progress calls %v, want done/total up to 2/2", progress)
	}
	idx, err := imgcache.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		url, ct string
		data    []byte
	}{{srv.URL + "/a.png", "image/png", pngData}, {srv.URL + "/b", "image/gif", gifData}} {
		e, ok := idx.Lookup(c.url)
		sum := sha256.Sum256(c.data)
		if !ok || e.SHA256 != hex.EncodeToString(sum[:]) || e.Size != int64(len(c.data)) || e.ContentType != c.ct || !e.Fetched.Equal(opt.Now()) {
			t.Errorf("index entry of %s: %+v", c.url, e)
		}
		got, err := os.ReadFile(filepath.Join(imgcache.Folder(root), e.File))
		if err != nil || !bytes.Equal(got, c.data) {
			t.Errorf("cached file of %s differs (%v)", c.url, err)
		}
	}
	res, err = Run(context.Background(), root, reqs, opt)
	if err != nil || res.Fetched != 0 || res.Cached != 2 || hits.Load() != 2 {
		t.Fatalf("second run: %+v, %v, %d requests", res, err, hits.Load())
	}
	// a damaged cached file counts as missing
	e, _ := idx.Lookup(srv.URL + "/a.png")
	if err := os.WriteFile(filepath.Join(imgcache.Folder(root), e.File), pngData[:20], 0o644); err != nil {
		t.Fatal(err)
	}
	res, err = Run(context.Background(), root, reqs, opt)
	if err != nil || res.Fetched != 1 || res.Cached != 1 || hits.Load() != 3 {
		t.Fatalf("run after damage: %+v, %v, %d requests", res, err, hits.Load())
	}
}

// TestRefused: each download that must fail fails with its reason, at
// the post's line, and leaves nothing in the cache but the index.
func TestRefused(t *testing.T) {
	pngData := testPNG(t, 64)
	webp := append([]byte("RIFF\x24\x00\x00\x00WEBPVP8 "), make([]byte, 40)...)
	mux := http.NewServeMux()
	serve := func(path, ct string, data []byte) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ct)
			w.Write(data)
		})
	}
	serve("/page.png", "text/html; charset=utf-8", []byte("<html><body>not found</body></html>"))
	serve("/html-as-png.png", "image/png", []byte("<!DOCTYPE html><html><body>hi</body></html>"))
	serve("/photo.webp", "image/webp", webp)
	serve("/big.png", "image/png", pngData)
	serve("/broken.png", "image/png", pngData[:16]) // a PNG signature and no header
	mux.HandleFunc("/streamed.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		for i := 0; i < len(pngData); i += 100 { // no Content-Length
			w.Write(pngData[i:min(i+100, len(pngData))])
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/cut.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Header().Set("Content-Length", strconv.Itoa(len(pngData)))
		w.Write(pngData[:len(pngData)/2])
		w.(http.Flusher).Flush()
		panic(http.ErrAbortHandler) // the connection drops mid-file
	})
	mux.HandleFunc("/slow.png", func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	})
	redirect := func(path, to string) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, to, http.StatusFound) })
	}
	redirect("/to-private", "https://10.20.30.40/x.png")
	redirect("/to-metadata", "http://169.254.169.254/latest/meta-data/")
	redirect("/to-ula", "https://[fd00::1]/x.png")
	redirect("/loop", "/loop")
	mux.HandleFunc("/missing.png", http.NotFound)
	srv := httptest.NewTLSServer(mux)
	t.Cleanup(srv.Close)
	plain := httptest.NewServer(mux)
	t.Cleanup(plain.Close)
	redirect("/to-http", plain.URL+"/big.png")

	for _, c := range []struct {
		name, url string
		opt       func(*Options)
		want      error  // errors.Is
		text      string // in the message otherwise
	}{
		{name: "html type", url: srv.URL + "/page.png", want: ErrNotImage},
		{name: "html bytes sent as png", url: srv.URL + "/html-as-png.png", want: ErrNotImage},
		{name: "webp, which a build cannot read", url: srv.URL + "/photo.webp", want: ErrNotImage},
		{name: "unreadable header", url: srv.URL + "/broken.png", want: ErrNotImage},
		{name: "over the size limit", url: srv.URL + "/big.png", opt: func(o *Options) { o.MaxBytes = 100 }, want: ErrTooLarge},
		{name: "over the size limit, streamed", url: srv.URL + "/streamed.png", opt: func(o *Options) { o.MaxBytes = 100 }, want: ErrTooLarge},
		{name: "over the total limit", url: srv.URL + "/big.png", opt: func(o *Options) { o.MaxTotal = 100 }, want: ErrTotal},
		{name: "connection drops", url: srv.URL + "/cut.png", text: "EOF"},
		{name: "timeout", url: srv.URL + "/slow.png", opt: func(o *Options) { o.Timeout = 50 * time.Millisecond }, want: context.DeadlineExceeded},
		{name: "redirect to a private address", url: srv.URL + "/to-private", want: ErrPrivate},
		{name: "redirect to link-local metadata", url: srv.URL + "/to-metadata", opt: func(o *Options) { o.AllowHTTP = true }, want: ErrPrivate},
		{name: "redirect to unique local IPv6", url: srv.URL + "/to-ula", want: ErrPrivate},
		{name: "redirect to http", url: srv.URL + "/to-http", want: ErrScheme},
		{name: "http", url: plain.URL + "/big.png", want: ErrScheme},
		{name: "redirect loop", url: srv.URL + "/loop", text: "redirects"},
		{name: "not found", url: srv.URL + "/missing.png", text: "404"},
		{name: "loopback outside tests", url: srv.URL + "/big.png", opt: func(o *Options) { o.loopback = false }, want: ErrPrivate},
		{name: "a name that resolves to loopback", url: strings.Replace(srv.URL, "127.0.0.1", "localhost", 1) + "/big.png", opt: func(o *Options) { o.loopback = false }, want: ErrPrivate},
	} {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			opt := testOptions(srv)
			if c.opt != nil {
				c.opt(&opt)
			}
			res, err := Run(context.Background(), root, []Request{{URL: c.url, Source: "posts/p.md", Line: 7}}, opt)
			switch {
			case err == nil:
				t.Fatalf("fetched: %+v", res)
			case c.want != nil && !errors.Is(err, c.want):
				t.Errorf("error %v, want %v", err, c.want)
			case c.text != "" && !strings.Contains(err.Error(), c.text):
				t.Errorf("error %v, want it to say %q", err, c.text)
			case !strings.HasPrefix(err.Error(), "posts/p.md:7: image "):
				t.Errorf("error %q is not positioned at the post", err)
			}
			if res.Failed != 1 || res.Fetched != 0 {
				t.Errorf("result %+v", res)
			}
			if files := cacheFiles(t, root); len(files) != 1 || files[0] != imgcache.IndexName {
				t.Errorf("cache holds %v, want the index alone", files)
			}
		})
	}
}

// TestCountLimit: past the count limit, images wait for the next run.
func TestCountLimit(t *testing.T) {
	files := map[string][]byte{}
	var reqs []Request
	for i := 1; i <= 3; i++ {
		p := "/" + strconv.Itoa(i) + ".png"
		files[p] = testPNG(t, i+1)
	}
	srv, hits := server(t, files, nil)
	for i := 1; i <= 3; i++ {
		reqs = append(reqs, Request{URL: srv.URL + "/" + strconv.Itoa(i) + ".png", Source: "p.md", Line: i})
	}
	opt := testOptions(srv)
	opt.MaxCount, opt.Workers = 2, 1
	root := t.TempDir()
	res, err := Run(context.Background(), root, reqs, opt)
	if !errors.Is(err, ErrCount) || res.Fetched != 2 || res.Failed != 1 || hits.Load() != 2 {
		t.Fatalf("first run: %+v, %v, %d requests", res, err, hits.Load())
	}
	res, err = Run(context.Background(), root, reqs, opt)
	if err != nil || res.Fetched != 1 || res.Cached != 2 {
		t.Fatalf("second run: %+v, %v", res, err)
	}
}

// TestStaleTemp: a temporary file an interrupted run left is removed.
func TestStaleTemp(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(imgcache.Folder(root), 0o755); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(imgcache.Folder(root), imgcache.TempPrefix+"123")
	if err := os.WriteFile(stale, []byte("half"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), root, nil, testOptions(nil)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale temporary file kept (%v)", err)
	}
}

func TestAllowed(t *testing.T) {
	for _, c := range []struct {
		ip       string
		loopback bool
		want     bool
	}{
		{"93.184.216.34", false, true},
		{"2606:4700:4700::1111", false, true},
		{"127.0.0.1", false, false},
		{"127.0.0.1", true, true},
		{"::1", false, false},
		{"::ffff:127.0.0.1", false, false},
		{"::ffff:10.0.0.1", true, false},
		{"10.0.0.1", true, false},
		{"172.20.1.1", false, false},
		{"192.168.1.1", false, false},
		{"169.254.169.254", false, false},
		{"100.64.0.1", false, false},
		{"0.0.0.0", false, false},
		{"fe80::1", false, false},
		{"fd12:3456::1", false, false},
		{"224.0.0.1", false, false},
		{"255.255.255.255", false, false},
	} {
		if got := allowed(netip.MustParseAddr(c.ip), c.loopback); got != c.want {
			t.Errorf("allowed(%s, loopback %v) = %v, want %v", c.ip, c.loopback, got, c.want)
		}
	}
}

func TestValidate(t *testing.T) {
	if err := DefaultOptions().Validate(); err != nil {
		t.Fatal(err)
	}
	for _, f := range []func(*Options){
		func(o *Options) { o.MaxBytes = 0 },
		func(o *Options) { o.MaxBytes = MaxImageBytes + 1 },
		func(o *Options) { o.MaxTotal = 0 },
		func(o *Options) { o.MaxCount = 0 },
		func(o *Options) { o.Timeout = 0 },
		func(o *Options) { o.Workers = 0 },
	} {
		o := DefaultOptions()
		f(&o)
		if o.Validate() == nil {
			t.Errorf("%+v validated", o)
		}
	}
}

// TestUpgrade: an http image is asked for at its https address, as a
// browser upgrades it, and indexed under the address the post gives.
func TestUpgrade(t *testing.T) {
	srv, _ := server(t, map[string][]byte{"/a.png": testPNG(t, 3)}, nil)
	root := t.TempDir()
	u := strings.Replace(srv.URL, "https:", "http:", 1) + "/a.png"
	res, err := Run(context.Background(), root, []Request{{URL: u, Source: "p.md", Line: 1}}, testOptions(srv))
	if err != nil || res.Fetched != 1 {
		t.Fatalf("%+v, %v", res, err)
	}
	idx, err := imgcache.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := idx.Lookup(u); !ok {
		t.Errorf("index has no entry for %s", u)
	}
}
