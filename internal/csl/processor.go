package csl

import (
	"strconv"
	"strings"

	"github.com/redtide/edition/internal/bib"
)

// Cite is one work cited, with what the author wrote around it.
type Cite struct {
	ID             string // item key
	Prefix, Suffix string // rich text (CSL-JSON markup)
	Locator        string // "33", "33-35", "xi"
	Label          string // CSL locator term: "page" (the default when Locator is set), "chapter", ...
	SuppressAuthor bool   // pandoc [-@key]
	AuthorOnly     bool   // the author part of pandoc's author-in-text @key

	fixedPos int // a position given by a test fixture, plus one; 0 when computed
}

// Citation is one citation: the cites of one bracket or tag.
type Citation struct {
	Cites     []Cite
	NoteIndex int  // number of the note the citation stands in; 0 in running text
	InText    bool // pandoc author-in-text @key
}

// Result is a document's citations and bibliography, rendered.
type Result struct {
	Citations        []Rich   // one per input citation, same order
	Bibliography     []Entry  // sorted as the style says; empty without <bibliography>
	Missing          []string // unknown ids, in order of first use
	HangingIndent    bool     // the bibliography's hanging-indent
	SecondFieldAlign string   // "", "flush" or "margin"
	LineSpacing      int      // the bibliography's line-spacing (1 when unset)
	EntrySpacing     int      // the bibliography's entry-spacing (1 when unset)
}

// Entry is one bibliography entry.
type Entry struct {
	ID   string
	Text Rich
}

// Processor renders the citations of one document through one style.
type Processor struct {
	style  *Style
	lang   string
	loc    termChain
	lookup func(id string) *bib.Item
	q      quotes

	// All lists every id of the database, in order, for nocite "*".
	All []string
	// LinkCitations sets Span.Ref on citations to the item's id.
	LinkCitations bool

	explicitSuffix bool
	states         map[string]*itemState
	stateRoom      []itemState    // room for the states to come (see register)
	stateBlock     int            // the size of its last block
	order          []*itemState   // registration order
	bibOrder       []*itemState   // bibliography order
	nameLevel      map[string]int // given-name expansion of people, by nameKey
	pieces         []piece        // scratch space for flattening
	plainBuf       []byte         // scratch space for a sort key's plain text
	rich           richParser     // the parser of rich text, its nodes in arena (see ctx.rich)
	arena          arena          // the nodes of the rendering under way
	spare          *ctx           // a rendering's state, kept for the next (see newCtx)
	dates          map[*elem]dateParts
	titled         map[string]string // title case of a text, by the text (see ctx.applyCase)
}

// NewProcessor makes a processor for a style and language ("" for the
// style's default locale, then en-US); lookup finds items by id and
// returns nil for unknown ids.
func NewProcessor(style *Style, lang string, lookup func(id string) *bib.Item) *Processor {
	if lang == "" {
		lang = style.defaultLocale
	}
	if lang == "" {
		lang = "en-US"
	}
	p := &Processor{style: style, lang: lang, lookup: lookup}
	p.loc = termChain{locales: newChain(style, lang)}
	term := func(name string) string { s, _ := p.loc.term(name, "long", false); return s }
	p.q = quotes{open: term("open-quote"), close: term("close-quote"),
		innerOpen: term("open-inner-quote"), innerClose: term("close-inner-quote"),
		punctInside: p.loc.opt("punctuation-in-quote") == "true"}
	p.explicitSuffix = style.yearSuffix
	return p
}

func usesVariable(e *elem, v string) bool {
	if e.name == "text" && e.attr("variable") == v {
		return true
	}
	for _, k := range e.kids {
		if usesVariable(k, v) {
			return true
		}
	}
	return false
}

// Render renders every citation of a document, in document order, and
// the bibliography of the items cited plus nocite ("*" for all of All).
// Unknown ids are listed in Result.Missing and rendered as the key and
// "?" in bold, as pandoc does.
func (p *Processor) Render(cits []Citation, nocite []string) Result {
	var res Result
	// sized once: most citations cite a work of their own
	n := len(nocite)
	for _, cit := range cits {
		n += len(cit.Cites)
	}
	p.states = make(map[string]*itemState, n)
	p.order = make([]*itemState, 0, n)
	p.stateRoom, p.stateBlock = nil, 0
	p.nameLevel = nil
	missing := map[string]bool{}
	for _, cit := range cits {
		for _, ct := range cit.Cites {
			if p.register(ct.ID) == nil && !missing[ct.ID] {
				missing[ct.ID] = true
				res.Missing = append(res.Missing, ct.ID)
			}
		}
	}
	for _, id := range nocite {
		if id == "*" {
			for _, a := range p.All {
				p.register(a)
			}
			continue
		}
		if p.register(id) == nil && !missing[id] {
			missing[id] = true
			res.Missing = append(res.Missing, id)
		}
	}
	bibOrder := p.sortBibliography()
	p.bibOrder = bibOrder
	infos := p.positions(cits)
	p.disambiguate(infos)
	for i, cit := range cits {
		if cit.InText && p.style.class == "in-text" {
			res.Citations = append(res.Citations, p.renderInText(infos[i]))
			continue
		}
		res.Citations = append(res.Citations, p.renderCitation(cit, infos[i]))
	}
	p.bibliographyInto(&res, bibOrder)
	return res
}

