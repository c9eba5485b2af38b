package edition

import (
	"strings"
	"unicode"

	"github.com/redtide/edition/doc"
)

// bibTitles are the headings real posts use to introduce the works they
// cite, compared lower-case without trailing punctuation.
var bibTitles = map[string]bool{
	"bibliography": true, "references": true, "works cited": true, "sources": true,
	"source": true, "further reading": true, "references and related works": true,
	"works consulted": true, "selected bibliography": true, "sources cited": true,
	"reference list": true, "citations": true, "literature": true, "select bibliography": true,
	"bibliografía": true, "bibliographie": true, "literaturverzeichnis": true, "quellen": true,
	"literatur": true, "fuentes": true, "referencias": true, "список литературы": true,
}

// splitBibliography finds a trailing bibliography: a heading, or a
// paragraph that is nothing but the title (possibly bold or italic, with a
// colon), followed only by lists and paragraphs. It returns the
// bibliography and the blocks before it.
func splitBibliography(blocks []doc.Block) (*doc.Bibliography, []doc.Block) {
	for i := len(blocks) - 1; i >= 0; i-- {
		title, ok := bibMarker(blocks[i])
		if !ok {
			switch blocks[i].(type) {
			case *doc.List, *doc.Paragraph, *doc.Rule:
				continue
			}
			return nil, blocks
		}
		bib := &doc.Bibliography{Title: title}
		rest := blocks[i+1:]
		lists := 0
		for _, b := range rest {
			switch t := b.(type) {
			case *doc.List:
				lists++
				bib.Ordered = bib.Ordered || t.Ordered
				for _, it := range t.Items {
					addEntries(bib, it.Blocks)
				}
			case *doc.Paragraph:
				addEntries(bib, []doc.Block{t})
			}
		}
		if len(bib.Entries) == 0 {
			return nil, blocks
		}
		if lists == 0 {
			bib.Ordered = false
		}
		body := blocks[:i]
		// A rule right before the bibliography only separated it.
		if n := len(body); n > 0 {
			if _, ok := body[n-1].(*doc.Rule); ok {
				body = body[:n-1]
			}
		}
		return bib, body
	}
	return nil, blocks
}

// addEntries turns the blocks of one list item (or one paragraph) into
// entries. A paragraph whose lines are separated by hard breaks holds one
// entry per line; nested lists add their own entries.
func addEntries(bib *doc.Bibliography, blocks []doc.Block) {
	var cur []doc.Inline
	flush := func() {
		if len(cur) > 0 {
			bib.Entries = append(bib.Entries, &doc.BibEntry{Inlines: cur})
			cur = nil
		}
	}
	for _, b := range blocks {
		switch t := b.(type) {
		case *doc.Paragraph:
			if len(cur) > 0 {
				cur = append(cur, &doc.Text{Text: " "})
			}
			for _, in := range t.Inlines {
				if _, ok := in.(*doc.LineBreak); ok {
					flush()
					continue
				}
				cur = append(cur, in)
			}
		case *doc.List:
			flush()
			for _, it := range t.Items {
				addEntries(bib, it.Blocks)
			}
		case *doc.Quote:
			addEntries(bib, t.Blocks)
		}
	}
	flush()
}

func bibMarker(b doc.Block) (string, bool) {
	var ins []doc.Inline
	switch t := b.(type) {
	case *doc.Heading:
		ins = t.Inlines
	case *doc.Paragraph:
		ins = t.Inlines
		// Only a paragraph that is the title alone, perhaps wrapped in
		// emphasis: "**Sources:**", "_BIBLIOGRAPHY_", "References".
		for len(ins) == 1 {
			switch w := ins[0].(type) {
			case *doc.Strong:
				ins = w.Inlines
				continue
			case *doc.Emph:
				ins = w.Inlines
				continue
			}
			break
		}
		for _, in := range ins {
			if _, ok := in.(*doc.Text); !ok {
				return "", false
			}
		}
	default:
		return "", false
	}
	title := strings.TrimSpace(doc.PlainText(ins))
	key := strings.ToLower(strings.TrimRightFunc(title, func(r rune) bool {
		return unicode.IsPunct(r) || unicode.IsSpace(r)
	}))
	if !bibTitles[key] {
		return "", false
	}
	title = strings.TrimRight(title, ": ")
	if title == strings.ToUpper(title) {
		// "BIBLIOGRAPHY" set in capitals by the author: the renderers
		// choose the case.
		r := []rune(strings.ToLower(title))
		r[0] = unicode.ToUpper(r[0])
		title = string(r)
	}
	return title, true
}
