package bibtex

import (
	"fmt"

	"github.com/redtide/edition/internal/bib"
)

// Parse reads a BibTeX or BibLaTeX file: entries become bib.Items (CSL
// types and variables, as pandoc's BibTeX reader maps them), positioned
// at the line of their "@".
//
// Problems that do not stop reading (an unknown @type, a bad month, an
// undefined macro, a key defined twice) come back as problems. A syntax
// error loses only the entry it is in: that entry is skipped, reading
// goes on at the next line that starts with "@", and err (a
// *diag.Error naming file:line, or several joined) reports it, with a
// problem too. The items read are returned even when err is not nil.
//
// A key defined twice keeps the later entry, as pandoc does (citeproc
// keeps the last item with an id).
func Parse(file string, data []byte) ([]*bib.Item, []Problem, error) {
	all, probs, err := ParseAll(file, data)
	var items []*bib.Item
	index := map[string]int{}
	for _, it := range all {
		if i, dup := index[it.ID]; dup {
			probs = append(probs, Problem{Pos: it.Pos, Msg: fmt.Sprintf("key %q is defined twice, here and at %s:%d; this later entry is used",
				it.ID, file, items[i].Pos.Line)})
			items[i] = it
			continue
		}
		index[it.ID] = len(items)
		items = append(items, it)
	}
	return items, probs, err
}

// ParseAll is Parse without the rule for keys defined twice: every entry
// is returned, in file order, and duplicates are not reported. It serves
// readers that apply another rule (jekyll-scholar keeps the first).
func ParseAll(file string, data []byte) ([]*bib.Item, []Problem, error) {
	raws, probs, err := scan(file, string(data))
	items := make([]*bib.Item, 0, len(raws))
	for _, e := range raws {
		it, pr := convert(file, e, false)
		probs = append(probs, pr...)
		items = append(items, it)
	}
	return items, probs, err
}

func posOf(file string, line int) bib.Pos { return bib.Pos{File: file, Line: line} }

func quote(s string) string { return fmt.Sprintf("%q", s) }
