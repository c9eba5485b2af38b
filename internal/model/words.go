package model

import (
	"fmt"
	"strings"
	"time"
)

// The words renderers print around the content (bylines, dates, the notes
// heading) come from here, in the article's language, so the PDF and the
// EPUB say the same thing.

// baseLang is the primary subtag of a BCP 47 tag, lower-cased: "de-AT" → "de".
func baseLang(lang string) string {
	l, _, _ := strings.Cut(strings.ToLower(lang), "-")
	return l
}

// Byline is "By A", "By A and B", "By A, B and C", in lang; "" for no
// authors.
func Byline(authors []string, lang string) string {
	if len(authors) == 0 {
		return ""
	}
	by := map[string]string{"de": "Von", "es": "Por", "fr": "Par"}[baseLang(lang)]
	if by == "" {
		by = "By"
	}
	return by + " " + JoinNames(authors, lang)
}

// JoinNames joins names as a sentence would: "A", "A and B", "A, B and C".
func JoinNames(names []string, lang string) string {
	and := map[string]string{"de": "und", "es": "y", "fr": "et"}[baseLang(lang)]
	if and == "" {
		and = "and"
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + and + " " + names[len(names)-1]
}

// NotesHeading is the heading of an article's notes in lang.
func NotesHeading(lang string) string {
	if h := map[string]string{"de": "Anmerkungen", "es": "Notas"}[baseLang(lang)]; h != "" {
		return h
	}
	return "Notes"
}

// LongDate formats a date for readers in lang, e.g. "25 November 2026",
// "25. November 2026", "25 de noviembre de 2026".
func LongDate(t time.Time, lang string) string {
	switch baseLang(lang) {
	case "de":
		months := []string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"}
		return fmt.Sprintf("%d. %s %d", t.Day(), months[t.Month()-1], t.Year())
	case "es":
		months := []string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"}
		return fmt.Sprintf("%d de %s de %d", t.Day(), months[t.Month()-1], t.Year())
	}
	return t.Format("2 January 2006")
}

// ArticleLang is the language an article is written in: its own, or the
// edition's.
func ArticleLang(ed *Edition, a *Article) string {
	if a.Language != "" {
		return a.Language
	}
	return ed.Language
}

// IssueLabel is "Vol. 3, No. 12", or the part of it that is set.
func IssueLabel(ed *Edition) string {
	var parts []string
	if ed.Volume > 0 {
		parts = append(parts, fmt.Sprintf("Vol. %d", ed.Volume))
	}
	if ed.Number > 0 {
		parts = append(parts, fmt.Sprintf("No. %d", ed.Number))
	}
	return strings.Join(parts, ", ")
}

// Distinct returns the strings f gives for each article of the edition,
// each once, in order of first appearance (authors, tags).
func Distinct(ed *Edition, f func(*Article) []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range ed.Sections {
		for _, a := range s.Articles {
			for _, v := range f(a) {
				if !seen[v] {
					seen[v] = true
					out = append(out, v)
				}
			}
		}
	}
	return out
}
