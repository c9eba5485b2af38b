package edition

import (
	"strings"
	"unicode"

	"github.com/redtide/edition/internal/model"
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
func splitBibliography(blocks []model.Block) (*model.Bibliography, []model.Block) {
	for i := len(blocks) - 1; i >= 0; i-- {
		title, ok := bibMarker(blocks[i])
		if !ok {
			switch blocks[i].(type) {
			case *model.List, *model.Paragraph, *model.Rule:
				continue
			}
			return nil, blocks
		}
		bib := &model.Bibliography{Title: title}
		rest := blocks[i+1:]
		lists := 0
		for _, b := range rest {
			switch t := b.(type) {
			case *model.List:
				lists++
				bib.Ordered = bib.Ordered || t.Ordered
				for _, it := range t.Items {
					addEntries(bib, it.Blocks)
				}
			case *model.Paragraph:
				addEntries(bib, []model.Block{t})
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
			if _, ok := body[n-1].(*model.Rule); ok {
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
func addEntries(bib *model.Bibliography, blocks []model.Block) {
	var cur []model.Inline
	flush := func() {
		if len(cur) > 0 {
			bib.Entries = append(bib.Entries, &model.BibEntry{Inlines: cur})
			cur = nil
		}
	}
	for _, b := range blocks {
		switch t := b.(type) {
		case *model.Paragraph:
			if len(cur) > 0 {
				cur = append(cur, &model.Text{Text: " "})
			}
			for _, in := range t.Inlines {
				if _, ok := in.(*model.LineBreak); ok {
					flush()
					continue
				}
				cur = append(cur, in)
			}
		case *model.List:
			flush()
			for _, it := range t.Items {
				addEntries(bib, it.Blocks)
			}
		case *model.Quote:
			addEntries(bib, t.Blocks)
		}
	}
	flush()
}

func bibMarker(b model.Block) (string, bool) {
	var ins []model.Inline
	switch t := b.(type) {
	case *model.Heading:
		ins = t.Inlines
	case *model.Paragraph:
		ins = t.Inlines
		// Only a paragraph that is the title alone, perhaps wrapped in
		// emphasis: "**Sources:**", "_BIBLIOGRAPHY_", "References".
		for len(ins) == 1 {
			switch w := ins[0].(type) {
			case *model.Strong:
				ins = w.Inlines
				continue
			case *model.Emph:
				ins = w.Inlines
				continue
			}
			break
		}
		for _, in := range ins {
			if _, ok := in.(*model.Text); !ok {
				return "", false
			}
		}
	default:
		return "", false
	}
	title := strings.TrimSpace(model.PlainText(ins))
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
