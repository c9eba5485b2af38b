// Package epub writes an edition as an EPUB 3 publication.
//
// Every document of the publication is made here: the content documents
// (cover, masthead, one per article), the navigation document (contents
// with sub-headings, landmarks, the print edition's page list) and the
// package document (metadata, manifest, spine). go-epub, a prescribed
// dependency, assembles the container around them; goepub.go is the only
// file that calls it, and lists what it has to work around.
package epub

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"fmt"
	"image"
	_ "image/png" // the generated cover's size
	"io"
	"path"
	"time"

	"github.com/redtide/edition/internal/lang"
	"github.com/redtide/edition/internal/model"
)

//go:embed style.css
var styleCSS []byte

// Options for Write.
type Options struct {
	// Modified is the dcterms:modified time and the time of every zip
	// entry: SOURCE_DATE_EPOCH or the edition date, never the clock.
	Modified time.Time
	// CoverPNG is a generated cover, used when the edition has no cover
	// image of its own.
	CoverPNG []byte
	// Pages are where the pages of the print edition begin (from its
	// layout), in page order: the EPUB marks them and lists them in a
	// page-list, with PrintIdentifier as their source. None when the
	// edition has no print version.
	Pages []model.PageStart
}

// Write renders ed as an EPUB 3 file to w. The content document of
// each article is made, wrapped and deflated in turn, and only its
// compressed bytes are kept until the container is written (see
// assemble): the whole text of the edition is never held as XHTML.
func Write(w io.Writer, ed *model.Edition, opt Options) error {
	d, err := Prepare(ed, opt)
	if err != nil {
		return err
	}
	return d.Write(w, opt.Pages)
}

// Identifier is the stable dc:identifier of an edition: a name-based UUID
// of the publication and the issue (its volume and number, else its
// date), the same on every build and different for every issue.
func Identifier(ed *model.Edition) string { return nameUUID("edition", ed) }

// PrintIdentifier identifies the print edition (the PDF of the same
// build), whose page numbers the EPUB carries: its dc:source.
func PrintIdentifier(ed *model.Edition) string { return nameUUID("print edition", ed) }

// nameUUID is the identifier of kind for ed: a name-based UUID of the
// publication and the issue, in editionNamespace.
func nameUUID(kind string, ed *model.Edition) string {
	issue := fmt.Sprintf("%d\x00%d", ed.Volume, ed.Number)
	if ed.Number == 0 {
		issue = "date\x00" + ed.Date.Format("2006-01-02")
	}
	return "urn:uuid:" + sha256UUID(editionNamespace, kind+"\x00"+ed.Publication+"\x00"+issue)
}

// editionNamespace is the namespace of edition's name-based UUIDs, a
// random (version 4) UUID drawn once: the same name in another namespace
// gives another UUID.
var editionNamespace = [16]byte{0xe9, 0x85, 0x25, 0x68, 0x5b, 0x66, 0x49, 0x36, 0x8b, 0x94, 0xa5, 0xe1, 0xd8, 0xfb, 0x08, 0xab}

// sha256UUID is the name-based UUID of name in namespace ns with SHA-256,
// as RFC 9562 (Appendix B.2) makes it: the first 128 bits of SHA-256 of
// the namespace and the name, with version 8 and the RFC's variant. RFC
// 9562 keeps version 5 for SHA-1 and version 3 for MD5; a SHA-256 name
// UUID is a version 8 (custom) UUID.
func sha256UUID(ns [16]byte, name string) string {
	sum := sha256.Sum256(append(ns[:], name...))
	sum[6] = sum[6]&0x0f | 0x80 // version 8
	sum[8] = sum[8]&0x3f | 0x80 // variant 10
	return fmt.Sprintf("%x-%x-%x-%x-%x", sum[0:4], sum[4:6], sum[6:8], sum[8:10], sum[10:16])
}

// Title is the publication title shown in reading systems' libraries.
func Title(ed *model.Edition) string {
	t := ed.Publication
	if l := model.IssueLabel(ed); l != "" {
		t += ", " + l
	}
	if ed.Title != "" {
		t += ": " + ed.Title
	}
	return t
}