func (p *Processor) register(id string) *itemState {
	if st := p.states[id]; st != nil {
		return st
	}
	it := p.lookup(id)
	if it == nil {
		return nil
	}
	if len(p.stateRoom) == 0 {
		// in blocks of 16, doubling to 256: a document citing a few
		// works wastes little
		p.stateBlock = min(max(2*p.stateBlock, 16), 256)
		p.stateRoom = make([]itemState, p.stateBlock)
	}
	st := &p.stateRoom[0]
	p.stateRoom = p.stateRoom[1:]
	*st = itemState{item: it, number: len(p.order) + 1}
	p.states[id] = st
	p.order = append(p.order, st)
	return st
}

// positions works out, for every cite, whether it is a first, later or
// ibid reference, in the order the cites will be printed.
func (p *Processor) positions(cits []Citation) [][]*citeInfo {
	dist := 5
	if v, err := strconv.Atoi(p.style.citation.attr("near-note-distance")); err == nil {
		dist = v
	}
	// where each item was cited first and last: kept in its state (an
	// id no item has, in a map of its own)
	for _, st := range p.order {
		st.notes = citedIn{}
	}
	var unknown map[string]*citedIn
	notesOf := func(id string) *citedIn {
		if st := p.states[id]; st != nil {
			return &st.notes
		}
		if unknown == nil {
			unknown = map[string]*citedIn{}
		}
		n := unknown[id]
		if n == nil {
			n = &citedIn{}
			unknown[id] = n
		}
		return n
	}
	// sized once: most citations cite one item in a note of their own
	noteOnly := make(map[int]string, len(cits)) // the one item a note cites; "" when several
	var prev *citeInfo
	prevCount, prevNote, prevAllSame := 0, 0, false
	out := make([][]*citeInfo, len(cits))
	total := 0
	for _, cit := range cits {
		total += len(cit.Cites)
	}
	// the cites of all citations in one block
	room, ptrs := make([]citeInfo, total), make([]*citeInfo, total)
	for ci, cit := range cits {
		k := len(cit.Cites)
		infos := p.sortCites(cit, room[:k:k], ptrs[:k:k])
		room, ptrs = room[k:], ptrs[k:]
		for j, info := range infos {
			id := info.ID
			notes := notesOf(id)
			info.noteIndex = cit.NoteIndex
			if info.AuthorOnly {
				// the author named in the text does not use up the
				// item's first, full citation
				if notes.seen {
					info.position = posSubsequent
				}
				continue
			}
			if info.fixedPos > 0 {
				info.position = info.fixedPos - 1
				info.firstNote = notes.first
			} else if !notes.seen {
				info.position = posFirst
				notes.first, notes.seen = cit.NoteIndex, true
			} else {
				info.firstNote = notes.first
				info.nearNote = cit.NoteIndex-notes.last <= dist
				sameAsPrev := prev != nil && prev.ID == id
				ibid := false
				if j > 0 {
					ibid = sameAsPrev
				} else if ci > 0 && sameAsPrev && prevAllSame && prevCount > 0 {
					ibid = cit.NoteIndex == 0 || prevNote == 0 || cit.NoteIndex == prevNote ||
						cit.NoteIndex-prevNote == 1 && noteOnly[prevNote] == id
				}
				info.position = locatorPosition(ibid, prev, info)
			}
			notes.last = cit.NoteIndex
			prev = info
		}
		prevCount, prevNote = len(infos), cit.NoteIndex
		prevAllSame = allSame(infos)
		for _, in := range infos {
			if o, ok := noteOnly[cit.NoteIndex]; !ok {
				noteOnly[cit.NoteIndex] = in.ID
			} else if o != in.ID {
				noteOnly[cit.NoteIndex] = ""
			}
		}
		out[ci] = infos
	}
	return out
}

func allSame(infos []*citeInfo) bool {
	for _, in := range infos {
		if in.ID != infos[0].ID {
			return false
		}
	}
	return len(infos) > 0
}

func locatorPosition(ibid bool, prev, cur *citeInfo) int {
	if !ibid {
		return posSubsequent
	}
	switch {
	case prev.Locator == "" && cur.Locator == "":
		return posIbid
	case prev.Locator == "":
		return posIbidWithLocator
	case cur.Locator == "":
		return posSubsequent
	case prev.Locator == cur.Locator && labelOf(prev) == labelOf(cur):
		return posIbid
	}
	return posIbidWithLocator
}

