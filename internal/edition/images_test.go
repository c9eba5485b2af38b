package edition

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/markdown"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/post"
	"github.com/redtide/edition/internal/site"
	"github.com/redtide/edition/internal/testenv"
)

func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, s := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// png1 and png2 are two different small grey PNGs.
var (
	png1 = greyPNG(1, 1, 0x40)
	png2 = greyPNG(1, 1, 0x80)
)

func greyPNG(w, h int, v uint8) string {
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = v
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.String()
}

// TestResolveImages covers where an image is looked for: the site's
// root, its base URL, an include template, the post's folder, the
// conventional folders, and two different files of one name.
func TestResolveImages(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"_config.yml":                      "baseurl: /blog\nurl: https://example.org\nessay-images: /essays/images\n",
		"_includes/figure.html":            `{% assign slug = page.name | remove_first: ".md" %}<img src="{{ site.baseurl }}/images/{{ slug }}/{{ include.filename }}">`,
		"_posts/2020-01-01-post.md":        "---\ntitle: P\n---\n",
		"_posts/beside.png":                png1,
		"assets/images/abs.png":            png1,
		"images/lesson/fig1.png":           png1,
		"images/2020-01-01-post/fig2.png":  png1,
		"essays/images/essay.png":          png1,
		"uploads/twice.png":                png1,
		"assets/twice.png":                 png1,
		"images/clash.png":                 png1,
		"assets/images/clash.png":          png2,
		"lessons/lesson.md":                "---\ntitle: L\n---\n",
		"images/post/conventional.png":     png1,
		"_posts/images/post-folder.png":    png1,
		"_posts/assets/images/copied.png":  png1,
		"files/report.png":                 png1,
		"assets/images/2020-01-01-post.md": "",
		"images/Intro-to-R/plot.png":       png1,
	})
	st, err := site.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	var log diag.Log
	im := newImages(st, "the site's folder", &log, manifest.Open)
	postDoc := &doc{display: "_posts/2020-01-01-post.md", rel: "_posts/2020-01-01-post.md",
		page: func() map[string]any { return st.Page("_posts/2020-01-01-post.md", nil) }}
	lessonDoc := &doc{display: "lessons/lesson.md", rel: "lessons/lesson.md",
		page: func() map[string]any { return st.Page("lessons/lesson.md", map[string]any{"layout": "lesson"}) }}
	// A unit of a multilingual course site, published at /a/unit/name.de/
	// (its defaults give the permalink); its images are written relative
	// to that URL (issue 19).
	unitDoc := &doc{display: "a/units/name.de.md", rel: "a/units/name.de.md",
		page: func() map[string]any { return map[string]any{"url": "/a/unit/name.de/", "slug": "name.de"} }}
	// A lesson whose front matter slug names its image folder, in another
	// case than the file name.
	slugDoc := &doc{display: "en/lessons/intro-to-r.md", rel: "en/lessons/intro-to-r.md",
		page: func() map[string]any {
			return st.Page("en/lessons/intro-to-r.md", map[string]any{"slug": "Intro-to-R"})
		}}
	for _, c := range []struct {
		name string
		d    *doc
		ref  markdown.ImageRef
		want string // resolved path, "" for none
		warn string
	}{
		{"site-absolute", postDoc, markdown.ImageRef{Src: "/assets/images/abs.png"}, "assets/images/abs.png", ""},
		{"base URL", postDoc, markdown.ImageRef{Src: "/blog/assets/images/abs.png"}, "assets/images/abs.png", ""},
		{"full URL of the site", postDoc, markdown.ImageRef{Src: "https://example.org/blog/assets/images/abs.png"}, "assets/images/abs.png", ""},
		{"liquid in the path", postDoc, markdown.ImageRef{Src: "{{ site.baseurl }}/assets/images/abs.png"}, "assets/images/abs.png", ""},
		{"beside the post", postDoc, markdown.ImageRef{Src: "beside.png"}, "_posts/beside.png", ""},
		{"include template", lessonDoc, markdown.ImageRef{Src: "fig1.png", Include: "figure.html", Params: map[string]string{"filename": "fig1.png"}}, "images/lesson/fig1.png", ""},
		{"template's path missing, found by name", postDoc, markdown.ImageRef{Include: "figure.html", Params: map[string]string{"filename": "essay.png"}}, "essays/images/essay.png", ""},
		{"no template: images/<slug>", postDoc, markdown.ImageRef{Src: "conventional.png", Include: "other.html", Params: map[string]string{"file": "conventional.png"}}, "images/post/conventional.png", ""},
		{"custom config folder", postDoc, markdown.ImageRef{Src: "essay.png"}, "essays/images/essay.png", ""},
		{"post's images folder", postDoc, markdown.ImageRef{Src: "post-folder.png"}, "_posts/images/post-folder.png", ""},
		{"site layout below the post", postDoc, markdown.ImageRef{Src: "/assets/images/copied.png"}, "_posts/assets/images/copied.png", ""},
		{"relative path from the root", postDoc, markdown.ImageRef{Src: "files/report.png"}, "files/report.png", ""},
		{"same bytes twice", postDoc, markdown.ImageRef{Src: "twice.png"}, "assets/twice.png", ""},
		{"two different files", postDoc, markdown.ImageRef{Src: "clash.png", Line: 7}, "", `_posts/2020-01-01-post.md:7: image "clash.png" is ambiguous: assets/images/clash.png and images/clash.png`},
		{"missing", postDoc, markdown.ImageRef{Src: "/assets/none.png", Line: 9}, "", `_posts/2020-01-01-post.md:9: image "/assets/none.png" not found`},
		{"missing, template named", lessonDoc, markdown.ImageRef{Include: "figure.html", Params: map[string]string{"filename": "none.png"}, Line: 3}, "", `image "/images/lesson/none.png" not found (the site's _includes/figure.html puts it at /images/lesson/none.png)`},
		{"relative to the page's URL", unitDoc, markdown.ImageRef{Src: "../../../assets/images/abs.png"}, "assets/images/abs.png", ""},
		{"front matter slug's folder", slugDoc, markdown.ImageRef{Src: "plot.png"}, "images/Intro-to-R/plot.png", ""},
		{"above the root", postDoc, markdown.ImageRef{Src: "../../../../x.png", Line: 4}, "", `image "../../../../x.png" leaves the site's folder from the post's folder, and is not found from the page's URL either`},
	} {
		log = diag.Log{}
		img, err := im.resolve(c.d, c.ref)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		got := ""
		if img != nil {
			got = img.Path
		}
		var ws []string
		for _, w := range log.Warnings() {
			ws = append(ws, w.String())
		}
		if got != c.want {
			t.Errorf("%s: resolved %q, want %q (warnings %q)", c.name, got, c.want, ws)
		}
		if c.warn == "" && len(ws) > 0 || c.warn != "" && (len(ws) != 1 || !strings.Contains(ws[0], c.warn)) {
			t.Errorf("%s: warnings %q, want %q", c.name, ws, c.warn)
		}
	}
	// Without the page's URL, a path that leaves the site is a warning
	// too, never a failed build.
	log = diag.Log{}
	bare := &doc{display: "p.md", rel: "p.md"}
	if img, err := im.resolve(bare, markdown.ImageRef{Src: "../../../x.png", Line: 4}); err != nil || img != nil ||
		len(log.Warnings()) != 1 || !strings.Contains(log.Warnings()[0].String(), "leaves the site's folder") {
		t.Errorf("escaping path: %v, %v, %v", img, err, log.Warnings())
	}
}

