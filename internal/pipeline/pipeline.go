// Package pipeline runs a whole edition build: manifest → document model →
// outputs, written atomically so a failed build never leaves a
// half-written or missing edition behind.
package pipeline

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/cover"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/edition"
	"github.com/redtide/edition/internal/epub"
	"github.com/redtide/edition/internal/lazy"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/layout"
)

// Options for a build.
type Options struct {
	Manifest string // path of the issue manifest
	OutDir   string // folder for the outputs; created if missing
	Strict   bool   // warnings fail the build
	// Epoch, if non-nil, fixes every timestamp (SOURCE_DATE_EPOCH);
	// otherwise the edition date is used.
	Epoch *time.Time
	// Progress, if set, is told of each stage; total is 0 for a stage
	// without a count.
	Progress func(stage string, done, total int)
	// NoPDF skips the print PDF (for EPUB-only checks).
	NoPDF bool
	// Context, if non-nil, stops a build whose context is done between
	// its stages, before any output is written: `edition serve` drops a
	// build that a newer change has superseded. The error is ctx.Err().
	Context context.Context
	// Preview, if set, is given the pages and the EPUB as soon as both are
	// made, before the PDF is painted and the outputs are written:
	// `edition serve` shows them while the build finishes.
	Preview func(Preview)
	// Release reads every post's head first and converts its text
	// (its blocks, notes and bibliography) only when the pages ask for it
	// (edition.Options.LazyText), and drops it as soon as its print pages
	// and its EPUB document are made, so that a build holds the text of
	// the articles being laid out, not of the whole edition; the Result's
	// Edition then keeps the articles' heads (titles, authors, dates)
	// only. An error in a post's text then fails the build once the pages
	// are made, not before. Not with a Preview, which wants the whole
	// model.
	Release bool
}

// Preview is a build whose pages are laid out and whose EPUB is written.
type Preview struct {
	Edition  *model.Edition
	Layout   *layout.Document
	Fonts    *fonts.Set
	EPUB     []byte
	Warnings []diag.Warning // so far
}

// Result describes a finished build.
type Result struct {
	Edition  *model.Edition
	Outputs  []string // files written
	Warnings []diag.Warning
	// Files are the bytes written, by file name, for a build with a
	// Preview; a build without one writes its outputs as they are made
	// and keeps none.
	Files map[string][]byte
}

// ErrStrict is returned when warnings fail a strict build.
var ErrStrict = errors.New("warnings are errors with --strict")

// Load reads the manifest and builds the document model, without writing
// anything: the whole of `edition check`.
func Load(opt Options) (*model.Edition, *manifest.Manifest, []diag.Warning, error) {
	return load(opt, &diag.Log{}, false)
}

// load is Load, giving the warnings to log; with lazy, the posts' text
// is converted as the layout asks for it (edition.Options.LazyText),
// and its warnings come to log later.
func load(opt Options, log *diag.Log, lazy bool) (*model.Edition, *manifest.Manifest, []diag.Warning, error) {
	m, err := manifest.Load(opt.Manifest)
	if err != nil {
		return nil, nil, nil, err
	}
	// The manifest reads the print block; layout checks its values, here
	// so that `edition check` reports them before any post is read.
	if _, err := PrintConfig(m); err != nil {
		return nil, nil, nil, err
	}
	eo := edition.Options{LazyText: lazy}
	if opt.Progress != nil {
		eo.Progress = func(d, t int) { opt.Progress("reading posts", d, t) }
	}
	ed, err := edition.Build(m, log, eo)
	ws := log.Warnings()
	if err != nil {
		return nil, m, ws, err
	}
	if opt.Strict && len(ws) > 0 {
		return nil, m, ws, fmt.Errorf("%d warning(s): %w", len(ws), ErrStrict)
	}
	return ed, m, ws, nil
}

