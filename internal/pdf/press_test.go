package pdf

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	"image/color/palette"
	"image/gif"
	"image/jpeg"
	"image/png"
	"math"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/testenv"
	"github.com/redtide/edition/layout"
	"github.com/redtide/edition/layout/layouttest"
)

const mm = 72 / 25.4 // points

// sheetCase is a print setting and the sheet it must give.
type sheetCase struct {
	name       string
	trim       string
	bleed      float64 // mm
	marks      bool
	press      layout.Press
	wantBoxes  bool // TrimBox and BleedBox on every page
	wantSlug   bool // media box at least 6 mm outside the bleed box
	wantMarks  int  // crop mark segments per page
	wantImprnt bool
}

var sheetCases = []sheetCase{
	{name: "bleed 3mm, marks, imprint", trim: "A4", bleed: 3, marks: true, press: layout.Press{Imprint: true},
		wantBoxes: true, wantSlug: true, wantMarks: 8, wantImprnt: true},
	{name: "no bleed, marks", trim: "A4", marks: true, wantBoxes: true, wantSlug: true, wantMarks: 8},
	{name: "wide bleed, imprint only", trim: "A5", bleed: 5, press: layout.Press{Imprint: true},
		wantBoxes: true, wantSlug: true, wantImprnt: true},
	{name: "bleed, no marks", trim: "Letter", bleed: 3, wantBoxes: true},
	{name: "nothing", trim: "A4"},
	{name: "pdfx, no bleed", trim: "A4", press: layout.Press{PDFX: true}, wantBoxes: true},
	{name: "pdfx, grayscale, marks", trim: "tabloid", bleed: 3, marks: true, press: layout.Press{PDFX: true, Grayscale: true, Imprint: true},
		wantBoxes: true, wantSlug: true, wantMarks: 8, wantImprnt: true},
}

func (c sheetCase) config() layout.Config {
	cfg := layout.DefaultConfig()
	cfg.TrimWidth, cfg.TrimHeight, _ = layout.ParseTrim(c.trim)
	cfg.Bleed = layout.Length(c.bleed * float64(layout.Mm))
	cfg.CropMarks = c.marks
	cfg.Press = c.press
	return cfg
}

// inside reports a ⊆ b, to the 0.01 pt the boxes are written with.
func inside(a, b [4]float64) bool {
	const eps = 0.011
	return a[0] >= b[0]-eps && a[1] >= b[1]-eps && a[2] <= b[2]+eps && a[3] <= b[3]+eps
}

// TestSheet reads the page boxes, the crop marks and the imprint back from
// the PDF: on every page TrimBox ⊆ BleedBox ⊆ MediaBox, the bleed as
// asked, a slug of at least 6 mm outside the bleed when there are marks;
// marks 5 mm long, 0.25 pt, in the registration colour (grey in a
// grayscale file), outside the bleed box and inside the media box, at
// least the bleed away from the trim; the imprint's baseline in the slug.
func TestSheet(t *testing.T) {
	for _, c := range sheetCases {
		t.Run(c.name, func(t *testing.T) {
			cfg := c.config()
			f := readPDF(t, writeTemp(t, "sheet.pdf", build(t, layouttest.Small(), cfg)))
			for i, ref := range f.pages {
				pg := f.dict(ref)
				checkBoxes(t, f, pg, c, cfg, i)
				trim, _ := f.box(pg, "/TrimBox")
				bleed, _ := f.box(pg, "/BleedBox")
				media, _ := f.box(pg, "/MediaBox")
				content := ops(f.content(pg))
				if n := checkMarks(t, f, pg, content, c, trim, bleed, media); n != c.wantMarks {
					t.Errorf("page %d: %d crop mark segments, want %d", i+1, n, c.wantMarks)
				}
				if got := hasImprint(content, bleed, media); got != c.wantImprnt {
					t.Errorf("page %d: imprint in the slug %v, want %v", i+1, got, c.wantImprnt)
				}
			}
		})
	}
}

