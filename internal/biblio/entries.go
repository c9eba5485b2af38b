package biblio

// Entries where the source separates them. A reference list is written
// as a list (one entry per item, nested lists adding their own), as
// paragraphs (one entry per line where lines are broken by <br> or a
// hard break), as table rows, or as numbered paragraphs run together
// ("[1] … [2] …" on consecutive lines, which Markdown joins into one
// paragraph). Lines that introduce a list without being a citation
// ("*On OCR, see:*", an item "Primary sources" over a nested list) are
// not entries: they title the group of entries that follows.

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/redtide/edition/internal/lazy"
	"github.com/redtide/edition/internal/model"
)

// entry is one work of a reference list as the source separates it.
type entry struct {
	ins   []model.Inline
	group []model.Inline // the lead-in line, table caption or header that titles the entries from this one on
	line  int
}

// entries turns blocks into bibliography entries. Each entry's line is
// its paragraph's or its top list item's; line, when not 0, stands for
// all of them (the blocks inside a quotation).
func entries(blocks []model.Block, line int) []entry {
	var out []entry
	for i, b := range blocks {
		at := line
		if at == 0 {
			at = b.SourceLine()
		}
		switch t := b.(type) {
		case *model.Paragraph:
			if leadsList(blocks, i) {
				continue // the list after it takes it as its group
			}
			for _, ln := range paragraphLines(t.Inlines) {
				out = append(out, entry{ins: ln, line: at})
			}
		case *model.List:
			var group []model.Inline
			if i > 0 && leadsList(blocks, i-1) {
				group = unwrapLine(blocks[i-1].(*model.Paragraph).Inlines)
			}
			for _, it := range t.Items {
				at := line
				if at == 0 {
					at = it.Line
				}
				for _, e := range itemEntries(it.Blocks, at) {
					e.group = joinGroup(group, e.group)
					group = nil
					out = append(out, e)
				}
			}
		case *model.Quote:
			out = append(out, entries(t.Blocks, at)...)
		case *model.Table:
			out = append(out, tableEntries(t, at)...)
		}
	}
	return out
}

// itemEntries are the entries of one list item: its paragraphs are one
// entry (joined by a space), its nested lists add their own. An item
// whose text titles its nested list (see leadItem) is the group title
// of the nested entries instead ("Primary sources" over its works).
func itemEntries(blocks []model.Block, line int) []entry {
	var out []entry
	var cur []model.Inline
	flush := func() {
		if cur = trimSpaceInlines(cur); len(cur) > 0 {
			out = append(out, entry{ins: cur, line: line})
		}
		cur = nil
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
			var nested []entry
			for _, it := range t.Items {
				nested = append(nested, itemEntries(it.Blocks, line)...)
			}
			if cur = trimSpaceInlines(cur); leadItem(cur, nested) {
				nested[0].group = joinGroup(unwrapLine(cur), nested[0].group)
				cur = nil
			}
			flush()
			out = append(out, nested...)
		case *model.Quote:
			flush()
			out = append(out, entries(t.Blocks, line)...)
		}
	}
	flush()
	return out
}

// leadItem reports whether the text of a list item titles the entries of
// the list nested in it: it is not a citation, and it is set as a lead-in
// line, or its words make a title ("Primary sources", "Fonti a stampa"),
// or most nested entries are citations where it is not. An item that
// names a work with a note under it ("Lutz, Learning Python" over
// "Re-read and review Chs. 1-17") stays an entry, and so does its note.
func leadItem(ins []model.Inline, nested []entry) bool {
	if len(ins) == 0 || len(nested) == 0 || scoreEntry(ins).cites() {
		return false
	}
	if leadIn(ins) || titles().classify(cleanTitle(model.PlainText(ins))) != 0 {
		return true
	}
	cite := 0
	for _, e := range nested {
		if scoreEntry(e.ins).cites() {
			cite++
		}
	}
	return 2*cite > len(nested)
}

// paragraphLines splits a paragraph into its entries: one per line where
// lines are broken, each line split again where it runs numbered
// references together or holds the rows of a table that was not read
// as one. A paragraph whose broken lines lay out the parts of one
// reference (authors, then title, then venue, each on its own line) is
// one entry: it is a citation, and fewer than half its lines are.
func paragraphLines(ins []model.Inline) [][]model.Inline {
	var lines [][]model.Inline
	var cur []model.Inline
	flush := func() {
		if cur = trimSpaceInlines(cur); len(cur) > 0 {
			lines = append(lines, cur)
		}
		cur = nil
	}
	for _, in := range ins {
		if _, ok := in.(*model.LineBreak); ok {
			flush()
			continue
		}
		cur = append(cur, in)
	}
	flush()
	if len(lines) > 1 && fieldedReference(ins, lines) {
		return [][]model.Inline{trimSpaceInlines(ins)}
	}
	var out [][]model.Inline
	for _, ln := range lines {
		for _, row := range pipeRows(ln) {
			out = append(out, numbered(row)...)
		}
	}
	return out
}