// Run builds the edition and writes its outputs into opt.OutDir.
func Run(opt Options) (*Result, error) {
	// The embedded fonts, which the pages and the cover wait for, are
	// parsed while the posts are read.
	go fonts.Default()
	// A build that releases its articles' text reads it lazily too: the
	// heads of every post first, the text of each as the pages need it.
	var log diag.Log
	lazy := opt.Release && opt.Preview == nil
	ed, m, ws, err := load(opt, &log, lazy)
	res := &Result{Edition: ed, Warnings: ws}
	if err == nil {
		err = opt.stopped()
	}
	if err != nil {
		return res, err
	}
	mod := ed.Date
	if opt.Epoch != nil {
		mod = *opt.Epoch
	}
	// Without a preview, which wants the bytes, the outputs are written
	// into temporary files as they are made, and renamed into place once
	// both are done; the EPUB's documents made ahead wait for it in a
	// scratch file rather than in memory.
	var (
		st      *staged
		scratch *os.File
	)
	base := outputBase(ed)
	if opt.Preview == nil {
		names := []string{base + ".epub"}
		if !opt.NoPDF {
			names = append(names, base+".pdf")
		}
		if st, err = stage(opt.OutDir, names...); err != nil {
			return res, err
		}
		defer st.abort()
		if scratch, err = st.scratch(base + ".epub"); err != nil {
			return res, err
		}
	}
	if opt.Progress != nil {
		opt.Progress("setting pages and writing the EPUB", 0, 0)
	}
	// The EPUB and the PDF share only the read-only model. The EPUB marks
	// the print edition's pages, so it is written once the pages are laid
	// out, while the PDF is finished; without a PDF, at once.
	job := startEPUB(ed, mod, st.writer(base+".epub"), scratch)
	job.release = lazy
	laid := func(d *layout.Document, starts []model.PageStart, set *fonts.Set, pws []diag.Warning) error {
		job.start(starts)
		if opt.Preview != nil && opt.stopped() == nil {
			if data, err := job.wait(); err == nil {
				all := append(append([]diag.Warning(nil), ws...), pws...)
				opt.Preview(Preview{Edition: ed, Layout: d, Fonts: set, EPUB: data, Warnings: all})
			}
		}
		return opt.stopped()
	}
	var (
		pr     printed
		pdfErr error
	)
	if opt.NoPDF {
		job.start(nil)
	} else {
		pr, pdfErr = renderPDF(ed, m, mod, opt.Preview != nil, st.writer(base+".pdf"), laid, job.ahead)
	}
	epubBytes, epubErr := job.wait()
	var textErr error
	if ed.Texts != nil {
		// the warnings of the posts' text came while the pages were set
		res.Warnings, textErr = log.Warnings(), ed.Texts.Err()
	}
	res.Warnings = append(res.Warnings, pr.warnings...)
	if err := diag.Join(textErr, epubErr, pdfErr); err != nil {
		return res, err
	}
	if n := len(res.Warnings); opt.Strict && n > 0 {
		return res, fmt.Errorf("%d warning(s): %w", n, ErrStrict)
	}
	if st != nil {
		if err := opt.stopped(); err != nil {
			return res, err
		}
		res.Outputs, err = st.commit()
		return res, err
	}
	return res, opt.write(res, base, epubBytes, pr.pdf)
}

// outputBase is the name of an edition's outputs, without extension:
// the publication and the issue number.
func outputBase(ed *model.Edition) string {
	base := Slug(ed.Publication)
	if ed.Number > 0 {
		base += "-" + strconv.Itoa(ed.Number)
	}
	return base
}

// write writes the outputs, named after the publication and the issue
// number, all or none, and keeps their bytes in res.Files.
func (opt Options) write(res *Result, base string, epubBytes, pdf []byte) error {
	outs := map[string][]byte{base + ".epub": epubBytes}
	if pdf != nil {
		outs[base+".pdf"] = pdf
	}
	if err := opt.stopped(); err != nil {
		return err
	}
	files, err := writeAll(opt.OutDir, outs)
	res.Outputs = files
	if err == nil {
		res.Files = outs
	}
	return err
}

// epubJob writes the EPUB on a goroutine of its own: it draws the
// generated cover and has go-epub write the container at once, makes
// the documents of the articles the layout has settled (ahead) while it
// lays out the rest, and finishes once the print pages are known
// (start). ahead, start and wait are called from one goroutine.
type epubJob struct {
	ed      *model.Edition
	mod     time.Time
	w       io.Writer // where to write it; nil: keep it in out
	scratch *os.File  // where to keep the documents made ahead; nil: memory
	settled chan settledArts
	final   chan []model.PageStart
	started bool
	release bool // drop the text of the articles whose documents are made (Options.Release)
	done    chan struct{}
	out     []byte
	err     error
}

