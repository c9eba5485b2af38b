package edition

// Citations by key (pandoc's [@key], jekyll-scholar's {% cite key %}),
// resolved once per article, here, where notes are numbered:
//
//  1. Before notes are numbered (placeCitations): with a note style
//     (Chicago notes-bibliography, the default), every citation in the
//     running text moves into a note of its own, which then numbers with
//     the author's footnotes in order of appearance; a citation inside
//     an author's footnote stays where it is. pandoc's author-in-text
//     @key leaves the author's name in the text and the rest of the
//     citation, author suppressed, in the note (as pandoc does). With an
//     author-date style, citations stay in the text.
//  2. After (renderCitations): the citations are rendered all at once,
//     in reading order (a note's citations where its reference stands),
//     so "Ibid." and short forms follow the style's positions; each
//     Cite is replaced by its text, and the works cited make the
//     article's bibliography.
//
// A key no database defines prints as pandoc prints it, the key and a
// question mark in bold, with a warning at its line and column; a key
// that names a Quarto or pandoc-crossref cross-reference (@fig-…,
// @tbl-…, @eq:…) that no database defines is printed as written, with a
// warning: the edition numbers no figures or equations.

import (
	"fmt"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/lang"
	"github.com/redtide/edition/internal/lazy"
	"github.com/redtide/edition/internal/model"
)

// citeRole is how a Cite is to be rendered.
type citeRole uint8

const (
	roleFull       citeRole = iota // the whole citation
	roleAuthorOnly                 // the author part of an author-in-text citation in a note style
)

// placed is a post's citations after placeCitations.
type placed struct {
	roles map[*model.Cite]citeRole
	// here is the top-level block the bibliography was asked for at
	// ({% bibliography %}, a trailing empty "References" heading); nil
	// for the article's end.
	here      *model.BibliographyHere
	after     model.Block // the block here followed, while it is lifted out
	hereTitle string      // the title of the heading that stood over it
	cited     bool        // the post cites by key (or asks for a bibliography)
}

// crossRef matches the keys of Quarto's and pandoc-crossref's
// cross-references to figures, tables, equations, sections, listings and
// theorems.
var crossRef = lazy.Regexp(`^(?:fig|tbl|eq|sec|lst|thm|lem|cor|prp|cnj|def|exm|exr|sol|rem|alg|apx)[-:]`)

// mayCrossRef tells whether key has the "-" or ":" that ends the
// prefix of a crossRef (two or three letters): most keys do not, and are
// spared the regexp.
func mayCrossRef(key string) bool {
	sep := func(i int) bool { return i < len(key) && (key[i] == '-' || key[i] == ':') }
	return sep(2) || sep(3)
}

// citeNote is what a citation moved into a note is made of.
type citeNote struct {
	note     model.Note
	ref      model.NoteRef
	para     model.Paragraph
	blocks   [1]model.Block
	inl, out [1]model.Inline
}

// placeCitations moves citations out of the running text into notes
// when the style is a note style (see the file comment) and finds where
// the bibliography goes. It returns nil for an article without
// citations, which is left as it was.
func placeCitations(a *model.Article, note bool) *placed {
	pl := &placed{roles: map[*model.Cite]citeRole{}}
	pl.findHere(a)
	var boxes []citeNote // made in blocks: 16 at first, doubling to 256
	block := 0
	rewriteBlocks(a.Blocks, func(in model.Inline) []model.Inline {
		c, ok := in.(*model.Cite)
		if !ok {
			return nil
		}
		pl.cited = true
		if c.Nocite {
			return []model.Inline{c}
		}
		if !note {
			return []model.Inline{c}
		}
		// the note, its paragraph and the reference together
		if len(boxes) == 0 {
			block = min(max(2*block, 16), 256)
			boxes = make([]citeNote, block)
		}
		box := &boxes[0]
		boxes = boxes[1:]
		n := &box.note
		*n = model.Note{Pos: model.Pos{Line: c.Line}, Label: "cite"}
		a.Notes = append(a.Notes, n)
		ref := &box.ref
		ref.Note = n
		box.blocks[0] = &box.para
		n.Blocks = box.blocks[:1:1]
		box.para.Pos = n.Pos
		if c.AuthorInText {
			inNote := *c
			inNote.AuthorInText = false
			inNote.Items = append([]model.CiteItem(nil), c.Items...)
			inNote.Items[0].SuppressAuthor = true
			box.para.Inlines = []model.Inline{&inNote}
			pl.roles[c] = roleAuthorOnly
			return []model.Inline{c, ref}
		}
		box.inl[0] = c
		box.para.Inlines = box.inl[:1:1]
		box.out[0] = ref
		return box.out[:1:1]
	})
	for _, n := range a.Notes {
		model.WalkInlinesInBlocks(n.Blocks, func(in model.Inline) {
			if _, ok := in.(*model.Cite); ok {
				pl.cited = true
			}
		})
	}
	if !pl.cited && pl.here == nil {
		return nil
	}
	return pl
}

