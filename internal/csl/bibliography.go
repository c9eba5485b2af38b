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
	prev := ""
	for _, st := range order {
		c := &ctx{p: p, st: st, item: st.item, area: b}
		body := c.groupKids(layout, "")
		if body == nil {
			continue
		}
		if hasSAS {
			if nn := findNames(body); nn != nil {
				s := nn.plain()
				if s == prev && s != "" {
					nn.kids, nn.text = nil, sas
					if sas == "" {
						nn.kids = []*node{{text: "\u200b"}}
					}
				}
				prev = s
			} else {
				prev = ""
			}
		}
		w := &node{kids: []*node{body}, prefix: layout.attr("prefix"), suffix: layout.attr("suffix")}
		for _, a := range layout.attrs {
			w.format(a.Name.Local, a.Value)
		}
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
