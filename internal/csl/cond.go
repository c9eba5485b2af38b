package csl

import (
	"strings"

	"github.com/redtide/edition/internal/lazy"
)

// test evaluates the conditions of <if> or <else-if>: all must hold
// (match="all", the default, and there must be one), any (match="any")
// or none (match="none"). It stops at the first test that settles it:
// tests have no side effects.
func (c *ctx) test(e *elem) bool {
	// a test giving settle settles the match: true for any and none,
	// false for all
	settle := e.matchKind != 0
	tested := false
	for i := range e.conds {
		cd := &e.conds[i]
		if cd.isType {
			// an item has one type: several values are alternatives, as
			// citeproc-js reads them (styles rely on it)
			var t bool
			if cd.typeBits {
				t = cd.typeMask&c.st.typeBit() != 0
			} else {
				for _, v := range cd.vals {
					t = t || c.item.Type == v
				}
			}
			tested = true
			if t == settle {
				return e.matchKind == 'a'
			}
			continue
		}
		if cd.varBits {
			// the values present and not suppressed, all at once
			tested = true
			bits, m := c.st.presentBits(), &cd.varMask
			h0 := bits[0] &^ c.suppSet[0] & m[0]
			h1 := bits[1] &^ c.suppSet[1] & m[1]
			if settle && h0|h1 != 0 || !settle && (h0 != m[0] || h1 != m[1]) {
				return e.matchKind == 'a'
			}
			continue
		}
		if cd.isVariable {
			bits := c.st.presentBits()
			for k, v := range cd.vals {
				var r bool
				if i := cd.idx[k]; i >= 0 {
					r = bits.has(i) && !c.isSuppressed(v)
				} else {
					r = c.hasVariable(v)
				}
				tested = true
				if r == settle {
					return e.matchKind == 'a'
				}
			}
			continue
		}
		for k, v := range cd.vals {
			tested = true
			if cd.isNumeric && cd.idx[k] >= 0 && !c.st.presentBits().has(cd.idx[k]) {
				// no value: not numeric (the map lookup is spared)
				if !settle {
					return e.matchKind == 'a'
				}
				continue
			}
			if c.testOne(cd.attr, v) == settle {
				return e.matchKind == 'a'
			}
		}
	}
	switch e.matchKind {
	case 'a':
		return false
	case 'n':
		return true
	}
	return tested
}

func (c *ctx) testOne(attr, v string) bool {
	switch attr {
	case "variable":
		return c.hasVariable(v)
	case "is-numeric":
		return isNumeric(c.numberVar(v))
	case "is-uncertain-date":
		d, ok := c.item.Dates[v]
		return ok && d.Circa
	case "locator":
		return c.locatorIs(v)
	case "position":
		return c.positionIs(v)
	case "disambiguate":
		return (v == "true") == c.st.disamb
	}
	return false
}

func (c *ctx) hasVariable(v string) bool {
	if c.isSuppressed(v) {
		return false
	}
	if special[v] {
		return c.variable(v) != ""
	}
	return c.st.present()[v]
}

// present is the set of the item's variables that have a value, made once:
// styles test long lists of variables again and again.
func (st *itemState) present() map[string]bool {
	if st.has != nil {
		return st.has
	}
	it := st.item
	st.has = make(map[string]bool, len(it.Vars)+len(it.Names)+len(it.Dates))
	for k, v := range it.Vars {
		st.has[k] = v != ""
	}
	for k, ns := range it.Names {
		st.has[k] = st.has[k] || len(ns) > 0
	}
	for k, d := range it.Dates {
		st.has[k] = st.has[k] || len(d.Parts) > 0 || d.Literal != ""
	}
	return st.has
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
var numericRe = lazy.Regexp(`^[[:alpha:]]*\d+[[:alpha:]]*(\s*(?:[-–,&]|and)\s*[[:alpha:]]*\d+[[:alpha:]]*)*$`)

func isNumeric(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	if allDigits(s) {
		return true
	}
	return numericRe().MatchString(s)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
