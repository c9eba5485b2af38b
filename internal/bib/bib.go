// Package bib holds bibliographic items in CSL's data model (the model of
// CSL-JSON): the one type that every database reader (BibTeX, BibLaTeX,
// CSL-JSON, CSL-YAML, front-matter references) produces and the CSL
// processor reads. It imports nothing of the project, so readers and
// processor depend on it and never on each other.
package bib

// Item is one work, as CSL describes it.
type Item struct {
	ID   string // citation key, exactly as written ("knuth1984", "doi:10.1/x")
	Type string // CSL item type: "book", "article-journal", "chapter", "webpage", ...

	// Vars holds CSL's standard and number variables by their CSL names
	// ("title", "container-title", "publisher", "page", "volume", "DOI",
	// "URL", "note", ...). Values are plain text that may carry CSL-JSON's
	// rich-text markup: <i>, <b>, <sup>, <sub>,
	// <span style="font-variant:small-caps;"> and <span class="nocase">
	// (text a style's text-case must not change, as BibTeX's braces
	// protect case). Any other "<" or "&" is literal text.
	Vars map[string]string

	// Names holds CSL's name variables ("author", "editor", "translator",
	// "container-author", "collection-editor", ...), in order.
	Names map[string][]Name

	// Dates holds CSL's date variables ("issued", "accessed",
	// "original-date", "event-date", ...).
	Dates map[string]Date

	Pos Pos // where the item is defined, for messages

	// EtAl marks the name variables whose list the database cut short:
	// BibTeX's "and others" ("author": true). CSL-JSON has no field for
	// it; a processor renders the list as longer than its names (et al.).
	EtAl map[string]bool
}

// Name is one person or organisation, split as CSL splits names.
type Name struct {
	Family              string
	Given               string
	DroppingParticle    string // "de" in "Jean de La Fontaine" (dropped when sorting)
	NonDroppingParticle string // "van" in "Vincent van Gogh" (kept when sorting)
	Suffix              string // "Jr.", "III"
	CommaSuffix         bool   // the suffix is set off by a comma
	StaticOrdering      bool   // family name first even in western order
	Literal             string // an institution or a name used as written; when set, the other fields are empty
}

// Date is a date, a range of two dates, or a date that could not be read.
type Date struct {
	// Parts holds one date, or two for a range; each is year, month and
	// day, of which only the year is required ([]int{1984} or
	// []int{1984, 3, 7}). Years before the common era are negative.
	Parts   [][]int
	Season  int    // 1 spring, 2 summer, 3 autumn, 4 winter; 0 none
	Circa   bool   // approximate
	Literal string // the text as written when it is not a date ("n.d.", "forthcoming")
}

// Pos is where something is defined: a file and a 1-based line (0 when
// unknown).
type Pos struct {
	File string
	Line int
}

// Var returns the standard or number variable name, "" when unset.
func (it *Item) Var(name string) string {
	if it == nil {
		return ""
	}
	return it.Vars[name]
}
