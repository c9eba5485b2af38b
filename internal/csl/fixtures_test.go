package csl

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/bib"
	"github.com/redtide/edition/internal/testenv"
)

var update = flag.Bool("update", false, "rewrite testdata/fixtures-pass.txt")

var sectionRe = regexp.MustCompile(`(?s)>>=+ *([A-Z-]+) *=+>>\n(.*?)\n?<<=+ *[A-Z-]+ *=+<<`)

// parseFixture reads the CSL test suite's format into its sections.
func parseFixture(data string) map[string]string {
	secs := map[string]string{}
	for _, m := range sectionRe.FindAllStringSubmatch(data, -1) {
		secs[m[1]] = m[2]
	}
	return secs
}

// runFixture renders a fixture and returns the output to compare.
func runFixture(secs map[string]string) (string, error) {
	style, err := ParseStyle([]byte(secs["CSL"]))
	if err != nil {
		return "", err
	}
	items, err := readCSLJSON([]byte(secs["INPUT"]))
	if err != nil {
		return "", err
	}
	byID := map[string]*bib.Item{}
	var ids []string
	for _, it := range items {
		byID[it.ID] = it
		ids = append(ids, it.ID)
	}
	p := NewProcessor(style, "", func(id string) *bib.Item { return byID[id] })
	p.All = ids
	cits, err := fixtureCitations(secs, ids, style.Class() == "note")
	if err != nil {
		return "", err
	}
	switch strings.TrimSpace(secs["MODE"]) {
	case "citation":
		res := p.Render(cits, nil)
		return citationOutput(secs, res), nil
	case "bibliography":
		nocite := []string{"*"}
		if _, ok := secs["CITATION-ITEMS"]; ok {
			nocite = nil
		} else if _, ok := secs["CITATIONS"]; ok {
			nocite = nil
		} else {
			cits = nil
		}
		res := p.Render(cits, nocite)
		return bibOutput(res), nil
	}
	return "", fmt.Errorf("mode %q not supported", secs["MODE"])
}

func fixtureCitations(secs map[string]string, ids []string, note bool) ([]Citation, error) {
	if s, ok := secs["CITATIONS"]; ok {
		if cits, err := jsCitations(s); err == nil {
			return cits, nil
		}
		var objs []citationJSON
		if err := json.Unmarshal([]byte(s), &objs); err == nil {
			var cits []Citation
			for _, o := range objs {
				cits = append(cits, o.citation())
			}
			return cits, nil
		}
	}
	if s, ok := secs["CITATION-ITEMS"]; ok || secs["CITATIONS"] != "" {
		if !ok {
			s = secs["CITATIONS"]
		}
		var raw [][]citeJSON
		if err := json.Unmarshal([]byte(s), &raw); err != nil {
			return nil, err
		}
		var cits []Citation
		for i, r := range raw {
			cits = append(cits, Citation{Cites: cites(r), NoteIndex: i + 1})
		}
		return cits, nil
	}
	var all []Cite
	for _, id := range ids {
		all = append(all, Cite{ID: id})
	}
	return []Citation{{Cites: all, NoteIndex: 1}}, nil
}

// citationJSON is a citation object of citeproc-js's or citeproc's tests.
type citationJSON struct {
	CitationItems []citeJSON `json:"citationItems"`
	NoteNumber    int        `json:"citationNoteNumber"`
	Properties    struct {
		NoteIndex int `json:"noteIndex"`
	} `json:"properties"`
	CitationID string `json:"citationID"`
}

func (o citationJSON) citation() Citation {
	n := o.Properties.NoteIndex
	if n == 0 {
		n = o.NoteNumber
	}
	return Citation{Cites: cites(o.CitationItems), NoteIndex: n}
}

