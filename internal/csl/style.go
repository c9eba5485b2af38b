package csl

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"slices"
	"strings"
)

// elem is one element of a style or locale. Styles are kept as a tree of
// elements and interpreted while rendering: unknown elements and attributes
// are carried along and ignored, never an error.
//
// The fields the interpreter reads for every element it evaluates come
// first, those of choosing and calling next, then those of text and
// decoration: a rendering walks hundreds of elements spread over the
// style, and most of its cache misses were theirs.
type elem struct {
	// read once from the attributes, for the elements every cite
	// evaluates (see prepare)
	kind      byte // the element, for the interpreter's switches (see kinds)
	textKind  byte // <text>: 'v'ariable, 'm'acro, 't'erm, 'l' value; 0 none
	matchKind byte // 'a' any, 'n' none, 0 all
	decorates bool // has formatting, affixes, quotes, case or display
	quotes    bool
	strip     bool
	isLayout  bool   // <layout>, whose affixes its caller adds
	varTest   bool   // <if>, <else-if>: one condition, on variables by sets (see ctx.testVars)
	fset      Format // font decorations switched on and off
	fclear    Format
	varIdx    int32   // <text variable>: the variable's index in cslVariables, -1 when special or unknown
	kids      []*elem // children
	conds     []cond  // the tests of <if> and <else-if>, split once

	macroRef *elem // the macro a <text macro> calls, set by ParseStyle
	macroIdx int32 // a <macro>'s index in Style.macroList, -1 for any other element
	safeNest int8  // a <text macro>: safe within this depth of calls (see factsFinder.sites), -1 not
	// <choose>: for each item type (typeIndex), the kids the type may
	// take, in order, as plans[byType[type]] (see prepareChoose)
	byType []uint8
	plans  [][]uint8

	textArg        string // the variable, macro, term or value
	shortVar       string // <text variable form="short">: the variable's short form ("title-short")
	delim          string // the delimiter attribute
	textCase       string
	prefix, suffix string
	form           string
	vars           []string      // the variable attribute of <names>, split once
	varIdxs        []int         // each of vars' index in cslVariables, -1 if none
	nameOpts       *[2]*nameOpts // <name>: its options in <citation> and <bibliography>, set by ParseStyle

	name  string
	attrs []xml.Attr
	text  string // character data (terms, info fields)
	line  int
	match string // <if>'s match
}

// cond is one condition attribute with its values; what the tests by
// sets read comes first.
type cond struct {
	isType, isVariable, isNumeric bool // attr is "type", "variable", "is-numeric"
	// for type tests whose values are all in cslTypes: their bits, tested
	// against the item's in one step
	typeBits bool
	typeMask uint64
	// for variable tests whose values are all in cslVariables (none
	// special): their set, tested against the item's in a few steps
	varBits bool
	varMask varSet

	attr string
	vals []string
	idx  []int // for variable tests: each value's index in cslVariables, -1 if none
}

// cslTypes are the item types of CSL 1.0.2, each a bit of a type test.
var cslTypes = func() map[string]uint64 {
	m := map[string]uint64{}
	for i, t := range strings.Fields(`article article-journal article-magazine article-newspaper
		bill book broadcast chapter classic collection dataset document entry entry-dictionary
		entry-encyclopedia event figure graphic hearing interview legal_case legislation
		manuscript map motion_picture musical_score pamphlet paper-conference patent performance
		periodical personal_communication post post-weblog regulation report review review-book
		software song speech standard thesis treaty webpage`) {
		m[t] = 1 << i
	}
	return m
}()

// Kinds of the elements the interpreter evaluates; 0 is any other.
const (
	kText byte = iota + 1
	kNumber
	kLabel
	kNames
	kDate
	kGroup
	kChoose
	kIf
	kElseIf
	kElse
)

var kinds = map[string]byte{
	"text": kText, "number": kNumber, "label": kLabel, "names": kNames, "date": kDate,
	"group": kGroup, "choose": kChoose, "if": kIf, "else-if": kElseIf, "else": kElse,
}

