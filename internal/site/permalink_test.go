package site

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestURL: documents' URLs as Jekyll computes them, on configurations
// of public sites: a minima blog (permalink: pretty, categories), a
// site with post folders as categories (blog/_posts), a course site
// whose lessons collection sets permalink: /:collection/:path/, a
// multilingual site whose defaults give units a permalink with
// placeholders (/a/unit/name.de/, issue 19), pages and index pages, and
// a front matter slug whose case differs from the file name.
func TestURL(t *testing.T) {
	day := time.Date(2021, 4, 7, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, config, rel string
		front             map[string]any
		want              string
	}{
		{"date default", "title: x\n", "_posts/2021-04-07-hello-world.md", map[string]any{"date": day}, "/2021/04/07/hello-world.html"},
		{"pretty with categories", "permalink: pretty\n", "_posts/2021-04-07-hello.md",
			map[string]any{"date": day, "categories": "Jekyll Update"}, "/jekyll/update/2021/04/07/hello/"},
		{"folder categories", "title: x\n", "blog/_posts/2021-04-07-x.md", map[string]any{"date": day, "categories": []any{"News"}}, "/blog/news/2021/04/07/x.html"},
		{"none style", "permalink: none\n", "_posts/2021-04-07-x.md", map[string]any{"date": day}, "/x.html"},
		{"custom pattern", "permalink: /:year/:title/\n", "_posts/2021-04-07-x.md", map[string]any{"date": day, "slug": "Mein Beitrag"}, "/2021/Mein-Beitrag/"},
		{"front matter slug keeps case", "title: x\n", "_posts/2021-04-07-intro.md", map[string]any{"date": day, "slug": "Intro-To-R"}, "/2021/04/07/Intro-To-R.html"},
		{"collection permalink", "collections:\n  lessons:\n    output: true\n    permalink: /:collection/:path/\n", "_lessons/unit-1/maps.md", nil, "/lessons/unit-1/maps/"},
		{"collection default", "collections:\n  units:\n    output: true\n", "_units/a.md", nil, "/units/a.html"},
		{"defaults permalink", "defaults:\n  - scope: {path: \"a\"}\n    values: {permalink: \"/a/unit/:basename/\"}\n", "a/units/name.de.md", nil, "/a/unit/name.de/"},
		{"page", "title: x\n", "about/team.md", nil, "/about/team.html"},
		{"pretty page", "permalink: pretty\n", "about/team.md", nil, "/about/team/"},
		{"index page", "title: x\n", "fr/index.md", nil, "/fr/"},
		{"fixed permalink", "title: x\n", "en/lessons/intro.md", map[string]any{"permalink": "/en/lessons/intro-to-r"}, "/en/lessons/intro-to-r"},
	}
	for _, tc := range tests {
		cfg, err := ParseConfig("_config.yml", []byte(tc.config))
		if err != nil {
			t.Fatal(err)
		}
		s := &Site{Root: ".", ConfigPath: "_config.yml", Config: cfg}
		page := s.Page(tc.rel, tc.front)
		if got := page["url"]; got != tc.want {
			t.Errorf("%s: url %v, want %s", tc.name, got, tc.want)
		}
	}
}

// TestPageSlug: page.slug is the front matter's slug, as written (the
// lesson images of a site live under images/<slug>/, whose case differs
// from the file name's); without one, the file name's.
func TestPageSlug(t *testing.T) {
	s := &Site{Root: ".", Config: emptyConfig()}
	if got := s.Page("en/lessons/intro-to-r.md", map[string]any{"slug": "Intro-to-R"})["slug"]; got != "Intro-to-R" {
		t.Errorf("slug %v, want Intro-to-R", got)
	}
	if got := s.Page("_posts/2021-04-07-hello.md", nil)["slug"]; got != "hello" {
		t.Errorf("slug %v, want hello", got)
	}
}

// TestLinkTags: {% post_url %} and {% link %} print the URL of another
// document, computed as its own page's (Jekyll's docs' examples:
// {% post_url 2010-07-21-name-of-post %}, a post in a category folder,
// {% link _collection/name-of-document.md %}).
func TestLinkTags(t *testing.T) {
	dir := t.TempDir()
	for name, s := range map[string]string{
		"_config.yml":                                "permalink: pretty\ncollections:\n  lessons:\n    output: true\n",
		"_posts/2010-07-21-name-of-post.md":          "---\ntitle: A\n---\n",
		"_posts/subdir/2011-01-02-other.markdown":    "---\ntitle: B\ncategories: [News]\n---\n",
		"blog/_posts/2013-05-06-in-blog.md":          "---\ntitle: E\n---\n",
		"_lessons/name-of-document.md":               "---\ntitle: C\n---\n",
		"_posts/2012-03-04-dated-in-front-matter.md": "---\ntitle: D\ndate: 2012-03-05 10:00:00 +0100\n---\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for src, want := range map[string]string{
		"{% post_url 2010-07-21-name-of-post %}":          "/2010/07/21/name-of-post/",
		"{% post_url /subdir/2011-01-02-other %}":         "/news/2011/01/02/other/",
		"{% post_url 2013-05-06-in-blog %}":               "/blog/2013/05/06/in-blog/",
		"{% link _lessons/name-of-document.md %}":         "/lessons/name-of-document.html",
		"{% post_url 2012-03-04-dated-in-front-matter %}": "/2012/03/04/dated-in-front-matter/",
	} {
		got, err := s.NewRenderer(nil).Render(src)
		if err != nil || got != want {
			t.Errorf("%s = %q, %v; want %q", src, got, err, want)
		}
	}
	if got, err := s.NewRenderer(nil).Render("{% post_url 1999-01-01-none %}"); err != nil || got != "" {
		t.Errorf("a missing post: %q, %v; want nothing", got, err)
	}
}
