package bibtex

import (
	"reflect"
	"sort"
	"sync"
	"testing"
)

// lazyBib has problems of every kind: of the syntax and macros (found
// by Scan), of a crossref, and of converting entries (found by Item).
const lazyBib = `@string{j = {Journal}}
@article{a, author = {M{\"u}ller, Anna}, title = {On \foo{things}}, journal = j, year = 2001, month = {Smarch}}
@book{b, title = {Book}, crossref = {nowhere}, date = {sometime}}
@frobnicate{c, title = {Odd}, journal = undefinedmacro}
@book{d, title = {Broken}, year = {2001}
@book{e, author = {{World Health Organization}}, title = {Fine}, year = 2020}
`

// TestScanItemsMatchParseAll checks that Scan and then Item give the
// items ParseAll gives, and the same problems: the file's (and unknown
// types) at Scan, each entry's other ones at its first Item only.
func TestScanItemsMatchParseAll(t *testing.T) {
	items, probs, err := ParseAll("x.bib", []byte(lazyBib))
	entries, lprobs, lerr := Scan("x.bib", []byte(lazyBib))
	if (err == nil) != (lerr == nil) || (err != nil && err.Error() != lerr.Error()) {
		t.Fatalf("errors differ: ParseAll %v, Scan %v", err, lerr)
	}
	if len(entries) != len(items) {
		t.Fatalf("%d entries, want %d", len(entries), len(items))
	}
	for i, e := range entries {
		var got []Problem
		it := e.Item(func(p Problem) { got = append(got, p) })
		if again := e.Item(func(p Problem) { t.Errorf("problem reported twice: %v", p) }); again != it {
			t.Errorf("entry %s: a second Item gave another item", e.ID)
		}
		if e.ID != items[i].ID || e.Pos != items[i].Pos {
			t.Errorf("entry %d is %s at %v, want %s at %v", i, e.ID, e.Pos, items[i].ID, items[i].Pos)
		}
		if !reflect.DeepEqual(flatten(it), flatten(items[i])) {
			t.Errorf("entry %s:\n got %v\nwant %v", e.ID, flatten(it), flatten(items[i]))
		}
		lprobs = append(lprobs, got...)
	}
	sortProblems(lprobs)
	sortProblems(probs)
	if !reflect.DeepEqual(lprobs, probs) {
		t.Errorf("problems:\n got %v\nwant %v", lprobs, probs)
	}
	if len(probs) < 6 {
		t.Errorf("only %d problems in a file made to have more: %v", len(probs), probs)
	}
}

// TestItemConcurrent converts one entry from many goroutines (run with
// -race): one item, its problems reported once.
func TestItemConcurrent(t *testing.T) {
	entries, _, _ := Scan("x.bib", []byte(lazyBib))
	var mu sync.Mutex
	reported := 0
	report := func(Problem) { mu.Lock(); reported++; mu.Unlock() }
	var wg sync.WaitGroup
	got := make([]any, 8)
	for g := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[g] = entries[0].Item(report)
		}()
	}
	wg.Wait()
	for _, it := range got[1:] {
		if it != got[0] {
			t.Fatal("goroutines got different items")
		}
	}
	want := 2 // \foo and the month
	if reported != want {
		t.Errorf("%d problems reported, want %d", reported, want)
	}
}

func sortProblems(ps []Problem) {
	sort.Slice(ps, func(i, j int) bool {
		if ps[i].Pos.Line != ps[j].Pos.Line {
			return ps[i].Pos.Line < ps[j].Pos.Line
		}
		return ps[i].Msg < ps[j].Msg
	})
}
