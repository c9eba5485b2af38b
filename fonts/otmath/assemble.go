package otmath

// Fit returns the first variant at least size font units long in the
// direction of growth, and true; or the largest variant and false, when
// none is long enough (then Assemble builds the size, if the construction
// has Parts).
func (c *Construction) Fit(size int) (Variant, bool) {
	for _, v := range c.Variants {
		if v.Advance >= size {
			return v, true
		}
	}
	if len(c.Variants) == 0 {
		return Variant{}, false
	}
	return c.Variants[len(c.Variants)-1], false
}

// Assembly is a glyph assembly laid out to a size: the parts in order
// (bottom to top, or left to right), extenders repeated, and the overlap
// of each pair of neighbours.
type Assembly struct {
	Parts []Part
	// Overlaps[i] is how far Parts[i+1] reaches back over Parts[i], in
	// font units (fractional: the slack is shared in proportion).
	Overlaps []float64
	// Size is the assembly's length: the parts' FullAdvance less the
	// overlaps.
	Size float64
}

// maxRepeats and maxParts bound how often Assemble repeats the extenders
// and how many parts it lays, so that an absurd size or a crafted font
// cannot make it build without end.
const (
	maxRepeats = 1000
	maxParts   = 10000
)

// Assemble lays the construction's Parts out to reach size font units, as
// LuaTeX does: every extender is repeated the same, smallest number of
// times (none at first) for which the parts, overlapping by only
// minOverlap, reach size; each joint between parts a and b overlaps by at
// most the shorter of a.EndConnector and b.StartConnector and at least
// minOverlap (the font's MinConnectorOverlap), and all joints give up the
// same fraction of their play, so that the assembly is size long, or as
// long as it can be. It returns false when the construction has no parts.
func (c *Construction) Assemble(size, minOverlap int) (Assembly, bool) {
	if len(c.Parts) == 0 {
		return Assembly{}, false
	}
	var a Assembly
	for k := 0; k <= maxRepeats; k++ {
		a = layParts(c.Parts, k, minOverlap)
		if a.longest(minOverlap) >= float64(size) || !grows(c.Parts, minOverlap) || len(a.Parts) > maxParts {
			break
		}
	}
	a.stretch(size, minOverlap)
	return a, true
}

// grows reports whether repeating the extenders lengthens the assembly.
func grows(parts []Part, minOverlap int) bool {
	for _, p := range parts {
		if p.Extender && p.FullAdvance > minOverlap {
			return true
		}
	}
	return false
}

// layParts repeats each extender k times and sets every joint to its
// largest overlap.
func layParts(parts []Part, k, minOverlap int) Assembly {
	var a Assembly
	for _, p := range parts {
		n := 1
		if p.Extender {
			n = k
		}
		for i := 0; i < n; i++ {
			a.Parts = append(a.Parts, p)
		}
	}
	for i := 1; i < len(a.Parts); i++ {
		a.Overlaps = append(a.Overlaps, float64(maxOverlap(a.Parts[i-1], a.Parts[i], minOverlap)))
	}
	a.total()
	return a
}

// maxOverlap is the most two neighbouring parts may overlap: their shorter
// connector, but never less than minOverlap.
func maxOverlap(a, b Part, minOverlap int) int {
	return max(min(a.EndConnector, b.StartConnector), minOverlap)
}

func (a *Assembly) total() {
	a.Size = 0
	for _, p := range a.Parts {
		a.Size += float64(p.FullAdvance)
	}
	for _, o := range a.Overlaps {
		a.Size -= o
	}
}

// longest is the assembly's length with every joint at minOverlap.
func (a *Assembly) longest(minOverlap int) float64 {
	l := a.Size
	for _, o := range a.Overlaps {
		l += o - float64(minOverlap)
	}
	return l
}

// stretch reduces the overlaps, from their largest, by the same fraction
// of each joint's play, until the assembly is size long or every joint
// is at minOverlap.
func (a *Assembly) stretch(size, minOverlap int) {
	play := a.longest(minOverlap) - a.Size
	if play <= 0 || a.Size >= float64(size) {
		return
	}
	r := min((float64(size)-a.Size)/play, 1)
	for i, o := range a.Overlaps {
		a.Overlaps[i] = o - r*(o-float64(minOverlap))
	}
	a.total()
}
