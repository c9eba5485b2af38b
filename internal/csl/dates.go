package csl

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"

	"github.com/redtide/edition/internal/bib"
)

// datePart is a <date-part> with the attributes that apply to it.
type datePart struct {
	name string
	el   *elem // merged attributes
}

func (c *ctx) evalDate(e *elem) *node {
	name := e.attr("variable")
	c.called++
	d, ok := c.item.Dates[name]
	if !ok || c.isSuppressed(name) || (len(d.Parts) == 0 && d.Literal == "" && d.Season == 0) {
		return nil
	}
	c.hit(name)
	if c.sorting {
		return c.text(dateKey(d))
	}
	if len(d.Parts) == 0 || len(d.Parts[0]) == 0 {
		return c.rich(d.Literal)
	}
	dp, ok := c.p.dates[e]
	if !ok {
		// the parts depend on the element and the locale only: merged
		// once per processor, not for every date rendered
		dp.parts, dp.delim = c.dateParts(e)
		if c.p.dates == nil {
			c.p.dates = map[*elem]dateParts{}
		}
		c.p.dates[e] = dp
	}
	return c.renderDate(d, dp.parts, dp.delim)
}

// dateParts are a <date>'s parts and delimiter, resolved.
type dateParts struct {
	parts []datePart
	delim string
}

// hit records that a variable gave text.
func (c *ctx) hit(name string) {
	c.rendered++
	c.track(name)
}

// track records a rendered variable while a substitution is being tried:
// the substitute that renders uses its variables up.
func (c *ctx) track(name string) {
	if c.tracking > 0 {
		c.vars = append(c.vars, name)
	}
}

// dateParts resolves the parts of a <date>: its own, or the locale's
// format with the style's overrides.
func (c *ctx) dateParts(e *elem) ([]datePart, string) {
	form := e.attr("form")
	if form == "" {
		var ps []datePart
		for _, k := range e.kids {
			if k.name == "date-part" {
				ps = append(ps, datePart{k.attr("name"), k})
			}
		}
		return ps, e.attr("delimiter")
	}
	base := c.p.loc.dateFormat(form)
	if base == nil {
		return nil, ""
	}
	want := e.attr("date-parts")
	if want == "" {
		want = "year-month-day"
	}
	var ps []datePart
	for _, k := range base.kids {
		n := k.attr("name")
		if k.name != "date-part" || !strings.Contains(want, n) {
			continue
		}
		merged := &elem{name: "date-part", attrs: append([]xml.Attr(nil), k.attrs...)}
		for _, o := range e.kids {
			if o.name == "date-part" && o.attr("name") == n {
				for _, a := range o.attrs {
					if a.Name.Local != "prefix" && a.Name.Local != "suffix" {
						merged.attrs = append(merged.attrs, a)
					}
				}
			}
		}
		reverseAttrs(merged)
		merged.prepare()
		ps = append(ps, datePart{n, merged})
	}
	return ps, base.attr("delimiter")
}

// reverseAttrs puts later (overriding) attributes first, as lookup takes
// the first match.
func reverseAttrs(e *elem) {
	for i, j := 0, len(e.attrs)-1; i < j; i, j = i+1, j-1 {
		e.attrs[i], e.attrs[j] = e.attrs[j], e.attrs[i]
	}
}

func (c *ctx) renderDate(d bib.Date, parts []datePart, delim string) *node {
	a := d.Parts[0]
	if len(d.Parts) < 2 || sameDate(a, d.Parts[1]) {
		return c.group(c.renderParts(parts, a, d.Season, delim, -1, -1), "")
	}
	b := d.Parts[1]
	diff := 0 // index of the largest differing part: 0 year, 1 month, 2 day
	for diff < 3 && comp(a, diff) == comp(b, diff) {
		diff++
	}
	differs := func(p datePart) bool { return partIndex(p.name) >= diff }
	var out []*node
	for i := 0; i < len(parts); {
		if !differs(parts[i]) {
			out = append(out, c.renderParts(parts[i:i+1], a, d.Season, "", -1, -1)...)
			if i < len(parts)-1 {
				out = append(out, c.text(delim))
			}
			i++
			continue
		}
		j := i
		for j < len(parts) && differs(parts[j]) {
			j++
		}
		run := parts[i:j]
		rd := "–"
		for _, p := range run {
			if partIndex(p.name) == diff {
				if v, ok := p.el.lookup("range-delimiter"); ok {
					rd = v
				}
			}
		}
		out = append(out, c.renderParts(run, a, d.Season, delim, -1, len(run)-1)...)
		out = append(out, c.text(rd))
		out = append(out, c.renderParts(run, b, 0, delim, 0, -1)...)
		if j < len(parts) {
			out = append(out, c.text(delim))
		}
		i = j
	}
	return c.group(out, "")
}

