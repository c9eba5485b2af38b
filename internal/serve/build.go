package serve

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/maphash"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/pipeline"
	"github.com/redtide/edition/internal/svg"
	"github.com/redtide/edition/layout"
)

// status is the outcome of the last build, good or not.
type status struct {
	build    int // builds finished, cancelled ones not counted
	building bool
	writing  bool // the pages of the build in flight are shown; its outputs are being written
	ok       bool
	at       time.Time // when the last build finished
	took     time.Duration
	shownIn  time.Duration // from its start to its pages being shown
	errors   []diag.Record
	warnings []diag.Record
}

// snapshot is the pages and EPUB of one build, as the preview serves
// them. It is not modified once published.
type snapshot struct {
	gen     int // serial number of what the page shows
	at      time.Time
	title   string
	doc     *layout.Document
	painter *svg.Painter
	fonts   map[string]*fonts.Font // by family name: "f-" + hash of the file
	faces   []string               // family names, in the order of the set
	// families names each font of the set
	families map[*fonts.Font]string
	images   map[string]*model.Image
	pages    *pages
	// versions[i] is the generation whose page i+1 is the same SVG as
	// this one's: the page only asks again for pages whose version it
	// has not drawn.
	versions []int
	book     *book
	bookGen  int // generation that brought the book
}

// pages are the SVG drawings of a layout's pages and their sums (see
// pageSums).
type pages struct {
	svg [][]byte
	sum []uint64
}

// paint draws the pages of snap's layout whose sums differ from those of
// the same pages in last (nil: every page), on all processors; the others
// keep last's drawing.
func paint(p *svg.Painter, sums []uint64, last *pages) (*pages, error) {
	n := len(sums)
	out := &pages{svg: make([][]byte, n), sum: sums}
	var todo []int
	for i, s := range sums {
		if last != nil && i < len(last.sum) && last.sum[i] == s {
			out.svg[i] = last.svg[i]
			continue
		}
		todo = append(todo, i)
	}
	errs := make([]error, len(todo))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(todo)) {
		wg.Go(func() {
			for {
				k := int(next.Add(1) - 1)
				if k >= len(todo) {
					return
				}
				var b bytes.Buffer
				errs[k] = p.Page(&b, todo[k])
				out.svg[todo[k]] = b.Bytes()
			}
		})
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// loop builds once, then again after every change, until ctx is done. A
// change during a build cancels it: the build stops at its next stage
// without writing anything, and a new one starts once the files are
// quiet.
func (s *Server) loop(ctx context.Context, kick <-chan struct{}) {
	pending := true
	for {
		if !pending {
			select {
			case <-ctx.Done():
				return
			case <-kick:
			}
		}
		if !s.settle(ctx, kick) {
			return
		}
		pending = false
		start := time.Now()
		res, err := s.build(ctx, kick, &pending)
		if ctx.Err() != nil {
			return
		}
		s.publish(res, err, start)
	}
}

// build runs one build, cancelling it if kick says the files changed
// again (and setting *again).
func (s *Server) build(ctx context.Context, kick <-chan struct{}, again *bool) (*pipeline.Result, error) {
	bctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan struct{})
	var res *pipeline.Result
	var err error
	s.setBuilding()
	go func() {
		defer close(done)
		res, err = s.rebuild(bctx)
	}()
	select {
	case <-done:
	case <-kick:
		*again = true
		cancel()
		<-done
	case <-ctx.Done():
		cancel()
		<-done
	}
	return res, err
}

// settle waits until no change has come for Quiet, or for ten times that
// since the first change, so that a burst of saves builds once. It returns
// false when ctx is done.
func (s *Server) settle(ctx context.Context, kick <-chan struct{}) bool {
	deadline := time.NewTimer(10 * s.opt.Quiet)
	defer deadline.Stop()
	for {
		quiet := time.NewTimer(s.opt.Quiet)
		select {
		case <-ctx.Done():
			quiet.Stop()
			return false
		case <-kick:
			quiet.Stop()
		case <-quiet.C:
			return true
		case <-deadline.C:
			quiet.Stop()
			return true
		}
	}
}

