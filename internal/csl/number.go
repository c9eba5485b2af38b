package csl

import (
	"strconv"
	"strings"

	"github.com/redtide/edition/internal/lazy"
)

// numberTok splits a numeric value into numbers and what stands between.
var numberTok = lazy.Regexp(`\d+`)

func (c *ctx) evalNumber(e *elem) *node {
	name := e.attr("variable")
	c.called++
	if c.isSuppressed(name) {
		return nil
	}
	v := c.numberVar(name)
	if v == "" {
		return nil
	}
	c.hit(name)
	if !isNumeric(v) {
		return c.rich(v)
	}
	form := e.attr("form")
	gender := c.p.loc.gender(name)
	v = numberTok().ReplaceAllStringFunc(v, func(d string) string {
		n, _ := strconv.Atoi(d)
		switch form {
		case "ordinal":
			return c.p.loc.ordinal(n, gender)
		case "long-ordinal":
			return c.p.loc.longOrdinal(n, gender)
		case "roman":
			return roman(n)
		}
		return d
	})
	return c.text(normalizeSeparators(v))
}

// normalizeSeparators spaces the joins of a numeric value as citeproc-js
// does: "2-4" -> "2–4", "2,4" -> "2, 4", "2&4" -> "2 & 4".
func normalizeSeparators(v string) string {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '-':
			b.WriteString("–")
		case ',':
			b.WriteString(", ")
			for i+1 < len(v) && v[i+1] == ' ' {
				i++
			}
		case '&':
			s := strings.TrimRight(b.String(), " ")
			b.Reset()
			b.WriteString(s + " & ")
			for i+1 < len(v) && v[i+1] == ' ' {
				i++
			}
		default:
			b.WriteByte(v[i])
		}
	}
	return b.String()
}

func roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// A locator may carry its own labels: "vol. 1, fol. 186" needs no label
// before it, and "367-368, fig. 333" is plural by its first part.
var (
	ownLabelRe      = lazy.Regexp(`^[[:alpha:]]+\.\s`)
	embeddedLabelRe = lazy.Regexp(`,\s*[[:alpha:]]+\.\s`)
)

// labelTerms maps variables to the terms that label them.
var labelTerms = map[string]string{
	"number-of-pages": "page", "chapter-number": "chapter", "collection-number": "collection-number",
	"number-of-volumes": "volume", "page-first": "page",
}

func (c *ctx) evalLabel(e *elem, _ string) *node {
	name := e.attr("variable")
	v, termName := c.variable(name), name
	if name == "locator" {
		if c.cite == nil || c.cite.Locator == "" || ownLabelRe().MatchString(c.cite.Locator) {
			return nil
		}
		if m := embeddedLabelRe().FindStringIndex(v); m != nil {
			v = v[:m[0]]
		}
		termName = c.cite.Label
		if termName == "" {
			termName = "page"
		}
		if termName == "sub verbo" {
			termName = "sub-verbo"
		}
	} else if t := labelTerms[name]; t != "" {
		termName = t
	}
	if v == "" || c.isSuppressed(name) {
		return nil
	}
	plural := false
	switch e.attr("plural") {
	case "always":
		plural = true
	case "never":
	default:
		plural = isPlural(name, v)
	}
	form := e.attr("form")
	if form == "" {
		form = "long"
	}
	s, _ := c.p.loc.term(termName, form, plural)
	return c.text(s)
}

// isPlural reads a value as plural when it holds more than one number
// ("33-35", "3, 5", "2 & 4"), or a count above one.
func isPlural(name, v string) bool {
	if name == "number-of-pages" || name == "number-of-volumes" {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		return err == nil && n > 1
	}
	if !isNumeric(v) {
		return false
	}
	return numberRuns(v) > 1
}

// numberRuns counts the runs of ASCII digits in v (numberTok's matches),
// up to two.
func numberRuns(v string) int {
	n, in := 0, false
	for i := 0; i < len(v) && n < 2; i++ {
		d := '0' <= v[i] && v[i] <= '9'
		if d && !in {
			n++
		}
		in = d
	}
	return n
}
