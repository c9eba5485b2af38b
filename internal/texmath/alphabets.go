package texmath

// Variant is a math alphabet (\mathbf, \mathbb...), as Unicode's
// Mathematical Alphanumeric Symbols block names them.
type Variant uint8

// Math alphabets. VariantAuto is TeX's default: italic for Latin and
// lower-case Greek letters, upright for digits and upper-case Greek.
const (
	VariantAuto Variant = iota
	Normal              // upright: \mathrm, \operatorname
	Bold
	Italic
	BoldItalic
	DoubleStruck // \mathbb
	Script       // \mathcal, \mathscr
	BoldScript
	Fraktur // \mathfrak
	BoldFraktur
	SansSerif // \mathsf
	SansSerifBold
	SansSerifItalic
	SansSerifBoldItalic
	Monospace // \mathtt
)

// offsets of the first capital A and small a of each alphabet in the
// Mathematical Alphanumeric Symbols block (U+1D400), and of the digits.
var latinBase = map[Variant]rune{
	Bold: 0x1D400, Italic: 0x1D434, BoldItalic: 0x1D468, Script: 0x1D49C,
	BoldScript: 0x1D4D0, Fraktur: 0x1D504, DoubleStruck: 0x1D538,
	BoldFraktur: 0x1D56C, SansSerif: 0x1D5A0, SansSerifBold: 0x1D5D4,
	SansSerifItalic: 0x1D608, SansSerifBoldItalic: 0x1D63C, Monospace: 0x1D670,
}

var digitBase = map[Variant]rune{
	Bold: 0x1D7CE, DoubleStruck: 0x1D7D8, SansSerif: 0x1D7E2,
	SansSerifBold: 0x1D7EC, Monospace: 0x1D7F6,
}

// greekBase: capital Alpha of each alphabet that has Greek.
var greekBase = map[Variant]rune{
	Bold: 0x1D6A8, Italic: 0x1D6E2, BoldItalic: 0x1D71C,
	SansSerifBold: 0x1D756, SansSerifBoldItalic: 0x1D790,
}

// holes: letters that Unicode encoded before the block, in the
// Letterlike Symbols; their places in the block are unassigned.
var holes = map[rune]rune{
	0x1D455: 'ℎ', 0x1D49D: 'ℬ', 0x1D4A0: 'ℰ', 0x1D4A1: 'ℱ', 0x1D4A3: 'ℋ',
	0x1D4A4: 'ℐ', 0x1D4A7: 'ℒ', 0x1D4A8: 'ℳ', 0x1D4AD: 'ℛ', 0x1D4BA: 'ℯ',
	0x1D4BC: 'ℊ', 0x1D4C4: 'ℴ', 0x1D506: 'ℭ', 0x1D50B: 'ℌ', 0x1D50C: 'ℑ',
	0x1D515: 'ℜ', 0x1D51D: 'ℨ', 0x1D53A: 'ℂ', 0x1D53F: 'ℍ', 0x1D545: 'ℕ',
	0x1D547: 'ℙ', 0x1D548: 'ℚ', 0x1D549: 'ℝ', 0x1D551: 'ℤ',
}

// greekOrder is the Greek alphabet as the block orders it after each
// capital Alpha: 25 capitals (with ϴ), ∇, 25 small letters (with ς), ∂,
// then the variants ϵ ϑ ϰ ϕ ϱ ϖ.
const greekOrder = "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡϴΣΤΥΦΧΨΩ∇αβγδεζηθικλμνξοπρςστυφχψω∂ϵϑϰϕϱϖ"

// Styled returns r in alphabet v as the Unicode code point a renderer
// shows, or r itself when the alphabet has no such letter. VariantAuto
// resolves as TeX does: italic Latin and small Greek letters.
func Styled(r rune, v Variant) rune {
	if m := styled(r, v); m != 0 {
		return m
	}
	return r
}

func styled(r rune, v Variant) rune {
	if v == VariantAuto {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r == 'ı', r == 'ȷ':
			v = Italic
		case isSmallGreek(r):
			v = Italic
		default:
			return r
		}
	}
	if v == Normal {
		return r
	}
	switch {
	case r >= 'A' && r <= 'Z':
		return hole(latinBase[v], r-'A')
	case r >= 'a' && r <= 'z':
		return hole(latinBase[v], 26+r-'a')
	case r >= '0' && r <= '9':
		if b, ok := digitBase[v]; ok {
			return b + r - '0'
		}
		if v == BoldItalic || v == BoldScript || v == BoldFraktur {
			return digitBase[Bold] + r - '0'
		}
		return r
	case r == 'ı' && v == Italic:
		return 0x1D6A4
	case r == 'ȷ' && v == Italic:
		return 0x1D6A5
	}
	if b, ok := greekBase[v]; ok {
		i := 0
		for _, g := range greekOrder {
			if g == r {
				return b + rune(i)
			}
			i++
		}
	}
	return r
}

func hole(base, i rune) rune {
	if base == 0 {
		return 0
	}
	r := base + i
	if h, ok := holes[r]; ok {
		return h
	}
	return r
}

func isSmallGreek(r rune) bool {
	return (r >= 'α' && r <= 'ω') || r == 'ϵ' || r == 'ϑ' || r == 'ϰ' || r == 'ϕ' || r == 'ϱ' || r == 'ϖ' || r == '∂'
}

// StyledString maps every rune of s, leaving those the alphabet lacks.
func StyledString(s string, v Variant) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		out = append(out, Styled(r, v))
	}
	return string(out)
}