func checkBoxes(t *testing.T, f *pdfFile, pg map[string]any, c sheetCase, cfg layout.Config, i int) {
	t.Helper()
	media, ok := f.box(pg, "/MediaBox")
	if !ok {
		t.Fatalf("page %d: no MediaBox", i+1)
	}
	trim, hasTrim := f.box(pg, "/TrimBox")
	bleed, hasBleed := f.box(pg, "/BleedBox")
	if hasTrim != c.wantBoxes || hasBleed != c.wantBoxes {
		t.Errorf("page %d: TrimBox %v, BleedBox %v, want %v", i+1, hasTrim, hasBleed, c.wantBoxes)
	}
	if !hasTrim {
		trim = media
	}
	if !hasBleed {
		bleed = media
	}
	if !inside(trim, bleed) || !inside(bleed, media) {
		t.Errorf("page %d: not TrimBox %v ⊆ BleedBox %v ⊆ MediaBox %v", i+1, trim, bleed, media)
	}
	tw, th := cfg.TrimWidth.Points(), cfg.TrimHeight.Points()
	if math.Abs(trim[2]-trim[0]-tw) > 0.02 || math.Abs(trim[3]-trim[1]-th) > 0.02 {
		t.Errorf("page %d: TrimBox %v is not %s", i+1, trim, c.trim)
	}
	b := c.bleed * mm
	for k, want := range [4]float64{trim[0] - b, trim[1] - b, trim[2] + b, trim[3] + b} {
		if math.Abs(bleed[k]-want) > 0.02 {
			t.Errorf("page %d: BleedBox %v is not TrimBox %v + %gmm", i+1, bleed, trim, c.bleed)
			break
		}
	}
	slug := min(bleed[0]-media[0], bleed[1]-media[1], media[2]-bleed[2], media[3]-bleed[3])
	if c.wantSlug && slug < 6*mm-0.02 {
		t.Errorf("page %d: slug of %.2f pt outside the bleed, want at least 6 mm", i+1, slug)
	}
	if !c.wantSlug && slug > 0.02 {
		t.Errorf("page %d: a slug of %.2f pt with neither marks nor imprint", i+1, slug)
	}
}

// checkMarks checks every line a page strokes as a crop mark and returns
// how many there are.
func checkMarks(t *testing.T, f *pdfFile, pg map[string]any, content []op, c sheetCase, trim, bleed, media [4]float64) int {
	t.Helper()
	n := 0
	width, stroke := "", ""
	for k, o := range content {
		switch o.name {
		case "w":
			width = o.args[0]
		case "CS", "G", "K", "RG":
			stroke = o.name + " " + strings.Join(o.args, " ")
		case "m":
			if k+2 >= len(content) || content[k+1].name != "l" || content[k+2].name != "S" {
				continue
			}
			n++
			x1, y1 := num(o.args[0]), num(o.args[1])
			x2, y2 := num(content[k+1].args[0]), num(content[k+1].args[1])
			checkMark(t, [4]float64{x1, y1, x2, y2}, trim, bleed, media, c.bleed*mm)
			if w := num(width); math.Abs(w-0.25) > 0.001 {
				t.Errorf("crop mark %.2f pt wide, want 0.25", w)
			}
			want := "CS /CS1"
			if c.press.Grayscale {
				want = "G 0.000"
			}
			if stroke != want {
				t.Errorf("crop mark stroked with %q, want %q", stroke, want)
			}
			if !c.press.Grayscale {
				checkRegistration(t, f, pg)
			}
		}
	}
	return n
}

func checkMark(t *testing.T, s, trim, bleed, media [4]float64, b float64) {
	t.Helper()
	const eps = 0.011
	x1, y1, x2, y2 := s[0], s[1], s[2], s[3]
	if l := math.Hypot(x2-x1, y2-y1); math.Abs(l-5*mm) > 0.02 {
		t.Errorf("crop mark %v is %.2f pt long, want 5 mm", s, l)
	}
	if !inside([4]float64{min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)}, media) {
		t.Errorf("crop mark %v outside the MediaBox %v", s, media)
	}
	var lo, hi, edgeLo, edgeHi, at float64 // along the mark; the trim's extent on that axis
	var ends [2]float64
	if y1 == y2 {
		lo, hi, at, ends = min(x1, x2), max(x1, x2), y1, [2]float64{trim[1], trim[3]}
		edgeLo, edgeHi = trim[0], trim[2]
		if lo < bleed[2]-eps && hi > bleed[0]+eps {
			t.Errorf("horizontal crop mark %v within the BleedBox %v", s, bleed)
		}
	} else {
		lo, hi, at, ends = min(y1, y2), max(y1, y2), x1, [2]float64{trim[0], trim[2]}
		edgeLo, edgeHi = trim[1], trim[3]
		if lo < bleed[3]-eps && hi > bleed[1]+eps {
			t.Errorf("vertical crop mark %v within the BleedBox %v", s, bleed)
		}
	}
	if math.Abs(at-ends[0]) > eps && math.Abs(at-ends[1]) > eps {
		t.Errorf("crop mark %v does not continue a trim edge %v", s, trim)
	}
	if gap := max(edgeLo-hi, lo-edgeHi); gap < b-eps || gap < 3*mm-eps {
		t.Errorf("crop mark %v %.2f pt from the trim, want at least the bleed and 3 mm", s, gap)
	}
}

