package serve

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/pipeline"
)

// builder runs serve's builds one after another, without the server
// around them, as its loop does.
type builder struct {
	s   *Server
	man string
}

var testEpoch = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func newBuilder(t *testing.T, man string) *builder {
	t.Helper()
	s, err := newServer(Options{Manifest: man, OutDir: filepath.Join(t.TempDir(), "out"), Epoch: &testEpoch})
	if err != nil {
		t.Fatal(err)
	}
	s.opt.defaults()
	return &builder{s: s, man: man}
}

// build rebuilds, as serve does after a save, and checks that what it
// serves and writes is what a fresh build of the same files makes: the
// PDF and EPUB byte for byte, and every page's SVG. It returns the
// versions of the pages, the posts converted and the articles set.
func (b *builder) build(t *testing.T) (versions []int, converted, set int) {
	t.Helper()
	start := time.Now()
	res, err := b.s.rebuild(context.Background())
	b.s.publish(res, err, start)
	if err != nil {
		t.Fatalf("rebuild: %v", err)
	}
	var fresh pipeline.Preview
	want, err := pipeline.Run(pipeline.Options{Manifest: b.man, OutDir: t.TempDir(), Epoch: &testEpoch,
		Preview: func(p pipeline.Preview) { fresh = p }})
	if err != nil {
		t.Fatalf("fresh build: %v", err)
	}
	if len(res.Files) != len(want.Files) || len(want.Files) != 2 {
		t.Fatalf("outputs: %d, a fresh build %d", len(res.Files), len(want.Files))
	}
	for name, data := range want.Files {
		if !bytes.Equal(res.Files[name], data) {
			t.Errorf("%s differs from a fresh build's (%d and %d bytes)", name, len(res.Files[name]), len(data))
		}
	}
	if got, want := diagText(res), diagText(want); got != want {
		t.Errorf("warnings differ from a fresh build's:\n%s\nfresh:\n%s", got, want)
	}
	full, err := newSnapshot(fresh, time.Now(), b.s.seed, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	view, _ := b.s.current()
	if len(view.pages.svg) != len(full.pages.svg) {
		t.Fatalf("%d pages served, a fresh build has %d", len(view.pages.svg), len(full.pages.svg))
	}
	for i := range full.pages.svg {
		if !bytes.Equal(view.pages.svg[i], full.pages.svg[i]) {
			t.Errorf("page %d served differs from a fresh build's", i+1)
		}
	}
	t.Logf("%d pages, made up again from article %d until %d", len(view.versions), b.from(), b.s.reuse.sets.Until)
	return view.versions, b.s.reuse.posts.Converted, b.s.reuse.sets.Set
}

// from is the article from which the last rebuild made up the pages
// again (0: every page).
func (b *builder) from() int { return b.s.reuse.sets.From }

func diagText(r *pipeline.Result) string {
	var b strings.Builder
	for _, w := range r.Warnings {
		b.WriteString(w.String() + "\n")
	}
	return b.String()
}

// edit rewrites a file with f.
func edit(t testing.TB, path string, f func(string) string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(f(string(data))), 0o644); err != nil {
		t.Fatal(err)
	}
}

// inBody applies f to the body of a post, after its front matter.
func inBody(f func(string) string) func(string) string {
	return func(s string) string {
		if !strings.HasPrefix(s, "---\n") {
			return f(s)
		}
		i := strings.Index(s[4:], "\n---")
		if i < 0 {
			return f(s)
		}
		i += 4 + len("\n---")
		return s[:i] + f(s[i:])
	}
}

// posts lists the edition's post files.
func posts(t testing.TB, man string) []string {
	t.Helper()
	m, err := manifest.Load(man)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range m.Sections {
		for _, e := range s.Posts {
			out = append(out, filepath.Join(filepath.Dir(man), filepath.FromSlash(e.Path)))
		}
	}
	return out
}

// changed counts the pages whose version is gen.
func changed(versions []int) (n, gen int) {
	for _, v := range versions {
		gen = max(gen, v)
	}
	for _, v := range versions {
		if v == gen {
			n++
		}
	}
	return n, gen
}

