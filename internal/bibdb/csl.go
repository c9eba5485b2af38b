package bibdb

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/redtide/edition/internal/bib"
	"github.com/redtide/edition/internal/bibtex"
)

// nameVars are CSL 1.0.2's name variables.
var nameVars = set("author", "chair", "collection-editor", "compiler", "composer", "container-author",
	"contributor", "curator", "director", "editor", "editorial-director", "editor-translator",
	"executive-producer", "guest", "host", "illustrator", "interviewer", "narrator", "organizer",
	"original-author", "performer", "producer", "recipient", "reviewed-author", "script-writer",
	"series-creator", "translator")

// dateVars are CSL 1.0.2's date variables.
var dateVars = set("accessed", "available-date", "event-date", "issued", "original-date", "submitted")

// upperVars are the variables CSL spells in capitals; CSL-JSON in the
// wild often has them in lower case.
var upperVars = map[string]string{"doi": "DOI", "url": "URL", "isbn": "ISBN", "issn": "ISSN", "pmid": "PMID", "pmcid": "PMCID"}

// plainVars are never read as Markdown: identifiers and codes.
var plainVars = set("DOI", "URL", "ISBN", "ISSN", "PMID", "PMCID", "citation-key", "language", "call-number")

func set(xs ...string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// reader converts decoded CSL-JSON or CSL-YAML items. markdown is set
// for YAML, whose text pandoc reads as Markdown.
type reader struct {
	file     string
	markdown bool
	prob     []Problem
}

func (r *reader) problem(line int, format string, args ...any) {
	r.prob = append(r.prob, Problem{Pos: bib.Pos{File: r.file, Line: line}, Msg: fmt.Sprintf(format, args...)})
}

// item reads one item; nil when it has no id.
func (r *reader) item(line int, v any) *bib.Item {
	m, ok := v.(map[string]any)
	if !ok {
		r.problem(line, "a reference must be a mapping of CSL variables, not %s", kind(v))
		return nil
	}
	id := scalar(m["id"])
	if id == "" {
		r.problem(line, "a reference without an id is left out")
		return nil
	}
	it := &bib.Item{ID: id, Type: scalar(m["type"]), Vars: map[string]string{},
		Names: map[string][]bib.Name{}, Dates: map[string]bib.Date{}, Pos: bib.Pos{File: r.file, Line: line}}
	if it.Type == "" {
		it.Type = "document"
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		r.variable(it, k, m[k])
	}
	return it
}

// variable sets one CSL variable of it.
func (r *reader) variable(it *bib.Item, k string, v any) {
	switch {
	case k == "id" || k == "type" || v == nil:
	case nameVars[k]:
		ns := r.names(it, k, v)
		if n := len(ns); n > 0 && ns[n-1].Literal == "others" {
			// pandoc writes BibTeX's "and others" so; citeproc renders it
			// as et al.
			ns = ns[:n-1]
			if it.EtAl == nil {
				it.EtAl = map[string]bool{}
			}
			it.EtAl[k] = true
		}
		if len(ns) > 0 {
			it.Names[k] = ns
		}
	case dateVars[k]:
		if d, ok := r.date(it, k, v); ok {
			it.Dates[k] = d
		}
	default:
		if u, ok := upperVars[k]; ok {
			k = u
		}
		s := scalar(v)
		if list, ok := v.([]any); ok {
			parts := make([]string, 0, len(list))
			for _, x := range list {
				if t := scalar(x); t != "" {
					parts = append(parts, t)
				}
			}
			s = strings.Join(parts, ", ")
		}
		if s != "" {
			if r.markdown && !plainVars[k] {
				s = markdown(s)
			}
			it.Vars[k] = s
		}
	}
}

// names reads a list of CSL names; a single name or a string (a literal)
// are accepted too.
func (r *reader) names(it *bib.Item, k string, v any) []bib.Name {
	list, ok := v.([]any)
	if !ok {
		list = []any{v}
	}
	var out []bib.Name
	for _, x := range list {
		switch n := x.(type) {
		case string:
			out = append(out, bib.Name{Literal: n})
		case map[string]any:
			name := bib.Name{
				Family: scalar(n["family"]), Given: scalar(n["given"]),
				DroppingParticle: scalar(n["dropping-particle"]), NonDroppingParticle: scalar(n["non-dropping-particle"]),
				Suffix: scalar(n["suffix"]), CommaSuffix: truthy(n["comma-suffix"]),
				StaticOrdering: truthy(n["static-ordering"]), Literal: scalar(n["literal"]),
			}
			if name == (bib.Name{}) {
				r.problem(it.Pos.Line, "reference %q: an empty name in %s is left out", it.ID, k)
				continue
			}
			out = append(out, name)
		default:
			r.problem(it.Pos.Line, "reference %q: %s holds %s, not a name", it.ID, k, kind(x))
		}
	}
	return out
}

// date reads a CSL date: {"date-parts": [[y, m, d], ...]} with season,
// circa, literal or raw; pandoc's {year: 2020, month: 3}; an EDTF string
// ("2020-03-07", "2020/2021"); a bare year; or a YAML timestamp.
func (r *reader) date(it *bib.Item, k string, v any) (bib.Date, bool) {
	switch x := v.(type) {
	case time.Time:
		return bib.Date{Parts: [][]int{{x.Year(), int(x.Month()), x.Day()}}}, true
	case map[string]any:
		return r.dateMap(it, k, x)
	case []any:
		var d bib.Date
		for _, e := range x {
			if m, ok := e.(map[string]any); ok {
				if p, ok := r.dateMap(it, k, m); ok && len(p.Parts) > 0 {
					d.Parts = append(d.Parts, p.Parts[0])
				}
			}
		}
		return d, len(d.Parts) > 0
	}
	s := scalar(v)
	if s == "" {
		return bib.Date{}, false
	}
	if d, ok := bibtex.ParseDate(s); ok {
		return d, true
	}
	return bib.Date{Literal: s}, true
}

func (r *reader) dateMap(it *bib.Item, k string, m map[string]any) (bib.Date, bool) {
	d := bib.Date{Circa: truthy(m["circa"]), Literal: scalar(m["literal"])}
	if s, err := strconv.Atoi(scalar(m["season"])); err == nil && s >= 1 && s <= 4 {
		d.Season = s
	}
	if dp, ok := m["date-parts"].([]any); ok {
		for _, p := range dp {
			parts, ok := intList(p)
			if !ok {
				// Some exporters write [["2020-03-07"]].
				if l, _ := p.([]any); len(l) == 1 {
					if pd, ok := bibtex.ParseDate(scalar(l[0])); ok {
						d.Parts = append(d.Parts, pd.Parts...)
						continue
					}
				}
				r.problem(it.Pos.Line, "reference %q: %s date-parts %v are not numbers", it.ID, k, p)
				continue
			}
			if len(parts) > 0 {
				d.Parts = append(d.Parts, parts)
			}
		}
	} else if y, err := strconv.Atoi(scalar(m["year"])); err == nil {
		part := []int{y}
		for _, f := range []string{"month", "day"} {
			n, err := strconv.Atoi(scalar(m[f]))
			if err != nil {
				break
			}
			part = append(part, n)
		}
		d.Parts = [][]int{part}
	}
	if raw := scalar(m["raw"]); len(d.Parts) == 0 && d.Literal == "" && raw != "" {
		if p, ok := bibtex.ParseDate(raw); ok {
			p.Circa = p.Circa || d.Circa
			return p, true
		}
		d.Literal = raw
	}
	return d, len(d.Parts) > 0 || d.Literal != ""
}

// intList reads [2020, "3", 7].
func intList(v any) ([]int, bool) {
	list, ok := v.([]any)
	if !ok {
		return nil, false
	}
	out := make([]int, 0, len(list))
	for _, x := range list {
		s := scalar(x)
		if s == "" {
			break
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			return nil, false
		}
		out = append(out, n)
	}
	return out, true
}

// scalar formats a string, number or boolean as CSL text; "" otherwise.
func scalar(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case json.Number:
		return x.String()
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case uint64:
		return strconv.FormatUint(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		return x.Format("2006-01-02")
	}
	return ""
}

func truthy(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case string:
		return x == "true" || x == "1"
	}
	return scalar(v) == "1"
}

func kind(v any) string {
	switch v.(type) {
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	case nil:
		return "nothing"
	}
	return fmt.Sprintf("%q", scalar(v))
}
