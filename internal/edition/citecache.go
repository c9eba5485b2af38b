package edition

import (
	"bytes"
	"io"
	"io/fs"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/redtide/edition/internal/bib"
	"github.com/redtide/edition/internal/bibdb"
	"github.com/redtide/edition/internal/csl"
)

// citeCache holds, for one build, the databases and styles already
// loaded, by file: the posts of one site share them, and each is read,
// parsed and reported on once. It is safe for concurrent use.
type citeCache struct {
	mu     sync.Mutex
	dbs    map[dbKey]*dbLoad
	styles map[string]*styleLoad
}

type dbLoad struct {
	once sync.Once
	db   *bibdb.DB
}

type styleLoad struct {
	once  sync.Once
	style *csl.Style
	err   string // why the file could not be used; "" when it could
}

// database loads the post's databases and references:, nil when it has
// none. Problems of a file (a key defined twice, an entry that cannot be
// read) are reported the first time it is loaded; a file that cannot be
// read or parsed at all is a warning naming it, and its works are
// missing.
func (c *citeCache) database(cp citePost, src citeSources) citeDB {
	var files []string
	for _, f := range src.files {
		switch {
		case f.remote:
			cp.log.Warnf(f.file, f.line, "bibliography %s is a URL; the edition reads no remote files, and its works are missing", f.as)
		case f.rel == "" || strings.HasPrefix(f.rel, "../"):
			cp.log.Warnf(f.file, f.line, "bibliography %s is outside the site's folder; not read", f.as)
		default:
			files = append(files, f.rel)
		}
	}
	var items []*bib.Item
	if src.refs != nil {
		its, probs := bibdb.FromYAML(cp.display, src.refsLine, src.refs)
		items = its
		for _, p := range probs {
			cp.log.Warnf(p.Pos.File, p.Pos.Line, "%s", p.Msg)
		}
	}
	if len(files) == 0 && items == nil {
		if len(src.files) > 0 {
			return emptyDB{}
		}
		return nil
	}
	dbs := c.files(cp, files, src.rule)
	if len(dbs) == 1 && items == nil {
		// one file: its database as loaded, shared by the posts that
		// cite from it (merged alone, it would be copied unchanged)
		return dbs[0]
	}
	db := bibdb.New(src.rule)
	for _, f := range dbs {
		for _, p := range db.Merge(f) {
			cp.log.Warnf(p.Pos.File, p.Pos.Line, "%s", p.Msg)
		}
	}
	for _, p := range db.Add(items) {
		cp.log.Warnf(p.Pos.File, p.Pos.Line, "%s", p.Msg)
	}
	return db
}

// dbKey is a database file read under a rule for keys defined twice.
type dbKey struct {
	file string
	rule bibdb.Rule
}

// emptyDB is the database of a post whose files could not be read: its
// citations are printed as unresolved, not as written.
type emptyDB struct{}

func (emptyDB) Lookup(string) *bib.Item { return nil }

// files loads database files, each once per build. BibTeX entries are
// converted at their first lookup (most of a database is not cited), and
// the problems of converting one are reported then, once per build, to
// the build's log, which sorts warnings by place: their order does not
// depend on which post looked the entry up first.
func (c *citeCache) files(cp citePost, files []string, rule bibdb.Rule) []*bibdb.DB {
	var dbs []*bibdb.DB
	for _, f := range files {
		c.mu.Lock()
		if c.dbs == nil {
			c.dbs = map[dbKey]*dbLoad{}
		}
		key := dbKey{f, rule}
		l := c.dbs[key]
		if l == nil {
			l = &dbLoad{}
			c.dbs[key] = l
		}
		c.mu.Unlock()
		l.once.Do(func() {
			log := cp.log
			report := func(p bibdb.Problem) { log.Warnf(p.Pos.File, p.Pos.Line, "%s", p.Msg) }
			db, probs, err := bibdb.New(rule).Lazy(report).Load(readFS(cp.read), []string{f})
			for _, p := range probs {
				cp.log.Warnf(p.Pos.File, p.Pos.Line, "%s", p.Msg)
			}
			if err != nil {
				cp.log.Warnf(cp.display, 0, "bibliography %s could not be read, and its works are missing: %v", f, err)
			}
			l.db = db
		})
		if l.db != nil {
			dbs = append(dbs, l.db)
		}
	}
	return dbs
}

