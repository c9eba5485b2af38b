package csl

import (
	"testing"

	"github.com/redtide/edition/internal/bib"
)

// TestChooseByType checks, for every <choose> of the built-in styles and
// every item type (and one not in cslTypes), that the branch branch takes
// through the type's plan is the one testing each kid in turn takes.
func TestChooseByType(t *testing.T) {
	types := []string{"no-such-type"}
	for ty := range cslTypes {
		types = append(types, ty)
	}
	tabled := 0
	for _, name := range BuiltinStyles() {
		s, ok := BuiltinStyle(name)
		if !ok {
			t.Fatalf("no built-in style %q", name)
		}
		p := NewProcessor(s, "", func(string) *bib.Item { return nil })
		var chooses []*elem
		var walk func(e *elem)
		walk = func(e *elem) {
			if e.kind == kChoose {
				chooses = append(chooses, e)
			}
			for _, k := range e.kids {
				walk(k)
			}
		}
		walk(s.root)
		for n, ty := range types {
			// items of each type with different variables, for the tests
			// the type leaves to them
			it := &bib.Item{ID: "x", Type: ty, Vars: map[string]string{}}
			for i, v := range cslVariables {
				if (i+n)%5 == 0 || (i*3+n)%7 == 0 {
					it.Vars[v] = "2"
				}
			}
			c := p.newCtx(&itemState{item: it}, nil, s.citation)
			for _, e := range chooses {
				var want *elem
				for _, k := range e.kids {
					if k.kind == kElse || (k.kind == kIf || k.kind == kElseIf) && c.test(k) {
						want = k
						break
					}
				}
				if got := c.branch(e); got != want {
					t.Errorf("%s: <choose> of line %d, type %s: branch of line %d, testing each gives %v", name, e.line, ty, lineOf(got), lineOf(want))
				}
				if e.byType != nil {
					tabled++
				}
			}
			p.release(c)
		}
	}
	if tabled == 0 {
		t.Error("no <choose> of the built-in styles is settled by type")
	}
}

func lineOf(e *elem) any {
	if e == nil {
		return "none"
	}
	return e.line
}

// TestVarSetRoom checks that a varSet has a bit for every variable.
func TestVarSetRoom(t *testing.T) {
	if n := len(cslVariables); n > 64*len(varSet{}) {
		t.Fatalf("%d variables, room for %d", n, 64*len(varSet{}))
	}
}

// TestVariableTestsBySet checks, for every <if> and <else-if> of the
// built-in styles that tests variables, that test gives with the
// variables' sets what it gives testing them one by one, for items with
// different variables, some of them suppressed by a substitution.
func TestVariableTestsBySet(t *testing.T) {
	bySet := 0
	for _, name := range BuiltinStyles() {
		s, _ := BuiltinStyle(name)
		p := NewProcessor(s, "", func(string) *bib.Item { return nil })
		var ifs []*elem
		var walk func(e *elem)
		walk = func(e *elem) {
			for _, cd := range e.conds {
				if cd.isVariable {
					ifs = append(ifs, e)
					break
				}
			}
			for _, k := range e.kids {
				walk(k)
			}
		}
		walk(s.root)
		for n := range 12 {
			it := &bib.Item{ID: "x", Type: "book", Vars: map[string]string{}}
			for i, v := range cslVariables {
				if (i+n)%3 == 0 || (i*5+n)%11 == 0 {
					it.Vars[v] = "2"
				}
			}
			c := p.newCtx(&itemState{item: it}, nil, s.bibliography)
			for i, v := range cslVariables {
				if n%2 == 1 && (i+n)%4 == 0 {
					c.suppress(v)
				}
			}
			for _, e := range ifs {
				one := *e // the same tests, value by value
				one.conds = append([]cond(nil), e.conds...)
				for i := range one.conds {
					if one.conds[i].varBits {
						one.conds[i].varBits = false
						bySet++
					}
				}
				if got, want := c.test(e), c.test(&one); got != want {
					t.Errorf("%s: line %d, item %d: %v by sets, %v one by one", name, e.line, n, got, want)
				}
				if e.varTest {
					if got, want := c.testVars(e), c.test(&one); got != want {
						t.Errorf("%s: line %d, item %d: testVars %v, one by one %v", name, e.line, n, got, want)
					}
				}
			}
			p.release(c)
		}
	}
	if bySet == 0 {
		t.Error("no variable test of the built-in styles is made by sets")
	}
}
