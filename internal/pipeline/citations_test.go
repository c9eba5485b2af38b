package pipeline_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/markdown"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/pipeline"
	"github.com/redtide/edition/internal/post"
	"github.com/redtide/edition/internal/testenv"
)

// citeSites are the documents of ../shared/citations, each site built as
// an edition of its own: its folder and its posts (globs).
var citeSites = []struct{ name, dir, posts string }{
	{"genderkit", "posts/jekyll-scholar/genderkit", "_articles/*.md"},
	{"m-pilia", "posts/jekyll-scholar/m-pilia", "posts/_posts/*.md"},
	{"heiss", "posts/pandoc/andrewheiss", "blog/*/*/*/*/index.qmd"},
	{"joss", "other-documents/tikhonovfenichel-joss-paper", "paper/paper.md"},
	{"minicomp", "other-documents/minicomp-ed/optional/jekyll-scholar starter kit", "bibliography.md"},
	{"manubot", "other-documents/manubot-rootstock", "content/02.delete-me.md"},
}

// rawCitation is citation syntax a reader should never see.
var rawCitation = regexp.MustCompile(`\[-?@[\p{L}\p{N}_{]|\{%-?\s*(?:cite|citation|nocite|bibliography)\b`)

// missingKey is the warning of a key no database defines.
var missingKey = regexp.MustCompile(`citation key "([^"]+)" is in no bibliography`)

// TestSharedCitations builds every document of ../shared/citations and
// checks: no raw citation syntax in the EPUB's text or the PDF's; each
// key cited and defined has its entry in the article's bibliography,
// and no entry is there uncited (nocite aside); with a note style, the
// text holds one citation note per citation outside the author's notes;
// epubcheck reports nothing.
func TestSharedCitations(t *testing.T) {
	root := testenv.Shared(t, "citations")
	for _, s := range citeSites {
		t.Run(s.name, func(t *testing.T) {
			dir := copyTree(t, filepath.Join(root, s.dir))
			posts, _ := filepath.Glob(filepath.Join(dir, s.posts))
			sort.Strings(posts)
			if len(posts) == 0 {
				t.Fatalf("no posts match %s", s.posts)
			}
			man := writeCiteManifest(t, dir, posts)
			res, err := pipeline.Run(pipeline.Options{Manifest: man, OutDir: t.TempDir(), Epoch: &testEpoch})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range res.Warnings {
				if strings.Contains(w.Msg, "no citation style") {
					t.Skip("package csl embeds no default style yet")
				}
			}
			checkCitedEntries(t, res, dir, posts)
			checkNoRawCitations(t, res)
			checkEPUB(t, epubOf(t, res))
		})
	}
}

// writeCiteManifest writes a manifest of posts at the site's root.
func writeCiteManifest(t *testing.T, dir string, posts []string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("publication: Citations\nnumber: 1\ndate: 2026-12-01\nlanguage: en\nsections:\n  - title: All\n    posts:\n")
	for _, p := range posts {
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(&b, "      - %q\n", filepath.ToSlash(rel))
	}
	man := filepath.Join(dir, "edition.yaml")
	if err := os.WriteFile(man, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return man
}

// citedKeys are the keys each post cites, as the converter reads them,
// and how many of its citations stand in its running text.
func citedKeys(t *testing.T, file string) (keys map[string]bool, inText int) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	p, err := post.Parse(file, data, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := markdown.New().Convert(markdown.Input{Path: file, Body: p.Body, BodyLine: p.BodyLine, Lang: p.Language},
		func(markdown.ImageRef) (*model.Image, error) { return nil, nil }, &diag.Log{})
	if err != nil {
		t.Fatal(err)
	}
	keys = map[string]bool{}
	count := func(bs []model.Block, body bool) {
		model.WalkInlinesInBlocks(bs, func(in model.Inline) {
			c, ok := in.(*model.Cite)
			if !ok {
				return
			}
			for _, it := range c.Items {
				keys[it.Key] = true
			}
			if body && !c.Nocite {
				inText++
			}
		})
	}
	count(res.Blocks, true)
	for _, n := range res.Notes {
		count(n.Blocks, false)
	}
	return keys, inText
}

// checkCitedEntries compares each article's bibliography with the keys
// its post cites.
func checkCitedEntries(t *testing.T, res *pipeline.Result, dir string, posts []string) {
	t.Helper()
	missing := map[string]bool{}
	for _, w := range res.Warnings {
		if m := missingKey.FindStringSubmatch(w.Msg); m != nil {
			missing[m[1]] = true
		}
	}
	byName := map[string]*model.Article{}
	for _, s := range res.Edition.Sections {
		for _, a := range s.Articles {
			byName[filepath.Base(filepath.Dir(a.Source))+"/"+filepath.Base(a.Source)] = a
		}
	}
	for _, p := range posts {
		a := byName[filepath.Base(filepath.Dir(p))+"/"+filepath.Base(p)]
		if a == nil {
			t.Errorf("%s: no article", p)
			continue
		}
		keys, inText := citedKeys(t, p)
		got := map[string]bool{}
		if a.Bibliography != nil {
			for _, e := range a.Bibliography.Entries {
				if e.Key != "" {
					got[e.Key] = true
				}
			}
		}
		for k := range keys {
			if !got[k] && !missing[k] && !crossRefKey.MatchString(k) && a.Bibliography != nil && a.Bibliography.Cited {
				t.Errorf("%s: %s cited, not in the bibliography", filepath.Base(p), k)
			}
		}
		for k := range got {
			if !keys[k] && !strings.Contains(string(readFile(t, p)), "nocite") {
				t.Errorf("%s: %s in the bibliography, never cited", filepath.Base(p), k)
			}
		}
		notes := 0
		for _, n := range a.Notes {
			if n.Label == "cite" {
				notes++
			}
		}
		if notes > 0 && notes < inText-crossRefs(t, p) {
			t.Errorf("%s: %d citations in the text, %d citation notes", filepath.Base(p), inText, notes)
		}
	}
}

var crossRefKey = regexp.MustCompile(`^(?:fig|tbl|eq|sec|lst|thm)[-:]`)

// crossRefs counts the cross-references written as citations.
func crossRefs(t *testing.T, p string) int {
	return len(regexp.MustCompile(`@(?:fig|tbl|eq|sec|lst|thm)[-:]`).FindAll(readFile(t, p), -1))
}

// checkNoRawCitations looks for citation syntax in the text of the EPUB's
// documents and of the PDF.
func checkNoRawCitations(t *testing.T, res *pipeline.Result) {
	t.Helper()
	for _, f := range readEPUB(t, epubOf(t, res)) {
		if !strings.HasSuffix(f.hdr.Name, ".xhtml") {
			continue
		}
		text, err := xhtmlText(f.data)
		if err != nil {
			t.Fatalf("%s: %v", f.hdr.Name, err)
		}
		if m := rawCitation.FindString(text); m != "" {
			t.Errorf("%s: raw citation %q", f.hdr.Name, m)
		}
	}
	argv := testenv.Tool(t, "pdftotext")
	out, err := exec.Command(argv[0], "-enc", "UTF-8", pdfOf(t, res), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	if m := rawCitation.FindString(string(out)); m != "" {
		t.Errorf("PDF: raw citation %q", m)
	}
}
