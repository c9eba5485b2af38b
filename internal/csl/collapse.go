package csl

// renderedCite is a cite rendered for a citation, with the text of its
// names, which cites are collapsed by.
type renderedCite struct {
	out    *node
	info   *citeInfo
	author string
}

// collapsesByYear tells whether the collapse attribute joins the cites of
// one author.
func collapsesByYear(collapse string) bool {
	return collapse == "year" || collapse == "year-suffix" || collapse == "year-suffix-ranged"
}

// joinCites joins a citation's cites with the layout's delimiter; with
// collapse="year", cites of the same author that follow each other share
// the author's name: "(Doe 1999, 2001; Roe 2000)".
func (p *Processor) joinCites(layout *elem, rs []renderedCite) *node {
	cit := p.style.citation
	delim := layout.attr("delimiter")
	collapse := cit.attr("collapse")
	byYear := collapsesByYear(collapse)
	groupDelim, ok := cit.lookup("cite-group-delimiter")
	if !ok {
		groupDelim = ", "
	}
	afterDelim, ok := cit.lookup("after-collapse-delimiter")
	if !ok {
		afterDelim = delim
	}
	if collapse == "citation-number" {
		return p.joinNumbers(delim, rs)
	}
	n := p.newNode()
	var room [16]*node // the cites and their delimiters, kept in the arena
	ks := room[:0]
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
			ks = append(ks, textNode(sep))
		}
		ks = append(ks, r.out)
	}
	if len(ks) > 0 {
		n.kids = p.kids(ks)
	}
	return n
}

// renderInText renders an author-in-text citation of an in-text style as
// pandoc does: the author in the running text, the rest of the cite in
// the layout's affixes, "Doe (2001, 33)"; several cites are joined by
// semicolons.
func (p *Processor) renderInText(infos []*citeInfo) Rich {
	p.arena.reset()
	layout := p.style.citation.child("layout")
	if layout == nil {
		return nil
	}
	n := &node{delim: "; "}
	for _, info := range infos {
		a, b := *info, *info
		a.AuthorOnly = true
		b.SuppressAuthor = true
		author, _ := p.renderCite(layout, &a, false)
		rest, _ := p.renderCite(layout, &b, false)
		if p.states[info.ID] == nil {
			n.kids = append(n.kids, author)
			continue
		}
		if !rest.empty() {
			w := &node{kids: []*node{rest}, prefix: layout.attr("prefix"), suffix: layout.attr("suffix")}
			for _, at := range layout.attrs {
				w.format(at.Name.Local, at.Value)
			}
			rest = w
		}
		n.kids = append(n.kids, group([]*node{author, rest}, " "))
	}
	return p.flatten(n)
}

// joinNumbers joins numeric cites, collapsing three or more consecutive
// numbers into a range: "[1–3, 5]".
func (p *Processor) joinNumbers(delim string, rs []renderedCite) *node {
	n := &node{}
	plain := func(r renderedCite) bool {
		return p.states[r.info.ID] != nil && r.info.Locator == "" && r.info.Prefix == "" && r.info.Suffix == ""
	}
	number := func(r renderedCite) int { return p.states[r.info.ID].number }
	for i := 0; i < len(rs); {
		j := i + 1
		for plain(rs[i]) && j < len(rs) && plain(rs[j]) && number(rs[j]) == number(rs[j-1])+1 {
			j++
		}
		if len(n.kids) > 0 {
			n.kids = append(n.kids, textNode(delim))
		}
		if j-i >= 3 {
			n.kids = append(n.kids, rs[i].out, textNode("–"), rs[j-1].out)
			i = j
			continue
		}
		n.kids = append(n.kids, rs[i].out)
		i++
	}

	return n
}
