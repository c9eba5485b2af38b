// Edition patches: the additions that github.com/redtide/edition makes to
// fpdf v0.9.0. Each is listed, with its reason, in README.md; the small
// changes they need inside fpdf's own files are marked "edition patch".

package fpdf

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"hash/fnv"
	"io"
	"math"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
)

// pageBoxOrder is the order in which putpages writes a page's boxes: the
// order of ISO 32000-1 Table 30. fpdf kept them in a map, so their order
// changed from run to run.
var pageBoxOrder = [...]string{"CropBox", "BleedBox", "TrimBox", "ArtBox"}

// compressPages deflates every page's content stream, as putpages did one
// page at a time (zlib, level 1; see deflate), on as many goroutines as there are
// cores, each reusing one zlib writer: creating a writer per page cost more
// than compressing a small page. packed[n] is page n's stream (1-based).
// A page that PackPage deflated while the document was made is taken as
// it is; one for which done is true (written out, SpillPages) is left
// empty.
func (f *Fpdf) compressPages(done func(n int) bool) [][]byte {
	nb := f.page
	packed := make([][]byte, nb+1)
	if done != nil {
		// written out already (SpillPages): marked as made
		for n := 1; n <= nb; n++ {
			if done(n) {
				packed[n] = []byte{}
			}
		}
	}
	// edition patch: the pages packed as they were finished (PackPage)
	for n, data := range f.packedPages() {
		if n <= nb {
			packed[n] = data
		}
	}
	var mu sync.Mutex
	next := 1
	work := func() {
		var zw *zlibWriter
		for {
			mu.Lock()
			n := next
			next++
			for n <= nb && packed[n] != nil {
				n = next
				next++
			}
			mu.Unlock()
			if n > nb {
				return
			}
			if packed[n] != nil {
				continue
			}
			packed[n] = deflatePage(&zw, f.pages[n].Bytes())
		}
	}
	workers := runtime.GOMAXPROCS(0)
	if workers > nb {
		workers = nb
	}
	var wg sync.WaitGroup
	for i := 1; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work()
		}()
	}
	work()
	wg.Wait()
	return packed
}

// deflatePage deflates a page's content stream (zlib, level 1; see
// deflate) with *zw, which it makes if nil.
func deflatePage(zw **zlibWriter, page []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(page)/3 + 64)
	if *zw == nil {
		*zw = newZlibWriter(&buf)
	} else {
		(*zw).Reset(&buf)
	}
	(*zw).Write(page) // a bytes.Buffer does not fail
	(*zw).Close()
	return buf.Bytes()
}

// cutFont is a UTF-8 font's subset, made by cutFonts for putfonts: the
// length of the subset, and the compressed subset and CIDToGIDMap.
type cutFont struct {
	size           int
	font, cidToGID *membuffer
}

// cutFonts makes the subsets of the UTF-8 fonts among keys, as putfonts
// made them one after the other, on as many goroutines as there are
// cores: each font's subset depends on that font alone. putfonts writes
// them, in its order. Subsetting and compressing the fonts was most of
// the time fpdf took to write a short edition once its pages were made.
func (f *Fpdf) cutFonts(keys []string) map[string]*cutFont {
	var todo []string
	for _, key := range keys {
		if f.fonts[key].Tp == "UTF8" {
			todo = append(todo, key)
		}
	}
	out := make([]*cutFont, len(todo))
	var next atomic.Int64
	var failed atomic.Value // a panic of the TrueType code, raised again below
	work := func() {
		defer func() {
			if r := recover(); r != nil {
				failed.CompareAndSwap(nil, fmt.Sprint(r))
			}
		}()
		// one CIDToGIDMap a goroutine, cleared for each font: a new one
		// (128 KB) for each font was fresh memory, a page fault each 4 KB
		var cidToGID []byte
		for {
			i := int(next.Add(1) - 1)
			if i >= len(todo) {
				return
			}
			font := f.fonts[todo[i]]
			usedRunes := font.usedRunes
			delete(usedRunes, 0)
			stream := font.utf8File.GenerateCutFont(usedRunes)
			codeSign := font.utf8File.CodeSymbolDictionary
			delete(codeSign, 0)
			if cidToGID == nil {
				cidToGID = make([]byte, 256*256*2)
			} else {
				clear(cidToGID)
			}
			for cc, glyph := range codeSign {
				cidToGID[cc*2] = byte(glyph >> 8)
				cidToGID[cc*2+1] = byte(glyph & 0xFF)
			}
			// the map deflates to a few KB
			out[i] = &cutFont{size: len(stream), cidToGID: xmem.compressIn(cidToGID, 4<<10), font: xmem.compress(stream)}
		}
	}
	workers := runtime.GOMAXPROCS(0)
	if workers > len(todo) {
		workers = len(todo)
	}
	var wg sync.WaitGroup
	for i := 1; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work()
		}()
	}
	work()
	wg.Wait()
	if r := failed.Load(); r != nil {
		panic(r) // on the caller's goroutine, as before, where it may recover
	}
	cut := make(map[string]*cutFont, len(todo))
	for i, key := range todo {
		cut[key] = out[i]
	}
	return cut
}

