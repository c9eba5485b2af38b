package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// ErrCFF is the error (wrapped) that Parse returns for an OpenType font with
// PostScript (CFF) outlines: fpdf embeds only glyf-based TrueType.
var ErrCFF = errors.New("not a TrueType font: CFF outlines are not supported")

// maxCmapRunes bounds the work a format 4 cmap may ask for. A well-formed
// subtable covers each BMP code point at most once (65536 in all); the
// bound only stops crafted overlapping segments from costing seconds.
const maxCmapRunes = 16 << 16

// Parse validates a TrueType font and computes its metrics. The font must
// have glyf outlines, a Unicode cmap subtable of format 4 (the only kind
// fpdf reads), and head, hhea, maxp, hmtx, loca, name and post tables that
// are complete enough for fpdf to read and subset it without failing. Parse
// never panics; it keeps data, which must not be modified afterwards.
//
// name becomes Font.Name; if it is empty the font's PostScript name is used.
// Errors begin with name when it is given.
func Parse(name string, data []byte) (*Font, error) {
	f, err := parse(data)
	if err != nil {
		if name != "" {
			return nil, fmt.Errorf("font %s: %w", name, err)
		}
		return nil, err
	}
	if name != "" {
		f.Name = name
	}
	return f, nil
}

func u16(b []byte, off int) int { return int(binary.BigEndian.Uint16(b[off:])) }
func i16(b []byte, off int) int { return int(int16(binary.BigEndian.Uint16(b[off:]))) }
func u32(b []byte, off int) int { return int(binary.BigEndian.Uint32(b[off:])) }

// fpdfRound is fpdf's util.go round, used for the missing width.
func fpdfRound(f float64) int {
	if f < 0 {
		return -int(math.Floor(-f + 0.5))
	}
	return int(math.Floor(f + 0.5))
}

// tables holds the tables Parse reads; a nil slice is an absent table.
type tables struct {
	head, hhea, maxp, cmap, hmtx, loca, glyf, name, post, os2 []byte
	cff                                                       bool
}

func parse(data []byte) (*Font, error) {
	t, err := readTables(data)
	if err != nil {
		return nil, err
	}
	f := &Font{Data: data}
	// fpdf scales every metric by this float; computing the same way
	// (rather than in integers) is what makes the results identical for
	// units per em that are not powers of two.
	h, err := readHead(t.head)
	if err != nil {
		return nil, err
	}
	f.unitsPerEm = h.unitsPerEm
	scale := 1000.0 / float64(f.unitsPerEm)
	nhm, numGlyphs, err := readCounts(t)
	if err != nil {
		return nil, err
	}
	glyphTop, err := checkLoca(t, h.locaFormat, numGlyphs)
	if err != nil {
		return nil, err
	}
	xHeight, err := f.verticalMetrics(t, h, scale)
	if err != nil {
		return nil, err
	}
	if f.Name, err = readName(t.name); err != nil {
		return nil, err
	}
	best, err := f.readWidths(t.cmap, t.hmtx, nhm, numGlyphs, scale)
	if err != nil {
		return nil, err
	}
	f.glyph, f.loca, f.glyf, f.locaFormat = best, t.loca, t.glyf, h.locaFormat
	f.xHeight = xHeight
	if xHeight == 0 && best['x'] != 0 {
		f.xHeight = int(float64(glyphTop(int(best['x']))) * scale)
	}
	f.parsed = true
	return f, nil
}

// readTables checks the sfnt header and returns the tables, every one fpdf
// needs present: OS/2 may be missing (fpdf then takes the weight as 500 and
// the vertical metrics from hhea and the bounding box), as may the hinting
// tables.
func readTables(data []byte) (tables, error) {
	var t tables
	if len(data) < 12 {
		return t, errors.New("truncated: too short for a font header")
	}
	switch v := u32(data, 0); v {
	case 0x00010000, 0x74727565: // TrueType; 'true' (Apple)
	case 0x4F54544F: // 'OTTO'
		return t, ErrCFF
	case 0x74746366: // 'ttcf'
		return t, errors.New("font collections (.ttc) are not supported")
	default:
		return t, fmt.Errorf("not a TrueType font: unknown sfnt version %#08x", v)
	}
	t, err := readDirectory(data)
	if err != nil {
		return t, err
	}
	if t.glyf == nil && t.cff {
		return t, ErrCFF
	}
	for _, req := range []struct {
		tag string
		b   []byte
	}{
		{"head", t.head}, {"hhea", t.hhea}, {"maxp", t.maxp}, {"cmap", t.cmap},
		{"hmtx", t.hmtx}, {"loca", t.loca}, {"glyf", t.glyf}, {"name", t.name},
		{"post", t.post},
	} {
		if req.b == nil {
			return t, fmt.Errorf("missing %q table", req.tag)
		}
	}
	return t, nil
}

