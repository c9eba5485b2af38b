package edition

import (
	"hash/crc32"
	"sync"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/markdown"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/post"
	"github.com/redtide/edition/internal/site"
)

// texts converts the text of articles read as far as their heads
// (Options.LazyText), each once, when it is first asked for
// (model.TextSource): the layout asks as it sets an article, so a build
// holds the text of the articles being set and laid out, not of the
// whole edition. A post is read again for its text; one whose bytes
// changed since its head was read is an error.
type texts struct {
	m    *manifest.Manifest
	st   *site.Site
	conv *markdown.Converter
	imgs *images
	sh   shared
	log  *diag.Log
	of   map[*model.Article]*lazyText

	mu   sync.Mutex
	errs []error
}

// lazyText is an article whose text is not converted yet.
type lazyText struct {
	h     *head // without its post, read again for the text
	entry manifest.Entry
	sum   fileSum // the post's bytes when its head was read
	once  sync.Once
}

// Text converts a's text, once; concurrent callers wait for it.
func (t *texts) Text(a *model.Article) {
	lt := t.of[a]
	if lt == nil {
		return
	}
	lt.once.Do(func() {
		if err := t.convert(lt); err != nil {
			t.mu.Lock()
			t.errs = append(t.errs, err)
			t.mu.Unlock()
		}
		lt.h = nil
	})
}

func (t *texts) convert(lt *lazyText) error {
	m, e, h := t.m, lt.entry, lt.h
	data, err := readPost(m, e)
	if err != nil {
		return err
	}
	if sumOf(data) != lt.sum {
		return diag.Errorf(m.Path, e.Line, "post %q changed while the edition was built", e.Path)
	}
	// its front matter, read with its head, is kept; its body read again
	if h.p.Body, err = post.BodyOf(h.display, data); err != nil {
		return err
	}
	return h.convertText(m, t.st, data, t.conv, t.imgs, t.sh, t.log, nil)
}

// fileSum tells whether a post's bytes changed between two reads: their
// length and CRC-32C (a check against an editor saving the post during
// the build, not against tampering; CRC-32C is computed by the
// processor, where SHA-256 of every post twice cost 4% of a build).
type fileSum struct {
	n   int
	crc uint32
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

func sumOf(data []byte) fileSum { return fileSum{len(data), crc32.Checksum(data, castagnoli)} }

// Err is every error of the texts converted so far.
func (t *texts) Err() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	return diag.Join(t.errs...)
}
