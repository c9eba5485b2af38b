package csl

import (
	"strconv"
	"unicode"

	"github.com/redtide/edition/internal/bib"
)

// inheritable is the attribute that carries a name option on <style>,
// <citation> and <bibliography>, "" for an option not inherited (a
// switch: every name asks for several options).
func inheritable(opt string) string {
	switch opt {
	case "and", "delimiter-precedes-et-al", "delimiter-precedes-last", "et-al-min",
		"et-al-use-first", "et-al-use-last", "et-al-subsequent-min", "et-al-subsequent-use-first",
		"initialize", "initialize-with", "name-as-sort-order", "sort-separator":
		return opt
	case "form":
		return "name-form"
	case "delimiter":
		return "name-delimiter"
	}
	return ""
}

// nameOpts are the name options of one <name> (or of none) in one
// area, <citation> or <bibliography>, its own or inherited: resolved once
// per style (see Style.resolveNames), as every name asks for several.
type nameOpts struct {
	val [len(nameOptNames)]string
	set [len(nameOptNames)]bool
}

// nameOptNames are the options resolved in nameOpts.
var nameOptNames = [...]string{"and", "delimiter-precedes-et-al", "delimiter-precedes-last", "et-al-min",
	"et-al-use-first", "et-al-use-last", "et-al-subsequent-min", "et-al-subsequent-use-first",
	"initialize", "initialize-with", "name-as-sort-order", "sort-separator", "form", "delimiter"}

// nameOptIndex is opt's index in nameOptNames, -1 if not there.
func nameOptIndex(opt string) int {
	switch opt {
	case "and":
		return 0
	case "delimiter-precedes-et-al":
		return 1
	case "delimiter-precedes-last":
		return 2
	case "et-al-min":
		return 3
	case "et-al-use-first":
		return 4
	case "et-al-use-last":
		return 5
	case "et-al-subsequent-min":
		return 6
	case "et-al-subsequent-use-first":
		return 7
	case "initialize":
		return 8
	case "initialize-with":
		return 9
	case "name-as-sort-order":
		return 10
	case "sort-separator":
		return 11
	case "form":
		return 12
	case "delimiter":
		return 13
	}
	return -1
}

// resolveNames resolves the name options of every <name>, and of none,
// in <citation> and <bibliography>.
func (s *Style) resolveNames() {
	areas := [2]*elem{s.citation, s.bibliography}
	resolve := func(nameEl, area *elem) *nameOpts {
		if area == nil {
			return nil
		}
		c := &ctx{p: &Processor{style: s}, area: area}
		o := &nameOpts{}
		for i, opt := range nameOptNames {
			o.val[i], o.set[i] = c.lookupNameOpt(nameEl, opt)
		}
		return o
	}
	for i, a := range areas {
		s.noName[i] = resolve(nil, a)
	}
	var walk func(e *elem)
	walk = func(e *elem) {
		if e.name == "name" {
			e.nameOpts = new([2]*nameOpts)
			for i, a := range areas {
				e.nameOpts[i] = resolve(e, a)
			}
		}
		for _, k := range e.kids {
			walk(k)
		}
	}
	walk(s.root)
}

// nameOpt reads a name option from <name>, or inherits it.
func (c *ctx) nameOpt(nameEl *elem, opt string) (string, bool) {
	if i := nameOptIndex(opt); i >= 0 {
		area := -1
		switch c.area {
		case c.p.style.citation:
			area = 0
		case c.p.style.bibliography:
			area = 1
		}
		var o *nameOpts
		switch {
		case area < 0:
		case nameEl == nil:
			o = c.p.style.noName[area]
		case nameEl.nameOpts != nil:
			o = nameEl.nameOpts[area]
		}
		if o != nil {
			return o.val[i], o.set[i]
		}
	}
	return c.lookupNameOpt(nameEl, opt)
}

// lookupNameOpt is nameOpt, read from the elements.
func (c *ctx) lookupNameOpt(nameEl *elem, opt string) (string, bool) {
	if v, ok := nameEl.lookup(opt); ok {
		return v, true
	}
	if inh := inheritable(opt); inh != "" {
		if v, ok := c.area.lookup(inh); ok {
			return v, true
		}
		return c.p.style.root.lookup(inh)
	}
	return "", false
}

func (c *ctx) evalNames(e *elem) *node {
	c.called++
	if c.skipNames {
		c.skipNames = false
		return nil
	}
	opts := e
	if c.substFor != nil && shorthand(e) {
		opts = c.substFor
	}
	if n := c.namesFor(e, opts); n != nil {
		c.rendered++
		return n
	}
	sub := e.child("substitute")
	if sub == nil {
		return nil
	}
	outer := c.substFor
	c.substFor = e
	c.tracking++
	defer func() { c.tracking--; c.substFor = outer }()
	if r := c.substitute(sub); r != nil {
		c.rendered++
		// what stands for the names counts as them (author-only
		// cites, subsequent-author-substitute)
		r.names = true
		return r
	}
	return nil
}

