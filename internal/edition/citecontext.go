package edition

import (
	"github.com/redtide/edition/internal/biblio"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/post"
)

// citeContext is what one post's citations are resolved with.
type citeContext struct {
	path string // the post, for messages
	log  *diag.Log
	tag  string // the post's language, for the style's terms and the bibliography's title
	db   citeDB // nil when the post has no database
	proc citeproc
	opt  citeOptions
}

// hasCitations reports whether a converted post cites by key or asks
// for a bibliography: only such posts look for databases and styles, so
// an edition without citations costs nothing more.
func hasCitations(blocks []model.Block, notes []*model.Note) bool {
	found := false
	check := func(bs []model.Block) {
		model.WalkBlocks(bs, func(b model.Block) {
			if _, ok := b.(*model.BibliographyHere); ok {
				found = true
			}
		})
		if found {
			return
		}
		model.WalkInlinesInBlocks(bs, func(in model.Inline) {
			if _, ok := in.(*model.Cite); ok {
				found = true
			}
		})
	}
	check(blocks)
	for _, n := range notes {
		if !found {
			check(n.Blocks)
		}
	}
	return found
}

// liftHere takes the bibliography's place out of the blocks while the
// hand-written bibliography is looked for (the detector knows no such
// block), remembering the block it followed.
func (pl *placed) liftHere(a *model.Article) {
	if pl == nil || pl.here == nil {
		return
	}
	for i, b := range a.Blocks {
		if b == pl.here {
			if i > 0 {
				pl.after = a.Blocks[i-1]
			}
			a.Blocks = append(a.Blocks[:i:i], a.Blocks[i+1:]...)
			return
		}
	}
}

// putHere puts the bibliography's place back after the block it
// followed, when text follows it; at the end of the article the
// bibliography stands there anyway.
func (pl *placed) putHere(blocks []model.Block, bib bool) []model.Block {
	if pl == nil || pl.here == nil || !bib {
		return blocks
	}
	at := 0
	if pl.after != nil {
		at = -1
		for i, b := range blocks {
			if b == pl.after {
				at = i + 1
			}
		}
	}
	if at < 0 || at >= len(blocks) {
		return blocks
	}
	out := append(blocks[:at:at], pl.here)
	return append(out, blocks[at:]...)
}

// trailingHeading takes, when the post asks for no place, an empty
// heading that ends the article and names a bibliography ("##
// References", under which pandoc's bibliography goes) as the
// bibliography's place and title.
func (pl *placed) trailingHeading(a *model.Article, bf *biblio.Finder) {
	n := len(a.Blocks)
	if pl.here != nil || n == 0 {
		return
	}
	h, ok := a.Blocks[n-1].(*model.Heading)
	if !ok {
		return
	}
	if bf.IsBibliographyTitle(h) {
		pl.hereTitle = model.PlainText(h.Inlines)
		a.Blocks = a.Blocks[:n-1]
	}
}

// mergeBibliographies makes one bibliography of the generated one and
// the list the author wrote by hand: the generated entries, then the
// author's, under the author's title (a post that cites by key and keeps
// a list of further works gets one list, and loses none of its words).
func mergeBibliographies(gen, hand *model.Bibliography, cx *citeContext) *model.Bibliography {
	switch {
	case gen == nil:
		return hand
	case hand == nil:
		return gen
	}
	line := 0
	if len(hand.Entries) > 0 {
		line = hand.Entries[0].Line
	}
	cx.log.Warnf(cx.path, line, "the post cites by key and has a reference list of its own; its %s follow the %s made from the citations, under %q",
		plural(len(hand.Entries), "entry", "entries"), plural(len(gen.Entries), "entry", "entries"), hand.Title)
	gen.Title = hand.Title
	gen.Entries = append(gen.Entries, hand.Entries...)
	return gen
}

// hasNocite reports whether the post's front matter lists works to
// print in its bibliography uncited (nocite:).
func hasNocite(p *post.Post) bool {
	_, ok := p.Extra["nocite"]
	return ok
}

// manifestStyle is the manifest's csl:, a file beside the manifest or a
// built-in style's name.
func manifestStyle(m *manifest.Manifest) named {
	if m.CSL == "" {
		return named{}
	}
	n := namedFile(m.CSL, ".", m.Path, m.CSLLine)
	if n.remote {
		return n
	}
	if _, err := m.Open(m.Root, m.CSL); err != nil {
		return named{as: m.CSL, builtin: true, file: m.Path, line: m.CSLLine}
	}
	n.open = func() ([]byte, error) { return m.Open(m.Root, m.CSL) }
	return n
}
