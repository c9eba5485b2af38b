package layout

import (
	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/lang"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/layout/text"
)

// layouter holds the state of one Layout call. Articles are set into
// lines by forks of it (see setArticle and fork), one per goroutine; the
// original paginates. Its parts: the paragraph setter (text.Setter,
// which owns its hyphenation memos, buffers and slabs, and asks the
// layouter, its text.Host, where warnings point and how note references
// are anchored), the notes (noteState), the fonts and configuration, the
// article and block being set, the warnings, and the page makeup.
type layouter struct {
	text.Setter
	noteState

	fs     *fonts.Set
	cfg    Config
	ed     *model.Edition
	warnFn func(diag.Warning) // where the original's warnings go

	art    *model.Article  // article being set
	source string          // its source, for messages
	line   int             // source line of the block being set, 0 when unknown
	node   any             // model element being set, for TextLine.Node
	par    int             // paragraph serial number
	warned map[string]bool // keys of the warnings given once
	// set is where a fork puts the lines and warnings of the article it
	// sets (setArticle gives it one); while set is nil, warnings go to
	// warnFn at once.
	set *artSet

	doc       *Document
	pageOfArt map[*model.Article]int
	mk        *makeup  // the page builder
	fillBody  []placed // the body of the last column filled
	itemSlab  []vitem  // the slab one-line items are cut from
	// parPieces is the buffer the pieces of a body paragraph are
	// flattened into, kept from paragraph to paragraph: SetParagraph
	// copies what it keeps of them.
	parPieces []text.Piece

	// noteUsers counts, for each note of noteCache, the items that bring
	// it and are not placed yet: at none, its lines are dropped (placeItem).
	noteUsers map[*model.Note]int

	lead  *model.Article
	nBody int // pages before the padding, once known (finish); 0 before
	// headsOn are the pages where the head of an article but the lead
	// is placed (its outline entry, see bookmarked).
	headsOn map[int]bool
	// sink, for a streamed layout (Stream), takes each page once it is
	// made; held are the pages given as drafts, which come again at the
	// end. sinkErr is its first error, which stops the pages.
	sink    func(StreamPage) error
	held    []*Page
	sinkErr error
	// placing is the index in reading order of the article paginate is
	// placing; settles the points where the makeup stood clean before
	// one (see settle), oldest first, until the page they stand on is
	// given; settled is how many articles the pages given have settled.
	placing int
	settles []settlePoint
	settled int
	// taken are the articles paginate has taken (take), by index in
	// reading order, in the order it took them.
	taken []int
	// arts are the articles in reading order; linkNotesOf the notes a
	// streamed layout made of each article's links, forgotten with the
	// article's other notes once it is settled (forget).
	arts        []*model.Article
	linkNotesOf map[*model.Article][]*model.Note
	// rec records the makeup for the next layout, with a Reuse (see
	// restart.go); nil otherwise.
	rec *makeupRec
}

// fork returns a layouter that sets articles with setArticle on another
// goroutine. It shares with lt only what is read-only or safe for
// concurrent use: the edition, the fonts, the configuration, the
// setter's hyphenators (text.Setter.Fork). Everything else starts
// empty: the note state (the notes a fork sets are its article's, see
// articleArtID), its own memos, buffers and slabs; no warnFn, so that
// its warnings go only to the artSet that
// setArticle gives it (set), which the original replays in article order
// (add); and no pages, which only the original makes.
func (lt *layouter) fork() *layouter {
	f := &layouter{ed: lt.ed, fs: lt.fs, cfg: lt.cfg}
	f.Setter = lt.Setter.Fork(f)
	return f
}

