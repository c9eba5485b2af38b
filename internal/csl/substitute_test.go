package csl

import (
	"fmt"
	"testing"

	"github.com/redtide/edition/internal/bib"
)

// substituteDB holds works without an author, whose editors or translator
// stand in their place.
func substituteDB() memDB {
	items := []*bib.Item{
		{ID: "edited", Type: "book", Vars: map[string]string{"title": "Gamma", "publisher": "Norton"},
			Names: map[string][]bib.Name{"editor": {person("Lurie", "David")}}, Dates: year(2010)},
		{ID: "collection", Type: "book", Vars: map[string]string{"title": "The Cambridge History of Japanese Literature", "title-short": "Cambridge History", "publisher": "Cambridge University Press"},
			Names: map[string][]bib.Name{"editor": {person("Shirane", "Haruo"), person("Suzuki", "Tomi"), person("Lurie", "David")}}, Dates: year(2016)},
		{ID: "translated", Type: "book", Vars: map[string]string{"title": "The Tale of Genji", "title-short": "Genji", "publisher": "Viking"},
			Names: map[string][]bib.Name{"translator": {person("Tyler", "Royall")}}, Dates: year(2001)},
		{ID: "both", Type: "book", Vars: map[string]string{"title": "Delta", "publisher": "Norton"},
			Names: map[string][]bib.Name{"editor": {person("Lurie", "David")}, "translator": {person("Tyler", "Royall")}}, Dates: year(2012)},
	}
	m := memDB{}
	for _, it := range items {
		m[it.ID] = it
	}
	return m
}

// TestSubstituteInheritsNameOptions renders works whose editors or
// translator substitute for the author in Chicago notes-bibliography. The
// short <names variable="editor"/> inside the substitute's <choose>
// inherits the parent's <name> and <label> (CSL 1.0.2, "Substitute"), so
// the names are inverted in the bibliography, cut to "et al." in notes
// from three names on (the <citation>'s et-al-min), and carry "ed.",
// "eds.", "trans." as citeproc-js renders them. Of the <names> in the
// <choose>, only the first that renders stands for the author: a
// translator beside the editor stays in his place after the title.
func TestSubstituteInheritsNameOptions(t *testing.T) {
	p := NewProcessor(DefaultStyle(), "en-US", substituteDB().lookup)
	res := p.Render([]Citation{
		note(1, Cite{ID: "edited", Locator: "5"}),
		note(2, Cite{ID: "collection", Locator: "12"}),
		note(3, Cite{ID: "translated"}),
		note(4, Cite{ID: "edited", Locator: "7"}),
		note(5, Cite{ID: "collection"}),
		note(6, Cite{ID: "translated", Locator: "9"}),
		note(7, Cite{ID: "both"}),
	}, nil)
	compare(t, "note", htmls(res.Citations), []string{
		"David Lurie, ed., <i>Gamma</i> (Norton, 2010), 5.",
		"Haruo Shirane et al., eds., <i>The Cambridge History of Japanese Literature</i> (Cambridge University Press, 2016), 12.",
		"Royall Tyler, trans., <i>The Tale of Genji</i> (Viking, 2001).",
		"Lurie, <i>Gamma</i>, 7.",
		"Shirane et al., <i>Cambridge History</i>.",
		"Tyler, <i>Genji</i>, 9.",
		"David Lurie, ed., <i>Delta</i>, trans. Royall Tyler (Norton, 2012).",
	})
	compare(t, "bibliography", entries(res.Bibliography), []string{
		"Lurie, David, ed. <i>Delta</i>. Translated by Royall Tyler. Norton, 2012.",
		"Lurie, David, ed. <i>Gamma</i>. Norton, 2010.",
		"Shirane, Haruo, Tomi Suzuki, and David Lurie, eds. <i>The Cambridge History of Japanese Literature</i>. Cambridge University Press, 2016.",
		"Tyler, Royall, trans. <i>The Tale of Genji</i>. Viking, 2001.",
	})
}

// sasStyle is a bibliography with subsequent-author-substitute under the
// rule given, whose editors, when they stand for the author, keep their
// label.
const sasStyle = `<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography subsequent-author-substitute="———" subsequent-author-substitute-rule="%s">
    <sort><key variable="issued"/></sort>
    <layout>
      <group delimiter=", ">
        <names variable="author">
          <name and="text" delimiter=", "/>
          <label form="short" prefix=", "/>
          <substitute>
            <choose><if type="book"><names variable="editor"/></if></choose>
          </substitute>
        </names>
        <text variable="title"/>
      </group>
    </layout>
  </bibliography>
</style>`

// TestSubsequentAuthorSubstitute renders the four rules of CSL 1.0.2
// "Reference Grouping" as citeproc-js does: names compared one by one
// without their label, which stays after the substitute.
func TestSubsequentAuthorSubstitute(t *testing.T) {
	item := func(id, role string, y int, names ...bib.Name) *bib.Item {
		return &bib.Item{ID: id, Type: "book", Vars: map[string]string{"title": id},
			Names: map[string][]bib.Name{role: names}, Dates: year(y)}
	}
	smith, roe, doe := person("Smith", "Ann"), person("Roe", "Jane"), person("Doe", "John")
	db := memDB{}
	for _, it := range []*bib.Item{
		item("Alpha", "author", 2000, smith, roe),
		item("Beta", "author", 2001, smith, roe),
		item("Gamma", "author", 2002, smith, doe),
		item("Delta", "editor", 2003, smith),
		item("Epsilon", "editor", 2004, smith),
		item("Zeta", "author", 2005, doe),
	} {
		db[it.ID] = it
	}
	for _, tc := range []struct {
		rule string
		want []string
	}{
		{"complete-all", []string{"Ann Smith and Jane Roe, Alpha", "———, Beta", "Ann Smith and John Doe, Gamma",
			"Ann Smith, ed., Delta", "———, ed., Epsilon", "John Doe, Zeta"}},
		{"complete-each", []string{"Ann Smith and Jane Roe, Alpha", "——— and ———, Beta", "Ann Smith and John Doe, Gamma",
			"Ann Smith, ed., Delta", "———, ed., Epsilon", "John Doe, Zeta"}},
		{"partial-each", []string{"Ann Smith and Jane Roe, Alpha", "——— and ———, Beta", "——— and John Doe, Gamma",
			"———, ed., Delta", "———, ed., Epsilon", "John Doe, Zeta"}},
		{"partial-first", []string{"Ann Smith and Jane Roe, Alpha", "——— and Jane Roe, Beta", "——— and John Doe, Gamma",
			"———, ed., Delta", "———, ed., Epsilon", "John Doe, Zeta"}},
	} {
		s, err := ParseStyle([]byte(fmt.Sprintf(sasStyle, tc.rule)))
		if err != nil {
			t.Fatal(err)
		}
		p := NewProcessor(s, "en-US", db.lookup)
		p.All = []string{"Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta"}
		res := p.Render(nil, []string{"*"})
		compare(t, tc.rule, entries(res.Bibliography), tc.want)
	}
}
