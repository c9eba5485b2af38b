package bibtex

import (
	"slices"
	"strings"
)

// resolveCrossrefs copies into each entry the fields it inherits through
// crossref (BibLaTeX's rules, appendix B of its manual, as pandoc applies
// them: a book's title becomes an inbook's booktitle, ...) and xdata
// (fields copied as they are). Fields the entry has itself win; a parent
// may inherit from its own parent. Unknown parents and cycles are
// reported.
func resolveCrossrefs(file string, entries []*rawEntry) []Problem {
	if !slices.ContainsFunc(entries, hasParent) {
		return nil // most files have no crossref: no index of keys needed
	}
	r := &resolver{file: file, byKey: map[string]*rawEntry{}, state: map[*rawEntry]int{}}
	for _, e := range entries {
		r.byKey[e.key] = e
		if _, ok := r.byKey[strings.ToLower(e.key)]; !ok {
			r.byKey[strings.ToLower(e.key)] = e
		}
	}
	for _, e := range entries {
		r.resolve(e)
	}
	return r.prob
}

// hasParent tells whether e inherits from another entry.
func hasParent(e *rawEntry) bool {
	_, x := e.get("xdata")
	_, c := e.get("crossref")
	return x || c
}

type resolver struct {
	file  string
	byKey map[string]*rawEntry
	state map[*rawEntry]int // 1 resolving, 2 done
	prob  []Problem
}

func (r *resolver) resolve(e *rawEntry) {
	if r.state[e] != 0 {
		return
	}
	r.state[e] = 1
	for _, f := range []string{"xdata", "crossref"} {
		v, ok := e.get(f)
		if !ok {
			continue
		}
		for _, k := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' }) {
			parent := r.byKey[k]
			if parent == nil {
				parent = r.byKey[strings.ToLower(k)]
			}
			switch {
			case parent == nil:
				r.prob = append(r.prob, Problem{Pos: posOf(r.file, e.fieldLine(f)), Msg: "entry " + quote(e.key) + ": " + f + " " + quote(k) + " is not in the file"})
				continue
			case r.state[parent] == 1:
				r.prob = append(r.prob, Problem{Pos: posOf(r.file, e.fieldLine(f)), Msg: "entry " + quote(e.key) + ": " + f + " " + quote(k) + " leads back to itself; not followed"})
				continue
			}
			r.resolve(parent)
			inherit(e, parent, f == "crossref")
		}
	}
	r.state[e] = 2
}

// inherit adds parent's fields that child lacks.
func inherit(child, parent *rawEntry, transform bool) {
	fields := append([]rawField(nil), parent.fields...)
	for _, f := range fields {
		names := []string{f.name}
		if transform {
			names = transformKey(parent.typ, child.typ, f.name)
		} else if f.name == "xdata" || f.name == "crossref" || f.name == "ids" {
			names = nil
		}
		for _, n := range names {
			if _, ok := child.get(n); !ok {
				child.add(rawField{name: n, value: f.value, off: f.off})
			}
		}
	}
}

var notInherited = set("ids", "crossref", "xref", "xdata", "entryset", "entrysubtype", "execute", "label",
	"options", "presort", "related", "relatedoptions", "relatedstring", "relatedtype",
	"shorthand", "shorthandintro", "sortkey")

// transformKey gives the child field(s) that parent field key fills
// (BibLaTeX's manual, appendix B; pandoc's transformKey).
func transformKey(parent, child, key string) []string {
	inSet := func(s string, xs ...string) bool {
		for _, x := range xs {
			if s == x {
				return true
			}
		}
		return false
	}
	switch {
	case notInherited[key]:
		return nil
	case key == "author" && inSet(parent, "mvbook", "book") && inSet(child, "inbook", "bookinbook", "suppbook"),
		key == "author" && parent == "mvbook" && child == "book":
		return []string{"bookauthor", "author"}
	case parent == "mvbook" && inSet(child, "book", "inbook", "bookinbook", "suppbook"),
		inSet(parent, "mvcollection", "mvreference") && inSet(child, "collection", "reference", "incollection", "inreference", "suppcollection"),
		parent == "mvproceedings" && inSet(child, "proceedings", "inproceedings"):
		return renamed(key, "main")
	case parent == "book" && inSet(child, "inbook", "bookinbook", "suppbook"),
		inSet(parent, "collection", "reference") && inSet(child, "incollection", "inreference", "suppcollection"),
		parent == "proceedings" && inSet(child, "inproceedings", "conference"):
		return renamed(key, "book")
	case parent == "periodical" && inSet(child, "article", "suppperiodical"):
		switch key {
		case "title":
			return []string{"journaltitle"}
		case "subtitle":
			return []string{"journalsubtitle"}
		case "shorttitle", "sorttitle", "indextitle", "indexsorttitle":
			return nil
		}
	}
	return []string{key}
}

// renamed maps title fields to prefix+"title" ("booktitle",
// "mainsubtitle", ...); the short and sort titles are not inherited.
func renamed(key, prefix string) []string {
	switch key {
	case "title", "subtitle", "titleaddon":
		return []string{prefix + key}
	case "shorttitle", "sorttitle", "indextitle", "indexsorttitle":
		return nil
	}
	return []string{key}
}
