package fonts

import (
	"errors"
	"testing"
	"unicode/utf8"
)

// sweepMetrics is how Parse worked the widths and ink out before it
// visited only the mapped runes and read ink on demand: every BMP code
// point in turn. TestSweepAgrees and FuzzParse hold the two to the same
// results.
type sweepMetrics struct {
	widths   [bmp]uint16
	ink      [bmp][2]int16
	has      [bmp / 64]uint64
	maxWidth int
}

func sweep(data []byte) (*sweepMetrics, error) {
	t, err := readTables(data)
	if err != nil {
		return nil, err
	}
	h, err := readHead(t.head)
	if err != nil {
		return nil, err
	}
	scale := 1000.0 / float64(h.unitsPerEm)
	nhm, numGlyphs, err := readCounts(t)
	if err != nil {
		return nil, err
	}
	if _, err := checkLoca(t, h.locaFormat, numGlyphs); err != nil {
		return nil, err
	}
	m, err := readCmap(t.cmap, nhm, numGlyphs)
	if err != nil {
		return nil, err
	}
	adv := newAdvances(t.hmtx, nhm, m.lastMapped, scale)
	f := &Font{missing: fpdfRound(scale * float64(adv.advance(0)))}
	if f.missing == 0 {
		f.missing = 500
	}
	if f.missing > 65535 {
		return nil, errors.New("hmtx: glyph 0 is too wide")
	}
	s := &sweepMetrics{}
	for c := range bmp {
		cw := 0
		switch {
		case c == 0:
			cw = m.assigned
		case m.best[c] != 0:
			cw = adv.width(int(m.best[c]))
			if c < 0xD800 || c > 0xDFFF {
				s.has[c>>6] |= 1 << (c & 63)
			}
		}
		if s.widths[c], err = f.resolve(cw); err != nil {
			return nil, err
		}
	}
	for c := 0xD800; c <= 0xDFFF; c++ {
		s.widths[c] = s.widths[utf8.RuneError]
	}
	s.maxWidth = f.missing
	for _, w := range s.widths {
		s.maxWidth = max(s.maxWidth, int(w))
	}
	offset := func(g int) int {
		if h.locaFormat == 0 {
			return 2 * u16(t.loca, 2*g)
		}
		return u32(t.loca, 4*g)
	}
	for c, g := range m.best {
		if g == 0 {
			continue
		}
		start, end := offset(int(g)), offset(int(g)+1)
		if end-start < 10 {
			continue
		}
		s.ink[c] = [2]int16{clamp16(float64(i16(t.glyf, start+2)) * scale), clamp16(float64(i16(t.glyf, start+6)) * scale)}
	}
	return s, nil
}

// compareSweep checks f's widths, Has, Ink and MaxWidth, for every BMP
// code point, against a sweep of data.
func compareSweep(t *testing.T, f *Font, data []byte) {
	t.Helper()
	s, err := sweep(data)
	if err != nil {
		t.Fatalf("%s: Parse accepted what the sweep refuses: %v", f.Name, err)
	}
	if f.MaxWidth() != s.maxWidth {
		t.Errorf("%s: MaxWidth %d, sweep %d", f.Name, f.MaxWidth(), s.maxWidth)
	}
	bad := 0
	for c := range rune(bmp) {
		l, r := f.Ink(c)
		if f.Width(c) != int(s.widths[c]) || f.Has(c) != (s.has[c>>6]&(1<<(c&63)) != 0) ||
			l != int(s.ink[c][0]) || r != int(s.ink[c][1]) {
			t.Errorf("%s: %U: width %d, has %v, ink %d..%d; sweep: %d, %v, %d..%d", f.Name, c,
				f.Width(c), f.Has(c), l, r, s.widths[c], s.has[c>>6]&(1<<(c&63)) != 0, s.ink[c][0], s.ink[c][1])
			if bad++; bad == 10 {
				t.FailNow()
			}
		}
	}
}

func TestSweepAgrees(t *testing.T) {
	files := map[string][]byte{
		"serifRegular": serifRegular, "serifItalic": serifItalic, "serifBold": serifBold,
		"serifBoldItalic": serifBoldItalic, "sansBold": sansBold, "monoRegular": monoRegular,
		"fallbackRegular": fallbackRegular, "fallbackBold": fallbackBold, "math": mathRegular,
	}
	for name, tf := range tinyFonts {
		files["tiny "+name] = tf.bytes()
	}
	for name, data := range files {
		f, err := Parse(name, data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		compareSweep(t, f, data)
	}
}
