package biblio

// Finding an article's bibliography.
//
// Posts introduce the works they cite in many ways, in many languages,
// and rarely as the very last thing: notes, acknowledgements, a licence
// or an author's bio often follow. So the reference section is found by
// structure and content, not by a list of phrases:
//
//  1. Sections. Every heading (any level) starts a section, and so does a
//     paragraph set as a title: a bold line ("**Works Cited**"), or an
//     italic or plain short line whose words the lexicon knows
//     ("_BIBLIOGRAPHY_", "Sources:"), its colon inside or outside the
//     bold ("**References**:"). A paragraph led by such a title and a
//     citation ("**References:** Smith, J. 2001 …") is split into both.
//  2. Titles. A title is classified by its words (titles.go, lexicon.go):
//     a bibliography title is made of the lexicon's heads ("references",
//     "Literatur", "fuentes"), modifiers ("further", "cited",
//     "bibliográficas"), companions ("resources") and connectors, in any
//     of the lexicon's languages, with a free complement after a
//     preposition ("Further reading on topic modelling"); German and
//     Dutch compounds ("Quellenverzeichnis") and one-letter misspellings
//     of long words count. One word the lexicon does not know before a
//     head makes a loose title ("Paper References"), whose body must cite
//     works throughout. "Related work" names a review in prose, a list
//     only beside a head. Notes and back-matter titles are classified
//     the same way.
//  3. The tail. Scanning back from the end, a candidate bibliography may
//     be followed only by back matter (Chicago Manual of Style 1.4:
//     notes, acknowledgements, appendixes, glossary, about the author,
//     illustration credits; also licences), by a licence or bio line, a
//     rule, a closing paragraph of prose, and by at most tailBudget words
//     of anything else (a lesson's "code download" paragraph). That is
//     what "near the end" means. The post's own empty notes heading is
//     already gone (emptyheadings.go).
//  4. The run. The bibliography is the latest run of sections, ending
//     before the tail, that starts at a bibliography title and holds
//     only deeper sub-sections ("Primary sources" under "Bibliography")
//     or further bibliography sections at the same level ("References",
//     then "Further reading"); every section of it must itself hold
//     citations. Sub-section titles become group headings of the entries.
//     A section whose title the lexicon does not know ("Readings"), set
//     as a heading or a bold line, may start a run if its body is
//     clearly citations (see below).
//  5. The body. Entries are split where the source separates them
//     (entries.go): list items (nested lists add their own), table rows,
//     paragraphs, one per line where lines are broken, numbered "[n]"
//     references run into one paragraph; lead-in lines before a list
//     title groups instead of being entries. Each entry is scored by
//     the elements citations are made of (cite.go): a name in
//     "Surname, Given" form, a year, an italic or quoted title, a
//     publisher or place, a URL or DOI, pages or volume, "ed."/"trans."/a
//     journal. Where a section holds a list, its items are the entries
//     judged, and the paragraphs around it are taken as its introduction
//     (they stay entries, lead-ins aside). Under a known title more than
//     half the entries judged must show an element and fewer than half
//     read as prose (long unpunctuated runs, or mostly lower-case words:
//     a sentence); under an unknown title at least three entries, two thirds of them, must name
//     an author or a year and show an element only a work has, and none
//     may read as prose. A list of people (names with roles or
//     affiliations, no work: an "about" page) is not a bibliography, nor
//     is a section holding anything that cannot be an entry (code, a
//     figure).
//  6. No title. An article that ends (before its back matter) with at
//     least three entries in a row that each name an author or year and
//     show another element, two thirds of them three elements, ends with
//     an untitled bibliography; the article's language names it.
//  7. Several lists. Reading lists that close the parts of a post join
//     the bibliography as groups (several.go).
//
// The tail is kept, in order, before the bibliography, where the Chicago
// Manual puts acknowledgements and appendixes; nothing is dropped.

import (
	"strings"
	"unicode"

	"github.com/redtide/edition/internal/lang"
	"github.com/redtide/edition/internal/model"
)

// pseudoLevel is the level of a paragraph set as a title: below every
// heading.
const pseudoLevel = 7

// tailBudget is how many words of material that is not back matter may
// follow a bibliography and still leave it "near the end".
const tailBudget = 150

