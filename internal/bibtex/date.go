package bibtex

import (
	"strconv"
	"strings"

	"github.com/redtide/edition/internal/bib"
)

// ParseDate reads a BibLaTeX date field (ISO 8601 / EDTF level 1, as
// biber reads it): "2020", "2020-03", "2020-03-07", ranges "2020/2021"
// and open ones "2020/..", approximate "2020~" or "2020?", seasons
// "2020-21" (spring) to "2020-24" (winter), years before the era "-0044".
// ok is false when s is not such a date. CSL-JSON's "raw" dates and
// CSL-YAML's plain dates are read the same way.
func ParseDate(s string) (d bib.Date, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return d, false
	}
	if strings.HasSuffix(s, "~") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "%") {
		d.Circa = true
		s = strings.TrimRight(s, "~?%")
	}
	ends := strings.Split(s, "/")
	if len(ends) > 2 {
		return bib.Date{}, false
	}
	for i, e := range ends {
		e = strings.TrimSpace(e)
		if (e == "" || e == "..") && i > 0 {
			d.Parts = append(d.Parts, []int{0})
			continue
		}
		if (e == "" || e == "..") && i == 0 && len(ends) == 2 {
			d.Parts = append(d.Parts, []int{0})
			continue
		}
		if strings.HasSuffix(e, "~") || strings.HasSuffix(e, "?") {
			d.Circa = true
			e = strings.TrimRight(e, "~?%")
		}
		parts, season, ok := isoDate(e)
		if !ok {
			return bib.Date{}, false
		}
		if season != 0 {
			d.Season = season
		}
		d.Parts = append(d.Parts, parts)
	}
	return d, true
}

// isoDate reads [-]YYYY[-MM[-DD]], with an optional time after "T".
func isoDate(s string) (parts []int, season int, ok bool) {
	if i := strings.IndexByte(s, 'T'); i > 0 {
		s = s[:i]
	}
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	fs := strings.Split(s, "-")
	if len(fs) > 3 || len(fs[0]) < 1 || len(fs[0]) > 4 && !neg {
		return nil, 0, false
	}
	for i, f := range fs {
		n, err := strconv.Atoi(f)
		if err != nil || n < 0 || f == "" {
			return nil, 0, false
		}
		switch {
		case i == 1 && n >= 21 && n <= 24 && len(fs) == 2:
			season = n - 20
			continue
		case i == 1 && (n < 1 || n > 12), i == 2 && (n < 1 || n > 31):
			return nil, 0, false
		}
		parts = append(parts, n)
	}
	if neg {
		parts[0] = -parts[0]
	}
	return parts, season, true
}

var monthNames = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}

// parseMonth reads a month field: a number, an English name or its
// first three letters (the macros jan…dec expand to full names).
func parseMonth(s string) (int, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "."))
	if n, err := strconv.Atoi(s); err == nil {
		return n, n >= 1 && n <= 12
	}
	l := strings.ToLower(s)
	if n, ok := monthNames[l]; ok {
		return n, true
	}
	if len(l) >= 3 {
		for name, n := range monthNames {
			if strings.HasPrefix(name, l) {
				return n, true
			}
		}
	}
	return 0, false
}