// decoAttrs are the attributes decorate applies.
var decoAttrs = map[string]bool{
	"font-style": true, "font-weight": true, "font-variant": true, "text-decoration": true,
	"vertical-align": true, "prefix": true, "suffix": true, "quotes": true, "text-case": true,
	"strip-periods": true, "display": true,
}

// prepare splits conditions and notes which elements decorate their
// output, once, so that rendering does not redo it for every cite.
func (e *elem) prepare() {
	for _, a := range e.attrs {
		if decoAttrs[a.Name.Local] {
			e.decorates = true
		}
		if e.name == "if" || e.name == "else-if" {
			switch a.Name.Local {
			case "type", "variable", "is-numeric", "is-uncertain-date", "locator", "position", "disambiguate":
				cd := cond{attr: a.Name.Local, vals: strings.Fields(a.Value),
					isType: a.Name.Local == "type", isVariable: a.Name.Local == "variable", isNumeric: a.Name.Local == "is-numeric"}
				cd.typeBits = cd.isType
				cd.varBits = cd.isVariable && len(cd.vals) > 0
				for _, v := range cd.vals {
					if b, ok := cslTypes[v]; ok && cd.isType {
						cd.typeMask |= b
					} else {
						cd.typeBits = false
					}
					i, ok := varIndex[v]
					if !ok || special[v] {
						i = -1
						cd.varBits = false
					} else {
						cd.varMask.add(i)
					}
					cd.idx = append(cd.idx, i)
				}
				e.conds = append(e.conds, cd)
			}
		}
	}
	e.varTest = len(e.conds) == 1 && e.conds[0].varBits
	if e.name == "names" {
		e.vars = strings.Fields(e.attr("variable"))
		for _, v := range e.vars {
			i, ok := varIndex[v]
			if !ok {
				i = -1
			}
			e.varIdxs = append(e.varIdxs, i)
		}
	}
	e.kind = kinds[e.name]
	e.match = e.attr("match")
	switch e.match {
	case "any":
		e.matchKind = 'a'
	case "none":
		e.matchKind = 'n'
	}
	e.delim = e.attr("delimiter")
	e.form = e.attr("form")
	if e.name == "text" {
		for _, kind := range []struct {
			attr string
			k    byte
		}{{"variable", 'v'}, {"macro", 'm'}, {"term", 't'}, {"value", 'l'}} {
			if v, ok := e.lookup(kind.attr); ok {
				e.textKind, e.textArg = kind.k, v
				break
			}
		}
	}
	e.varIdx, e.safeNest, e.macroIdx = -1, noNest, -1
	if e.textKind == 'v' {
		if e.form == "short" {
			e.shortVar = e.textArg + "-short"
		}
		if i, ok := varIndex[e.textArg]; ok && !special[e.textArg] {
			e.varIdx = int32(i)
		}
	}
	e.isLayout = e.name == "layout"
	if e.decorates {
		probe := &node{}
		for _, a := range e.attrs {
			probe.format(a.Name.Local, a.Value)
		}
		e.fset, e.fclear = probe.set, probe.clear
		e.prefix, e.suffix = e.attr("prefix"), e.attr("suffix")
		e.textCase = e.attr("text-case")
		e.quotes = e.attr("quotes") == "true"
		e.strip = e.attr("strip-periods") == "true"
	}
	for _, k := range e.kids {
		k.prepare()
	}
	if e.kind == kChoose {
		e.prepareChoose()
	}
}

// prepareChoose works out, for each item type, which kids of the choose
// the type may take: Chicago's chooses go through long lists of types,
// each tested for every cite. A kid whose type tests settle its test for
// a type is left out of the type's plan (never taken) or marked sure
// (taken if reached); the others are tested as they come.
func (e *elem) prepareChoose() {
	if len(e.kids) > maxPlanKid || !slices.ContainsFunc(e.kids, hasTypeTest) {
		return
	}
	// types no test names take the plan of a type not in cslTypes
	var named uint64
	for _, k := range e.kids {
		for _, cd := range k.conds {
			if cd.isType && cd.typeBits {
				named |= cd.typeMask
			}
		}
	}
	e.byType = make([]uint8, 65)
	e.plans = [][]uint8{e.planFor(0)}
	for b := range 64 {
		if named&(1<<b) == 0 {
			continue
		}
		plan := e.planFor(1 << b)
		j := slices.IndexFunc(e.plans, func(p []uint8) bool { return slices.Equal(p, plan) })
		if j < 0 {
			j = len(e.plans)
			e.plans = append(e.plans, plan)
		}
		e.byType[b] = uint8(j)
	}
}

