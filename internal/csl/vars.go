package csl

import "strings"

// cslVariables are the variables of CSL 1.0.2 (and common extensions),
// numbered so that an item's set of present variables is a slice of
// booleans: conditions test long lists of variables for every cite.
var cslVariables = strings.Fields(`abstract annote archive archive_collection archive_location archive-place
authority call-number chapter-number citation-key citation-label citation-number collection-number
collection-title container-title container-title-short dimensions division DOI edition event
event-place event-title first-reference-note-number genre ISBN ISSN issue jurisdiction keyword
language license locator medium note number number-of-pages number-of-volumes original-publisher
original-publisher-place original-title page page-first part-number part-title PMCID PMID printing
publisher publisher-place references reviewed-genre reviewed-title scale section source status
supplement-number title title-short URL version volume volume-title year-suffix
author chair collection-editor compiler composer container-author contributor curator director
editor editor-translator editorial-director executive-producer guest host illustrator interviewer
narrator organizer original-author performer producer recipient reviewed-author script-writer
series-creator translator editortranslator
accessed available-date event-date issued original-date submitted`)

// special are the variables the processor or the cite supplies, or
// derives from others: they are looked up, not read from the item.
var special = map[string]bool{
	"locator": true, "citation-number": true, "year-suffix": true, "first-reference-note-number": true,
	"title-short": true, "container-title-short": true, "page-first": true,
}

var varIndex = func() map[string]int {
	m := make(map[string]int, len(cslVariables))
	for i, v := range cslVariables {
		m[v] = i
	}
	return m
}()

// varSet is a set of variables, a bit for each index in cslVariables
// (TestVarSetRoom checks there is room): a condition on a list of
// variables is a few ANDs.
type varSet [2]uint64

func (s *varSet) add(i int)      { s[i>>6] |= 1 << (i & 63) }
func (s *varSet) has(i int) bool { return s[i>>6]&(1<<(i&63)) != 0 }

// liveBits is the set of the item's variables that have a value, or a
// date whatever its value (evalDate counts a season alone as rendered),
// made once: the variables whose absence lets a macro be skipped (see
// ctx.dead).
func (st *itemState) liveBits() *varSet {
	if st.liveSet {
		return &st.live
	}
	st.liveSet = true
	st.live = *st.presentBits()
	for k := range st.item.Dates {
		if i, known := varIndex[k]; known {
			st.live.add(i)
		}
	}
	return &st.live
}

// presentBits is present as a varSet, made once.
func (st *itemState) presentBits() *varSet {
	if st.bitsSet {
		return &st.bits
	}
	return st.makeBits()
}

// makeBits makes presentBits' set (apart, so that presentBits inlines).
func (st *itemState) makeBits() *varSet {
	// as present, without making its map
	st.bitsSet = true
	it := st.item
	for k, v := range it.Vars {
		if i, known := varIndex[k]; known && v != "" {
			st.bits.add(i)
		}
	}
	for k, ns := range it.Names {
		if i, known := varIndex[k]; known && len(ns) > 0 {
			st.bits.add(i)
		}
	}
	for k, d := range it.Dates {
		if i, known := varIndex[k]; known && (len(d.Parts) > 0 || d.Literal != "") {
			st.bits.add(i)
		}
	}
	return &st.bits
}
