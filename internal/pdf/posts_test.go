package pdf

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/edition"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/testenv"
	"github.com/redtide/edition/layout"
)

// TestPosts sets the real edition in posts/ and checks that every word
// reaches the PDF.
func TestPosts(t *testing.T) {
	file := filepath.Join(testenv.RepoRoot(t), "posts", "edition.yaml")
	m, err := manifest.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	var log diag.Log
	ed, err := edition.Build(m, &log, edition.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name, cfg := range configs() {
		fs := fonts.Default()
		var warns []string
		d, err := layout.Layout(ed, fs, cfg, func(w diag.Warning) { warns = append(warns, w.String()) })
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range warns {
			t.Logf("%s: %s", name, w)
		}
		over := 0
		for _, l := range d.Lines() {
			if l.Overfull {
				over++
				t.Errorf("%s: overfull line in %s", name, l.Source)
			}
			if l.Widow || l.Orphan {
				t.Errorf("%s: widow or orphan in %s", name, l.Source)
			}
		}
		var b bytes.Buffer
		if err := Write(&b, d, fs, Meta{Title: ed.Publication, Date: ed.Date}); err != nil {
			t.Fatal(err)
		}
		p := writeTemp(t, "posts-"+name+".pdf", b.Bytes())
		t.Logf("%s: %d pages, %d bytes", name, len(d.Pages), b.Len())
		pdftotext, err := exec.LookPath("pdftotext")
		if err != nil {
			continue
		}
		out, err := exec.Command(pdftotext, "-raw", "-enc", "UTF-8", p, "-").CombinedOutput()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		text := regexp.MustCompile(`(\p{L})-\n\s*(\p{L})`).ReplaceAllString(string(out), "$1$2")
		have := map[string]bool{}
		for _, w := range words(text) {
			have[w] = true
		}
		joined := strings.Join(words(text), "")
		missing := 0
		for _, w := range editionWords(ed) {
			if !have[w] && !strings.Contains(joined, w) {
				missing++
				if missing <= 20 {
					t.Errorf("%s: word %q missing", name, w)
				}
			}
		}
	}
}

// TestCorpus sets the shared corpora of real blog posts, assembled into
// one edition each, in two columns and checks the typographic rules.
func TestCorpus(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join(testenv.Shared(t, "corpus"), "*"))
	if len(dirs) == 0 {
		t.Fatal("no corpus folders")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			var log diag.Log
			data, err := manifest.Assemble(dir, dir, manifest.AssembleOptions{Publication: "Corpus", Volume: 1, Number: 1, Language: "en"}, &log)
			if err != nil {
				t.Fatalf("assemble: %v", err)
			}
			m, err := manifest.Parse(filepath.Join(dir, "edition.yaml"), data)
			if err != nil {
				t.Fatalf("manifest: %v", err)
			}
			ed, err := edition.Build(m, &log, edition.Options{})
			if err != nil {
				t.Logf("build: %v", err)
				if ed == nil {
					t.Skip("no edition")
				}
			}
			fs := fonts.Default()
			ragged := 0
			d, err := layout.Layout(ed, fs, layout.DefaultConfig(), func(w diag.Warning) {
				if strings.Contains(w.Msg, "ragged") {
					ragged++
					t.Log(w)
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			var lines, loose, hy int
			for _, l := range d.Lines() {
				lines++
				if l.Overfull {
					t.Errorf("overfull line in %s: %q", l.Source, runText(l))
				}
				if l.Widow || l.Orphan {
					t.Errorf("widow or orphan in %s: %q", l.Source, runText(l))
				}
				if l.Loose {
					loose++
				}
				if l.Hyphenated {
					hy++
				}
			}
			var b bytes.Buffer
			if err := Write(&b, d, fs, Meta{Title: ed.Publication, Date: ed.Date}); err != nil {
				t.Fatal(err)
			}
			writeTemp(t, "corpus-"+filepath.Base(dir)+".pdf", b.Bytes())
			t.Logf("%d pages, %d lines, %d hyphenated, %d loose, %d ragged paragraphs, %d bytes", len(d.Pages), lines, hy, loose, ragged, b.Len())
		})
	}
}

func runText(l *layout.TextLine) string {
	var s []string
	for _, r := range l.Runs {
		s = append(s, r.Text)
	}
	return strings.Join(s, " ")
}
