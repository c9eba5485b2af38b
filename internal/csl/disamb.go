package csl

import (
	"strings"

	"github.com/redtide/edition/internal/bib"
)

// disambiguate makes cites of different items that would print alike
// differ: more names, fuller given names, the disambiguate condition,
// then year suffixes, as far as the style allows each.
func (p *Processor) disambiguate(infos [][]*citeInfo) {
	cit := p.style.citation
	addNames := cit.attr("disambiguate-add-names") == "true"
	addGiven := cit.attr("disambiguate-add-givenname") == "true"
	addSuffix := cit.attr("disambiguate-add-year-suffix") == "true"
	cond := p.style.disambCond
	if !addNames && !addGiven && !addSuffix && !cond {
		return
	}
	cited := make([]*itemState, 0, len(p.order))
	seen := make(map[*itemState]bool, len(p.order))
	for _, cs := range infos {
		for _, in := range cs {
			if st := p.states[in.ID]; st != nil && !seen[st] {
				seen[st] = true
				cited = append(cited, st)
			}
		}
	}
	rule := cit.attr("givenname-disambiguation-rule")
	if addGiven && rule != "" && rule != "by-cite" {
		p.globalNames(cited, rule)
	}
	for _, g := range p.ambiguous(cited) {
		if addNames {
			g = p.tryNames(g)
		}
		if addGiven && len(g) > 1 {
			g = p.tryStep(g, func(st *itemState, lvl int) { st.given = lvl }, 2)
		}
		if cond && len(g) > 1 {
			g = p.tryStep(g, func(st *itemState, lvl int) { st.disamb = lvl > 0 }, 1)
		}
		if addSuffix && len(g) > 1 {
			p.assignSuffixes(g)
		}
	}
}

func usesAttr(e *elem, name string) bool {
	if _, ok := e.lookup(name); ok && (e.name == "if" || e.name == "else-if") {
		return true
	}
	for _, k := range e.kids {
		if usesAttr(k, name) {
			return true
		}
	}
	return false
}

// ambiguous groups items whose cites print alike.
func (p *Processor) ambiguous(items []*itemState) [][]*itemState {
	by := make(map[string][]*itemState, len(items))
	keys := make([]string, 0, len(items))
	for _, st := range items {
		s := p.citeText(st)
		if by[s] == nil {
			keys = append(keys, s)
		}
		by[s] = append(by[s], st)
	}
	var out [][]*itemState
	for _, k := range keys {
		if len(by[k]) > 1 {
			out = append(out, by[k])
		}
	}
	return out
}

// citeText is an item's cite as disambiguation compares it.
func (p *Processor) citeText(st *itemState) string {
	pos := posFirst
	if p.style.class == "note" {
		pos = posSubsequent
	}
	info := &citeInfo{Cite: Cite{ID: st.item.ID}, position: pos}
	layout := p.style.citation.child("layout")
	if layout == nil {
		return ""
	}
	p.arena.reset()
	c := p.newCtx(st, info, p.style.citation)
	defer p.release(c)
	return c.groupKids(layout, "").plain()
}

// tryNames shows more names until the group's cites differ; it returns
// the items still ambiguous.
func (p *Processor) tryNames(g []*itemState) []*itemState {
	max := 0
	for _, st := range g {
		for _, ns := range st.item.Names {
			if len(ns) > max {
				max = len(ns)
			}
		}
	}
	for n := 2; n <= max; n++ {
		for _, st := range g {
			st.etAl = n
		}
		if rest := p.ambiguous(g); len(rest) == 0 {
			return nil
		}
	}
	for _, st := range g {
		st.etAl = 0
	}
	return g
}

// tryStep raises a disambiguation level up to max until the cites differ;
// levels that do not help are undone.
func (p *Processor) tryStep(g []*itemState, set func(*itemState, int), max int) []*itemState {
	for lvl := 1; lvl <= max; lvl++ {
		for _, st := range g {
			set(st, lvl)
		}
		rest := p.ambiguous(g)
		if len(rest) == 0 {
			return nil
		}
		if len(rest) == 1 && len(rest[0]) == len(g) && lvl == max {
			for _, st := range g {
				set(st, 0)
			}
			return g
		}
	}
	var left []*itemState
	for _, r := range p.ambiguous(g) {
		left = append(left, r...)
	}
	return left
}

// assignSuffixes gives year suffixes a, b, … in bibliography order.
func (p *Processor) assignSuffixes(g []*itemState) {
	in := map[*itemState]bool{}
	for _, st := range g {
		in[st] = true
	}
	n := 0
	for _, st := range p.bibOrder {
		if in[st] {
			n++
			st.suffix = n
		}
	}
}

// nameKey identifies a person for given-name disambiguation.
func nameKey(nm bib.Name) string { return nm.Family + "\x00" + nm.Given }

// globalNames expands, across the whole document, the given names of
// people who share a family name with someone else cited (the
// givenname-disambiguation-rule values other than by-cite).
func (p *Processor) globalNames(cited []*itemState, rule string) {
	primary := strings.HasPrefix(rule, "primary-name")
	givens := map[string]map[string]bool{}
	var names []bib.Name
	for _, st := range cited {
		for _, v := range []string{"author", "editor", "translator", "composer"} {
			ns := st.item.Names[v]
			if primary && len(ns) > 1 {
				ns = ns[:1]
			}
			for _, nm := range ns {
				nm = splitParticles(nm)
				if nm.Literal != "" || nm.Given == "" {
					continue
				}
				if givens[nm.Family] == nil {
					givens[nm.Family] = map[string]bool{}
				}
				givens[nm.Family][nm.Given] = true
				names = append(names, nm)
			}
			if len(ns) > 0 {
				break
			}
		}
	}
	p.nameLevel = map[string]int{}
	for _, nm := range names {
		if len(givens[nm.Family]) < 2 {
			continue
		}
		lvl := 2
		if strings.HasSuffix(rule, "with-initials") || initialsDiffer(nm, givens[nm.Family]) {
			lvl = 1
		}
		p.nameLevel[nameKey(nm)] = lvl
	}
}

func initialsDiffer(nm bib.Name, others map[string]bool) bool {
	mine := initials(nm.Given, ".", true)
	for g := range others {
		if g != nm.Given && initials(g, ".", true) == mine {
			return false
		}
	}
	return true
}
