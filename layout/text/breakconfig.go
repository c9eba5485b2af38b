package text

import "fmt"

// BreakConfig holds the settings of line breaking and hyphenation that
// decide how often words are broken and how paragraphs end. Penalties
// are TeX's: a break costs the square of its penalty in demerits, as a
// line of badness b costs (10+b)² (Knuth & Plass 1981, §4); 10000 and
// more forbids a break. Start from DefaultBreakConfig.
type BreakConfig struct {
	// PreTolerance is the largest badness of a line in the first attempt
	// at a paragraph, which breaks no word (TeX's \pretolerance, 100 in
	// plain TeX): only a paragraph that cannot be set within it is
	// hyphenated, within Config.Tolerance. Negative skips the attempt.
	PreTolerance int
	// HyphenPenalty is the penalty of a break at a hyphenation point
	// (TeX's \hyphenpenalty, 50 in plain TeX).
	HyphenPenalty int
	// UppercaseHyphenPenalty replaces HyphenPenalty inside a word that
	// begins with a capital letter (names: "Rijksmuseum"). TeX's \uchyph=0
	// forbids such breaks; a high penalty keeps them for paragraphs that
	// cannot be set otherwise.
	UppercaseHyphenPenalty int
	// ExHyphenPenalty is the penalty of a break after a word's own hyphen,
	// dash or slash (TeX's \exhyphenpenalty, 50).
	ExHyphenPenalty int
	// DoubleHyphenDemerits are added for two hyphenated lines in a row
	// (TeX's \doublehyphendemerits, 10000). At most two are allowed.
	DoubleHyphenDemerits int
	// FinalHyphenDemerits are added when the last full line of a
	// paragraph ends in a hyphen (TeX's \finalhyphendemerits, 5000).
	FinalHyphenDemerits int
	// LeftHyphenMin and RightHyphenMin are the fewest letters a hyphen
	// leaves before and after it, at least: a language whose own minimums
	// (TeX's \lefthyphenmin and \righthyphenmin, from babel, in package
	// lang) are larger keeps them.
	LeftHyphenMin, RightHyphenMin int
	// RuntDemerits are added when the last line of a paragraph is a runt:
	// shorter than a sixth of the measure and holding no word (or part
	// of a hyphenated word) of four letters or digits. 0 allows runts.
	RuntDemerits int
}

// DefaultBreakConfig returns the settings tuned on the corpus edition
// (see README, "Line breaking and hyphenation"): hyphens dearer than in
// TeX, names broken only when nothing else fits, fragments of at least 2
// and 3 letters.
func DefaultBreakConfig() BreakConfig {
	return BreakConfig{
		PreTolerance:           100,
		HyphenPenalty:          500,
		UppercaseHyphenPenalty: 2000,
		ExHyphenPenalty:        250,
		DoubleHyphenDemerits:   1000000,
		FinalHyphenDemerits:    500000,
		LeftHyphenMin:          2,
		RightHyphenMin:         3,
		RuntDemerits:           1000000,
	}
}

// Validate reports settings out of range.
func (b BreakConfig) Validate() []error {
	var errs []error
	for _, p := range []struct {
		name string
		v    int
	}{{"pretolerance", max(b.PreTolerance, 0)}, {"hyphen penalty", b.HyphenPenalty}, {"uppercase hyphen penalty", b.UppercaseHyphenPenalty}, {"explicit hyphen penalty", b.ExHyphenPenalty}} {
		if p.v < 0 || p.v > 10000 {
			errs = append(errs, fmt.Errorf("%s %d is outside 0–10000", p.name, p.v))
		}
	}
	for _, d := range []struct {
		name string
		v    int
	}{{"double hyphen demerits", b.DoubleHyphenDemerits}, {"final hyphen demerits", b.FinalHyphenDemerits}, {"runt demerits", b.RuntDemerits}} {
		if d.v < 0 || d.v > 100000000 {
			errs = append(errs, fmt.Errorf("%s %d is outside 0–100000000", d.name, d.v))
		}
	}
	if b.LeftHyphenMin < 0 || b.RightHyphenMin < 0 || b.LeftHyphenMin > 10 || b.RightHyphenMin > 10 {
		errs = append(errs, fmt.Errorf("hyphen minimums %d and %d: want 0–10 letters", b.LeftHyphenMin, b.RightHyphenMin))
	}
	return errs
}
