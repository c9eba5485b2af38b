package csl

import "sync"

// A macro gives nothing for an item that has none of the variables it
// could print, when it prints nothing else: Chicago's macros are called
// some 120 times per cite or entry, and most give nothing, after walking
// down their chooses and groups to find it out. What such a macro does
// for such an item is known when the style is read: it asks for a
// variable (c.called, which lets the group around it be suppressed) and
// gives nil. macroElem does just that (see dead).
//
// The variables the cite or the processor supply, or that are derived
// from others (locator, citation-number, title-short, ...), count as the
// rendering's: they are live when the value they would take is there
// (see ctx.makeLive).
//
// A macro whose walk may or may not ask for a variable (a <choose>
// without <else>) is skipped where that does not matter: at a call
// whose group or macro asks for one anyway through another of its
// elements, or that stands in no group or macro that could be
// suppressed (the layout, a substitute: its <names> asked already). See
// factsFinder.sites.
//
// Terms and literal text do not keep a macro from being skipped when
// they stand in a group (or the macro itself) that certainly asks for a
// variable: with none of its variables there, nothing renders, and the
// group is suppressed. What renders without the item's variables and
// counts as rendered (c.rendered: a variable of the cite or the
// processor, a substitute for names) does.
//
// Walking a macro has no other effect when it gives nothing: rendered
// variables are counted and tracked only when they give text, and a
// substitution suppresses variables only when it gives text. The one
// state a walk changes is skipNames (the first <names> clears it), so a
// rendering that has it set walks. And the walk counts its steps against
// maxSteps: a style whose renderings could reach that bound (see
// expanded) never skips.

// macroFacts is what an element may do, evaluated for an item that has
// none of the variables in vars (see ctx.makeLive).
type macroFacts struct {
	vars  varSet // the item's variables it may print
	quiet bool   // it may print, without counting a variable rendered (a term, a literal)
	loud  bool   // it may count a variable rendered (c.rendered), and print
	calls bool   // it certainly asks for a variable (c.called)
	nest  int    // the depth of the macro calls it makes, itself included
}

// silent tells whether a macro's facts allow skipping it where it gives
// nothing: at a safe call, or anywhere when it certainly asks for a
// variable.
func (f *macroFacts) silent() bool { return !f.quiet && !f.loud && f.nest > 0 }

// noNest marks a macro that calls itself, directly or not.
const noNest = -1

// factsFinder works out the facts of a style's macros, each once, for
// items of one type (typed; tbit its bit in cslTypes, 0 for a type not
// there) or of any.
type factsFinder struct {
	done     map[*elem]*macroFacts
	visiting map[*elem]bool
	typed    bool
	tbit     uint64
}

func newFactsFinder() *factsFinder {
	return &factsFinder{done: map[*elem]*macroFacts{}, visiting: map[*elem]bool{}}
}

// macro returns the facts of macro m.
func (ff *factsFinder) macro(m *elem) macroFacts {
	if f := ff.done[m]; f != nil {
		return *f
	}
	if ff.visiting[m] {
		// a macro that calls itself: as if it could do anything
		return macroFacts{quiet: true, loud: true, nest: noNest}
	}
	ff.visiting[m] = true
	f := ff.group(m.kids)
	delete(ff.visiting, m)
	if f.nest != noNest {
		f.nest++
	}
	ff.done[m] = &f
	return f
}

// seq combines the facts of elements evaluated one after the other into
// one list (a branch's kids join the list of the group around it): any
// may print, the list asks for a variable when any of them does.
func (ff *factsFinder) seq(ks []*elem) macroFacts {
	var f macroFacts
	for _, k := range ks {
		g := ff.elem(k)
		f.or(g)
		f.calls = f.calls || g.calls
	}
	return f
}

