package markdown

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// TestQuickLinkify checks that the filter in front of Linkify never
// turns away a link Linkify would make.
func TestQuickLinkify(t *testing.T) {
	plain := goldmark.New(goldmark.WithExtensions(extension.Linkify))
	quick := goldmark.New(goldmark.WithExtensions(quickLinkify{}))
	pieces := []string{"see ", "http://example.org/a", "https://x.y", "ftp://f.g/h", "www.example.com", "a@b.co", "mail me@x.org.", " ", "*", "_", "~", "(", ")", "word", "\t", "\n", "@", "user.name+tag@example.co.uk", strings.Repeat("x", 70) + "@y.com", "HTTP://UP.ORG", "wwwx", "[link](http://z.org)", "<a@b.c>", "(x@y.org", "[@key]", "!a@b.org", "a b@c.org", strings.Repeat("x", 64) + "@y.com", strings.Repeat("x", 63) + "@y.com", "a\tb@c.de"}
	r := rand.New(rand.NewPCG(7, 8))
	render := func(md goldmark.Markdown, src string) string {
		var b bytes.Buffer
		if err := md.Convert([]byte(src), &b); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	links := 0
	for range 3000 {
		var b strings.Builder
		for range r.IntN(10) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		src := b.String()
		got, want := render(quick, src), render(plain, src)
		if got != want {
			t.Fatalf("%q:\n got %s\nwant %s", src, got, want)
		}
		links += strings.Count(want, "<a href")
	}
	if links < 1000 {
		t.Errorf("only %d links made: the test does not try Linkify enough", links)
	}
}
