package csl

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/redtide/edition/internal/bib"
	"github.com/redtide/edition/internal/testenv/cputime"
)

// benchDB generates a database of n items of the common types.
func benchDB(n int) memDB {
	families := []string{"Smith", "Jones", "Okafor", "García", "Müller", "Nakamura", "van Dijk", "Rossi", "Dubois", "Kowalski"}
	givens := []string{"Ann", "Bob", "Chidi", "Dolores", "Erik", "Fumiko", "Gerrit", "Lucia", "Marc", "Zofia"}
	types := []string{"book", "article-journal", "chapter", "webpage"}
	db := memDB{}
	for i := 0; i < n; i++ {
		it := &bib.Item{ID: "item" + strconv.Itoa(i), Type: types[i%len(types)],
			Vars: map[string]string{
				"title":           fmt.Sprintf("a study of things, part %d", i),
				"container-title": "Journal of Generated Studies",
				"publisher":       "University Press", "volume": strconv.Itoa(i%40 + 1), "issue": "2",
				"page": fmt.Sprintf("%d-%d", 100+i%300, 120+i%300), "URL": "https://example.org/" + strconv.Itoa(i),
			},
			Names: map[string][]bib.Name{"author": {person(families[i%10], givens[(i/10)%10]), person(families[(i+3)%10], givens[(i/7)%10])}},
			Dates: year(1950 + i%70),
		}
		if i%3 == 0 {
			it.Names["editor"] = []bib.Name{person(families[(i+5)%10], givens[(i+1)%10])}
		}
		db[it.ID] = it
	}
	return db
}

func benchCitations(n, items int) []Citation {
	var cits []Citation
	for i := 0; i < n; i++ {
		c := Cite{ID: "item" + strconv.Itoa((i*7919)%items)}
		if i%2 == 0 {
			c.Locator = strconv.Itoa(10 + i%90)
		}
		cits = append(cits, Citation{Cites: []Cite{c}, NoteIndex: i + 1})
	}
	return cits
}

// BenchmarkRender renders 1,000 citations, and the bibliography of the
// works they cite, against a 5,000-entry database, in the default style.
func BenchmarkRender(b *testing.B) {
	db := benchDB(5000)
	cits := benchCitations(1000, 5000)
	style := DefaultStyle()
	b.ResetTimer()
	defer cputime.Start(b)()
	for i := 0; i < b.N; i++ {
		res := NewProcessor(style, "en-US", db.lookup).Render(cits, nil)
		if len(res.Citations) != 1000 {
			b.Fatal("citations lost")
		}
	}
}

// BenchmarkRenderAuthorDate is the same in Chicago author-date, which
// disambiguates and collapses.
func BenchmarkRenderAuthorDate(b *testing.B) {
	db := benchDB(5000)
	cits := benchCitations(1000, 5000)
	style, _ := BuiltinStyle("chicago-author-date")
	b.ResetTimer()
	defer cputime.Start(b)()
	for i := 0; i < b.N; i++ {
		NewProcessor(style, "en-US", db.lookup).Render(cits, nil)
	}
}

// BenchmarkParseStyle parses the default style, as the first post with
// citations in a process does (BuiltinStyle keeps it for the others):
// a cost BenchmarkPostCitations, whose process has parsed it already,
// does not count.
func BenchmarkParseStyle(b *testing.B) {
	data, err := styleFS.ReadFile("styles/chicago-notes-bibliography.csl")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	defer cputime.Start(b)()
	for b.Loop() {
		s, err := ParseStyle(data)
		if err != nil || s.Class() != "note" {
			b.Fatal(err)
		}
	}
}
