package epub

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/redtide/edition/internal/lang"
	"github.com/redtide/edition/internal/model"
)

// packageDocument writes the package document: metadata, manifest and
// spine. paged: the content documents mark the print edition's pages.
func (p *publication) packageDocument(opt Options, paged bool) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	fmt.Fprintf(&b, `<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="%s">`+"\n", esc(p.ed.Language))
	b.WriteString(`  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">` + "\n")
	m := meta{&b}
	p.identity(m, opt, paged)
	p.people(m)
	p.accessibility(m, paged && len(p.pageList) > 0)
	b.WriteString("  </metadata>\n")
	p.manifest(&b)
	p.spine(&b)
	b.WriteString("</package>\n")
	return []byte(b.String())
}

// meta writes metadata lines.
type meta struct{ b *strings.Builder }

func (m meta) p(format string, args ...any) {
	fmt.Fprintf(m.b, "    "+format+"\n", args...)
}

// identity writes what the publication is: identifier, title, languages,
// series, dates, publisher, subjects, rights and, when its pages are
// marked, the print edition they come from.
func (p *publication) identity(m meta, opt Options, paged bool) {
	ed := p.ed
	m.p(`<dc:identifier id="pub-id">%s</dc:identifier>`, esc(Identifier(ed)))
	m.p(`<dc:title id="title">%s</dc:title>`, esc(Title(ed)))
	for _, l := range p.languages() {
		m.p(`<dc:language>%s</dc:language>`, esc(l))
	}
	// The issue in its series (EPUB 3 belongs-to-collection), as
	// reading systems' libraries group and order periodicals.
	m.p(`<meta property="belongs-to-collection" id="series">%s</meta>`, esc(ed.Publication))
	m.p(`<meta refines="#series" property="collection-type">series</meta>`)
	if ed.Number > 0 {
		m.p(`<meta refines="#series" property="group-position">%d</meta>`, ed.Number)
	}
	if ed.Publisher != "" {
		m.p(`<dc:publisher>%s</dc:publisher>`, esc(ed.Publisher))
	}
	m.p(`<dc:date>%s</dc:date>`, ed.Date.Format("2006-01-02"))
	m.p(`<meta property="dcterms:modified">%s</meta>`, opt.Modified.UTC().Format("2006-01-02T15:04:05Z"))
	if ed.Description != "" {
		m.p(`<dc:description>%s</dc:description>`, esc(ed.Description))
	}
	for _, t := range model.Distinct(ed, func(a *model.Article) []string { return a.Tags }) {
		if strings.TrimSpace(t) != "" {
			m.p(`<dc:subject>%s</dc:subject>`, esc(t))
		}
	}
	if ed.Rights != "" {
		m.p(`<dc:rights>%s</dc:rights>`, esc(ed.Rights))
	}
	if paged {
		// The print edition the page numbers are those of: dc:source
		// with source-of (EPUB 3.2), which Ace reads.
		m.p(`<dc:source id="print-source">%s</dc:source>`, esc(PrintIdentifier(ed)))
		m.p(`<meta refines="#print-source" property="source-of">pagination</meta>`)
	}
	if p.cover != nil {
		m.p(`<meta name="cover" content="cover-image"/>`)
	}
}

// people writes the creators and contributors. The publication is the
// first creator, which reading systems show as the author and
// file the issue under, then its editors; the articles' authors and
// translators are contributors. Every person has the form a library
// sorts by (file-as).
func (p *publication) people(m meta) {
	ed := p.ed
	m.p(`<dc:creator id="creator1">%s</dc:creator>`, esc(ed.Publication))
	n := 1
	person := func(elem, name, role string) {
		n++
		id := strings.TrimPrefix(elem, "dc:") + strconv.Itoa(n)
		m.p(`<%s id="%s">%s</%s>`, elem, id, esc(name), elem)
		if f := ed.FileAs[name]; f != "" {
			m.p(`<meta refines="#%s" property="file-as">%s</meta>`, id, esc(f))
		}
		m.p(`<meta refines="#%s" property="role" scheme="marc:relators">%s</meta>`, id, role)
	}
	for _, e := range ed.Editors {
		person("dc:creator", e, "edt")
	}
	for _, a := range model.Distinct(ed, func(a *model.Article) []string { return a.Authors }) {
		person("dc:contributor", a, "aut")
	}
	for _, t := range model.Distinct(ed, func(a *model.Article) []string { return a.Translators }) {
		person("dc:contributor", t, "trl")
	}
}

