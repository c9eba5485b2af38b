// Edition patch 14: drawing a glyph by its glyph id (see README.md).

package fpdf

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// A UTF-8 font's CIDs are its runes' code points (Identity-H, two bytes
// each, CIDToGIDMap from the font's cmap), so fpdf draws only glyphs that
// a BMP code point maps to. GlyphText gives every other glyph (a math
// italic letter at U+1D465, a size variant of ∑ with no code point) a CID
// of its own from the surrogate range: no rune is ever drawn with such a
// CID, since Go strings cannot hold a lone surrogate, and the ToUnicode
// CMap, which fpdf otherwise writes as the identity, maps each of them to
// the text the caller gave.
const (
	glyphCIDFirst = 0xD800
	glyphCIDLast  = 0xDFFF
)

// glyphCIDs holds the glyphs a UTF-8 font draws by glyph id. It hangs off
// the font's utf8FontFile, which every copy of the font's fontDefType
// shares.
type glyphCIDs struct {
	numGlyphs int
	unitsEm   int
	cmap      *cmap4         // code point to glyph: the font's format 4 cmap, or nil
	byKey     map[string]int // gid and text to CID
	gid       map[int]int    // CID to the font's glyph id
	text      map[int]string // CID to the text ToUnicode gives it
	next      int            // the next free CID of the surrogate range
}

// GlyphText draws glyph gid of the current font, a UTF-8 TrueType font,
// with its origin at (x, y) on the baseline, as Text draws a string; text
// is what the glyph stands for when the PDF's text is extracted, searched
// or read aloud (ToUnicode): its character, such as "𝑥" for the math
// italic x, or "∑" for a larger size of the summation sign. The glyph is
// kept in the font subset.
//
// When text is one rune of the Basic Multilingual Plane that the font's
// cmap maps to gid, the glyph is drawn as Text would draw that rune.
// Otherwise the glyph takes a CID of its own; a font has room for 2048
// such pairs of glyph and text. Underline and strike-out do not apply.
// Errors (no UTF-8 font, a glyph id the font lacks, no room) become the
// document's error.
func (f *Fpdf) GlyphText(x, y float64, gid int, text string) {
	if f.err != nil {
		return
	}
	if !f.isCurrentUTF8 || f.currentFont.utf8File == nil {
		f.err = fmt.Errorf("GlyphText: the current font is not a UTF-8 TrueType font")
		return
	}
	cid, err := f.glyphCID(gid, text)
	if err != nil {
		f.err = fmt.Errorf("GlyphText: font %s: %v", f.currentFont.Name, err)
		return
	}
	b := make([]byte, 0, 48)
	b = append(b, "BT "...)
	b = strconv.AppendFloat(b, x*f.k, 'f', 2, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, (f.h-y)*f.k, 'f', 2, 64)
	b = append(b, " Td ("...)
	b = appendEscaped(b, byte(cid>>8))
	b = appendEscaped(b, byte(cid))
	b = append(b, ") Tj ET"...)
	s := string(b)
	if f.colorFlag {
		s = "q " + f.color.text.str + " " + s + " Q"
	}
	f.out(s)
}

// glyphCID returns the CID that draws gid in the current font, recording
// it for the subset, the widths and ToUnicode.
func (f *Fpdf) glyphCID(gid int, text string) (int, error) {
	utf := f.currentFont.utf8File
	g, err := utf.glyphState()
	if err != nil {
		return 0, err
	}
	if gid <= 0 || gid >= g.numGlyphs {
		return 0, fmt.Errorf("no glyph %d (the font has %d)", gid, g.numGlyphs)
	}
	if !utf8.ValidString(text) || text == "" {
		return 0, fmt.Errorf("glyph %d: text %q is not valid UTF-8", gid, text)
	}
	if r, n := utf8.DecodeRuneInString(text); n == len(text) && r < 0x10000 && g.cmap.glyph(int(r)) == gid {
		f.currentFont.usedRunes[int(r)] = int(r)
		return int(r), nil
	}
	key := strconv.Itoa(gid) + " " + text
	if cid, ok := g.byKey[key]; ok {
		return cid, nil
	}
	if g.next > glyphCIDLast {
		return 0, fmt.Errorf("more than %d glyphs drawn by glyph id", glyphCIDLast-glyphCIDFirst+1)
	}
	adv, err := utf.advance(gid)
	if err != nil {
		return 0, err
	}
	cid := g.next
	g.next++
	g.byKey[key], g.gid[cid], g.text[cid] = cid, gid, text
	w := int(math.Round(float64(adv) * 1000 / float64(g.unitsEm)))
	if w == 0 {
		w = 65535 // fpdf's mark of a zero width, written as 0
	}
	f.currentFont.Cw[cid] = w
	f.currentFont.usedRunes[cid] = cid
	return cid, nil
}

