package csl

import (
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/redtide/edition/internal/bib"
	"golang.org/x/text/unicode/norm"
)

// sortKey is one key of an item: text compared after folding, or a number.
type sortKey struct {
	text  string
	num   int
	isNum bool
	desc  bool
}

// sortBibliography orders the registered items as the bibliography's
// <sort> says (order of first citation otherwise), numbers them, and
// returns that order.
func (p *Processor) sortBibliography() []*itemState {
	order := append([]*itemState(nil), p.order...)
	var sortEl *elem
	if p.style.bibliography != nil {
		sortEl = p.style.bibliography.child("sort")
	}
	if sortEl == nil {
		return order
	}
	keys := map[*itemState][]sortKey{}
	for _, st := range order {
		keys[st] = p.keys(sortEl, st, p.style.bibliography)
	}
	sort.SliceStable(order, func(i, j int) bool { return less(keys[order[i]], keys[order[j]]) })
	byNumber := false
	for _, k := range sortEl.kids {
		byNumber = byNumber || k.attr("variable") == "citation-number"
	}
	if !byNumber {
		for i, st := range order {
			st.number = i + 1
		}
	}
	return order
}

// sortCites orders a citation's cites as the citation's <sort> says.
func (p *Processor) sortCites(cit Citation) []*citeInfo {
	infos := make([]*citeInfo, len(cit.Cites))
	for i, ct := range cit.Cites {
		infos[i] = &citeInfo{Cite: ct}
	}
	sortEl := p.style.citation.child("sort")
	if sortEl == nil || len(infos) < 2 {
		return infos
	}
	keys := make(map[*citeInfo][]sortKey, len(infos))
	for _, in := range infos {
		if st := p.states[in.ID]; st != nil {
			keys[in] = p.keys(sortEl, st, p.style.citation)
		}
	}
	sort.SliceStable(infos, func(i, j int) bool { return less(keys[infos[i]], keys[infos[j]]) })
	return infos
}

// keys computes an item's sort keys.
func (p *Processor) keys(sortEl *elem, st *itemState, area *elem) []sortKey {
	var ks []sortKey
	for _, k := range sortEl.kids {
		if k.name != "key" {
			continue
		}
		c := &ctx{p: p, st: st, item: st.item, area: area, sorting: true}
		key := sortKey{desc: k.attr("sort") == "descending"}
		if v := k.attr("variable"); v != "" {
			key.text = c.variableKey(v)
		} else if m := k.attr("macro"); m != "" {
			key.text = c.macroKey(k, m)
		}
		if n, ok := leadingNumber(key.text); ok && numberVariables[k.attr("variable")] {
			key.num, key.isNum = n, true
		}
		ks = append(ks, key)
	}
	return ks
}

var numberVariables = map[string]bool{
	"citation-number": true, "volume": true, "issue": true, "page": true, "number-of-pages": true,
	"number-of-volumes": true, "edition": true, "chapter-number": true, "collection-number": true,
	"number": true, "locator": true, "first-reference-note-number": true, "page-first": true,
}

func leadingNumber(s string) (int, bool) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	n, err := strconv.Atoi(s[:i])
	return n, err == nil
}

func (c *ctx) variableKey(v string) string {
	if ns := c.item.Names[v]; len(ns) > 0 {
		var parts []string
		for _, nm := range ns {
			parts = append(parts, c.nameKey(nm))
		}
		return strings.Join(parts, "  ")
	}
	if d, ok := c.item.Dates[v]; ok {
		return dateKey(d)
	}
	return parseRich(c.variable(v)).plain()
}

// nameKey is a name as it sorts: family name (with its particle unless
// the style demotes it), then given name.
func (c *ctx) nameKey(nm bib.Name) string {
	nm = splitParticles(nm)
	if nm.Literal != "" {
		return nm.Literal
	}
	fam := nm.Family
	if c.p.style.demoteNDP == "never" {
		fam = joinParticle(nm.NonDroppingParticle, fam)
	}
	return strings.TrimSpace(fam + " " + nm.Given + " " + nm.DroppingParticle + " " + nm.NonDroppingParticle)
}

func (c *ctx) macroKey(k *elem, m string) string {
	n := c.macro(m)
	return n.plain()
}

// less compares key lists: empty values sort last, whatever the direction.
func less(a, b []sortKey) bool {
	for i := 0; i < len(a) && i < len(b); i++ {
		x, y := a[i], b[i]
		if (x.text == "") != (y.text == "") {
			return y.text == ""
		}
		cmp := 0
		if x.isNum && y.isNum {
			cmp = x.num - y.num
		} else {
			cmp = strings.Compare(fold(x.text), fold(y.text))
		}
		if cmp == 0 {
			continue
		}
		if x.desc {
			return cmp > 0
		}
		return cmp < 0
	}
	return false
}

// fold makes text compare as people sort it: case and accents ignored,
// leading punctuation and quotation marks skipped.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if b.Len() == 0 && (unicode.IsPunct(r) || unicode.IsSpace(r)) {
			continue
		}
		if r == '[' || r == ']' {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