// settledArts are articles the layout has settled, with their page
// starts (layout.PageMap.Settled).
type settledArts struct {
	arts  []*model.Article
	pages []model.PageStart
}

func startEPUB(ed *model.Edition, mod time.Time, w io.Writer, scratch *os.File) *epubJob {
	n := 0
	for _, s := range ed.Sections {
		n += len(s.Articles)
	}
	// settled never blocks the layout: at most one message an article
	j := &epubJob{ed: ed, mod: mod, w: w, scratch: scratch, settled: make(chan settledArts, n),
		final: make(chan []model.PageStart, 1), done: make(chan struct{})}
	go j.run()
	return j
}

func (j *epubJob) run() {
	defer close(j.done)
	d, err := prepareEPUB(j.ed, j.mod)
	if err == nil && j.scratch != nil {
		d.SpillTo(j.scratch)
	}
	for p := range j.settled {
		if err == nil {
			d.Ahead(p.arts, p.pages)
			if j.release {
				release(d, p.arts)
			}
		}
	}
	pages, ok := <-j.final
	switch {
	case err != nil:
		j.err = err
	case !ok:
	case j.w != nil:
		j.err = writeEPUB(j.w, d, pages)
	default:
		var eb bytes.Buffer
		if j.err = d.Write(&eb, pages); j.err == nil {
			j.out = eb.Bytes()
		}
	}
}

// release drops the text of the articles of arts whose EPUB documents
// are made: the layout has settled them (no page to come holds anything
// of them, and it has forgotten them), and the EPUB will not read them
// again (epub.Draft.Made).
func release(d *epub.Draft, arts []*model.Article) {
	for _, a := range arts {
		if d.Made(a) {
			a.Blocks, a.Notes, a.Bibliography = nil, nil, nil
		}
	}
}

// ahead gives the job articles the layout has settled.
func (j *epubJob) ahead(arts []*model.Article, pages []model.PageStart) {
	if !j.started {
		j.settled <- settledArts{arts, pages}
	}
}

// start writes the EPUB with the print edition's page starts (nil for
// none).
func (j *epubJob) start(pages []model.PageStart) {
	j.started = true
	close(j.settled)
	j.final <- pages
}

// wait returns the EPUB; if it was never started (the print edition
// failed first), nothing, once the container is made.
func (j *epubJob) wait() ([]byte, error) {
	if !j.started {
		j.started = true
		close(j.settled)
		close(j.final)
		<-j.done
		return nil, nil
	}
	<-j.done
	return j.out, j.err
}

// stopped returns the context's error once the build should stop.
func (opt Options) stopped() error {
	if opt.Context == nil {
		return nil
	}
	return opt.Context.Err()
}

// drawCover draws the typographic cover of an edition that has no cover
// image; nil for one that has.
func drawCover(ed *model.Edition) ([]byte, error) {
	t, ok := coverText(ed)
	if !ok {
		return nil, nil
	}
	return cover.PNG(t, fonts.Default())
}

// coverText is what the typographic cover of ed prints; false for an
// edition with a cover image.
func coverText(ed *model.Edition) (cover.Text, bool) {
	if ed.Cover != nil {
		return cover.Text{}, false
	}
	var heads []string
	for _, s := range ed.Sections {
		for _, a := range s.Articles {
			if len(heads) < 5 {
				heads = append(heads, a.Title)
			}
		}
	}
	return cover.Text{
		Publication: ed.Publication, IssueTitle: ed.Title, Issue: model.IssueLabel(ed),
		Date: model.LongDate(ed.Date, ed.Language), Headlines: heads,
	}, true
}

// prepareEPUB begins the EPUB of ed: its generated cover, if it needs
// one, and its container.
func prepareEPUB(ed *model.Edition, mod time.Time) (*epub.Draft, error) {
	png, err := drawCover(ed)
	if err != nil {
		return nil, err
	}
	return epub.Prepare(ed, epub.Options{Modified: mod, CoverPNG: png})
}

// writeEPUB finishes the EPUB d on w, marking the print edition's pages
// when there are any.
func writeEPUB(w io.Writer, d *epub.Draft, pages []model.PageStart) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := d.Write(bw, pages); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("epub: %w", err)
	}
	return nil
}

var slugUnsafe = lazy.Regexp(`[^a-z0-9]+`)

