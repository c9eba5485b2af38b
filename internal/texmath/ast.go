// Package texmath reads TeX math, the subset of LaTeX and AMS math that
// MathJax and KaTeX accept, into a tree of math atoms: the one reading
// that both outputs use (MathML for the EPUB, boxes set by the rules of
// the TeXbook's Appendix G for print).
//
// The tree follows TeX's own noads (The TeXbook, chapter 17 and Appendix
// G): a math list is a sequence of nodes, each an atom of one of TeX's
// eight classes (Ord, Op, Bin, Rel, Open, Close, Punct, Inner) with an
// optional subscript and superscript, or a generalised fraction, a
// radical, an accent, a delimited group, an array, a space or a change of
// style. Letters are kept as letters with their math alphabet (Variant),
// not as styled code points, so each renderer picks its glyphs.
package texmath

// Class is an atom's class, which decides the space TeX puts between
// atoms (The TeXbook, p. 170) and how a renderer marks it up.
type Class uint8

// Atom classes, in TeX's order.
const (
	Ord   Class = iota // ordinary: letters, digits, ∞
	Op                 // large operator: ∑ ∫ lim
	Bin                // binary operation: + − ×
	Rel                // relation: = < →
	Open               // opening: ( [ {
	Close              // closing: ) ] }
	Punct              // punctuation: , ;
	Inner              // a fraction or \left…\right group, for spacing
)

var classNames = [...]string{"ord", "op", "bin", "rel", "open", "close", "punct", "inner"}

func (c Class) String() string {
	if int(c) < len(classNames) {
		return classNames[c]
	}
	return "class?"
}

// Kind says what a Symbol is, beyond its class: MathML marks identifiers,
// numbers and operators with different elements.
type Kind uint8

// Symbol kinds.
const (
	Ident    Kind = iota // a letter or an ordinary symbol (mi)
	Number               // a run of digits, with its decimal point (mn)
	Operator             // an operator, relation, delimiter or punctuation (mo)
)

// Style is one of TeX's four math styles (The TeXbook, p. 140).
type Style uint8

// Styles. StyleAuto means "as the context sets it".
const (
	StyleAuto Style = iota
	StyleDisplay
	StyleText
	StyleScript
	StyleScriptScript
)

// Limits says where a large operator's scripts go.
type Limits uint8

// Limit placements: StyleLimits puts them above and below in display
// style only (\sum), AlwaysLimits always (\limits), NoLimits never
// (\nolimits, \int).
const (
	StyleLimits Limits = iota
	AlwaysLimits
	NoLimits
)

// Node is one element of a math list. Offset is the byte offset in the
// source where it starts, for messages.
type Node interface {
	Pos() int
}

// At is the source offset embedded in every node.
type At struct{ Offset int }

// Pos returns the byte offset in the source.
func (a At) Pos() int { return a.Offset }

// Symbol is one atom made of a character or a run of them: a letter, a
// number, an operator.
type Symbol struct {
	At
	Class   Class
	Kind    Kind
	Text    string  // the characters, as Unicode ("α", "12.5", "≤")
	Variant Variant // the math alphabet of letters and digits
	// Stretchy marks a delimiter or arrow that may grow (MathML's
	// stretchy); set for delimiters inside \left…\right and \big.
	Stretchy bool
}

// Group is a braced subformula {…}, which TeX sets as one Ord atom, or a
// list given another class by \mathbin, \mathrel, \mathop...
type Group struct {
	At
	Class Class
	Body  []Node
}

// Scripts attaches a subscript and superscript to a nucleus. Sub or Sup
// is nil when absent.
type Scripts struct {
	At
	Nucleus Node // nil for scripts with an empty nucleus ({}^2)
	Sub     []Node
	Sup     []Node
	HasSub  bool // a script was written, even if empty (x_{})
	HasSup  bool
}

// OpName is a large operator: a symbol (∑, ∫) or a name set upright
// (lim, sin, argmax).
type OpName struct {
	At
	Text   string // "∑", or the name: "lim", "arg max"
	Symbol bool   // a symbol that grows in display style, not a name
	Limits Limits
}

// Frac is a generalised fraction: \frac, \over, \binom, \atop, \choose,
// \dfrac, \tfrac, \cfrac.
type Frac struct {
	At
	Num, Den []Node
	NoRule   bool   // no fraction bar (\binom, \atop)
	Open     string // delimiters around it ("(" for \binom), "" for none
	Close    string
	Style    Style // StyleAuto, or StyleDisplay (\dfrac, \cfrac) or StyleText (\tfrac)
}

