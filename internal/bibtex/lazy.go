package bibtex

import (
	"fmt"
	"sync"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding/charmap"

	"github.com/redtide/edition/internal/bib"
	"github.com/redtide/edition/internal/diag"
)

// Entry is one entry of a file, read (fields, macros expanded, crossref
// and xdata inherited) but not yet converted to a bib.Item: converting
// (TeX to Unicode, names, dates) costs most of reading a file, and a
// post cites a few works of a database of thousands. It is safe for
// concurrent use.
type Entry struct {
	ID  string  // citation key, as written
	Pos bib.Pos // the line of its "@"

	raw  *rawEntry
	once sync.Once
	item *bib.Item
}

// Item converts the entry on its first call and returns the item. The
// problems of converting it (an unknown entry type or TeX command, a bad
// date or month) go to report on that first call only, in the order
// they were found; report may be nil.
func (e *Entry) Item(report func(Problem)) *bib.Item {
	e.once.Do(func() {
		var probs []Problem
		e.item, probs = convert(e.Pos.File, e.raw, true)
		e.raw = nil
		if report != nil {
			for _, p := range probs {
				report(p)
			}
		}
	})
	return e.item
}

// Scan reads a BibTeX or BibLaTeX file as ParseAll does, but converts
// no entry: the problems and error are those of the file's syntax,
// @string macros and crossref/xdata parents, and unknown entry types
// (cheap to find, and worth knowing in a work nobody cites yet); the
// others of an entry come from its Item. Entries are in file order,
// duplicates kept.
func Scan(file string, data []byte) ([]*Entry, []Problem, error) {
	entries, probs, err := scanEntries(file, string(data))
	out := make([]*Entry, len(entries))
	for i := range entries {
		out[i] = &entries[i]
	}
	return out, probs, err
}

// ScanOwned is Scan for data the caller hands over and never modifies
// afterwards: the entries are read from data itself, not from a copy (a
// database of 5,000 entries is a megabyte copied for nothing). They come
// side by side, in one allocation: they must not be copied once Item
// has been called.
func ScanOwned(file string, data []byte) ([]Entry, []Problem, error) {
	return scanEntries(file, unsafe.String(unsafe.SliceData(data), len(data)))
}

func scanEntries(file, src string) ([]Entry, []Problem, error) {
	raws, probs, err := scan(file, src)
	out := make([]Entry, len(raws)) // one allocation for a file's entries
	for i, e := range raws {
		out[i] = Entry{ID: e.key, Pos: posOf(file, e.line), raw: e}
		if _, known := cslTypes[e.typ]; !known {
			probs = append(probs, Problem{Pos: out[i].Pos, Msg: fmt.Sprintf(unknownType, e.key, e.typ)})
		}
	}
	return out, probs, err
}

// scan parses data and resolves crossrefs, returning the entries that
// become items (not @xdata nor control entries).
func scan(file, src string) ([]*rawEntry, []Problem, error) {
	var probs []Problem
	if !utf8.ValidString(src) {
		// Files from older tools are often Latin-1 (BibTeX itself
		// reads bytes); Windows-1252 is its superset in practice.
		if dec, err := charmap.Windows1252.NewDecoder().String(src); err == nil {
			src = dec
			probs = append(probs, Problem{Pos: bib.Pos{File: file}, Msg: "the file is not UTF-8; read as Latin-1 (Windows-1252)"})
		}
	}
	p := newParser(file, src)
	p.run()
	probs = append(probs, p.problems...)
	probs = append(probs, resolveCrossrefs(file, p.entries)...)
	raws := make([]*rawEntry, 0, len(p.entries))
	for _, e := range p.entries {
		if e.typ == "xdata" || controlTypes[e.typ] {
			continue
		}
		raws = append(raws, e)
	}
	return raws, probs, diag.Join(p.errs...)
}
