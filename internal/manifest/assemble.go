package manifest

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/lang"
	"github.com/redtide/edition/internal/post"
	"github.com/redtide/edition/internal/site"
)

// notPost names Markdown files that document a folder rather than being
// posts, when they have no front matter.
var notPost = map[string]bool{"README": true, "SOURCE": true, "LICENSE": true, "CHANGELOG": true,
	"CONTRIBUTING": true, "INDEX": true, "COPYING": true, "AUTHORS": true}

// skipDirs are folders that never hold posts: a site's build output and
// its tools' folders.
var skipDirs = map[string]bool{"_site": true, "node_modules": true, "vendor": true, "_includes": true,
	"_layouts": true, "_data": true, "_sass": true, "_plugins": true, "_config": true}

// AssembleOptions describe the issue that Assemble starts.
type AssembleOptions struct {
	Publication string    // "": the site's title, else the folder's name
	Volume      int       // 0: not written
	Number      int       // 0: not written
	Date        time.Time // zero: the newest post's date
	Language    string    // "": the site's lang, else en
}

// Assembly is a manifest written by Assemble and what went into it.
type Assembly struct {
	Manifest []byte // nil when no post could be listed
	Posts    int    // posts listed
	LeftOut  int    // posts not listed: drafts, unpublished and unreadable ones
	Bad      int    // posts that could not be read (each is in the error)
}

// found is one post file met by the walk.
type found struct {
	path string // relative to the manifest's folder, slash-separated
	file string // as messages name it
	date time.Time
	// lang is the language the post or the site declares for it, ""
	// for none; reads is the language its text reads as (lang.Guess),
	// "" when it cannot be told.
	lang, reads string
}

// walk collects what Assemble found under the posts folder.
type walk struct {
	st          *site.Site
	manifestDir string
	log         *diag.Log
	posts       []found
	leftOut     []string // comment lines naming posts left out
	left        int      // posts left out
	errs        []error
	// quarto: the folder is a Quarto project (_quarto.yml), whose
	// documents are .qmd and .Rmd as well as Markdown.
	quarto bool
	// now and lang are a Hugo site's: the moment future and expired pages
	// are judged at, and the only language listed ("" for every one).
	now  time.Time
	lang string
}

// Assemble writes a manifest listing every published post under postsDir
// and returns it; the error lists the posts that could not be read (the
// manifest lists the rest). See AssembleSite.
func Assemble(postsDir, manifestDir string, opt AssembleOptions, log *diag.Log) ([]byte, error) {
	a, err := AssembleSite(postsDir, manifestDir, opt, log)
	if a == nil {
		return nil, err
	}
	return a.Manifest, err
}

// AssembleSite writes a manifest listing every published post under
// postsDir, which may be a whole Jekyll site: _posts/ and collections
// alike, pages with front matter, in date order, undated posts last. Drafts
// (_drafts/, published: false) are left out with a note. A post that
// cannot be read (bad YAML, a bad date, invalid UTF-8) is left out and
// named with its line in a comment of the manifest and in the returned
// error; the Assembly is returned with it. Paths are written relative to
// manifestDir, which must contain postsDir.
func AssembleSite(postsDir, manifestDir string, opt AssembleOptions, log *diag.Log) (*Assembly, error) {
	rel, err := filepath.Rel(manifestDir, postsDir)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil, fmt.Errorf("the manifest must be written in %s or a folder above it, since posts may not be outside the manifest's folder", postsDir)
	}
	if fi, err := os.Stat(postsDir); err != nil || !fi.IsDir() {
		if err == nil {
			return nil, fmt.Errorf("%s is not a folder", postsDir)
		}
		return nil, &diag.Error{Path: postsDir, Err: unwrapPathError(err)}
	}
	st, err := siteOf(postsDir)
	if err != nil {
		return nil, err
	}
	w := &walk{st: st, manifestDir: manifestDir, log: log, quarto: isQuarto(st.Root), now: hugoNow(opt), lang: opt.Language}
	if err := filepath.WalkDir(postsDir, w.visit(postsDir)); err != nil {
		return nil, err
	}
	a := &Assembly{Posts: len(w.posts), LeftOut: w.left, Bad: len(w.errs)}
	bad := diag.Join(w.errs...)
	if len(w.posts) == 0 {
		return a, errors.Join(bad, fmt.Errorf("%s: no published posts found", postsDir))
	}
	sortPosts(w.posts)
	a.Manifest, err = w.write(postsDir, opt)
	if err != nil {
		return a, errors.Join(bad, err)
	}
	return a, bad
}