// head is what Parse reads from the head table.
type head struct {
	unitsPerEm         int
	bboxYMin, bboxYMax int // scaled to 1/1000 em
	locaFormat         int
}

// readHead reads units per em, the bounding box and the loca format.
func readHead(b []byte) (head, error) {
	var h head
	if len(b) < 54 {
		return h, errors.New("head table truncated")
	}
	if uint32(u32(b, 12)) != 0x5F0F3CF5 {
		return h, errors.New("head table has a bad magic number")
	}
	h.unitsPerEm = u16(b, 18)
	if h.unitsPerEm < 16 || h.unitsPerEm > 16384 {
		return h, fmt.Errorf("head: units per em %d outside 16..16384", h.unitsPerEm)
	}
	scale := 1000.0 / float64(h.unitsPerEm)
	h.bboxYMin = int(float64(i16(b, 38)) * scale)
	h.bboxYMax = int(float64(i16(b, 42)) * scale)
	h.locaFormat = i16(b, 50)
	if h.locaFormat != 0 && h.locaFormat != 1 {
		return h, fmt.Errorf("head: unknown loca format %d", h.locaFormat)
	}
	return h, nil
}

// readCounts reads the number of horizontal metrics (hhea) and of glyphs
// (maxp), and checks that hmtx and post are long enough for fpdf.
func readCounts(t tables) (nhm, numGlyphs int, err error) {
	if len(t.hhea) < 36 {
		return 0, 0, errors.New("hhea table truncated")
	}
	if mdf := i16(t.hhea, 32); mdf != 0 {
		return 0, 0, fmt.Errorf("hhea: unknown metric data format %d", mdf)
	}
	nhm = u16(t.hhea, 34)
	if nhm == 0 {
		return 0, 0, errors.New("hhea: no horizontal metrics")
	}
	if len(t.maxp) < 6 {
		return 0, 0, errors.New("maxp table truncated")
	}
	numGlyphs = u16(t.maxp, 4)
	if numGlyphs == 0 {
		return 0, 0, errors.New("maxp: no glyphs")
	}
	if nhm > numGlyphs {
		return 0, 0, fmt.Errorf("hhea: %d horizontal metrics for %d glyphs", nhm, numGlyphs)
	}
	if len(t.hmtx) < 4*nhm {
		return 0, 0, errors.New("hmtx table truncated")
	}
	if len(t.post) < 16 {
		return 0, 0, errors.New("post table truncated")
	}
	return nhm, numGlyphs, nil
}

// verticalMetrics sets the ascent, descent and cap height in fpdf's order
// (utf8fontfile.go parseHHEATable, parseOS2Table): hhea first, OS/2
// typographic values where hhea has zero, the (already scaled) bounding box
// without OS/2. fpdf truncates. It returns OS/2's x-height, 0 if none.
func (f *Font) verticalMetrics(t tables, h head, scale float64) (xHeight int, err error) {
	f.ascent = int(float64(i16(t.hhea, 4)) * scale)
	f.descent = int(float64(i16(t.hhea, 6)) * scale)
	if t.os2 == nil {
		if f.ascent == 0 {
			f.ascent = int(float64(h.bboxYMax) * scale)
		}
		if f.descent == 0 {
			f.descent = int(float64(h.bboxYMin) * scale)
		}
		f.capHeight = f.ascent
		return 0, nil
	}
	if len(t.os2) < 72 {
		return 0, errors.New("OS/2 table truncated")
	}
	// fpdf stops reading OS/2 for these and still embeds a subset,
	// which such a licence forbids; refuse the font instead.
	if fsType := u16(t.os2, 8); fsType == 0x0002 || fsType&0x0300 != 0 {
		return 0, fmt.Errorf("font licence does not allow subset embedding (OS/2 fsType %#04x)", fsType)
	}
	if f.ascent == 0 {
		f.ascent = int(float64(i16(t.os2, 68)) * scale)
	}
	if f.descent == 0 {
		f.descent = int(float64(i16(t.os2, 70)) * scale)
	}
	if u16(t.os2, 0) <= 1 {
		f.capHeight = f.ascent
		return 0, nil
	}
	if len(t.os2) < 90 {
		return 0, errors.New("OS/2 table truncated")
	}
	f.capHeight = int(float64(i16(t.os2, 88)) * scale)
	return int(float64(i16(t.os2, 86)) * scale), nil
}

