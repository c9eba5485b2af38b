package epub

import (
	"strings"

	"github.com/redtide/edition/internal/lang"
	"github.com/redtide/edition/internal/model"
)

// outline is what the masthead, the navigation and the package
// documents need of an article's body. It is gathered when the
// article's document is made (Draft.Ahead, else Draft.Write), never
// when the publication is planned: the build may read a body only
// shortly before its document is made, and let it go once the document
// is made ahead (see Draft.Made).
type outline struct {
	subheads []subhead // the article's sections in the contents
	images   int       // images with data, in its body and notes
	// described: of those, the ones a reader who cannot see them is
	// told about, by alt text or a caption
	described int
	langs     []string // its passages' languages (model.Lang), each once, in order of first use
	// used: its images with data, each once by Name, in order of first
	// use (see listImages)
	used []*model.Image
}

// subhead is a section of an article listed in the contents.
type subhead struct {
	id   string // anchor in the article's document
	text string
}

// outlineOf gathers the outline of a from its body.
func outlineOf(a *model.Article) *outline {
	o := &outline{}
	var seen map[string]bool // most articles have no image
	image := func(b model.Block) {
		f, ok := b.(*model.Figure)
		if !ok || f.Image == nil || f.Image.Data == nil {
			return
		}
		o.images++
		if strings.TrimSpace(f.Image.Alt) != "" || len(f.Caption) > 0 {
			o.described++
		}
		if !seen[f.Image.Name] {
			if seen == nil {
				seen = map[string]bool{}
			}
			seen[f.Image.Name] = true
			o.used = append(o.used, f.Image)
		}
	}
	// the contents list an article's top-level headings, then its
	// bibliography
	model.WalkBlocks(a.Blocks, func(b model.Block) {
		if h, ok := b.(*model.Heading); ok && h.Level == 1 && h.ID != "" {
			o.subheads = append(o.subheads, subhead{h.ID, model.PlainText(h.Inlines)})
		}
		image(b)
	})
	for _, n := range a.Notes {
		model.WalkBlocks(n.Blocks, image)
	}
	if b := a.Bibliography; b != nil && b.Title != "" {
		o.subheads = append(o.subheads, subhead{a.ID + "-bib", b.Title})
	}
	o.langs = passageLangs(a)
	return o
}

// listImages lists the images of the articles once each, by Name, in
// order of first use in reading order (p.images), once every article's
// outline is gathered.
func (p *publication) listImages() {
	seen := map[string]bool{}
	for _, s := range p.ed.Sections {
		for _, a := range s.Articles {
			for _, img := range p.outlines[a].used {
				if !seen[img.Name] {
					seen[img.Name] = true
					p.images = append(p.images, img)
				}
			}
		}
	}
}

// passageLangs lists the languages of a's passages (model.Lang) in
// reading order, each once (by lang.Normalize).
func passageLangs(a *model.Article) []string {
	var (
		out  []string
		seen map[string]bool // most articles have no passage in another language
	)
	model.WalkArticle(a, func(in model.Inline) {
		l, ok := in.(*model.Lang)
		if !ok {
			return
		}
		n := lang.Normalize(l.Tag)
		if n == "" || seen[n] {
			return
		}
		if seen == nil {
			seen = map[string]bool{}
		}
		seen[n] = true
		out = append(out, l.Tag)
	})
	return out
}