// fieldedReference reports whether the lines of a paragraph are the
// parts of one reference rather than references (see paragraphLines).
func fieldedReference(ins []model.Inline, lines [][]model.Inline) bool {
	cite := 0
	for _, ln := range lines {
		if scoreEntry(ln).cites() {
			cite++
		}
	}
	return 2*cite < len(lines) && scoreEntry(ins).cites()
}

// leadsList reports whether blocks[i] is a paragraph that introduces
// the list after it, which has entries.
func leadsList(blocks []model.Block, i int) bool {
	p, ok := blocks[i].(*model.Paragraph)
	if !ok || i+1 >= len(blocks) {
		return false
	}
	l, ok := blocks[i+1].(*model.List)
	return ok && leadIn(p.Inlines) && len(entries([]model.Block{l}, 0)) > 0
}

// leadIn reports whether a paragraph just before a list introduces it
// rather than being an entry: it is not a citation, and it is set as a
// line of its own kind, all in italics or bold, or short and ending
// with a colon ("Pour aller plus loin sur l'OCR :").
func leadIn(ins []model.Inline) bool {
	ins = trimSpaceInlines(ins)
	if len(ins) == 0 || scoreEntry(ins).cites() {
		return false
	}
	if _, strong, emph := unwrap(ins); strong || emph {
		return true
	}
	text := strings.TrimSpace(model.PlainText(ins))
	return strings.HasSuffix(text, ":") && fewFields(text, leadInWords)
}

// leadInWords is how many words a plain line ending with a colon may
// have to title a group ("Primary sources:", "Sur l'OCR :"). A longer
// one is a sentence introducing the list ("If you are interested in …,
// see:"), and stays an entry, as the list's introduction.
const leadInWords = 8

// unwrapLine is a lead-in line as a group title: without the emphasis
// around all of it and without its closing colon.
func unwrapLine(ins []model.Inline) []model.Inline {
	inner, _, _ := unwrap(trimSpaceInlines(ins))
	inner = append([]model.Inline(nil), inner...)
	if n := len(inner); n > 0 {
		if t, ok := inner[n-1].(*model.Text); ok {
			if s := strings.TrimRight(t.Text, " \u00a0\u202f:"); s != t.Text && s != "" {
				inner[n-1] = &model.Text{Text: s}
			}
		}
	}
	return inner
}

// joinGroup joins two group titles, the outer first.
func joinGroup(outer, inner []model.Inline) []model.Inline {
	switch {
	case len(outer) == 0:
		return inner
	case len(inner) == 0:
		return outer
	}
	out := append([]model.Inline(nil), outer...)
	out = append(out, &model.Text{Text: " — "})
	return append(out, inner...)
}

// tableEntries makes one entry of each row of a table, its cells joined.
// The header is an entry too if it is a citation; otherwise it names the
// columns and, with the caption, titles the group of the rows.
func tableEntries(t *model.Table, line int) []entry {
	group := append([]model.Inline(nil), t.Caption...)
	var out []entry
	if head := joinCells(t.Header); len(head) > 0 {
		if scoreEntry(head).cites() {
			out = append(out, entry{ins: head, line: line})
		} else {
			group = joinGroup(group, head)
		}
	}
	for _, r := range t.Rows {
		if row := joinCells(r); len(row) > 0 {
			out = append(out, entry{ins: row, line: line})
		}
	}
	if len(out) == 0 {
		if len(group) > 0 {
			out = append(out, entry{ins: group, line: line})
		}
		return out
	}
	out[0].group = group
	return out
}

// reLabel is a cell or line that only numbers an entry: "[1]", "1.", "12".
var reLabel = lazy.Regexp(`^\[?\d{1,4}[\].)]?$`)

// joinCells joins a row's cells into one entry: a full stop and a space
// between them, or only the space after a cell that ends with its own
// punctuation or only numbers the row.
func joinCells(cells []model.Cell) []model.Inline {
	var out []model.Inline
	prev := ""
	for _, c := range cells {
		ins := trimInlines(c.Inlines)
		text := model.PlainText(ins)
		if text == "" {
			continue
		}
		if prev != "" {
			sep := ". "
			if strings.ContainsAny(prev[len(prev)-1:], ".,;:!?") || reLabel().MatchString(prev) {
				sep = " "
			}
			out = append(out, &model.Text{Text: sep})
		}
		out = append(out, ins...)
		prev = text
	}
	return out
}