// group is seq for a group or a macro, which is suppressed when it asks
// for a variable and none renders: then what it may print quietly is
// printed only if it does not certainly ask for one.
func (ff *factsFinder) group(ks []*elem) macroFacts {
	f := ff.seq(ks)
	f.quiet = f.quiet && !f.calls
	return f
}

// or adds what g may do, and its nesting, to f.
func (f *macroFacts) or(g macroFacts) {
	f.vars[0] |= g.vars[0]
	f.vars[1] |= g.vars[1]
	f.quiet = f.quiet || g.quiet
	f.loud = f.loud || g.loud
	if f.nest == noNest || g.nest == noNest {
		f.nest = noNest
	} else {
		f.nest = max(f.nest, g.nest)
	}
}

// variable is the facts of an element that prints variable name and
// counts it rendered when it does (a text, a number, a date): loud when
// the variable is not in cslVariables (see ctx.makeLive).
func variable(name string) macroFacts {
	f := macroFacts{calls: true}
	if i, ok := varIndex[name]; ok {
		f.vars.add(i)
	} else {
		f.loud = true
	}
	return f
}

// elem returns the facts of one element as eval (or pushKids, for a
// <choose>) evaluates it.
func (ff *factsFinder) elem(e *elem) macroFacts {
	switch e.kind {
	case kText:
		switch e.textKind {
		case 'v':
			f := variable(e.textArg)
			if e.shortVar != "" {
				g := variable(e.shortVar) // looked up first
				f.vars[0] |= g.vars[0]
				f.vars[1] |= g.vars[1]
				f.loud = f.loud || g.loud
			}
			return f
		case 'm':
			if e.macroRef == nil {
				return macroFacts{}
			}
			return ff.macro(e.macroRef)
		case 't', 'l':
			return macroFacts{quiet: true}
		}
		return macroFacts{}
	case kNumber, kDate:
		return variable(e.attr("variable"))
	case kLabel:
		// a label asks for nothing and counts nothing: it prints its
		// term when the variable has a value
		name := e.attr("variable")
		f := macroFacts{}
		if i, ok := varIndex[name]; ok {
			f.vars.add(i)
		} else {
			f.quiet = true
		}
		return f
	case kNames:
		f := macroFacts{calls: true}
		for _, v := range e.vars {
			g := variable(v)
			f.vars[0] |= g.vars[0]
			f.vars[1] |= g.vars[1]
			f.loud = f.loud || g.loud
		}
		if sub := e.child("substitute"); sub != nil {
			// what stands for the names counts as rendered
			g := ff.substitute(sub)
			f.or(g)
			f.loud = f.loud || g.quiet || g.loud
			f.quiet = false
		}
		return f
	case kGroup:
		return ff.group(e.kids)
	case kChoose:
		if ff.typed && e.byType != nil {
			return ff.plan(e)
		}
		var f macroFacts
		all, hasElse := true, false
		for _, k := range e.kids {
			switch k.kind {
			case kIf, kElseIf, kElse:
			default:
				continue // branch passes it over
			}
			hasElse = hasElse || k.kind == kElse
			g := ff.seq(k.kids)
			f.or(g)
			all = all && g.calls
		}
		// the walk asks for a variable whichever branch it takes, and
		// it takes one
		f.calls = all && hasElse
		return f
	}
	return macroFacts{}
}

// plan is the facts of a <choose> for items of the finder's type: of the
// kids the type may take (see ctx.branch), one is taken when the last is
// sure to be.
func (ff *factsFinder) plan(e *elem) macroFacts {
	var f macroFacts
	all, sure := true, false
	for _, x := range e.plans[e.byType[typeIndex(ff.tbit)]] {
		g := ff.seq(e.kids[x&^planSure].kids)
		f.or(g)
		all = all && g.calls
		sure = x&planSure != 0
	}
	f.calls = all && sure
	return f
}