// File names inside the container. go-epub puts content documents in
// xhtml/, images in images/ and stylesheets in css/, beside the package
// document in EPUB/.
const (
	cssName      = "edition.css"
	coverDoc     = "cover.xhtml"
	mastheadDoc  = "masthead.xhtml"
	navName      = "nav.xhtml"
	contentDir   = "EPUB/"
	xhtmlDir     = "xhtml/"
	imageDir     = "images/"
	cssDir       = "css/"
	coverImgBase = "cover"
)

// publication is every file of the EPUB but the container's own.
type publication struct {
	ed       *model.Edition
	words    lang.Words // the edition's language
	docs     []*document
	images   []*model.Image // each once, by Name, in order of first use (listImages)
	cover    *model.Image   // nil: no cover
	marks    *marks         // the print edition's page breaks
	hasPages bool           // the edition has print pages (see paged)
	nav      []byte         // once every document is made (finish)
	opf      []byte
	pageList []*mark // page-break markers written, in page order
	// outlines: what the masthead, nav and package documents need of
	// each article's body, gathered as its document is made (outlineOf)
	outlines map[*model.Article]*outline
}

// document is one content document of the spine. An article's is
// planned first (name, title, language), for go-epub, and made later
// (makeBody), when its body is put in go-epub's wrapper.
type document struct {
	name  string // file name in xhtml/
	title string
	lang  string
	art   *model.Article // the article, until its body is made; nil for the others
	body  string
	svg   bool // holds inline SVG (manifest property)
	// mathml: holds MathML (manifest property)
	mathml bool
	// masthead: the masthead, planned; made once the pages are known
	masthead bool
}

// entry is the name of document d in the container.
func (d *document) entry() string { return contentDir + xhtmlDir + d.name }

// newPublication plans the publication: its cover and documents, the
// cover's made, the masthead's and the articles' not yet: they carry
// the print edition's page breaks (paged), and the masthead lists the
// articles' sections (outlineOf). The navigation and package documents
// wait for every article (finish). It reads no article's body.
func newPublication(ed *model.Edition, opt Options) *publication {
	p := &publication{ed: ed, words: lang.For(ed.Language).Words, outlines: map[*model.Article]*outline{}}
	p.cover = coverImage(ed, opt.CoverPNG)
	if p.cover != nil {
		p.docs = append(p.docs, p.coverDocument())
	}
	p.docs = append(p.docs, &document{name: mastheadDoc, title: ed.Publication, lang: ed.Language, masthead: true})
	for _, s := range ed.Sections {
		for _, a := range s.Articles {
			p.docs = append(p.docs, &document{name: a.ID + ".xhtml", title: a.Title, lang: model.ArticleLang(ed, a), art: a})
		}
	}
	return p
}

// paged gives the publication the print edition's page starts (none
// for an edition without print pages).
func (p *publication) paged(pages []model.PageStart) {
	p.marks = newMarks(pages)
	p.hasPages = len(pages) > 0
}

// makeMasthead makes the masthead, which marks the pages before the
// first article (paged) and lists the articles' sections: once every
// article's outline is gathered.
func (p *publication) makeMasthead() {
	for i, d := range p.docs {
		if d.masthead {
			p.docs[i] = p.mastheadDocument(p.marks)
		}
	}
}

// makeBody makes the body of document d if it is an article's, with
// the markers of p.marks (see paged).
func (p *publication) makeBody(d *document) {
	if d.art == nil {
		return
	}
	made := p.articleDocument(d.art, p.marks)
	d.body, d.mathml, d.art = made.body, made.mathml, nil
}

// finish makes the navigation and package documents, once every
// content document is made.
func (p *publication) finish(opt Options) {
	p.pageList = p.marks.placed()
	p.nav = p.navDocument()
	p.opf = p.packageDocument(opt, p.hasPages)
}

// coverImage is the edition's cover image, else the generated one.
func coverImage(ed *model.Edition, png []byte) *model.Image {
	if ed.Cover != nil {
		c := *ed.Cover
		c.Name = coverImgBase + path.Ext(ed.Cover.Name)
		return &c
	}
	if len(png) == 0 {
		return nil
	}
	img := &model.Image{Name: coverImgBase + ".png", MediaType: "image/png", Data: png}
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(png)); err == nil {
		img.Width, img.Height = cfg.Width, cfg.Height
	}
	return img
}
