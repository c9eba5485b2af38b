package epub

import (
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/redtide/edition/internal/model"
)

// A Draft is an EPUB under way, begun before the print edition's pages
// are known: go-epub has written its container (Prepare), and the
// content document of an article whose pages are, most likely, all laid
// out can be made ahead (Ahead) while the layout goes on. Write finishes
// it with the print edition's page starts. A document made ahead is used
// only if the page breaks it marks are the final ones, else it is made
// again: the EPUB is the same, byte for byte, whichever documents were
// made ahead, and when.
//
// A Draft is used from one goroutine at a time.
type Draft struct {
	p      *publication
	opt    Options
	files  map[string][]byte // as container gives them
	listed map[string]bool
	index  map[*model.Article]int // the article's document in p.docs
	ahead  map[*model.Article]*madeAhead
	pk     packer
	spill  *spill // where documents made ahead are kept; nil: memory
	kept   int    // documents made ahead that Write kept (for tests)
}

// madeAhead is an article's content document made ahead: the page
// breaks it marks, its entry, and the article's outline.
type madeAhead struct {
	marks   []placedMark
	out     packed
	mathml  bool
	body    bool // the article had a body (see released)
	outline *outline
}

// placedMark is what decides where a marker is written, and what.
type placedMark struct {
	label string
	word  int
	at    any
}

// Prepare begins the EPUB of ed; opt.Pages are not used (see Write).
// It reads no article's body (Blocks, Notes, Bibliography): Ahead and
// Write read each when they make its document.
func Prepare(ed *model.Edition, opt Options) (*Draft, error) {
	p := newPublication(ed, opt)
	files, listed, err := container(p)
	if err != nil {
		return nil, err
	}
	d := &Draft{p: p, opt: opt, files: files, listed: listed,
		index: map[*model.Article]int{}, ahead: map[*model.Article]*madeAhead{}}
	for i, doc := range p.docs {
		if doc.art != nil {
			d.index[doc.art] = i
		}
	}
	return d, nil
}

// Ahead makes the content documents of arts with the page starts pages
// (those of arts the layout has given so far). The last article's is
// not made ahead: it also carries the markers of pages after every
// article. A document that cannot be made here is made by Write, which
// reports why.
func (d *Draft) Ahead(arts []*model.Article, pages []model.PageStart) {
	if d.spill.failed() != nil {
		return // Write reports it
	}
	ms := newMarks(pages)
	for _, a := range arts {
		i, ok := d.index[a]
		if !ok || d.p.lastArticle(a) {
			continue
		}
		wrapper := d.files[d.p.docs[i].entry()]
		if wrapper == nil {
			continue
		}
		made := d.p.articleDocument(a, ms)
		x, err := withBody(setLang(wrapper, made.lang), i, made.body)
		if err != nil {
			continue
		}
		out, err := d.pack(x)
		if err != nil {
			continue
		}
		d.ahead[a] = &madeAhead{marks: placedMarks(ms.article(a)), out: out, mathml: made.mathml, body: !released(a),
			outline: outlineOf(a)}
	}
}

// Made reports whether the content document of a has been made ahead
// (Ahead) and waits for Write. Write keeps it, and then reads nothing
// of a's body (Blocks, Notes, Bibliography and what they hold; what the
// masthead, navigation and package documents need of it was gathered
// by Ahead), if the page starts of a given to Write are those Ahead
// was given when it last made a's document: the same, in the same order,
// with the same Label, Word and At (compared as values: for a block,
// the same pointer); a page whose label repeats an earlier page's
// counts for none. The caller may then let a's body go (set those three
// fields to nil) before Write. If the page starts differ, Write makes
// a's document again from its body, and fails if that body was let go.
// Made is false once Write has begun.
func (d *Draft) Made(a *model.Article) bool { return d.ahead[a] != nil }

// released reports whether a has no body: never made, or let go (see
// Made).
func released(a *model.Article) bool {
	return a.Blocks == nil && a.Notes == nil && a.Bibliography == nil
}

// errReleased reports an article whose document made ahead cannot be
// kept, its page starts having changed, and whose body was let go (see
// Made): it cannot be made again.
var errReleased = errors.New("page starts changed after the article's body was let go")

// placedMarks lists what decides an article's markers.
func placedMarks(am *artMarks) []placedMark {
	if am == nil {
		return nil
	}
	out := make([]placedMark, len(am.list))
	for i, m := range am.list {
		out[i] = placedMark{m.label, m.word, m.at}
	}
	return out
}

// Write writes the EPUB to w, marking the print edition's pages (none
// for an edition without print pages). The documents made ahead whose
// markers are those of pages are kept, with the outlines Ahead gathered;
// the others are made here, their outlines gathered first, as the
// masthead, made before them, lists the articles' sections.
func (d *Draft) Write(w io.Writer, pages []model.PageStart) error {
	if err := d.spill.failed(); err != nil {
		return err
	}
	p := d.p
	p.paged(pages)
	kept := map[string]packed{}
	for _, doc := range p.docs {
		m := d.ahead[doc.art]
		if doc.art == nil || m == nil {
			continue
		}
		am := p.marks.article(doc.art)
		if !slices.Equal(placedMarks(am), m.marks) {
			if m.body && released(doc.art) {
				return fmt.Errorf("epub: %s: %w", doc.name, errReleased)
			}
			continue
		}
		if am != nil {
			for _, mk := range am.list {
				mk.doc = doc.name // as the document made ahead wrote them
			}
		}
		name := doc.entry()
		delete(d.files, name)
		kept[name] = m.out
		p.outlines[doc.art] = m.outline
		doc.art, doc.mathml = nil, m.mathml
	}
	d.ahead, d.kept = nil, len(kept)
	for _, doc := range p.docs {
		if doc.art != nil {
			p.ed.Text(doc.art)
			p.outlines[doc.art] = outlineOf(doc.art)
		}
	}
	p.listImages()
	p.addImages(d.files, d.listed)
	p.makeMasthead()
	docs, err := p.packDocuments(d.files)
	if err != nil {
		return err
	}
	for n, e := range kept {
		docs[n] = e
	}
	p.finish(d.opt)
	d.files[contentDir+"package.opf"] = p.opf
	d.files[contentDir+navName] = p.nav
	for n := range d.listed {
		if _, ok := docs[n]; d.files[n] == nil && !ok {
			return fmt.Errorf("%w %s", errMissing, n)
		}
	}
	return writeZip(w, d.files, docs, d.opt.Modified)
}
