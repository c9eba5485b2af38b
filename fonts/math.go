package fonts

import "sync"

// MathName is the name under which Math's face is known, to the PDF too.
const MathName = "STIXTwoMath-Regular"

var mathOnce = sync.OnceValues(func() (*Font, error) {
	return Parse(MathName, mathRegular)
})

// Math returns the embedded math face, STIX Two Math, parsed on first use:
// an edition without math never reads it. Its MATH table, its glyphs beyond
// the Basic Multilingual Plane and its unencoded size variants are read by
// package fonts/otmath from MathData.
func Math() (*Font, error) { return mathOnce() }

// MathData returns the bytes of the embedded math face, the TrueType file
// as shipped, for fonts/otmath and for the PDF writer. It must not be
// modified.
func MathData() []byte { return mathRegular }
