package edition

import (
	"strings"

	"github.com/redtide/edition/internal/bib"
	"github.com/redtide/edition/internal/model"
)

// citeproc is what resolving needs of a CSL processor: package csl's
// Processor, through cslProc (cslproc.go).
type citeproc interface {
	// noteStyle reports whether the style sets citations in notes.
	noteStyle() bool
	// render renders a document's citations in reading order and the
	// bibliography of the works cited and of nocite (ids, "*" for all);
	// entry returns the model entry of a work, for links to it.
	render(cits []procCitation, nocite []string, entry func(id string) *model.BibEntry) procResult
}

// procCitation is one citation for the processor.
type procCitation struct {
	items     []procItem
	noteIndex int  // the number of the note it stands in; 0 in the running text
	inText    bool // author-in-text in an author-date style
}

// procItem is one work of a citation.
type procItem struct {
	id, prefix, suffix, locator, label string // prefix and suffix in CSL-JSON's rich-text markup
	suppressAuthor, authorOnly         bool
}

// procResult is what the processor made.
type procResult struct {
	citations [][]model.Inline // one per citation
	entries   []procEntry      // the bibliography, sorted as the style says
}

// procEntry is one entry of the bibliography.
type procEntry struct {
	id      string
	inlines []model.Inline
}

// citeDB is the works a post can cite: package bibdb's DB.
type citeDB interface {
	Lookup(id string) *bib.Item
}

// gathered is one citation to render, with the Cite it replaces (the
// processor renders pandoc's author-in-text @key of an author-date or
// numeric style as the author and then the rest: "Doe (1999, 33)").
type gathered struct {
	cite  *model.Cite
	procs []procCitation
}

// gatherCitations lists the article's citations in reading order: the
// text, and each note's citations where its first reference stands,
// numbered notes being what they are after numberNotes.
func gatherCitations(a *model.Article, pl *placed, note bool, known func(string) bool) []gathered {
	var out []gathered
	seen := make(map[*model.Note]bool, len(a.Notes))
	var visit func(in model.Inline, noteIndex int)
	walkNote := func(n *model.Note) {
		if seen[n] {
			return
		}
		seen[n] = true
		model.WalkInlinesInBlocks(n.Blocks, func(in model.Inline) { visit(in, n.Number) })
	}
	visit = func(in model.Inline, noteIndex int) {
		switch t := in.(type) {
		case *model.NoteRef:
			walkNote(t.Note)
		case *model.Cite:
			if t.Nocite || crossRefOnly(t, known) {
				return
			}
			g := gathered{cite: t}
			switch {
			case t.AuthorInText && !note:
				pc := procFor(t, roleFull, noteIndex)
				pc.inText = true
				g.procs = []procCitation{pc}
			default:
				g.procs = []procCitation{procFor(t, pl.roles[t], noteIndex)}
			}
			out = append(out, g)
		}
	}
	model.WalkInlinesInBlocks(a.Blocks, func(in model.Inline) { visit(in, 0) })
	for _, n := range a.Notes {
		walkNote(n) // notes never referenced
	}
	return out
}

// procFor makes the processor's citation of c.
func procFor(c *model.Cite, role citeRole, noteIndex int) procCitation {
	pc := procCitation{noteIndex: noteIndex, items: make([]procItem, 0, len(c.Items))}
	for i, it := range c.Items {
		pi := procItem{id: it.Key, locator: it.Locator, label: it.Label, suppressAuthor: it.SuppressAuthor,
			prefix: richMarkup(it.Prefix), suffix: richMarkup(it.Suffix)}
		if pi.prefix != "" && !strings.HasSuffix(pi.prefix, " ") {
			pi.prefix += " "
		}
		if role == roleAuthorOnly {
			if i > 0 {
				break
			}
			pi = procItem{id: it.Key, authorOnly: true}
		}
		pc.items = append(pc.items, pi)
	}
	return pc
}

// richMarkup writes inlines in CSL-JSON's rich-text markup: <i>, <b>,
// <sup>, <sub>, small caps; other characters as text, < and & escaped.
func richMarkup(ins []model.Inline) string {
	var b strings.Builder
	var walk func([]model.Inline)
	wrap := func(open, close string, ins []model.Inline) {
		b.WriteString(open)
		walk(ins)
		b.WriteString(close)
	}
	walk = func(ins []model.Inline) {
		for _, in := range ins {
			switch t := in.(type) {
			case *model.Text:
				b.WriteString(strings.NewReplacer("&", "&amp;", "<", "&lt;").Replace(t.Text))
			case *model.Code:
				b.WriteString(strings.NewReplacer("&", "&amp;", "<", "&lt;").Replace(t.Text))
			case *model.Emph:
				wrap("<i>", "</i>", t.Inlines)
			case *model.Strong:
				wrap("<b>", "</b>", t.Inlines)
			case *model.Sup:
				wrap("<sup>", "</sup>", t.Inlines)
			case *model.Sub:
				wrap("<sub>", "</sub>", t.Inlines)
			case *model.SmallCaps:
				wrap(`<span style="font-variant:small-caps;">`, "</span>", t.Inlines)
			default:
				if ch := model.Children(in); ch != nil {
					walk(*ch)
				}
			}
		}
	}
	walk(ins)
	return b.String()
}