// siteOf is the site postsDir belongs to: the nearest folder at or above
// it holding _config.yml, else postsDir itself.
func siteOf(postsDir string) (*site.Site, error) {
	if root, ok := site.Find(postsDir); ok {
		return site.Open(root)
	}
	return site.Bare(postsDir), nil
}

func (w *walk) visit(top string) fs.WalkDirFunc {
	return func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			w.errs = append(w.errs, err)
			return nil
		}
		if d.IsDir() {
			if w.st.Hugo != nil {
				if p != top && w.hugoSkipDir(p, d.Name()) {
					return filepath.SkipDir
				}
				return nil
			}
			if p != top && w.skipDir(p, d.Name()) {
				return filepath.SkipDir
			}
			return nil
		}
		if !w.isMarkdown(d.Name()) || w.excluded(p) {
			return nil
		}
		w.file(p)
		return nil
	}
}

// skipDir leaves out hidden folders, a site's tool folders, and the
// underscore folders Jekyll does not read as posts (every one but
// _posts, _drafts and the collections' folders).
func (w *walk) skipDir(p, name string) bool {
	if strings.HasPrefix(name, ".") || skipDirs[name] || w.excluded(p) {
		return true
	}
	if !strings.HasPrefix(name, "_") {
		return false
	}
	label := name[1:]
	if label == "drafts" {
		return false
	}
	for _, c := range w.st.Config.Collections {
		if c == label {
			return false
		}
	}
	return true
}

// excluded reports a path the site's exclude: list names.
func (w *walk) excluded(p string) bool {
	rel, ok := w.st.Rel(p)
	if !ok {
		return false
	}
	for _, x := range w.st.Config.Exclude {
		if x == "" {
			continue
		}
		if rel == x || strings.HasPrefix(rel, x+"/") {
			return true
		}
		if ok, _ := path.Match(x, rel); ok {
			return true
		}
	}
	return false
}

func (w *walk) isMarkdown(name string) bool {
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(name), "."))
	if w.quarto && (ext == "qmd" || ext == "rmd" || ext == "rmarkdown") {
		return true
	}
	for _, e := range w.st.Config.MarkdownExt {
		if ext == e {
			return true
		}
	}
	return false
}

// file reads one post and files it as listed, left out or bad.
func (w *walk) file(p string) {
	name := filepath.Base(p)
	shown := w.shown(p)
	data, err := os.ReadFile(p)
	if err != nil {
		w.bad(p, shown, &diag.Error{Path: p, Err: unwrapPathError(err)})
		return
	}
	if notPost[strings.ToUpper(strings.TrimSuffix(name, filepath.Ext(name)))] &&
		!hasFrontMatter(data) {
		w.log.Warnf(p, 1, "%s without front matter is not a post; left out", name)
		return
	}
	if w.st.Hugo != nil {
		if page, _ := w.hugoPage(p); !page {
			return
		}
	} else if rel, ok := w.st.Rel(p); ok && w.st.Type(rel) == "drafts" {
		w.log.Warnf(p, 1, "a draft (in _drafts/); left out")
		w.leftOut = append(w.leftOut, shown+": a draft")
		w.left++
		return
	}
	var quiet diag.Log
	ps, err := post.Parse(p, data, &quiet)
	if err != nil {
		w.bad(p, shown, err)
		return
	}
	if !ps.Published {
		w.log.Warnf(p, 1, "published: false; left out")
		w.leftOut = append(w.leftOut, shown+": published: false")
		w.left++
		return
	}
	if w.quarto {
		if why := quartoSkip(ps); why != "" {
			w.log.Warnf(p, 1, "%s; left out", why)
			w.leftOut = append(w.leftOut, shown+": "+why)
			w.left++
			return
		}
	}
	if w.st.Hugo != nil && !w.hugoFile(p, shown, ps) {
		return
	}
	f := found{path: shown, file: p, date: ps.Date, lang: ps.Language}
	if w.st.Hugo != nil {
		f.lang = w.hugoLanguage(p, ps) // file name, contentDir, front matter, the site's default
	} else if rel, ok := w.st.Rel(p); ok && f.lang == "" {
		f.lang, _ = w.st.Language(rel)
	}
	if f.lang == "" {
		if g := lang.Guess(proseOf(ps.Body, 400)); g != nil {
			f.reads = g.Tag
		}
	}
	w.posts = append(w.posts, f)
}

