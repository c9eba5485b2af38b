package otmath

// Constants are the MathConstants of a MATH table (OpenType 1.9, MATH
// table, MathConstants), in font units except the percentages. Device
// tables are not read: PDF output scales outlines, it does not hint them.
type Constants struct {
	ScriptPercentScaleDown                   int
	ScriptScriptPercentScaleDown             int
	DelimitedSubFormulaMinHeight             int
	DisplayOperatorMinHeight                 int
	MathLeading                              int
	AxisHeight                               int
	AccentBaseHeight                         int
	FlattenedAccentBaseHeight                int
	SubscriptShiftDown                       int
	SubscriptTopMax                          int
	SubscriptBaselineDropMin                 int
	SuperscriptShiftUp                       int
	SuperscriptShiftUpCramped                int
	SuperscriptBottomMin                     int
	SuperscriptBaselineDropMax               int
	SubSuperscriptGapMin                     int
	SuperscriptBottomMaxWithSubscript        int
	SpaceAfterScript                         int
	UpperLimitGapMin                         int
	UpperLimitBaselineRiseMin                int
	LowerLimitGapMin                         int
	LowerLimitBaselineDropMin                int
	StackTopShiftUp                          int
	StackTopDisplayStyleShiftUp              int
	StackBottomShiftDown                     int
	StackBottomDisplayStyleShiftDown         int
	StackGapMin                              int
	StackDisplayStyleGapMin                  int
	StretchStackTopShiftUp                   int
	StretchStackBottomShiftDown              int
	StretchStackGapAboveMin                  int
	StretchStackGapBelowMin                  int
	FractionNumeratorShiftUp                 int
	FractionNumeratorDisplayStyleShiftUp     int
	FractionDenominatorShiftDown             int
	FractionDenominatorDisplayStyleShiftDown int
	FractionNumeratorGapMin                  int
	FractionNumDisplayStyleGapMin            int
	FractionRuleThickness                    int
	FractionDenominatorGapMin                int
	FractionDenomDisplayStyleGapMin          int
	SkewedFractionHorizontalGap              int
	SkewedFractionVerticalGap                int
	OverbarVerticalGap                       int
	OverbarRuleThickness                     int
	OverbarExtraAscender                     int
	UnderbarVerticalGap                      int
	UnderbarRuleThickness                    int
	UnderbarExtraDescender                   int
	RadicalVerticalGap                       int
	RadicalDisplayStyleVerticalGap           int
	RadicalRuleThickness                     int
	RadicalExtraAscender                     int
	RadicalKernBeforeDegree                  int
	RadicalKernAfterDegree                   int
	RadicalDegreeBottomRaisePercent          int
}

// numValueRecords is the number of MathValueRecords between the four
// leading 16-bit fields and the trailing RadicalDegreeBottomRaisePercent.
const numValueRecords = 51

// constantsSize is the size of a MathConstants table in bytes.
const constantsSize = 4*2 + numValueRecords*4 + 2

// fields lists the fields of c in table order: four plain 16-bit values
// (two signed percentages, two unsigned heights), 51 MathValueRecords, and
// RadicalDegreeBottomRaisePercent.
func (c *Constants) fields() []*int {
	return []*int{
		&c.ScriptPercentScaleDown, &c.ScriptScriptPercentScaleDown,
		&c.DelimitedSubFormulaMinHeight, &c.DisplayOperatorMinHeight,
		&c.MathLeading, &c.AxisHeight, &c.AccentBaseHeight, &c.FlattenedAccentBaseHeight,
		&c.SubscriptShiftDown, &c.SubscriptTopMax, &c.SubscriptBaselineDropMin,
		&c.SuperscriptShiftUp, &c.SuperscriptShiftUpCramped, &c.SuperscriptBottomMin,
		&c.SuperscriptBaselineDropMax, &c.SubSuperscriptGapMin,
		&c.SuperscriptBottomMaxWithSubscript, &c.SpaceAfterScript,
		&c.UpperLimitGapMin, &c.UpperLimitBaselineRiseMin,
		&c.LowerLimitGapMin, &c.LowerLimitBaselineDropMin,
		&c.StackTopShiftUp, &c.StackTopDisplayStyleShiftUp,
		&c.StackBottomShiftDown, &c.StackBottomDisplayStyleShiftDown,
		&c.StackGapMin, &c.StackDisplayStyleGapMin,
		&c.StretchStackTopShiftUp, &c.StretchStackBottomShiftDown,
		&c.StretchStackGapAboveMin, &c.StretchStackGapBelowMin,
		&c.FractionNumeratorShiftUp, &c.FractionNumeratorDisplayStyleShiftUp,
		&c.FractionDenominatorShiftDown, &c.FractionDenominatorDisplayStyleShiftDown,
		&c.FractionNumeratorGapMin, &c.FractionNumDisplayStyleGapMin,
		&c.FractionRuleThickness, &c.FractionDenominatorGapMin,
		&c.FractionDenomDisplayStyleGapMin,
		&c.SkewedFractionHorizontalGap, &c.SkewedFractionVerticalGap,
		&c.OverbarVerticalGap, &c.OverbarRuleThickness, &c.OverbarExtraAscender,
		&c.UnderbarVerticalGap, &c.UnderbarRuleThickness, &c.UnderbarExtraDescender,
		&c.RadicalVerticalGap, &c.RadicalDisplayStyleVerticalGap,
		&c.RadicalRuleThickness, &c.RadicalExtraAscender,
		&c.RadicalKernBeforeDegree, &c.RadicalKernAfterDegree,
		&c.RadicalDegreeBottomRaisePercent,
	}
}

// readConstants reads a MathConstants table at off in the MATH table m.
func readConstants(m []byte, off int) (Constants, error) {
	var c Constants
	if off <= 0 || off+constantsSize > len(m) {
		return c, errf("MathConstants at %d: outside the MATH table (%d bytes)", off, len(m))
	}
	fs := c.fields()
	p := off
	*fs[0], *fs[1] = i16(m, p), i16(m, p+2)
	*fs[2], *fs[3] = u16(m, p+4), u16(m, p+6)
	p += 8
	for i := 0; i < numValueRecords; i++ {
		*fs[4+i] = i16(m, p) // the device offset after it is not read
		p += 4
	}
	*fs[len(fs)-1] = i16(m, p)
	return c, nil
}
