package bibtex

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/redtide/edition/internal/bib"
)

// converter turns one raw entry into a CSL item.
type converter struct {
	e     *rawEntry
	file  string
	tex   texConv
	it    *bib.Item
	prob  []Problem
	conv  []convField // the fields converted, by their index in e.fields
	typed bool        // an unknown entry type was reported by Scan
}

// convField is a field's rich text, once converted.
type convField struct {
	rich string
	done bool
}

// problem records a problem once (a field read twice reports once).
func (c *converter) problem(line int, format string, args ...any) {
	p := Problem{Pos: bib.Pos{File: c.file, Line: line}, Msg: fmt.Sprintf(format, args...)}
	for _, q := range c.prob {
		if q == p {
			return
		}
	}
	c.prob = append(c.prob, p)
}

// convert maps the fields of e to CSL variables, following pandoc's
// BibTeX reader. typed says an unknown entry type was reported already.
func convert(file string, e *rawEntry, typed bool) (*bib.Item, []Problem) {
	c := &converter{e: e, file: file, typed: typed, it: &bib.Item{
		ID:    e.key,
		Vars:  map[string]string{},
		Names: map[string][]bib.Name{},
		Dates: map[string]bib.Date{},
		Pos:   bib.Pos{File: file, Line: e.line},
	}}
	c.typeAndGenre()
	c.nameVars()
	c.dateVars()
	c.numbers()
	c.titles()
	c.publishing()
	c.identifiers()
	c.notes()
	return c.it, c.prob
}

// has reports whether field f is set.
func (c *converter) has(f string) bool {
	_, ok := c.e.get(f)
	return ok
}

// rich returns field f as CSL rich text.
// Most fields asked for are absent: they are found missing in the
// entry's few fields, and only present ones are kept converted.
func (c *converter) rich(f string) string {
	i := c.e.find(f)
	if i < 0 {
		return ""
	}
	if i >= len(c.conv) {
		c.conv = append(c.conv, make([]convField, len(c.e.fields)-len(c.conv))...)
	}
	if cf := &c.conv[i]; cf.done {
		return cf.rich
	}
	r := c.richValue(f, c.e.fields[i].value)
	c.conv[i] = convField{rich: r, done: true}
	return r
}

// richValue converts v, the value of field f; unknown TeX commands in it
// are reported.
func (c *converter) richValue(f, v string) string {
	c.tex.unknown = c.tex.unknown[:0]
	out := c.tex.rich(v)
	if len(c.tex.unknown) > 0 {
		c.problem(c.e.fieldLine(f), "entry %q field %q: unknown LaTeX command %s; its argument is kept as text",
			c.e.key, f, strings.Join(c.tex.unknown, ", "))
	}
	return out
}

// plain returns field f as plain text.
func (c *converter) plain(f string) string { return stripMarkup(c.rich(f)) }

// raw returns field f as written, for identifiers and URLs: braces and
// TeX escapes removed, nothing else converted.
func (c *converter) raw(f string) string {
	v, _ := c.e.get(f)
	return rawText(v)
}

func (c *converter) set(v, val string) {
	if val != "" {
		c.it.Vars[v] = val
	}
}

// unknownType is the problem of an entry type that is not BibTeX's nor
// BibLaTeX's.
const unknownType = "entry %q: unknown entry type @%s, read as @misc"

// typeAndGenre sets the CSL type, and the genre from the type field (or
// the thesis kind), as pandoc does.
func (c *converter) typeAndGenre() {
	et := c.e.typ
	sub := strings.ToLower(c.raw("entrysubtype"))
	typ, known := cslTypes[et]
	switch {
	case !known:
		typ = "document"
		if !c.typed {
			c.problem(c.e.line, unknownType, c.e.key, et)
		}
	case articleTypes[et] && sub == "magazine":
		typ = "article-magazine"
	case articleTypes[et] && sub == "newspaper":
		typ = "article-newspaper"
	case et == "unpublished" && (c.has("eventdate") || c.has("eventtitle") || c.has("venue")):
		typ = "speech"
	}
	c.it.Type = typ
	genre := c.rich("type")
	if s, ok := bibStrings[strings.ToLower(genre)]; ok {
		genre = s
	}
	if genre == "" && (et == "mastersthesis" || et == "phdthesis") {
		genre = bibStrings[map[string]string{"mastersthesis": "mathesis", "phdthesis": "phdthesis"}[et]]
	}
	c.set("genre", genre)
	lang := strings.ToLower(c.plain("langid"))
	if lang == "" {
		lang = strings.ToLower(c.plain("hyphenation"))
	}
	if tag, ok := langIDs[lang]; ok {
		lang = tag
	}
	c.set("language", lang)
}

// nameFields maps BibTeX name fields to CSL name variables.
var nameFields = [][2]string{
	{"author", "author"}, {"editor", "editor"}, {"translator", "translator"},
	{"bookauthor", "container-author"}, {"director", "director"},
}

// dateFields maps BibLaTeX date fields, the prefix of their BibTeX
// year/month/day fields, and CSL date variables.
var dateFields = [][3]string{
	{"date", "", "issued"}, {"eventdate", "event", "event-date"},
	{"origdate", "orig", "original-date"}, {"urldate", "url", "accessed"},
}

