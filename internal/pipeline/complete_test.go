package pipeline_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/testenv"
)

// sharedEditions are the real sites every post of which must build
// whole: ../shared/corpus, the Programming Historian lessons and the two
// Hugo sites of ../shared/hugo.
var sharedEditions = []struct{ name, rel string }{
	{"corpus", "corpus"},
	{"lessons", "lessons/programminghistorian"},
	{"hugo-elbaulp", "hugo/elbaulp-algui91-hugo"},
	{"hugo-ropensci", "hugo/ropensci-roweb3"},
}

// unitExceptions are source units that may be missing from the outputs,
// by a word sequence they contain, with the reason.
var unitExceptions = []struct{ contains, why string }{}

// TestSourceUnitsComplete builds every post under ../shared/corpus and
// ../shared/lessons as one edition each, and checks that every unit a
// reader would find in the source (paragraph, list item, table cell,
// caption, footnote, bibliography entry), as goldmark's own renderer
// shows it, is in the EPUB in order, word for word, and has all its
// words in the PDF's text (pdftotext); and that the EPUB passes
// epubcheck (the corpus's in TestCorpusEPUBCheck). TeX math is compared loosely: goldmark, which does not know
// math, parses it as Markdown, and the words of a formula's TeX need not
// be words of the PDF, which sets the formula (mathWords).
func TestSourceUnitsComplete(t *testing.T) {
	t.Parallel()
	for _, e := range sharedEditions {
		t.Run(e.name, func(t *testing.T) {
			t.Parallel()
			dir := copyTree(t, testenv.Shared(t, e.rel))
			data, err := manifest.Assemble(dir, dir, manifest.AssembleOptions{Publication: e.name, Number: 1}, &diag.Log{})
			if err != nil {
				t.Fatalf("assembling %s: %v", e.rel, err)
			}
			m := filepath.Join(dir, "edition.yaml")
			if err := os.WriteFile(m, data, 0o644); err != nil {
				t.Fatal(err)
			}
			res := runBuild(t, m, t.TempDir(), testEpoch)
			files := readEPUB(t, epubOf(t, res))
			pdf := pdfWords(t, pdfOf(t, res))
			units, missing := 0, 0
			for a, post := range articleFiles(t, m, res) {
				got, err := readingText(entry(files, "EPUB/xhtml/"+a.ID+".xhtml"))
				if err != nil {
					t.Fatalf("%s: %v", a.ID, err)
				}
				seq := " " + strings.Join(tokens(got), " ") + " "
				inMath := mathWords(a)
				for _, uu := range sourceUnits(t, post) {
					units++
					u, alt := uu[0], uu[1]
					if excepted(u) {
						continue
					}
					if !strings.Contains(seq, " "+strings.Join(u, " ")+" ") && !strings.Contains(seq, " "+strings.Join(alt, " ")+" ") && !mathUnit(a, u, seq) {
						missing++
						t.Errorf("%s: not in the EPUB as written: %q", post, clip(strings.Join(u, " ")))
					}
					for _, w := range u {
						if !pdf[w] && !pdfHas(pdf, w) && !inMath[w] {
							missing++
							t.Errorf("%s: %q not in the PDF (unit %q)", post, w, clip(strings.Join(u, " ")))
							break
						}
					}
				}
			}
			t.Logf("%d source units checked, %d missing", units, missing)
			if e.name != "corpus" { // TestCorpusEPUBCheck checks the corpus
				checkEPUB(t, epubOf(t, res))
			}
		})
	}
}

func clip(s string) string {
	if len(s) > 100 {
		return s[:100] + "…"
	}
	return s
}

// pdfHas: the PDF's words split letters from digits as tokens does.
func pdfHas(pdf map[string]bool, w string) bool {
	if pdf[w] {
		return true
	}
	for p := range pdf {
		for _, t := range tokens(p) {
			if t == w {
				return true
			}
		}
	}
	return false
}

func excepted(u []string) bool {
	s := " " + strings.Join(u, " ") + " "
	for _, e := range unitExceptions {
		if s == " "+e.contains+" " {
			return true
		}
	}
	return false
}

// mathWords are the words of the TeX of the formulas of a that were
// read, as tokens has them: the PDF sets those formulas, so "frac" or
// "theta" are in its text as a fraction or a θ, not as words, and a
// fraction's or a script's letters are glyphs placed one by one, which
// pdftotext need not join into the word the source has. TestSharedMath
// checks that no TeX is left in the PDF's text, and package mathbox's
// tests read the text of formulas back.
func mathWords(a *model.Article) map[string]bool {
	seen := map[string]bool{}
	add := func(tex string) {
		for _, w := range tokens(tex) {
			seen[w] = true
		}
	}
	model.WalkArticle(a, func(in model.Inline) {
		if m, ok := in.(*model.Math); ok && m.Formula != nil {
			add(m.TeX)
		}
	})
	model.WalkBlocks(a.Blocks, func(b model.Block) {
		if m, ok := b.(*model.MathBlock); ok && m.Formula != nil {
			add(m.TeX)
		}
	})
	return seen
}

// mathUnit accepts a unit of an article with math when its words are all
// in the article: goldmark reads the TeX as Markdown (emphasis, escapes),
// so the order of words around it cannot be compared.
func mathUnit(a *model.Article, u []string, seq string) bool {
	hasMath := false
	model.WalkArticle(a, func(in model.Inline) {
		_, ok := in.(*model.Math)
		hasMath = hasMath || ok
	})
	model.WalkBlocks(a.Blocks, func(b model.Block) {
		_, ok := b.(*model.MathBlock)
		hasMath = hasMath || ok
	})
	if !hasMath {
		return false
	}
	for _, w := range u {
		if !strings.Contains(seq, " "+w+" ") {
			return false
		}
	}
	return true
}

// tokens are the words of s, lower-case, split where letters meet
// digits: a note number set after a word ("war1") or a label set as a
// superscript reads the same on both sides.
func tokens(s string) []string {
	var out []string
	for _, w := range words(s) {
		start := 0
		rs := []rune(w)
		for i := 1; i < len(rs); i++ {
			if unicode.IsDigit(rs[i]) != unicode.IsDigit(rs[i-1]) {
				out = append(out, string(rs[start:i]))
				start = i
			}
		}
		out = append(out, string(rs[start:]))
	}
	return out
}

// readingText is the text of an article's XHTML as a reader reads it,
// without note reference numbers and back-links (which the source has
// not: they are the edition's).
func readingText(data []byte) (string, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var b strings.Builder
	skip := 0
	var stack []bool // each open element: skipped
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return b.String(), nil
		}
		if err != nil {
			return "", err
		}
		switch tok := tok.(type) {
		case xml.CharData:
			if skip == 0 {
				b.Write(tok)
			}
		case xml.StartElement:
			quiet := false
			for _, a := range tok.Attr {
				quiet = quiet || a.Name.Local == "type" && a.Value == "noteref" ||
					a.Name.Local == "class" && (a.Value == "backlink" || a.Value == "noteno")
			}
			stack = append(stack, quiet)
			if quiet {
				skip++
			}
			if !inlineElements[tok.Name.Local] {
				b.WriteByte(' ')
			}
		case xml.EndElement:
			if n := len(stack); n > 0 {
				if stack[n-1] {
					skip--
				}
				stack = stack[:n-1]
			}
			if !inlineElements[tok.Name.Local] {
				b.WriteByte(' ')
			}
		}
	}
}