// substitute is what a <substitute> may do: each of its elements is a
// candidate, and so is each element of the branches of its chooses.
func (ff *factsFinder) substitute(sub *elem) macroFacts {
	var f macroFacts
	for _, k := range sub.kids {
		if k.name == "choose" {
			for _, br := range k.kids {
				f.or(ff.substitute(br))
			}
			continue
		}
		f.or(ff.elem(k))
	}
	return f
}

// typedFacts are the facts of a style's macros for items of one type,
// by macro (see Style.macroList), side by side (a rendering asks about
// dozens of macros).
type typedFacts struct {
	once  sync.Once
	facts []deadFacts
}

// deadFacts is what ctx.dead needs of a macro's facts.
type deadFacts struct {
	vars   varSet
	nest   int32
	calls  bool
	silent bool // its facts allow skipping it (macroFacts.silent)
}

// prepareFacts finds whether the style's renderings are bounded below
// maxSteps (only then may a macro be skipped: the steps it would have
// taken are not counted), numbers its macros, and marks the safe calls.
// The facts of the macros are worked out for each item type when a
// rendering first needs them (see factsFor): a choose that goes through
// types settles more for one.
func (s *Style) prepareFacts() {
	if expanded(s.root, map[*elem]int{}, map[*elem]bool{}) >= maxSteps {
		return
	}
	s.skipping = true
	for _, k := range s.root.kids {
		if k.name == "macro" && s.macros[k.attr("name")] == k {
			k.macroIdx = int32(len(s.macroList))
			s.macroList = append(s.macroList, k)
		}
	}
	ff := newFactsFinder()
	for _, m := range s.macros {
		ff.sites(m.kids, false)
	}
	for _, area := range []*elem{s.citation, s.bibliography} {
		if l := area.child("layout"); l != nil {
			ff.sites(l.kids, true) // a layout is suppressed by nothing
		}
	}
}

// sites marks the macro calls among ks, the content of one group or
// macro (or of a layout: asked is true), as safe when the content asks
// for a variable anyway, through a kid other than the call (or the
// choose it is in) that certainly asks for one, and goes on into the
// groups and substitutes under them. A safe call records the depth its
// content's macro calls reach: the kid that asks does so certainly only
// within maxDepth (see ctx.dead).
func (ff *factsFinder) sites(ks []*elem, asked bool) {
	certain, nest := 0, 0 // the kids that certainly ask for a variable, the depth of calls
	for _, k := range ks {
		f := ff.elem(k)
		if f.calls {
			certain++
		}
		if nest != noNest {
			if f.nest == noNest {
				nest = noNest
			} else {
				nest = max(nest, f.nest)
			}
		}
	}
	for _, k := range ks {
		switch {
		case asked:
			ff.site(k, 0)
		case nest != noNest && (certain > 1 || certain == 1 && !ff.elem(k).calls):
			ff.site(k, nest)
		default:
			ff.site(k, noNest)
		}
	}
}

// site marks e, or the calls in the branches of the choose e is, as
// safe within nest (noNest: not safe), and goes on under e.
func (ff *factsFinder) site(e *elem, nest int) {
	switch e.kind {
	case kText:
		if e.textKind == 'm' {
			e.safeNest = int8(min(nest, maxDepth+1))
		}
	case kChoose:
		for _, br := range e.kids {
			for _, k := range br.kids {
				ff.site(k, nest)
			}
		}
	case kGroup:
		ff.sites(e.kids, false)
	case kNames:
		if sub := e.child("substitute"); sub != nil {
			ff.substituteSites(sub) // the names asked already
		}
	}
}

// substituteSites marks the calls of a substitute's candidates safe, and
// goes on under them.
func (ff *factsFinder) substituteSites(sub *elem) {
	for _, k := range sub.kids {
		if k.name == "choose" {
			for _, br := range k.kids {
				ff.substituteSites(br)
			}
			continue
		}
		ff.site(k, 0)
	}
}