// planFor is the plan of a <choose> for an item whose type has the bit.
func (e *elem) planFor(bit uint64) []uint8 {
	var plan []uint8
	for i, k := range e.kids {
		switch typeSettles(k, bit) {
		case settledFalse:
			continue
		case settledTrue:
			return append(plan, uint8(i)|planSure) // no kid after it is reached
		}
		plan = append(plan, uint8(i))
	}
	return plan
}

// A plan's entry is a kid's index, with planSure when the kid is taken
// whenever it is reached; maxPlanKid bounds the index.
const (
	planSure   = 0x80
	maxPlanKid = 0x7f
)

func hasTypeTest(k *elem) bool {
	return slices.ContainsFunc(k.conds, func(cd cond) bool { return cd.isType && cd.typeBits })
}

// What an item's type makes of a kid of a <choose>.
const (
	unsettled = iota
	settledTrue
	settledFalse
)

// typeSettles tells whether ctx.branch takes a kid of a <choose> for an
// item whose type has the bit (0 for a type not in cslTypes), as ctx.test
// decides it, or whether the kid's other tests decide.
func typeSettles(k *elem, bit uint64) int {
	switch k.kind {
	case kElse:
		return settledTrue
	case kIf, kElseIf:
	default:
		return settledFalse // passed over
	}
	verdict := func(b bool) int {
		if b {
			return settledTrue
		}
		return settledFalse
	}
	settle := k.matchKind != 0
	tested, others := false, false
	for _, cd := range k.conds {
		if !cd.isType || !cd.typeBits {
			others = true
			continue
		}
		tested = true
		if (cd.typeMask&bit != 0) == settle {
			// one test that settles the match settles it, whichever
			// ctx.test reaches first: tests have no side effects
			return verdict(k.matchKind == 'a')
		}
	}
	if others {
		return unsettled
	}
	switch k.matchKind {
	case 'a':
		return settledFalse
	case 'n':
		return settledTrue
	}
	return verdict(tested)
}

// typeIndex is the index in byType of a type's bit in cslTypes (0 for a
// type not there).
func typeIndex(bit uint64) int { return bits.TrailingZeros64(bit) }

// link points every <text macro> at its macro, once.
func (s *Style) link(e *elem) {
	if e.textKind == 'm' {
		e.macroRef = s.macros[e.textArg]
	}
	for _, k := range e.kids {
		s.link(k)
	}
}

// attr returns the attribute's value, "" when absent.
func (e *elem) attr(name string) string {
	v, _ := e.lookup(name)
	return v
}

// lookup returns the attribute's value and whether it is set.
func (e *elem) lookup(name string) (string, bool) {
	if e == nil {
		return "", false
	}
	for _, a := range e.attrs {
		if a.Name.Local == name {
			if a.Name.Space == "xml" || a.Name.Space == "http://www.w3.org/XML/1998/namespace" || a.Name.Space == "" {
				return a.Value, true
			}
		}
	}
	return "", false
}

// child returns the first child of that name.
func (e *elem) child(name string) *elem {
	if e == nil {
		return nil
	}
	for _, k := range e.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// parseXML reads a document into an element tree. Errors name the line.
func parseXML(data []byte) (*elem, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var stack []*elem
	var root *elem
	lines := lineCounter{data: data, line: 1}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return nil, fmt.Errorf("line %d: %s", se.Line, se.Msg)
			}
			return nil, fmt.Errorf("line %d: %v", lines.at(d.InputOffset()), err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			e := &elem{name: t.Name.Local, attrs: t.Attr, line: lines.at(d.InputOffset())}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, e)
			} else if root == nil {
				root = e
			}
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(t)
			}
		}
	}
	if root == nil {
		return nil, fmt.Errorf("line 1: no root element")
	}
	root.prepare()
	return root, nil
}

