package markdown

import (
	"strings"
	"testing"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/markdown/scan"
	"github.com/redtide/edition/internal/model"
)

func TestSiteLink(t *testing.T) {
	for _, c := range []struct{ site, dest, want string }{
		{"https://example.org/blog", "/about", "https://example.org/blog/about"},
		{"https://example.org/blog", "/blog/about", "https://example.org/blog/about"},
		{"https://example.org/blog/", "/blogroll", "https://example.org/blog/blogroll"},
		{"https://example.org", "/a/b#c", "https://example.org/a/b#c"},
		{"https://example.org", "//cdn.example.net/x", "//cdn.example.net/x"},
		{"https://example.org", "about.html", "about.html"},
		{"https://example.org", "#top", "#top"},
		{"", "/about", "/about"},
	} {
		if got := scan.SiteLink(c.site, c.dest); got != c.want {
			t.Errorf("siteLink(%q, %q) = %q, want %q", c.site, c.dest, got, c.want)
		}
	}
}

// TestSiteLinks: site-absolute links in Markdown and HTML lead to the
// site when its address is known, and stay text with a warning when it
// is not, with one warning for all of them (the count, the first line).
func TestSiteLinks(t *testing.T) {
	body := "See [the lesson](/en/lessons/x) and <a href=\"/files/y.pdf\">the file</a>, not [this](other.html).\n"
	for _, c := range []struct {
		site  string
		links []string
		warns int
	}{
		{"https://example.org/ph", []string{"https://example.org/ph/en/lessons/x", "https://example.org/ph/files/y.pdf"}, 1},
		{"", nil, 2},
	} {
		var log diag.Log
		res, err := New().Convert(Input{Path: "p.md", Body: []byte(body), SiteURL: c.site}, nil, &log)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		model.WalkInlinesInBlocks(res.Blocks, func(in model.Inline) {
			if l, ok := in.(*model.Link); ok {
				got = append(got, l.URL)
			}
		})
		if strings.Join(got, " ") != strings.Join(c.links, " ") {
			t.Errorf("site %q: links %q, want %q", c.site, got, c.links)
		}
		if n := len(log.Warnings()); n != c.warns {
			t.Errorf("site %q: %d warnings, want %d: %v", c.site, n, c.warns, log.Warnings())
		}
	}
}

// TestSiteRootLiquid: {{ site.baseurl }} in a link is the site's address
// and is dropped silently: the path left is site-absolute. Without the
// site's address, the one warning is the one a user can act on: the link
// cannot be made absolute (issue 19: 71 of 160 warnings on one site were
// the dropped {{site.url}}).
func TestSiteRootLiquid(t *testing.T) {
	body := "A [lesson]({{ site.baseurl }}/en/x) and <a href=\"{{site.url}}/y\">y</a>.\n"
	for _, c := range []struct {
		site  string
		warns int
	}{{"https://example.org/ph", 0}, {"", 1}} {
		var log diag.Log
		if _, err := New().Convert(Input{Path: "p.md", Body: []byte(body), SiteURL: c.site}, nil, &log); err != nil {
			t.Fatal(err)
		}
		if n := len(log.Warnings()); n != c.warns {
			t.Errorf("site %q: %d warnings, want %d: %v", c.site, n, c.warns, log.Warnings())
		}
	}
}