// glyphState returns the font's glyphCIDs, reading maxp, head and the
// format 4 cmap on the first call.
func (utf *utf8FontFile) glyphState() (*glyphCIDs, error) {
	if utf.glyphs != nil {
		return utf.glyphs, nil
	}
	maxp, head := utf.tableDescriptions["maxp"], utf.tableDescriptions["head"]
	if maxp == nil || head == nil || maxp.size < 6 || head.size < 20 {
		return nil, fmt.Errorf("no maxp or head table")
	}
	g := &glyphCIDs{
		numGlyphs: utf.getUint16(maxp.position + 4),
		unitsEm:   utf.getUint16(head.position + 18),
		byKey:     map[string]int{},
		gid:       map[int]int{},
		text:      map[int]string{},
		next:      glyphCIDFirst,
	}
	if g.unitsEm == 0 {
		return nil, fmt.Errorf("unitsPerEm is 0")
	}
	g.cmap = utf.generateCMAP()
	utf.glyphs = g
	return g, nil
}

// advance returns the advance width of glyph gid in font units (hmtx).
func (utf *utf8FontFile) advance(gid int) (int, error) {
	hhea, hmtx := utf.tableDescriptions["hhea"], utf.tableDescriptions["hmtx"]
	if hhea == nil || hmtx == nil || hhea.size < 36 {
		return 0, fmt.Errorf("no hhea or hmtx table")
	}
	n := utf.getUint16(hhea.position + 34)
	if gid >= n {
		gid = n - 1 // the glyphs after the last metric share its advance
	}
	off := hmtx.position + 4*gid
	if n == 0 || off+4 > hmtx.position+hmtx.size || off+4 > len(utf.fileReader.array) {
		return 0, fmt.Errorf("hmtx has no metric for glyph %d", gid)
	}
	return utf.getUint16(off), nil
}

// addGlyphs adds the glyphs drawn by glyph id to the glyphs a subset
// keeps (parseSymbols' symbolCollection, original glyph id to a code).
func (utf *utf8FontFile) addGlyphs(symbols map[int]int) {
	if utf.glyphs == nil {
		return
	}
	for cid, gid := range utf.glyphs.gid {
		if _, ok := symbols[gid]; !ok {
			symbols[gid] = cid
		}
	}
}

// glyphCIDMap returns the CID to subset glyph map of the CIDToGIDMap: the
// runes' map as fpdf made it, plus the CIDs of glyphs drawn by glyph id.
// newGID is parseSymbols' map from original to subset glyph ids.
func (utf *utf8FontFile) glyphCIDMap(runes, newGID map[int]int) map[int]int {
	if utf.glyphs == nil || len(utf.glyphs.gid) == 0 {
		return runes
	}
	m := make(map[int]int, len(runes)+len(utf.glyphs.gid))
	for c, g := range runes {
		m[c] = g
	}
	for cid, gid := range utf.glyphs.gid {
		m[cid] = newGID[gid]
	}
	return m
}

// toUnicodeCMap is the font's ToUnicode CMap: fpdf's identity map, or,
// when glyphs were drawn by glyph id, the identity on every code outside
// the surrogate range, one range per high byte (so that no range runs the
// last byte of its destination past 255, ISO 32000-1 §9.10.3), and each
// glyph's CID to its text in UTF-16BE, with surrogate pairs beyond the BMP
// (fpdf's utf8toutf16 handles only the BMP).
func (utf *utf8FontFile) toUnicodeCMap() string {
	if utf.glyphs == nil || len(utf.glyphs.text) == 0 {
		return toUnicode
	}
	var ranges, chars []string
	for h := 0; h < 256; h++ {
		if c := h << 8; c < glyphCIDFirst || c > glyphCIDLast {
			ranges = append(ranges, fmt.Sprintf("<%04X> <%04X> <%04X>", c, c|0xFF, c))
		}
	}
	cids := make([]int, 0, len(utf.glyphs.text))
	for cid := range utf.glyphs.text {
		cids = append(cids, cid)
	}
	sort.Ints(cids)
	for _, cid := range cids {
		var dst strings.Builder
		for _, u := range utf16.Encode([]rune(utf.glyphs.text[cid])) {
			fmt.Fprintf(&dst, "%04X", u)
		}
		chars = append(chars, fmt.Sprintf("<%04X> <%s>", cid, dst.String()))
	}
	var b strings.Builder
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	writeCMapBlocks(&b, "bfrange", ranges)
	writeCMapBlocks(&b, "bfchar", chars)
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
	return b.String()
}

// writeCMapBlocks writes lines in blocks of at most 100, the limit of
// one beginbfrange or beginbfchar section.
func writeCMapBlocks(b *strings.Builder, kind string, lines []string) {
	for len(lines) > 0 {
		n := len(lines)
		if n > 100 {
			n = 100
		}
		fmt.Fprintf(b, "%d begin%s\n%s\nend%s\n", n, kind, strings.Join(lines[:n], "\n"), kind)
		lines = lines[n:]
	}
}