// section is a title and the blocks up to the next title.
type section struct {
	start, end int            // blocks[start] is the title; blocks[start+1:end] the body
	level      int            // heading level, or pseudoLevel
	title      []model.Inline // the title, without emphasis wrapping it
	lead       []model.Inline // rest of a paragraph led by its title: a first entry
	kind       titleKind
	strong     bool // a heading or a bold line: may start a section of any title
}

func (s *section) text() string {
	if s.title == nil {
		return ""
	}
	return cleanTitle(model.PlainText(s.title))
}

// splitBibliography finds the bibliography of an article whose top-level
// blocks are blocks. It returns the bibliography and the blocks left for
// the body, or nil and blocks unchanged.
func splitBibliography(blocks []model.Block, tc titleCache) (*model.Bibliography, []model.Block) {
	secs := sections(blocks, tc)
	sc := scoreCache{}
	bib, start, end := sc.finalBibliography(blocks, secs)
	if bib == nil {
		start, end = len(blocks), len(blocks)
	}
	bib, moved := sc.earlierLists(blocks, secs, start, bib)
	if bib == nil {
		return nil, blocks
	}
	var rest []model.Block
	for i := 0; i < start; i++ {
		if !moved[i] {
			rest = append(rest, blocks[i])
		}
	}
	// A rule right before the bibliography only separated it.
	if n := len(rest); n > 0 && start < len(blocks) {
		if _, ok := rest[n-1].(*model.Rule); ok {
			rest = rest[:n-1]
		}
	}
	return bib, append(rest, blocks[end:]...)
}

// finalBibliography finds the bibliography that ends an article (package
// comment): blocks[start:end] are its title and entries.
func (sc scoreCache) finalBibliography(blocks []model.Block, secs []*section) (bib *model.Bibliography, start, end int) {
	after := 0 // words of the sections after secs[e] that are not back matter
	for e := len(secs) - 1; e >= 0; e-- {
		if e+1 < len(secs) && !backMatter(secs[e+1]) {
			after += blockWords(blocks[secs[e+1].start:secs[e+1].end])
		}
		body := sc.entriesEnd(blocks, secs[e], tailBudget-after)
		if after+tailWords(blocks[body:secs[e].end]) > tailBudget {
			break
		}
		s := sc.bestRun(blocks, secs[:e+1], body)
		if s < 0 {
			continue
		}
		return buildBibliography(blocks, secs[s:e+1], body), secs[s].start, body
	}
	return sc.untitledBibliography(blocks, secs)
}

// untitledBibliography finds a reference list set without a title at the
// end of an article (before any back matter): at least three entries in
// a row, each with two elements of a citation and two thirds with three,
// none reading as prose. Its title is left empty, for the article's
// language to name.
func (sc scoreCache) untitledBibliography(blocks []model.Block, secs []*section) (bib *model.Bibliography, start, end int) {
	from, to := 0, len(blocks)
	for i := len(secs) - 1; i >= 0; i-- {
		if !backMatter(secs[i]) {
			from, to = secs[i].start+1, secs[i].end
			break
		}
		to = secs[i].start
	}
	if from >= to {
		return nil, 0, 0
	}
	end = sc.entriesEnd(blocks, &section{start: from - 1, end: to}, tailBudget)
	start, n, strong := end, 0, 0
	for start > from {
		scores := sc.scoreBlocks(nil, blocks[start-1:start])
		ok := len(scores) > 0 && entryBlocks(blocks[start-1:start])
		switch blocks[start-1].(type) {
		case *model.Rule, *model.Table: // a table without a title is data
			ok = false
		}
		for _, e := range scores {
			ok = ok && e.citesWork() && !e.prose()
		}
		if !ok {
			break
		}
		for _, e := range scores {
			n++
			if e.points() >= 3 {
				strong++
			}
		}
		start--
	}
	if n < 3 || 3*strong < 2*n || start == 0 || people(sc.scoreBlocks(nil, blocks[start:end])) {
		return nil, 0, 0
	}
	bib = buildBibliography(blocks, []*section{{start: start - 1, end: end}}, end)
	bib.Title = ""
	return bib, start, end
}

// sections lists the titled sections of blocks (the untitled blocks
// before the first title are not a section).
func sections(blocks []model.Block, tc titleCache) []*section {
	var out []*section
	for i, b := range blocks {
		t := tc.of(b)
		if t == nil {
			continue
		}
		s := *t // the cache's copy stays as titleOf made it
		s.start = i
		if n := len(out); n > 0 {
			out[n-1].end = i
		}
		out = append(out, &s)
	}
	if n := len(out); n > 0 {
		out[n-1].end = len(blocks)
	}
	return out
}