// noteState is what a layout knows of notes: those set (by note, for an
// article being set) and placed, each note's article, and the link notes.
type noteState struct {
	notesDone map[*model.Note]bool // notes placed on a page
	noteCache map[*model.Note][]*vitem
	// articleArt is the article of each note of the articles the
	// original has taken (add), until they are settled (forget); a fork
	// sets the notes of one article, lt.art.
	articleArt map[*model.Note]*model.Article

	links       *linkNotes           // link notes of the article being set
	inlineLinks bool                 // print URLs inline (in notes and bibliographies)
	isLinkNote  map[*model.Note]bool // link notes of every article, printed again on each page citing them
	// linkDone are the link notes placed since the page began: nextPage
	// takes them out of notesDone (a walk of isLinkNote, which holds the
	// link notes of every article, made each page cost as much as the
	// edition has links)
	linkDone []*model.Note

	freshBuf []*model.Note // notesOf's
	nlBuf    []*vitem
}

// warning is a warning a fork recorded, given by the original in article
// order; once, if not empty, is the key of a warning given only once.
type warning struct {
	once string
	w    diag.Warning
}

// Where is the position of the block being set (host).
func (lt *layouter) Where() (string, int) { return lt.source, max(lt.line, 0) }

// Warn gives w once per key other than "" (host).
func (lt *layouter) Warn(key string, w diag.Warning) { lt.warnOnce(key, w) }

// NoteAnchors names a note reference's anchor and its note's (host).
func (lt *layouter) NoteAnchors(r *model.NoteRef) (anchor, dest string) {
	return lt.refAnchor(r), lt.noteAnchor(r.Note)
}

// warn warns of msg at the block being set.
func (lt *layouter) warn(msg string) { lt.warnOnce("", lt.at(msg)) }

// at is msg at the position of the block being set: the article's source
// and the block's line (0 when unknown). Layout knows no columns.
func (lt *layouter) at(msg string) diag.Warning {
	return diag.Warning{Path: lt.source, Line: max(lt.line, 0), Msg: msg}
}

// warnOnce gives w, but only the first time for a key other than "".
func (lt *layouter) warnOnce(key string, w diag.Warning) {
	if key != "" {
		if lt.warned[key] {
			return
		}
		lt.warned[key] = true
	}
	if lt.set != nil {
		lt.set.warns = append(lt.set.warns, warning{key, w})
		return
	}
	if lt.rec != nil {
		lt.rec.warns = append(lt.rec.warns, warning{key, w})
	}
	if lt.warnFn != nil {
		lt.warnFn(w)
	}
}

// numbered gives a line its paragraph's number. A fork numbers from 0 and
// remembers the line, so that the original can renumber it in order.
func (lt *layouter) numbered(sl *text.Line) {
	sl.Info.Par = lt.par
	if lt.set != nil {
		lt.set.lines = append(lt.set.lines, sl)
	}
}

func (lt *layouter) artAnchor(a *model.Article) string { return "art:" + a.ID }

func (lt *layouter) noteAnchor(n *model.Note) string {
	return "note:" + lt.articleArtID(n) + ":" + n.ID
}

func (lt *layouter) refAnchor(r *model.NoteRef) string {
	return "ref:" + lt.articleArtID(r.Note) + ":" + r.RefID()
}

// articleArtID is the ID of note n's article: as the original recorded
// it when it took the article (add), else the article being set (a
// fork sets only its own article's notes).
func (lt *layouter) articleArtID(n *model.Note) string {
	if a := lt.articleArt[n]; a != nil {
		return a.ID
	}
	if lt.art != nil {
		return lt.art.ID
	}
	return ""
}

// words are the printed words in the language of the article being set
// (the edition's outside an article).
func (lt *layouter) words() lang.Words { return lang.For(lt.lang()).Words }

// edWords are the printed words in the edition's language: the cover, the
// contents and the running heads speak it.
func (lt *layouter) edWords() lang.Words { return lang.For(lt.edLang()).Words }

// edLang is the edition's language.
func (lt *layouter) edLang() string {
	if lt.ed.Language != "" {
		return lt.ed.Language
	}
	return lt.cfg.Language
}

// lang is the language of the article being set, else the edition's.
func (lt *layouter) lang() string {
	if lt.art != nil && lt.art.Language != "" {
		return lt.art.Language
	}
	return lt.edLang()
}
