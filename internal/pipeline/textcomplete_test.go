package pipeline_test

// Text completeness: every word of every post reaches the EPUB and the
// PDF, or a warning says why; nothing of an unpublished post does; no
// Markdown syntax is shown as text.

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/pipeline"
	"github.com/redtide/edition/internal/testenv"
)

// pdfWords is the word set of a PDF's text. A word broken at a line end
// counts both whole and as its two parts, since the text cannot tell a
// discretionary hyphen from a hard one.
func pdfWords(t *testing.T, file string) map[string]bool {
	t.Helper()
	argv := testenv.Tool(t, "pdftotext")
	// -raw: content-stream order, and no joining of hyphenated line ends,
	// which would glue "masterfully-|modeled" into one word.
	out, err := exec.Command(argv[0], "-raw", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := ligatures.Replace(string(out))
	set := wordSet(text)
	// A word broken at a line end, with a hyphen or (in code, wrapped at
	// any character) without, also counts whole.
	lines := strings.Split(text, "\n")
	for i := 0; i+1 < len(lines); i++ {
		end := lineEnd.FindString(lines[i])
		start := lineStart.FindString(lines[i+1])
		if end != "" && start != "" {
			for _, w := range words(strings.TrimRight(end, "-\u2010\u00ad") + start) {
				set[w] = true
			}
		}
	}
	// A note number set as a superscript straight after a word reads as
	// part of it: "war1".
	for w := range set {
		if m := trailingNoteNumber.FindStringSubmatch(w); m != nil {
			set[m[1]] = true
		}
	}
	return set
}

var (
	ligatures          = strings.NewReplacer("ﬀ", "ff", "ﬁ", "fi", "ﬂ", "fl", "ﬃ", "ffi", "ﬄ", "ffl", "ﬅ", "st", "ﬆ", "st")
	trailingNoteNumber = regexp.MustCompile(`^(.*\pL)\d{1,3}$`)
	lineEnd            = regexp.MustCompile(`[\pL\pN\pM]+[-\x{2010}\x{00ad}]?\s*$`)
	lineStart          = regexp.MustCompile(`^\s*[\pL\pN\pM]+`)
)

func Example_words() {
	fmt.Println(words("Don’t — “Revolution”: 1919-20…"))
	// Output: [don t revolution 1919 20]
}

// bothEditions are the editions the whole-build checks run on: the
// default one and, when ../shared/corpus is there, the corpus.
var bothEditions = []struct {
	name     string
	manifest func(testing.TB) string
}{
	{"default", defaultManifest},
	{"corpus", corpusManifest},
}

// TestNoMarkupLeaks looks for Markdown syntax shown as text in the EPUB
// (more often than goldmark's own rendering of the post shows it, e.g. in
// code): a sign that some source was copied instead of converted.
func TestNoMarkupLeaks(t *testing.T) {
	t.Parallel()
	for _, c := range bothEditions {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			m := c.manifest(t)
			res := runBuild(t, m, t.TempDir(), testEpoch)
			files := readEPUB(t, epubOf(t, res))
			for a, post := range articleFiles(t, m, res) {
				got, err := xhtmlText(entry(files, "EPUB/xhtml/"+a.ID+".xhtml"))
				if err != nil {
					t.Fatal(err)
				}
				want := expectedText(t, post)
				for _, syn := range []string{"](", `\[`, `\]`, `\*`, `\_`, "[^", "**", "![", "{%", "{{", "{:"} {
					if n, w := strings.Count(got, syn), strings.Count(want, syn); n > w {
						i := strings.Index(got, syn)
						t.Errorf("%s: %q shown %d times (goldmark: %d), first in %q", post, syn, n, w,
							got[max(0, i-60):min(len(got), i+60)])
					}
				}
			}
		})
	}
}

// epubArticleText maps each article ID to the words of its XHTML document.
func epubArticleWords(t *testing.T, res *pipeline.Result) map[string]map[string]bool {
	t.Helper()
	files := readEPUB(t, epubOf(t, res))
	out := map[string]map[string]bool{}
	for _, s := range res.Edition.Sections {
		for _, a := range s.Articles {
			text, err := xhtmlText(entry(files, "EPUB/xhtml/"+a.ID+".xhtml"))
			if err != nil {
				t.Fatalf("%s: %v", a.ID, err)
			}
			out[a.ID] = wordSet(text)
		}
	}
	return out
}

// articleFiles pairs each article of the edition with its post file,
// using the manifest the edition came from.
func articleFiles(t *testing.T, manifestPath string, res *pipeline.Result) map[*model.Article]string {
	t.Helper()
	m, err := manifest.Load(manifestPath)
	if err != nil {
		t.Fatal(err)
	}
	var entries []string
	for _, s := range m.Sections {
		for _, e := range s.Posts {
			entries = append(entries, e.Path)
		}
	}
	out := map[*model.Article]string{}
	i := 0
	for _, s := range res.Edition.Sections {
		for _, a := range s.Articles {
			// Articles keep manifest order; unpublished posts are gaps.
			for i < len(entries) && !strings.HasSuffix(filepath.ToSlash(a.Source), "/"+entries[i]) && a.Source != entries[i] {
				i++
			}
			if i == len(entries) {
				t.Fatalf("article %s (%s) matches no manifest entry", a.ID, a.Source)
			}
			out[a] = filepath.Join(m.Root, filepath.FromSlash(entries[i]))
			i++
		}
	}
	return out
}