// titleCache keeps titleOf's answers for the blocks of one article:
// finding its empty headings and then its bibliography ask whether each
// is set as a title, which takes its text and its words' classes.
type titleCache map[model.Block]*section

// of is titleOf(b). The section returned may be shared: callers copy it
// to change it. A heading's level may have changed since its section
// was kept (renumberHeadings runs in between): its section is remade
// with the new level, its title and kind being the same.
func (tc titleCache) of(b model.Block) *section {
	s, ok := tc[b]
	if !ok {
		s = titleOf(b)
		tc[b] = s
	}
	if h, ok := b.(*model.Heading); ok && s.level != h.Level {
		renumbered := *s
		renumbered.level = h.Level
		s = &renumbered
		tc[b] = s
	}
	return s
}

// titleOf returns the section a block starts, or nil.
func titleOf(b model.Block) *section {
	switch t := b.(type) {
	case *model.Heading:
		s := &section{level: t.Level, title: t.Inlines, strong: true}
		s.kind = titles().classify(s.text())
		return s
	case *model.Paragraph:
		return paragraphTitle(t.Inlines)
	}
	return nil
}

// paragraphTitle recognises a paragraph set as a title: bold (any
// words), italic or plain (words the lexicon knows), short, with nothing
// but text inside. It also splits a paragraph led by a bibliography title
// and a line break or colon from the entry that follows.
func paragraphTitle(ins []model.Inline) *section {
	ins = trimSpaceInlines(ins)
	inner, strong, emph := unwrap(ins)
	if onlyText(inner) {
		plain := model.PlainText(inner)
		if len(plain) > 300 {
			return nil // far more than 12 words: prose, not a title
		}
		text := cleanTitle(plain)
		n := lang.CountFields(text, 13) // 13: more than a title has
		if n == 0 || n > 12 || strings.HasSuffix(strings.TrimSpace(plain), ".") && n > 3 {
			return nil
		}
		k := titles().classify(text)
		switch {
		case strong:
			return &section{level: pseudoLevel, title: inner, kind: k, strong: true}
		case k != 0 && (emph || n <= 6):
			return &section{level: pseudoLevel, title: inner, kind: k}
		}
		return nil
	}
	return leadTitle(ins)
}

// leadTitle splits "**References:** Smith, J. …" or "References:\\nSmith …"
// into a title and its first entry, when the title names a bibliography
// and the rest reads as a citation. A bold or italic title followed by
// its colon alone ("**References**:") is a title line like "**References:**".
func leadTitle(ins []model.Inline) *section {
	if len(ins) < 2 {
		return nil
	}
	var title, rest []model.Inline
	switch t := ins[0].(type) {
	case *model.Strong:
		title, rest = t.Inlines, ins[1:]
	case *model.Emph:
		title, rest = t.Inlines, ins[1:]
	case *model.Text:
		head, tail, ok := strings.Cut(t.Text, ":")
		if !ok || !fewFields(head, 6) {
			return nil
		}
		title = []model.Inline{&model.Text{Text: head}}
		rest = append([]model.Inline{&model.Text{Text: tail}}, ins[1:]...)
	default:
		return nil
	}
	if !onlyText(title) {
		return nil
	}
	kind := titles().classify(cleanTitle(model.PlainText(title)))
	rest = trimSpaceInlines(trimLeadingColon(rest))
	if len(rest) == 0 {
		// "**References**:", the colon outside the bold: a title line
		_, strong := ins[0].(*model.Strong)
		if _, text := ins[0].(*model.Text); text || kind == 0 && !strong || !fewFields(model.PlainText(title), 12) {
			return nil
		}
		return &section{level: pseudoLevel, title: title, kind: kind, strong: strong}
	}
	if kind&titleBib == 0 {
		return nil
	}
	if first := paragraphLines(rest); len(first) == 0 || !scoreEntry(first[0]).cites() {
		return nil
	}
	return &section{level: pseudoLevel, title: title, lead: rest, kind: titleBib, strong: true}
}

// tailWords counts the words of the blocks that end a candidate's last
// section without being entries, licence and bio lines aside.
func tailWords(blocks []model.Block) int {
	words := 0
	for _, b := range blocks {
		if p, ok := b.(*model.Paragraph); !ok || !tailParagraph(p) {
			words += blockWords([]model.Block{b})
		}
	}
	return words
}

