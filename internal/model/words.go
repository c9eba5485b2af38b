package model

import (
	"fmt"
	"github.com/redtide/edition/internal/lang"
	"strings"
	"time"
)

// The words renderers print around the content (bylines, dates, the notes
// heading) come from package lang's table, in the article's language, so
// the PDF and the EPUB say the same thing.

// Byline is "By A", "By A and B", "By A, B and C", in lang; "" for no
// authors.
func Byline(authors []string, tag string) string { return lang.For(tag).Byline(authors) }

// JoinNames joins names as a sentence would: "A", "A and B", "A, B and C".
func JoinNames(names []string, tag string) string { return lang.For(tag).JoinNames(names) }

// NotesHeading is the heading of an article's notes in lang.
func NotesHeading(tag string) string { return lang.For(tag).Words.Notes }

// LongDate formats a date for readers in lang, e.g. "25 November 2026",
// "25. November 2026", "25 de noviembre de 2026".
func LongDate(t time.Time, tag string) string { return lang.For(tag).LongDate(t) }

// ArticleLang is the language an article is written in: its own, or the
// edition's.
func ArticleLang(ed *Edition, a *Article) string {
	if a.Language != "" {
		return a.Language
	}
	return ed.Language
}

// IssueLabel is "Vol. 3, No. 12" in the edition's language, or the part
// of it that is set.
func IssueLabel(ed *Edition) string {
	var parts []string
	w := lang.For(ed.Language).Words
	if ed.Volume > 0 {
		parts = append(parts, fmt.Sprintf("%s %d", w.Volume, ed.Volume))
	}
	if ed.Number > 0 {
		parts = append(parts, fmt.Sprintf("%s %d", w.Number, ed.Number))
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
