package serve

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"time"

	"github.com/redtide/edition/internal/cover"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/edition"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/pipeline"
	"github.com/redtide/edition/layout"
)

// reuse is what a build keeps for the next: the posts as converted and
// the articles as set into lines. A post is read and converted again
// only when it changed; an article is set again only when its post
// was; the pages are made up again from all of them, so that a rebuild
// makes exactly the pages, PDF and EPUB a fresh build makes. A change to
// any other input (the manifest, the site's configuration, templates,
// data, bibliographies, styles, images, fonts) converts every post
// again (see context).
type reuse struct {
	posts edition.Reuse
	sets  layout.Reuse
	cover *drawnCover        // the generated cover, drawn again when its text changes
	files map[string]fileSum // the inputs other than posts, by path (see context)
}

type drawnCover struct {
	text cover.Text
	png  []byte
}

// rebuild builds the edition as pipeline.Run does, reusing what the last
// build made, and shows its pages as soon as they are laid out (with the
// EPUB of the last build, when there is one), then its EPUB; the PDF is
// painted and the outputs written after. It stops between stages once
// ctx is done, writing nothing.
func (s *Server) rebuild(ctx context.Context) (*pipeline.Result, error) {
	m, err := manifest.Load(s.opt.Manifest)
	if err != nil {
		return nil, err
	}
	cfg, err := pipeline.PrintConfig(m)
	if err != nil {
		return nil, err
	}
	var log diag.Log
	ed, err := edition.Build(m, &log, edition.Options{Reuse: &s.reuse.posts, Context: s.context(m)})
	res := &pipeline.Result{Edition: ed, Warnings: log.Warnings()}
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return res, err
	}
	mod := pipeline.Modified(ed, s.opt.Epoch)
	set, err := pipeline.FontSet(m)
	var d *layout.Document
	var pws []diag.Warning
	if err == nil {
		d, err = layout.LayoutReusing(ed, set, cfg, func(w diag.Warning) { pws = append(pws, w) }, &s.reuse.sets)
	}
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return res, err
	}
	warnings := append(append([]diag.Warning(nil), res.Warnings...), pws...)
	p := pipeline.Preview{Edition: ed, Layout: d, Fonts: set, Warnings: warnings}
	s.previewPages(p)
	type made struct {
		data []byte
		err  error
	}
	// The cover, the EPUB, then the PDF, on one processor: the other
	// answers the browser, which is asking for the new pages.
	book, pdfDone := make(chan made, 1), make(chan made, 1)
	go func() {
		png, err := s.cover(ed)
		if err != nil {
			book <- made{nil, err}
			pdfDone <- made{}
			return
		}
		data, err := pipeline.EPUB(ed, mod, png, d.PageStarts(ed))
		book <- made{data, err}
		data, err = pipeline.PDF(ed, d, set, mod)
		pdfDone <- made{data, err}
	}()
	b := <-book
	if b.err == nil && ctx.Err() == nil {
		p.EPUB = b.data
		s.preview(p)
	}
	pr := <-pdfDone
	res.Warnings = append(res.Warnings, pws...)
	if err := diag.Join(b.err, pr.err); err != nil {
		return res, err
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	res.Outputs, res.Files, err = pipeline.Write(s.opt.OutDir, ed, b.data, pr.data)
	return res, err
}

// cover draws the edition's generated cover (nil for a cover image),
// again only when the headlines and words it prints changed.
func (s *Server) cover(ed *model.Edition) ([]byte, error) {
	text, generated := pipeline.CoverText(ed)
	if last := s.reuse.cover; last != nil && generated && reflect.DeepEqual(last.text, text) {
		return last.png, nil
	}
	s.reuse.cover = nil
	png, err := pipeline.Cover(ed)
	if generated && err == nil {
		s.reuse.cover = &drawnCover{text: text, png: png}
	}
	return png, err
}

// context names the state of every input of the edition but its posts
// (package edition hashes those itself): every file under the
// manifest's folder and the site's that serve watches. Small files are
// named by their bytes, larger ones (images, fonts) by size and time of
// modification. Any change converts every post again.
//
// A small file's bytes are read again only when its size or time
// changed, or when it changed less than a few seconds before the last
// read, where a file system's coarse clock could hide a second change
// (git's "racy" files).
func (s *Server) context(m *manifest.Manifest) string {
	posts := map[string]bool{}
	for _, sec := range m.Sections {
		for _, e := range sec.Posts {
			root, rel := m.PostFile(e)
			if abs, err := filepath.Abs(filepath.Join(root, filepath.FromSlash(rel))); err == nil {
				posts[abs] = true
			}
		}
	}
	roots := []string{s.root}
	if m.Site != nil && !within(m.Site.Root, s.root) {
		roots = append(roots, m.Site.Root)
	}
	h := sha256.New()
	seen := map[string]fileSum{}
	for _, root := range roots {
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if p != root && s.ignored(p) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() || posts[p] {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return nil
			}
			f := s.fileSum(p, info)
			seen[p] = f
			// WalkDir walks in lexical order: the sum does not depend on
			// the order files are listed in
			io.WriteString(h, p+"\x00"+strconv.FormatInt(info.Size(), 10)+"\x00")
			if f.read {
				h.Write(f.sum[:])
			} else {
				io.WriteString(h, info.ModTime().String())
			}
			return nil
		})
	}
	s.reuse.files = seen
	return hex.EncodeToString(h.Sum(nil))
}

// fileSum is how context names a file.
type fileSum struct {
	size   int64
	mod    time.Time
	readAt time.Time // when its bytes were read
	read   bool      // sum is of its bytes (a small file)
	sum    [sha256.Size]byte
}

// racy is how long after its modification a file is read again even if
// its size and time have not changed.
const racy = 3 * time.Second

func (s *Server) fileSum(p string, info fs.FileInfo) fileSum {
	f := fileSum{size: info.Size(), mod: info.ModTime()}
	if f.size > smallFile {
		return f
	}
	if old, ok := s.reuse.files[p]; ok && old.read && old.size == f.size && old.mod.Equal(f.mod) && old.readAt.Sub(f.mod) > racy {
		return old
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return f
	}
	f.read, f.readAt, f.sum = true, time.Now(), sha256.Sum256(data)
	return f
}

// smallFile is the size up to which context reads a file's bytes.
const smallFile = 256 << 10