// lineCounter numbers the lines of data at offsets that do not go back,
// counting each newline once (a style of 6,000 lines has thousands of
// elements).
type lineCounter struct {
	data []byte
	off  int64 // newlines before off are counted in line
	line int
}

func (l *lineCounter) at(off int64) int {
	if off > int64(len(l.data)) {
		off = int64(len(l.data))
	}
	if off < l.off {
		l.off, l.line = 0, 1
	}
	l.line += bytes.Count(l.data[l.off:off], []byte("\n"))
	l.off = off
	return l.line
}

// Style is a parsed independent CSL style.
type Style struct {
	root          *elem
	id, title     string
	class         string
	defaultLocale string
	macros        map[string]*elem
	citation      *elem
	bibliography  *elem
	locales       []*Locale    // the style's own locale overrides, in order
	pageRange     string       // page-range-format
	demoteNDP     string       // demote-non-dropping-particle
	initHyphen    bool         // initialize-with-hyphen
	yearSuffix    bool         // the style prints year-suffix itself
	disambCond    bool         // some <if> tests disambiguate
	noName        [2]*nameOpts // the name options of a <names> without <name>, in <citation> and <bibliography>

	// skipping dead macros (see dead.go)
	skipping  bool           // the renderings are bounded below maxSteps
	macroList []*elem        // the macros called, numbered
	typed     [65]typedFacts // by typeIndex
}

// ParseStyle reads a CSL 1.0.2 (or 1.0.1) independent style. A document
// that is not XML, or not a style, is an error naming the line.
func ParseStyle(data []byte) (*Style, error) {
	root, err := parseXML(data)
	if err != nil {
		return nil, err
	}
	if root.name != "style" {
		return nil, fmt.Errorf("line %d: root element is <%s>, not <style>", root.line, root.name)
	}
	s := &Style{root: root, class: root.attr("class"), defaultLocale: root.attr("default-locale"),
		macros: map[string]*elem{}, pageRange: root.attr("page-range-format"),
		demoteNDP: root.attr("demote-non-dropping-particle"), initHyphen: root.attr("initialize-with-hyphen") != "false"}
	if s.demoteNDP == "" {
		s.demoteNDP = "display-and-sort"
	}
	for _, k := range root.kids {
		switch k.name {
		case "info":
			s.readInfo(k)
		case "macro":
			s.macros[k.attr("name")] = k
		case "citation":
			s.citation = k
		case "bibliography":
			s.bibliography = k
		case "locale":
			s.locales = append(s.locales, localeFrom(k))
		}
	}
	s.link(root)
	s.resolveNames()
	s.prepareFacts()
	s.yearSuffix = usesVariable(root, "year-suffix")
	s.disambCond = usesAttr(root, "disambiguate") // often inside a macro
	if s.citation == nil {
		return nil, fmt.Errorf("line %d: style has no <citation> (a dependent style names its parent and cannot be used alone)", root.line)
	}
	return s, nil
}

func (s *Style) readInfo(info *elem) {
	for _, k := range info.kids {
		switch k.name {
		case "id":
			s.id = strings.TrimSpace(k.text)
		case "title":
			s.title = strings.TrimSpace(k.text)
		}
	}
}

// Class returns "note" or "in-text".
func (s *Style) Class() string { return s.class }

// Title returns the style's title from its info block.
func (s *Style) Title() string { return s.title }

// ID returns the style's id (usually its URL).
func (s *Style) ID() string { return s.id }

// HasBibliography reports whether the style defines a bibliography.
func (s *Style) HasBibliography() bool { return s.bibliography != nil }

// DefaultLocale returns the style's default-locale attribute, "" when unset.
func (s *Style) DefaultLocale() string { return s.defaultLocale }