// subsetFontName is the BaseFont of an embedded UTF-8 font. fpdf named it
// "utf8" and its lower-cased family, with no subset tag, so that viewers
// and preflight tools could not tell it is a subset; ISO 32000-1 §9.6.4
// wants "ABCDEF+Name" for a subset. The family is kept as the caller gave
// it (a PostScript name, for edition), with the style letters after it;
// the tag is derived from that name, so it is the same on every run.
func subsetFontName(font fontDefType) string {
	name := font.family + getFontKey("", font.style)
	return subsetTag(name) + "+" + name
}

// subsetTag is six upper-case letters derived from name (FNV-1a).
func subsetTag(name string) string {
	h := fnv.New64a()
	h.Write([]byte(name))
	v := h.Sum64()
	b := make([]byte, 6)
	for i := range b {
		b[i] = 'A' + byte(v%26)
		v /= 26
	}
	return string(b)
}

// editionState holds what the edition patches add to a document.
type editionState struct {
	info      []infoEntry        // extra entries of the document information dictionary
	xmpObj    int                // object number of the XMP metadata stream
	intents   []OutputIntentType // output intents, in the order added
	intentObj []int              // object numbers of their profiles
	rgbICC    []byte             // ICC profile of RGB images; nil for DeviceRGB
	rgbObj    int                // its object number
	fileID    bool               // write a file identifier in the trailer
	early     *earlyOutput       // the file started at the first page (SpillPages)
	pack      *packer            // deflates finished pages (PackPage)
	spill     bool               // Output writes the file out as it is made (SpillOutput)
	out       io.Writer          // where, during Output
	spilled   int                // bytes written out before the buffer
	sum       *fileSum           // digest of them, for the file identifier
	line      []byte             // an operator being written (outFontSize)
}

type infoEntry struct {
	key, value string
	name       bool // value is a PDF name, not a text string
}

// SetPDFVersion raises the version in the file header to at least
// major.minor; fpdf otherwise writes 1.3 unless a feature it uses needs
// more (PDF/X-4 needs 1.6).
func (f *Fpdf) SetPDFVersion(major, minor uint) {
	if v := pdfVersionFrom(major, minor); v > f.pdfVersion {
		f.pdfVersion = v
	}
}

// SetInfoString adds an entry whose value is a text string to the
// document information dictionary, such as GTS_PDFXVersion.
func (f *Fpdf) SetInfoString(key, value string) {
	f.ed.info = append(f.ed.info, infoEntry{key: key, value: value})
}

// SetInfoName adds an entry whose value is a name to the document
// information dictionary, such as Trapped False.
func (f *Fpdf) SetInfoName(key, value string) {
	f.ed.info = append(f.ed.info, infoEntry{key: key, value: value, name: true})
}

func (f *Fpdf) putInfoEntries() {
	for _, e := range f.ed.info {
		if e.name {
			f.outf("/%s /%s", e.key, e.value)
		} else {
			f.outf("/%s %s", e.key, f.textstring(e.value))
		}
	}
}

// pdfDate formats t as a PDF date with its offset from UTC (ISO 32000-1
// §7.9.4): fpdf wrote no offset, which leaves the time zone unknown and
// cannot match the XMP dates.
func pdfDate(t time.Time) string {
	s := "D:" + t.Format("20060102150405")
	_, off := t.Zone()
	if off == 0 {
		return s + "Z"
	}
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("%s%c%02d'%02d'", s, sign, off/3600, off%3600/60)
}

// OutputIntentType describes the printing condition a document is made
// for (ISO 32000-1 §14.11.5): for PDF/X, Subtype is GTS_PDFX and the
// profile is the output device's.
type OutputIntentType struct {
	Subtype                   string // GTS_PDFX, GTS_PDFA1...
	OutputConditionIdentifier string // a name in the registry, e.g. "CGATS TR 002"
	OutputCondition           string // readable description; optional
	RegistryName              string // e.g. "http://www.color.org"; optional
	Info                      string // readable description; optional
	ICC                       []byte // the destination output profile
	N                         int    // colour components of the profile: 1, 3 or 4
}

