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

// orderBib has what converting an entry after the whole file is read
// must not confuse: a macro redefined after an entry that uses it, a
// crossref chain whose parents come after their children, xdata, a
// cycle, a field given twice and a missing comma.
const orderBib = `@string{j = {First Journal}}
@article{early, author = {Okafor, Chidi}, title = {Early}, journal = j, year = 2001, month = jun}
@string{j = {Second } # j}
@article{late, title = {Late}, journal = j, year = 2002, title = {Again}}
@inbook{ch, title = {Chapter}, crossref = {bk}, pages = {1--9}, xdata = {pub}}
@book{bk, title = {The Book}, author = {Rossi, Anna}, crossref = {mv}, year = 2003}
@mvbook{mv, title = {All the Books}, editor = {Dubois, Marc} volume = 3}
@xdata{pub, publisher = {Norton}, address = {New York}}
@book{x, title = {X}, crossref = {y}}
@book{y, title = {Y}, crossref = {x}, author = {Kowalski, Ewa}}
@string{j = {Third}}
@article{last, title = j # { } # undefined, year = 2004}
`

// TestScanItemsMatchParseAll checks that Scan and then Item give the
// items ParseAll gives, and the same problems: the file's (and unknown
// types) at Scan, each entry's other ones at its first Item only.
func TestScanItemsMatchParseAll(t *testing.T) {
	if n := checkScan(t, []byte(lazyBib)); n < 6 {
		t.Errorf("only %d problems in a file made to have more", n)
	}
	if n := checkScan(t, []byte(orderBib)); n < 4 {
		t.Errorf("only %d problems in a file made to have more", n)
	}
	for _, tc := range bibCases {
		checkScan(t, []byte(tc.src))
	}
	checkScan(t, bigDatabase(200))
}

// checkScan compares Scan and Item with ParseAll on data, and returns
// the number of problems.
func checkScan(t *testing.T, data []byte) int {
	t.Helper()
	items, probs, err := ParseAll("x.bib", data)
	entries, lprobs, lerr := Scan("x.bib", data)
	if (err == nil) != (lerr == nil) || (err != nil && err.Error() != lerr.Error()) {
		t.Fatalf("errors differ: ParseAll %v, Scan %v", err, lerr)
	}
	if len(entries) != len(items) {
		t.Fatalf("%d entries, want %d", len(entries), len(items))
	}
	// converted last first, so that a parent is converted after its
	// children
	for i := len(entries) - 1; i >= 0; i-- {
		e := entries[i]
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
	return len(probs)
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

// TestItemsConcurrent converts the entries of a file with crossref and
// xdata parents in goroutines of their own (run with -race): each item
// is the one ParseAll gives.
func TestItemsConcurrent(t *testing.T) {
	items, _, _ := ParseAll("x.bib", []byte(orderBib))
	entries, _, _ := Scan("x.bib", []byte(orderBib))
	got := make([]map[string]string, len(entries))
	var wg sync.WaitGroup
	for i, e := range entries {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = flatten(e.Item(nil))
		}()
	}
	wg.Wait()
	for i, it := range items {
		if !reflect.DeepEqual(got[i], flatten(it)) {
			t.Errorf("entry %s:\n got %v\nwant %v", it.ID, got[i], flatten(it))
		}
	}
}
