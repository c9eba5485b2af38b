package csl

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/redtide/edition/internal/bib"
)

// readCSLJSON is a small CSL-JSON reader for the tests: the fixtures'
// INPUT sections. The production reader lives in the database package.
func readCSLJSON(data []byte) ([]*bib.Item, error) {
	var raw []map[string]any
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, err
	}
	var items []*bib.Item
	for _, r := range raw {
		it := &bib.Item{Vars: map[string]string{}, Names: map[string][]bib.Name{}, Dates: map[string]bib.Date{}}
		for k, v := range r {
			switch k {
			case "id":
				it.ID = scalar(v)
			case "type":
				it.Type = scalar(v)
			default:
				readField(it, k, v)
			}
		}
		items = append(items, it)
	}
	return items, nil
}

func readField(it *bib.Item, k string, v any) {
	switch t := v.(type) {
	case []any:
		for _, n := range t {
			if m, ok := n.(map[string]any); ok {
				it.Names[k] = append(it.Names[k], readName(m))
			}
		}
	case map[string]any:
		it.Dates[k] = readDate(t)
	default:
		if s := scalar(v); s != "" {
			it.Vars[k] = s
		}
	}
}

func scalar(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(t)
	}
	return ""
}

func readName(m map[string]any) bib.Name {
	n := bib.Name{
		Family: scalar(m["family"]), Given: scalar(m["given"]),
		DroppingParticle: scalar(m["dropping-particle"]), NonDroppingParticle: scalar(m["non-dropping-particle"]),
		Suffix: scalar(m["suffix"]), Literal: scalar(m["literal"]),
	}
	n.CommaSuffix = m["comma-suffix"] == true || m["comma-suffix"] == "true"
	n.StaticOrdering = m["static-ordering"] == true
	if n.Family != "" && n.Given == "" && m["isInstitution"] != nil {
		n.Literal, n.Family = n.Family, ""
	}
	return n
}

func readDate(m map[string]any) bib.Date {
	var d bib.Date
	if dp, ok := m["date-parts"].([]any); ok {
		for _, p := range dp {
			ps, _ := p.([]any)
			var ints []int
			for _, x := range ps {
				n, err := strconv.Atoi(strings.TrimSpace(scalar(x)))
				if err != nil {
					break
				}
				ints = append(ints, n)
			}
			if len(ints) > 0 && ints[0] != 0 {
				d.Parts = append(d.Parts, ints)
			}
		}
	}
	if raw := scalar(m["raw"]); raw != "" && len(d.Parts) == 0 {
		d.Parts = parseRawDate(raw)
		if d.Parts == nil {
			d.Literal = raw
		}
	}
	d.Literal = firstNonEmpty(scalar(m["literal"]), d.Literal)
	if s, err := strconv.Atoi(scalar(m["season"])); err == nil {
		d.Season = s
	}
	d.Circa = m["circa"] != nil && m["circa"] != false && m["circa"] != "" && m["circa"] != float64(0)
	return d
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func parseRawDate(raw string) [][]int {
	var out [][]int
	for _, half := range strings.Split(raw, "/") {
		var ints []int
		for _, f := range strings.Split(strings.TrimSpace(half), "-") {
			n, err := strconv.Atoi(f)
			if err != nil {
				return nil
			}
			ints = append(ints, n)
		}
		out = append(out, ints)
	}
	return out
}

// citeJSON is a cite as the fixtures write it.
type citeJSON struct {
	ID             any    `json:"id"`
	Locator        any    `json:"locator"`
	Label          string `json:"label"`
	Prefix         string `json:"prefix"`
	Suffix         string `json:"suffix"`
	SuppressAuthor bool   `json:"suppress-author"`
	AuthorOnly     bool   `json:"author-only"`
	Position       *int   `json:"position"`
	Type           string `json:"type"` // citeproc's "author-only", "suppress-author"
}

func (c citeJSON) cite() Cite {
	return Cite{ID: fmt.Sprint(scalar(c.ID)), Locator: scalar(c.Locator), Label: c.Label,
		Prefix: c.Prefix, Suffix: c.Suffix,
		SuppressAuthor: c.SuppressAuthor || c.Type == "suppress-author", AuthorOnly: c.AuthorOnly || c.Type == "author-only",
		fixedPos: fixedPos(c.Position)}
}

func fixedPos(p *int) int {
	if p == nil {
		return 0
	}
	return *p + 1
}