// AddOutputIntent adds an output intent, with its embedded profile, to the
// document catalog.
func (f *Fpdf) AddOutputIntent(oi OutputIntentType) {
	f.ed.intents = append(f.ed.intents, oi)
}

// putICC writes an ICC profile stream, compressed, and returns its object
// number.
func (f *Fpdf) putICC(icc []byte, n int, alternate string) int {
	f.newobj()
	mem := xmem.compress(icc)
	data := mem.bytes()
	f.outf("<</N %d /Alternate /%s /Filter /FlateDecode /Length %d>>", n, alternate, len(data))
	f.putstream(data)
	mem.release()
	f.out("endobj")
	return f.n
}

func (f *Fpdf) putOutputIntents() {
	f.ed.intentObj = f.ed.intentObj[:0]
	for _, oi := range f.ed.intents {
		alt := map[int]string{1: "DeviceGray", 3: "DeviceRGB", 4: "DeviceCMYK"}[oi.N]
		if alt == "" {
			f.err = fmt.Errorf("output intent %s: a profile has 1, 3 or 4 components, not %d", oi.OutputConditionIdentifier, oi.N)
			return
		}
		f.ed.intentObj = append(f.ed.intentObj, f.putICC(oi.ICC, oi.N, alt))
	}
}

// putCatalogEntries writes the catalog's Version (when SpillPages wrote
// the header before the version was raised), Metadata (fpdf wrote the
// XMP stream but did not reference it) and OutputIntents.
func (f *Fpdf) putCatalogEntries() {
	f.putVersion()
	if f.ed.xmpObj > 0 {
		f.outf("/Metadata %d 0 R", f.ed.xmpObj)
	}
	if len(f.ed.intents) == 0 {
		return
	}
	var b fmtBuffer
	b.printf("/OutputIntents [")
	for i, oi := range f.ed.intents {
		b.printf("<</Type /OutputIntent /S /%s /OutputConditionIdentifier %s", oi.Subtype, f.textstring(oi.OutputConditionIdentifier))
		if oi.OutputCondition != "" {
			b.printf(" /OutputCondition %s", f.textstring(oi.OutputCondition))
		}
		if oi.RegistryName != "" {
			b.printf(" /RegistryName %s", f.textstring(oi.RegistryName))
		}
		if oi.Info != "" {
			b.printf(" /Info %s", f.textstring(oi.Info))
		}
		b.printf(" /DestOutputProfile %d 0 R>>", f.ed.intentObj[i])
	}
	b.printf("]")
	f.out(b.String())
}

// SetRGBProfile makes RGB images device-independent: they are written in
// an ICCBased colour space with this profile (such as sRGB) instead of
// DeviceRGB, which PDF/X-4 allows only when the output intent is RGB.
func (f *Fpdf) SetRGBProfile(icc []byte) {
	f.ed.rgbICC = icc
}

func (f *Fpdf) putRGBProfile() {
	if f.ed.rgbICC != nil {
		f.ed.rgbObj = f.putICC(f.ed.rgbICC, 3, "DeviceRGB")
	}
}

// imageColorSpace is the colour space of an image whose fpdf colour space
// is cs.
func (f *Fpdf) imageColorSpace(cs string) string {
	if cs == "DeviceRGB" && f.ed.rgbObj > 0 {
		return fmt.Sprintf("[/ICCBased %d 0 R]", f.ed.rgbObj)
	}
	return "/" + cs
}

// SetFileID writes a file identifier in the trailer (ISO 32000-1 §14.4;
// PDF/X requires one): two copies of a digest of the file's bytes before
// the /ID entry (fileSum), so that it is the same on every run of the same
// input and differs between different files.
func (f *Fpdf) SetFileID() {
	f.ed.fileID = true
}

func (f *Fpdf) putFileID() {
	if !f.ed.fileID {
		return
	}
	s := f.ed.sum // edition patch: the bytes written out before (SpillOutput)
	if s == nil {
		s = new(fileSum)
	}
	s.write(f.buffer.Bytes())
	sum := s.sum()
	f.outf("/ID [<%x> <%x>]", sum, sum)
}

// fileSum is the digest of the file identifier: the file's CRC-32
// (IEEE), its CRC-32C (Castagnoli) and its length in bytes, 16 bytes.
// It was an MD5 hash, which took 16 times as long: hash/crc32 computes
// both CRCs with the processor's CRC or carry-less multiply
// instructions. The identifier only has to tell files apart (ISO 32000-1
// suggests hashing the Info dictionary, the size and the time); two
// CRCs of different polynomials and the length tell apart any two files
// but for a chance of about 2^-64 between files of the same length.
type fileSum struct {
	ieee, castagnoli uint32
	n                uint64
}

var castagnoliTable = crc32.MakeTable(crc32.Castagnoli)

