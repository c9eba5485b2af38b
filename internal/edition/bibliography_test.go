package edition

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/markdown"
	"github.com/redtide/edition/internal/model"
)

// txtarFile is one file of a txtar archive.
type txtarFile struct {
	name string
	data string
}

// readTxtar reads a txtar archive (golang.org/x/tools/txtar's format: a
// comment, then files introduced by "-- name --" lines).
func readTxtar(t testing.TB, path string) []txtarFile {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []txtarFile
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "-- ") && strings.HasSuffix(line, " --") && len(line) > 6 {
			out = append(out, txtarFile{name: strings.TrimSpace(line[3 : len(line)-3])})
			continue
		}
		if n := len(out); n > 0 {
			out[n-1].data += line + "\n"
		}
	}
	return out
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
	files, err := filepath.Glob("testdata/bibliography/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatal("no cases")
	}
	total, langs := 0, map[string]bool{}
	for _, f := range files {
		lang := strings.TrimSuffix(filepath.Base(f), ".txtar")
		for _, c := range readTxtar(t, f) {
			total++
			langs[lang] = true
			t.Run(lang+"/"+strings.TrimSuffix(c.name, ".md"), func(t *testing.T) {
				first, body, _ := strings.Cut(c.data, "\n")
				runBibCase(t, lang, parseWant(t, first), body)
			})
		}
	}
	if total < 60 || len(langs) < 6 {
		t.Errorf("%d cases in %d files; want at least 60 in five languages and the negatives", total, len(langs))
	}
}