// renderCitations renders the article's citations and replaces each Cite
// with its text; it returns the bibliography, nil when there is none to
// print.
func renderCitations(a *model.Article, pl *placed, cx *citeContext) *model.Bibliography {
	known := func(id string) bool { return cx.db != nil && cx.db.Lookup(id) != nil }
	note := cx.proc.noteStyle()
	gs := gatherCitations(a, pl, note, known)
	n := 0
	for _, g := range gs {
		n += len(g.procs)
	}
	cits := make([]procCitation, 0, n)
	warn := &citeWarnings{path: cx.path, log: cx.log, seen: map[string]bool{}}
	for _, g := range gs {
		cits = append(cits, g.procs...)
		for _, it := range g.procs[len(g.procs)-1].items {
			if !known(it.id) {
				warn.missing(g.cite, it.id, cx.db != nil)
			}
		}
	}
	entries := map[string]*model.BibEntry{}
	entry := func(id string) *model.BibEntry {
		if !cx.opt.linkCitations {
			return nil
		}
		e := entries[id]
		if e == nil {
			e = &model.BibEntry{}
			entries[id] = e
		}
		return e
	}
	nocite := append(append([]string(nil), cx.opt.nocite...), nociteKeys(a)...)
	res := cx.proc.render(cits, nocite, entry)
	text := make(map[*model.Cite][]model.Inline, len(gs))
	k := 0
	for _, g := range gs {
		var ins []model.Inline
		if len(g.procs) == 1 && k < len(res.citations) {
			// one citation: its inlines as they are
			text[g.cite] = res.citations[k]
			k++
			continue
		}
		for j := range g.procs {
			if k+j < len(res.citations) {
				if j > 0 {
					ins = append(ins, &model.Text{Text: " "})
				}
				ins = append(ins, res.citations[k+j]...)
			}
		}
		k += len(g.procs)
		text[g.cite] = ins
	}
	replace := func(in model.Inline) []model.Inline {
		c, ok := in.(*model.Cite)
		if !ok {
			return nil
		}
		if t, ok := text[c]; ok {
			return nonNil(t)
		}
		if !c.Nocite && crossRefOnly(c, known) {
			cx.log.WarnCol(cx.path, c.Line, c.Column, "cross-reference %s: the edition numbers no figures, tables or equations; printed as written", clipSource(c.Source))
			return []model.Inline{&model.Text{Text: c.Source}}
		}
		return []model.Inline{} // nocite
	}
	rewriteBlocks(a.Blocks, replace)
	for _, n := range a.Notes {
		rewriteBlocks(n.Blocks, replace)
	}
	return generatedBibliography(res, entries, pl, cx)
}

func nonNil(ins []model.Inline) []model.Inline {
	if ins == nil {
		return []model.Inline{}
	}
	return ins
}

func clipSource(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 60 {
		return s[:57] + "…"
	}
	return s
}

// nociteKeys are the keys of the article's {% nocite %} tags.
func nociteKeys(a *model.Article) []string {
	var keys []string
	visit := func(in model.Inline) {
		if c, ok := in.(*model.Cite); ok && c.Nocite {
			for _, it := range c.Items {
				keys = append(keys, it.Key)
			}
		}
	}
	model.WalkInlinesInBlocks(a.Blocks, visit)
	for _, n := range a.Notes {
		model.WalkInlinesInBlocks(n.Blocks, visit)
	}
	return keys
}

// generatedBibliography makes the model's bibliography of the entries
// the processor rendered.
func generatedBibliography(res procResult, linked map[string]*model.BibEntry, pl *placed, cx *citeContext) *model.Bibliography {
	if cx.opt.suppress || len(res.entries) == 0 {
		return nil
	}
	b := &model.Bibliography{Title: bibliographyTitle(cx.opt, pl, cx.tag), Cited: true}
	for _, e := range res.entries {
		be := linked[e.id]
		if be == nil {
			be = &model.BibEntry{}
		}
		be.Inlines, be.Key = e.inlines, e.id
		b.Entries = append(b.Entries, be)
	}
	return b
}
