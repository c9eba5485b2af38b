// Package pipeline runs a whole edition build: manifest → document model →
// outputs, written atomically so a failed build never leaves a
// half-written or missing edition behind.
package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/cover"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/edition"
	"github.com/redtide/edition/internal/epub"
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
	Files    map[string][]byte // the bytes written, by file name
}

// ErrStrict is returned when warnings fail a strict build.
var ErrStrict = errors.New("warnings are errors with --strict")

// Load reads the manifest and builds the document model, without writing
// anything: the whole of `edition check`.
func Load(opt Options) (*model.Edition, *manifest.Manifest, []diag.Warning, error) {
	m, err := manifest.Load(opt.Manifest)
	if err != nil {
		return nil, nil, nil, err
	}
	// The manifest reads the print block; layout checks its values, here
	// so that `edition check` reports them before any post is read.
	if _, err := PrintConfig(m); err != nil {
		return nil, nil, nil, err
	}
	var log diag.Log
	eo := edition.Options{}
	if opt.Progress != nil {
		eo.Progress = func(d, t int) { opt.Progress("reading posts", d, t) }
	}
	ed, err := edition.Build(m, &log, eo)
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
	ed, m, ws, err := Load(opt)
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
	if opt.Progress != nil {
		opt.Progress("setting pages and writing the EPUB", 0, 0)
	}
	// The EPUB and the PDF share only the read-only model. The EPUB marks
	// the print edition's pages, so it is written once the pages are laid
	// out, while the PDF is painted; without a PDF, at once.
	job := startEPUB(ed, mod)
	laid := func(d *layout.Document, set *fonts.Set, pws []diag.Warning) error {
		job.start(d.PageStarts(ed))
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
		pr, pdfErr = renderPDF(ed, m, mod, laid)
	}
	epubBytes, epubErr := job.wait()
	res.Warnings = append(res.Warnings, pr.warnings...)
	if err := diag.Join(epubErr, pdfErr); err != nil {
		return res, err
	}
	if opt.Strict && len(pr.warnings) > 0 {
		return res, fmt.Errorf("%d warning(s): %w", len(pr.warnings), ErrStrict)
	}
	return res, opt.write(res, ed, epubBytes, pr.pdf)
}

// write writes the outputs, named after the publication and the issue
// number, all or none.
func (opt Options) write(res *Result, ed *model.Edition, epubBytes, pdf []byte) error {
	base := Slug(ed.Publication)
	if ed.Number > 0 {
		base += "-" + strconv.Itoa(ed.Number)
	}
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

// epubJob writes the EPUB on a goroutine of its own once the print pages
// are known (start); the generated cover is drawn meanwhile, as it needs
// no pages. start and wait are called from one goroutine.
type epubJob struct {
	ed        *model.Edition
	mod       time.Time
	cover     []byte
	coverErr  error
	coverDone chan struct{}
	started   bool
	done      chan struct{}
	out       []byte
	err       error
}

func startEPUB(ed *model.Edition, mod time.Time) *epubJob {
	j := &epubJob{ed: ed, mod: mod, coverDone: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(j.coverDone)
		j.cover, j.coverErr = drawCover(ed)
	}()
	return j
}

// start writes the EPUB with the print edition's page starts (nil for
// none).
func (j *epubJob) start(pages []model.PageStart) {
	j.started = true
	go func() {
		defer close(j.done)
		if <-j.coverDone; j.coverErr != nil {
			j.err = j.coverErr
			return
		}
		j.out, j.err = renderEPUB(j.ed, j.mod, j.cover, pages)
	}()
}

// wait returns the EPUB; if it was never started (the print edition
// failed first), nothing, once the cover is done.
func (j *epubJob) wait() ([]byte, error) {
	if !j.started {
		<-j.coverDone
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

// renderEPUB writes the EPUB, marking the print edition's pages when
// there are any.
func renderEPUB(ed *model.Edition, mod time.Time, coverPNG []byte, pages []model.PageStart) ([]byte, error) {
	var eb bytes.Buffer
	if err := epub.Write(&eb, ed, epub.Options{Modified: mod, CoverPNG: coverPNG, Pages: pages}); err != nil {
		return nil, err
	}
	return eb.Bytes(), nil
}

var slugUnsafe = regexp.MustCompile(`[^a-z0-9]+`)

// Slug makes a file name from a publication name: "The Red Tide" →
// "the-red-tide".
func Slug(s string) string {
	s = strings.Trim(slugUnsafe.ReplaceAllString(strings.ToLower(s), "-"), "-")
	if s == "" {
		return "edition"
	}
	return s
}

// writeAll writes every output to a temporary file beside its target, and
// renames them into place only when all are written: a failure leaves the
// previous edition untouched.
func writeAll(dir string, outs map[string][]byte) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	names := make([]string, 0, len(outs))
	for n := range outs {
		names = append(names, n)
	}
	sort.Strings(names)
	temps := map[string]string{}
	cleanup := func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}
	for _, n := range names {
		f, err := os.CreateTemp(dir, "."+n+".*.tmp")
		if err != nil {
			cleanup()
			return nil, fmt.Errorf("writing %s: %w", n, err)
		}
		temps[n] = f.Name()
		_, err = f.Write(outs[n])
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Chmod(f.Name(), 0o644)
		}
		if err != nil {
			cleanup()
			return nil, fmt.Errorf("writing %s: %w", n, err)
		}
	}
	var written []string
	for _, n := range names {
		target := filepath.Join(dir, n)
		if err := os.Rename(temps[n], target); err != nil {
			cleanup()
			return written, fmt.Errorf("writing %s: %w", n, err)
		}
		delete(temps, n)
		written = append(written, target)
	}
	return written, nil
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