// expanded bounds the elements a rendering evaluates under e: e and its
// kids, each macro called expanded in place, and of a <choose> the
// branch that evaluates most (a walk takes one). It is maxSteps for a
// macro that calls itself.
func expanded(e *elem, memo map[*elem]int, visiting map[*elem]bool) int {
	if n, ok := memo[e]; ok {
		return n
	}
	if visiting[e] {
		return maxSteps
	}
	visiting[e] = true
	n := 1
	if e.textKind == 'm' && e.macroRef != nil {
		n += expanded(e.macroRef, memo, visiting)
	}
	if e.kind == kChoose {
		most := 0
		for _, k := range e.kids {
			most = max(most, expanded(k, memo, visiting))
		}
		n = min(n+most, maxSteps)
	} else {
		for _, k := range e.kids {
			n = min(n+expanded(k, memo, visiting), maxSteps)
		}
	}
	delete(visiting, e)
	memo[e] = n
	return n
}

// factsFor returns the facts of the style's macros for items whose type
// has bit tbit in cslTypes, worked out once (renderings of one style may
// run in goroutines of their own).
func (s *Style) factsFor(tbit uint64) []deadFacts {
	tf := &s.typed[typeIndex(tbit)]
	tf.once.Do(func() {
		ff := newFactsFinder()
		ff.typed, ff.tbit = true, tbit
		tf.facts = make([]deadFacts, len(s.macroList))
		for i, m := range s.macroList {
			f := ff.macro(m)
			tf.facts[i] = deadFacts{vars: f.vars, nest: int32(f.nest), calls: f.calls, silent: f.silent()}
		}
	})
	return tf.facts
}

// dead tells whether macro m certainly gives nothing for the item and
// the cite of c (see the file's comment), at the depth c is at, and
// whether its walk certainly asks for a variable.
func (c *ctx) dead(m *elem) (dead, calls bool) {
	if m.macroIdx < 0 || c.skipNames {
		return false, false
	}
	fs := c.st.facts
	if fs == nil {
		if !c.p.style.skipping {
			return false, false
		}
		fs = c.p.style.factsFor(c.st.typeBit())
		c.st.facts = fs
	}
	f := &fs[m.macroIdx]
	if !f.silent || c.depth+int(f.nest) > maxDepth+1 {
		return false, false
	}
	if !c.liveDone {
		c.makeLive()
	}
	return f.vars[0]&c.live[0] == 0 && f.vars[1]&c.live[1] == 0, f.calls
}

// The indexes of the variables the cite or the processor supply, or
// that are derived from others (see ctx.variable).
var (
	idxLocator        = varIndex["locator"]
	idxCitationNumber = varIndex["citation-number"]
	idxYearSuffix     = varIndex["year-suffix"]
	idxFirstNote      = varIndex["first-reference-note-number"]
	idxTitleShort     = varIndex["title-short"]
	idxContainerShort = varIndex["container-title-short"]
	idxPageFirst      = varIndex["page-first"]
	idxPage           = varIndex["page"]
)

// makeLive makes c.live, the set of variables that may have a value in
// this rendering: the item's (see liveBits), and those the cite or the
// processor supply, or that are derived, when what they would take is
// there; made once per rendering.
func (c *ctx) makeLive() {
	c.liveDone = true
	c.live = *c.st.liveBits()
	c.live.add(idxCitationNumber) // never empty
	if c.cite != nil && c.cite.Locator != "" {
		c.live.add(idxLocator)
	}
	if c.st.suffix > 0 {
		c.live.add(idxYearSuffix)
	}
	if c.cite != nil && c.cite.firstNote > 0 {
		c.live.add(idxFirstNote)
	}
	if c.item.Var("shortTitle") != "" {
		c.live.add(idxTitleShort)
	}
	if c.item.Var("journalAbbreviation") != "" {
		c.live.add(idxContainerShort)
	}
	if c.live.has(idxPage) {
		c.live.add(idxPageFirst)
	}
}
