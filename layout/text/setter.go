package text

import (
	"fmt"
	"sync"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/hyph"
	"github.com/redtide/edition/internal/model"
)

// Setter sets paragraphs into lines: the fonts and settings it reads,
// the hyphenators it shares with every fork, and the memos, buffers and
// slabs it owns, which make setting a paragraph allocate little and are
// not safe for concurrent use. It knows nothing of the page or the
// article: what it needs of them (where a warning points, the anchors of
// a note reference) it asks its Host. Its methods keep the receiver name
// lt of the layouter they were carved from.
type Setter struct {
	fs    *fonts.Set
	cfg   Settings
	hyphs *hyphenators // shared by the forks

	// Buffers reused from paragraph to paragraph.
	ib       itemBuf
	lb       lineBuf
	hyphMemo map[*hyph.Hyphenator]map[string]uint64 // hyphens as bits (hyphenate)
	memo     map[string]uint64                      // hyphMemo[memoOf]
	memoOf   *hyph.Hyphenator
	hyphBuf  []int                  // the answer to a word too long for the memo
	shapes   shapeCache             // the shapes of plain words
	ascii    [asciiFaces]*asciiFace // by face, made when first needed
	// Slabs that lines and their runs are cut from.
	lineSlab []Line
	runSlab  []Run

	host Host // the layout the setter works for
}

// Settings are what a setter reads of an edition's configuration.
type Settings struct {
	Tolerance      int // badness of the first justified attempt, TeX's \tolerance
	LooseTolerance int // badness of the second and emergency attempts
	Break          BreakConfig
}

// NewSetter returns a setter of the fonts fs with settings cfg, working
// for h, with hyphenators of its own.
func NewSetter(fs *fonts.Set, cfg Settings, h Host) Setter {
	return Setter{fs: fs, cfg: cfg, hyphs: &hyphenators{m: map[string]*hyph.Hyphenator{}}, host: h}
}

// Fork returns a setter for another goroutine, working for h: it shares
// s's fonts, settings and hyphenators (which are safe for concurrent use)
// and owns empty memos, buffers and slabs.
func (s *Setter) Fork(h Host) Setter { return Setter{fs: s.fs, cfg: s.cfg, hyphs: s.hyphs, host: h} }

// hyphenators are the patterns per language, shared by all the goroutines
// of a layout so that each word is hyphenated once (hyph.Hyphenator
// memoises its answers and is safe for concurrent use).
type hyphenators struct {
	mu sync.Mutex
	m  map[string]*hyph.Hyphenator // nil: no patterns for the language
}

// hyphenatorQuiet returns the patterns for lang, or nil when there are
// none, without a warning: a passage in another language (model.Lang) is
// set unhyphenated when its language has no patterns, which is what the
// reader expects, and no edit of the post would change it.
func (lt *Setter) hyphenatorQuiet(lang string) *hyph.Hyphenator {
	hs := lt.hyphs
	hs.mu.Lock()
	defer hs.mu.Unlock()
	h, ok := hs.m[lang]
	if !ok {
		h, _ = hyph.New(lang) // nil when there are no patterns
		hs.m[lang] = h
	}
	return h
}

// hyphenator returns the patterns for lang, or nil when there are none:
// the text is then set unhyphenated, with one warning per post.
func (lt *Setter) hyphenator(lang string) *hyph.Hyphenator {
	h := lt.hyphenatorQuiet(lang)
	if h == nil {
		path, _ := lt.host.Where()
		lt.warn("hyph "+lang+"\x00"+path, fmt.Sprintf("no hyphenation patterns for language %q; words are not hyphenated", lang))
	}
	return h
}

// Host is the layout a setter sets paragraphs for: it places the
// setter's warnings and names the anchors of note references.
type Host interface {
	// Where is the source and line of the text being set, for warnings.
	Where() (path string, line int)
	// Warn gives w, but only the first time for a key other than "".
	Warn(key string, w diag.Warning)
	// NoteAnchors are the anchor of note reference r and the destination
	// of its link, the note.
	NoteAnchors(r *model.NoteRef) (anchor, dest string)
}

// warn warns of msg at the text being set, once per key other than "".
func (lt *Setter) warn(key, msg string) {
	path, line := lt.host.Where()
	lt.host.Warn(key, diag.Warning{Path: path, Line: line, Msg: msg})
}
