package csl

import (
	"strconv"
	"strings"

	"github.com/redtide/edition/internal/bib"
)

// Positions of a cite among the citations of a document.
const (
	posFirst = iota
	posSubsequent
	posIbid
	posIbidWithLocator
)

// citeInfo is a cite with what its place in the document tells.
type citeInfo struct {
	Cite
	position  int
	nearNote  bool
	firstNote int // note number of the item's first citation
	noteIndex int
}

// itemState is what the processor knows of an item across the document.
type itemState struct {
	item    *bib.Item
	number  int             // citation-number
	reg     int             // its place in Processor.order, while sorting
	english int8            // title case applies: 1 yes, 2 no, 0 not known yet
	suffix  int             // year-suffix, 1 for "a"; 0 none
	etAl    int             // names shown to disambiguate (add-names); 0 as the style says
	given   int             // given-name expansion: 1 initials, 2 full
	disamb  bool            // disambiguate="true" holds
	has     map[string]bool // variables with a value (see present)
	bits    varSet          // has, by index in cslVariables (see presentBits)
	bitsSet bool            // bits is made
	live    varSet          // bits and the dates (see liveBits)
	liveSet bool
	tbit    uint64 // the item's type in cslTypes (0 if not there), once typeSet
	typeSet bool
	notes   citedIn     // where the item is cited (see positions)
	facts   []deadFacts // the style's macro facts for the item's type (see ctx.dead)
}

// citedIn is where an item is cited: its first and last notes, once seen.
type citedIn struct {
	first, last int
	seen        bool
}

// typeBit is the bit of the item's type in cslTypes, 0 for a type not
// there.
func (st *itemState) typeBit() uint64 {
	if !st.typeSet {
		st.tbit, st.typeSet = cslTypes[st.item.Type], true
	}
	return st.tbit
}

// ctx is the state of rendering one item once.
type ctx struct {
	p          *Processor
	st         *itemState
	item       *bib.Item
	cite       *citeInfo // nil in the bibliography
	area       *elem     // <citation> or <bibliography>
	sorting    bool      // rendering a macro as a sort key
	called     int       // variables asked for
	rendered   int       // variables that gave text
	suppressed []string
	suppSet    varSet   // the suppressed variables that are in cslVariables
	vars       []string // variables rendered, for substitution
	tracking   int      // depth of substitutions being tried
	skipNames  bool     // leave out the first <names> (suppress-author, collapsing)
	substFor   *elem    // the <names> whose <substitute> is being tried
	steps      int      // elements evaluated, bounded against runaway styles
	suffixDone bool     // the year-suffix has been appended to a year
	depth      int
	stack      []*node // nodes of the groups being evaluated (see groupKids)
	live       varSet  // the variables that may have a value (see makeLive), once liveDone
	liveDone   bool
}

// newCtx starts the rendering of an item, for a cite or none (a
// bibliography entry, a sort key), in the <citation> or <bibliography>
// area. Renderings follow one another, and each reuses the scratch space
// of the one before (see release).
func (p *Processor) newCtx(st *itemState, cite *citeInfo, area *elem) *ctx {
	c := p.spare
	p.spare = nil
	if c == nil {
		c = &ctx{}
	}
	*c = ctx{p: p, st: st, item: st.item, cite: cite, area: area,
		stack: c.stack[:0], suppressed: c.suppressed[:0], vars: c.vars[:0]}
	return c
}

// release gives a finished rendering's state back for the next.
func (p *Processor) release(c *ctx) {
	clear(c.stack[:cap(c.stack)])
	clear(c.suppressed[:cap(c.suppressed)])
	clear(c.vars[:cap(c.vars)])
	p.spare = c
}

// groupKids evaluates an element's children and groups what they give
// with delim. The children's nodes gather on c.stack, shared by the
// whole rendering: most groups hold one node or none, and need no slice
// of their own.
func (c *ctx) groupKids(e *elem, delim string) *node {
	start := len(c.stack)
	c.pushKids(e)
	return c.groupFrom(start, delim)
}

// groupChoose evaluates the branch a <choose> takes, as one node.
func (c *ctx) groupChoose(e *elem) *node {
	start := len(c.stack)
	c.pushChoose(e)
	return c.groupFrom(start, "")
}

// groupFrom makes a node of the stack's nodes above start and pops them.
func (c *ctx) groupFrom(start int, delim string) *node {
	var n *node
	switch ks := c.stack[start:]; len(ks) {
	case 0:
	case 1:
		n = ks[0]
	default:
		n = c.p.newNode()
		n.kids, n.delim = c.p.kids(ks), delim
	}
	// the nodes left above start are written over before they are read
	// again, and release clears them
	c.stack = c.stack[:start]
	return n
}

