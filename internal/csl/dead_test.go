package csl

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/bib"
)

// TestDeadMacros checks, for every macro of the built-in styles that may
// be skipped, on items of every type with random variables (names,
// dates, a date with a season alone, plain values), in <citation> at
// each position, with a locator or none, and in <bibliography>, sorting
// or not: that when dead says it gives nothing, walking it (no macro
// skipped) gives nothing, counts nothing rendered, and asks for a
// variable when dead says it certainly does.
func TestDeadMacros(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	types := []string{"no-such-type"}
	for ty := range cslTypes {
		types = append(types, ty)
	}
	dead, checked := 0, 0
	for _, name := range BuiltinStyles() {
		s, _ := BuiltinStyle(name)
		if !s.skipping {
			continue
		}
		skippable := s.macroList
		walk := func(c *ctx, m *elem) *node {
			// no macro skipped, this one or those it calls (the item's
			// state keeps the facts it was given)
			defer noSkipping(s)()
			facts := c.st.facts
			c.st.facts = nil
			defer func() { c.st.facts = facts }()
			return c.macroElem(m)
		}
		p := NewProcessor(s, "en-US", func(string) *bib.Item { return nil })
		for n := range 120 {
			it := randomItem(rng, types[n%len(types)], n)
			for _, area := range []*elem{s.citation, s.bibliography} {
				for pos := range 3 {
					var info *citeInfo
					if area == s.citation && pos < 2 {
						info = &citeInfo{Cite: Cite{ID: it.ID}, position: pos}
						if n%3 != 0 {
							info.Locator, info.firstNote = "12", n%2
						}
					}
					for _, m := range skippable {
						st := &itemState{item: it, number: 1, suffix: n % 2}
						c := p.newCtx(st, info, area)
						c.sorting = pos == 2
						checked++
						isDead, calls := c.dead(m)
						if !isDead {
							p.release(c)
							continue
						}
						dead++
						called, rendered, vars, supp := c.called, c.rendered, len(c.vars), len(c.suppressed)
						if got := walk(c, m); got != nil {
							t.Errorf("%s: macro %q on %s item %d: dead, but gives %q", name, m.attr("name"), it.Type, n, got.plain())
						}
						if calls && c.called <= called {
							t.Errorf("%s: macro %q on %s item %d: dead, but asks for no variable", name, m.attr("name"), it.Type, n)
						}
						if c.rendered != rendered || len(c.vars) != vars || len(c.suppressed) != supp || c.suffixDone || c.depth != 0 {
							t.Errorf("%s: macro %q on %s item %d: dead, but its walk counts a variable rendered, or tracks or suppresses one",
								name, m.attr("name"), it.Type, n)
						}
						p.release(c)
					}
				}
			}
		}
	}
	t.Logf("%d of %d macro walks dead", dead, checked)
	if dead == 0 || dead == checked {
		t.Errorf("%d of %d macro walks dead: the test tries too little", dead, checked)
	}
}

// randomItem makes an item of type ty with some of the variables, names
// and dates of CSL, at random.
func randomItem(rng *rand.Rand, ty string, n int) *bib.Item {
	it := &bib.Item{ID: "x", Type: ty, Vars: map[string]string{}, Names: map[string][]bib.Name{}, Dates: map[string]bib.Date{}}
	odds := 2 + n%8 // from many variables to few
	// the sources of derived variables
	for _, v := range []string{"shortTitle", "journalAbbreviation"} {
		if rng.IntN(odds) == 0 {
			it.Vars[v] = "12"
		}
	}
	for _, v := range cslVariables {
		if rng.IntN(odds) != 0 {
			continue
		}
		switch {
		case nameVars[v]:
			it.Names[v] = []bib.Name{{Family: "Okafor", Given: "Chidi"}}
		case dateVarNames[v]:
			if rng.IntN(3) == 0 {
				it.Dates[v] = bib.Date{Season: 2} // a season alone
			} else {
				it.Dates[v] = bib.Date{Parts: [][]int{{2001, 3}}}
			}
		default:
			it.Vars[v] = "12"
		}
	}
	return it
}