// processor makes the post's CSL processor: its style (a file, a
// built-in style's name, else the default) in its language.
func (c *citeCache) processor(cp citePost, src citeSources, cx *citeContext) citeproc {
	style := c.style(cp, src.style)
	if style == nil {
		cp.log.Warnf(cp.display, 1, "no citation style: the edition has no built-in style, and the post names none it can read")
		return nil
	}
	p := csl.NewProcessor(style, cx.tag, cx.db.Lookup)
	proc := &cslProc{p: p, style: style}
	if db, ok := cx.db.(*bibdb.DB); ok {
		proc.all = db.IDs // for nocite "*" only: most posts cite a few works of thousands
	}
	p.LinkCitations = cx.opt.linkCitations
	return proc
}

// style loads the style n names, each file once per build; a style that
// cannot be used is a warning naming it, and the default serves.
func (c *citeCache) style(cp citePost, n named) *csl.Style {
	if n.as == "" {
		return defaultStyle()
	}
	if n.remote {
		cp.log.Warnf(n.file, n.line, "citation style %s is a URL; the edition reads no remote files; the default style (Chicago notes and bibliography) is used", n.as)
		return defaultStyle()
	}
	key := n.rel
	if n.open != nil {
		key = "manifest:" + n.as
	}
	if n.builtin {
		key = "builtin:" + n.as
	}
	c.mu.Lock()
	if c.styles == nil {
		c.styles = map[string]*styleLoad{}
	}
	l := c.styles[key]
	if l == nil {
		l = &styleLoad{}
		c.styles[key] = l
	}
	c.mu.Unlock()
	l.once.Do(func() { l.style, l.err = loadStyle(cp, n) })
	if l.style == nil {
		cp.log.Warnf(n.file, n.line, "citation style %s: %s; the default style (Chicago notes and bibliography) is used", n.as, l.err)
		return defaultStyle()
	}
	return l.style
}

// loadStyle reads and parses the style n names.
func loadStyle(cp citePost, n named) (*csl.Style, string) {
	if n.builtin {
		if s, ok := builtinStyle(n.as); ok {
			return s, ""
		}
		return nil, "no such file and no built-in style of that name"
	}
	read := func() ([]byte, error) { return cp.read(n.rel) }
	if n.open != nil {
		read = n.open
	}
	data, err := read()
	if err != nil {
		if s, ok := builtinStyle(strings.TrimSuffix(path.Base(n.rel), ".csl")); ok {
			return s, ""
		}
		return nil, "cannot be read"
	}
	s, err := csl.ParseStyle(data)
	if err != nil {
		return nil, err.Error()
	}
	return s, ""
}

// readFS is the site's files as an fs.FS, read through the build's
// checked reader (which refuses paths that leave the site).
type readFS func(rel string) ([]byte, error)

func (r readFS) Open(name string) (fs.File, error) {
	data, err := r(name)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &memFile{name: name, r: bytes.NewReader(data), size: int64(len(data))}, nil
}

func (r readFS) ReadFile(name string) ([]byte, error) {
	data, err := r(name)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return data, nil
}

type memFile struct {
	name string
	r    *bytes.Reader
	size int64
}

func (f *memFile) Stat() (fs.FileInfo, error) { return memInfo{f}, nil }
func (f *memFile) Read(b []byte) (int, error) { return f.r.Read(b) }
func (f *memFile) Close() error               { return nil }

type memInfo struct{ f *memFile }

func (i memInfo) Name() string       { return path.Base(i.f.name) }
func (i memInfo) Size() int64        { return i.f.size }
func (i memInfo) Mode() fs.FileMode  { return 0o444 }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return false }
func (i memInfo) Sys() any           { return nil }

var _ io.Reader = (*memFile)(nil)