// checkRegistration checks that the page's /CS1 is the All separation.
func checkRegistration(t *testing.T, f *pdfFile, pg map[string]any) {
	t.Helper()
	cs := f.dict(f.dict(f.inherited(pg, "/Resources"))["/ColorSpace"])["/CS1"]
	a, _ := f.resolve(cs).([]any)
	if len(a) < 3 || a[0] != "/Separation" || a[1] != "/All" {
		t.Errorf("/CS1 is %v, want [/Separation /All …]", a)
	}
}

// hasImprint reports text drawn with its baseline in the bottom slug.
func hasImprint(content []op, bleed, media [4]float64) bool {
	for _, o := range content {
		if o.name == "Td" && len(o.args) == 2 {
			if y := num(o.args[1]); y < bleed[1] && y > media[1] {
				return true
			}
		}
	}
	return false
}

func num(s string) float64 {
	v, _ := strconv.ParseFloat(s, 64)
	return v
}

// colourEdition is Small with figures in every kind of colour file: an
// RGB JPEG, a PNG with transparency, a paletted GIF, and a copy of one
// under another name.
func colourEdition() *model.Edition {
	ed := layouttest.Small()
	rgba := image.NewNRGBA(image.Rect(0, 0, 60, 40))
	pal := image.NewPaletted(image.Rect(0, 0, 60, 40), palette.Plan9)
	for y := 0; y < 40; y++ {
		for x := 0; x < 60; x++ {
			rgba.Set(x, y, color.NRGBA{uint8(4 * x), 40, uint8(6 * y), uint8(128 + x)})
			pal.Set(x, y, color.RGBA{200, uint8(6 * y), 30, 255})
		}
	}
	var pngData, gifData, jpgData bytes.Buffer
	png.Encode(&pngData, rgba)
	gif.Encode(&gifData, pal, nil)
	jpeg.Encode(&jpgData, rgba, nil)
	fig := func(name, mt string, data []byte) *model.Figure {
		return &model.Figure{Image: &model.Image{Path: "images/" + name, Name: "img-" + name, MediaType: mt, Data: data, Width: 60, Height: 40, Alt: name},
			Caption: []model.Inline{layouttest.T(name)}}
	}
	a := &model.Article{ID: "colour", Source: "posts/colour.md", Title: "In colour", Language: "en", Blocks: []model.Block{
		layouttest.P(layouttest.T("Figures in colour.")),
		fig("alpha.png", "image/png", pngData.Bytes()),
		fig("plan9.gif", "image/gif", gifData.Bytes()),
		fig("photo.jpg", "image/jpeg", jpgData.Bytes()),
		fig("copy-of-alpha.png", "image/png", pngData.Bytes()), // same bytes, another name
	}}
	ed.Sections[0].Articles = append(ed.Sections[0].Articles, a)
	return ed
}

// walk calls fn for every dictionary entry and array element in v,
// depth first; it does not follow references.
func walk(v any, fn func(key string, v any)) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			fn(k, e)
			walk(e, fn)
		}
	case []any:
		for _, e := range x {
			fn("", e)
			walk(e, fn)
		}
	}
}

// images returns the image XObjects of the file.
func (f *pdfFile) images() []map[string]any {
	var out []map[string]any
	for ref := range f.objs {
		if ref == "trailer" {
			continue
		}
		d := f.dict(strings.TrimPrefix(ref, "obj:"))
		if d["/Subtype"] == "/Image" {
			out = append(out, d)
		}
	}
	return out
}

