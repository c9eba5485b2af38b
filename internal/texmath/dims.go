package texmath

import (
	"strconv"
	"strings"
)

// units converts TeX's units into math units at a 10 pt size, where
// 1 em = 18 mu = 10 pt: what matters in print, where the type size is
// close to 10 pt, and in MathML, which writes ems.
var units = map[string]float64{
	"em": 18, "mu": 1, "ex": 18 * 0.43, "pt": 1.8, "bp": 1.8 * 1.00375, "pc": 1.8 * 12,
	"in": 1.8 * 72.27, "cm": 1.8 * 28.4528, "mm": 1.8 * 2.84528, "px": 1.8 * 0.75,
}

// dimension reads a TeX dimension (a signed decimal and a unit, "0.5em",
// "-3mu", "1 ex") from the token stream, or from a braced argument,
// and returns it in math units.
func (p *parser) dimension() float64 {
	p.skipSpace()
	if p.peek().kind == tBegin {
		src, off := p.rawArg()
		mu, ok := parseDimension(src)
		if !ok {
			p.fail(off, "not a dimension: %q", src)
		}
		return mu
	}
	var b strings.Builder
	start := p.peek().off
	for {
		t := p.peek()
		if t.kind == tSpace && b.Len() > 0 && !strings.ContainsAny(b.String(), "abcdefghijklmnopqrstuvwxyz") {
			p.next()
			continue
		}
		if t.kind != tChar || !(strings.ContainsAny(t.text, "+-.,0123456789") || isLetter(t.text[0]) && len(letters(b.String())) < 2) {
			break
		}
		b.WriteString(t.text)
		p.next()
		if len(letters(b.String())) == 2 {
			break
		}
	}
	mu, ok := parseDimension(b.String())
	if !ok {
		p.fail(start, "not a dimension: %q", b.String())
	}
	return mu
}

func letters(s string) string {
	return strings.TrimLeft(s, "+-.,0123456789 ")
}

// parseDimension reads "0.5em" or "-3 mu" into math units.
func parseDimension(s string) (float64, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	i := len(s) - len(letters(s))
	num, unit := strings.ReplaceAll(s[:i], ",", "."), s[i:]
	f, err := strconv.ParseFloat(num, 64)
	if num == "-" || num == "+" {
		f, err = map[string]float64{"-": -1, "+": 1}[num], nil
	}
	u, ok := units[unit]
	if err != nil || !ok {
		return 0, false
	}
	return f * u, true
}

// hspace reads \hspace{dim} and \mspace{dim}.
func (p *parser) hspace(t token) Node {
	if k := p.peek(); k.kind == tChar && k.text == "*" {
		p.next()
	}
	return &Space{At: At{t.off}, MU: p.dimension()}
}

// kern reads \kern, \mkern, \hskip and \mskip followed by a dimension
// (a glue's stretch and shrink are ignored).
func (p *parser) kern(t token) Node {
	mu := p.dimension()
	for _, word := range []string{"plus", "minus"} {
		save := p.pos
		p.skipSpace()
		if p.word(word) {
			p.dimension()
		} else {
			p.pos = save
		}
	}
	return &Space{At: At{t.off}, MU: mu}
}

// word consumes the letters of w when they come next.
func (p *parser) word(w string) bool {
	save := p.pos
	for _, r := range w {
		t := p.peek()
		if t.kind != tChar || t.text != string(r) {
			p.pos = save
			return false
		}
		p.next()
	}
	return true
}

// symbolOfRune looks up a character typed as itself (α, ≤, →) in the
// symbol table, so that it gets its class.
func symbolOfRune(r rune) (symbol, bool) {
	tablesOnce.Do(loadTables)
	s, ok := runeSymbols[r]
	return s, ok
}