// described counts the images of the edition, and those a reader who
// cannot see them is told about: by alt text or a caption.
func (p *publication) described() (images, withText int) {
	for _, o := range p.outlines {
		images += o.images
		withText += o.described
	}
	return images, withText
}

// accessibility writes the schema.org accessibility metadata (EPUB
// Accessibility 1.1 §5), claiming only what holds for this edition: text
// alternatives only when every image has one, page navigation only when
// the pages are marked.
func (p *publication) accessibility(m meta, paged bool) {
	images, withText := p.described()
	visual := images > 0 || p.cover != nil
	allText := withText == images
	m.p(`<meta property="schema:accessMode">textual</meta>`)
	if visual {
		m.p(`<meta property="schema:accessMode">visual</meta>`)
	}
	if allText {
		m.p(`<meta property="schema:accessModeSufficient">textual</meta>`)
	}
	if visual {
		m.p(`<meta property="schema:accessModeSufficient">textual,visual</meta>`)
	}
	features := []string{"structuralNavigation", "tableOfContents", "readingOrder"}
	if images > 0 && allText {
		features = append(features, "alternativeText")
	}
	if paged {
		features = append(features, "pageBreakMarkers", "pageNavigation")
	}
	for _, f := range features {
		m.p(`<meta property="schema:accessibilityFeature">%s</meta>`, f)
	}
	m.p(`<meta property="schema:accessibilityHazard">none</meta>`)
	m.p(`<meta property="schema:accessibilitySummary">%s</meta>`, esc(p.summary(images, withText, paged)))
}

// summary is the accessibility summary in the edition's language.
func (p *publication) summary(images, withText int, paged bool) string {
	w := p.words
	s := w.AccessSummary
	switch {
	case images == 0:
	case withText == images:
		s += " " + w.AccessSummaryImages
	default:
		s += " " + fmt.Sprintf(w.AccessSummaryNoAlt, images-withText, images)
	}
	if paged {
		s += " " + w.AccessSummaryPages
	}
	return s
}

// languages lists every language of the edition: its own first (the
// publication's primary language), then the articles' and their passages'
// (model.Lang) in order of first use, each once.
func (p *publication) languages() []string {
	ed := p.ed
	out := []string{ed.Language}
	seen := map[string]bool{lang.Normalize(ed.Language): true}
	add := func(tag string) {
		if n := lang.Normalize(tag); n != "" && !seen[n] {
			seen[n] = true
			out = append(out, tag)
		}
	}
	for _, s := range ed.Sections {
		for _, a := range s.Articles {
			add(model.ArticleLang(ed, a))
			for _, t := range p.outlines[a].langs {
				add(t)
			}
		}
	}
	return out
}

// item is one manifest entry.
type item struct{ id, href, mediaType, properties string }

// items are the publication's files but the package document, sorted
// by name.
func (p *publication) items() []item {
	out := []item{
		{"css", cssDir + cssName, "text/css", ""},
		{"nav", navName, "application/xhtml+xml", "nav"},
		{"ncx", "toc.ncx", "application/x-dtbncx+xml", ""},
	}
	if p.cover != nil {
		out = append(out, item{"cover-image", imageDir + p.cover.Name, p.cover.MediaType, "cover-image"})
	}
	for i, img := range p.images {
		out = append(out, item{"img" + strconv.Itoa(i+1), imageDir + img.Name, img.MediaType, ""})
	}
	for _, d := range p.docs {
		var props []string
		if d.svg {
			props = append(props, "svg")
		}
		if d.mathml {
			props = append(props, "mathml")
		}
		out = append(out, item{docID(d), xhtmlDir + d.name, "application/xhtml+xml", strings.Join(props, " ")})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].href < out[j].href })
	return out
}

func docID(d *document) string { return strings.TrimSuffix(d.name, ".xhtml") }

func (p *publication) manifest(b *strings.Builder) {
	b.WriteString("  <manifest>\n")
	for _, it := range p.items() {
		fmt.Fprintf(b, `    <item id="%s" href="%s" media-type="%s"`, esc(it.id), esc(it.href), esc(it.mediaType))
		if it.properties != "" {
			fmt.Fprintf(b, ` properties="%s"`, it.properties)
		}
		b.WriteString("/>\n")
	}
	b.WriteString("  </manifest>\n")
}

func (p *publication) spine(b *strings.Builder) {
	b.WriteString(`  <spine toc="ncx">` + "\n")
	for _, d := range p.docs {
		fmt.Fprintf(b, `    <itemref idref="%s"/>`+"\n", esc(docID(d)))
	}
	b.WriteString("  </spine>\n")
}
