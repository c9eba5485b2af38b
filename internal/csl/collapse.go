package csl

// renderedCite is a cite rendered for a citation, with the text of its
// names, which cites are collapsed by.
type renderedCite struct {
	out    *node
	info   *citeInfo
	author string
}

// joinCites joins a citation's cites with the layout's delimiter; with
// collapse="year", cites of the same author that follow each other share
// the author's name: "(Doe 1999, 2001; Roe 2000)".
func (p *Processor) joinCites(layout *elem, rs []renderedCite) *node {
	cit := p.style.citation
	delim := layout.attr("delimiter")
	collapse := cit.attr("collapse")
	byYear := collapse == "year" || collapse == "year-suffix" || collapse == "year-suffix-ranged"
	groupDelim, ok := cit.lookup("cite-group-delimiter")
	if !ok {
		groupDelim = ", "
	}
	afterDelim, ok := cit.lookup("after-collapse-delimiter")
	if !ok {
		afterDelim = delim
	}
	n := &node{}
	inGroup := false
	for i, r := range rs {
		if i > 0 {
			sep := delim
			prev := rs[i-1]
			if byYear && r.author != "" && r.author == prev.author && r.info.Prefix == "" && prev.info.Suffix == "" {
				if out, _ := p.renderCite(layout, r.info, true); !out.empty() {
					r.out = out
				}
				sep = groupDelim
				if prev.info.Locator != "" {
					sep = afterDelim
				}
				inGroup = true
			} else if byYear || inGroup {
				// citeproc-js separates authors by after-collapse-delimiter
				// whenever the style collapses
				sep, inGroup = afterDelim, false
			}
			if startsWithPunct(r.info.Prefix) {
				sep = ""
			}
			n.kids = append(n.kids, textNode(sep))
		}
		n.kids = append(n.kids, r.out)
	}
	return n
}
