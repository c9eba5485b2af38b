package edition

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/imgcache"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/markdown"
	"github.com/redtide/edition/internal/site"
)

// TestRemoteImages: a remote image is read from the site's cache; one
// that is not cached, or whose file is not what the index records,
// becomes an image without data that names its URL, and the post gets
// one warning with their count.
func TestRemoteImages(t *testing.T) {
	dir := t.TempDir()
	sum := func(s string) string { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:]) }
	writeTree(t, dir, map[string]string{
		"_config.yml":                           "title: T\n",
		"_posts/2020-01-01-post.md":             "---\ntitle: P\n---\n",
		imgcache.Dir + "/" + sum(png1) + ".png": png1,
		imgcache.Dir + "/" + sum(png2) + ".png": png1, // not the bytes the index records
	})
	idx, err := imgcache.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	when := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	idx.Put(imgcache.Entry{URL: "https://img.example.org/a.png", File: sum(png1) + ".png", SHA256: sum(png1), Size: int64(len(png1)), ContentType: "image/png", Fetched: when})
	idx.Put(imgcache.Entry{URL: "https://img.example.org/changed.png", File: sum(png2) + ".png", SHA256: sum(png2), Size: int64(len(png2)), ContentType: "image/png", Fetched: when})
	if err := idx.Save(dir); err != nil {
		t.Fatal(err)
	}
	st, err := site.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	var log diag.Log
	im := newImages(st, "the site's folder", &log, manifest.Open)
	d := &doc{display: "_posts/2020-01-01-post.md", rel: "_posts/2020-01-01-post.md",
		page: func() map[string]any { return st.Page("_posts/2020-01-01-post.md", nil) }}
	for _, c := range []struct {
		src    string
		cached bool
		url    string
	}{
		{"https://img.example.org/a.png", true, "https://img.example.org/a.png"},
		{"//img.example.org/a.png#top", true, "https://img.example.org/a.png"}, // protocol-relative, fragment
		{"https://IMG.example.org/a.png", true, "https://img.example.org/a.png"},
		{"https://img.example.org/b.png", false, "https://img.example.org/b.png"},
		{"http://img.example.org/a.png", false, "http://img.example.org/a.png"},
		{"https://img.example.org/changed.png", false, "https://img.example.org/changed.png"},
	} {
		img, err := im.resolve(d, markdown.ImageRef{Src: c.src, Alt: "alt " + c.src, Line: 5})
		if err != nil || img == nil {
			t.Fatalf("%s: %v, %v", c.src, img, err)
		}
		if (img.Data != nil) != c.cached || img.URL != c.url || img.Alt != "alt "+c.src {
			t.Errorf("%s: data %v, URL %q, alt %q; want cached %v, URL %q", c.src, img.Data != nil, img.URL, img.Alt, c.cached, c.url)
		}
	}
	if ws := log.Warnings(); len(ws) != 0 {
		t.Errorf("warnings before the post is done: %v", ws)
	}
	d.warnRemote(&log)
	ws := log.Warnings()
	if len(ws) != 1 || !strings.Contains(ws[0].String(), "_posts/2020-01-01-post.md:5: 3 remote images, the first https://img.example.org/b.png, are not in the site's image cache") {
		t.Errorf("warnings %v, want one with the count", ws)
	}
}