// Radical is a square root, or a root of Index when Index is not nil.
type Radical struct {
	At
	Index []Node
	Body  []Node
}

// Accent puts a mark over (or under) its body: \hat, \vec, \widehat,
// \overline, \underbrace...
type Accent struct {
	At
	Mark     string // the accent character: "^" is "\u0302"... see accents.go
	Body     []Node
	Under    bool // below the body (\underline, \underbrace)
	Stretchy bool // grows with the body (\widehat, \overline, braces)
}

// Stack sets material over or under a base without an accent's rules:
// \overset, \underset, \stackrel, \xrightarrow, and the labels of
// \overbrace and \underbrace.
type Stack struct {
	At
	Class Class
	Base  []Node
	Over  []Node // nil for none
	Under []Node
}

// Delimited is \left…\right: delimiters that grow to the height of the
// body. Middle delimiters are Middle nodes in Body. "" is the null
// delimiter ("\left.").
type Delimited struct {
	At
	Open, Close string
	Body        []Node
}

// Middle is \middle inside \left…\right.
type Middle struct {
	At
	Delim string
}

// BigDelim is a delimiter of a fixed size: \big (1) to \Bigg (4).
type BigDelim struct {
	At
	Delim string
	Size  int
	Class Class // Open for \bigl, Close for \bigr, Rel for \bigm, Ord for \big
}

// Space is horizontal space, in math units (18 mu = 1 em). Negative for
// \! and \negthinspace.
type Space struct {
	At
	MU float64
}

// TextRun is text set in the text face inside math: \text{…}, \mbox.
type TextRun struct {
	At
	Text    string
	Variant Variant // Normal, Bold, Italic, BoldItalic, Monospace or SansSerif
}

// StyleChange sets Body in another style: \displaystyle, \scriptstyle.
type StyleChange struct {
	At
	Style Style
	Body  []Node
}

// Phantom takes the room of Body without showing it; \hphantom keeps
// only its width, \vphantom only its height.
type Phantom struct {
	At
	Body       []Node
	Horizontal bool // keep the width
	Vertical   bool // keep the height and depth
}

// Enclose draws a frame around Body (\boxed, \fbox) or strikes it out
// (\cancel).
type Enclose struct {
	At
	Notation string // "box", "cancel", "bcancel", "xcancel", "sout"
	Body     []Node
}

// Rule is a filled box (\rule), its sizes in math units.
type Rule struct {
	At
	Width, Height, Raise float64
}

// Ref is a reference to a numbered equation (\eqref, \ref).
type Ref struct {
	At
	Label string
	Paren bool // \eqref: in parentheses
	// Text is the reference as printed, "(3)" or "3", set when the
	// edition numbers the equations (Equations.Resolve); "" shows the
	// label.
	Text string
}

// Array is a grid: matrix environments, cases, aligned, gathered, array.
type Array struct {
	At
	Env  string // environment name, as written
	Rows []*Row
	// Align gives each column's alignment, 'l', 'c' or 'r'; columns past
	// its end repeat its pattern for aligned-style environments.
	Align []byte
	// Open and Close are the delimiters around the array (pmatrix: "("
	// and ")"; cases: "{" and ""), "" for none.
	Open, Close string
	// Aligned marks the align family: columns alternate right and left
	// alignment with no space between the pair (AMS align).
	Aligned bool
	Small   bool  // smallmatrix, subarray: script style
	Style   Style // style of the cells: Text for matrices, Display for aligned
	// Numbered marks an environment whose rows get equation numbers
	// (align, gather, equation) unless \nonumber or \notag.
	Numbered bool
}

// Row is one row of an Array.
type Row struct {
	Cells [][]Node
	Tag   []Node // \tag{…} or its number; nil when none
	NoTag bool   // \nonumber, \notag
	Label string // \label{…}
	// TagText is the text of Tag without its parentheses: what \ref
	// prints.
	TagText string
}

// Formula is a parsed math expression.
type Formula struct {
	TeX     string // the source, as given
	Display bool
	Body    []Node
	Tag     []Node // \tag{…} of a single-line display or its number, nil when none
	NoTag   bool   // \notag, \nonumber
	Label   string // \label{…}
	TagText string // the text of Tag without its parentheses
}