func (s *Server) setBuilding() {
	s.mu.Lock()
	s.state.building, s.state.writing = true, false
	s.shown, s.started, s.state.shownIn = nil, time.Now(), 0
	s.mu.Unlock()
	s.hub.notify()
}

// previewPages shows the pages of the build in flight as soon as they
// are laid out, with the EPUB shown until its own is written; before the
// first EPUB, nothing (preview shows pages and EPUB together).
func (s *Server) previewPages(p pipeline.Preview) {
	s.mu.RLock()
	last := s.view
	s.mu.RUnlock()
	if last == nil {
		return
	}
	snap, err := newSnapshot(p, time.Now(), s.seed, last, last.book)
	if err != nil {
		fmt.Fprintf(s.opt.Log, "preview: %v\n", err)
		return
	}
	s.mu.Lock()
	s.show(snap)
	s.shown = snap
	s.state.writing = true
	s.state.shownIn = time.Since(s.started)
	s.mu.Unlock()
	s.hub.notify()
}

// preview shows the pages and EPUB of the build in flight, before its
// PDF is painted and its outputs written.
func (s *Server) preview(p pipeline.Preview) {
	s.mu.RLock()
	shown := s.shown
	s.mu.RUnlock()
	var snap *snapshot
	var err error
	if shown != nil && shown.doc == p.Layout {
		// the pages are on the page already: only the book is new
		c := *shown
		snap = &c
		snap.book, err = openBook(p.EPUB)
	} else {
		s.mu.RLock()
		last := s.view
		s.mu.RUnlock()
		snap, err = newSnapshot(p, time.Now(), s.seed, last, nil)
	}
	if err != nil {
		fmt.Fprintf(s.opt.Log, "preview: %v\n", err)
		return
	}
	s.mu.Lock()
	s.show(snap)
	if s.shown == nil {
		s.state.shownIn = time.Since(s.started)
	}
	s.shown = snap
	s.state.writing = true
	s.mu.Unlock()
	s.hub.notify()
}

// show puts snap on the page, as a new generation: a page whose drawing
// is the one on the page keeps its version, and so does the book if it
// is the same. s.mu is held.
func (s *Server) show(snap *snapshot) {
	last := s.view
	snap.gen = 1
	if last != nil {
		snap.gen = last.gen + 1
	}
	snap.versions = make([]int, len(snap.pages.svg))
	for i := range snap.versions {
		snap.versions[i] = snap.gen
		if last != nil && i < len(last.pages.sum) && last.pages.sum[i] == snap.pages.sum[i] {
			snap.versions[i] = last.versions[i]
		}
	}
	snap.bookGen = snap.gen
	if last != nil && last.book == snap.book {
		snap.bookGen = last.bookGen
	}
	s.view = snap
}

// publish records a finished build: a good one's outputs can be
// downloaded, a failed one's errors are shown above the last good pages.
// A superseded build (err is context.Canceled) publishes nothing.
func (s *Server) publish(res *pipeline.Result, err error, start time.Time) {
	if errors.Is(err, context.Canceled) {
		return
	}
	now := time.Now()
	st := status{ok: err == nil, at: now, took: now.Sub(start)}
	var ws []diag.Warning
	if res != nil {
		ws = res.Warnings
	}
	for _, r := range diag.Records(err, ws) {
		if r.Severity == diag.SeverityError {
			st.errors = append(st.errors, r)
		} else {
			st.warnings = append(st.warnings, r)
		}
	}
	s.mu.Lock()
	st.build = s.state.build + 1
	st.shownIn = s.state.shownIn
	switch {
	case err == nil && s.shown == nil:
		st.ok = false
		st.errors = append(st.errors, diag.Record{Severity: diag.SeverityError, Message: "the build made no preview"})
	case err == nil:
		s.good, s.files = s.shown, res.Files
	case s.shown != nil && s.good != nil:
		// the pages shown came from this build: back to the last good ones
		back := *s.good
		s.show(&back)
	}
	s.shown = nil
	s.state = st
	s.mu.Unlock()
	s.logBuild(st)
	s.hub.notify()
}

