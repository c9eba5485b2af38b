package typo

import "github.com/redtide/edition/internal/model"

// InLang wraps inlines in a passage of language tag ("" leaves them).
func InLang(tag string, ins []model.Inline) []model.Inline {
	if tag == "" || len(ins) == 0 {
		return ins
	}
	return []model.Inline{&model.Lang{Tag: tag, Inlines: ins}}
}

// BlocksInLang puts the text of blocks in language tag: each run of
// inlines (paragraphs, headings, list items, quotes, captions, cells).
func BlocksInLang(tag string, bs []model.Block) []model.Block {
	if tag == "" {
		return bs
	}
	wrap := func(ins *[]model.Inline) { *ins = InLang(tag, *ins) }
	model.WalkBlocks(bs, func(b model.Block) {
		switch t := b.(type) {
		case *model.Paragraph:
			wrap(&t.Inlines)
		case *model.Heading:
			wrap(&t.Inlines)
		case *model.Figure:
			wrap(&t.Caption)
		case *model.Table:
			wrap(&t.Caption)
			for i := range t.Header {
				wrap(&t.Header[i].Inlines)
			}
			for _, r := range t.Rows {
				for i := range r {
					wrap(&r[i].Inlines)
				}
			}
		}
	})
	return bs
}
