package edition

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/testenv"
)

// TestReadHead reads the head of every post of the default edition
// alone and wants what the whole conversion gives it (title, subtitle,
// description, authors, translators, date, tags, language, print start),
// with no text: what a build that reads its posts' text later can set
// the front page and the contents from.
func TestReadHead(t *testing.T) {
	m, err := manifest.Load(filepath.Join(testenv.RepoRoot(t), "posts", "edition.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	st := m.Site
	if st == nil {
		t.Skip("the default edition has no site")
	}
	conv := converter()
	n := 0
	for _, s := range m.Sections {
		for _, e := range s.Posts {
			root, rel := m.PostFile(e)
			data, err := m.Open(root, rel)
			if err != nil {
				t.Fatal(err)
			}
			var log diag.Log
			h, err := readHead(m, st, e, data, &log)
			if err != nil || h == nil {
				t.Fatalf("%s: %v", e.Path, err)
			}
			if h.art.Blocks != nil || h.art.Notes != nil || h.art.Bibliography != nil {
				t.Errorf("%s: the head holds text", e.Path)
			}
			imgs := newImages(st, "the site's folder", &log, m.Open)
			a, err := convertPost(m, st, e, data, conv, imgs, shared{cites: &citeCache{}, refs: &hugoRefs{}}, &log, nil)
			if err != nil {
				t.Fatal(err)
			}
			headOf := func(a *model.Article) model.Article {
				return model.Article{Source: a.Source, Title: a.Title, Subtitle: a.Subtitle, Authors: a.Authors,
					Translators: a.Translators, Date: a.Date, Language: a.Language, Tags: a.Tags,
					Description: a.Description, PrintStart: a.PrintStart}
			}
			if got, want := headOf(h.art), headOf(a); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: head %+v, converted %+v", e.Path, got, want)
			}
			if a.Blocks == nil {
				t.Errorf("%s: no text converted", e.Path)
			}
			n++
		}
	}
	if n < 7 {
		t.Errorf("%d posts read, want the default edition's 7", n)
	}
}
