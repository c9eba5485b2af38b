package bibtex

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks that no input panics Parse, that errors and problems
// name the file and a line inside it, and that every item has a key and
// a line.
func FuzzParse(f *testing.F) {
	for _, tc := range bibCases {
		f.Add([]byte(tc.src))
	}
	f.Add([]byte("@article{k, title = {\\'{\\i}\\\"\\i {\\em x $^{2}$}}}"))
	f.Add([]byte("@string{a = b # a}\n@book{k, title = a # {x} # \"y\"}"))
	f.Add([]byte("@book{k, author = {{A}, {B} and von {C}, Jr, D and family=E, given=F}}"))
	f.Fuzz(func(t *testing.T, src []byte) {
		items, probs, err := Parse("f.bib", src)
		lines := strings.Count(string(src), "\n") + 1
		if err != nil && !strings.HasPrefix(err.Error(), "f.bib:") {
			t.Fatalf("error does not name the file: %v", err)
		}
		for _, p := range probs {
			if p.Pos.File != "f.bib" || p.Pos.Line < 0 || p.Pos.Line > lines { // 0: the whole file
				t.Fatalf("problem at %v, outside the file of %d lines: %s", p.Pos, lines, p.Msg)
			}
		}
		for _, it := range items {
			if it.ID == "" || it.Pos.Line < 1 || it.Pos.Line > lines {
				t.Fatalf("item %q at line %d of %d", it.ID, it.Pos.Line, lines)
			}
			if utf8.Valid(src) && !utf8.ValidString(it.Vars["title"]) {
				t.Fatalf("title not UTF-8: %q", it.Vars["title"])
			}
		}
	})
}

// FuzzScan checks that Scan, then Item on every entry, gives the items
// and problems ParseAll gives (go test -fuzz FuzzScan).
func FuzzScan(f *testing.F) {
	for _, tc := range bibCases {
		f.Add([]byte(tc.src))
	}
	f.Add([]byte(lazyBib))
	f.Add([]byte(orderBib))
	f.Fuzz(func(t *testing.T, src []byte) {
		checkScan(t, src)
	})
}

// bigDatabase writes n entries of several types, with macros, accents,
// crossrefs and names.
func bigDatabase(n int) []byte {
	var b strings.Builder
	b.WriteString("@string{jtb = {Journal of Theoretical Biology}}\n")
	for i := 0; i < n; i++ {
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, "@article{a%d,\n  author = {M{\\\"u}ller, J{\\'o}zsef and van der Berg, Anna and others},\n  title = {On the {DNA} of $\\alpha$-helices, part %d},\n  journal = jtb, year = %d, month = mar, volume = {%d}, number = 2, pages = {%d--%d},\n  doi = {10.1000/%d}\n}\n\n", i, i, 1900+i%120, i%90, i, i+10, i)
		case 1:
			fmt.Fprintf(&b, "@book{b%d,\n  author = {{World Health Organization}},\n  title = {Report \\emph{number} %d},\n  publisher = {WHO}, address = {Geneva}, date = {2020-03-%02d}\n}\n\n", i, i, 1+i%28)
		case 2:
			fmt.Fprintf(&b, "@inproceedings{c%d,\n  author = {Jean de La Fontaine},\n  title = {Fables %d},\n  crossref = {b%d}, pages = {1--9}\n}\n\n", i, i, i-1)
		default:
			fmt.Fprintf(&b, "@online{d%d,\n  title = {Page %d},\n  url = {https://example.org/%d}, urldate = {2024-01-31}\n}\n\n", i, i, i)
		}
	}
	return []byte(b.String())
}

// BenchmarkParse5000 reads a 5,000-entry database.
func BenchmarkParse5000(b *testing.B) {
	data := bigDatabase(5000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		items, _, err := Parse("big.bib", data)
		if err != nil || len(items) != 5000 {
			b.Fatalf("%d items, %v", len(items), err)
		}
	}
}
