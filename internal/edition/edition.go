// Package edition builds the document model of one issue from its
// manifest: it reads and converts every post, then assigns every number
// (notes, bibliography entries, anchors) once, so that all renderers agree.
package edition

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/redtide/edition/internal/biblio"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/lang"
	"github.com/redtide/edition/internal/lazy"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/markdown"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/post"
	"github.com/redtide/edition/internal/site"
)

// Options tune a build.
type Options struct {
	// Workers is how many posts are read at once; 0 means GOMAXPROCS.
	Workers int
	// Progress, if set, is called after each post is read.
	Progress func(done, total int)
	// Reuse, if set, keeps every converted post for the next build given
	// the same Reuse (edition serve): a post whose bytes are unchanged is
	// not converted again, when Context is unchanged too (see Reuse).
	Reuse *Reuse
	// LazyText reads every post as far as its head (readHead) and
	// converts its text only when it is asked for (Edition.Texts): a
	// build that lays the articles out in order then holds the text of
	// the few being set, not of the whole edition. Not with Reuse.
	LazyText bool
	// Context names the state of every input of the edition other than
	// its posts (the manifest, the site's configuration, templates, data,
	// bibliographies, styles, images): it must differ whenever one of
	// them may have changed, which makes every post converted again.
	Context string
}

// Build reads every post of m and returns the edition. Warnings go to
// log; all errors of the run are returned together.
func Build(m *manifest.Manifest, log *diag.Log, opt Options) (*model.Edition, error) {
	ed := &model.Edition{
		Publication: markdown.Smarten(m.Publication, m.Language),
		Title:       markdown.Smarten(m.Title, m.Language),
		Volume:      m.Volume,
		Number:      m.Number,
		Date:        m.Date,
		Language:    m.Language,
		Editors:     m.Editors,
		Publisher:   m.Publisher,
		Description: markdown.Smarten(m.Description, m.Language),
		Price:       m.Price,
		Tagline:     markdown.Smarten(m.Tagline, m.Language),
		Rights:      markdown.Smarten(m.Rights, m.Language),
	}
	if ed.Publisher == "" {
		ed.Publisher = m.Publication
	}
	st := m.Site
	if st == nil {
		st = site.Bare(m.Root)
	}
	folder := "the site's folder"
	if st.ConfigPath == "" && m.SiteLine == 0 {
		folder = "the manifest's folder"
	}
	imgs := newImages(st, folder, log, m.Open)
	var errs []error
	if err := st.AuthorsErr(); err != nil {
		errs = append(errs, err)
	}
	if m.Cover != "" {
		img, err := loadCover(m, imgs)
		errs = append(errs, err)
		ed.Cover = img
	}

	type job struct {
		section, index int
		entry          manifest.Entry
	}
	var jobs []job
	for si, s := range m.Sections {
		ed.Sections = append(ed.Sections, &model.Section{Title: markdown.Smarten(s.Title, m.Language), Start: s.Start})
		for i, e := range s.Posts {
			jobs = append(jobs, job{si, i, e})
		}
	}
	entries := make([]manifest.Entry, len(jobs))
	for i, j := range jobs {
		entries[i] = j.entry
	}
	results, lazy, jobErrs := readArticles(m, st, entries, imgs, log, opt)
	errs = append(errs, jobErrs...)
	if err := diag.Join(errs...); err != nil {
		return nil, err
	}
	ids := map[string]int{}
	for i, j := range jobs {
		a := results[i]
		if a == nil {
			continue // unpublished
		}
		if id := uniqueID(ids, a.Source); a.ID != id {
			a = opt.Reuse.withID(m, j.entry, a, id)
		}
		s := ed.Sections[j.section]
		s.Articles = append(s.Articles, a)
		if m.Lead != "" && j.entry.Path == m.Lead {
			ed.Lead = a
		}
	}
	if m.Lead != "" && ed.Lead == nil {
		log.Warnf(m.Path, m.LeadLine, "lead %q is not published; the first post leads", m.Lead)
	}
	if ed.Sections = nonEmpty(ed.Sections); len(ed.Sections) == 0 {
		return nil, diag.Errorf(m.Path, 0, "no published posts to build an edition from")
	}
	ed.FileAs = fileAs(ed)
	if lazy != nil {
		ed.Texts = lazy
	}
	return ed, nil
}

// nonEmpty drops the sections left empty by unpublished posts.
func nonEmpty(secs []*model.Section) []*model.Section {
	kept := secs[:0]
	for _, s := range secs {
		if len(s.Articles) > 0 {
			kept = append(kept, s)
		}
	}
	return kept
}

