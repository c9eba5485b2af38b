package edition

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/redtide/edition/internal/csl"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/site"
	"github.com/redtide/edition/internal/testenv"
)

// sharedCiteSites are the sites of ../shared/citations and their posts.
var sharedCiteSites = map[string]string{
	"posts/jekyll-scholar/genderkit": "_articles/*.md",
	"posts/jekyll-scholar/m-pilia":   "posts/_posts/*.md",
	"posts/pandoc/andrewheiss":       "blog/*/*/*/*/index.qmd",
}

// useSharedStyle makes the shared Chicago notes-bibliography style the
// default while a test runs, when package csl embeds none.
func useSharedStyle(t *testing.T, root string) {
	t.Helper()
	if defaultStyle() != nil {
		return
	}
	data, err := os.ReadFile(filepath.Join(root, "csl", "chicago-notes-bibliography.csl"))
	if err != nil {
		t.Skip("no default style: ", err)
	}
	st, err := csl.ParseStyle(data)
	if err != nil {
		t.Fatal(err)
	}
	saved := defaultStyle
	defaultStyle = func() *csl.Style { return st }
	t.Cleanup(func() { defaultStyle = saved })
}

// buildSite builds an edition of the posts matching glob in the site at
// dir.
func buildSite(t *testing.T, dir, glob string) (*model.Edition, []diag.Warning, error) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, glob))
	sort.Strings(files)
	var posts []manifest.Entry
	for _, f := range files {
		rel, _ := filepath.Rel(dir, f)
		posts = append(posts, manifest.Entry{Path: filepath.ToSlash(rel), Line: 1})
	}
	st, err := site.Open(dir)
	if err != nil {
		st = site.Bare(dir)
	}
	m := &manifest.Manifest{Path: filepath.Join(dir, "edition.yaml"), Root: dir, Site: st, Publication: "Cites",
		Number: 1, Date: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), Language: "en",
		Sections: []manifest.Section{{Title: "All", Posts: posts}}}
	var log diag.Log
	ed, err := Build(m, &log, Options{})
	return ed, log.Warnings(), err
}

func TestSharedCitationsProbe(t *testing.T) {
	root := filepath.Join(testenv.SharedRoot(t), "citations")
	if testenv.SharedRoot(t) == "" {
		t.Skip("no shared")
	}
	useSharedStyle(t, root)
	for dir, glob := range sharedCiteSites {
		ed, ws, err := buildSite(t, filepath.Join(root, dir), glob)
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		if os.Getenv("PROBE") != "" {
			os.WriteFile("/tmp/ct/"+strings.ReplaceAll(dir, "/", "_")+".dump", []byte(model.Dump(ed)), 0o644)
			var b strings.Builder
			for _, w := range ws {
				b.WriteString(w.String() + "\n")
			}
			os.WriteFile("/tmp/ct/"+strings.ReplaceAll(dir, "/", "_")+".warn", []byte(b.String()), 0o644)
		}
	}
}