// backMatter reports whether a section is notes or back matter and not
// (also) a list of works.
func backMatter(s *section) bool {
	return s.kind&(titleNotes|titleBack) != 0 && s.kind&titleBib == 0
}

// bestRun returns the start of the bibliography whose last section is the
// last of secs and whose entries end at block body, or -1: the earliest
// start whose run is accepted (package comment, steps 4 and 5). Every
// section of a run must hold citations itself (or nothing: a title
// directly above a deeper one), so the search stops at the first that
// does not; each section is scored once.
func (sc scoreCache) bestRun(blocks []model.Block, secs []*section, body int) int {
	best := -1
	var all []entryScore // the entries of secs[i:], judged
	var later laterSections
	for i := len(secs) - 1; i >= 0; i-- {
		start := secs[i]
		end := start.end
		if i == len(secs)-1 {
			end = body
		}
		if backMatter(start) || !entryBlocks(blocks[start.start+1:end]) {
			break
		}
		own, ok := sc.scoreLenient(judged(start.lead, blocks[start.start+1:end]))
		if !ok || len(own) == 0 && i == len(secs)-1 || people(own) {
			break // not citations, nothing under the last title, or people
		}
		all = append(all, own...)
		if later.admit(start) && accepted(start, all) {
			best = i
		}
		later.add(start)
	}
	return best
}

// laterSections sums up the sections after a candidate start, enough to
// tell whether they may all continue a bibliography that starts there:
// each must be deeper than the start, or, under a bibliography title,
// another bibliography title ("References", then "Further reading") or,
// under a line set as a title, another bold line ("**Primary**").
type laterSections struct {
	some       bool
	minLevel   int  // highest level (smallest number) among them
	minNonBib  int  // the same among those whose titles are not bibliography titles
	weakPseudo bool // one of those is a line set as a title but not bold
}

func (l *laterSections) add(s *section) {
	if !l.some {
		l.some, l.minLevel, l.minNonBib = true, pseudoLevel+1, pseudoLevel+1
	}
	l.minLevel = min(l.minLevel, s.level)
	if s.kind&titleBib == 0 {
		l.minNonBib = min(l.minNonBib, s.level)
		l.weakPseudo = l.weakPseudo || s.level == pseudoLevel && !s.strong
	}
}

// admit reports whether the sections summed up may continue a
// bibliography that starts at start. (None of them is back matter: the
// search stops at back matter.)
func (l *laterSections) admit(start *section) bool {
	switch {
	case !l.some || l.minLevel > start.level:
		return true
	case start.kind&titleBib == 0:
		return false
	case l.minNonBib > start.level:
		return true
	}
	return start.level == pseudoLevel && l.minNonBib == pseudoLevel && !l.weakPseudo
}

// entryBlocks reports whether blocks can all be entries: paragraphs,
// lists and tables (a row per entry), quoted or not, all the way down.
// Anything else (code, a figure, a heading inside a list item) has no
// place in an entry.
func entryBlocks(blocks []model.Block) bool {
	ok := true
	model.WalkBlocks(blocks, func(b model.Block) {
		switch b.(type) {
		case *model.Paragraph, *model.List, *model.Quote, *model.Rule, *model.Table:
		default:
			ok = false
		}
	})
	return ok
}

// accepted reports whether the entries all of a run that starts at
// start make a bibliography: under a bibliography title, the lenient
// test; under one made with a word the lexicon does not know ("Paper
// References"), every entry must cite a work and show a date, a quoted
// title, a publisher, pages or a container (not only a name and a link:
// "Data Sources" over links to web sites); under any title set as a
// heading or a bold line, the strict test.
func accepted(start *section, all []entryScore) bool {
	switch start.kind & (titleBib | titleLoose) {
	case titleBib:
		return lenient(all)
	case titleBib | titleLoose:
		if len(all) > 0 && every(all, func(s entryScore) bool { return s.citesWork() && s.features&workFeatures != 0 && !s.prose() }) {
			return true
		}
	}
	return start.strong && strict(all)
}

func every(sc []entryScore, ok func(entryScore) bool) bool {
	for _, s := range sc {
		if !ok(s) {
			return false
		}
	}
	return true
}

