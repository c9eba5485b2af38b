package biblio_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/biblio/bibliotest"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/edition"
	"github.com/redtide/edition/internal/model"
)

// buildPost builds an edition of the one post src, as edition's own
// tests do: the cases are judged on the finished article, numbered.
func buildPost(t *testing.T, src string) (*model.Article, []diag.Warning) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "p.md"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var log diag.Log
	ed, err := edition.Build(bibliotest.OnePost(dir, "p.md"), &log, edition.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ed.Sections[0].Articles[0], log.Warnings()
}

// bibWant is what a case expects, from its "want:" line.
type bibWant struct {
	none                      bool
	title                     string
	entries, groups, warnings int
	ordered                   bool
}

var reWant = regexp.MustCompile(`(\w+)(?:=("[^"]*"|\d+))?`)

func parseWant(t *testing.T, line string) bibWant {
	t.Helper()
	spec, ok := strings.CutPrefix(line, "want:")
	if !ok {
		t.Fatalf("case does not start with a want: line: %q", line)
	}
	var w bibWant
	for _, m := range reWant.FindAllStringSubmatch(spec, -1) {
		switch m[1] {
		case "none":
			w.none = true
		case "ordered":
			w.ordered = true
		case "title":
			w.title, _ = strconv.Unquote(m[2])
		case "entries", "groups", "warnings":
			n, _ := strconv.Atoi(m[2])
			*map[string]*int{"entries": &w.entries, "groups": &w.groups, "warnings": &w.warnings}[m[1]] = n
		default:
			t.Fatalf("unknown want %q", m[1])
		}
	}
	return w
}

// TestBibliographyCases runs every case of testdata/bibliography: real
// headings and bodies, positive and negative, in seven languages.
func TestBibliographyCases(t *testing.T) {
	files := bibliotest.CaseFiles(t)
	total, langs := 0, map[string]bool{}
	for _, f := range files {
		lang := strings.TrimSuffix(filepath.Base(f), ".txtar")
		for _, c := range bibliotest.ReadTxtar(t, f) {
			total++
			langs[lang] = true
			t.Run(lang+"/"+strings.TrimSuffix(c.Name, ".md"), func(t *testing.T) {
				first, body, _ := strings.Cut(c.Data, "\n")
				runBibCase(t, lang, parseWant(t, first), body)
			})
		}
	}
	if total < 60 || len(langs) < 6 {
		t.Errorf("%d cases in %d files; want at least 60 in five languages and the negatives", total, len(langs))
	}
}

func runBibCase(t *testing.T, lang string, want bibWant, body string) {
	fm := "---\ntitle: T\ndate: 2026-01-01\n"
	if lang != "en" && lang != "negative" {
		fm += "lang: " + lang + "\n"
	}
	src := fm + "---\nThe article opens with a paragraph of its own, long enough to be the body of the post.\n\n" + body
	a, ws := buildPost(t, src)
	b := a.Bibliography
	if want.none {
		if b != nil {
			t.Fatalf("found bibliography %q with %d entries, want none:\n%s", b.Title, len(b.Entries), model.DumpArticle(a))
		}
	} else {
		if b == nil {
			t.Fatalf("no bibliography found:\n%s", model.DumpArticle(a))
		}
		groups := 0
		for i, e := range b.Entries {
			if e.Number != i+1 || e.ID != "bib"+strconv.Itoa(i+1) {
				t.Errorf("entry %d numbered %d id %q", i, e.Number, e.ID)
			}
			if e.Group != nil {
				groups++
			}
		}
		if b.Title != want.title || len(b.Entries) != want.entries || groups != want.groups || b.Ordered != want.ordered {
			t.Errorf("got %q entries=%d groups=%d ordered=%v, want %q entries=%d groups=%d ordered=%v\n%s",
				b.Title, len(b.Entries), groups, b.Ordered, want.title, want.entries, want.groups, want.ordered, model.DumpArticle(a))
		}
	}
	var headingWarnings int
	for _, w := range ws {
		if strings.Contains(w.Msg, "heading") {
			headingWarnings++
		}
	}
	if headingWarnings != want.warnings {
		t.Errorf("%d heading warnings, want %d: %v", headingWarnings, want.warnings, ws)
	}
	// Notes are numbered in reading order, the bibliography's groups
	// included.
	seen := map[*model.Note]bool{}
	next := 1
	model.WalkArticle(a, func(in model.Inline) {
		if r, ok := in.(*model.NoteRef); ok && !seen[r.Note] {
			seen[r.Note] = true
			if r.Note.Number != next {
				t.Errorf("note referenced %d. is numbered %d", next, r.Note.Number)
			}
			next++
		}
	})
	dropped := bibliotest.DroppedHeadingWords(ws)
	var lost []string
	for _, w := range bibliotest.LostWords(t, body, a) {
		if !dropped[w] {
			lost = append(lost, w)
		}
	}
	if len(lost) > 0 {
		t.Errorf("words lost: %q\n%s", lost, model.DumpArticle(a))
	}
}