// missingWords lists, for each post of the edition, the words of the post
// that have does not hold for its article.
func missingWords(t *testing.T, manifestPath string, res *pipeline.Result, have func(a *model.Article) map[string]bool) (missing map[string][]string, checked int) {
	t.Helper()
	files := articleFiles(t, manifestPath, res)
	missing = map[string][]string{}
	for _, s := range res.Edition.Sections {
		for _, a := range s.Articles {
			want := expectedWords(t, files[a])
			for w := range reportedDropped(res, a.Source) {
				delete(want, w)
			}
			if len(want) == 0 {
				t.Errorf("%s: no words expected: the check would prove nothing", files[a])
			}
			checked += len(want)
			got := have(a)
			for _, w := range sortedKeys(want) {
				if !got[w] {
					missing[files[a]] = append(missing[files[a]], w)
				}
			}
		}
	}
	return missing, checked
}

// droppedTitle matches the warning for a heading the build leaves out on
// purpose, naming it: the title of the site's table of contents.
var droppedTitle = regexp.MustCompile(`^heading "(.*)" over the site's table of contents dropped`)

// reportedDropped are the words of the headings of post source the build
// reports it dropped: their words may be missing, since a warning with
// path:line says why.
func reportedDropped(res *pipeline.Result, source string) map[string]bool {
	out := map[string]bool{}
	for _, w := range res.Warnings {
		if m := droppedTitle.FindStringSubmatch(w.Msg); m != nil && w.Path == source {
			for k := range wordSet(m[1]) {
				out[k] = true
			}
		}
	}
	return out
}

// checkComplete fails for every word of a post missing from its article.
func checkComplete(t *testing.T, manifestPath string, res *pipeline.Result, have func(a *model.Article) map[string]bool) {
	t.Helper()
	missing, checked := missingWords(t, manifestPath, res, have)
	for _, f := range sortedKeys(keys(missing)) {
		t.Errorf("%s: %d words missing: %s", f, len(missing[f]), strings.Join(missing[f], " "))
	}
	t.Logf("%d distinct words checked", checked)
}

func TestTextCompleteness(t *testing.T) {
	t.Parallel()
	for _, c := range bothEditions {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			m := c.manifest(t)
			res := runBuild(t, m, t.TempDir(), testEpoch)
			byArticle := epubArticleWords(t, res)
			t.Run("epub", func(t *testing.T) {
				checkComplete(t, m, res, func(a *model.Article) map[string]bool { return byArticle[a.ID] })
			})
			t.Run("pdf", func(t *testing.T) {
				set := pdfWords(t, pdfOf(t, res))
				checkComplete(t, m, res, func(*model.Article) map[string]bool { return set })
			})
		})
	}
}

// TestUnpublishedLeftOut lists a published: false post in a manifest and
// checks that none of its own words reach the EPUB.
func TestUnpublishedLeftOut(t *testing.T) {
	t.Parallel()
	m := copyPosts(t)
	dir := filepath.Dir(m)
	const draft = "2026-11-26-draft-rent-strike-column.md"
	if !regexp.MustCompile(`(?m)^published:\s*false\s*$`).Match(readFile(t, filepath.Join(dir, draft))) {
		t.Fatalf("%s is no longer published: false", draft)
	}
	editManifest(t, m, "posts: [2026-11-15-songs-of-the-picket-line.md]",
		"posts: [2026-11-15-songs-of-the-picket-line.md, "+draft+"]")

	// The draft's own words: those in no other file the edition is made of.
	distinct := expectedWords(t, filepath.Join(dir, draft))
	others, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range others {
		if filepath.Base(f) == draft || !fileExists(f) {
			continue
		}
		for w := range wordSet(string(readFile(t, f))) {
			delete(distinct, w)
		}
	}
	if len(distinct) < 5 {
		t.Fatalf("the draft has only %d distinctive words (%v): pick another probe", len(distinct), sortedKeys(distinct))
	}

	res := runBuild(t, m, t.TempDir(), testEpoch)
	for _, s := range res.Edition.Sections {
		for _, a := range s.Articles {
			if strings.HasSuffix(a.Source, draft) {
				t.Errorf("the draft is in the edition as %s", a.ID)
			}
		}
	}
	warned := false
	for _, w := range res.Warnings {
		warned = warned || strings.HasSuffix(w.Path, draft) && strings.Contains(w.Msg, "published: false")
	}
	if !warned {
		t.Errorf("no warning that %s is left out; warnings: %v", draft, res.Warnings)
	}
	var all strings.Builder
	for _, f := range readEPUB(t, epubOf(t, res)) {
		if ext := filepath.Ext(f.hdr.Name); ext == ".xhtml" || ext == ".opf" || ext == ".ncx" {
			all.Write(f.data)
			all.WriteByte(' ')
		}
	}
	got := wordSet(all.String())
	var leaked []string
	for _, w := range sortedKeys(distinct) {
		if got[w] {
			leaked = append(leaked, w)
		}
	}
	if len(leaked) > 0 {
		t.Errorf("words of the unpublished %s are in the EPUB: %s", draft, strings.Join(leaked, " "))
	}
	t.Logf("%d distinctive draft words checked", len(distinct))
}