func (s *fileSum) write(p []byte) {
	s.ieee = crc32.Update(s.ieee, crc32.IEEETable, p)
	s.castagnoli = crc32.Update(s.castagnoli, castagnoliTable, p)
	s.n += uint64(len(p))
}

func (s *fileSum) sum() [16]byte {
	var b [16]byte
	binary.BigEndian.PutUint32(b[0:], s.ieee)
	binary.BigEndian.PutUint32(b[4:], s.castagnoli)
	binary.BigEndian.PutUint64(b[8:], s.n)
	return b
}

// utf8FontDef parses a UTF-8 (TrueType) font as addFontFromBytes did in
// place, without touching the document, so that AddUTF8Fonts can parse
// several fonts at once: their parsing (and the hash naming each) was the
// longest serial part of painting a short edition.
func (f *Fpdf) utf8FontDef(familyStr, styleStr string, utf8Bytes []byte) (fontDefType, error) {
	fontkey := getFontKey(familyStr, styleStr)
	Type := "UTF8"
	reader := fileReader{readerPosition: 0, array: utf8Bytes}
	utf8File := newUTF8Font(&reader)
	if err := utf8File.parseFile(); err != nil {
		return fontDefType{}, err
	}
	desc := FontDescType{
		Ascent:       int(utf8File.Ascent),
		Descent:      int(utf8File.Descent),
		CapHeight:    utf8File.CapHeight,
		Flags:        utf8File.Flags,
		FontBBox:     utf8File.Bbox,
		ItalicAngle:  utf8File.ItalicAngle,
		StemV:        utf8File.StemV,
		MissingWidth: round(utf8File.DefaultWidth),
	}

	var sbarr map[int]int
	if f.aliasNbPagesStr == "" {
		sbarr = makeSubsetRange(57)
	} else {
		sbarr = makeSubsetRange(32)
	}
	def := fontDefType{
		Tp:        Type,
		Name:      fontkey,
		Desc:      desc,
		Up:        int(round(utf8File.UnderlinePosition)),
		Ut:        round(utf8File.UnderlineThickness),
		Cw:        utf8File.CharWidths,
		utf8File:  utf8File,
		usedRunes: sbarr,
		family:    familyStr, // edition patch: see subsetFontName
		style:     styleStr,
	}
	def.i, _ = generateFontID(def)
	return def, nil
}

// safeUTF8FontDef is utf8FontDef with a panic of the TrueType parser,
// which indexes the data without bounds checks, as its error: on a
// goroutine of AddUTF8Fonts it would end the program.
func (f *Fpdf) safeUTF8FontDef(familyStr, styleStr string, utf8Bytes []byte) (def fontDefType, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("cannot parse the font: %v", r)
		}
	}()
	return f.utf8FontDef(familyStr, styleStr, utf8Bytes)
}

// UTF8Font is a font for AddUTF8Fonts: the arguments of
// AddUTF8FontFromBytes.
type UTF8Font struct {
	Family, Style string
	Data          []byte
}

// AddUTF8Fonts adds the fonts as AddUTF8FontFromBytes does, one after the
// other, with the same result, but parses them on as many goroutines as
// there are cores.
func (f *Fpdf) AddUTF8Fonts(list []UTF8Font) {
	if f.err != nil {
		return
	}
	type parsed struct {
		def fontDefType
		err error
	}
	out := make([]parsed, len(list))
	todo := make([]bool, len(list))
	for i, ft := range list {
		_, ok := f.fonts[getFontKey(fontFamilyEscape(ft.Family), ft.Style)]
		todo[i] = !ok
	}
	var next atomic.Int64
	work := func() {
		for {
			i := int(next.Add(1) - 1)
			if i >= len(list) {
				return
			}
			if todo[i] {
				out[i].def, out[i].err = f.safeUTF8FontDef(fontFamilyEscape(list[i].Family), list[i].Style, list[i].Data)
			}
		}
	}
	workers := runtime.GOMAXPROCS(0)
	if workers > len(list) {
		workers = len(list)
	}
	var wg sync.WaitGroup
	for i := 1; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work()
		}()
	}
	work()
	wg.Wait()
	for i, ft := range list {
		family := fontFamilyEscape(ft.Family)
		fontkey := getFontKey(family, ft.Style)
		if _, ok := f.fonts[fontkey]; ok || !todo[i] {
			continue
		}
		if out[i].err != nil {
			f.SetErrorf("font %s: %v", family, out[i].err)
			return
		}
		f.fonts[fontkey] = out[i].def
	}
}