// TestIncremental edits the default edition as an editor would and
// checks after each rebuild that serve made exactly what a fresh build
// makes, converting and setting again only what changed, and that only
// the pages that changed have new versions.
func TestIncremental(t *testing.T) {
	man := defaultEdition(t)
	b := newBuilder(t, man)
	ps := posts(t, man)
	first, conv, set := b.build(t)
	if conv != len(ps) || set != len(ps) {
		t.Fatalf("first build converted %d posts and set %d articles, want %d", conv, set, len(ps))
	}
	mid := ps[len(ps)/2]

	t.Run("a word in the middle", func(t *testing.T) {
		edit(t, mid, inBody(func(s string) string { return strings.Replace(s, "\n\n", "\n\nEditorial aside. ", 2) }))
		vs, conv, set := b.build(t)
		if conv != 1 || set != 1 {
			t.Errorf("converted %d posts, set %d articles; want 1 and 1", conv, set)
		}
		if n, _ := changed(vs); n == 0 || n >= len(vs) {
			t.Errorf("%d of %d pages have new versions", n, len(vs))
		}
		if len(vs) == len(first) && vs[0] != first[0] {
			t.Errorf("the front page has a new version after an edit to page %d's article", len(vs)/2)
		}
		if f := b.from(); f == 0 || f > len(ps)/2 {
			t.Errorf("the pages were made up again from article %d after an edit to article %d", f, len(ps)/2)
		}
		if u := b.s.reuse.sets.Until; u <= len(ps)/2 {
			t.Errorf("the makeup met the last one again at article %d (0: not), after an edit to article %d that moved nothing after it", u, len(ps)/2)
		}
	})

	t.Run("a word in the last article", func(t *testing.T) {
		edit(t, ps[len(ps)-1], inBody(func(s string) string { return strings.Replace(s, "\n\n", "\n\nA last word. ", 1) }))
		b.build(t)
		if f := b.from(); f == 0 || f >= len(ps) {
			t.Errorf("the pages were made up again from article %d after an edit to the last", f)
		}
	})

	t.Run("an article grows by pages", func(t *testing.T) {
		before, _ := b.s.current()
		n := len(before.pages.svg)
		long := strings.Repeat("A paragraph added so that the article runs on over more pages than it did, and every page after it moves. ", 12)
		edit(t, mid, func(s string) string { return s + "\n\n" + strings.Repeat(long+"\n\n", 80) })
		vs, conv, set := b.build(t)
		if conv != 1 || set != 1 {
			t.Errorf("converted %d posts, set %d articles; want 1 and 1", conv, set)
		}
		if len(vs) <= n {
			t.Errorf("%d pages after the article grew, %d before", len(vs), n)
		}
		// the pages before it are kept; the contents on the front page
		// print the new page numbers of the articles after it
		if f := b.from(); f == 0 || f > len(ps)/2 {
			t.Errorf("the pages were made up again from article %d after an edit to article %d", f, len(ps)/2)
		}
		if _, gen := changed(vs); vs[0] != gen {
			t.Errorf("the front page's contents kept the page numbers of the articles that moved")
		}
	})

	t.Run("an article shrinks by pages", func(t *testing.T) {
		before, _ := b.s.current()
		n := len(before.pages.svg)
		edit(t, mid, func(s string) string {
			i := strings.Index(s, "\n\nA paragraph added so that")
			if i < 0 {
				t.Fatal("the paragraphs added are gone")
			}
			return s[:i]
		})
		vs, _, _ := b.build(t)
		if len(vs) >= n {
			t.Errorf("%d pages after the article shrank, %d before", len(vs), n)
		}
		if f := b.from(); f == 0 || f > len(ps)/2 {
			t.Errorf("the pages were made up again from article %d after an edit to article %d", f, len(ps)/2)
		}
	})

	t.Run("a headline in the middle", func(t *testing.T) {
		edit(t, mid, func(s string) string {
			return regexp.MustCompile(`(?m)^title: .*$`).ReplaceAllString(s, "title: A Headline Made Longer Than It Was, Which the Contents Print")
		})
		b.build(t)
	})

	t.Run("the site's configuration", func(t *testing.T) {
		cfg := filepath.Join(filepath.Dir(man), "_config.yml")
		if err := os.WriteFile(cfg, []byte("title: The Red Tide\nmarkdown: kramdown\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, conv, _ := b.build(t)
		if conv != len(ps) {
			t.Errorf("converted %d posts after _config.yml changed, want all %d", conv, len(ps))
		}
	})

	t.Run("an image replaced", func(t *testing.T) {
		dir := filepath.Join(filepath.Dir(man), "images")
		data, err := os.ReadFile(filepath.Join(dir, "rose-stamp.png"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "rising-tide-woodcut.png"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, conv, _ := b.build(t)
		if conv != len(ps) {
			t.Errorf("converted %d posts after an image changed, want all %d", conv, len(ps))
		}
		_, conv, set := b.build(t)
		if conv != 0 || set != 0 {
			t.Errorf("converted %d posts and set %d articles when nothing changed, want none", conv, set)
		}
	})

	t.Run("a post renamed", func(t *testing.T) {
		last := ps[len(ps)-1]
		renamed := filepath.Join(filepath.Dir(last), "2026-11-30-renamed.md")
		if err := os.Rename(last, renamed); err != nil {
			t.Fatal(err)
		}
		edit(t, man, func(s string) string { return strings.Replace(s, filepath.Base(last), filepath.Base(renamed), 1) })
		b.build(t)
		ps[len(ps)-1] = renamed
	})

	t.Run("a post deleted", func(t *testing.T) {
		gone := ps[1]
		if err := os.Remove(gone); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		res, err := b.s.rebuild(context.Background())
		b.s.publish(res, err, start)
		if err == nil || !strings.Contains(err.Error(), "not found") {
			t.Fatalf("a build without a post the manifest lists: %v", err)
		}
		edit(t, man, func(s string) string {
			return regexp.MustCompile(`\n *- `+regexp.QuoteMeta(filepath.Base(gone))).ReplaceAllString(s, "")
		})
		b.build(t)
	})

	t.Run("an edit undone", func(t *testing.T) {
		edit(t, ps[0], func(s string) string { return strings.Replace(s, "\n\n", "\n\nA sentence. ", 1) })
		b.build(t)
		if f := b.from(); f != 0 {
			t.Errorf("the pages were made up again from article %d after an edit to the lead", f)
		}
		edit(t, ps[0], func(s string) string { return strings.Replace(s, "\n\nA sentence. ", "\n\n", 1) })
		_, conv, _ := b.build(t)
		if conv != 1 {
			t.Errorf("converted %d posts, want 1", conv)
		}
	})
}

// TestIncrementalCorpus edits posts of the corpus: in the middle, at
// the end (the pages before kept), a headline (the contents changed),
// and the lead (every page made up again).
func TestIncrementalCorpus(t *testing.T) {
	man := corpusEdition(t)
	b := newBuilder(t, man)
	ps := posts(t, man)
	b.build(t)
	mid, last := ps[len(ps)/2], ps[len(ps)-1]
	edit(t, mid, inBody(func(s string) string { return strings.Replace(s, "\n\n", "\n\nEditorial aside. ", 3) }))
	if _, conv, set := b.build(t); conv != 1 || set != 1 {
		t.Errorf("converted %d posts, set %d articles; want 1 and 1", conv, set)
	}
	if f := b.from(); f == 0 || f > len(ps)/2 {
		t.Errorf("the pages were made up again from article %d after an edit to article %d", f, len(ps)/2)
	}
	if u := b.s.reuse.sets.Until; u <= len(ps)/2 {
		t.Errorf("the makeup met the last one again at article %d (0: not), after an edit to article %d that moved nothing after it", u, len(ps)/2)
	}
	long := strings.Repeat("A sentence added to the last post, so that it runs on over another page. ", 60)
	edit(t, last, func(s string) string { return s + "\n\n" + long + "\n\n" + long + "\n" })
	b.build(t)
	if f := b.from(); f == 0 || f >= len(ps) {
		t.Errorf("the pages were made up again from article %d after an edit to the last", f)
	}
	edit(t, mid, func(s string) string {
		return regexp.MustCompile(`(?m)^title: .*$`).ReplaceAllString(s, "title: A Headline Made Longer, Which the Contents Print")
	})
	b.build(t)
	edit(t, ps[0], inBody(func(s string) string { return strings.Replace(s, "\n\n", "\n\nThe lead, edited. ", 1) }))
	b.build(t)
	if f := b.from(); f != 0 {
		t.Errorf("the pages were made up again from article %d after an edit to the lead", f)
	}
}