// TestPDFX reads a PDF/X-4 file back: version 1.6, the output intent with
// its embedded CMYK output profile, GTS_PDFXVersion and Trapped in the
// Info dictionary and in the XMP metadata (with its namespaces, and the
// same title and dates), a file identifier, TrimBox and BleedBox on every
// page, no annotations, RGB images in an ICCBased space, black as 100% K.
func TestPDFX(t *testing.T) {
	cfg := sheetCases[0].config()
	cfg.Press.PDFX = true
	f := readPDF(t, writeTemp(t, "pdfx.pdf", build(t, colourEdition(), cfg)))
	if f.version < "1.6" {
		t.Errorf("PDF %s, PDF/X-4 needs 1.6", f.version)
	}
	trailer, _ := f.obj("trailer").(map[string]any)
	if id, _ := trailer["/ID"].([]any); len(id) != 2 {
		t.Errorf("trailer /ID = %v, want two identifiers", trailer["/ID"])
	}
	info := f.dict(trailer["/Info"])
	if v := text(info["/GTS_PDFXVersion"]); v != "PDF/X-4" {
		t.Errorf("Info /GTS_PDFXVersion = %q", v)
	}
	if v := info["/Trapped"]; v != "/False" {
		t.Errorf("Info /Trapped = %v, want /False", v)
	}
	if text(info["/Title"]) == "" {
		t.Error("Info has no /Title")
	}
	root := f.dict(trailer["/Root"])
	checkOutputIntent(t, f, root)
	checkXMP(t, f, root, info)
	for i, ref := range f.pages {
		pg := f.dict(ref)
		for _, k := range []string{"/TrimBox", "/BleedBox"} {
			if _, ok := f.box(pg, k); !ok {
				t.Errorf("page %d has no %s", i+1, k)
			}
		}
		if pg["/Annots"] != nil || pg["/Group"] != nil {
			t.Errorf("page %d has /Annots %v, /Group %v", i+1, pg["/Annots"], pg["/Group"])
		}
		for _, o := range ops(f.content(pg)) {
			switch o.name {
			case "rg", "RG", "g", "G", "sc", "SC":
				t.Errorf("page %d: %s %v; PDF/X black is DeviceCMYK 0 0 0 1", i+1, o.name, o.args)
			case "k", "K":
				if strings.Join(o.args, " ") != "0.000 0.000 0.000 1.000" {
					t.Errorf("page %d: %s %v, want 100%% K", i+1, o.name, o.args)
				}
			}
		}
	}
	iccImages := 0
	for _, im := range f.images() {
		switch cs := f.resolve(im["/ColorSpace"]).(type) {
		case string:
			if cs != "/DeviceGray" && cs != "/DeviceCMYK" {
				t.Errorf("image in %s", cs)
			}
		case []any:
			if len(cs) != 2 || cs[0] != "/ICCBased" || f.dict(cs[1])["/N"] != 3.0 {
				t.Errorf("image in %v, want [/ICCBased] with 3 components", cs)
			}
			iccImages++
		}
	}
	if iccImages < 3 {
		t.Errorf("%d images in an ICCBased space, want the 3 RGB figures and more", iccImages)
	}
}

func checkOutputIntent(t *testing.T, f *pdfFile, root map[string]any) {
	t.Helper()
	ois, _ := f.resolve(root["/OutputIntents"]).([]any)
	if len(ois) != 1 {
		t.Fatalf("catalog /OutputIntents = %v, want one", root["/OutputIntents"])
	}
	oi := f.dict(ois[0])
	if oi["/S"] != "/GTS_PDFX" || text(oi["/OutputConditionIdentifier"]) != outputCondition || text(oi["/RegistryName"]) == "" {
		t.Errorf("output intent %v", oi)
	}
	prof := f.dict(oi["/DestOutputProfile"])
	icc := f.data(oi["/DestOutputProfile"])
	if prof["/N"] != 4.0 || len(icc) < 128 || string(icc[36:40]) != "acsp" || string(icc[12:16]) != "prtr" || string(icc[16:20]) != "CMYK" {
		t.Errorf("DestOutputProfile %v is not an embedded CMYK output profile (%d bytes)", prof, len(icc))
	}
	if !bytes.Equal(icc, newsprintICC) {
		t.Error("DestOutputProfile is not icc/newsprint.icc")
	}
}