// outFontSize writes the operator that selects the current font and
// size, as SetFont wrote it with outf("BT /F%s %.2f Tf ET"), without fmt:
// a page of small type changes its font often.
func (f *Fpdf) outFontSize() {
	b := append(f.ed.line[:0], "BT /F"...)
	b = append(b, f.currentFont.i...)
	b = append(b, ' ')
	b = appendFixed2(b, f.fontSizePt)
	b = append(b, " Tf ET"...)
	f.ed.line = b
	f.outBytes(b)
}

// RawWriteBytes writes b as RawWriteStr(string(b)) does, without copying
// it into a string first: the painter hands its gathered text to fpdf
// this way.
func (f *Fpdf) RawWriteBytes(b []byte) {
	f.outBytes(b)
}

// outBytes is out for a byte slice.
func (f *Fpdf) outBytes(b []byte) {
	if f.state == 2 {
		w := f.pages[f.page]
		w.Write(b)
		w.WriteByte('\n')
		return
	}
	f.spillFor(len(b) + 1)
	if f.ed.out != nil && len(b) >= spillSize {
		// with SpillOutput, a stream that would fill the buffer goes
		// out as it is, after what the buffer held
		f.writeOut(b)
	} else {
		f.buffer.Write(b)
	}
	f.buffer.WriteByte('\n')
}

// colorModeCMYK marks a process colour set with one of the CMYK setters.
const colorModeCMYK = colorModeSpot + 1

func cmykColor(c, m, y, k float64, op string) colorType {
	clamp := func(v float64) float64 { return math.Max(0, math.Min(1, v)) }
	return colorType{mode: colorModeCMYK,
		str: fmt.Sprintf("%.3f %.3f %.3f %.3f %s", clamp(c), clamp(m), clamp(y), clamp(k), op)}
}

// SetDrawColorCMYK sets the colour of lines in DeviceCMYK; components run
// from 0 to 1. fpdf's own setters give RGB or grey, but a print shop wants
// black text and rules as 100% K, not an RGB black the RIP converts.
func (f *Fpdf) SetDrawColorCMYK(c, m, y, k float64) {
	f.color.draw = cmykColor(c, m, y, k, "K")
	if f.page > 0 {
		f.out(f.color.draw.str)
	}
}

// SetFillColorCMYK sets the colour of fills in DeviceCMYK; see
// SetDrawColorCMYK.
func (f *Fpdf) SetFillColorCMYK(c, m, y, k float64) {
	f.color.fill = cmykColor(c, m, y, k, "k")
	f.colorFlag = f.color.fill.str != f.color.text.str
	if f.page > 0 {
		f.out(f.color.fill.str)
	}
}

// SetTextColorCMYK sets the colour of text in DeviceCMYK; see
// SetDrawColorCMYK.
func (f *Fpdf) SetTextColorCMYK(c, m, y, k float64) {
	f.color.text = cmykColor(c, m, y, k, "k")
	f.colorFlag = f.color.fill.str != f.color.text.str
}

// spotColorNames lists the spot colours in the order they were added:
// fpdf wrote them from a map, in a random order.
func (f *Fpdf) spotColorNames() []string {
	names := make([]string, 0, len(f.spotColorMap))
	for k := range f.spotColorMap {
		names = append(names, k)
	}
	sort.Slice(names, func(i, j int) bool { return f.spotColorMap[names[i]].id < f.spotColorMap[names[j]].id })
	return names
}

// AppendText appends to b the content-stream line with which Text draws
// txt at x, y in the current font, byte for byte: "BT x y Td (txt) Tj ET"
// and a newline, the position with two decimals and txt in UTF-16BE,
// escaped. Text formats each call with fmt through several strings; a
// painter of many short runs gathers them in b instead and writes them
// with one RawWriteStr (without b's last newline, which RawWriteStr adds).
//
// It covers Text's plain case only, and reports false, leaving b as it
// is, when Text would write something else: a font that is not UTF-8,
// right-to-left text, underline, strike-out, a text colour other than the
// fill (which Text wraps in q … Q), or txt with invalid UTF-8 or a rune
// beyond the Basic Multilingual Plane (a surrogate pair). Unlike Text it
// does not record the runes of txt for the font subset: the caller must
// have drawn each of them in this font with Text before.
func (f *Fpdf) AppendText(b []byte, x, y float64, txt string) ([]byte, bool) {
	if !f.plainText() {
		return b, false
	}
	orig := b
	b = append(b, "BT "...)
	b = appendFixed2(b, x*f.k)
	b = append(b, ' ')
	b = appendFixed2(b, (f.h-y)*f.k)
	b = append(b, " Td ("...)
	b, ok := appendUTF16(b, txt, len(") Tj ET\n"))
	if !ok {
		return orig, false
	}
	return append(b, ") Tj ET\n"...), true
}

