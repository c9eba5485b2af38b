package csl

import (
	"math/rand/v2"
	"testing"

	"github.com/redtide/edition/internal/bib"
)

// TestDeadMacros checks, for every macro of the built-in styles that may
// be skipped, on items of every type with random variables (names,
// dates, a date with a season alone, plain values), in <citation> at
// each position and in <bibliography>, sorting or not: that when dead
// says it gives nothing, walking it (no macro skipped) gives nothing and
// asks for a variable.
func TestDeadMacros(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	types := []string{"no-such-type"}
	for ty := range cslTypes {
		types = append(types, ty)
	}
	dead, checked := 0, 0
	for _, name := range BuiltinStyles() {
		s, _ := BuiltinStyle(name)
		var skippable []*elem
		for _, m := range s.macros {
			if m.facts != nil {
				skippable = append(skippable, m)
			}
		}
		if len(skippable) == 0 {
			continue
		}
		walk := func(c *ctx, m *elem) *node {
			// no macro skipped, this one or those it calls
			saved := map[*elem]*macroFacts{}
			for _, k := range s.macros {
				saved[k] = k.facts
				k.facts = nil
			}
			defer func() {
				for k, f := range saved {
					k.facts = f
				}
			}()
			return c.macroElem(m)
		}
		p := NewProcessor(s, "en-US", func(string) *bib.Item { return nil })
		for n := range 120 {
			it := randomItem(rng, types[n%len(types)], n)
			for _, area := range []*elem{s.citation, s.bibliography} {
				for pos := range 3 {
					var info *citeInfo
					if area == s.citation && pos < 2 {
						info = &citeInfo{Cite: Cite{ID: it.ID, Locator: "12"}, position: pos}
					}
					for _, m := range skippable {
						st := &itemState{item: it, number: 1}
						c := p.newCtx(st, info, area)
						c.sorting = pos == 2
						checked++
						if !c.dead(m) {
							p.release(c)
							continue
						}
						dead++
						called, rendered, vars, supp := c.called, c.rendered, len(c.vars), len(c.suppressed)
						if got := walk(c, m); got != nil {
							t.Errorf("%s: macro %q on %s item %d: dead, but gives %q", name, m.attr("name"), it.Type, n, got.plain())
						}
						if c.called <= called {
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
