// Package model is the document model shared by every renderer.
//
// A post's Markdown is converted once into these types; numbering (notes,
// bibliography entries, anchors) is assigned in package edition and only read
// by the EPUB writer and the PDF layout, so the two outputs cannot disagree.
package model

import (
	"strconv"
	"time"

	"github.com/redtide/edition/internal/texmath"
)

// Edition is one issue of the publication, ready to render.
type Edition struct {
	Publication string    // name of the paper, e.g. "The Red Tide"
	Title       string    // optional issue title
	Volume      int       // 0 when unset
	Number      int       // issue number, 0 when unset
	Date        time.Time // edition date (UTC midnight)
	Language    string    // BCP 47 tag, e.g. "en"
	Editors     []string
	Publisher   string
	Description string
	Rights      string // copyright or licence statement, "" when none is given
	Cover       *Image // optional cover image; nil means a generated cover
	Price       string // printed in the masthead, as written ("$2", "solidarity price €3"); "" for none
	Tagline     string // printed under the publication's name; "" for none
	// Lead is the article that opens the front page of the print edition;
	// nil means the first article.
	Lead     *Article
	Sections []*Section
	// FileAs gives the names of the edition's people (authors,
	// translators, editors) as libraries sort them, by the name as
	// printed: "Okonkwo-Reyes, Maya".
	FileAs map[string]string
	// Texts, when not nil, converts the text of the articles (Blocks,
	// Notes, Bibliography) as they are asked for: a build that reads
	// its posts' heads first and their text in the order the pages
	// need it. Whatever reads an article's text calls Text first.
	Texts TextSource
}

// TextSource gives articles their text on demand; it is safe for
// concurrent use.
type TextSource interface {
	// Text converts a's text if it is not yet, and returns once it is.
	Text(a *Article)
	// Err returns the errors of the texts converted so far: an article
	// whose text could not be converted has none.
	Err() error
}

// Text makes sure a's text is there to read (see Edition.Texts); safe
// for concurrent use.
func (ed *Edition) Text(a *Article) {
	if ed.Texts != nil {
		ed.Texts.Text(a)
	}
}

// Start says where an article begins in print.
type Start string

// Starts of an article. StartDefault lets the layout choose: a section's
// first article from a new page, the others run on.
const (
	StartDefault Start = ""
	StartPage    Start = "page"   // at the top of a new page
	StartColumn  Start = "column" // at the top of a new column
	StartRunOn   Start = "run-on" // below the previous article
)

// ParseStart reads a start as a manifest or front matter writes it.
func ParseStart(s string) (Start, bool) {
	switch st := Start(s); st {
	case StartDefault, StartPage, StartColumn, StartRunOn:
		return st, true
	}
	return "", false
}

// Section is an ordered group of articles, e.g. "Features".
type Section struct {
	Title    string // may be empty for a flat manifest
	Start    Start  // where each of its articles starts in print; StartDefault: see Start
	Articles []*Article
}

// Article is one post as it appears in the edition.
type Article struct {
	ID           string // unique within the edition, usable as a file name and XML id
	Source       string // path of the post, for messages
	Title        string
	Subtitle     string
	Authors      []string
	Translators  []string  // shown as contributors in the EPUB's metadata
	Date         time.Time // zero when unknown
	Language     string    // empty means the edition's language
	Tags         []string
	Description  string
	Blocks       []Block
	Notes        []*Note // in number order: Notes[i].Number == i+1
	Bibliography *Bibliography
	PrintStart   Start // where the article starts in print (front matter print_start:); overrides its section's
}

// Note is a footnote. Number is assigned once per article, in the order of
// first reference.
type Note struct {
	Pos
	Number int
	ID     string // anchor, unique within the article, e.g. "fn3"
	Label  string // label as written in the post, e.g. "walsh"
	Blocks []Block
}

// Bibliography is the list of works that ends an article.
type Bibliography struct {
	Title   string // heading as written, e.g. "Works Cited"
	Ordered bool   // numbered entries
	// Cited: made by the article's citation style from the works its
	// citations name (not a list the author wrote).
	Cited   bool
	Entries []*BibEntry
}

// BibEntry is one work. Number is its 1-based position.
type BibEntry struct {
	Pos
	Number  int
	ID      string // anchor, e.g. "bib3"
	Key     string // the citation key of an entry made from a database; "" for one the author wrote
	Inlines []Inline
	// Group, when set, is the title of a group of entries that starts
	// with this one ("Primary sources"), as the post's sub-headings
	// divide its reference list. Numbering runs on across groups.
	Group []Inline
}

// Block is a block-level element. Every block knows the file line it
// starts on (SourceLine), so that any stage can say where a problem is.
type Block interface {
	isBlock()
	SourceLine() int
}

// Pos is where an element starts in its post: the file line, counting
// from 1 at the post's first line (front matter included); 0 when
// unknown. It is embedded in every block.
type Pos struct{ Line int }

// SourceLine returns the file line, 0 when unknown.
func (p Pos) SourceLine() int { return p.Line }

// Inline is an inline element.
type Inline interface{ isInline() }

