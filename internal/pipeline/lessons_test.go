package pipeline_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/hyph"
	"github.com/redtide/edition/internal/lang"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/pipeline"
	"github.com/redtide/edition/internal/testenv"
	"github.com/redtide/edition/layout"
)

// TestLessonsInTheirLanguages builds the Programming Historian lessons
// (folders en, es, fr and pt, whose language the site's _config.yml
// defaults give) as one edition, and checks that every lesson is set in
// its own language in both outputs:
//   - the EPUB chapter is marked with it, its byline uses its word for
//     "by", and no quotation in typewriter quotes is left in its prose;
//   - on the print pages, every hyphen at the end of a line is a break the
//     lesson's own patterns allow, and its byline uses its word;
//   - each language's quotation marks are used by its lessons, French
//     ones with a narrow no-break space inside.
func TestLessonsInTheirLanguages(t *testing.T) {
	t.Parallel()
	dir := copyTree(t, testenv.Shared(t, "lessons/programminghistorian"))
	data, err := manifest.Assemble(dir, dir, manifest.AssembleOptions{Publication: "Lessons", Number: 1}, &diag.Log{})
	if err != nil {
		t.Fatalf("assembling the lessons: %v", err)
	}
	m := filepath.Join(dir, "edition.yaml")
	if err := os.WriteFile(m, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var doc *layout.Document
	res, err := pipeline.Run(pipeline.Options{Manifest: m, OutDir: t.TempDir(), Epoch: &testEpoch,
		Preview: func(p pipeline.Preview) { doc = p.Layout }})
	if err != nil {
		t.Fatal(err)
	}
	files := readEPUB(t, epubOf(t, res))
	lines := linesBySource(doc)
	marks := map[string]int{} // opening marks of each language, in its lessons
	hyphens := map[string]int{}
	for _, s := range res.Edition.Sections {
		for _, a := range s.Articles {
			want := filepath.Base(filepath.Dir(a.Source))
			if a.Language != want {
				t.Errorf("%s: language %q, want %q", a.Source, a.Language, want)
				continue
			}
			l := lang.For(want)
			chapter := string(entry(files, "EPUB/xhtml/"+a.ID+".xhtml"))
			checkChapterLanguage(t, a, l, chapter)
			prose := proseText(chapter)
			marks[want] += strings.Count(prose, l.Quotes.Open)
			hyphens[want] += checkPrintLanguage(t, a, l, lines[a.Source])
		}
	}
	for _, tag := range []string{"en", "es", "fr", "pt"} {
		if marks[tag] == 0 {
			t.Errorf("no %s lesson uses the opening mark %s", tag, lang.For(tag).Quotes.Open)
		}
		if hyphens[tag] == 0 {
			t.Errorf("no line of a %s lesson ends in a hyphen: nothing was checked", tag)
		}
	}
	t.Logf("opening marks %v; hyphens checked %v", marks, hyphens)
}

var (
	htmlLang   = regexp.MustCompile(`<html[^>]*\slang="([^"]+)"`)
	bylineP    = regexp.MustCompile(`<p class="byline">([^<]*)</p>`)
	codeOrMath = regexp.MustCompile(`(?s)<pre.*?</pre>|<code.*?</code>|<span class="math".*?</span>|<div class="math".*?</div>`)
	tags       = regexp.MustCompile(`(?s)<[^>]*>`)
	// a quotation in typewriter quotes ("…" on one line): the quotes of a
	// post's language replace them. (A quote left unpaired by a typo in
	// the post stays as typed.)
	straightPair = regexp.MustCompile(`"[^"\n]{1,200}"`)
)

// checkChapterLanguage checks a lesson's EPUB chapter.
func checkChapterLanguage(t *testing.T, a *model.Article, l *lang.Language, chapter string) {
	t.Helper()
	if m := htmlLang.FindStringSubmatch(chapter); m == nil || lang.Base(m[1]) != lang.Base(l.Tag) {
		t.Errorf("%s: the EPUB chapter's language is %v, want %s", a.Source, m, l.Tag)
	}
	if len(a.Authors) > 0 {
		if m := bylineP.FindStringSubmatch(chapter); m == nil || !strings.HasPrefix(m[1], l.Words.By+" ") {
			t.Errorf("%s: EPUB byline %v, want it to start with %q", a.Source, m, l.Words.By)
		}
	}
	prose := proseText(chapter)
	if m := straightPair.FindString(prose); m != "" {
		t.Errorf("%s: typewriter double quotes are left in the EPUB's prose: %q", a.Source, m)
	}
	if l.QuoteSpace != "" {
		for rest := prose; ; {
			i := strings.Index(rest, l.Quotes.Open)
			if i < 0 {
				break
			}
			rest = rest[i+len(l.Quotes.Open):]
			if r, _ := utf8.DecodeRuneInString(rest); !unicode.IsSpace(r) {
				t.Errorf("%s: %s without a space after it: %q", a.Source, l.Quotes.Open, rest[:min(len(rest), 30)])
				break
			}
		}
	}
}

// proseText is the text of a chapter outside code and math, where quotes
// are not typography.
func proseText(chapter string) string {
	s := codeOrMath.ReplaceAllString(chapter, " ")
	s = tags.ReplaceAllString(s, " ")
	return strings.NewReplacer("&quot;", `"`, "&#34;", `"`, "&amp;", "&", "&lt;", "<", "&gt;", ">").Replace(s)
}

// linesBySource groups the laid-out lines by the post they come from.
func linesBySource(d *layout.Document) map[string][]*layout.TextLine {
	out := map[string][]*layout.TextLine{}
	for _, p := range d.Pages {
		for _, l := range p.Lines {
			if l.Source != "" {
				out[l.Source] = append(out[l.Source], l)
			}
		}
	}
	return out
}

// checkPrintLanguage checks a lesson's lines on the print pages: its
// byline, and that each hyphenated line end breaks a word where the
// lesson's own patterns allow. It returns the hyphens checked.
func checkPrintLanguage(t *testing.T, a *model.Article, l *lang.Language, lines []*layout.TextLine) int {
	t.Helper()
	h, err := hyph.New(l.Tag)
	if err != nil {
		t.Fatalf("%s: %v", l.Tag, err)
	}
	byPar := map[[2]int]*layout.TextLine{}
	sawByline := len(a.Authors) == 0
	for _, ln := range lines {
		byPar[[2]int{ln.Par, ln.ParLine}] = ln
		if ln.Kind == layout.KindTitle && strings.HasPrefix(lineText(ln), l.Words.By+" ") {
			sawByline = true
		}
	}
	if !sawByline {
		t.Errorf("%s: no byline starting with %q on the print pages", a.Source, l.Words.By)
	}
	checked := 0
	for _, ln := range lines {
		// Hyphenated is set at every flagged break, after a dash too
		// (TeX's \exhyphenpenalty): only a line ending in a hyphen is
		// checked.
		text := lineText(ln)
		if !ln.Hyphenated || !strings.HasSuffix(text, "-") || ln.Kind == layout.KindCode || endsInCode(ln) {
			continue // code is not words of the language
		}
		next := byPar[[2]int{ln.Par, ln.ParLine + 1}]
		if next == nil {
			continue
		}
		head := lastWord(strings.TrimSuffix(text, "-"))
		tail := firstWord(lineText(next))
		if strings.ContainsAny(head, "/_") {
			continue // a path or an identifier, not a word of the language
		}
		// The word of a slash or dash compound ("Python-visualization/
		// folium", "revolution—especially") that holds the break: the
		// patterns do not take the whole, which is not a word.
		if i := strings.IndexAny(tail, "/–—"); i >= 0 {
			tail = tail[:i]
		}
		if i := strings.LastIndexAny(head, "–—"); i >= 0 {
			_, n := utf8.DecodeRuneInString(head[i:])
			head = head[i+n:]
		}
		// an inserted hyphen, or a break after the word's own hyphen
		if !breaksAt(h, head+tail, len(head)) && !breaksAt(h, head+"-"+tail, len(head)+1) {
			t.Errorf("%s: %q broken as %s-/%s, not a break of the %s patterns (%v)", a.Source, head+tail, head, tail, l.Tag, h.Hyphenate(head+tail))
		}
		checked++
	}
	return checked
}

func breaksAt(h *hyph.Hyphenator, word string, at int) bool {
	for _, off := range h.Hyphenate(word) {
		if off == at {
			return true
		}
	}
	return false
}

// endsInCode: the last run of a line is set in the monospaced face.
func endsInCode(ln *layout.TextLine) bool {
	return len(ln.Runs) > 0 && ln.Runs[len(ln.Runs)-1].Face.Kind == layout.MonoFace
}

// lineText is the text of a line, with a space where its runs leave a
// gap (inter-word glue is space between runs, not text).
func lineText(ln *layout.TextLine) string {
	var b strings.Builder
	for i, r := range ln.Runs {
		if i > 0 {
			p := ln.Runs[i-1]
			if r.X > p.X+p.Width+layout.Pt/10 {
				b.WriteByte(' ')
			}
		}
		b.WriteString(r.Text)
	}
	return strings.TrimSpace(b.String())
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

func firstWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[0]
}