func checkXMP(t *testing.T, f *pdfFile, root, info map[string]any) {
	t.Helper()
	md := f.dict(root["/Metadata"])
	if md["/Type"] != "/Metadata" || md["/Subtype"] != "/XML" {
		t.Fatalf("catalog /Metadata = %v", md)
	}
	x := string(f.data(root["/Metadata"]))
	if err := xml.Unmarshal([]byte(x[strings.Index(x, "<x:xmpmeta"):strings.Index(x, "<?xpacket end")]), new(struct{})); err != nil {
		t.Errorf("XMP is not well-formed: %v", err)
	}
	date := text(info["/CreationDate"]) // D:20261201000000Z
	d := date[2:6] + "-" + date[6:8] + "-" + date[8:10] + "T" + date[10:12] + ":" + date[12:14] + ":" + date[14:16] + "Z"
	for _, want := range []string{
		`xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/"`, `<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>`,
		`xmlns:pdf="http://ns.adobe.com/pdf/1.3/"`, `<pdf:Trapped>False</pdf:Trapped>`,
		`xmlns:xmp="http://ns.adobe.com/xap/1.0/"`, "<xmp:CreateDate>" + d + "</xmp:CreateDate>", "<xmp:ModifyDate>" + d + "</xmp:ModifyDate>",
		`xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"`, "<xmpMM:DocumentID>uuid:", "<xmpMM:RenditionClass>default<",
		`<rdf:li xml:lang="x-default">` + xmlText(text(info["/Title"])) + "</rdf:li>",
	} {
		if !strings.Contains(x, want) {
			t.Errorf("XMP lacks %s", want)
		}
	}
}

// TestGrayscale: with grayscale on, no content stream sets a colour other
// than grey, every image (soft masks too) is DeviceGray, no colour space
// but DeviceGray is named anywhere, and no annotation has a colour. With
// PDF/X as well, black is 0 0 0 1 k and the output intent's profile is
// the one CMYK object.
func TestGrayscale(t *testing.T) {
	for _, pdfx := range []bool{false, true} {
		cfg := sheetCases[0].config()
		cfg.Press = layout.Press{Grayscale: true, PDFX: pdfx, Imprint: true}
		f := readPDF(t, writeTemp(t, "gray.pdf", build(t, colourEdition(), cfg)))
		for i, ref := range f.pages {
			for _, o := range ops(f.content(f.dict(ref))) {
				switch o.name {
				case "rg", "RG", "cs", "CS", "sc", "SC", "scn", "SCN":
					t.Errorf("pdfx %v, page %d: colour operator %s %v", pdfx, i+1, o.name, o.args)
				case "k", "K":
					if !pdfx || strings.Join(o.args[:3], " ") != "0.000 0.000 0.000" {
						t.Errorf("pdfx %v, page %d: colour operator %s %v", pdfx, i+1, o.name, o.args)
					}
				}
			}
		}
		n := 0
		for _, im := range f.images() {
			if cs := f.resolve(im["/ColorSpace"]); cs != "/DeviceGray" {
				t.Errorf("pdfx %v: image in %v", pdfx, cs)
			}
			n++
		}
		if n < 4 {
			t.Errorf("pdfx %v: %d images, want the 4 figures", pdfx, n)
		}
		for ref, o := range f.objs {
			if pdfx && strings.Contains(fmt.Sprint(o), "/DeviceCMYK") && f.dict(strings.TrimPrefix(ref, "obj:"))["/N"] == 4.0 {
				continue // the output intent's profile
			}
			walk(o, func(key string, v any) {
				switch v {
				case "/DeviceRGB", "/DeviceCMYK", "/ICCBased", "/Indexed", "/Separation", "/DeviceN", "/CalRGB", "/Lab":
					t.Errorf("pdfx %v: %s names %v", pdfx, ref, v)
				}
				if key == "/C" || key == "/IC" {
					t.Errorf("pdfx %v: %s has a colour %s %v", pdfx, ref, key, v)
				}
			})
		}
	}
}

// TestColourEditionChecks: qpdf finds nothing wrong with the colour
// edition in any mode; two images of the same bytes are one XObject,
// listed once in the resources (fpdf listed it once per name).
func TestColourEditionChecks(t *testing.T) {
	qpdf := testenv.Tool(t, "qpdf")
	for _, press := range []layout.Press{{}, {PDFX: true}, {Grayscale: true}} {
		cfg := sheetCases[0].config()
		cfg.Press = press
		p := writeTemp(t, "colour.pdf", build(t, colourEdition(), cfg))
		out, err := exec.Command(qpdf[0], append(qpdf[1:], "--check", p)...).CombinedOutput()
		if err != nil || bytes.Contains(out, []byte("WARNING")) || bytes.Contains(out, []byte("ERROR")) {
			t.Errorf("%+v: qpdf --check: %v\n%s", press, err, out)
		}
	}
}