// lenient is the test under a known title: more than half the entries
// show an element of a citation, fewer than half read as prose.
func lenient(sc []entryScore) bool {
	n, some, prose := len(sc), 0, 0
	for _, s := range sc {
		if s.points() >= 1 {
			some++
		}
		if s.prose() {
			prose++
		}
	}
	return n > 0 && 2*some > n && 2*prose < n
}

// strict is the test under an unknown title: at least three entries, two
// thirds of them naming an author or year beside another element that
// only a work has (a date, an italic or quoted title, a publisher, pages,
// a container: a name with a link is a page about someone or something),
// none reading as prose.
func strict(sc []entryScore) bool {
	n, cite := len(sc), 0
	for _, s := range sc {
		if s.prose() {
			return false
		}
		if s.citesWork() && s.features&(workFeatures|featItalic) != 0 {
			cite++
		}
	}
	return n >= 3 && 3*cite >= 2*n
}

// scoreBlocks scores the entries that lead and blocks would make (see
// judged).
func (sc scoreCache) scoreBlocks(lead []model.Inline, blocks []model.Block) []entryScore {
	var out []entryScore
	for _, e := range judged(lead, blocks) {
		out = append(out, sc.score(e))
	}
	return out
}

// judged lists the entries that lead and blocks would make, as they are
// judged. Where the section holds a list, its items are the entries
// judged: the paragraphs around it introduce or comment on it ("For a
// more complete rundown, see these links:"). They are kept as entries
// all the same.
func judged(lead []model.Inline, blocks []model.Block) [][]model.Inline {
	out := paragraphLines(lead)
	if listBefore(blocks) {
		var lists []model.Block
		for _, b := range blocks {
			if _, ok := b.(*model.List); ok {
				lists = append(lists, b)
			}
		}
		blocks = lists
	}
	for _, e := range entries(blocks, 0) {
		out = append(out, e.ins)
	}
	return out
}

// scoreLenient scores ents as far as needed to tell whether they pass
// lenient, or are none: ok is false as soon as too many read as prose or
// show no element for the rest to make up for it (a long section of
// prose is not scored to its end). When ok, every entry is scored.
func (sc scoreCache) scoreLenient(ents [][]model.Inline) (scores []entryScore, ok bool) {
	n, some, prose := len(ents), 0, 0
	for k, e := range ents {
		s := sc.score(e)
		scores = append(scores, s)
		if s.points() >= 1 {
			some++
		}
		if s.prose() {
			prose++
		}
		if 2*prose >= n || 2*(some+n-k-1) <= n {
			return scores, false
		}
	}
	return scores, n == 0 || lenient(scores)
}

// entriesEnd finds where the entries of the last section of a run end:
// rules, licence and bio lines, prose ("This tutorial was made possible
// with the support of …") and paragraphs without a single element of a
// citation that follow a list are not entries but tail. It stops looking
// once more than budget words would be tail: the candidate fails then.
func (sc scoreCache) entriesEnd(blocks []model.Block, last *section, budget int) int {
	body := last.end
	hasList := false
	for _, b := range blocks[last.start+1 : last.end] {
		if _, ok := b.(*model.List); ok {
			hasList = true
		}
	}
	words := 0
	for body > last.start+1 && words <= budget {
		switch t := blocks[body-1].(type) {
		case *model.Rule:
			body--
			continue
		case *model.Paragraph:
			if tailParagraph(t) {
				body--
				continue
			}
			s := sc.score(t.Inlines)
			if s.prose() && s.points() <= 1 || hasList && s.points() == 0 && listBefore(blocks[last.start+1:body-1]) {
				words += s.words
				body--
				continue
			}
		}
		break
	}
	return body
}

func listBefore(blocks []model.Block) bool {
	for _, b := range blocks {
		if _, ok := b.(*model.List); ok {
			return true
		}
	}
	return false
}

// tailParagraph reports whether a paragraph is back matter by itself: a
// licence line or one led by a back-matter title ("About the author: …").
func tailParagraph(p *model.Paragraph) bool {
	text := model.PlainText(p.Inlines)
	// the words counted first: a paragraph of prose is too long to be a
	// licence line, and is not lower-cased to be searched
	if fewFields(text, 80) && vocab().licence.in(toLower(text)) {
		return true
	}
	if len(p.Inlines) > 0 {
		switch t := p.Inlines[0].(type) {
		case *model.Strong:
			return titles().classify(cleanTitle(model.PlainText(t.Inlines)))&titleBack != 0
		case *model.Emph:
			return titles().classify(cleanTitle(model.PlainText(t.Inlines)))&titleBack != 0
		}
	}
	if head, _, ok := strings.Cut(text, ":"); ok && fewFields(head, 5) {
		return titles().classify(head)&titleBack != 0
	}
	return false
}