// figureInclude finds {% include figure.html ... %} calls in a lesson, the
// way the Markdown converter hands them to the resolver.
var (
	figureInclude = regexp.MustCompile(`(?s)\{%-?\s*include\s+(figure\.html)(.*?)-?%\}`)
	includeAttr   = regexp.MustCompile(`([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')`)
)

// TestLessonFigures resolves every figure of the Programming Historian
// lessons through the site's own _includes/figure.html: every one must be
// found (the images are placeholders at the site's own paths).
func TestLessonFigures(t *testing.T) {
	root := testenv.Shared(t, "lessons/programminghistorian")
	st, err := site.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	var log diag.Log
	im := newImages(st, "the site's folder", &log, manifest.Open)
	files, _ := filepath.Glob(filepath.Join(root, "*", "*.md"))
	n := 0
	for _, f := range files {
		rel, _ := st.Rel(f)
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p, err := post.Parse(rel, data, nil)
		if err != nil {
			t.Fatal(err)
		}
		d := &doc{display: rel, rel: rel, page: func() map[string]any { return st.Page(rel, p.Vars()) }}
		for _, m := range figureInclude.FindAllSubmatchIndex(data, -1) {
			params := map[string]string{}
			for _, a := range includeAttr.FindAllStringSubmatch(string(data[m[4]:m[5]]), -1) {
				params[a[1]] = a[2] + a[3]
			}
			line := strings.Count(string(data[:m[0]]), "\n") + 1
			img, err := im.resolve(d, markdown.ImageRef{Src: params["filename"], Alt: params["alt"], Line: line,
				Include: string(data[m[2]:m[3]]), Params: params})
			if err != nil || img == nil {
				t.Errorf("%s:%d: figure %q not resolved: %v", rel, line, params["filename"], err)
			}
			n++
		}
	}
	for _, w := range log.Warnings() {
		t.Errorf("warning: %s", w)
	}
	if n < 100 {
		t.Errorf("only %d figures found in the lessons", n)
	}
	t.Logf("%d figures in %d lessons, all resolved", n, len(files))
}

// TestImageBytesShared: a file read under two paths is held once; a
// different file under the same name is not taken for it.
func TestImageBytesShared(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"_config.yml":   "title: T\n",
		"a/copy.png":    png1,
		"b/copy.png":    png1,
		"c/copy.png":    png2,
		"d/another.png": png2,
	})
	st, err := site.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	var log diag.Log
	im := newImages(st, "the site's folder", &log, manifest.Open)
	load := func(rel string) *model.Image {
		t.Helper()
		img, err := im.load("post.md", 1, dir, rel, "")
		if err != nil || img == nil {
			t.Fatalf("load %s: %v, %v", rel, img, err)
		}
		return img
	}
	a, b, c, d := load("a/copy.png"), load("b/copy.png"), load("c/copy.png"), load("d/another.png")
	if &a.Data[0] != &b.Data[0] {
		t.Error("the same bytes under two paths are held twice")
	}
	if &a.Data[0] == &c.Data[0] || !bytes.Equal(c.Data, []byte(png2)) {
		t.Error("a different file shares the bytes of another")
	}
	if &c.Data[0] != &d.Data[0] || a.Name == c.Name {
		t.Errorf("names %s %s; c and d share bytes: %v", a.Name, c.Name, &c.Data[0] == &d.Data[0])
	}
}