func (s *Server) logBuild(st status) {
	took := st.took.Round(time.Millisecond)
	if st.ok {
		fmt.Fprintf(s.opt.Log, "%s built in %s (pages shown after %s), %d warning(s)\n", st.at.Format("15:04:05"),
			took, st.shownIn.Round(time.Millisecond), len(st.warnings))
		return
	}
	fmt.Fprintf(s.opt.Log, "%s build failed in %s:\n", st.at.Format("15:04:05"), took)
	for _, r := range st.errors {
		fmt.Fprintf(s.opt.Log, "  %s\n", recordString(r))
	}
}

// recordString prints a record as the build command does.
func recordString(r diag.Record) string {
	return (&diag.Error{Path: r.Path, Line: r.Line, Err: errors.New(r.Message)}).Error()
}

// newSnapshot prepares a build's pages and EPUB for serving, painting
// the pages that differ from those of last (nil: every page); without an
// EPUB, with the book given.
func newSnapshot(res pipeline.Preview, at time.Time, seed maphash.Seed, last *snapshot, lastBook *book) (*snapshot, error) {
	snap := &snapshot{at: at, doc: res.Layout, fonts: map[string]*fonts.Font{}, images: map[string]*model.Image{}}
	if ed := res.Edition; ed != nil {
		snap.title = ed.Publication
		if label := model.IssueLabel(ed); label != "" {
			snap.title += " · " + label
		}
	}
	families := map[*fonts.Font]string{}
	snap.families = families
	set := res.Fonts
	family := func(ft *fonts.Font) string {
		if name := families[ft]; name != "" {
			return name
		}
		name := ""
		if last != nil {
			name = last.families[ft] // the embedded fonts are the same each build
		}
		if name == "" {
			sum := sha256.Sum256(ft.Data)
			name = "f-" + hex.EncodeToString(sum[:6])
		}
		families[ft] = name
		if snap.fonts[name] == nil {
			snap.fonts[name] = ft
			snap.faces = append(snap.faces, name)
		}
		return name
	}
	for _, ft := range []*fonts.Font{set.Text.Regular, set.Text.Italic, set.Text.Bold, set.Text.BoldItalic, set.Display, set.Mono, set.Fallback, set.FallbackBold} {
		if ft != nil {
			family(ft)
		}
	}
	// the math face, only for an edition that sets math, as in the PDF
	mathFamily := ""
	if hasMath(res.Layout) {
		if ft, err := fonts.Math(); err == nil {
			mathFamily = family(ft)
		}
	}
	for _, pg := range res.Layout.Pages {
		for _, im := range pg.Images {
			if im.Image != nil && im.Image.Data != nil {
				snap.images[imageKey(im.Image)] = im.Image
			}
		}
	}
	snap.painter = svg.New(res.Layout, set, svg.Options{
		Family:     func(f *fonts.Font) string { return families[f] },
		MathFamily: mathFamily,
		ImageHref: func(im *model.Image) string {
			if im.Data == nil {
				return ""
			}
			return "/img/" + imageKey(im)
		},
	})
	var lastPages *pages
	if last != nil {
		lastPages = last.pages
	}
	pg, err := paint(snap.painter, pageSums(seed, res.Layout, snap.faces), lastPages)
	if err != nil {
		return nil, err
	}
	snap.pages = pg
	if res.EPUB == nil {
		snap.book = lastBook
		return snap, nil
	}
	b, err := openBook(res.EPUB)
	if err != nil {
		return nil, fmt.Errorf("reading the EPUB: %w", err)
	}
	snap.book = b
	return snap, nil
}

// imageKey names an image in URLs: its output name, which is derived from
// its content, or a hash of the data.
func imageKey(im *model.Image) string {
	if im.Name != "" && !strings.ContainsAny(im.Name, "/\\") {
		return im.Name
	}
	sum := sha256.Sum256(im.Data)
	return "img-" + hex.EncodeToString(sum[:8]) + filepath.Ext(im.Path)
}

// hasMath reports whether a page of d sets a formula.
func hasMath(d *layout.Document) bool {
	for _, pg := range d.Pages {
		for _, ln := range pg.Lines {
			for _, r := range ln.Runs {
				if r.Math != nil {
					return true
				}
			}
		}
	}
	return false
}