func (c *ctx) pushKids(e *elem) {
	for _, k := range e.kids {
		if k.kind == kChoose {
			// the chosen branch's children join the parent's delimiting
			c.pushChoose(k)
			continue
		}
		if n := c.eval(k); n != nil { // eval gives nil for no text
			c.stack = append(c.stack, n)
		}
	}
}

func (c *ctx) pushChoose(e *elem) {
	if br := c.branch(e); br != nil {
		c.pushKids(br)
	}
}

// branch is the <if>, <else-if> or <else> a <choose> takes, or nil.
func (c *ctx) branch(e *elem) *elem {
	if e.byType != nil {
		// the kids the item's type may take, worked out once per type
		for _, x := range e.plans[e.byType[typeIndex(c.st.typeBit())]] {
			k := e.kids[x&^planSure]
			if x&planSure != 0 || k.varTest && c.testVars(k) || !k.varTest && c.test(k) {
				return k
			}
		}
		return nil
	}
	for _, k := range e.kids {
		if k.kind == kElse || ((k.kind == kIf || k.kind == kElseIf) && (k.varTest && c.testVars(k) || !k.varTest && c.test(k))) {
			return k
		}
	}
	return nil
}

// testVars is test for an <if> or <else-if> whose one condition tests
// variables by sets (most of them: without test's loops, inlined).
func (c *ctx) testVars(e *elem) bool {
	bits, m := c.st.presentBits(), &e.conds[0].varMask
	h0 := bits[0] &^ c.suppSet[0] & m[0]
	h1 := bits[1] &^ c.suppSet[1] & m[1]
	switch e.matchKind {
	case 'a':
		return h0|h1 != 0
	case 'n':
		return h0|h1 == 0
	}
	return h0 == m[0] && h1 == m[1]
}

// maxSteps bounds the elements one rendering evaluates: a style whose
// macros call each other in a tree could otherwise take exponential time.
const maxSteps = 200000

func (c *ctx) eval(e *elem) *node {
	if c.steps++; c.steps > maxSteps {
		return nil
	}
	var n *node
	// groups and macros give nil or a node that is not empty: groupFrom
	// makes it of the nodes eval gave, which are not empty (pushKids)
	made := false
	switch e.kind {
	case kText:
		n, made = c.evalText(e), e.textKind == 'm'
	case kNumber:
		n = c.evalNumber(e)
	case kLabel:
		n = c.evalLabel(e, "")
	case kNames:
		n = c.evalNames(e)
	case kDate:
		n = c.evalDate(e)
	case kGroup:
		n, made = c.evalGroup(e), true
	case kChoose:
		return c.groupChoose(e) // its nodes are not empty (pushKids)
	default:
		return nil
	}
	if n == nil || !made && n.empty() {
		return nil
	}
	return c.decorate(e, n)
}

func (c *ctx) evalGroup(e *elem) *node {
	called, rendered := c.called, c.rendered
	n := c.groupKids(e, e.delim)
	if c.called > called && c.rendered == rendered {
		return nil
	}
	return n
}

func (c *ctx) evalText(e *elem) *node {
	switch e.textKind {
	case 'v':
		return c.textVariable(e)
	case 'm':
		m := e.macroRef
		if m == nil || c.depth > maxDepth {
			return nil
		}
		if dead, calls := c.dead(m); dead {
			if calls {
				c.called++ // as walking it would: it asks for variables, which give nothing
				return nil
			}
			if e.safeNest >= 0 && c.depth+int(e.safeNest) <= maxDepth+1 {
				return nil // whether its walk would ask for one does not matter here (see factsFinder.sites)
			}
		}
		return c.walkMacro(m)
	case 't':
		s, _ := c.p.loc.term(e.textArg, e.form, e.attr("plural") == "true")
		n := c.text(s)
		if n != nil {
			n.term = true
		}
		return n
	case 'l':
		return c.rich(e.textArg)
	}
	return nil
}

func (c *ctx) macro(name string) *node {
	m := c.p.style.macros[name]
	if m == nil {
		return nil
	}
	return c.macroElem(m)
}

// maxDepth bounds the nesting of macro calls (a macro calling itself).
const maxDepth = 16

func (c *ctx) macroElem(m *elem) *node {
	if c.depth > maxDepth {
		return nil
	}
	if dead, calls := c.dead(m); dead && calls {
		c.called++ // as walking it would: it asks for variables, which give nothing
		return nil
	}
	return c.walkMacro(m)
}

// walkMacro evaluates macro m.
func (c *ctx) walkMacro(m *elem) *node {
	c.depth++ // back down below (newCtx resets it after a panic)
	// a macro is suppressed like a group when it calls variables and all
	// are empty, as citeproc-js does
	called, rendered := c.called, c.rendered
	n := c.groupKids(m, "")
	c.depth--
	if c.called > called && c.rendered == rendered {
		return nil
	}
	return n
}