// shorthand tells whether a <names> is the short form that, inside a
// <substitute>, inherits the <name>, <et-al> and <label> of the <names>
// substituted for (CSL 1.0.2, "Substitute").
func shorthand(e *elem) bool {
	for _, k := range e.kids {
		switch k.name {
		case "name", "et-al", "label", "substitute":
			return false
		}
	}
	return true
}

// substitute renders the first of the elements that gives text. The
// children of the branch a <choose> takes count as elements of their own,
// as citeproc-js tests each element at the substitute's level: of
// <choose><if …><names variable="editor"/><names variable="translator"/>,
// only the editors stand in for the author. Groups and macros count as
// one element. Variables the winner rendered are suppressed for the rest
// of the rendering.
func (c *ctx) substitute(parent *elem) *node {
	for _, k := range parent.kids {
		if k.name == "choose" {
			if br := c.branch(k); br != nil {
				if r := c.substitute(br); r != nil {
					return r
				}
			}
			continue
		}
		before := len(c.vars)
		if r := c.eval(k); !r.empty() {
			for _, v := range c.vars[before:] {
				c.suppress(v)
			}
			return r
		}
	}
	return nil
}

func (c *ctx) suppress(v string) {
	c.suppressed = append(c.suppressed, v)
	if i, ok := varIndex[v]; ok {
		c.suppSet.add(i)
	}
}

// isSuppressed tells whether a substitution has used the variable up; the
// list is short, and most renderings have none.
func (c *ctx) isSuppressed(v string) bool {
	for _, s := range c.suppressed {
		if s == v {
			return true
		}
	}
	return false
}

// namesFor renders the name variables of the <names> element e, with the
// <name>, <et-al> and <label> of opts (e itself, or the <names> a
// shorthand inherits from). The delimiter between the variables is e's
// own, else the one opts or the <citation> or <bibliography> sets.
func (c *ctx) namesFor(e, opts *elem) *node {
	vars := e.vars
	type list struct {
		v     string
		names []bib.Name
	}
	var room [4]list // <names> rarely has more variables; no allocation
	lists := room[:0]
	bits := c.st.presentBits()
	for i, v := range vars {
		if j := idxOf(e, i); j >= 0 && !bits.has(j) {
			continue // no names (nor any other value) by that name
		}
		if ns := c.item.Names[v]; len(ns) > 0 && !c.isSuppressed(v) {
			lists = append(lists, list{v, ns})
		}
	}
	if len(lists) == 2 && lists[0].v == "editor" && lists[1].v == "translator" && sameNames(lists[0].names, lists[1].names) {
		lists = []list{{"editortranslator", lists[0].names}}
	}
	if len(lists) == 0 {
		return nil
	}
	nameEl := opts.child("name")
	if form, _ := c.nameOpt(nameEl, "form"); form == "count" {
		total := 0
		for _, l := range lists {
			total += len(c.shownNames(nameEl, l.names))
		}
		return c.text(strconv.Itoa(total))
	}
	var outRoom [4]*node // c.group copies it
	out := outRoom[:0]
	for _, l := range lists {
		c.track(l.v)
		out = append(out, c.nameList(opts, nameEl, l.v, l.names))
	}
	delim, ok := e.lookup("delimiter")
	if !ok {
		delim, ok = opts.lookup("delimiter")
	}
	if !ok {
		delim, _ = c.area.lookup("names-delimiter")
	}
	n := c.group(out, delim)
	if n != nil {
		n.names = true
	}
	return n
}

// idxOf is the index in cslVariables of the i-th variable of <names> e,
// -1 when unknown (or e was made without prepare).
func idxOf(e *elem, i int) int {
	if i < len(e.varIdxs) {
		return e.varIdxs[i]
	}
	return -1
}

func sameNames(a, b []bib.Name) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// shownNames is how many names et-al abbreviation keeps (all when none).
func (c *ctx) shownNames(nameEl *elem, names []bib.Name) []bib.Name {
	min, first := c.intOpt(nameEl, "et-al-min"), c.intOpt(nameEl, "et-al-use-first")
	if c.cite != nil && c.cite.position != posFirst && !c.sorting {
		if v, ok := c.nameOpt(nameEl, "et-al-subsequent-min"); ok {
			min = atoi(v)
		}
		if v, ok := c.nameOpt(nameEl, "et-al-subsequent-use-first"); ok {
			first = atoi(v)
		}
	}
	if min <= 0 || len(names) < min {
		return names
	}
	if c.st.etAl > first {
		first = c.st.etAl
	}
	if first <= 0 {
		first = 1
	}
	if first >= len(names) {
		return names
	}
	return names[:first]
}