// Slug makes a file name from a publication name: "The Red Tide" →
// "the-red-tide".
func Slug(s string) string {
	s = strings.Trim(slugUnsafe().ReplaceAllString(strings.ToLower(s), "-"), "-")
	if s == "" {
		return "edition"
	}
	return s
}

// writeAll writes every output to a temporary file beside its target, and
// renames them into place only when all are written: a failure leaves the
// previous edition untouched.
func writeAll(dir string, outs map[string][]byte) ([]string, error) {
	names := make([]string, 0, len(outs))
	for n := range outs {
		names = append(names, n)
	}
	st, err := stage(dir, names...)
	if err != nil {
		return nil, err
	}
	defer st.abort()
	for _, n := range st.names {
		if _, err := st.files[n].Write(outs[n]); err != nil {
			return nil, fmt.Errorf("writing %s: %w", n, err)
		}
	}
	return st.commit()
}

// staged are outputs being written into temporary files beside their
// targets ("." + name + ".*.tmp"), renamed into place together by commit,
// or removed by abort: a failed build leaves the previous edition as it
// was and nothing else. Scratch files the outputs need on the way are
// removed by both.
type staged struct {
	dir       string
	names     []string // in name order
	files     map[string]*os.File
	scratches []*os.File
	done      bool
}

// stage creates the temporary files of the outputs names in dir (made if
// missing).
func stage(dir string, names ...string) (*staged, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	st := &staged{dir: dir, names: slices.Sorted(slices.Values(names)), files: map[string]*os.File{}}
	for _, n := range st.names {
		f, err := os.CreateTemp(dir, "."+n+".*.tmp")
		if err != nil {
			st.abort()
			return nil, fmt.Errorf("writing %s: %w", n, err)
		}
		st.files[n] = f
	}
	return st, nil
}

// writer is the temporary file of output name; nil for none (and for a
// nil st).
func (st *staged) writer(name string) io.Writer {
	if st == nil {
		return nil
	}
	if f, ok := st.files[name]; ok {
		return f
	}
	return nil
}

// scratch creates a scratch file for the making of output name
// ("." + name + ".*.scratch.tmp"), which commit or abort removes.
func (st *staged) scratch(name string) (*os.File, error) {
	f, err := os.CreateTemp(st.dir, "."+name+".*.scratch.tmp")
	if err != nil {
		return nil, fmt.Errorf("writing %s: %w", name, err)
	}
	st.scratches = append(st.scratches, f)
	return f, nil
}

// commit removes the scratch files, syncs and closes every temporary
// file, then renames them into place, in name order; it returns the
// files written.
func (st *staged) commit() ([]string, error) {
	for len(st.scratches) > 0 {
		f := st.scratches[0]
		f.Close() // read from and done with: only its removal matters
		if err := os.Remove(f.Name()); err != nil {
			st.abort()
			return nil, fmt.Errorf("scratch file: %w", err)
		}
		st.scratches = st.scratches[1:]
	}
	for _, n := range st.names {
		f := st.files[n]
		err := f.Sync()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Chmod(f.Name(), 0o644)
		}
		if err != nil {
			st.abort()
			return nil, fmt.Errorf("writing %s: %w", n, err)
		}
	}
	var written []string
	for _, n := range st.names {
		target := filepath.Join(st.dir, n)
		if err := os.Rename(st.files[n].Name(), target); err != nil {
			st.abort()
			return written, fmt.Errorf("writing %s: %w", n, err)
		}
		delete(st.files, n)
		written = append(written, target)
	}
	st.done = true
	return written, nil
}

// abort removes the temporary files not renamed yet; after commit, it
// does nothing.
func (st *staged) abort() {
	if st == nil || st.done {
		return
	}
	st.done = true
	for _, f := range st.files {
		f.Close()
		os.Remove(f.Name())
	}
	for _, f := range st.scratches {
		f.Close()
		os.Remove(f.Name())
	}
}

// Epoch reads SOURCE_DATE_EPOCH; nil when unset.
func Epoch(getenv func(string) string) (*time.Time, error) {
	v := strings.TrimSpace(getenv("SOURCE_DATE_EPOCH"))
	if v == "" {
		return nil, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return nil, fmt.Errorf("SOURCE_DATE_EPOCH=%q: want a non-negative number of seconds", v)
	}
	t := time.Unix(n, 0).UTC()
	return &t, nil
}
