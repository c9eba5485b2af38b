package csl

import "strconv"

// bibliographyInto renders the bibliography's entries and options.
func (p *Processor) bibliographyInto(res *Result, order []*itemState) {
	b := p.style.bibliography
	res.LineSpacing, res.EntrySpacing = 1, 1
	if b == nil {
		return
	}
	res.HangingIndent = b.attr("hanging-indent") == "true"
	res.SecondFieldAlign = b.attr("second-field-align")
	if n, err := strconv.Atoi(b.attr("line-spacing")); err == nil {
		res.LineSpacing = n
	}
	if n, err := strconv.Atoi(b.attr("entry-spacing")); err == nil {
		res.EntrySpacing = n
	}
	layout := b.child("layout")
	if layout == nil {
		return
	}
	sas, hasSAS := b.lookup("subsequent-author-substitute")
	sub := authorSubstitute{text: sas, rule: b.attr("subsequent-author-substitute-rule")}
	for _, st := range order {
		p.arena.reset()
		c := p.newCtx(st, nil, b)
		body := c.groupKids(layout, "")
		p.release(c)
		if body == nil {
			continue
		}
		if hasSAS {
			sub.apply(findNames(body))
		}
		w := p.wrap(body)
		w.prefix, w.suffix = layout.prefix, layout.suffix
		w.set, w.clear = w.set|layout.fset, w.clear|layout.fclear // its formatting, read once (prepare)
		res.Bibliography = append(res.Bibliography, Entry{ID: st.item.ID, Text: p.flatten(w)})
	}
}

// findNames finds the first output of a <names> element.
func findNames(n *node) *node {
	if n == nil {
		return nil
	}
	if n.names {
		return n
	}
	for _, k := range n.kids {
		if f := findNames(k); f != nil {
			return f
		}
	}
	return nil
}

// authorSubstitute puts subsequent-author-substitute in place of names
// that repeat those of the entry before, by the rule the style names
// (CSL 1.0.2, "Reference Grouping"), as citeproc-js does: the names are
// compared without their label, which stays ("———, ed.").
type authorSubstitute struct {
	text, rule string
	prev       []string // the names of the entry before, or its substitute's text
}

// apply substitutes in nn, the output of an entry's first <names>.
func (a *authorSubstitute) apply(nn *node) {
	if nn == nil {
		a.prev = nil
		return
	}
	var persons, lists []*node
	nn.walkRoles(func(n *node) {
		switch n.role {
		case 'p':
			persons = append(persons, n)
		case 'l':
			lists = append(lists, n)
		}
	})
	if len(persons) == 0 {
		// a title or other text substituted for the names
		s := nn.plain()
		if s != "" && len(a.prev) == 1 && a.prev[0] == s && a.rule != "partial-each" && a.rule != "partial-first" {
			a.replace(nn)
		}
		a.prev = []string{s}
		return
	}
	names := make([]string, len(persons))
	for i, p := range persons {
		names[i] = p.plain()
	}
	same := 0
	for same < len(names) && same < len(a.prev) && names[same] == a.prev[same] {
		same++
	}
	all := same == len(names) && len(names) == len(a.prev)
	switch a.rule {
	case "complete-each":
		if all {
			for _, p := range persons {
				a.replace(p)
			}
		}
	case "partial-each", "partial-first":
		if a.rule == "partial-first" && same > 1 {
			same = 1
		}
		for _, p := range persons[:same] {
			a.replace(p)
		}
	default: // complete-all
		if all {
			a.replace(lists[0])
			for _, l := range lists[1:] {
				l.kids, l.text = nil, ""
			}
		}
	}
	a.prev = names
}

// replace makes n's text the substitute, keeping n's formatting; an empty
// substitute leaves a zero-width space so that the entry keeps its shape.
func (a *authorSubstitute) replace(n *node) {
	n.kids, n.text = nil, a.text
	if a.text == "" {
		n.text = "\u200b"
	}
}

// walkRoles calls f on the name-list nodes at or under n (names, lists,
// labels), descending only into lists.
func (n *node) walkRoles(f func(*node)) {
	if n == nil {
		return
	}
	if n.role != 0 {
		f(n)
		if n.role != 'l' {
			return
		}
	}
	for _, k := range n.kids {
		k.walkRoles(f)
	}
}