// readDirectory reads the table directory, checking that every table fpdf
// reads (including those it copies into subsets) lies inside the file. A
// repeated tag replaces the earlier one, as in fpdf.
func readDirectory(data []byte) (tables, error) {
	var t tables
	n := u16(data, 4)
	if 12+16*n > len(data) {
		return t, errors.New("table directory truncated")
	}
	for i := range n {
		rec := 12 + 16*i
		tag := string(data[rec : rec+4])
		var dst *[]byte
		switch tag {
		case "head":
			dst = &t.head
		case "hhea":
			dst = &t.hhea
		case "maxp":
			dst = &t.maxp
		case "cmap":
			dst = &t.cmap
		case "hmtx":
			dst = &t.hmtx
		case "loca":
			dst = &t.loca
		case "glyf":
			dst = &t.glyf
		case "name":
			dst = &t.name
		case "post":
			dst = &t.post
		case "OS/2":
			dst = &t.os2
		case "cvt ", "fpgm", "prep", "gasp":
		case "CFF ", "CFF2":
			t.cff = true
			continue
		default:
			continue
		}
		off, size := u32(data, rec+8), u32(data, rec+12)
		if uint64(off)+uint64(size) > uint64(len(data)) {
			return t, fmt.Errorf("%q table extends past the end of the file", tag)
		}
		if dst != nil {
			*dst = data[off : off+size : off+size]
		}
	}
	return t, nil
}

// checkLoca checks that every glyph lies inside glyf, since fpdf slices glyf
// by loca when it subsets the font, and returns a function giving a glyph's
// yMax in font units (0 for an empty glyph).
func checkLoca(t tables, format, numGlyphs int) (func(g int) int, error) {
	size := 2 << format
	if len(t.loca) < (numGlyphs+1)*size {
		return nil, errors.New("loca table truncated")
	}
	offset := func(g int) int {
		if format == 0 {
			return 2 * u16(t.loca, 2*g)
		}
		return u32(t.loca, 4*g)
	}
	prev := 0
	for g := 0; g <= numGlyphs; g++ {
		o := offset(g)
		if o < prev || o > len(t.glyf) {
			return nil, fmt.Errorf("loca: glyph %d lies outside glyf", max(g-1, 0))
		}
		prev = o
	}
	return func(g int) int {
		start, end := offset(g), offset(g+1)
		if end-start < 10 {
			return 0
		}
		return i16(t.glyf, start+8)
	}, nil
}

// ink reads the horizontal extent of glyph g's ink from its glyf header
// (a composite glyph's too): xMin and xMax in 1/1000 em, zero for an
// empty glyph (a space). Parse has checked that loca lies inside glyf.
func (f *Font) ink(g int) (left, right int) {
	offset := func(g int) int {
		if f.locaFormat == 0 {
			return 2 * u16(f.loca, 2*g)
		}
		return u32(f.loca, 4*g)
	}
	start, end := offset(g), offset(g+1)
	if end-start < 10 {
		return 0, 0
	}
	scale := 1000.0 / float64(f.unitsPerEm)
	return int(clamp16(float64(i16(f.glyf, start+2)) * scale)), int(clamp16(float64(i16(f.glyf, start+6)) * scale))
}

func clamp16(v float64) int16 {
	return int16(max(-32768, min(32767, math.Round(v))))
}

// readName checks the name records fpdf reads (IDs 1–4 and 6 in Windows
// Unicode English or Mac Roman) and returns the PostScript name (ID 6).
func readName(b []byte) (string, error) {
	if len(b) < 6 {
		return "", errors.New("name table truncated")
	}
	count, strOff := u16(b, 2), u16(b, 4)
	if 6+12*count > len(b) {
		return "", errors.New("name table truncated")
	}
	var win, mac string
	for i := range count {
		rec := 6 + 12*i
		platform, encoding, lang, id := u16(b, rec), u16(b, rec+2), u16(b, rec+4), u16(b, rec+6)
		size, off := u16(b, rec+8), strOff+u16(b, rec+10)
		isWin := platform == 3 && encoding == 1 && lang == 0x409
		isMac := platform == 1 && encoding == 0 && lang == 0
		if id > 6 || id == 0 || id == 5 || !(isWin || isMac) {
			continue
		}
		if off+size > len(b) {
			return "", fmt.Errorf("name: string %d lies outside the table", id)
		}
		if id != 6 {
			continue
		}
		s := b[off : off+size]
		switch {
		case isWin && win == "" && size%2 == 0:
			units := make([]uint16, size/2)
			for j := range units {
				units[j] = uint16(u16(s, 2*j))
			}
			win = string(utf16.Decode(units))
		case isMac && mac == "":
			mac = string(s)
		}
	}
	if win == "" {
		win = mac
	}
	return sanitizeName(win), nil
}