func (c *ctx) intOpt(nameEl *elem, opt string) int {
	v, _ := c.nameOpt(nameEl, opt)
	return atoi(v)
}

// atoi is strconv.Atoi's number, 0 when there is none, without making
// the error that most calls (options not set) would throw away.
func atoi(v string) int {
	if v == "" {
		return 0
	}
	n, _ := strconv.Atoi(v)
	return n
}

// nameList renders one variable's names with their label.
func (c *ctx) nameList(opts, nameEl *elem, v string, names []bib.Name) *node {
	shown := c.shownNames(nameEl, names)
	// a list the database cut short ("and others") ends in et al. even
	// when it is shorter than et-al-min, as citeproc-js renders a final
	// "others"
	forced := c.item.EtAl[v]
	etAl := len(shown) < len(names) || forced
	delim, ok := c.nameOpt(nameEl, "delimiter")
	if !ok {
		delim = ", "
	}
	var partsRoom [8]*node // most lists are short: no allocation
	var invertedRoom [8]bool
	parts, inverted := partsRoom[:0], invertedRoom[:0]
	for i, nm := range shown {
		n, inv := c.name(nameEl, nm, i)
		if n != nil {
			n.role = 'p'
		}
		parts = append(parts, n)
		inverted = append(inverted, inv)
	}
	body := c.p.newNode()
	body.role = 'l'
	var kidsRoom [18]*node // gathered on the stack, kept in the arena
	ks := kidsRoom[:0]
	for i, p := range parts {
		if i > 0 {
			ks = append(ks, c.text(c.joiner(nameEl, delim, i, len(parts), inverted[i-1], etAl)))
		}
		ks = append(ks, p)
	}
	if etAl {
		ks = c.etAl(ks, opts, nameEl, delim, shown, names, inverted[len(inverted)-1])
	}
	body.kids = c.p.kids(ks)
	if nameEl != nil {
		body = c.decorate(nameEl, body)
		body.role = 'l'
	}
	return c.withLabel(opts, nameEl, v, body, len(names) > 1 || forced)
}

// joiner is what stands before the i-th name of n.
func (c *ctx) joiner(nameEl *elem, delim string, i, n int, prevInverted, etAl bool) string {
	and, _ := c.nameOpt(nameEl, "and")
	if i < n-1 || etAl || and == "" {
		return delim
	}
	word := "&"
	if and == "text" {
		word, _ = c.p.loc.term("and", "long", false)
	}
	prec, _ := c.nameOpt(nameEl, "delimiter-precedes-last")
	if precedes(prec, n, prevInverted) {
		return delim + word + " "
	}
	return " " + word + " "
}

func precedes(rule string, n int, prevInverted bool) bool {
	switch rule {
	case "always":
		return true
	case "never":
		return false
	case "after-inverted-name":
		return prevInverted
	}
	return n >= 3
}

// etAl appends to ks the nodes of "et al." or, with et-al-use-last,
// "… Last".
func (c *ctx) etAl(ks []*node, opts, nameEl *elem, delim string, shown, names []bib.Name, lastInverted bool) []*node {
	if v, _ := c.nameOpt(nameEl, "et-al-use-last"); v == "true" && len(names) >= len(shown)+2 {
		last, _ := c.name(nameEl, names[len(names)-1], len(names)-1)
		return append(ks, c.text(delim+"… "), last)
	}
	el := opts.child("et-al")
	termName := "et-al"
	if el != nil && el.attr("term") != "" {
		termName = el.attr("term")
	}
	s, _ := c.p.loc.term(termName, "long", false)
	if s == "" {
		return ks
	}
	prec, _ := c.nameOpt(nameEl, "delimiter-precedes-et-al")
	sep := " "
	if prec == "always" || (prec == "after-inverted-name" && lastInverted) || ((prec == "" || prec == "contextual") && len(shown) >= 2) {
		sep = delim
	}
	t := c.text(s)
	if el != nil {
		t = c.decorate(el, t)
	}
	return append(ks, c.text(sep), t)
}

func (c *ctx) withLabel(opts, nameEl *elem, v string, body *node, plural bool) *node {
	lab := opts.child("label")
	if lab == nil {
		return body
	}
	form := lab.attr("form")
	if form == "" {
		form = "long"
	}
	switch lab.attr("plural") {
	case "always":
		plural = true
	case "never":
		plural = false
	}
	s, _ := c.p.loc.term(v, form, plural)
	if s == "" {
		return body
	}
	l := c.decorate(lab, c.text(s))
	l.role = 'L'
	before := true
	for _, k := range opts.kids {
		if k == nameEl {
			break
		}
		if k == lab {
			return c.p.wrap(l, body)
		}
	}
	_ = before
	return c.p.wrap(body, l)
}

func isCJK(s string) bool {
	for _, r := range s {
		return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
	}
	return false
}