// readArticles reads and converts the posts on opt.Workers goroutines;
// results and errors are in the order of entries.
func readArticles(m *manifest.Manifest, st *site.Site, entries []manifest.Entry, imgs *images, log *diag.Log, opt Options) ([]*model.Article, *texts, []error) {
	refs := &hugoRefs{} // a Hugo site's pages of this edition, for {{< ref >}}
	results := make([]*model.Article, len(entries))
	errs := make([]error, len(entries))
	conv := converter()
	cites := &citeCache{}
	datas := opt.Reuse.begin(m, entries, opt.Context)
	var (
		lazy  *texts
		heads []*lazyText // by entry, while they are read
	)
	if opt.LazyText && datas == nil {
		lazy = &texts{m: m, st: st, conv: conv, imgs: imgs, sh: shared{cites: cites, refs: refs}, log: log}
		heads = make([]*lazyText, len(entries))
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	// Each worker takes the next post itself: handing posts out from
	// this goroutine through a channel made every worker wait, between
	// two posts, for it to be scheduled again.
	var next atomic.Int64
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(entries) {
					return
				}
				sh := shared{cites: cites, refs: refs}
				if lazy != nil {
					results[i], heads[i], errs[i] = readHeadOnly(m, st, entries[i], log)
				} else if datas != nil {
					results[i], errs[i] = opt.Reuse.read(m, st, entries[i], datas[i], conv, imgs, sh, log)
				} else {
					results[i], errs[i] = readArticle(m, st, entries[i], conv, imgs, sh, log)
				}
				if opt.Progress != nil {
					mu.Lock()
					done++
					opt.Progress(done, len(entries))
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if lazy != nil {
		// Build gives each article its ID in place (no Reuse copies it)
		lazy.of = map[*model.Article]*lazyText{}
		for i, a := range results {
			if a != nil {
				lazy.of[a] = heads[i]
			}
		}
	}
	return results, lazy, errs
}

// readHeadOnly reads post e as far as its head, and keeps what
// converting its text later needs (texts).
func readHeadOnly(m *manifest.Manifest, st *site.Site, e manifest.Entry, log *diag.Log) (*model.Article, *lazyText, error) {
	data, err := readPost(m, e)
	if err != nil {
		return nil, nil, err
	}
	h, err := readHead(m, st, e, data, log)
	if h == nil || err != nil {
		return nil, nil, err
	}
	h.p.Body = nil // read again with the text: the head holds no text
	return h.art, &lazyText{h: h, entry: e, sum: sumOf(data)}, nil
}

// converter is the Markdown converter of every build: it is safe for
// concurrent use, and making one builds all of goldmark's parsers.
var converter = sync.OnceValue(markdown.New)

// loadCover reads the manifest's cover image, from the manifest's folder.
func loadCover(m *manifest.Manifest, imgs *images) (*model.Image, error) {
	img, err := imgs.load(m.Path, 0, m.Root, m.Cover, fmt.Sprintf(lang.For(m.Language).Words.CoverOf, m.Publication))
	if err == nil && img == nil {
		err = diag.Errorf(m.Path, 0, "cover %q: not found", m.Cover)
	}
	return img, err
}

// shared is what the posts of one build share: the citation cache and,
// for a Hugo site, the edition's pages {{< ref >}} finds.
type shared struct {
	cites *citeCache
	refs  *hugoRefs
}

// readArticle reads and converts one post; it returns nil, nil for a post
// that is not published.
func readArticle(m *manifest.Manifest, st *site.Site, e manifest.Entry, conv *markdown.Converter, imgs *images, sh shared, log *diag.Log) (*model.Article, error) {
	data, err := readPost(m, e)
	if err != nil {
		return nil, err
	}
	return convertPost(m, st, e, data, conv, imgs, sh, log, nil)
}

// readPost reads the bytes of post e.
func readPost(m *manifest.Manifest, e manifest.Entry) ([]byte, error) {
	root, rel := m.PostFile(e)
	data, err := m.Open(root, rel)
	if err != nil {
		return nil, openErr(m, e, err)
	}
	return data, nil
}

// openErr is the error of a post that cannot be read.
func openErr(m *manifest.Manifest, e manifest.Entry, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return diag.Errorf(m.Path, e.Line, "post %q not found", e.Path)
	}
	return diag.Errorf(m.Path, e.Line, "post %q: %v", e.Path, err)
}

// convertPost converts the post e whose bytes are data: its head
// (readHead), then its text (convertText). deps, if not nil, records
// what else its conversion reads that Reuse must check.
func convertPost(m *manifest.Manifest, st *site.Site, e manifest.Entry, data []byte, conv *markdown.Converter, imgs *images, sh shared, log *diag.Log, deps *postDeps) (*model.Article, error) {
	h, err := readHead(m, st, e, data, log)
	if h == nil || err != nil {
		return nil, err
	}
	if err := h.convertText(m, st, data, conv, imgs, sh, log, deps); err != nil {
		return nil, err
	}
	return h.art, nil
}

// head is a post read as far as its head: the article with what the
// front page, the contents, the cover and the EPUB's metadata print of
// it (title, subtitle, description, authors, date, language, where it
// starts in print), but no text; and what converting its text needs.
type head struct {
	art                *model.Article
	p                  *post.Post
	display, root, rel string
	assumed, from      string // the language its text is set in, and where it comes from
	guessed            bool   // read from the text (guessLanguage): none is declared
}

// readHead parses post e, whose bytes are data, and reads its head,
// without converting its text: nil for a post that is not published.
func readHead(m *manifest.Manifest, st *site.Site, e manifest.Entry, data []byte, log *diag.Log) (*head, error) {
	display := path.Join(displayRoot(m), e.Path)
	root, rel := m.PostFile(e)
	p, err := post.Parse(display, data, log)
	if err != nil {
		return nil, err
	}
	if !p.Published {
		log.Warnf(display, 1, "published: false; left out of the edition")
		return nil, nil
	}
	warnUnbuilt(st, display, p, m.Date, log)
	tag, assumed, from := articleLanguage(m, st, rel, p)
	guessed := tag == ""
	if guessed {
		tag, assumed = guessLanguage(display, p, assumed, log)
	}
	a := &model.Article{
		Source:      display,
		Title:       markdown.InlineText(p.Title, assumed),
		Subtitle:    markdown.InlineText(p.Subtitle, assumed),
		Date:        p.Date,
		Tags:        p.Tags,
		Description: markdown.InlineText(p.Description, assumed),
		Language:    tag,
	}
	a.Authors, a.Translators = people(m, st, rel, p)
	a.PrintStart = printStart(display, data, p, log)
	if a.Date.IsZero() {
		log.Warnf(display, 1, "no date in front matter or file name; printed without a date")
	}
	return &head{art: a, p: p, display: display, root: root, rel: rel, assumed: assumed, from: from, guessed: guessed}, nil
}

// convertText converts the text of the post whose head is h, and whose
// bytes are data, into its article: blocks, notes, numbered equations,
// bibliography (written out or made from its citations), passages in
// other languages.
func (h *head) convertText(m *manifest.Manifest, st *site.Site, data []byte, conv *markdown.Converter, imgs *images, sh shared, log *diag.Log, deps *postDeps) error {
	a, p, display, rel := h.art, h.p, h.display, h.rel
	var page map[string]any
	d := &doc{display: display, rel: rel, log: log, deps: deps, page: func() map[string]any {
		if page == nil {
			page = st.Page(rel, p.Vars())
		}
		return page
	}}
	resolve := func(ref markdown.ImageRef) (*model.Image, error) { return imgs.resolve(d, ref) }
	in := postInput(m, st, sh.refs, d, h.root, p, h.assumed)
	res, err := conv.Convert(in, resolve, log)
	if err != nil {
		return err
	}
	d.warnRemote(log)
	a.Blocks, a.Notes = res.Blocks, res.Notes
	numberEquations(a, st.MathSetup().Numbering, display, log)
	if !h.guessed {
		checkLanguage(p, h.assumed, h.from, res.Blocks, log)
	}
	var cx *citeContext
	if hasCitations(res.Blocks, res.Notes) || hasNocite(p) {
		root := h.root
		cp := citePost{st: st, read: func(r string) ([]byte, error) { return m.Open(root, r) }, rel: rel, display: display,
			data: data, p: p, tag: cmp.Or(a.Language, m.Language), log: log, style: manifestStyle(m)}
		if cx = citeContextFor(cp, sh.cites); cx == nil {
			unresolvedCitations(a, display, "bibliography: in the front matter, _quarto.yml, _config.yml's scholar:", log)
		}
	}
	finishCited(a, biblio.Source{Path: display, Body: p.Body, Base: p.BodyLine}, h.assumed, log, cx)
	markPassages(a, cmp.Or(a.Language, m.Language)) // model.ArticleLang
	return nil
}

// postInput is the conversion of the post p at d.rel in the site st: a
// Jekyll site's posts render Liquid (page and site variables, includes
// and include_relative, as Jekyll does before Markdown); a Hugo site's
// read its shortcodes, params and refs instead, and Hugo renders no
// template in content, so their Liquid-looking text is left to the
// converter's rules.
func postInput(m *manifest.Manifest, st *site.Site, refs *hugoRefs, d *doc, root string, p *post.Post, lang string) markdown.Input {
	rel := d.rel
	in := markdown.Input{Path: d.display, Body: p.Body, BodyLine: p.BodyLine, Lang: lang, Math: markdown.UsesMath(p.Extra), SiteURL: st.Address(),
		Engine: engine(st), Macros: st.MathMacros}
	if in.Hugo = hugoInput(m, st, refs, rel, p); in.Hugo != nil {
		if d.deps != nil {
			ref := in.Hugo.Ref
			in.Hugo.Ref = func(target string) (string, bool) {
				d.deps.refs = true // the titles of the other posts
				return ref(target)
			}
		}
		return in
	}
	in.ReadInclude = func(name string) ([]byte, error) { return m.Open(st.Root, path.Join("_includes", name)) }
	in.Liquid = liquidFor(st, d)
	in.ReadRelative = func(name string) ([]byte, error) {
		p := path.Join(path.Dir(rel), name)
		if err := site.CheckRel(p, "the site's folder"); err != nil {
			return nil, err
		}
		data, err := m.Open(root, p)
		d.deps.read(root, p, data, err)
		return data, err
	}
	return in
}

// guessLanguage is the language of a post p that declares none (in its
// front matter, its site's defaults or lang): the one its text reads as
// clearly (lang.Guess, a stop-word test of its opening paragraphs, read
// from the source: markdown.Opening), with a warning, when that is not
// the edition's (assumed); else none, and the edition's. It reads the
// source, not the converted text, so that the post is converted once, in
// its language, and so that what the front page and the contents print
// of it (its title, in that language's typography) is known without its
// text converted.
func guessLanguage(display string, p *post.Post, assumed string, log *diag.Log) (tag, lng string) {
	g := lang.Guess(markdown.Opening(p.Body, 300)...)
	if g == nil || lang.Base(g.Tag) == lang.Base(assumed) {
		return "", assumed
	}
	log.Warnf(display, 1, "the text reads as %s and neither the post nor the site declares a language: set in %s, not %q (set lang: in its front matter to choose)",
		g.Name, g.Name, assumed)
	return g.Tag, g.Tag
}

// liquidFor renders a post's Liquid output with its page and the site's
// variables, in the post's order (see site.Renderer).
func liquidFor(st *site.Site, d *doc) func(string) (string, bool) {
	var r *site.Renderer
	return func(src string) (string, bool) {
		if r == nil {
			r = st.NewRenderer(d.page())
		}
		out, err := r.Render(src)
		return out, err == nil
	}
}

// engine is how the site's Markdown engine reads posts: every engine
// Jekyll runs (kramdown, CommonMark) reads \( as an escaped bracket;
// kramdown reads its own syntax (definition lists, abbreviations), and
// its hard_wrap and parse_block_html change the text too.
func engine(st *site.Site) markdown.Engine {
	e := st.Engine()
	kramdown := e.Name == "kramdown"
	return markdown.Engine{Escapes: e.Name != "", HardWrap: kramdown && e.HardWrap, ParseBlockHTML: kramdown && e.ParseBlockHTML,
		Kramdown: kramdown, MathRaw: e.MathRaw, MathRefs: st.MathSetup().MathJax}
}

func displayRoot(m *manifest.Manifest) string {
	return path.Clean(strings.ReplaceAll(m.Root, `\`, "/"))
}

// finish shapes a converted article: it drops a leading heading that
// repeats the title and the headings left empty (a source's own notes
// heading, whose definitions join the generated notes), normalises
// heading levels, separates the bibliography and numbers notes,
// headings and entries.
func finish(a *model.Article, src biblio.Source, tag string, log *diag.Log) {
	finishCited(a, src, tag, log, nil)
}

// finishCited is finish for a post whose citations cx resolves (nil
// for a post without citations).
func finishCited(a *model.Article, src biblio.Source, tag string, log *diag.Log, cx *citeContext) {
	if len(a.Blocks) > 0 {
		if h, ok := a.Blocks[0].(*model.Heading); ok && sameText(model.PlainText(h.Inlines), a.Title) {
			a.Blocks = a.Blocks[1:]
		}
	}
	bf := biblio.New(tag)
	var pl *placed
	if cx != nil {
		pl = placeCitations(a, cx.proc.noteStyle())
		if pl == nil && len(cx.opt.nocite) > 0 {
			pl = &placed{roles: map[*model.Cite]citeRole{}}
		}
		if pl != nil {
			pl.trailingHeading(a, bf)
		}
	}
	bf.DropEmptyHeadings(a, src, log)
	renumberHeadings(a.Blocks)
	for _, n := range a.Notes {
		renumberHeadings(n.Blocks)
	}
	warnAlt(a, log)
	pl.liftHere(a)
	a.Bibliography, a.Blocks = bf.Find(a.Blocks)
	numberNotes(a)
	if pl != nil {
		a.Bibliography = mergeBibliographies(renderCitations(a, pl, cx), a.Bibliography, cx)
		a.Blocks = pl.putHere(a.Blocks, a.Bibliography != nil)
	}
	n := 0
	model.WalkBlocks(a.Blocks, func(b model.Block) {
		if h, ok := b.(*model.Heading); ok {
			n++
			h.ID = fmt.Sprintf("h%d", n)
		}
	})
	if a.Bibliography != nil {
		for i, e := range a.Bibliography.Entries {
			e.Number = i + 1
			e.ID = fmt.Sprintf("bib%d", i+1)
		}
	}
}

func sameText(a, b string) bool {
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	return norm(a) == norm(b)
}

// renumberHeadings gives an article's headings levels that skip none,
// as an outline needs (HTML's heading levels; WCAG 1.3.1, DAISY Ace's
// heading-order): each heading one level below the nearest heading
// before it written at a higher level, the first at level 1, so a post
// that starts at ### or jumps from ## to #### nests as it reads. Levels
// stop at 5, the sixth HTML level below the article's title.
func renumberHeadings(blocks []model.Block) {
	var open []int // levels, as written, of the headings that enclose the text
	model.WalkBlocks(blocks, func(b model.Block) {
		h, ok := b.(*model.Heading)
		if !ok {
			return
		}
		for len(open) > 0 && open[len(open)-1] >= h.Level {
			open = open[:len(open)-1]
		}
		open = append(open, h.Level)
		h.Level = min(len(open), 5)
	})
}

// numberNotes numbers notes in order of first reference in the text, then
// of references inside earlier notes; each reference gets its occurrence.
func numberNotes(a *model.Article) {
	count := make(map[*model.Note]int, len(a.Notes)) // sized once: a post may have a thousand notes
	order := make([]*model.Note, 0, len(a.Notes))
	visit := func(in model.Inline) {
		r, ok := in.(*model.NoteRef)
		if !ok {
			return
		}
		if r.Note.Number == 0 {
			order = append(order, r.Note)
			r.Note.Number = len(order)
			r.Note.ID = fmt.Sprintf("fn%d", r.Note.Number)
		}
		count[r.Note]++
		r.Occurrence = count[r.Note]
	}
	model.WalkInlinesInBlocks(a.Blocks, visit)
	if a.Bibliography != nil {
		for _, e := range a.Bibliography.Entries {
			model.WalkInlines(e.Group, visit)
			model.WalkInlines(e.Inlines, visit)
		}
	}
	for i := 0; i < len(order); i++ {
		model.WalkInlinesInBlocks(order[i].Blocks, visit)
	}
	// Notes never referenced (already warned about) follow, in order of
	// definition, so no text is lost; they have no reference mark.
	for i := 0; i < len(a.Notes); i++ {
		n := a.Notes[i]
		if n.Number == 0 {
			order = append(order, n)
			n.Number = len(order)
			n.ID = fmt.Sprintf("fn%d", n.Number)
			walkFrom := len(order) - 1
			for j := walkFrom; j < len(order); j++ {
				model.WalkInlinesInBlocks(order[j].Blocks, visit)
			}
		}
	}
	a.Notes = order
}

var (
	idUnsafe   = lazy.Regexp(`[^a-z0-9]+`)
	idDatePart = lazy.Regexp(`^\d{4}-\d{2}-\d{2}-`)
)

// uniqueID derives a stable XML id and file name from a post's path.
func uniqueID(seen map[string]int, source string) string {
	base := strings.TrimSuffix(path.Base(source), path.Ext(source))
	if b, lang, _ := strings.Cut(base, "."); b == "index" || b == "_index" {
		// A Hugo page bundle is named by its folder (and language).
		base = strings.TrimSuffix(path.Base(path.Dir(source))+"."+lang, ".")
	}
	base = idDatePart().ReplaceAllString(base, "")
	base = strings.Trim(idUnsafe().ReplaceAllString(strings.ToLower(base), "-"), "-")
	if len(base) > 40 {
		base = strings.TrimRight(base[:40], "-")
	}
	if base == "" {
		base = "article"
	}
	id := "a-" + base
	seen[id]++
	if seen[id] > 1 {
		id = fmt.Sprintf("%s-%d", id, seen[id])
	}
	return id
}
