// Package bibdb loads bibliographic databases of any format pandoc reads
// (BibTeX and BibLaTeX, CSL-JSON, CSL-YAML, front matter references:)
// into one set of bib.Items by key.
//
// A key defined twice keeps the later definition, as pandoc does:
// citeproc keeps the last item with an id, pandoc reads the
// bibliography files in the order given, and front-matter references
// come after the files, so they override them. jekyll-scholar does the
// opposite (bibtex-ruby renames a later duplicate, key → kez), so a
// Jekyll site can ask for FirstWins. Each such key gives a problem
// naming both places.
package bibdb

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/redtide/edition/internal/bib"
	"github.com/redtide/edition/internal/bibtex"
	"github.com/redtide/edition/internal/diag"
)

// Problem is something wrong in a database that did not stop reading it
// (the same type as the BibTeX reader's).
type Problem = bibtex.Problem

// DB is a set of items by key, from one or more files or front matter.
// The zero value is an empty database ready for Add.
type DB struct {
	items map[string]*slot
	order []string
	rule  Rule
	lazy  bool
	// report receives the problems of converting a lazily read entry,
	// at its first lookup.
	report func(Problem)
}

// slot is one item of a DB: converted, or a BibTeX entry converted at
// its first lookup (then its problems go to report). Its key and place
// are the item's or the entry's (a database has thousands of slots).
type slot struct {
	item   *bib.Item
	entry  *bibtex.Entry
	report func(Problem)
}

func (s *slot) get() *bib.Item {
	if s.entry != nil {
		return s.entry.Item(s.report)
	}
	return s.item
}

func (s *slot) id() string {
	if s.entry != nil {
		return s.entry.ID
	}
	return s.item.ID
}

func (s *slot) pos() bib.Pos {
	if s.entry != nil {
		return s.entry.Pos
	}
	return s.item.Pos
}

// Rule says which of two items with one key a DB keeps.
type Rule int

// The rules for keys defined twice.
const (
	LastWins  Rule = iota // pandoc, Quarto (citeproc keeps the last item)
	FirstWins             // jekyll-scholar (bibtex-ruby renames later ones)
)

// New returns an empty database that applies rule to keys defined twice.
func New(rule Rule) *DB { return &DB{rule: rule} }

// Lazy makes Load read BibTeX files without converting their entries:
// each is converted at its first Lookup, which sends the problems of
// converting it to report (once, however many lookups and goroutines).
// Problems of a file's syntax, macros and crossrefs still come from
// Load. It returns db.
func (db *DB) Lazy(report func(Problem)) *DB {
	db.lazy, db.report = true, report
	return db
}

// Lookup returns the item with key id, or nil. It is safe for
// concurrent use once the database is loaded.
func (db *DB) Lookup(id string) *bib.Item {
	if db == nil {
		return nil
	}
	if s := db.items[id]; s != nil {
		return s.get()
	}
	return nil
}

// IDs returns every key in the order first defined (for nocite @*).
func (db *DB) IDs() []string {
	if db == nil {
		return nil
	}
	return append([]string(nil), db.order...)
}

// Len returns the number of items.
func (db *DB) Len() int {
	if db == nil {
		return 0
	}
	return len(db.order)
}

// Add puts items into the database. An item whose key is already there
// replaces it (LastWins) or is dropped (FirstWins), with a problem
// naming both places.
func (db *DB) Add(items []*bib.Item) []Problem {
	slots := make([]slot, len(items))
	for i, it := range items {
		slots[i] = slot{item: it}
	}
	return db.add(slots)
}

// Merge adds the items of src, in src's order, as Add does; entries src
// has not converted yet stay so.
func (db *DB) Merge(src *DB) []Problem {
	if src == nil {
		return nil
	}
	slots := make([]slot, len(src.order))
	for i, id := range src.order {
		slots[i] = *src.items[id] // its entry, converted or not, shared
	}
	return db.add(slots)
}

func (db *DB) add(slots []slot) []Problem {
	if db.items == nil {
		db.items = make(map[string]*slot, len(slots))
	}
	var probs []Problem
	db.order = slices.Grow(db.order, len(slots))
	for i := range slots {
		s := &slots[i]
		id := s.id()
		old, ok := db.items[id]
		switch {
		case !ok:
			db.order = append(db.order, id)
		case db.rule == FirstWins:
			probs = append(probs, Problem{Pos: s.pos(), Msg: fmt.Sprintf("key %q is defined twice, here and at %s; the first definition is used",
				id, where(old.pos()))})
			continue
		default:
			probs = append(probs, Problem{Pos: s.pos(), Msg: fmt.Sprintf("key %q is defined twice, here and at %s; this later definition is used",
				id, where(old.pos()))})
		}
		db.items[id] = s
	}
	return probs
}

func where(p bib.Pos) string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return p.File
}

// Load reads files by extension: .bib, .bibtex and .biblatex
// (BibTeX/BibLaTeX), .json (CSL-JSON), .yaml and .yml (CSL-YAML, a list
// or pandoc's references: key). Paths are slash-separated and relative
// to fsys, and are named so in messages. A file that cannot be read or
// parsed is reported in err (joined, each naming its file and line when
// known) and the others are still loaded: db is never nil.
func Load(fsys fs.FS, paths []string) (*DB, []Problem, error) {
	return New(LastWins).Load(fsys, paths)
}

// Load reads files into db as the function Load does, under db's rule.
func (db *DB) Load(fsys fs.FS, paths []string) (*DB, []Problem, error) {
	var probs []Problem
	var errs []error
	for _, p := range paths {
		slots, pr, err := db.loadFile(fsys, p)
		probs = append(probs, pr...)
		if err != nil {
			errs = append(errs, err)
		}
		probs = append(probs, db.add(slots)...)
	}
	return db, probs, diag.Join(errs...)
}

// loadFile reads one file; BibTeX entries stay unconverted when db is
// lazy.
func (db *DB) loadFile(fsys fs.FS, name string) ([]slot, []Problem, error) {
	if db.lazy && isBibTeX(name) {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, nil, &diag.Error{Path: name, Err: err}
		}
		// data is this DB's own (fs.ReadFile returns a copy): the
		// entries are read from it, not from a copy of it
		entries, probs, err := bibtex.ScanOwned(name, data)
		slots := make([]slot, len(entries)) // one allocation for a file's slots
		for i := range entries {
			slots[i] = slot{entry: &entries[i], report: db.report}
		}
		return slots, probs, err
	}
	items, probs, err := readFile(fsys, name)
	slots := make([]slot, len(items))
	for i, it := range items {
		slots[i] = slot{item: it}
	}
	return slots, probs, err
}

func isBibTeX(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".bib", ".bibtex", ".biblatex":
		return true
	}
	return false
}

func readFile(fsys fs.FS, name string) ([]*bib.Item, []Problem, error) {
	ext := strings.ToLower(path.Ext(name))
	switch ext {
	case ".bib", ".bibtex", ".biblatex", ".json", ".yaml", ".yml":
	default:
		return nil, nil, &diag.Error{Path: name, Err: fmt.Errorf("unknown bibliography format %q (want .bib, .bibtex, .json, .yaml or .yml)", ext)}
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, nil, &diag.Error{Path: name, Err: err}
	}
	switch ext {
	case ".json":
		return FromJSON(name, data)
	case ".yaml", ".yml":
		return FromYAMLFile(name, data)
	}
	return bibtex.ParseAll(name, data)
}