// pipeRows splits a line made of the rows of a pipe table that the
// Markdown engine did not read as a table (kramdown's tables need no
// header, GFM's do): "| [1] | Smith, J. … | | [2] | Jones, A. … |" is
// two rows of two cells. Rows are told apart by the blank segment
// between the closing pipe of one and the opening pipe of the next; the
// first row must have no empty cell, and every row as many cells as the
// first, or the line is left whole.
func pipeRows(ins []model.Inline) [][]model.Inline {
	text := strings.TrimSpace(model.PlainText(ins))
	if !strings.HasPrefix(text, "|") || !strings.HasSuffix(text, "|") || strings.Count(text, "|") < 3 {
		return [][]model.Inline{ins}
	}
	segs := splitInlines(ins, func(s string) []int {
		var at []int
		for i := 0; i < len(s); i++ {
			if s[i] == '|' && (i == 0 || s[i-1] != '\\') {
				at = append(at, i)
			}
		}
		return at
	}, 1)
	blank := func(seg []model.Inline) bool { return strings.TrimSpace(model.PlainText(seg)) == "" }
	k := 0 // cells per row
	for k+1 < len(segs) && !blank(segs[k+1]) {
		k++
	}
	if k == 0 || !blank(segs[0]) || (len(segs)-1)%(k+1) != 0 {
		return [][]model.Inline{ins}
	}
	var rows [][]model.Inline
	for r := 1; r+k < len(segs); r += k + 1 {
		if !blank(segs[r+k]) {
			return [][]model.Inline{ins}
		}
		cells := make([]model.Cell, k)
		for c := range k {
			cells[c] = model.Cell{Inlines: segs[r+c]}
		}
		rows = append(rows, joinCells(cells))
	}
	return rows
}

// reNumber finds the numbers of numbered references: "[1]", "[12]".
var reNumber = lazy.Regexp(`\[(\d{1,4})\]`)

// numbered splits a line that starts with a numbered reference ("[1]")
// where the following numbers ("[2]", "[3]" …) start new ones, after a
// space: Markdown joins consecutive lines into one paragraph.
func numbered(ins []model.Inline) [][]model.Inline {
	text := strings.TrimSpace(model.PlainText(ins))
	m := reNumber().FindStringSubmatchIndex(text)
	if m == nil || m[0] != 0 {
		return [][]model.Inline{ins}
	}
	next, _ := strconv.Atoi(text[m[2]:m[3]])
	next++
	parts := splitInlines(ins, func(s string) []int {
		var at []int
		for _, m := range reNumber().FindAllStringSubmatchIndex(s, -1) {
			n, _ := strconv.Atoi(s[m[2]:m[3]])
			if n == next && m[0] > 0 && (s[m[0]-1] == ' ' || s[m[0]-1] == '\n') && opensEntry(s[m[1]:]) {
				at = append(at, m[0])
				next++
			}
		}
		return at
	}, 0)
	var out [][]model.Inline
	for _, p := range parts {
		if p = trimInlines(p); len(p) > 0 {
			out = append(out, p)
		}
	}
	return out
}

// opensEntry reports whether rest, the text after a number "[2]", opens
// an entry: a space, then a letter, a digit or a quotation mark. "[2],
// topics drift" cites a note; "[2] Jones, A." starts a reference.
func opensEntry(rest string) bool {
	t := strings.TrimLeft(rest, " ")
	if len(t) == len(rest) || t == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(quoteOpeners, r)
}

// splitInlines splits ins at the places cut finds in the text of its
// top-level Text inlines (byte offsets), dropping skip bytes at each.
// Other inlines (emphasis, links) are never split.
func splitInlines(ins []model.Inline, cut func(string) []int, skip int) [][]model.Inline {
	var out [][]model.Inline
	var cur []model.Inline
	for _, in := range ins {
		t, ok := in.(*model.Text)
		if !ok {
			cur = append(cur, in)
			continue
		}
		from := 0
		for _, at := range cut(t.Text) {
			if at > from {
				cur = append(cur, &model.Text{Text: t.Text[from:at]})
			}
			out = append(out, cur)
			cur = nil
			from = at + skip
		}
		if from < len(t.Text) {
			cur = append(cur, &model.Text{Text: t.Text[from:]})
		}
	}
	return append(out, cur)
}

// trimInlines drops the spaces at both ends of ins, inside its first and
// last Text inlines too: the pieces of a split line keep none.
func trimInlines(ins []model.Inline) []model.Inline {
	ins = trimSpaceInlines(ins)
	if len(ins) == 0 {
		return ins
	}
	out := append([]model.Inline(nil), ins...)
	if t, ok := out[0].(*model.Text); ok {
		out[0] = &model.Text{Text: strings.TrimLeftFunc(t.Text, unicode.IsSpace)}
	}
	if t, ok := out[len(out)-1].(*model.Text); ok {
		out[len(out)-1] = &model.Text{Text: strings.TrimRightFunc(t.Text, unicode.IsSpace)}
	}
	return out
}
