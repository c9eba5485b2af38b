package model

import "strings"

// WalkBlocks calls f for every block, depth first, in reading order.
func WalkBlocks(blocks []Block, f func(Block)) {
	for _, b := range blocks {
		f(b)
		switch t := b.(type) {
		case *Quote:
			WalkBlocks(t.Blocks, f)
		case *List:
			for _, it := range t.Items {
				WalkBlocks(it.Blocks, f)
			}
		}
	}
}

// WalkInlinesInBlocks calls f for every inline in blocks, in reading
// order, including table cells and captions.
func WalkInlinesInBlocks(blocks []Block, f func(Inline)) {
	WalkBlocks(blocks, func(b Block) {
		switch t := b.(type) {
		case *Paragraph:
			WalkInlines(t.Inlines, f)
		case *Heading:
			WalkInlines(t.Inlines, f)
		case *Figure:
			WalkInlines(t.Caption, f)
		case *Table:
			WalkInlines(t.Caption, f)
			for _, c := range t.Header {
				WalkInlines(c.Inlines, f)
			}
			for _, r := range t.Rows {
				for _, c := range r {
					WalkInlines(c.Inlines, f)
				}
			}
		}
	})
}

// WalkInlines calls f for every inline, depth first.
func WalkInlines(ins []Inline, f func(Inline)) {
	for _, in := range ins {
		f(in)
		if c := Children(in); c != nil {
			WalkInlines(*c, f)
		}
	}
}

// Children returns the child list of a container inline (emphasis, link,
// ...), or nil for a leaf, so code that rewrites inlines needs no list of
// container types of its own.
func Children(in Inline) *[]Inline {
	switch t := in.(type) {
	case *Emph:
		return &t.Inlines
	case *Strong:
		return &t.Inlines
	case *Strike:
		return &t.Inlines
	case *Sup:
		return &t.Inlines
	case *Sub:
		return &t.Inlines
	case *Link:
		return &t.Inlines
	case *Lang:
		return &t.Inlines
	case *SmallCaps:
		return &t.Inlines
	case *CiteRef:
		return &t.Inlines
	}
	return nil
}

// WalkArticle calls f for every inline of an article in reading order:
// body, bibliography, then notes in number order.
func WalkArticle(a *Article, f func(Inline)) {
	WalkInlinesInBlocks(a.Blocks, f)
	if a.Bibliography != nil {
		for _, e := range a.Bibliography.Entries {
			WalkInlines(e.Group, f)
			WalkInlines(e.Inlines, f)
		}
	}
	for _, n := range a.Notes {
		WalkInlinesInBlocks(n.Blocks, f)
	}
}

// PlainText flattens inlines to their text, without markup; line breaks
// become spaces.
func PlainText(ins []Inline) string {
	if len(ins) == 1 {
		if t, ok := ins[0].(*Text); ok {
			return strings.TrimSpace(t.Text) // the common case, without a copy
		}
	}
	var b strings.Builder
	WalkInlines(ins, func(in Inline) {
		switch t := in.(type) {
		case *Text:
			b.WriteString(t.Text)
		case *Code:
			b.WriteString(t.Text)
		case *Math:
			b.WriteString(t.TeX)
		case *LineBreak:
			b.WriteString(" ")
		}
	})
	return strings.TrimSpace(b.String())
}