// nameVars reads the name lists. A list ending in "and others" is
// recorded in Item.EtAl.
func (c *converter) nameVars() {
	editor := "editor"
	if strings.EqualFold(c.plain("editortype"), "director") {
		editor = "director"
	}
	for _, m := range nameFields {
		v, ok := c.e.get(m[0])
		if !ok {
			continue
		}
		if m[1] == "editor" {
			m[1] = editor
		}
		c.tex.unknown = c.tex.unknown[:0]
		list, etAl := c.tex.names(v)
		c.nameOptions(list)
		if old := c.it.Names[m[1]]; len(old) > 0 {
			c.it.Names[m[1]] = append(old, list...)
		} else if len(list) > 0 {
			c.it.Names[m[1]] = list // fresh from names: no copy needed
		}
		if etAl {
			if c.it.EtAl == nil {
				c.it.EtAl = map[string]bool{}
			}
			c.it.EtAl[m[1]] = true
		}
	}
}

// nameOptions applies BibLaTeX's options field to names: useprefix
// makes von a non-dropping particle, juniorcomma sets a comma before
// the suffix (as pandoc does).
func (c *converter) nameOptions(list []bib.Name) {
	useprefix, juniorcomma := c.option("useprefix"), c.option("juniorcomma")
	for i := range list {
		n := &list[i]
		if useprefix && n.DroppingParticle != "" {
			n.NonDroppingParticle, n.DroppingParticle = n.DroppingParticle, ""
		}
		if juniorcomma && n.Suffix != "" {
			n.CommaSuffix = true
		}
	}
}

// option reports whether BibLaTeX option name is on in the entry's
// options field ("useprefix", "useprefix=true").
func (c *converter) option(name string) bool {
	for o := range strings.SplitSeq(c.raw("options"), ",") {
		k, v, _ := strings.Cut(o, "=")
		if strings.EqualFold(strings.TrimSpace(k), name) {
			v = strings.ToLower(strings.TrimSpace(v))
			return v == "" || v == "true"
		}
	}
	return false
}

// dateVars reads issued (date, else year/month/day), event-date,
// original-date and accessed (urldate).
func (c *converter) dateVars() {
	for _, m := range dateFields {
		if v, ok := c.e.get(m[0]); ok {
			if d, ok := ParseDate(rawText(v)); ok {
				c.it.Dates[m[2]] = d
				continue
			}
			c.problem(c.e.fieldLine(m[0]), "entry %q: %s %q is not a date (YYYY-MM-DD); kept as written", c.e.key, m[0], v)
			c.it.Dates[m[2]] = bib.Date{Literal: c.plain(m[0])}
			continue
		}
		if d, ok := c.oldDate(m[1]); ok {
			c.it.Dates[m[2]] = d
		}
	}
	if d, ok := c.it.Dates["issued"]; ok && strings.EqualFold(d.Literal, "forthcoming") && !c.has("pubstate") {
		c.set("status", "forthcoming")
	}
}

// oldDate reads BibTeX's year, month and day fields (with a prefix:
// "eventyear", and BibLaTeX's endyear…). A year that is no number
// ("n.d.", "forthcoming") is a literal date.
func (c *converter) oldDate(prefix string) (bib.Date, bool) {
	f := oldDateFieldsOf(prefix)
	yf := f[0].year
	if !c.has(yf) {
		return bib.Date{}, false
	}
	var d bib.Date
	start, ok := c.dateParts(f[0])
	if !ok {
		return bib.Date{Literal: c.plain(yf)}, true
	}
	d.Parts = [][]int{start}
	if end, ok := c.dateParts(f[1]); ok && c.has(f[1].year) {
		d.Parts = append(d.Parts, end)
	}
	return d, true
}

// dateFieldNames are the names of a date's year, month and day fields.
type dateFieldNames struct{ year, month, day string }

func dateFieldsOf(p string) dateFieldNames {
	return dateFieldNames{p + "year", p + "month", p + "day"}
}

// oldDates are the fields of each prefix of dateFields, start and end,
// named once (not joined for every entry).
var oldDates = func() map[string][2]dateFieldNames {
	m := map[string][2]dateFieldNames{}
	for _, f := range dateFields {
		m[f[1]] = [2]dateFieldNames{dateFieldsOf(f[1]), dateFieldsOf(f[1] + "end")}
	}
	return m
}()

func oldDateFieldsOf(prefix string) [2]dateFieldNames {
	if f, ok := oldDates[prefix]; ok {
		return f
	}
	return [2]dateFieldNames{dateFieldsOf(prefix), dateFieldsOf(prefix + "end")}
}

func (c *converter) dateParts(f dateFieldNames) ([]int, bool) {
	y := strings.TrimSpace(c.plain(f.year))
	if len(y) > 1 && (strings.HasPrefix(y, "–") || strings.HasPrefix(y, "—")) {
		y = "-" + strings.TrimLeft(y, "–—")
	}
	year, err := strconv.Atoi(y)
	if err != nil {
		return nil, false
	}
	parts := append(make([]int, 0, 3), year) // room for month and day
	mf := f.month
	if m := c.plain(mf); m != "" {
		n, ok := parseMonth(m)
		if !ok {
			c.problem(c.e.fieldLine(mf), "entry %q: month %q is not a month; the date keeps only its year", c.e.key, m)
			return parts, true
		}
		parts = append(parts, n)
		if day, err := strconv.Atoi(strings.TrimSpace(c.plain(f.day))); err == nil {
			parts = append(parts, day)
		}
	}
	return parts, true
}
