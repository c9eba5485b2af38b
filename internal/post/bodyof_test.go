package post

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestBodyOf: the body BodyOf reads again is the one Parse made, for the
// default edition's posts and for front matters of every format, line
// ends and marks Parse mends.
func TestBodyOf(t *testing.T) {
	srcs := map[string][]byte{
		"crlf":  []byte("\uFEFF---\r\ntitle: T\r\n---\r\nText\r\nmore\r\n"),
		"toml":  []byte("+++\ntitle = \"T\"\n+++\nText\n"),
		"json":  []byte("{\"title\": \"T\"}\nText\n"),
		"none":  []byte("Just text\n"),
		"ctrls": []byte("---\ntitle: T\n---\nA\x07b \u0085c\n"),
	}
	posts, _ := filepath.Glob("../../posts/*.md")
	for _, p := range posts {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		srcs[filepath.Base(p)] = data
	}
	if len(posts) == 0 {
		t.Error("no posts in ../../posts")
	}
	for name, src := range srcs {
		p, err := Parse(name, src, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		body, err := BodyOf(name, src)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(body, p.Body) {
			t.Errorf("%s: BodyOf %q, Parse's Body %q", name, body, p.Body)
		}
	}
}
