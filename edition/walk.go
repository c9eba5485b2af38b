package edition

import "github.com/redtide/edition/doc"

// walkBlocks calls f for every block, depth first, in reading order.
func walkBlocks(blocks []doc.Block, f func(doc.Block)) {
	for _, b := range blocks {
		f(b)
		switch t := b.(type) {
		case *doc.Quote:
			walkBlocks(t.Blocks, f)
		case *doc.List:
			for _, it := range t.Items {
				walkBlocks(it.Blocks, f)
			}
		}
	}
}

// walkInlinesInBlocks calls f for every inline in blocks, in reading
// order, including table cells and captions.
func walkInlinesInBlocks(blocks []doc.Block, f func(doc.Inline)) {
	walkBlocks(blocks, func(b doc.Block) {
		switch t := b.(type) {
		case *doc.Paragraph:
			walkInlines(t.Inlines, f)
		case *doc.Heading:
			walkInlines(t.Inlines, f)
		case *doc.Figure:
			walkInlines(t.Caption, f)
		case *doc.Table:
			for _, c := range t.Header {
				walkInlines(c.Inlines, f)
			}
			for _, r := range t.Rows {
				for _, c := range r {
					walkInlines(c.Inlines, f)
				}
			}
		}
	})
}

func walkInlines(ins []doc.Inline, f func(doc.Inline)) {
	for _, in := range ins {
		f(in)
		switch t := in.(type) {
		case *doc.Emph:
			walkInlines(t.Inlines, f)
		case *doc.Strong:
			walkInlines(t.Inlines, f)
		case *doc.Strike:
			walkInlines(t.Inlines, f)
		case *doc.Sup:
			walkInlines(t.Inlines, f)
		case *doc.Sub:
			walkInlines(t.Inlines, f)
		case *doc.Link:
			walkInlines(t.Inlines, f)
		}
	}
}