// textVariable renders a standard variable for <text>.
func (c *ctx) textVariable(e *elem) *node {
	name := e.textArg
	c.called++
	if c.isSuppressed(name) {
		return nil
	}
	v := ""
	if e.shortVar != "" {
		v = c.variable(e.shortVar)
	}
	if v == "" && (e.varIdx < 0 || c.st.presentBits().has(int(e.varIdx))) {
		v = c.variable(name)
	}
	if v == "" {
		return nil
	}
	c.hit(name)
	switch name {
	case "page", "locator":
		v = c.formatRange(name, v)
	case "URL", "DOI":
		link := v
		if name == "DOI" {
			link = doiLink(v)
		}
		n := c.p.newNode()
		n.text, n.anchor, n.nocase = v, &anchor{link: link}, true
		return n
	case "citation-number", "year-suffix", "first-reference-note-number":
		return c.text(v)
	}
	return c.rich(v)
}

func doiLink(v string) string {
	if strings.HasPrefix(v, "http") {
		return v
	}
	return "https://doi.org/" + v
}

// variable returns a standard or number variable's value, including the
// variables a cite or the processor supplies.
func (c *ctx) variable(name string) string {
	switch name {
	case "locator":
		if c.cite != nil {
			return c.cite.Locator
		}
		return ""
	case "citation-number":
		return strconv.Itoa(c.st.number)
	case "year-suffix":
		if c.st.suffix > 0 {
			return yearSuffix(c.st.suffix)
		}
		return ""
	case "first-reference-note-number":
		if c.cite != nil && c.cite.firstNote > 0 {
			return strconv.Itoa(c.cite.firstNote)
		}
		return ""
	case "title-short":
		if v := c.item.Var("title-short"); v != "" {
			return v
		}
		return c.item.Var("shortTitle")
	case "container-title-short":
		if v := c.item.Var("container-title-short"); v != "" {
			return v
		}
		return c.item.Var("journalAbbreviation")
	case "page-first":
		if v := c.item.Var("page-first"); v != "" {
			return v
		}
		return firstPage(c.item.Var("page"))
	}
	return c.item.Var(name)
}

func firstPage(p string) string {
	if i := strings.IndexAny(p, "-–,&"); i >= 0 {
		return strings.TrimSpace(p[:i])
	}
	return p
}

// yearSuffix turns 1, 2, … 27 into a, b, … aa.
func yearSuffix(n int) string {
	s := ""
	for n > 0 {
		n--
		s = string(rune('a'+n%26)) + s
		n /= 26
	}
	return s
}

// decorate applies an element's formatting, quotes, case and affixes.
func (c *ctx) decorate(e *elem, n *node) *node {
	if !e.decorates {
		return n
	}
	if e.strip {
		n.leaves(func(l *node) { l.text = strings.ReplaceAll(l.text, ".", "") })
		if n.empty() {
			return nil // it was all periods
		}
	}
	if e.textCase != "" {
		c.applyCase(n, e.textCase)
	}
	w := n
	if n.prefix != "" || n.suffix != "" || n.quote || n.set|n.clear|n.flip != 0 {
		// n has decorations of its own, which go inside this element's
		w = c.p.wrap(n)
	}
	w.set |= e.fset
	w.clear |= e.fclear
	if e.quotes {
		w.quote = true
	}
	if !e.isLayout {
		w.prefix, w.suffix = e.prefix, e.suffix
	}
	return w
}

func (n *node) format(attr, v string) {
	type fx struct {
		attr, val  string
		set, clear Format
	}
	for _, f := range [...]fx{
		{"font-style", "italic", Italic, 0}, {"font-style", "oblique", Oblique, 0},
		{"font-style", "normal", 0, Italic | Oblique},
		{"font-weight", "bold", Bold, 0}, {"font-weight", "normal", 0, Bold},
		{"font-variant", "small-caps", SmallCaps, 0}, {"font-variant", "normal", 0, SmallCaps},
		{"text-decoration", "underline", Underline, 0}, {"text-decoration", "none", 0, Underline},
		{"vertical-align", "sup", Superscript, 0}, {"vertical-align", "sub", Subscript, 0},
		{"vertical-align", "baseline", 0, Superscript | Subscript},
	} {
		if f.attr == attr && f.val == v {
			n.set |= f.set
			n.clear |= f.clear
		}
	}
}

// english tells whether title case applies: the item's language, or the
// style's when the item has none, is English.
func (c *ctx) english() bool {
	if c.st.english == 0 { // asked once per item
		lang := c.item.Var("language")
		if lang == "" {
			lang = c.p.lang
		}
		c.st.english = 2
		if lang == "" || primary(lang) == "en" {
			c.st.english = 1
		}
	}
	return c.st.english == 1
}