// Paragraph is a run of inline content.
type Paragraph struct {
	Pos
	Inlines []Inline
}

// Heading is a section heading inside an article; Level 1 is the highest
// level below the article title.
type Heading struct {
	Pos
	Level   int
	ID      string
	Inlines []Inline
}

// List is an ordered or bullet list.
type List struct {
	Pos
	Ordered bool
	Start   int // first number of an ordered list
	Items   []*ListItem
}

// ListItem holds the blocks of one list item.
type ListItem struct {
	Pos
	Blocks []Block
}

// Quote is a block quotation.
type Quote struct {
	Pos
	Blocks []Block
}

// CodeBlock is preformatted text.
type CodeBlock struct {
	Pos
	Language string
	Text     string // lines separated by \n, no trailing newline
}

// Rule is a thematic break.
type Rule struct{ Pos }

// Figure is an image with an optional caption.
type Figure struct {
	Pos
	Image   *Image
	Caption []Inline
}

// Image is a local raster image. Data is nil when the image could not be
// loaded; renderers then show Alt. A remote image has its address in
// URL; when it is not in the site's cache (see `edition fetch`) it has no
// Data, and print frames its alt text as a placeholder, with the URL in
// a link note.
type Image struct {
	Path      string // path as resolved, for messages
	URL       string // the address of a remote image; "" for a file of the site
	Name      string // stable file name inside outputs, e.g. "img-3f2a.jpg"
	MediaType string // image/jpeg, image/png or image/gif
	Data      []byte
	Width     int // pixels
	Height    int // pixels
	Alt       string
	Line      int // file line of the reference in its post, for messages; 0 when unknown
}

// Table is a simple grid. Header may be nil; Caption is the table's
// title (HTML <caption>), nil when it has none.
type Table struct {
	Pos
	Caption []Inline
	Align   []Align // one per column
	Header  []Cell
	Rows    [][]Cell
}

// MathBlock is display mathematics (MathJax or KaTeX $$…$$, \[…\],
// \begin{equation}…): its TeX source, and the formula read from it, nil
// when the source could not be read (renderers then show the source).
type MathBlock struct {
	Pos
	TeX     string // without delimiters
	Formula *texmath.Formula
}

// Cell is one table cell.
type Cell struct{ Inlines []Inline }

// Align is a table column alignment.
type Align int

// Column alignments.
const (
	AlignNone Align = iota
	AlignLeft
	AlignCenter
	AlignRight
)

// Text is plain text. It never contains markup; renderers escape it.
type Text struct{ Text string }

// Emph is emphasis (italic).
type Emph struct{ Inlines []Inline }

// Strong is strong emphasis (bold).
type Strong struct{ Inlines []Inline }

// Strike is struck-through text.
type Strike struct{ Inlines []Inline }

// Code is inline code.
type Code struct{ Text string }

// Sup is superscript text.
type Sup struct{ Inlines []Inline }

// Sub is subscript text.
type Sub struct{ Inlines []Inline }

// Link is a hyperlink to an external URL (http, https or mailto).
type Link struct {
	URL     string
	Inlines []Inline
}

// Math is inline mathematics (\(…\), $$…$$ in a line, $…$ where the
// post uses it): its TeX source and the formula read from it, nil when
// the source could not be read.
type Math struct {
	TeX     string
	Formula *texmath.Formula
}

// Lang is a passage in another language than the text around it, e.g. a
// Russian quotation in an English article: readers pronounce it, and the
// print edition hyphenates it, as Tag (BCP 47), not as the article.
type Lang struct {
	Tag     string
	Inlines []Inline
}

// LineBreak is a hard line break.
type LineBreak struct{}

// NoteRef is a reference to Note. The same note may be referenced more
// than once; Occurrence counts from 1 so each reference has its own anchor.
type NoteRef struct {
	Note       *Note
	Occurrence int
}

func (*Paragraph) isBlock() {}
func (*Heading) isBlock()   {}
func (*List) isBlock()      {}
func (*Quote) isBlock()     {}
func (*CodeBlock) isBlock() {}
func (*Rule) isBlock()      {}
func (*Figure) isBlock()    {}
func (*Table) isBlock()     {}
func (*MathBlock) isBlock() {}

func (*Text) isInline()      {}
func (*Emph) isInline()      {}
func (*Strong) isInline()    {}
func (*Strike) isInline()    {}
func (*Code) isInline()      {}
func (*Sup) isInline()       {}
func (*Sub) isInline()       {}
func (*Link) isInline()      {}
func (*Lang) isInline()      {}
func (*LineBreak) isInline() {}
func (*NoteRef) isInline()   {}
func (*Math) isInline()      {}

// RefID is the anchor of this reference in the text, e.g. "fnref3" or
// "fnref3-2" for the second reference to note 3.
func (r *NoteRef) RefID() string {
	if r.Occurrence <= 1 {
		return "fnref" + strconv.Itoa(r.Note.Number)
	}
	return "fnref" + strconv.Itoa(r.Note.Number) + "-" + strconv.Itoa(r.Occurrence)
}