// sanitizeName keeps the printable ASCII of a PostScript name, which is all
// the name may hold (Adobe Technical Note #5902), so that a broken name
// table cannot smuggle odd bytes into error messages or PDF names.
func sanitizeName(s string) string {
	return strings.Map(func(r rune) rune {
		if r > ' ' && r < utf8.RuneSelf && r != '\x7f' {
			return r
		}
		return -1
	}, s)
}

// readWidths fills f.widths, f.has, f.missing and f.maxWidth the way fpdf fills and
// reads its CharWidths (utf8fontfile.go parseCMAPTable,
// generateSCCSDictionaries, parseHMTXTable; fpdf.go GetStringSymbolWidth),
// quirks included, and returns for each BMP rune the glyph whose width it
// got (0 for none).
func (f *Font) readWidths(cmap, hmtx []byte, nhm, numGlyphs int, scale float64) ([]uint16, error) {
	m, err := readCmap(cmap, nhm, numGlyphs)
	if err != nil {
		return nil, err
	}
	adv := newAdvances(hmtx, nhm, m.lastMapped, scale)
	// fpdf's MissingWidth is round(width of glyph 0); GetStringSymbolWidth
	// uses 500 when that is zero.
	f.missing = fpdfRound(scale * float64(adv.advance(0)))
	if f.missing == 0 {
		f.missing = 500
	}
	if f.missing > math.MaxUint16 {
		return nil, errors.New("hmtx: glyph 0 is too wide")
	}
	// Most of the BMP is unmapped and gets the missing width: fill the
	// table with it, then visit only the runes the cmap maps (a few
	// thousand) rather than all 65,536.
	fill(f.widths[:], uint16(f.missing))
	if f.widths[0], err = f.resolve(m.assigned); err != nil {
		return nil, err
	}
	for _, c := range m.mapped {
		if c < 0xD800 || c > 0xDFFF {
			f.has[c>>6] |= 1 << (c & 63)
		}
		if f.widths[c], err = f.resolve(adv.width(int(m.best[c]))); err != nil {
			return nil, err
		}
	}
	// Surrogates never reach fpdf: string(r) encodes them as U+FFFD.
	for c := 0xD800; c <= 0xDFFF; c++ {
		f.widths[c] = f.widths[utf8.RuneError]
	}
	// Every other rune has the missing width.
	f.maxWidth = max(f.missing, int(f.widths[0]))
	for _, c := range m.mapped {
		f.maxWidth = max(f.maxWidth, int(f.widths[c]))
	}
	return m.best, nil
}

// resolve turns a CharWidths entry into the width GetStringSymbolWidth
// reports: 0 is missing, 65535 is zero.
func (f *Font) resolve(cw int) (uint16, error) {
	switch {
	case cw == 0:
		return uint16(f.missing), nil
	case cw == 65535:
		return 0, nil
	case cw > 65535:
		return 0, errors.New("hmtx: glyph advance is too wide")
	}
	return uint16(cw), nil
}

// cmapping is what fpdf learns from the cmap.
type cmapping struct {
	best       []uint16 // for each BMP rune, the glyph whose width it gets (0: none)
	assigned   int      // (rune, glyph) assignments, fpdf's CharWidths[0]
	lastMapped bool     // some rune maps to glyph nhm-1, see newAdvances
	mapped     []uint16 // the runes whose best is not 0, each once, in no order
}

// fill sets every element of w to v, doubling the filled part by copy.
func fill(w []uint16, v uint16) {
	if len(w) == 0 {
		return
	}
	w[0] = v
	for n := 1; n < len(w); n *= 2 {
		copy(w[n:], w[:n])
	}
}

