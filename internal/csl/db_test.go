package csl

import "github.com/redtide/edition/internal/bib"

// testDB is a small database written for the tests.
type memDB map[string]*bib.Item

func (m memDB) lookup(id string) *bib.Item { return m[id] }

func person(family, given string) bib.Name { return bib.Name{Family: family, Given: given} }

func year(parts ...int) map[string]bib.Date {
	return map[string]bib.Date{"issued": {Parts: [][]int{parts}}}
}

func testDB() memDB {
	items := []*bib.Item{
		{ID: "book", Type: "book", Vars: map[string]string{"title": "the sound of the mountain", "title-short": "sound of the mountain", "publisher": "Knopf", "publisher-place": "New York"},
			Names: map[string][]bib.Name{"author": {person("Kawabata", "Yasunari")}, "translator": {person("Seidensticker", "Edward G.")}}, Dates: year(1970)},
		{ID: "book2", Type: "book", Vars: map[string]string{"title": "Snow Country", "publisher": "Knopf"},
			Names: map[string][]bib.Name{"author": {person("Kawabata", "Yasunari")}}, Dates: year(1956)},
		{ID: "article", Type: "article-journal", Vars: map[string]string{"title": "The rise of the novel in Japan", "container-title": "Journal of Asian Studies", "volume": "64", "issue": "2", "page": "321-328", "DOI": "10.1017/S0021911805000793"},
			Names: map[string][]bib.Name{"author": {person("Keene", "Donald"), person("Mori", "Aya")}}, Dates: year(2005, 5)},
		{ID: "chapter", Type: "chapter", Vars: map[string]string{"title": "Poetry and the court", "container-title": "The Cambridge History of Japanese Literature", "publisher": "Cambridge University Press", "page": "30-52"},
			Names: map[string][]bib.Name{"author": {person("Shirane", "Haruo")}, "editor": {person("Shirane", "Haruo"), person("Suzuki", "Tomi"), person("Lurie", "David")}}, Dates: year(2016)},
		{ID: "web", Type: "webpage", Vars: map[string]string{"title": "Nobel Prize in Literature 1968", "container-title": "NobelPrize.org", "URL": "https://www.nobelprize.org/prizes/literature/1968/summary/"},
			Names: map[string][]bib.Name{}, Dates: map[string]bib.Date{"accessed": {Parts: [][]int{{2024, 3, 7}}}}},
		{ID: "smith-a", Type: "book", Vars: map[string]string{"title": "Alpha", "publisher": "Norton"},
			Names: map[string][]bib.Name{"author": {person("Smith", "Ann")}}, Dates: year(2001)},
		{ID: "smith-b", Type: "book", Vars: map[string]string{"title": "Beta", "publisher": "Norton"},
			Names: map[string][]bib.Name{"author": {person("Smith", "Ann")}}, Dates: year(2001)},
	}
	m := memDB{}
	for _, it := range items {
		m[it.ID] = it
	}
	return m
}