// bad records a post that could not be read.
func (w *walk) bad(p, shown string, err error) {
	w.errs = append(w.errs, err)
	w.left++
	for _, m := range diag.Messages(err) {
		m = strings.Replace(m, p, shown, 1)
		w.leftOut = append(w.leftOut, m)
	}
}

// shown is p relative to the manifest's folder, as the manifest lists it.
func (w *walk) shown(p string) string {
	r, err := filepath.Rel(w.manifestDir, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}

// sortPosts orders posts by date, then path; undated posts go last.
func sortPosts(ps []found) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.date.IsZero() != b.date.IsZero() {
			return b.date.IsZero()
		}
		if !a.date.Equal(b.date) {
			return a.date.Before(b.date)
		}
		return a.path < b.path
	})
}

// write renders the manifest: publication, date and language from the
// options, else the site; left-out posts as comments.
func (w *walk) write(postsDir string, opt AssembleOptions) ([]byte, error) {
	date := w.editionDate(opt)
	language := w.language(opt)
	pub := strings.TrimSpace(opt.Publication)
	if pub == "" {
		pub = w.st.TitleIn(language) // a Hugo site's title in that language
	}
	if pub == "" && w.quarto {
		pub = quartoTitle(w.st.Root)
	}
	if pub == "" {
		abs, err := filepath.Abs(postsDir)
		if err != nil {
			abs = postsDir
		}
		pub = filepath.Base(abs)
	}
	type out struct {
		Publication string   `yaml:"publication"`
		Tagline     string   `yaml:"tagline,omitempty"`
		Site        string   `yaml:"site,omitempty"`
		Volume      int      `yaml:"volume,omitempty"`
		Number      int      `yaml:"number,omitempty"`
		Date        string   `yaml:"date"`
		Language    string   `yaml:"language"`
		Posts       []string `yaml:"posts"`
	}
	o := out{Publication: pub, Tagline: w.st.TaglineIn(language), Site: w.siteKey(), Volume: opt.Volume, Number: opt.Number,
		Date: date.Format("2006-01-02"), Language: language}
	for _, it := range w.posts {
		o.Posts = append(o.Posts, it.path)
	}
	var b bytes.Buffer
	b.WriteString("# Issue manifest written by `edition assemble`: every published post in date order, undated ones last.\n")
	b.WriteString("# Reorder, group into sections: (title + posts) and remove posts as the issue needs.\n")
	if len(w.leftOut) > 0 {
		fmt.Fprintf(&b, "#\n# Left out (%d):\n", len(w.leftOut))
		for _, l := range w.leftOut {
			b.WriteString("#   " + strings.ReplaceAll(l, "\n", " ") + "\n")
		}
		b.WriteString("#\n")
	}
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(o); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// siteKey is the site: value the manifest needs, "" when loading it finds
// the same site by itself.
func (w *walk) siteKey() string {
	if w.st.ConfigPath == "" {
		return ""
	}
	if root, ok := site.Find(w.manifestDir); ok && root == absPath(w.st.Root) {
		return ""
	}
	r, err := filepath.Rel(absPath(w.manifestDir), absPath(w.st.Root))
	if err != nil {
		return ""
	}
	return filepath.ToSlash(r)
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// isQuarto reports whether root is a Quarto project: one with a
// _quarto.yml (or .yaml) at its root.
func isQuarto(root string) bool {
	for _, n := range []string{"_quarto.yml", "_quarto.yaml"} {
		if _, err := os.Stat(filepath.Join(root, n)); err == nil {
			return true
		}
	}
	return false
}

// quartoSkip says why Quarto would not render a document as an article
// of its own: a listing page (listing: lists other documents) or a
// draft (draft: true); "" when it would.
func quartoSkip(ps *post.Post) string {
	if _, ok := ps.Extra["listing"]; ok {
		return "a listing page (Quarto's listing:)"
	}
	if ps.Draft {
		return "a draft (draft: true)"
	}
	return ""
}

// quartoTitle is a Quarto project's title: website: title:, else book:
// title:, else the project's; "" when _quarto.yml gives none.
func quartoTitle(root string) string {
	for _, n := range []string{"_quarto.yml", "_quarto.yaml"} {
		data, err := os.ReadFile(filepath.Join(root, n))
		if err != nil {
			continue
		}
		var cfg map[string]any
		if yaml.Unmarshal(data, &cfg) != nil {
			return ""
		}
		for _, k := range []string{"website", "book", "project"} {
			if m, ok := cfg[k].(map[string]any); ok {
				if t, ok := m["title"].(string); ok && strings.TrimSpace(t) != "" {
					return strings.TrimSpace(t)
				}
			}
		}
	}
	return ""
}
