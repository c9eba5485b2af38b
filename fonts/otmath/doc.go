// Package otmath reads what a math layout needs from an OpenType math font:
// the MATH table (MathConstants, MathGlyphInfo, MathVariants), advance
// widths and glyph boxes by glyph id, the Unicode cmap on every plane
// (format 12; math italic letters lie at U+1D400 and up), and glyph names
// (post format 2.0). It reads; it does not lay out, draw or subset. edition
// embeds one such font, STIX Two Math (package fonts: fonts.MathData).
//
// # How the print layout will use it
//
// The layout will set math by the rules of the TeXbook's Appendix G, with
// the font parameters of TeX's math fonts (σ of family 2, ξ of family 3)
// replaced by MathConstants, as LuaTeX and XeTeX do. All values are in
// font units: a length at size s points is value × s / UnitsPerEm.
//
//   - Sizes (rules 1–3): text style at the body size; script and
//     scriptscript styles at ScriptPercentScaleDown and
//     ScriptScriptPercentScaleDown per cent of it (70 and 55 in STIX Two
//     Math, so 7 and 5.5 pt under 10 pt type).
//   - The axis (σ22): AxisHeight centres fractions, delimiters and big
//     operators on the math axis.
//   - Over- and underlines (rules 9, 10; 3θ and θ): OverbarVerticalGap,
//     OverbarRuleThickness, OverbarExtraAscender and the Underbar trio.
//   - Radicals (rule 11; θ + ¼|φ|): RadicalVerticalGap (text) or
//     RadicalDisplayStyleVerticalGap, RadicalRuleThickness,
//     RadicalExtraAscender; the degree of \sqrt[n] is kerned by
//     RadicalKernBeforeDegree and RadicalKernAfterDegree and raised by
//     RadicalDegreeBottomRaisePercent of the radical's height. The sign is
//     the smallest Vertical variant of √ that covers the body plus the gap,
//     or its assembly.
//   - Accents (rule 12): the accent sits no lower than AccentBaseHeight
//     (TeX's x-height σ5); it is centred over TopAccentAttachment (TeX's
//     skew character kern) of the base and of the accent. Wide accents take
//     Horizontal variants or assemblies.
//   - Big operators (rule 13): in display style the operator is the first
//     Vertical variant at least DisplayOperatorMinHeight tall (∑ becomes
//     uni2211.s1, ∫ uni222B.dsp); limits are set UpperLimitGapMin (ξ9) and
//     UpperLimitBaselineRiseMin (ξ11) above, LowerLimitGapMin (ξ10) and
//     LowerLimitBaselineDropMin (ξ12) below, shifted by half the italic
//     correction each way; TeX's extra space ξ13 has no counterpart and is 0.
//   - Fractions (rule 15): numerator shift FractionNumeratorShiftUp (σ9)
//     or, in display style, FractionNumeratorDisplayStyleShiftUp (σ8);
//     denominator FractionDenominatorShiftDown (σ12) or
//     FractionDenominatorDisplayStyleShiftDown (σ11); the clearances 3θ and
//     θ become FractionNumDisplayStyleGapMin, FractionNumeratorGapMin and
//     the two denominator gaps; the bar is FractionRuleThickness (θ, ξ8).
//     Without a bar (\binom, \atop) the Stack constants replace them
//     (σ10 is StackTopShiftUp; the gaps 7θ and 3θ are
//     StackDisplayStyleGapMin and StackGapMin). TeX's delimiter sizes
//     σ20, σ21 have no MATH constant; DelimitedSubFormulaMinHeight is the
//     font's least size for delimiters around a sub-formula.
//   - Scripts (rules 18a–f): superscript shift SuperscriptShiftUp (σ13,
//     σ14) or, cramped, SuperscriptShiftUpCramped (σ15); subscript
//     SubscriptShiftDown (σ16, σ17); the drops σ18 and σ19 are
//     SuperscriptBaselineDropMax and SubscriptBaselineDropMin, except after
//     an IsExtendedShape glyph, whose own height and depth are used; the
//     limits ¼σ5 and ⅘σ5 are SuperscriptBottomMin and SubscriptTopMax; the
//     gap 4θ is SubSuperscriptGapMin with SuperscriptBottomMaxWithSubscript;
//     \scriptspace is SpaceAfterScript. A superscript moves right by the
//     nucleus' ItalicCorrection, and Kerns tucks scripts into the corners
//     of sloped letters (an OpenType addition to TeX).
//   - Growing delimiters (\left, \big; rule 19 and TeX's \delimiterfactor
//     901, \delimitershortfall 5 pt): the first Vertical variant whose
//     Advance reaches the wanted size (Construction.Fit), else its
//     assembly (Construction.Assemble): the Parts bottom to top, extenders
//     repeated as often as needed, each joint overlapping at least
//     MinConnectorOverlap and at most the shorter of the two connectors,
//     every joint giving up the same fraction of its play, as LuaTeX does.
//     Horizontal constructions (braces, wide hats, arrows) grow the same
//     way in width.
//
// Glyph boxes (Box: TeX's height is yMax and depth −yMin; Advance is the
// width) size every character box; ItalicCorrection is TeX's italic
// correction, added after a letter that has no subscript. The print side
// draws each glyph by id with fpdf's GlyphText, giving the text that
// extraction should return: the character itself, and for a size variant
// or an assembly piece the base character it was made for (see
// internal/fpdf/README.md, patch 14).
package otmath
