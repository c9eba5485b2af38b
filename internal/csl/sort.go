package csl

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/redtide/edition/internal/bib"
	"golang.org/x/text/unicode/norm"
)

// sortKey is one key of an item: text compared after folding, or a number.
type sortKey struct {
	text  string // folded
	num   int
	isNum bool
	desc  bool
	done  bool // computed (see keySet.key)
}

// sortBibliography orders the registered items as the bibliography's
// <sort> says (order of first citation otherwise), numbers them, and
// returns that order.
func (p *Processor) sortBibliography() []*itemState {
	order := append([]*itemState(nil), p.order...)
	var sortEl *elem
	if p.style.bibliography != nil {
		sortEl = p.style.bibliography.child("sort")
	}
	if sortEl == nil {
		return order
	}
	ks := newKeySet(p, sortEl, p.style.bibliography)
	slices.SortStableFunc(order, ks.compare)
	byNumber := false
	for _, k := range sortEl.kids {
		byNumber = byNumber || k.attr("variable") == "citation-number"
	}
	if !byNumber {
		for i, st := range order {
			st.number = i + 1
		}
	}
	return order
}

// sortCites orders a citation's cites as the citation's <sort> says, in
// room and infos (each as long as its cites).
func (p *Processor) sortCites(cit Citation, room []citeInfo, infos []*citeInfo) []*citeInfo {
	for i, ct := range cit.Cites {
		room[i] = citeInfo{Cite: ct}
		infos[i] = &room[i]
	}
	sortEl := p.style.citation.child("sort")
	if sortEl == nil || len(infos) < 2 {
		return infos
	}
	ks := newKeySet(p, sortEl, p.style.citation)
	sort.SliceStable(infos, func(i, j int) bool {
		a, b := p.states[infos[i].ID], p.states[infos[j].ID]
		if a == nil || b == nil {
			return b == nil && a != nil
		}
		return ks.less(a, b)
	})
	return infos
}

// keySet computes sort keys when a comparison first needs them: most
// comparisons are settled by the first key, and keys that render macros
// are costly.
type keySet struct {
	p    *Processor
	keys []*elem
	area *elem
	// memo holds the keys computed, for each key by the item's
	// registration (its place in p.order); a key's column is made when
	// a comparison first needs it (most are settled by the first keys)
	memo [][]sortKey
}

func newKeySet(p *Processor, sortEl *elem, area *elem) *keySet {
	ks := &keySet{p: p, area: area}
	for _, k := range sortEl.kids {
		if k.name == "key" {
			ks.keys = append(ks.keys, k)
		}
	}
	for i, st := range p.order {
		st.reg = i
	}
	ks.memo = make([][]sortKey, len(ks.keys))
	return ks
}

func (ks *keySet) key(st *itemState, i int) *sortKey {
	if ks.memo[i] == nil {
		ks.memo[i] = make([]sortKey, len(ks.p.order))
	}
	k := &ks.memo[i][st.reg]
	if !k.done {
		*k = ks.p.computeKey(ks.keys[i], st, ks.area)
		k.done = true
	}
	return k
}

func (ks *keySet) less(a, b *itemState) bool { return ks.compare(a, b) < 0 }

// compare orders two items by their keys, the first that differs.
func (ks *keySet) compare(a, b *itemState) int {
	for i := range ks.keys {
		if c := compareKeys(ks.key(a, i), ks.key(b, i)); c != 0 {
			return c
		}
	}
	return 0
}

// computeKey computes one sort key of an item.
func (p *Processor) computeKey(k *elem, st *itemState, area *elem) sortKey {
	p.arena.reset()
	c := p.newCtx(st, nil, area)
	defer p.release(c)
	c.sorting = true
	key := sortKey{desc: k.attr("sort") == "descending"}
	if v := k.attr("variable"); v != "" {
		key.text = c.variableKey(v)
		if n, ok := leadingNumber(key.text); ok && numberVariables[v] {
			key.num, key.isNum = n, true
		}
		key.text = fold(key.text)
	} else if m := k.attr("macro"); m != "" {
		// the macro's plain text folded from the processor's scratch
		// buffer: one string made, not two
		p.plainBuf = c.macro(m).appendPlain(p.plainBuf[:0])
		key.text = fold(p.plainBuf)
	}
	return key
}

var numberVariables = map[string]bool{
	"citation-number": true, "volume": true, "issue": true, "page": true, "number-of-pages": true,
	"number-of-volumes": true, "edition": true, "chapter-number": true, "collection-number": true,
	"number": true, "locator": true, "first-reference-note-number": true, "page-first": true,
}

func leadingNumber(s string) (int, bool) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return 0, false
	}
	n, err := strconv.Atoi(s[:i])
	return n, err == nil
}

func (c *ctx) variableKey(v string) string {
	if ns := c.item.Names[v]; len(ns) > 0 {
		var parts []string
		for _, nm := range ns {
			parts = append(parts, c.nameKey(nm))
		}
		return strings.Join(parts, "  ")
	}
	if d, ok := c.item.Dates[v]; ok {
		return dateKey(d)
	}
	return parseRich(c.variable(v)).plain()
}

// nameKey is a name as it sorts: family name (with its particle unless
// the style demotes it), then given name.
func (c *ctx) nameKey(nm bib.Name) string {
	nm = splitParticles(nm)
	if nm.Literal != "" {
		return nm.Literal
	}
	fam := nm.Family
	if c.p.style.demoteNDP == "never" {
		fam = joinParticle(nm.NonDroppingParticle, fam)
	}
	return strings.TrimSpace(fam + " " + nm.Given + " " + nm.DroppingParticle + " " + nm.NonDroppingParticle)
}

// compareKeys orders two values of one key: empty values last, whatever
// the direction.
func compareKeys(x, y *sortKey) int {
	if (x.text == "") != (y.text == "") {
		if y.text == "" {
			return -1
		}
		return 1
	}
	cmp := 0
	if x.isNum && y.isNum {
		cmp = x.num - y.num
	} else {
		cmp = strings.Compare(x.text, y.text)
	}
	if x.desc {
		return -cmp
	}
	return cmp
}

// fold makes text compare as people sort it: case and accents ignored,
// leading punctuation and quotation marks skipped.
func fold[T string | []byte](s T) string {
	var b strings.Builder
	b.Grow(len(s))
	add := func(r rune) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case b.Len() == 0 && (unicode.IsPunct(r) || unicode.IsSpace(r)):
		case r == '[' || r == ']':
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	if isASCII(s) {
		// ASCII is its own decomposition, has no marks, and lowers a
		// byte at a time
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case b.Len() == 0 && (unicode.IsPunct(rune(c)) || unicode.IsSpace(rune(c))):
			case c == '[' || c == ']':
			default:
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				b.WriteByte(c)
			}
		}
		return b.String()
	}
	// decomposed a segment at a time, not into a copy of the whole
	var it norm.Iter
	switch s := any(s).(type) {
	case string:
		it.InitString(norm.NFD, s)
	case []byte:
		it.Init(norm.NFD, s)
	}
	for !it.Done() {
		for seg := it.Next(); len(seg) > 0; {
			r, size := utf8.DecodeRune(seg)
			add(r)
			seg = seg[size:]
		}
	}
	return b.String()
}

func isASCII[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
