// Package pipeline runs a whole edition build: manifest → document model →
// outputs, written atomically so a failed build never leaves a
// half-written or missing edition behind.
package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/cover"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/edition"
	"github.com/redtide/edition/internal/epub"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/model"
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
}

// Result describes a finished build.
type Result struct {
	Edition  *model.Edition
	Outputs  []string // files written
	Warnings []diag.Warning
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
	if err != nil {
		return res, err
	}
	mod := ed.Date
	if opt.Epoch != nil {
		mod = *opt.Epoch
	}
	outs := map[string][]byte{}
	base := Slug(ed.Publication)
	if ed.Number > 0 {
		base += "-" + strconv.Itoa(ed.Number)
	}
	// The EPUB and the PDF share only the read-only model: render them
	// at once, one per core.
	var (
		wg                sync.WaitGroup
		epubBytes, pdfOut []byte
		epubErr, pdfErr   error
		pws               []diag.Warning
	)
	if opt.Progress != nil {
		opt.Progress("setting pages and writing the EPUB", 0, 0)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		epubBytes, epubErr = renderEPUB(ed, mod)
	}()
	if !opt.NoPDF {
		pdfOut, pws, pdfErr = renderPDF(ed, m, mod)
	}
	wg.Wait()
	res.Warnings = append(res.Warnings, pws...)
	if err := diag.Join(epubErr, pdfErr); err != nil {
		return res, err
	}
	if opt.Strict && len(pws) > 0 {
		return res, fmt.Errorf("%d warning(s): %w", len(pws), ErrStrict)
	}
	outs[base+".epub"] = epubBytes
	if pdfOut != nil {
		outs[base+".pdf"] = pdfOut
	}
	files, err := writeAll(opt.OutDir, outs)
	res.Outputs = files
	return res, err
}

// renderEPUB draws the cover (unless the edition has one) and writes the
// EPUB.
func renderEPUB(ed *model.Edition, mod time.Time) ([]byte, error) {
	var coverPNG []byte
	if ed.Cover == nil {
		var heads []string
		for _, s := range ed.Sections {
			for _, a := range s.Articles {
				if len(heads) < 5 {
					heads = append(heads, a.Title)
				}
			}
		}
		var err error
		coverPNG, err = cover.PNG(cover.Text{
			Publication: ed.Publication, IssueTitle: ed.Title, Issue: model.IssueLabel(ed),
			Date: model.LongDate(ed.Date, ed.Language), Headlines: heads,
		}, fonts.Default())
		if err != nil {
			return nil, err
		}
	}
	var eb bytes.Buffer
	if err := epub.Write(&eb, ed, epub.Options{Modified: mod, CoverPNG: coverPNG}); err != nil {
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
