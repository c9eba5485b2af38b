package edition

import (
	"crypto/sha256"
	"sync"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/markdown"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/site"
)

// Reuse keeps the converted posts of one build for the next, for `edition
// serve`, which rebuilds after every save. A post is converted again
// when its bytes change, when a file its include_relative read changed,
// when it names other posts by Hugo's ref and any post changed, or when
// Options.Context changes (anything else the conversion reads: the
// manifest, the site's configuration, templates, data, bibliographies,
// styles and images). Otherwise its article, as the last build made it,
// and its warnings are used again. The articles are never modified once
// a build returns them: an article whose ID must change is copied. The
// zero value is ready to use; a nil *Reuse reuses nothing.
type Reuse struct {
	mu      sync.Mutex
	context string
	posts   map[string]*reused // by the post's root and path
	prev    map[string][32]byte
	changed bool // some post's bytes differ from the last build's (or posts came or went)
	// Converted counts the posts converted by the last build (the others
	// were reused).
	Converted int
}

// reused is one post as the last build converted it.
type reused struct {
	sum   [32]byte
	art   *model.Article // nil for an unpublished post
	warns []diag.Warning
	deps  postDeps
}

// postDeps is what a post's conversion read besides the post and the
// Context: files by include_relative (which may be other posts), and the
// other posts' titles (Hugo's ref).
type postDeps struct {
	files []depFile
	refs  bool
}

type depFile struct {
	root, rel string
	sum       [32]byte
	missing   bool
}

// read records a file include_relative read.
func (d *postDeps) read(root, rel string, data []byte, err error) {
	if d == nil {
		return
	}
	d.files = append(d.files, depFile{root: root, rel: rel, sum: sha256.Sum256(data), missing: err != nil})
}

// postData is a post's bytes, read before the posts are converted.
type postData struct {
	key  string
	data []byte
	sum  [32]byte
	err  error
}

func postKey(root, rel string) string { return root + "\x00" + rel }

// begin starts a build: it forgets every post when the context changed,
// and reads the posts, noting whether any changed. nil when r is nil.
func (r *Reuse) begin(m *manifest.Manifest, entries []manifest.Entry, context string) []postData {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.posts == nil || r.context != context {
		r.posts = map[string]*reused{}
	}
	r.context = context
	r.Converted = 0
	out := make([]postData, len(entries))
	now := make(map[string][32]byte, len(entries))
	for i, e := range entries {
		root, rel := m.PostFile(e)
		pd := postData{key: postKey(root, rel)}
		pd.data, pd.err = m.Open(root, rel)
		pd.sum = sha256.Sum256(pd.data)
		now[pd.key] = pd.sum
		out[i] = pd
	}
	r.changed = len(now) != len(r.prev)
	for k, s := range now {
		if p, ok := r.prev[k]; !ok || p != s {
			r.changed = true
		}
	}
	r.prev = now
	return out
}

// read returns the post e as the last build converted it if nothing it
// read changed, else converts it.
func (r *Reuse) read(m *manifest.Manifest, st *site.Site, e manifest.Entry, pd postData, conv *markdown.Converter, imgs *images, sh shared, log *diag.Log) (*model.Article, error) {
	if pd.err != nil {
		return nil, openErr(m, e, pd.err)
	}
	if old := r.lookup(m, pd); old != nil {
		for _, w := range old.warns {
			log.WarnCol(w.Path, w.Line, w.Column, "%s", w.Msg)
		}
		return old.art, nil
	}
	var own diag.Log
	rd := &reused{sum: pd.sum}
	a, err := convertPost(m, st, e, pd.data, conv, imgs, sh, &own, &rd.deps)
	rd.art, rd.warns = a, own.Warnings()
	for _, w := range rd.warns {
		log.WarnCol(w.Path, w.Line, w.Column, "%s", w.Msg)
	}
	r.mu.Lock()
	r.Converted++
	if err == nil {
		r.posts[pd.key] = rd
	} else {
		delete(r.posts, pd.key)
	}
	r.mu.Unlock()
	return a, err
}

// lookup returns the post of the last build if it can be used again.
func (r *Reuse) lookup(m *manifest.Manifest, pd postData) *reused {
	r.mu.Lock()
	old := r.posts[pd.key]
	changed := r.changed
	r.mu.Unlock()
	if old == nil || old.sum != pd.sum || (old.deps.refs && changed) {
		return nil
	}
	for _, f := range old.deps.files {
		data, err := m.Open(f.root, f.rel)
		if (err != nil) != f.missing || (err == nil && sha256.Sum256(data) != f.sum) {
			return nil
		}
	}
	return old
}

// withID gives the article of e its ID: in place for an article no build
// has used yet, else on a copy, which the next build reuses.
func (r *Reuse) withID(m *manifest.Manifest, e manifest.Entry, a *model.Article, id string) *model.Article {
	if a.ID == "" {
		a.ID = id
		return a
	}
	c := *a
	c.ID = id
	if r != nil {
		root, rel := m.PostFile(e)
		r.mu.Lock()
		if old := r.posts[postKey(root, rel)]; old != nil && old.art == a {
			old.art = &c
		}
		r.mu.Unlock()
	}
	return &c
}
