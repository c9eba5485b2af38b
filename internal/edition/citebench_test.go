package edition

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/biblio/bibliotest"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/testenv/cputime"
)

// benchBib writes a BibTeX database of n entries of the common types,
// with accents, string macros, "and others" and corporate authors.
func benchBib(n int) string {
	families := []string{"M{\\\"u}ller", "Okafor", "Garc{\\'i}a", "van Dijk", "Nakamura", "Rossi", "Dubois", "Kowalski", "Smith", "Jones"}
	var b strings.Builder
	b.WriteString("@string{jgs = {Journal of Generated Studies}}\n\n")
	for i := range n {
		f, g := families[i%10], families[(i/10)%10]
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, "@article{w%d,\n  author = {%s, Anna and %s, Jos{\\'e} and others},\n  title = {On the {DNA} of things, part %d},\n  journal = jgs, year = %d, volume = {%d}, number = 2, pages = {%d--%d},\n  doi = {10.1000/%d}\n}\n\n", i, f, g, i, 1900+i%120, i%90, i, i+10, i)
		case 1:
			fmt.Fprintf(&b, "@book{w%d,\n  author = {%s, Chidi},\n  title = {A history of things %d},\n  publisher = {University Press}, address = {Leiden}, year = %d\n}\n\n", i, f, i, 1950+i%70)
		case 2:
			fmt.Fprintf(&b, "@incollection{w%d,\n  author = {%s, Fumiko},\n  editor = {%s, Gerrit},\n  title = {Chapter %d},\n  booktitle = {Collected Things}, publisher = {Norton}, year = %d, pages = {1--9}\n}\n\n", i, f, g, i, 1960+i%60)
		default:
			fmt.Fprintf(&b, "@online{w%d,\n  author = {{World Health Organization}},\n  title = {Page %d},\n  url = {https://example.org/%d}, urldate = {2024-01-31}, year = 2020\n}\n\n", i, i, i)
		}
	}
	return b.String()
}

// benchPost writes a post of 1,000 sentences in 100 paragraphs; with
// cite, each ends in a citation of a different work of the 5,000 (every
// other one with a page).
func benchPost(cite bool) string {
	var b strings.Builder
	b.WriteString("---\ntitle: Citations\ndate: 2026-11-20\nbibliography: refs.bib\n---\n\n")
	for i := range 1000 {
		b.WriteString("A sentence of the running text that says something")
		if cite {
			if i%2 == 0 {
				fmt.Fprintf(&b, " [@w%d, p. %d]", (i*7919)%5000, 10+i%90)
			} else {
				fmt.Fprintf(&b, " [@w%d]", (i*7919)%5000)
			}
		}
		b.WriteString(". ")
		if i%10 == 9 {
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

// BenchmarkPostCitations builds an edition of one post of 1,000 sentences
// against a 5,000-entry .bib, with a citation in each sentence ("cited")
// and without ("plain"): the difference is what citations cost a build,
// reading the database included. The style is parsed once per process
// (csl.BuiltinStyle keeps it), in the run before the measured ones: the
// first build of a process pays that too (csl's BenchmarkParseStyle).
func BenchmarkPostCitations(b *testing.B) {
	dir := b.TempDir()
	files := map[string]string{"refs.bib": benchBib(5000), "cited.md": benchPost(true), "plain.md": benchPost(false)}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	for _, name := range []string{"plain", "cited"} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			defer cputime.Start(b)()
			for b.Loop() {
				var log diag.Log
				ed, err := Build(bibliotest.OnePost(dir, name+".md"), &log, Options{})
				if err != nil {
					b.Fatal(err)
				}
				a := ed.Sections[0].Articles[0]
				if name == "cited" && (len(a.Notes) != 1000 || a.Bibliography == nil || len(a.Bibliography.Entries) != 1000) {
					b.Fatalf("%d notes, warnings %v", len(a.Notes), log.Warnings())
				}
			}
		})
	}
}