// findHere finds the place the post asks its bibliography to stand: a
// top-level BibliographyHere (the first; others go), else nothing. A
// heading right before it is the bibliography's title ("## References"
// over {% bibliography %}). Markers inside quotes or lists go.
func (pl *placed) findHere(a *model.Article) {
	var kept []model.Block
	for _, b := range a.Blocks {
		h, ok := b.(*model.BibliographyHere)
		if !ok {
			kept = append(kept, b)
			continue
		}
		pl.cited = true
		if pl.here != nil {
			continue
		}
		pl.here = h
		if n := len(kept); n > 0 {
			if hd, ok := kept[n-1].(*model.Heading); ok {
				pl.hereTitle = model.PlainText(hd.Inlines)
				kept = kept[:n-1]
			}
		}
		kept = append(kept, h)
	}
	a.Blocks = kept
	model.WalkBlocks(a.Blocks, func(b model.Block) {
		for _, bs := range childBlocks(b) {
			dropHere(bs)
		}
	})
}

// childBlocks are the block lists directly inside b.
func childBlocks(b model.Block) []*[]model.Block {
	switch t := b.(type) {
	case *model.Quote:
		return []*[]model.Block{&t.Blocks}
	case *model.List:
		var out []*[]model.Block
		for _, it := range t.Items {
			out = append(out, &it.Blocks)
		}
		return out
	}
	return nil
}

func dropHere(bs *[]model.Block) {
	kept := (*bs)[:0]
	for _, b := range *bs {
		if _, ok := b.(*model.BibliographyHere); !ok {
			kept = append(kept, b)
		}
	}
	*bs = kept
}

// rewriteBlocks replaces, in every inline list of blocks (paragraphs,
// headings, table cells, captions, depth first), each inline for which
// f returns a non-nil list by that list.
func rewriteBlocks(blocks []model.Block, f func(model.Inline) []model.Inline) {
	model.WalkBlocks(blocks, func(b model.Block) {
		switch t := b.(type) {
		case *model.Paragraph:
			t.Inlines = rewriteInlines(t.Inlines, f)
		case *model.Heading:
			t.Inlines = rewriteInlines(t.Inlines, f)
		case *model.Figure:
			t.Caption = rewriteInlines(t.Caption, f)
		case *model.Table:
			t.Caption = rewriteInlines(t.Caption, f)
			for i := range t.Header {
				t.Header[i].Inlines = rewriteInlines(t.Header[i].Inlines, f)
			}
			for _, r := range t.Rows {
				for i := range r {
					r[i].Inlines = rewriteInlines(r[i].Inlines, f)
				}
			}
		}
	})
}

func rewriteInlines(ins []model.Inline, f func(model.Inline) []model.Inline) []model.Inline {
	var out []model.Inline
	for i, in := range ins {
		if ch := model.Children(in); ch != nil {
			*ch = rewriteInlines(*ch, f)
		}
		r := f(in)
		if r == nil {
			if out != nil {
				out = append(out, in)
			}
			continue
		}
		if out == nil {
			out = append(make([]model.Inline, 0, len(ins)+len(r)), ins[:i]...)
		}
		out = append(out, r...)
	}
	if out == nil {
		return ins
	}
	return out
}

// citeWarnings reports, once per key, the keys no database defines, at
// the first citation of each.
type citeWarnings struct {
	path string
	log  *diag.Log
	seen map[string]bool
}

func (w *citeWarnings) missing(c *model.Cite, key string, anyDB bool) {
	if w.seen[key] {
		return
	}
	w.seen[key] = true
	if !anyDB {
		return // one warning for the post says there is no database
	}
	w.log.WarnCol(w.path, c.Line, c.Column, "citation key %q is in no bibliography database of this post; printed as %s?", key, key)
}

// crossRefOnly reports whether every work of c is a cross-reference
// that lookup does not know.
func crossRefOnly(c *model.Cite, known func(string) bool) bool {
	for _, it := range c.Items {
		if !mayCrossRef(it.Key) || !crossRef().MatchString(it.Key) || known(it.Key) {
			return false
		}
	}
	return len(c.Items) > 0
}

// bibliographyTitle is the heading of a generated bibliography: the
// post's reference-section-title, the heading written over
// {% bibliography %}, else the language's word.
func bibliographyTitle(opt citeOptions, pl *placed, tag string) string {
	switch {
	case opt.sectionTitle != "":
		return opt.sectionTitle
	case pl.hereTitle != "":
		return pl.hereTitle
	}
	return lang.For(tag).Words.Bibliography
}

// citeOptions are the post's choices about its citations (front matter
// keys, as pandoc reads them).
type citeOptions struct {
	sectionTitle  string // reference-section-title
	suppress      bool   // suppress-bibliography
	linkCitations bool   // link-citations
	nocite        []string
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
