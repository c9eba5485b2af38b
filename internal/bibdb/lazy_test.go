package bibdb

import (
	"reflect"
	"testing"
	"testing/fstest"
)

// TestLazyLoad checks that a lazy database gives the items an eager one
// gives, keeps the file's problems at Load and reports an entry's own
// at its first lookup, and that Merge keeps entries unconverted.
func TestLazyLoad(t *testing.T) {
	fsys := fstest.MapFS{"r.bib": {Data: []byte(`@book{a, title = {On \foo{x}}, year = 2001}
@book{b, title = {Two}, crossref = {nowhere}, year = {2002}, month = {Smarch}}
@book{a, title = {Again}, year = 2003}
`)}}
	eager, eprobs, err := Load(fsys, []string{"r.bib"})
	if err != nil {
		t.Fatal(err)
	}
	var late []Problem
	file, lprobs, err := New(LastWins).Lazy(func(p Problem) { late = append(late, p) }).Load(fsys, []string{"r.bib"})
	if err != nil {
		t.Fatal(err)
	}
	if len(late) != 0 {
		t.Fatalf("problems reported before any lookup: %v", late)
	}
	db := New(LastWins)
	db.Merge(file)
	if len(late) != 0 {
		t.Fatalf("Merge converted entries: %v", late)
	}
	if !reflect.DeepEqual(db.IDs(), eager.IDs()) {
		t.Errorf("IDs %v, want %v", db.IDs(), eager.IDs())
	}
	for _, id := range eager.IDs() {
		if got, want := db.Lookup(id), eager.Lookup(id); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %+v, want %+v", id, got, want)
		}
		db.Lookup(id)
	}
	all := map[Problem]bool{}
	for _, p := range eprobs {
		all[p] = true
	}
	n := 0
	for _, p := range append(lprobs, late...) {
		if !all[p] {
			t.Errorf("problem %v is not one Load reports", p)
		}
		n++
	}
	// the first a's problem (\foo) is never reported: that entry is
	// replaced by the later a, and never converted
	if n != len(eprobs)-1 {
		t.Errorf("%d problems, want %d: %v then %v; eager %v", n, len(eprobs)-1, lprobs, late, eprobs)
	}
}
