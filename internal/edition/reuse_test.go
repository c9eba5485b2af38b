package edition

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/model"
)

// TestReuse builds an edition again with a Reuse after each change and
// checks which posts were converted again and that the articles are
// those a fresh build makes: a post changed, a post another includes
// with include_relative, a new context, nothing.
func TestReuse(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"edition.yaml":    "publication: Reused\ndate: 2026-11-25\nsections:\n  - posts: [2026-01-01-a.md, 2026-01-02-b.md, 2026-01-03-c.md]\n",
		"2026-01-01-a.md": "---\ntitle: A\n---\nFirst post.\n\n{% include_relative 2026-01-02-b.md %}\n",
		"2026-01-02-b.md": "---\ntitle: B\n---\nSecond post.\n",
		"2026-01-03-c.md": "---\ntitle: C\n---\nThird post, with a [^n] note.\n\n[^n]: The note.\n",
	})
	var r Reuse
	build := func(context string) (*model.Edition, []diag.Warning) {
		t.Helper()
		m, err := manifest.Load(filepath.Join(dir, "edition.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		var log diag.Log
		ed, err := Build(m, &log, Options{Reuse: &r, Context: context})
		if err != nil {
			t.Fatal(err)
		}
		var flog diag.Log
		fresh, err := Build(m, &flog, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := dumpEdition(ed), dumpEdition(fresh); got != want {
			t.Errorf("edition differs from a fresh build's:\n%s\nfresh:\n%s", got, want)
		}
		if got, want := log.Warnings(), flog.Warnings(); len(got) != len(want) {
			t.Errorf("warnings %v, a fresh build's %v", got, want)
		}
		return ed, log.Warnings()
	}
	articles := func(ed *model.Edition) []*model.Article { return ed.Sections[0].Articles }
	edit := func(name, old, new string) {
		t.Helper()
		p := filepath.Join(dir, name)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	first, _ := build("one")
	if r.Converted != 3 {
		t.Fatalf("first build converted %d posts, want 3", r.Converted)
	}
	again, _ := build("one")
	if r.Converted != 0 {
		t.Errorf("an unchanged build converted %d posts", r.Converted)
	}
	for i, a := range articles(again) {
		if a != articles(first)[i] {
			t.Errorf("article %d is not the one the last build made", i)
		}
	}
	edit("2026-01-03-c.md", "Third post", "The third post")
	ed, _ := build("one")
	if r.Converted != 1 || articles(ed)[0] != articles(first)[0] || articles(ed)[2] == articles(first)[2] {
		t.Errorf("after c changed: converted %d posts; want c alone", r.Converted)
	}
	edit("2026-01-02-b.md", "Second post", "The second post")
	ed, _ = build("one")
	if r.Converted != 2 {
		t.Errorf("after b, which a includes, changed: converted %d posts, want a and b", r.Converted)
	}
	if n := strings.Count(dumpEdition(ed), "The second post"); n != 2 {
		t.Errorf("b's new text is in the edition %d times, want twice (in b, and included in a):\n%s", n, dumpEdition(ed))
	}
	build("two")
	if r.Converted != 3 {
		t.Errorf("a new context converted %d posts, want 3", r.Converted)
	}
}

// dumpEdition prints what the articles are made of, for comparison.
func dumpEdition(ed *model.Edition) string {
	var b strings.Builder
	for _, s := range ed.Sections {
		for _, a := range s.Articles {
			b.WriteString(a.ID + " " + a.Title + "\n")
			model.WalkBlocks(a.Blocks, func(bl model.Block) {
				if p, ok := bl.(*model.Paragraph); ok {
					b.WriteString("  " + model.PlainText(p.Inlines) + "\n")
				}
			})
			for _, n := range a.Notes {
				b.WriteString("  note " + n.ID + "\n")
			}
		}
	}
	return b.String()
}