// readCmap walks the format 4 subtable as fpdf does. fpdf collects the runes
// of each glyph, then walks glyphs in ascending order setting each rune's
// width, so a rune that overlapping segments map to several glyphs gets
// the last, highest one. It also counts every (rune, glyph) assignment
// into CharWidths[0], which GetStringSymbolWidth then reports as U+0000's
// width.
func readCmap(cmap []byte, nhm, numGlyphs int) (cmapping, error) {
	var m cmapping
	sub, err := findFormat4(cmap)
	if err != nil {
		return m, err
	}
	if sub+14 > len(cmap) {
		return m, errors.New("cmap: format 4 subtable truncated")
	}
	// fpdf treats a glyph-array position at or past the subtable's own
	// length as glyph 0.
	rim := sub + u16(cmap, sub+2)
	segs := u16(cmap, sub+6) / 2
	ends := sub + 14
	starts := ends + 2*segs + 2
	deltas := starts + 2*segs
	rangeOffsets := deltas + 2*segs
	if rangeOffsets+2*segs > len(cmap) {
		return m, errors.New("cmap: format 4 subtable truncated")
	}
	m.best = make([]uint16, bmp)
	// written before add reads it: fresh memory read first is mapped to
	// the zero page and faults again, with a TLB flush on every
	// processor, when it is written
	clear(m.best)
	work := 0
	for n := range segs {
		end, start := u16(cmap, ends+2*n), u16(cmap, starts+2*n)
		delta, ro := i16(cmap, deltas+2*n), u16(cmap, rangeOffsets+2*n)
		if end < start {
			continue
		}
		if work += end - start + 1; work > maxCmapRunes {
			return m, errors.New("cmap: format 4 segments cover too many code points")
		}
		for c := start; c <= end; c++ {
			g := 0
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else if pos := rangeOffsets + 2*n + ro + 2*(c-start); pos < rim {
				if pos+2 > len(cmap) {
					return m, errors.New("cmap: format 4 glyph index lies outside the table")
				}
				if g = u16(cmap, pos); g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			m.add(c, g, nhm, numGlyphs)
		}
	}
	return m, nil
}

// add records that rune c maps to glyph g.
func (m *cmapping) add(c, g, nhm, numGlyphs int) {
	if g == nhm-1 {
		m.lastMapped = true
	}
	if g == 0 || g >= numGlyphs || c == 0 || c == 0xFFFF {
		return
	}
	m.assigned++
	if m.best[c] == 0 {
		m.mapped = append(m.mapped, uint16(c))
	}
	if g > int(m.best[c]) {
		m.best[c] = uint16(g)
	}
}

// advances reads advance widths as fpdf's parseHMTXTable does.
type advances struct {
	hmtx     []byte
	nhm      int
	trailing int // the advance of glyphs past the long metrics
	scale    float64
}

// newAdvances: glyphs past the long metrics share the last long
// advance, which fpdf has zeroed by then only if that glyph is mapped (or
// is glyph 0).
func newAdvances(hmtx []byte, nhm int, lastMapped bool, scale float64) advances {
	a := advances{hmtx: hmtx, nhm: nhm, scale: scale}
	a.trailing = u16(hmtx, 4*(nhm-1))
	if a.trailing >= 1<<15 && (lastMapped || nhm == 1) {
		a.trailing = 0
	}
	return a
}

// advance is glyph g's advance in font units; one of 0x8000 or more
// counts as zero.
func (a advances) advance(g int) int {
	if v := u16(a.hmtx, 4*g); v < 1<<15 {
		return v
	}
	return 0
}

// width is fpdf's CharWidths entry for glyph g: its scaled advance, 65535
// marking zero.
func (a advances) width(g int) int {
	v := a.trailing
	if g < a.nhm {
		v = a.advance(g)
	}
	w := int(math.Round(a.scale * float64(v)))
	if w == 0 {
		w = 65535
	}
	return w
}

// findFormat4 returns the offset in cmap of the subtable fpdf uses: the
// first encoding record for Unicode (platform 0) or Windows Unicode BMP
// (3, 1) whose subtable has format 4.
func findFormat4(cmap []byte) (int, error) {
	if len(cmap) < 4 {
		return 0, errors.New("cmap table truncated")
	}
	n := u16(cmap, 2)
	if 4+8*n > len(cmap) {
		return 0, errors.New("cmap table truncated")
	}
	other := 0 // format of a Unicode subtable fpdf cannot read
	for i := range n {
		rec := 4 + 8*i
		platform, encoding, off := u16(cmap, rec), u16(cmap, rec+2), u32(cmap, rec+4)
		fpdfReads := platform == 0 || platform == 3 && encoding == 1
		if !fpdfReads && !(platform == 3 && encoding == 10) {
			continue
		}
		if off+2 > len(cmap) {
			if !fpdfReads {
				continue
			}
			return 0, errors.New("cmap: subtable lies outside the table")
		}
		format := u16(cmap, off)
		if format == 4 && fpdfReads {
			return off, nil
		}
		other = format
	}
	if other != 0 {
		return 0, fmt.Errorf("cmap: no format 4 Unicode subtable, which fpdf requires (found format %d only)", other)
	}
	return 0, errors.New("cmap: no Unicode subtable")
}