func runBibCase(t *testing.T, lang string, want bibWant, body string) {
	dir := t.TempDir()
	fm := "---\ntitle: T\ndate: 2026-01-01\n"
	if lang != "en" && lang != "negative" {
		fm += "lang: " + lang + "\n"
	}
	src := fm + "---\nThe article opens with a paragraph of its own, long enough to be the body of the post.\n\n" + body
	if err := os.WriteFile(filepath.Join(dir, "p.md"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	ed, ws, err := buildOne(t, dir, "p.md")
	if err != nil {
		t.Fatal(err)
	}
	a := ed.Sections[0].Articles[0]
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
	if lost := lostWords(t, body, a); len(lost) > 0 {
		t.Errorf("words lost: %q\n%s", lost, model.DumpArticle(a))
	}
}

// lostWords lists the words of the converted post that are nowhere in
// the finished article, except the words of a notes title, which the
// generated notes stand in for.
func lostWords(t testing.TB, body string, a *model.Article) []string {
	need, have, notes := articleWords(t, body, a)
	var lost []string
	for w, n := range need {
		if n > have[w] && notes[w] == 0 {
			lost = append(lost, w)
		}
	}
	return lost
}

// lostWordsReverse lists the words of the finished article that are not
// in the converted post (as many times as they are extra).
func lostWordsReverse(t testing.TB, body string, a *model.Article) []string {
	need, have, _ := articleWords(t, body, a)
	var extra []string
	for w, n := range have {
		for ; n > need[w]; n-- {
			extra = append(extra, w)
		}
	}
	return extra
}

// articleWords counts the words of the converted post (need), of the
// finished article (have) and of the post's notes titles, which may go.
func articleWords(t testing.TB, body string, a *model.Article) (need, have, notes map[string]int) {
	t.Helper()
	res, err := markdown.New().Convert(markdown.Input{Path: "p.md", Body: []byte(body)}, func(markdown.ImageRef) (*model.Image, error) { return nil, nil }, &diag.Log{})
	if err != nil {
		t.Fatal(err)
	}
	count := func(s string, m map[string]int) {
		for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}) {
			m[w]++
		}
	}
	// Words as PlainText makes them: "on 00*0*" is "on 000", in a
	// heading and in the bibliography title made from it.
	text := func(blocks []model.Block) string {
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
	need, have, notes = map[string]int{}, map[string]int{}, map[string]int{}
	count(text(a.Blocks), have)
	for _, n := range a.Notes {
		count(text(n.Blocks), have)
	}
	if b := a.Bibliography; b != nil {
		count(b.Title, have)
		for _, e := range b.Entries {
			count(model.PlainText(e.Inlines), have)
			count(model.PlainText(e.Group), have)
		}
	}
	count(text(res.Blocks), need)
	for _, n := range res.Notes {
		count(text(n.Blocks), need)
	}
	// A notes title may go, all its words ("7. Notes", "A Note").
	for _, b := range res.Blocks {
		if s := titleOf(b); s != nil && s.kind&titleNotes != 0 {
			count(model.PlainText(s.title), notes)
		}
	}
	return need, have, notes
}

// TestTitles classifies titles by their words.
func TestTitles(t *testing.T) {
	tests := []struct {
		title string
		want  titleKind
	}{
		{"Bibliography", titleBib},
		{"References and Further Reading", titleBib},
		{"Further Readings", titleBib},
		{"Works Cited and Consulted", titleBib},
		{"Work Cited", titleBib},
		{"Referencias bibliográficas", titleBib},
		{"Bibliographie non-exhaustive", titleBib},
		{"Quellen- und Literaturverzeichnis", titleBib},
		{"Literaturverzeichnis", titleBib},
		{"Literatuurlijst", titleBib},
		{"Bronvermelding", titleBib},
		{"Riferimenti bibliografici", titleBib},
		{"Pour aller plus loin", titleBib},
		{"Further reading on topic modelling", titleBib},
		{"VII. Sources", titleBib},
		{"Notes and References", titleBib | titleNotes},
		{"Footnotes", titleNotes},
		{"Fußnoten", titleNotes},
		{"Fussnoten", titleNotes},
		{"Notes de bas de page", titleNotes},
		{"Notas de la traductora", titleNotes},
		{"End Notes", titleNotes},
		{"Acknowlegements", titleBack},
		{"About the author", titleBack},
		{"Appendix: downloading the files with rsync", titleBack},
		{"Über den Autor", titleBack},
		{"Further Resources", 0},
		{"Readings and Resources", titleBib},
		{"Reading", 0},
		{"Conclusion", 0},
		{"Sources of the Nile in the nineteenth century and after", titleBib},
		{"Help, credits, & further reading", 0},
		{"Introduction", 0},
		{"", 0},
	}
	for _, tc := range tests {
		if got := titles.classify(tc.title); got != tc.want {
			t.Errorf("classify(%q) = %b, want %b", tc.title, got, tc.want)
		}
	}
}

// TestCiteScore checks the elements found in real entries and prose.
func TestCiteScore(t *testing.T) {
	plain := func(s string) []model.Inline { return []model.Inline{&model.Text{Text: s}} }
	tests := []struct {
		entry       []model.Inline
		cites, pros bool
	}{
		{plain("Tukey, J.W. (1977). Exploratory Data Analysis. Addison-Wesley Publishing Company"), true, false},
		{plain("Koselleck, Reinhart: Vergangene Zukunft. Frankfurt am Main: Suhrkamp 1979."), true, false},
		{plain("Grendi, E. (1977), «Micro-analisi e storia sociale», Quaderni storici, 35, pp. 506–520."), true, false},
		{[]model.Inline{&model.Text{Text: "Popkin, Jeremy D. "}, &model.Emph{Inlines: plain("From Herodotus to H-Net")}, &model.Text{Text: ". Oxford University Press, 2016."}}, true, false},
		{plain("Lutz, Learning Python"), false, false},
		{plain("Open the terminal and change to the folder of the lesson before you type the next command."), false, true},
		{plain("The records used here come from two archives, of which the first holds the parish registers that survive from 1538 onwards but with many gaps."), false, true},
	}
	for _, tc := range tests {
		s := scoreEntry(tc.entry)
		if s.cites() != tc.cites || s.prose() != tc.pros {
			t.Errorf("%q: cites=%v prose=%v (features %b, %d words, run %d), want cites=%v prose=%v",
				model.PlainText(tc.entry), s.cites(), s.prose(), s.features, s.words, s.run, tc.cites, tc.pros)
		}
	}
}
