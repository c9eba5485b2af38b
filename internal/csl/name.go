package csl

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/redtide/edition/internal/bib"
)

// name renders one name; inverted tells whether it came out family first.
func (c *ctx) name(nameEl *elem, nm bib.Name, i int) (*node, bool) {
	nm = splitParticles(nm)
	if nm.Literal != "" || (nm.Given == "" && nm.Family != "" && nm.NonDroppingParticle == "" && nm.DroppingParticle == "") {
		lit := nm.Literal
		if lit == "" {
			lit = nm.Family
		}
		return c.namePart(nameEl, "family", c.rich(lit)), false
	}
	lvl := c.givenLevel(nm, i)
	form, _ := c.nameOpt(nameEl, "form")
	if form == "short" && lvl == 0 {
		return c.familyPart(nameEl, nm), false
	}
	given := c.givenText(nameEl, nm, lvl)
	order, _ := c.nameOpt(nameEl, "name-as-sort-order")
	inverted := c.sorting || order == "all" || (order == "first" && i == 0)
	if isCJK(nm.Family) {
		return &node{kids: []*node{c.familyPart(nameEl, nm), c.namePart(nameEl, "given", c.text(given))}}, false
	}
	if inverted {
		return c.invertedName(nameEl, nm, given, lvl), true
	}
	var kidRoom [5]*node
	kids := kidRoom[:0]
	add := func(k *node, sep string) {
		if !k.empty() {
			if len(kids) > 0 {
				kids = append(kids, c.text(sep))
			}
			kids = append(kids, k)
		}
	}
	g := given
	if nm.DroppingParticle != "" {
		g = joinParticle(g, nm.DroppingParticle)
	}
	add(c.namePart(nameEl, "given", c.rich(g)), " ")
	add(c.familyPart(nameEl, nm), " ")
	if nm.Suffix != "" {
		sep := " "
		if nm.CommaSuffix {
			sep = ", "
		}
		add(c.text(nm.Suffix), sep)
	}
	n := c.p.newNode()
	if len(kids) > 0 {
		n.kids = c.p.kids(kids)
	}
	return n, false
}

// givenLevel is how far disambiguation expands the i-th name: 0 as the
// style says, 1 initials, 2 the full given name.
func (c *ctx) givenLevel(nm bib.Name, i int) int {
	lvl := c.st.given
	if c.cite != nil && c.p.nameLevel != nil {
		if l := c.p.nameLevel[nameKey(nm)]; l > lvl {
			lvl = l
		}
	}
	return lvl
}

// invertedName writes a name family first: "Gogh, Vincent van" (particles
// demoted) or "van Gogh, Vincent".
func (c *ctx) invertedName(nameEl *elem, nm bib.Name, given string, lvl int) *node {
	sep, ok := c.nameOpt(nameEl, "sort-separator")
	if !ok {
		sep = ", "
	}
	demote := c.p.style.demoteNDP == "display-and-sort"
	famNm := nm
	var tailRoom [2]*node
	tail := tailRoom[:0]
	if nm.DroppingParticle != "" {
		tail = append(tail, c.text(nm.DroppingParticle))
	}
	if demote && nm.NonDroppingParticle != "" {
		tail = append(tail, c.formatPart(nameEl, "family", c.text(nm.NonDroppingParticle)))
		famNm.NonDroppingParticle = ""
	}
	var givenRoom [5]*node
	givenKids := append(givenRoom[:0], c.rich(given))
	for _, t := range tail {
		if !strings.HasSuffix(given, "’") && given != "" || len(givenKids) > 1 {
			givenKids = append(givenKids, c.text(" "))
		}
		givenKids = append(givenKids, t)
	}
	gn := c.group(givenKids, "")
	if gn != nil && lvl == 0 {
		if form, _ := c.nameOpt(nameEl, "form"); form == "short" {
			gn = nil
		}
	}
	var kidRoom [5]*node
	kids := append(kidRoom[:0], c.familyPart(nameEl, famNm))
	if gp := c.givenPartNode(nameEl, gn); gp != nil {
		kids = append(kids, c.text(sep), gp)
	}
	if nm.Suffix != "" {
		kids = append(kids, c.text(sep), c.text(nm.Suffix))
	}
	n := c.p.newNode()
	n.kids = c.p.kids(kids)
	return n
}

func (c *ctx) givenPartNode(nameEl *elem, gn *node) *node {
	if gn.empty() {
		return nil
	}
	part := namePartEl(nameEl, "given")
	if part == nil {
		return gn
	}
	w := c.p.wrap(gn)
	w.prefix, w.suffix = part.attr("prefix"), part.attr("suffix")
	return w
}

// familyPart is the non-dropping particle and the family name.
func (c *ctx) familyPart(nameEl *elem, nm bib.Name) *node {
	fam := nm.Family
	if nm.NonDroppingParticle != "" {
		fam = joinParticle(nm.NonDroppingParticle, fam)
	}
	return c.namePart(nameEl, "family", c.rich(fam))
}

func joinParticle(a, b string) string {
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	last, _ := utf8.DecodeLastRuneInString(a)
	if last == '\'' || last == '’' || last == '-' {
		return strings.ReplaceAll(a, "'", "’") + b
	}
	return a + " " + b
}

func namePartEl(nameEl *elem, part string) *elem {
	if nameEl == nil {
		return nil
	}
	for _, k := range nameEl.kids {
		if k.name == "name-part" && k.attr("name") == part {
			return k
		}
	}
	return nil
}