// buildBibliography makes the bibliography of run, whose last section's
// entries end at block body. The titles of the sections after the first
// and the lead-in lines inside them title groups of entries.
func buildBibliography(blocks []model.Block, run []*section, body int) *model.Bibliography {
	bib := &model.Bibliography{Title: displayTitle(run[0].text())}
	lists := 0
	var group []model.Inline
	for i, s := range run {
		if i > 0 {
			group = joinGroup(group, s.title)
		}
		end := s.end
		if i == len(run)-1 {
			end = body
		}
		var ents []entry
		for _, ln := range paragraphLines(s.lead) {
			ents = append(ents, entry{ins: ln, line: blocks[s.start].SourceLine()})
		}
		ents = append(ents, entries(blocks[s.start+1:end], 0)...)
		for _, b := range blocks[s.start+1 : end] {
			if l, ok := b.(*model.List); ok {
				lists++
				bib.Ordered = bib.Ordered || l.Ordered
			}
		}
		for _, e := range ents {
			be := &model.BibEntry{Pos: model.Pos{Line: e.line}, Inlines: e.ins}
			if g := joinGroup(group, e.group); len(g) > 0 {
				be.Group = g
			}
			group = nil
			bib.Entries = append(bib.Entries, be)
		}
	}
	if lists == 0 {
		bib.Ordered = false
	}
	return bib
}

// blockWords counts the words of blocks, for the tail budget.
func blockWords(blocks []model.Block) int {
	n := 0
	model.WalkInlinesInBlocks(blocks, func(in model.Inline) {
		switch t := in.(type) {
		case *model.Text:
			n += fieldCount(t.Text)
		case *model.Code:
			n += fieldCount(t.Text)
		}
	})
	model.WalkBlocks(blocks, func(b model.Block) {
		if c, ok := b.(*model.CodeBlock); ok {
			n += fieldCount(c.Text)
		}
	})
	return n
}

// unwrap removes bold or italic wrapping the whole of ins.
func unwrap(ins []model.Inline) (inner []model.Inline, strong, emph bool) {
	for len(ins) == 1 {
		switch w := ins[0].(type) {
		case *model.Strong:
			ins, strong = trimSpaceInlines(w.Inlines), true
			continue
		case *model.Emph:
			ins, emph = trimSpaceInlines(w.Inlines), true
			continue
		}
		break
	}
	return ins, strong, emph
}

func onlyText(ins []model.Inline) bool {
	if len(ins) == 0 {
		return false
	}
	for _, in := range ins {
		if _, ok := in.(*model.Text); !ok {
			return false
		}
	}
	return true
}

// trimSpaceInlines drops blank text at both ends of ins.
func trimSpaceInlines(ins []model.Inline) []model.Inline {
	blank := func(in model.Inline) bool {
		t, ok := in.(*model.Text)
		return ok && strings.TrimSpace(t.Text) == ""
	}
	for len(ins) > 0 && blank(ins[0]) {
		ins = ins[1:]
	}
	for len(ins) > 0 && blank(ins[len(ins)-1]) {
		ins = ins[:len(ins)-1]
	}
	return ins
}

func trimLeadingColon(ins []model.Inline) []model.Inline {
	if len(ins) == 0 {
		return ins
	}
	if t, ok := ins[0].(*model.Text); ok {
		s := strings.TrimLeft(t.Text, " \u00a0")
		if r, ok := strings.CutPrefix(s, ":"); ok {
			return append([]model.Inline{&model.Text{Text: r}}, ins[1:]...)
		}
	}
	return ins
}

// cleanTitle trims the spaces and closing colon or full stop around a
// title as written.
func cleanTitle(s string) string {
	return strings.TrimSpace(strings.TrimRightFunc(strings.TrimSpace(s), func(r rune) bool {
		return r == ':' || r == '.' || r == '：' || unicode.IsSpace(r)
	}))
}

// displayTitle is a bibliography's title as the renderers show it: as
// written, except that a title set in capitals by the author is given
// an initial capital only, since the renderers choose the case.
func displayTitle(title string) string {
	if title != strings.ToUpper(title) || title == strings.ToLower(title) {
		return title
	}
	r := []rune(strings.ToLower(title))
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}
