package post

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redtide/edition/internal/lazy"
)

// Jekyll reads a post's date: with Ruby's Time.parse, whose date part is
// Date._parse: it finds a calendar date anywhere in the string, in any
// of the forms below, and a time of day and zone beside it. Only the
// calendar date is kept (as written, the zone not applied), so an edition
// is not shifted by a day across time zones. The forms, in the order
// Date._parse tries them (ext/date/date_parse.c):
//
//   - ISO 8601: 2021-04-07, 2021-04-07T10:00:00Z, 2021-04-07 10:00:00 +0200;
//   - a day and an English month name or abbreviation, either order:
//     7 April 2021, 7th Apr. 2021, April 7, 2021, Wed, 07 Apr 2021 …
//     (RFC 2822), 07-Apr-2021; a month and year alone is its first day;
//   - numbers joined by / or .: 2021/04/07 (year first), 07/04/2021 and
//     7.4.2021 (day, month, year: Ruby's reading, not the American one);
//   - eight digits: 20210407.
//
// A two-digit year is 19xx from 69, else 20xx, as Ruby completes it. A
// date that names an impossible day (2026-13-45, 31 April 2021) is an
// error, as Ruby's Time.parse raises one.

var (
	dateISO   = lazy.Regexp(`(?i)(?:^|[^\d-])([-+]?\d{4,})-(\d{1,2})-(\d{1,2})(?:$|[^\d])`)
	dateNum   = lazy.Regexp(`(?:^|[^\d])(\d{1,4})([/.])(\d{1,2})([/.])(\d{1,4})(?:$|[^\d])`)
	datePlain = lazy.Regexp(`^(\d{4})(\d{2})(\d{2})(?:T|$)`)
	monthRe   = `(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?`
	dayRe     = `(\d{1,2})(?:st|nd|rd|th)?`
	dateDMY   = lazy.Regexp(`(?i)(?:^|[^\d])` + dayRe + `[\s.,-]*` + `\b` + monthRe + `[\s.,-]*(\d{2,4})?\b`)
	dateMDY   = lazy.Regexp(`(?i)\b` + monthRe + `[\s.,-]*` + dayRe + `\b(?:[\s.,-]+(\d{4}|'\d{2}))?`)
	dateMY    = lazy.Regexp(`(?i)\b` + monthRe + `[\s.,-]+(\d{4})\b`)
)

var monthNum = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

// ParseDate reads a date as Jekyll does (see above).
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	y, m, d, ok := findDate(s)
	if !ok {
		return time.Time{}, fmt.Errorf("%q is not a date (want YYYY-MM-DD, optionally with a time, or a date such as 7 April 2021)", s)
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if m < 1 || m > 12 || d < 1 || t.Day() != d {
		return time.Time{}, fmt.Errorf("%q names no day of the calendar", s)
	}
	return t, nil
}

// findDate returns the year, month and day written in s.
func findDate(s string) (y, m, d int, ok bool) {
	if g := dateISO().FindStringSubmatch(s); g != nil {
		return atoi(g[1]), atoi(g[2]), atoi(g[3]), true
	}
	if g := datePlain().FindStringSubmatch(s); g != nil {
		return atoi(g[1]), atoi(g[2]), atoi(g[3]), true
	}
	if g := dateDMY().FindStringSubmatch(s); g != nil && g[3] != "" {
		return year(g[3]), monthNum[strings.ToLower(g[2])], atoi(g[1]), true
	}
	if g := dateMDY().FindStringSubmatch(s); g != nil && g[3] != "" {
		return year(g[3]), monthNum[strings.ToLower(g[1])], atoi(g[2]), true
	}
	if g := dateMY().FindStringSubmatch(s); g != nil {
		return year(g[2]), monthNum[strings.ToLower(g[1])], 1, true
	}
	if g := dateNum().FindStringSubmatch(s); g != nil && g[2] == g[4] {
		a, b, c := g[1], g[3], g[5]
		if len(a) > 2 { // year first: 2021/04/07
			return year(a), atoi(b), atoi(c), true
		}
		return year(c), atoi(b), atoi(a), true // 07/04/2021, 7.4.21: day, month, year
	}
	return 0, 0, 0, false
}

func atoi(s string) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(s, "+"))
	return n
}

// year completes a two-digit year as Ruby's Date._parse does.
func year(s string) int {
	s = strings.TrimPrefix(s, "'")
	n := atoi(s)
	if len(s) == 2 {
		if n >= 69 {
			return 1900 + n
		}
		return 2000 + n
	}
	return n
}