func sameDate(a, b []int) bool {
	for i := 0; i < 3; i++ {
		if comp(a, i) != comp(b, i) {
			return false
		}
	}
	return true
}

func comp(d []int, i int) int {
	if i < len(d) {
		return d[i]
	}
	return 0
}

func partIndex(name string) int {
	switch name {
	case "year":
		return 0
	case "month":
		return 1
	}
	return 2
}

// renderParts renders date parts of one date joined by delim; the prefix
// of part noPrefix and the suffix of part noSuffix are left out.
func (c *ctx) renderParts(parts []datePart, d []int, season int, delim string, noPrefix, noSuffix int) []*node {
	var out []*node
	for i, p := range parts {
		n := c.renderPart(p, d, season)
		if n.empty() {
			continue
		}
		n = c.decorate(p.el, n)
		if i == noPrefix {
			n.prefix = ""
		}
		if i == noSuffix {
			n.suffix = ""
		}
		if len(out) > 0 && delim != "" {
			out = append(out, c.text(delim))
		}
		out = append(out, n)
	}
	return out
}

func (c *ctx) renderPart(p datePart, d []int, season int) *node {
	form := p.el.attr("form")
	switch p.name {
	case "year":
		if len(d) == 0 || d[0] == 0 {
			return nil
		}
		return c.text(c.year(d[0], form))
	case "month":
		m := comp(d, 1)
		if m == 0 && season > 0 {
			m = 12 + season
		}
		return c.text(c.month(m, form))
	case "day":
		day := comp(d, 2)
		if day == 0 {
			return nil
		}
		switch form {
		case "numeric-leading-zeros":
			return c.text(fmt.Sprintf("%02d", day))
		case "ordinal":
			if c.p.loc.opt("limit-day-ordinals-to-day-1") == "true" && day != 1 {
				return c.text(strconv.Itoa(day))
			}
			return c.text(c.p.loc.ordinal(day, c.p.loc.gender(fmt.Sprintf("month-%02d", comp(d, 1)))))
		}
		return c.text(strconv.Itoa(day))
	}
	return nil
}

func (c *ctx) year(y int, form string) string {
	s := ""
	switch {
	case y < 0:
		bc, _ := c.p.loc.term("bc", "long", false)
		s = strconv.Itoa(-y) + spaced(bc)
	case form == "short":
		s = fmt.Sprintf("%02d", y%100)
	case y < 1000:
		ad, _ := c.p.loc.term("ad", "long", false)
		s = strconv.Itoa(y) + spaced(ad)
	default:
		s = strconv.Itoa(y)
	}
	if c.st.suffix > 0 && !c.p.explicitSuffix && !c.suffixDone {
		c.suffixDone = true
		s += yearSuffix(c.st.suffix)
	}
	return s
}

func (c *ctx) month(m int, form string) string {
	if m <= 0 {
		return ""
	}
	if m > 12 {
		s, _ := c.p.loc.term(fmt.Sprintf("season-%02d", (m-13)%4+1), "long", false)
		return s
	}
	switch form {
	case "numeric":
		return strconv.Itoa(m)
	case "numeric-leading-zeros":
		return fmt.Sprintf("%02d", m)
	case "short":
		s, _ := c.p.loc.term(fmt.Sprintf("month-%02d", m), "short", false)
		return s
	}
	s, _ := c.p.loc.term(fmt.Sprintf("month-%02d", m), "long", false)
	return s
}

// spaced puts a space before an era term that has none of its own.
func spaced(term string) string {
	if term == "" || strings.HasPrefix(term, " ") || strings.HasPrefix(term, "\u00a0") {
		return term
	}
	return " " + term
}

// dateKey is a date as a string that sorts in time order.
func dateKey(d bib.Date) string {
	if len(d.Parts) == 0 {
		return ""
	}
	var b strings.Builder
	for _, p := range d.Parts {
		fmt.Fprintf(&b, "%05d%02d%02d", comp(p, 0)+50000, comp(p, 1), comp(p, 2))
	}
	return b.String()
}
