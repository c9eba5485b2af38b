package linebreak

import "errors"

// Params tunes the breaker; values follow TeX's names and units.
type Params struct {
	// Tolerance is the largest badness a line may have, like TeX's
	// \tolerance (K&P §2, the bound ρ on the adjustment ratio, expressed
	// as badness 100ρ³). 10000 and more admits any underfull line.
	Tolerance int
	// PreTolerance is the tolerance of a first pass that does not break at
	// inserted hyphens (flagged penalties of positive width), like TeX's
	// \pretolerance (tex.web §863). If that pass fails a second pass uses
	// every breakpoint and Tolerance. Negative skips the first pass.
	PreTolerance int
	// LinePenalty is added to each line's badness before squaring, in
	// demerits (\linepenalty, K&P's l); larger values favour fewer lines.
	LinePenalty int
	// AdjDemerits are added for adjacent lines whose fitness classes differ
	// by more than one, e.g. a very loose line after a decent one (\adjdemerits).
	AdjDemerits int
	// DoubleHyphenDemerits are added for two consecutive hyphenated lines
	// (\doublehyphendemerits, K&P's α).
	DoubleHyphenDemerits int
	// FinalHyphenDemerits are added when the next-to-last line is
	// hyphenated (\finalhyphendemerits).
	FinalHyphenDemerits int
	// Looseness asks for that many more (positive) or fewer (negative) lines
	// than the optimum, if feasible; the closest feasible count is used
	// (\looseness, K&P §6 "Variable looseness").
	Looseness int
	// MaxConsecutiveHyphens is the largest number of consecutive lines that
	// may end at flagged penalties; a break that would exceed it is
	// infeasible. Zero or negative means no limit (TeX has none).
	MaxConsecutiveHyphens int
	// RuntDemerits are added when the last line of a paragraph of two
	// lines or more is a runt: its material (from its first box to the
	// end) is narrower than RuntWidth. TeX has no such parameter; macros
	// get the effect from a \parfillskip of finite stretch, which makes
	// a short last line underfull. Demerits, unlike badness, never make a
	// paragraph infeasible: a runt is avoided when another set of breaks
	// costs less, never at the price of a ragged paragraph. 0 disables.
	RuntDemerits int
	RuntWidth    Length
}

// DefaultParams returns TeX's plain-format values, with at most two
// consecutive hyphenated lines.
func DefaultParams() Params {
	return Params{
		Tolerance:             200,
		PreTolerance:          100,
		LinePenalty:           10,
		AdjDemerits:           10000,
		DoubleHyphenDemerits:  10000,
		FinalHyphenDemerits:   5000,
		Looseness:             0,
		MaxConsecutiveHyphens: 2,
	}
}

// Validate reports parameters that make no sense.
func (p Params) Validate() error {
	var errs []error
	if p.Tolerance < 0 {
		errs = append(errs, errors.New("tolerance must not be negative"))
	}
	if p.LinePenalty < -Infinity || p.LinePenalty > Infinity {
		errs = append(errs, errors.New("line penalty must be within ±10000"))
	}
	if p.AdjDemerits < 0 || p.DoubleHyphenDemerits < 0 || p.FinalHyphenDemerits < 0 || p.RuntDemerits < 0 {
		errs = append(errs, errors.New("demerits must not be negative"))
	}
	return errors.Join(errs...)
}

// Line is one line chosen by the breaker: items[Start:End] are on it and
// items[End] is the break (a glue or penalty, or End==len(items)). Items
// between the previous line's End and Start are glue and penalties discarded
// at the break (K&P §2).
type Line struct {
	Start, End int
	// Ratio is the adjustment ratio r of K&P §2: each glue on the line is set
	// to Width + r*Stretch if r >= 0, Width + r*Shrink if r < 0. It is 0 for a
	// line with no stretch (or shrink) to use, and for Greedy lines.
	Ratio float64
	// Width is the natural width of items[Start:End] plus the width of the
	// penalty at End (e.g. a hyphen), if any.
	Width Length
	// Hyphenated tells that the line ends at a flagged penalty.
	Hyphenated bool
	// Badness is 100|r|³ capped at 10000 (tex.web §108); 0 for Greedy.
	Badness int
}
