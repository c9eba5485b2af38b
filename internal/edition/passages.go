package edition

import (
	"unicode"
	"unicode/utf8"

	"github.com/redtide/edition/internal/lang"
	"github.com/redtide/edition/internal/model"
)

// markPassages marks every passage of an article written in another script
// than its language's — Cyrillic, Greek, Hebrew or Arabic inside an
// English article, see lang.ScriptOf — with the language most written in
// that script (model.Lang), so that the EPUB gives it a lang attribute
// and the PDF does not hyphenate it with the article's patterns. Text the
// source marked already (a model.Lang) and code are left alone; a single
// letter (π, λ, ℵ) is a symbol more often than a word, and is not marked.
func markPassages(a *model.Article, tag string) {
	mark := func(ins *[]model.Inline) { *ins = passages(*ins, tag) }
	eachInlines(a.Blocks, mark)
	for _, n := range a.Notes {
		eachInlines(n.Blocks, mark)
	}
	if a.Bibliography != nil {
		for _, e := range a.Bibliography.Entries {
			mark(&e.Inlines)
		}
	}
}

// eachInlines calls f with every inline list of blocks that is not inside
// another inline: paragraphs, headings, captions, table cells.
func eachInlines(blocks []model.Block, f func(*[]model.Inline)) {
	model.WalkBlocks(blocks, func(b model.Block) {
		switch t := b.(type) {
		case *model.Paragraph:
			f(&t.Inlines)
		case *model.Heading:
			f(&t.Inlines)
		case *model.Figure:
			f(&t.Caption)
		case *model.Table:
			for i := range t.Header {
				f(&t.Header[i].Inlines)
			}
			for _, r := range t.Rows {
				for i := range r {
					f(&r[i].Inlines)
				}
			}
		}
	})
}

// passages returns ins with its passages in other scripts marked, inside
// containers (emphasis, links) too.
func passages(ins []model.Inline, tag string) []model.Inline {
	var out []model.Inline
	split := false
	for k, in := range ins {
		switch t := in.(type) {
		case *model.Text:
			if parts := splitScripts(t.Text, tag); parts != nil {
				if !split {
					out = append(out[:0:0], ins[:k]...)
					split = true
				}
				out = append(out, parts...)
				continue
			}
		case *model.Lang, *model.Code:
			// marked by the source; code is never touched
		default:
			if c := model.Children(in); c != nil {
				*c = passages(*c, tag)
			}
		}
		if split {
			out = append(out, in)
		}
	}
	if !split {
		return ins
	}
	return mergeLangs(out)
}

// splitScripts cuts s into plain text and passages in scripts that tag's
// language is not written in, or returns nil when there are none. A
// passage runs from its first letter to its last, over the spaces,
// punctuation, digits and marks between, and stops at a letter of
// another script.
func splitScripts(s, tag string) []model.Inline {
	if !beyondLatin(s) {
		return nil
	}
	var out []model.Inline
	last := 0 // start of the plain text not yet emitted
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		sc := lang.ScriptOf(r)
		if sc == nil || !unicode.IsLetter(r) || sc.WrittenIn(tag) {
			i += n
			continue
		}
		end, letters := passageEnd(s, i, sc)
		if letters < 2 {
			i = end
			continue
		}
		if last < i {
			out = append(out, &model.Text{Text: s[last:i]})
		}
		out = append(out, &model.Lang{Tag: sc.Tag, Inlines: []model.Inline{&model.Text{Text: s[i:end]}}})
		last, i = end, end
	}
	if out == nil {
		return nil
	}
	if last < len(s) {
		out = append(out, &model.Text{Text: s[last:]})
	}
	return out
}

// beyondLatin reports whether s may hold a letter of a script passages
// are recognised in, from the UTF-8 lead bytes of their blocks: 0xCD–0xE1
// (U+0340–U+1FFF: Greek, Cyrillic, Hebrew, Arabic and their supplements
// and extensions), 0xEA (Cyrillic Extended-B), 0xEF (Hebrew and Arabic
// presentation forms), 0xF0 (Arabic mathematical letters) and 0xE2 0x84
// (the ohm sign Ω, a Greek letter). Most text has none of these (curly
// quotes and dashes are 0xE2 0x80), and a byte scan is the cheapest way
// to tell.
func beyondLatin(s string) bool {
	// Eight bytes at a time: a run of ASCII, as most of a text is, holds
	// none (every byte looked for has its high bit set).
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := s[i : i+8] // of known length: one load, no bounds checks
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		if x&0x8080808080808080 == 0 {
			continue
		}
		for j := i; j < i+8; j++ {
			if scriptLead(s, j) {
				return true
			}
		}
	}
	for ; i < len(s); i++ {
		if scriptLead(s, i) {
			return true
		}
	}
	return false
}

// scriptLead reports whether s[i] leads a character of a block that
// beyondLatin looks for.
func scriptLead(s string, i int) bool {
	c := s[i]
	return c >= 0xCD && (c <= 0xE1 || c == 0xEA || c == 0xEF || c == 0xF0 || c == 0xE2 && i+1 < len(s) && s[i+1] == 0x84)
}

// passageEnd returns where the passage of script sc that starts with the
// letter at i ends, and how many letters it has.
func passageEnd(s string, i int, sc *lang.Script) (end, letters int) {
	for j := i; j < len(s); {
		r, n := utf8.DecodeRuneInString(s[j:])
		switch {
		case unicode.IsLetter(r):
			if lang.ScriptOf(r) != sc {
				return end, letters
			}
			letters++
			end = j + n
		case unicode.Is(unicode.M, r):
			if end == j { // a mark belongs to the letter before it
				end = j + n
			}
		}
		j += n
	}
	return end, letters
}

// mergeLangs joins passages of one language that a split of the source's
// text nodes (or a space between them) left apart.
func mergeLangs(ins []model.Inline) []model.Inline {
	out := ins[:0]
	for _, in := range ins {
		if l, ok := in.(*model.Lang); ok && len(out) > 0 {
			prev := len(out) - 1
			var gap model.Inline
			if t, ok := out[prev].(*model.Text); ok && !hasLetter(t.Text) && prev > 0 {
				gap, prev = t, prev-1
			}
			if p, ok := out[prev].(*model.Lang); ok && p.Tag == l.Tag && isPassage(p) {
				if gap != nil {
					p.Inlines = append(p.Inlines, gap)
				}
				p.Inlines = append(p.Inlines, l.Inlines...)
				out = out[:prev+1]
				continue
			}
		}
		out = append(out, in)
	}
	return out
}

// isPassage reports a model.Lang made by splitScripts, as opposed to one
// the source marked: its content is plain text.
func isPassage(l *model.Lang) bool {
	for _, in := range l.Inlines {
		if _, ok := in.(*model.Text); !ok {
			return false
		}
	}
	return true
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}
