package text

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Length is a distance in scaled points: 1/65536 of a PostScript point
// (1/72 in). Integer lengths keep line breaking and page layout exact and
// deterministic on every platform; floats appear only at the PDF boundary
// (Points, FromPoints). The unit is TeX's sp, except that TeX's pt is 1/72.27
// in while ours is the PostScript (big) point.
type Length int64

// Units of Length. Mm and Cm are rounded to the nearest scaled point; ParseLength
// converts millimetres and centimetres exactly (25.4mm parses to exactly 1in).
const (
	SP   Length = 1
	Pt   Length = 65536
	Inch Length = 72 * Pt // 4718592sp
	// Mm is 4718592/25.4 = 185771.33…sp, rounded.
	Mm Length = 185771
	// Cm is 47185920/25.4 = 1857713.38…sp, rounded.
	Cm Length = 1857713
	Pc Length = 12 * Pt
)

// unitRatio is the exact size of one unit in scaled points, as num/den.
type unitRatio struct{ num, den int64 }

var units = map[string]unitRatio{
	"sp": {1, 1},
	"pt": {65536, 1},
	"bp": {65536, 1}, // TeX's big point is our point
	"pc": {12 * 65536, 1},
	"in": {72 * 65536, 1},
	"mm": {72 * 65536 * 10, 254},
	"cm": {72 * 65536 * 100, 254},
}

// ParseLength parses a length such as "12pt", "3mm", "1.5in", "2cm", "1pc",
// "-0.25pt", "100sp" or "0" (zero needs no unit). Units are sp, pt, bp, pc, in,
// mm and cm; spaces between number and unit are allowed. The decimal number is
// converted exactly with rational arithmetic and rounded half away from zero to
// the nearest scaled point, so the result does not depend on float rounding.
func ParseLength(s string) (Length, error) {
	orig := s
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, errors.New("empty length")
	}
	neg := false
	switch s[0] {
	case '-':
		neg = true
		s = s[1:]
	case '+':
		s = s[1:]
	}
	// Split the number from the unit.
	i := 0
	digits, dots := 0, 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
		if s[i] == '.' {
			dots++
		} else {
			digits++
		}
		i++
	}
	num, unit := s[:i], strings.ToLower(strings.TrimSpace(s[i:]))
	if digits == 0 || dots > 1 {
		return 0, fmt.Errorf("invalid length %q: expected a number", orig)
	}
	if len(num) > 40 {
		return 0, fmt.Errorf("invalid length %q: number too long", orig)
	}
	var u unitRatio
	if unit == "" {
		if strings.Trim(num, "0.") != "" {
			return 0, fmt.Errorf("invalid length %q: missing unit (sp, pt, bp, pc, in, mm, cm)", orig)
		}
		u = unitRatio{1, 1}
	} else {
		var ok bool
		if u, ok = units[unit]; !ok {
			return 0, fmt.Errorf("invalid length %q: unknown unit %q", orig, unit)
		}
	}
	// value = mantissa / 10^frac * num / den
	intPart, fracPart, _ := strings.Cut(num, ".")
	m, ok := new(big.Int).SetString(intPart+fracPart+"0", 10)
	if !ok {
		return 0, fmt.Errorf("invalid length %q", orig)
	}
	m.Quo(m, big.NewInt(10)) // the appended "0" makes "" and "." parse
	den := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(len(fracPart))), nil)
	den.Mul(den, big.NewInt(u.den))
	m.Mul(m, big.NewInt(u.num))
	// Round half away from zero: (2m + den) / (2den).
	m.Lsh(m, 1).Add(m, den)
	den.Lsh(den, 1)
	m.Quo(m, den)
	if !m.IsInt64() {
		return 0, fmt.Errorf("invalid length %q: out of range", orig)
	}
	v := m.Int64()
	if neg {
		v = -v
	}
	return Length(v), nil
}

// String formats l in points with the fewest decimals (at most five) that
// parse back to exactly l, e.g. "12pt", "3.5pt", "-0.00002pt".
func (l Length) String() string {
	var b []byte
	u := uint64(l)
	if l < 0 {
		b = append(b, '-')
		u = -u
	}
	ip, frac := u/65536, u%65536
	b = strconv.AppendUint(b, ip, 10)
	if frac != 0 {
		// Five decimals resolve 1e-5pt < 1sp, so some d <= 5 always round-trips.
		for d, pow := 1, uint64(10); d <= 5; d, pow = d+1, pow*10 {
			digits := (frac*pow + 32768) / 65536
			if (digits*65536*2+pow)/(2*pow) == frac {
				s := strconv.FormatUint(digits+pow, 10)[1:] // zero-padded to d digits
				b = append(b, '.')
				b = append(b, s...)
				break
			}
		}
	}
	b = append(b, "pt"...)
	return string(b)
}

// Points returns l in PostScript points. Use it only where lengths leave the
// layout package (the PDF writer).
func (l Length) Points() float64 { return float64(l) / float64(Pt) }

// FromPoints converts a length in PostScript points (as from font metrics) to
// a Length, rounding to the nearest scaled point.
func FromPoints(f float64) Length { return Length(math.Round(f * float64(Pt))) }
