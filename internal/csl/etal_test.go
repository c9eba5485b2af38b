package csl

import (
	"testing"

	"github.com/redtide/edition/internal/bib"
)

// TestForcedEtAl renders name lists the database cut short (BibTeX's
// "and others", CSL-YAML's final literal "others"): they end in "et al."
// even below et-al-min (with the delimiter only after two or more names,
// as delimiter-precedes-et-al="contextual" says).
func TestForcedEtAl(t *testing.T) {
	db := memDB{
		"one": {ID: "one", Type: "book", Vars: map[string]string{"title": "Alpha", "publisher": "Norton"},
			Names: map[string][]bib.Name{"author": {person("Smith", "Ann")}}, Dates: year(2001),
			EtAl: map[string]bool{"author": true}},
		"two": {ID: "two", Type: "book", Vars: map[string]string{"title": "Beta", "publisher": "Norton"},
			Names: map[string][]bib.Name{"author": {person("Keene", "Donald"), person("Mori", "Aya")}}, Dates: year(2005),
			EtAl: map[string]bool{"author": true}},
		"ch": {ID: "ch", Type: "chapter", Vars: map[string]string{"title": "Gamma", "container-title": "Omega", "publisher": "Norton"},
			Names: map[string][]bib.Name{"author": {person("Lurie", "David")}, "editor": {person("Suzuki", "Tomi")}}, Dates: year(2010),
			EtAl: map[string]bool{"editor": true}},
		"plain": {ID: "plain", Type: "book", Vars: map[string]string{"title": "Delta", "publisher": "Norton"},
			Names: map[string][]bib.Name{"author": {person("Smith", "Ann")}}, Dates: year(2003)},
	}
	cits := []Citation{note(1, Cite{ID: "one"}), note(2, Cite{ID: "two"}), note(3, Cite{ID: "ch"}), note(4, Cite{ID: "plain"})}
	res := NewProcessor(DefaultStyle(), "en-US", db.lookup).Render(cits, nil)
	compare(t, "note", htmls(res.Citations), []string{
		"Ann Smith et al., <i>Alpha</i> (Norton, 2001).",
		"Donald Keene, Aya Mori, et al., <i>Beta</i> (Norton, 2005).",
		"David Lurie, “Gamma,” in <i>Omega</i>, ed. Tomi Suzuki et al. (Norton, 2010).",
		"Ann Smith, <i>Delta</i> (Norton, 2003).",
	})
	compare(t, "bibliography", entries(res.Bibliography), []string{
		"Keene, Donald, Aya Mori, et al. <i>Beta</i>. Norton, 2005.",
		"Lurie, David. “Gamma.” In <i>Omega</i>, edited by Tomi Suzuki et al. Norton, 2010.",
		"Smith, Ann. <i>Delta</i>. Norton, 2003.",
		"Smith, Ann et al. <i>Alpha</i>. Norton, 2001.",
	})
	ad, _ := BuiltinStyle("chicago-author-date")
	res = NewProcessor(ad, "en-US", db.lookup).Render([]Citation{{Cites: []Cite{{ID: "one"}}}, {Cites: []Cite{{ID: "plain"}}}}, nil)
	compare(t, "author-date", htmls(res.Citations), []string{"(Smith et al. 2001)", "(Smith 2003)"})
}

// TestNameOptsResolved checks the name options each built-in style
// resolves once against reading them from the elements, for every
// <name> and for none, in <citation> and <bibliography>.
func TestNameOptsResolved(t *testing.T) {
	n := 0
	for _, name := range BuiltinStyles() {
		s, ok := BuiltinStyle(name)
		if !ok {
			t.Fatalf("%s does not parse", name)
		}
		var names []*elem
		var walk func(e *elem)
		walk = func(e *elem) {
			if e.name == "name" {
				names = append(names, e)
			}
			for _, k := range e.kids {
				walk(k)
			}
		}
		walk(s.root)
		names = append(names, nil)
		for _, area := range []*elem{s.citation, s.bibliography} {
			c := &ctx{p: &Processor{style: s}, area: area}
			for _, nm := range names {
				for _, opt := range nameOptNames {
					v, ok := c.nameOpt(nm, opt)
					wv, wok := c.lookupNameOpt(nm, opt)
					if v != wv || ok != wok {
						t.Errorf("%s: %s = %q, %v; the elements say %q, %v", name, opt, v, ok, wv, wok)
					}
					if ok {
						n++
					}
				}
			}
		}
	}
	if n == 0 {
		t.Error("no option set in any style")
	}
}
