// Package bibliotest holds what the tests of biblio and of edition share:
// the txtar cases of testdata/bibliography and the check that no word of
// a post is lost on the way from the converted post to the finished
// article.
package bibliotest

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/redtide/edition/internal/biblio"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/markdown"
	"github.com/redtide/edition/internal/model"
)

// OnePost is the manifest of an edition of one post, dir/name, for
// tests that judge what a build makes of a post.
func OnePost(dir, name string) *manifest.Manifest {
	return &manifest.Manifest{
		Path:        filepath.Join(dir, "edition.yaml"),
		Root:        dir,
		Publication: "Test Paper",
		Number:      1,
		Date:        time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC),
		Language:    "en",
		Sections:    []manifest.Section{{Title: "Only", Posts: []manifest.Entry{{Path: name, Line: 1}}}},
	}
}

// File is one file of a txtar archive.
type File struct {
	Name string
	Data string
}

// ReadTxtar reads a txtar archive (golang.org/x/tools/txtar's format: a
// comment, then files introduced by "-- name --" lines).
func ReadTxtar(t testing.TB, path string) []File {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []File
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "-- ") && strings.HasSuffix(line, " --") && len(line) > 6 {
			out = append(out, File{Name: strings.TrimSpace(line[3 : len(line)-3])})
			continue
		}
		if n := len(out); n > 0 {
			out[n-1].Data += line + "\n"
		}
	}
	return out
}

// CaseFiles lists the txtar files of biblio's bibliography cases,
// wherever the test that asks runs.
func CaseFiles(t testing.TB) []string {
	t.Helper()
	_, here, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("no caller information")
	}
	files, err := filepath.Glob(filepath.Join(filepath.Dir(here), "..", "testdata", "bibliography", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatal("no bibliography cases")
	}
	return files
}

// LostWords lists the words of the converted post that are nowhere in
// the finished article, except the words of a notes title, which the
// generated notes stand in for.
func LostWords(t testing.TB, body string, a *model.Article) []string {
	need, have, notes := articleWords(t, body, a)
	var lost []string
	for w, n := range need {
		if n > have[w] && notes[w] == 0 {
			lost = append(lost, w)
		}
	}
	return lost
}

// LostWordsReverse lists the words of the finished article that are not
// in the converted post (as many times as they are extra).
func LostWordsReverse(t testing.TB, body string, a *model.Article) []string {
	need, have, _ := articleWords(t, body, a)
	var extra []string
	for w, n := range have {
		for ; n > need[w]; n-- {
			extra = append(extra, w)
		}
	}
	return extra
}

// reDroppedHeading finds the title in biblio's warnings about the
// headings it drops.
var reDroppedHeading = regexp.MustCompile(`^heading (".*") (?:held|has nothing)`)

// DroppedHeadingWords lists the words of the headings that ws say were
// dropped: they may be missing from the finished article.
func DroppedHeadingWords(ws []diag.Warning) map[string]bool {
	out := map[string]bool{}
	for _, w := range ws {
		if m := reDroppedHeading.FindStringSubmatch(w.Msg); m != nil {
			title, _ := strconv.Unquote(m[1])
			for _, x := range strings.FieldsFunc(strings.ToLower(title), func(r rune) bool {
				return !unicode.IsLetter(r) && !unicode.IsDigit(r)
			}) {
				out[x] = true
			}
		}
	}
	return out
}

// articleWords counts the words of the converted post (need), of the
// finished article (have) and of the post's notes titles, which may go.
func articleWords(t testing.TB, body string, a *model.Article) (need, have, notes map[string]int) {
	t.Helper()
	res, err := markdown.New().Convert(markdown.Input{Path: "p.md", Body: []byte(body)}, func(markdown.ImageRef) (*model.Image, error) { return nil, nil }, &diag.Log{})
	if err != nil {
		t.Fatal(err)
	}
	need, have, notes = map[string]int{}, map[string]int{}, map[string]int{}
	count(blocksText(a.Blocks), have)
	for _, n := range a.Notes {
		count(blocksText(n.Blocks), have)
	}
	if b := a.Bibliography; b != nil {
		count(b.Title, have)
		for _, e := range b.Entries {
			count(model.PlainText(e.Inlines), have)
			count(model.PlainText(e.Group), have)
		}
	}
	count(blocksText(res.Blocks), need)
	for _, n := range res.Notes {
		count(blocksText(n.Blocks), need)
	}
	// A notes title may go, all its words ("7. Notes", "A Note").
	for _, b := range res.Blocks {
		if title, ok := biblio.NotesTitle(b); ok {
			count(model.PlainText(title), notes)
		}
	}
	return need, have, notes
}

func count(s string, m map[string]int) {
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		m[w]++
	}
}

// blocksText is the words of blocks as PlainText makes them: "on 00*0*"
// is "on 000", in a heading and in the bibliography title made from it.
func blocksText(blocks []model.Block) string {
	var b strings.Builder
	model.WalkBlocks(blocks, func(bl model.Block) {
		switch t := bl.(type) {
		case *model.Paragraph:
			b.WriteString(model.PlainText(t.Inlines) + " ")
		case *model.Heading:
			b.WriteString(model.PlainText(t.Inlines) + " ")
		case *model.Figure:
			b.WriteString(model.PlainText(t.Caption) + " ")
		case *model.CodeBlock:
			b.WriteString(t.Text + " ")
		case *model.Table:
			for _, c := range t.Header {
				b.WriteString(model.PlainText(c.Inlines) + " ")
			}
			for _, r := range t.Rows {
				for _, c := range r {
					b.WriteString(model.PlainText(c.Inlines) + " ")
				}
			}
		}
	})
	return b.String()
}