// plainText reports whether Text writes its plain case: a UTF-8 font,
// left to right, without underline, strike-out or a text colour of its
// own.
func (f *Fpdf) plainText() bool {
	return f.isCurrentUTF8 && !f.isRTL && !f.underline && !f.strikeout && !f.colorFlag
}

// appendUTF16 appends txt in UTF-16BE, escaped for a literal string,
// with room for more bytes after it; it reports false for invalid UTF-8
// or a rune beyond the Basic Multilingual Plane. txt is checked as it is
// written, one pass rather than three; ASCII, most of it, is not decoded:
// eight bytes at a time where none of them needs an escape (plain8),
// spread into sixteen with zeros (spread4), then four (a run is often a
// short word), the rest a byte at a time from a table of the 2- and
// 3-byte forms (utf16ASCII). b is written through its capacity rather
// than appended to, a word at a time.
func appendUTF16(b []byte, txt string, more int) ([]byte, bool) {
	// an ASCII byte takes at most 3 bytes, a rune of two or three bytes
	// at most 4, and a word written may reach 3 bytes beyond the text
	b = slices.Grow(b, 3*len(txt)+max(more, 8))
	n := len(b)
	buf := b[:cap(b)]
	i := 0
	for i+8 <= len(txt) {
		v := load64(txt[i : i+8])
		if !plain8(v) {
			break
		}
		w := buf[n : n+16]
		binary.LittleEndian.PutUint64(w, spread4(v&0xffffffff)<<8)
		binary.LittleEndian.PutUint64(w[8:], spread4(v>>32)<<8)
		n += 16
		i += 8
	}
	if i+4 <= len(txt) {
		if v := uint64(load32(txt[i : i+4])); plain8(v) {
			binary.LittleEndian.PutUint64(buf[n:n+8], spread4(v)<<8)
			n += 8
			i += 4
		}
	}
	for i < len(txt) {
		if c := txt[i]; c < utf8.RuneSelf {
			e := utf16ASCII[c]
			binary.LittleEndian.PutUint32(buf[n:n+4], e)
			n += int(e >> 24)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(txt[i:])
		if r == utf8.RuneError && size == 1 || r >= 0x10000 {
			return buf[:n], false
		}
		e := appendEscaped(appendEscaped(buf[:n], byte(r>>8)), byte(r))
		buf, n = e[:cap(e)], len(e)
		i += size
	}
	return buf[:n], true
}

// utf16ASCII holds, for each ASCII byte c, what appendUTF16 writes for
// it: 0 and c, escaped as appendEscaped escapes it, little-endian from
// the low byte, and the length of that in the top byte.
var utf16ASCII = func() (t [utf8.RuneSelf]uint32) {
	for c := range t {
		e := appendEscaped([]byte{0}, byte(c))
		var w [4]byte
		copy(w[:], e)
		w[3] = byte(len(e))
		t[c] = binary.LittleEndian.Uint32(w[:])
	}
	return t
}()

// load64 is the 8 bytes of s (len(s) is 8), the first in the low byte.
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// load32 is the 4 bytes of s (len(s) is 4), the first in the low byte.
func load32(s string) uint32 {
	_ = s[3]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// plain8 reports whether the 8 bytes of v are ASCII that a literal
// string takes as they are: none is \, (, ) or \r. A byte of v equal to
// one of those is 0 in one of paren, slash and cr; adding 0x7f to a byte
// below 0x80 sets its top bit unless it is 0, without a carry into the
// next byte.
func plain8(v uint64) bool {
	const ones, low7, high = 0x0101010101010101, 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	if v&high != 0 {
		return false
	}
	paren := (v | ones) ^ (ones * ')') // ( is ) but for its low bit
	slash := v ^ (ones * '\\')
	cr := v ^ (ones * '\r')
	return (paren+low7)&(slash+low7)&(cr+low7)&high == high
}

// spread4 spreads the 4 low bytes of v into the even bytes of a word:
// byte k to byte 2k, the odd bytes 0.
func spread4(v uint64) uint64 {
	v = (v | v<<16) & 0x0000ffff0000ffff
	return (v | v<<8) & 0x00ff00ff00ff00ff
}

// UseRunes records the runes of txt as drawn in the current font, for
// its subset, as Text does, without drawing them: a painter that writes
// its text with AppendTextIn calls it for runes new to the font.
func (f *Fpdf) UseRunes(txt string) {
	if !f.isCurrentUTF8 {
		return
	}
	for _, r := range txt {
		f.currentFont.usedRunes[int(r)] = int(r)
	}
}

// TextObject is a text object (BT … ET) that AppendTextIn keeps open from
// one run to the next, so that a run is moved to from the one before it
// rather than placed in an object of its own; End closes it.
type TextObject struct {
	open bool
	x, y int64   // the last run's position, in hundredths of a point
	vy   float64 // the last run's y in points, which y rounds
}

// AppendTextIn appends to b the operators that draw txt at x, y in the
// current font inside t: "BT x y Td" to open it, or "dx dy Td" from the
// run before, then "(txt) Tj" and a newline. Every run is placed where
// AppendText places it: the position is rounded to hundredths of a point
// as AppendText writes it, and the moves are the exact differences of
// those, so the runs land on the same points with a quarter fewer bytes
// to write and compress. It declines what AppendText declines, leaving b
// and t as they were; a coordinate AppendText would write through strconv
// (beyond a million points, or not a number) gets a text object of its
// own. Whatever is drawn next but text of t must follow End.
func (f *Fpdf) AppendTextIn(b []byte, t *TextObject, x, y float64, txt string) ([]byte, bool) {
	if !f.plainText() {
		return b, false
	}
	orig, saved := b, *t
	X, okx := hundredths(x * f.k)
	vy := (f.h - y) * f.k
	Y, oky := t.y, true
	if !t.open || vy != t.vy { // most runs follow one on the same line
		Y, oky = hundredths(vy)
	}
	if !okx || !oky {
		b = t.End(b)
		if b, ok := f.AppendText(b, x, y, txt); ok {
			return b, true
		}
		*t = saved
		return orig, false
	}
	if t.open {
		b = appendHundredths(b, X-t.x, true)
		b = append(b, ' ')
		b = appendHundredths(b, Y-t.y, true)
	} else {
		b = append(b, "BT "...)
		b = appendHundredths(b, X, false)
		b = append(b, ' ')
		b = appendHundredths(b, Y, false)
	}
	b = append(b, " Td ("...)
	b, ok := appendUTF16(b, txt, len(") Tj\n"))
	if !ok {
		return orig, false
	}
	t.open, t.x, t.y, t.vy = true, X, Y, vy
	return append(b, ") Tj\n"...), true
}

// End appends ET, closing t, if it is open.
func (t *TextObject) End(b []byte) []byte {
	if !t.open {
		return b
	}
	t.open = false
	return append(b, "ET\n"...)
}

// hundredths is v in hundredths, rounded as %.2f rounds it (the rule of
// appendFixed2, which writes them): v·100 rounded, and strconv's exact
// rounding near a half; false for |v| ≥ 1e6 or not a number, where
// v·100 is not exact enough (appendFixed2 leaves those to strconv).
// Small enough to be inlined: the rare cases are hundredthsNearHalf.
func hundredths(v float64) (int64, bool) {
	a := math.Abs(v)
	if !(a < 1e6) {
		return 0, false
	}
	s := a * 100
	n := int64(s) // s ≥ 0: its floor
	fr := s - float64(n)
	if math.Abs(fr-0.5) < 1e-6 {
		n = hundredthsNearHalf(a)
	} else if fr > 0.5 {
		n++
	}
	if v < 0 {
		n = -n
	}
	return n, true
}

// hundredthsNearHalf is a (0 ≤ a < 1e6) in hundredths as strconv rounds
// it: where a·100 is within 1e-6 of a half, only its exact decimal
// expansion decides.
func hundredthsNearHalf(a float64) int64 {
	var n int64
	var d [24]byte
	for _, c := range strconv.AppendFloat(d[:0], a, 'f', 2, 64) {
		if c != '.' {
			n = 10*n + int64(c-'0')
		}
	}
	return n
}

// appendHundredths appends n hundredths with two decimals, or 0 for
// none where short is set. Below 1,000 (a run's moves, most positions)
// the number is put together in a word, its bytes from the low one, and
// written at once; larger ones by pairs of digits from decimalPairs,
// backwards (strconv.AppendInt and the two decimals after it took more
// than hundredths and appendUTF16 for a run's moves).
func appendHundredths(b []byte, n int64, short bool) []byte {
	if n == 0 && short {
		return append(b, '0')
	}
	u := uint64(n)
	if n < 0 {
		u = -u
	}
	if u >= 100000 {
		return appendHundredthsLong(b, n < 0, u)
	}
	q, c := u/100, u%100
	w := uint64(pairDigits[c])<<8 | '.'
	k := 3
	switch {
	case q < 10:
		w, k = w<<8|('0'+q), k+1
	case q < 100:
		w, k = w<<16|uint64(pairDigits[q]), k+2
	default:
		w, k = w<<24|uint64(pairDigits[q%100])<<8|('0'+q/100), k+3
	}
	if n < 0 {
		w, k = w<<8|'-', k+1
	}
	l := len(b)
	if cap(b)-l < 8 {
		b = slices.Grow(b, 8)
	}
	binary.LittleEndian.PutUint64(b[l:l+8], w)
	return b[:l+k]
}

// appendHundredthsLong is appendHundredths for u ≥ 100,000 hundredths,
// negative where neg is set.
func appendHundredthsLong(b []byte, neg bool, u uint64) []byte {
	var d [24]byte // '-', 18 digits, '.', 2 decimals
	i := len(d) - 3
	c := u % 100
	d[i], d[i+1], d[i+2] = '.', decimalPairs[2*c], decimalPairs[2*c+1]
	for u /= 100; u >= 10; u /= 100 {
		c := u % 100
		i -= 2
		d[i], d[i+1] = decimalPairs[2*c], decimalPairs[2*c+1]
	}
	if u > 0 {
		i--
		d[i] = byte('0' + u)
	}
	if neg {
		i--
		d[i] = '-'
	}
	return append(b, d[i:]...)
}

// pairDigits holds the two digits of 00 to 99 as a little-endian word.
var pairDigits = func() (t [100]uint16) {
	for i := range t {
		t[i] = uint16(decimalPairs[2*i]) | uint16(decimalPairs[2*i+1])<<8
	}
	return t
}()

// decimalPairs holds the two digits of 00 to 99.
const decimalPairs = "00010203040506070809" +
	"10111213141516171819" +
	"20212223242526272829" +
	"30313233343536373839" +
	"40414243444546474849" +
	"50515253545556575859" +
	"60616263646566676869" +
	"70717273747576777879" +
	"80818283848586878889" +
	"90919293949596979899"

// appendFixed2 appends v with two decimals, as strconv.AppendFloat(b, v,
// 'f', 2, 64) and %.2f do, without their exact decimal conversion, which
// was most of the time AppendText took. The fast path (hundredths) rounds v·100 to an
// integer; it is taken only where that cannot differ from strconv's exact
// rounding: |v| < 1e6 (so v·100 is within 2e-8 of the exact product) and
// v·100 not within 1e-6 of a half (so the product cannot round the other
// way, and there is no tie to break). Everything else goes to strconv.
func appendFixed2(b []byte, v float64) []byte {
	n, ok := hundredths(v)
	if !ok {
		return strconv.AppendFloat(b, v, 'f', 2, 64)
	}
	if n == 0 && math.Signbit(v) {
		b = append(b, '-') // as %.2f writes -0.00
	}
	return appendHundredths(b, n, false)
}

// appendEscaped appends byte c of a PDF string as escape escapes it.
func appendEscaped(b []byte, c byte) []byte {
	switch c {
	case '\\', '(', ')':
		return append(b, '\\', c)
	case '\r':
		return append(b, '\\', 'r')
	}
	return append(b, c)
}

// putAnnots writes the /Annots entry of page n, the same line fpdf's
// putpages wrote with a printf for each part of each link, with
// appendFixed2 (which writes %.2f's digits) and strconv instead, into
// one buffer kept from page to page: an edition with notes and
// citations has thousands of links, and formatting them was most of the
// time putpages took, besides the deflating. hPt is the height of a
// page of the default size, in points.
func (f *Fpdf) putAnnots(n int, hPt float64) {
	b := append(f.ed.line[:0], "/Annots ["...)
	for _, pl := range f.pageLinks[n] {
		b = append(b, "<</Type /Annot /Subtype /Link /Rect ["...)
		b = appendFixed2(b, pl.x)
		b = append(b, ' ')
		b = appendFixed2(b, pl.y)
		b = append(b, ' ')
		b = appendFixed2(b, pl.x+pl.wd)
		b = append(b, ' ')
		b = appendFixed2(b, pl.y-pl.ht)
		b = append(b, "] /Border [0 0 0] "...)
		if pl.link == 0 {
			b = append(b, "/A <</S /URI /URI "...)
			b = append(b, f.textstring(pl.linkStr)...)
			b = append(b, ">>>>"...)
			continue
		}
		l := f.links[pl.link]
		h := hPt
		if sz, ok := f.pageSizes[l.page]; ok {
			h = sz.Ht
		}
		b = append(b, "/Dest ["...)
		b = strconv.AppendInt(b, int64(1+2*l.page), 10)
		b = append(b, " 0 R /XYZ 0 "...)
		b = appendFixed2(b, h-l.y*f.k)
		b = append(b, " null]>>"...)
	}
	if len(f.pageAttachments[n]) > 0 {
		var s fmtBuffer
		f.putAttachmentAnnotationLinks(&s, n)
		b = append(b, s.Bytes()...)
	}
	b = append(b, ']')
	f.ed.line = b
	f.outBytes(b)
}
