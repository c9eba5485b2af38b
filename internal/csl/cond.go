package csl

import (
	"regexp"
	"strings"
)

// test evaluates the conditions of <if> or <else-if>.
func (c *ctx) test(e *elem) bool {
	var results []bool
	for _, a := range e.attrs {
		vals := strings.Fields(a.Value)
		var f func(string) bool
		switch a.Name.Local {
		case "type":
			// an item has one type: several values are alternatives, as
			// citeproc-js reads them (styles rely on it)
			t := false
			for _, v := range vals {
				t = t || c.item.Type == v
			}
			results = append(results, t)
			continue
		case "variable":
			f = c.hasVariable
		case "is-numeric":
			f = func(v string) bool { return isNumeric(c.numberVar(v)) }
		case "is-uncertain-date":
			f = func(v string) bool { d, ok := c.item.Dates[v]; return ok && d.Circa }
		case "locator":
			f = c.locatorIs
		case "position":
			f = c.positionIs
		case "disambiguate":
			f = func(v string) bool { return (v == "true") == c.st.disamb }
		default:
			continue
		}
		for _, v := range vals {
			results = append(results, f(v))
		}
	}
	return match(e.attr("match"), results)
}

func match(how string, rs []bool) bool {
	switch how {
	case "any":
		for _, r := range rs {
			if r {
				return true
			}
		}
		return false
	case "none":
		for _, r := range rs {
			if r {
				return false
			}
		}
		return true
	}
	for _, r := range rs {
		if !r {
			return false
		}
	}
	return len(rs) > 0
}

func (c *ctx) hasVariable(v string) bool {
	if c.suppressed[v] {
		return false
	}
	if c.variable(v) != "" {
		return true
	}
	if len(c.item.Names[v]) > 0 {
		return true
	}
	d, ok := c.item.Dates[v]
	return ok && (len(d.Parts) > 0 || d.Literal != "")
}

func (c *ctx) numberVar(v string) string {
	if v == "locator" || v == "citation-number" || v == "first-reference-note-number" {
		return c.variable(v)
	}
	return c.item.Var(v)
}

func (c *ctx) locatorIs(v string) bool {
	if c.cite == nil || c.cite.Locator == "" {
		return false
	}
	l := c.cite.Label
	if l == "" {
		l = "page"
	}
	if l == "sub verbo" {
		l = "sub-verbo"
	}
	return l == v
}

func (c *ctx) positionIs(v string) bool {
	if c.cite == nil || c.sorting {
		return false
	}
	pos := c.cite.position
	switch v {
	case "first":
		return pos == posFirst
	case "subsequent":
		return pos != posFirst
	case "ibid":
		return pos == posIbid || pos == posIbidWithLocator
	case "ibid-with-locator":
		return pos == posIbidWithLocator
	case "near-note":
		return pos != posFirst && c.cite.nearNote
	}
	return false
}

// numericRe is what CSL counts as numeric: numbers with optional letter
// prefixes or suffixes, joined by hyphens, commas or ampersands.
var numericRe = regexp.MustCompile(`^[[:alpha:]]*\d+[[:alpha:]]*(\s*(?:[-–,&]|and)\s*[[:alpha:]]*\d+[[:alpha:]]*)*$`)

func isNumeric(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && numericRe.MatchString(s)
}