var nameVars = func() map[string]bool {
	m := map[string]bool{}
	for _, v := range []string{"author", "chair", "collection-editor", "compiler", "composer", "container-author",
		"contributor", "curator", "director", "editor", "editorial-director", "editor-translator",
		"executive-producer", "guest", "host", "illustrator", "interviewer", "narrator", "organizer",
		"original-author", "performer", "producer", "recipient", "reviewed-author", "script-writer",
		"series-creator", "translator", "editortranslator"} {
		m[v] = true
	}
	return m
}()

var dateVarNames = map[string]bool{"accessed": true, "available-date": true, "event-date": true, "issued": true,
	"original-date": true, "submitted": true}

// TestDeadRenderings renders citations at every position, with and
// without locators, prefixes, suppressed authors and author-only cites,
// and the bibliography, of random items of every type, in each built-in
// style, with and without skipping: the results are the same.
func TestDeadRenderings(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	types := []string{"no-such-type"}
	for ty := range cslTypes {
		types = append(types, ty)
	}
	db := map[string]*bib.Item{}
	var ids []string
	for n := range 240 {
		it := randomItem(rng, types[n%len(types)], n)
		it.ID = "i" + strconv.Itoa(n)
		it.Names["author"] = []bib.Name{{Family: []string{"Okafor", "Smith", "Dubois"}[n%3], Given: "A"}} // some alike
		if n%4 == 0 {
			delete(it.Names, "author")
		}
		db[it.ID], ids = it, append(ids, it.ID)
	}
	var cits []Citation
	for i, id := range ids {
		c := Cite{ID: id}
		switch i % 5 {
		case 1:
			c.Locator = "12"
		case 2:
			c.Locator, c.Label = "3-7", "chapter"
		case 3:
			c.Prefix, c.SuppressAuthor = "see", true
		}
		cits = append(cits, Citation{Cites: []Cite{c}, NoteIndex: len(cits) + 1})
		if i%3 == 0 {
			cits = append(cits, Citation{Cites: []Cite{{ID: id}}, NoteIndex: len(cits) + 1})
			cits = append(cits, Citation{Cites: []Cite{{ID: id, Locator: "5"}, {ID: ids[(i*7)%len(ids)]}}, NoteIndex: len(cits) + 1})
		}
		if i%7 == 0 {
			cits = append(cits, Citation{Cites: []Cite{{ID: id, AuthorOnly: true}}, InText: true})
		}
	}
	render := func(s *Style) string {
		p := NewProcessor(s, "en-US", func(id string) *bib.Item { return db[id] })
		p.All = ids
		res := p.Render(cits, []string{"*"})
		var b strings.Builder
		for _, r := range append(res.Citations, nil) {
			fmt.Fprintf(&b, "%v\n", r)
		}
		for _, e := range res.Bibliography {
			fmt.Fprintf(&b, "%s %v\n", e.ID, e.Text)
		}
		return b.String()
	}
	for _, name := range BuiltinStyles() {
		s, _ := BuiltinStyle(name)
		skipping := render(s)
		restore := noSkipping(s)
		walking := render(s)
		restore()
		if skipping != walking {
			t.Errorf("%s: skipping renders otherwise than walking", name)
		}
	}
}

// noSkipping turns skipping off for s, and returns what turns it on.
func noSkipping(s *Style) (restore func()) {
	was := s.skipping
	s.skipping = false
	return func() { s.skipping = was }
}

// TestDeadConcurrent renders with one style in goroutines of their own
// (edition renders the posts of an edition so), each item type's facts
// first needed by several at once: go test -race finds no race, and
// each renders what the first did.
func TestDeadConcurrent(t *testing.T) {
	data, err := styleFS.ReadFile("styles/chicago-notes-bibliography.csl")
	if err != nil {
		t.Fatal(err)
	}
	s, err := ParseStyle(data) // its own, no type's facts worked out yet
	if err != nil {
		t.Fatal(err)
	}
	db := benchDB(40)
	cits := benchCitations(40, 40)
	out := make([]string, 8)
	done := make(chan int)
	for g := range out {
		go func() {
			res := NewProcessor(s, "en-US", db.lookup).Render(cits, nil)
			out[g] = fmt.Sprint(res.Citations, res.Bibliography)
			done <- g
		}()
	}
	for range out {
		<-done
	}
	for g := range out {
		if out[g] != out[0] {
			t.Errorf("goroutine %d rendered otherwise than goroutine 0", g)
		}
	}
}