// jsCitations reads citeproc-js's [citation, before, after] triples: each
// citation is inserted between the citations named before and after it,
// which take the note numbers given there.
func jsCitations(s string) ([]Citation, error) {
	var raw [][]json.RawMessage
	if err := json.Unmarshal([]byte(s), &raw); err != nil {
		return nil, err
	}
	type placed struct {
		id  string
		cit Citation
	}
	var doc []placed
	for _, r := range raw {
		if len(r) != 3 {
			return nil, fmt.Errorf("not a triple")
		}
		var c citationJSON
		var pre, post [][]any
		if err := json.Unmarshal(r[0], &c); err != nil {
			return nil, err
		}
		_ = json.Unmarshal(r[1], &pre)
		_ = json.Unmarshal(r[2], &post)
		byID := map[string]Citation{}
		for _, d := range doc {
			byID[d.id] = d.cit
		}
		var next []placed
		for i, list := range [][][]any{pre, nil, post} {
			for _, e := range list {
				id := fmt.Sprint(e[0])
				cit := byID[id]
				if len(e) > 1 {
					if f, ok := e[1].(float64); ok {
						cit.NoteIndex = int(f)
					}
				}
				next = append(next, placed{id, cit})
			}
			if i == 1 {
				next = append(next, placed{c.CitationID, c.citation()})
			}
		}
		doc = next
	}
	var cits []Citation
	for _, d := range doc {
		cits = append(cits, d.cit)
	}
	return cits, nil
}

func cites(cj []citeJSON) []Cite {
	var out []Cite
	for _, c := range cj {
		out = append(out, c.cite())
	}
	return out
}

func citationOutput(secs map[string]string, res Result) string {
	var lines []string
	numbered := false
	if s, ok := secs["CITATIONS"]; ok {
		_, err := jsCitations(s)
		numbered = err == nil
	}
	for i, r := range res.Citations {
		s := r.HTML()
		if numbered {
			mark := ".."
			if i == len(res.Citations)-1 {
				mark = ">>"
			}
			s = fmt.Sprintf("%s[%d] %s", mark, i, s)
		}
		lines = append(lines, s)
	}
	return strings.Join(lines, "\n")
}

func bibOutput(res Result) string {
	var b strings.Builder
	b.WriteString("<div class=\"csl-bib-body\">\n")
	for _, e := range res.Bibliography {
		b.WriteString("  <div class=\"csl-entry\">" + e.Text.HTML() + "</div>\n")
	}
	b.WriteString("</div>")
	return b.String()
}

func fixtureFiles(t *testing.T) []string {
	var files []string
	files = append(files, testenv.SharedGlob(t, "citations/csl-test-suite/processor-tests/humans/*.txt")...)
	files = append(files, testenv.SharedGlob(t, "citations/citeproc-tests/test/extra/*.txt")...)
	return files
}

// TestFixtures runs the CSL test suite's fixtures and citeproc's extras.
// testdata/fixtures-pass.txt lists those that passed: one of them failing
// fails the test (go test -run TestFixtures -update rewrites the list).
func TestFixtures(t *testing.T) {
	files := fixtureFiles(t)
	want := readPassList(t)
	pass := map[string]int{}
	total := map[string]int{}
	var passed []string
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		cat, _, _ := strings.Cut(name, "_")
		total[cat]++
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		secs := parseFixture(string(data))
		got, err := safeRun(secs)
		exp := strings.TrimSpace(secs["RESULT"])
		if err == nil && strings.TrimSpace(got) == exp {
			pass[cat]++
			passed = append(passed, name)
			continue
		}
		if want[name] {
			t.Errorf("%s: regression\n got: %q (err %v)\nwant: %q", name, got, err, exp)
		} else if testing.Verbose() {
			t.Logf("%s: fails\n got: %s (err %v)\nwant: %s", name, got, err, exp)
		}
	}
	reportCategories(t, pass, total)
	if *update {
		sort.Strings(passed)
		if err := os.WriteFile("testdata/fixtures-pass.txt", []byte(strings.Join(passed, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func safeRun(secs map[string]string) (out string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return runFixture(secs)
}

func reportCategories(t *testing.T, pass, total map[string]int) {
	var cats []string
	all, ok := 0, 0
	for c := range total {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	var b strings.Builder
	for _, c := range cats {
		fmt.Fprintf(&b, "%s %d/%d; ", c, pass[c], total[c])
		all += total[c]
		ok += pass[c]
	}
	t.Logf("fixtures passed: %d/%d: %s", ok, all, b.String())
}

func readPassList(t *testing.T) map[string]bool {
	data, err := os.ReadFile("testdata/fixtures-pass.txt")
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	m := map[string]bool{}
	for _, l := range strings.Fields(string(data)) {
		m[l] = true
	}
	return m
}
