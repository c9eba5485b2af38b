package pdf

import (
	"crypto/sha1"
	_ "embed" // the ICC profiles
	"fmt"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
)

// The profiles a PDF/X file embeds; icc/README.md gives their sources and
// licences.
var (
	//go:embed icc/newsprint.icc
	newsprintICC []byte
	//go:embed icc/srgb.icc
	srgbICC []byte
)

// The printing condition of the output intent: the characterization data
// newsprint.icc was made from, by its name in the ICC's registry of
// characterization data, which PDF/X uses to name printing conditions.
const (
	outputCondition   = "CGATS TR 002"
	outputDescription = "Coldset offset lithography on newsprint (SNAP), ANSI CGATS/SNAP TR 002-2007"
	registryName      = "http://www.color.org"
	pdfxVersion       = "PDF/X-4"
)

// press sets up what the print-shop settings need before the first page:
// the registration colour of the marks, and for PDF/X-4 (ISO 15930-7) the
// version, the output intent, the RGB profile of the images, the Info keys
// and the XMP metadata.
func (p *painter) press() {
	f := p.f
	if p.needsRegistration() {
		f.AddSpotColor(registration, 100, 100, 100, 100)
	}
	if !p.d.Press.PDFX {
		return
	}
	f.SetPDFVersion(1, 6)
	// black in DeviceCMYK before the first page, which fpdf opens in the
	// colours set last
	p.black()
	p.blackLines()
	if p.meta.Title == "" {
		f.SetTitle(p.creator(), true) // PDF/X wants a title
	}
	f.SetInfoString("GTS_PDFXVersion", pdfxVersion)
	f.SetInfoName("Trapped", "False")
	f.AddOutputIntent(fpdf.OutputIntentType{
		Subtype:                   "GTS_PDFX",
		OutputConditionIdentifier: outputCondition,
		OutputCondition:           outputDescription,
		RegistryName:              registryName,
		Info:                      outputDescription,
		ICC:                       newsprintICC,
		N:                         4,
	})
	if !p.d.Press.Grayscale {
		f.SetRGBProfile(srgbICC)
	}
	f.SetXmpMetadata(p.xmp())
}

// xmp is the document's XMP metadata packet: the document information
// again, as PDF/X-4 requires (ISO 15930-7 wants GTS_PDFXVersion and
// Trapped in both, with the dates, the title and the document's
// identifiers), every value equal to its Info counterpart.
func (p *painter) xmp() []byte {
	m := p.meta
	title := m.Title
	if title == "" {
		title = p.creator()
	}
	date := m.Date.Format(time.RFC3339)
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
<dc:format>application/pdf</dc:format>
`)
	fmt.Fprintf(&b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n", xmlText(title))
	if m.Author != "" {
		fmt.Fprintf(&b, "<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", xmlText(m.Author))
	}
	if m.Subject != "" {
		fmt.Fprintf(&b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:description>\n", xmlText(m.Subject))
	}
	if len(m.Keywords) > 0 {
		fmt.Fprintf(&b, "<pdf:Keywords>%s</pdf:Keywords>\n", xmlText(strings.Join(m.Keywords, ", ")))
	}
	fmt.Fprintf(&b, "<pdf:Producer>%s</pdf:Producer>\n<pdf:Trapped>False</pdf:Trapped>\n", xmlText(producer))
	fmt.Fprintf(&b, "<xmp:CreatorTool>%s</xmp:CreatorTool>\n", xmlText(p.creator()))
	fmt.Fprintf(&b, "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n<xmp:MetadataDate>%s</xmp:MetadataDate>\n", date, date, date)
	fmt.Fprintf(&b, "<xmpMM:DocumentID>%s</xmpMM:DocumentID>\n<xmpMM:InstanceID>%s</xmpMM:InstanceID>\n", uuidOf("document", title, date), uuidOf("instance", title, date))
	b.WriteString("<xmpMM:VersionID>1</xmpMM:VersionID>\n<xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n")
	fmt.Fprintf(&b, "<pdfxid:GTS_PDFXVersion>%s</pdfxid:GTS_PDFXVersion>\n", pdfxVersion)
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n")
	// room for tools that edit the packet in place, as XMP recommends
	b.WriteString(strings.Repeat(strings.Repeat(" ", 99)+"\n", 20))
	b.WriteString("<?xpacket end=\"w\"?>")
	return []byte(b.String())
}

// uuidOf is a name-based UUID (RFC 9562 version 5, SHA-1) of the parts,
// so that the identifiers of a document are the same on every build.
func uuidOf(parts ...string) string {
	h := sha1.Sum([]byte(strings.Join(parts, "\x00")))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("uuid:%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// xmlText escapes s for XML character data, dropping the characters XML
// 1.0 cannot carry.
func xmlText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r < 0xfffe && (r < 0xd800 || r > 0xdfff):
			b.WriteRune(r)
		case r > 0xffff && r <= 0x10ffff:
			b.WriteRune(r)
		}
	}
	return b.String()
}