// namePart applies a <name-part>'s formatting and affixes.
func (c *ctx) namePart(nameEl *elem, part string, n *node) *node {
	if e := namePartEl(nameEl, part); e != nil && !n.empty() {
		return c.decorate(e, n)
	}
	return n
}

// formatPart applies a <name-part>'s formatting without its affixes.
func (c *ctx) formatPart(nameEl *elem, part string, n *node) *node {
	e := namePartEl(nameEl, part)
	if e == nil || n.empty() {
		return n
	}
	w := c.decorate(e, n)
	w.prefix, w.suffix = "", ""
	return w
}

// givenText is the given name, initialized when the style says so and
// disambiguation has not expanded it.
func (c *ctx) givenText(nameEl *elem, nm bib.Name, lvl int) string {
	with, ok := c.nameOpt(nameEl, "initialize-with")
	if !ok || lvl >= 2 {
		return nm.Given
	}
	form, _ := c.nameOpt(nameEl, "form")
	if lvl == 1 && form != "short" {
		return nm.Given
	}
	if init, _ := c.nameOpt(nameEl, "initialize"); init == "false" {
		return normalizeInitials(nm.Given, with)
	}
	return initials(nm.Given, with, c.p.style.initHyphen)
}

// initials turns "John Paul" into "J. P." and "Jean-Paul" into "J.-P.".
func initials(given, with string, hyphen bool) string {
	var b strings.Builder
	for i, word := range strings.Fields(given) {
		_ = i
		for j, part := range strings.Split(word, "-") {
			r, _ := utf8.DecodeRuneInString(part)
			if r == utf8.RuneError {
				continue
			}
			if j > 0 {
				trimmed := strings.TrimRight(b.String(), " ")
				b.Reset()
				b.WriteString(trimmed)
				if hyphen {
					b.WriteString("-")
				}
			}
			if unicode.IsLower(r) && j == 0 && !strings.Contains(part, ".") {
				b.WriteString(part + " ")
				continue
			}
			b.WriteString(string(unicode.ToUpper(r)) + with)
			if strings.Count(part, ".") > 1 {
				for _, rest := range strings.Split(strings.Trim(part, "."), ".")[1:] {
					if rr, _ := utf8.DecodeRuneInString(rest); rr != utf8.RuneError {
						b.WriteString(string(rr) + with)
					}
				}
			}
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// normalizeInitials keeps full names but spaces given initials as the
// style says ("J.R." -> "J. R.") when initialize="false".
func normalizeInitials(given, with string) string {
	var words []string
	for _, w := range strings.Fields(given) {
		if len(w) <= 2 && strings.HasSuffix(w, ".") || len(w) == 1 {
			words = append(words, strings.TrimSuffix(w, ".")+strings.TrimSpace(with))
			continue
		}
		words = append(words, w)
	}
	return strings.Join(words, " ")
}

// splitParticles reads particles written into the family or given name:
// family "van Gogh" has the non-dropping particle "van", given "Jean de"
// the dropping particle "de".
func splitParticles(nm bib.Name) bib.Name {
	if nm.Suffix == "" && strings.Contains(nm.Given, ",") {
		g, suf, _ := strings.Cut(nm.Given, ",")
		suf = strings.TrimSpace(suf)
		if strings.HasPrefix(suf, "!") {
			nm.CommaSuffix = true
			suf = strings.TrimSpace(suf[1:])
		}
		nm.Given, nm.Suffix = strings.TrimSpace(g), suf
	}
	if nm.Literal != "" || nm.NonDroppingParticle != "" || nm.DroppingParticle != "" {
		return nm
	}
	if hasSpace(nm.Family) || indexApostrophe(nm.Family) >= 0 {
		var fs []string
		if hasSpace(nm.Family) {
			fs = strings.Fields(nm.Family)
		}
		i := 0
		for i < len(fs)-1 && isParticle(fs[i]) {
			i++
		}
		if i > 0 {
			nm.NonDroppingParticle = strings.Join(fs[:i], " ")
			nm.Family = strings.Join(fs[i:], " ")
		} else if j := indexApostrophe(nm.Family); j > 0 && isParticle(nm.Family[:j]) {
			q := nm.Family[j:]
			_, size := utf8.DecodeRuneInString(q)
			nm.NonDroppingParticle = nm.Family[:j] + "’"
			nm.Family = q[size:]
		}
	}
	if !hasSpace(nm.Given) {
		return nm
	}
	if gs := strings.Fields(nm.Given); len(gs) > 1 && isParticle(gs[len(gs)-1]) {
		i := len(gs) - 1
		for i > 1 && isParticle(gs[i-1]) {
			i--
		}
		nm.DroppingParticle = strings.Join(gs[i:], " ")
		nm.Given = strings.Join(gs[:i], " ")
	}
	return nm
}

func isParticle(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// hasSpace tells whether s has a space strings.Fields would split at:
// most names are one word, and need no splitting.
func hasSpace(s string) bool {
	return strings.IndexFunc(s, unicode.IsSpace) >= 0
}

// indexApostrophe is strings.IndexAny(s, "'’") a byte at a time (see
// hasRichMarks).
func indexApostrophe(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == '\'' || s[i] == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x99 {
			return i
		}
	}
	return -1
}
