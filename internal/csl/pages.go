package csl

import (
	"strconv"
	"strings"

	"github.com/redtide/edition/internal/lazy"
)

var (
	rangeRe    = lazy.Regexp(`^([[:alpha:]]*)(\d+)\s*(?:-+|–|—)\s*([[:alpha:]]*)(\d+)$`)
	rangeSepRe = lazy.Regexp(`\s*([,&])\s*`)
)

// formatRange writes a page or locator range with an en dash, shortened or
// expanded as the style's page-range-format says (pages only).
func (c *ctx) formatRange(name, v string) string {
	format := ""
	if name == "page" {
		format = c.p.style.pageRange
	}
	if !strings.ContainsAny(v, ",&") {
		return rangePart(v, format)
	}
	parts := rangeSepRe().Split(v, -1)
	seps := rangeSepRe().FindAllString(v, -1)
	var b strings.Builder
	for i, p := range parts {
		b.WriteString(rangePart(p, format))
		if i < len(seps) {
			sep := strings.TrimSpace(seps[i])
			if sep == "&" {
				b.WriteString(" & ")
			} else {
				b.WriteString(sep + " ")
			}
		}
	}
	return b.String()
}

func rangePart(p, format string) string {
	if !strings.ContainsAny(p, "-–—") {
		return p
	}
	m := rangeRe().FindStringSubmatch(p)
	if m == nil {
		if strings.Count(p, "-") == 1 && !strings.Contains(p, " ") {
			return strings.Replace(p, "-", "–", 1)
		}
		return p
	}
	if m[1] != m[3] || format == "" {
		return m[1] + m[2] + "–" + m[3] + m[4]
	}
	first, last := m[2], m[4]
	if len(last) < len(first) {
		last = first[:len(first)-len(last)] + last
	}
	return m[1] + first + "–" + m[3] + shortenRange(first, last, format)
}

func shortenRange(first, last, format string) string {
	if len(first) != len(last) {
		return last
	}
	n, _ := strconv.Atoi(first)
	switch format {
	case "expanded":
		return last
	case "minimal":
		return minimalDigits(first, last, 1)
	case "minimal-two":
		return minimalDigits(first, last, 2)
	case "chicago", "chicago-15", "chicago-16":
		if n < 100 || n%100 == 0 {
			return last
		}
		if n%100 < 10 {
			return minimalDigits(first, last, 1)
		}
		short := minimalDigits(first, last, 2)
		if format != "chicago-16" && len(first) == 4 && len(short) >= 3 {
			return last
		}
		return short
	}
	return last
}

// minimalDigits drops the leading digits last shares with first, keeping
// at least keep digits.
func minimalDigits(first, last string, keep int) string {
	i := 0
	for i < len(first) && first[i] == last[i] {
		i++
	}
	if len(last)-i < keep {
		i = len(last) - keep
	}
	if i < 0 {
		i = 0
	}
	return last[i:]
}