func labelOf(c *citeInfo) string {
	if c.Label == "" {
		return "page"
	}
	return c.Label
}

// renderCitation renders one citation with the style's citation layout.
func (p *Processor) renderCitation(cit Citation, infos []*citeInfo) Rich {
	p.arena.reset()
	layout := p.style.citation.child("layout")
	if layout == nil {
		return nil
	}
	if allAuthorOnly(infos) {
		// names for the running text: no layout affixes
		n := &node{delim: "; "}
		for _, info := range infos {
			k, _ := p.renderCite(layout, info, false)
			n.kids = append(n.kids, k)
		}
		return p.flatten(n)
	}
	var lead *node // an author-only first cite stands outside the layout
	if len(infos) > 1 && infos[0].AuthorOnly {
		lead, _ = p.renderCite(layout, infos[0], false)
		infos = infos[1:]
	}
	var rs []renderedCite
	byYear := collapsesByYear(p.style.citation.attr("collapse")) // cites of one author are joined
	for i, info := range infos {
		k, body := p.renderCite(layout, info, false)
		if k.empty() {
			continue
		}
		if p.style.class == "note" && cit.NoteIndex > 0 && i == 0 || endsSentence(info.Prefix) {
			if l := body.firstLeaf(); l != nil && l.term {
				l.text = capitalizeFirst(l.text)
			}
		}
		r := renderedCite{out: k, info: info}
		if byYear {
			r.author = findNames(body).plain()
		}
		rs = append(rs, r)
	}
	n := p.joinCites(layout, rs)
	if n.empty() {
		return nil
	}
	w := p.newNode()
	w.kids, w.prefix, w.suffix = p.kids([]*node{n}), layout.prefix, layout.suffix
	w.set, w.clear = w.set|layout.fset, w.clear|layout.fclear // its formatting, read once (prepare)
	if lead != nil {
		w = group([]*node{lead, w}, " ")
	}
	return p.flatten(w)
}

// renderCite renders one cite, its prefix and suffix.
func (p *Processor) renderCite(layout *elem, info *citeInfo, skipNames bool) (out, body *node) {
	st := p.states[info.ID]
	if st == nil {
		n := &node{text: info.ID + "?", set: Bold}
		return n, n
	}
	c := p.newCtx(st, info, p.style.citation)
	defer p.release(c)
	c.skipNames = skipNames || info.SuppressAuthor
	if info.AuthorOnly {
		body = c.authorOnly()
	} else {
		body = c.groupKids(layout, "")
	}
	if body == nil {
		return nil, nil
	}
	if p.LinkCitations {
		body = &node{kids: []*node{body}, anchor: &anchor{ref: info.ID}}
	}
	var kids [3]*node
	ks := kids[:0]
	if pre := c.rich(citePrefix(info.Prefix)); !pre.empty() {
		ks = append(ks, pre)
	}
	ks = append(ks, body)
	if suf := c.rich(citeSuffix(info.Suffix)); !suf.empty() {
		ks = append(ks, suf)
	}
	out = p.newNode()
	out.kids = p.kids(ks)
	return out, body
}

func endsSentence(s string) bool {
	s = strings.TrimRight(s, " ”’\"'")
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?")
}

func startsWithPunct(s string) bool {
	return s != "" && strings.ContainsAny(s[:1], ".,;:!?")
}

// citePrefix adds the space citeproc-js puts after a prefix that ends in
// a letter, digit or punctuation.
func citePrefix(s string) string {
	if s != "" && !strings.HasSuffix(s, " ") && !strings.HasSuffix(s, "(") && !strings.HasSuffix(s, "[") {
		return s + " "
	}
	return s
}

func citeSuffix(s string) string {
	if s == "" || strings.HasPrefix(s, " ") {
		return s
	}
	if r := []rune(s)[0]; isWordRune(r) || r == '(' || r == '[' {
		return " " + s
	}
	return s
}

// authorOnly renders the names the cite would begin with, as the style
// renders them at this cite's position (full in a first note, short
// later), or the author when the style prints no names.
func (c *ctx) authorOnly() *node {
	layout := c.p.style.citation.child("layout")
	if nn := findNames(c.groupKids(layout, "")); nn != nil {
		return nn
	}
	if n := c.namesFor(authorEditor, authorEditor); n != nil {
		return n
	}
	if t := c.variable("title-short"); t != "" {
		return parseRich(t)
	}
	return parseRich(c.variable("title"))
}

// authorEditor stands for the names of a cite whose style prints none.
var authorEditor = &elem{name: "names", vars: []string{"author", "editor"}}

func allAuthorOnly(infos []*citeInfo) bool {
	for _, in := range infos {
		if !in.AuthorOnly {
			return false
		}
	}
	return len(infos) > 0
}
