package manifest

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/redtide/edition/internal/post"
)

// Hugo sites: what `hugo` (without -D, -F, -E) builds as regular pages
// of content/ is listed; list pages (_index.md, a section's or a
// taxonomy's), taxonomy folders, the files of a leaf bundle other than its
// index (its resources), ignoreFiles, drafts, future and expired pages are
// not.

// hugoSkipDir leaves out what is not content: hidden folders, folders
// outside the content folders (when the site's root is walked), and the
// taxonomies' folders (content/tags/, content/categories/).
func (w *walk) hugoSkipDir(p, name string) bool {
	if strings.HasPrefix(name, ".") || skipDirs[name] {
		return true
	}
	rel, ok := w.st.Rel(p)
	if !ok {
		return false
	}
	for _, d := range w.st.Hugo.ContentDirs() {
		if rel == d || strings.HasPrefix(d, rel+"/") {
			return false // a content folder, or on the way to one
		}
		if r, ok := strings.CutPrefix(rel, d+"/"); ok {
			first, _, _ := strings.Cut(r, "/")
			return w.taxonomies()[first]
		}
	}
	return true
}

// taxonomies are the plural names of the site's taxonomies (Hugo's
// default: tags and categories).
func (w *walk) taxonomies() map[string]bool {
	out := map[string]bool{}
	tx, ok := w.st.Config.Vars["taxonomies"].(map[string]any)
	if !ok {
		return map[string]bool{"tags": true, "categories": true}
	}
	for _, v := range tx {
		if s, ok := v.(string); ok {
			out[strings.ToLower(s)] = true
		}
	}
	return out
}

// hugoPage reports whether the content file p is a page of its own, and
// why not (for a note in the manifest) when it is left out for a reason
// an editor may want to know.
func (w *walk) hugoPage(p string) (page bool, why string) {
	name := filepath.Base(p)
	stem := strings.TrimSuffix(name, filepath.Ext(name))
	if stem == "_index" || strings.HasPrefix(stem, "_index.") {
		return false, "" // a list page: its section's, a taxonomy's or the home page
	}
	if rel, ok := w.st.Rel(p); ok && w.st.Hugo.Ignored(rel) {
		return false, ""
	}
	if stem != "index" && !strings.HasPrefix(stem, "index.") && leafBundle(filepath.Dir(p)) {
		return false, "" // a resource of the leaf bundle beside it
	}
	return true, ""
}

// leafBundle reports a folder holding index.md (or index.<lang>.md): a
// leaf bundle, whose other files are its page's resources.
func leafBundle(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		n := e.Name()
		if !e.IsDir() && (strings.HasPrefix(n, "index.") && strings.Count(n, ".") <= 2) {
			return true
		}
	}
	return false
}

// hugoLeftOut says why Hugo does not build the page ps, "" when it does:
// a draft, a page whose publishDate (or date) is after now, one whose
// expiryDate is past, unless the configuration builds them.
func (w *walk) hugoLeftOut(ps *post.Post, now time.Time) string {
	h := w.st.Hugo
	pub := ps.PublishDate
	if pub.IsZero() {
		pub = ps.Date
	}
	switch {
	case notRendered(ps.Extra):
		return "build.render: never (a page hugo does not render)"
	case ps.Draft && !h.BuildDrafts:
		return "draft: true"
	case !pub.IsZero() && pub.After(now) && !h.BuildFuture:
		return "dated in the future (" + pub.Format("2006-01-02") + ")"
	case !ps.ExpiryDate.IsZero() && !ps.ExpiryDate.After(now) && !h.BuildExpired:
		return "expired (" + ps.ExpiryDate.Format("2006-01-02") + ")"
	}
	return ""
}

// hugoLanguage is the language key (lower case) of the content file at
// p, as the site gives it.
func (w *walk) hugoLanguage(p string, ps *post.Post) string {
	rel, _ := w.st.Rel(p)
	tag, _ := w.st.PageLanguage(rel)
	if tag == "" {
		tag = ps.Language
	}
	if tag == "" {
		tag = w.st.Config.Lang
	}
	return strings.ToLower(tag)
}

// sameLanguage reports whether tag is the language lang asks for (its key
// or its tag, either way round).
func (w *walk) sameLanguage(tag, lang string) bool {
	lang = strings.ToLower(lang)
	if tag == lang {
		return true
	}
	for _, l := range w.st.Hugo.Languages {
		keys := []string{strings.ToLower(l.Key), strings.ToLower(l.Tag())}
		if (keys[0] == tag || keys[1] == tag) && (keys[0] == lang || keys[1] == lang) {
			return true
		}
	}
	return false
}

// hugoFile files one content file of a Hugo site; it returns false when
// the file is not a Hugo page and the Jekyll rules do not apply either.
func (w *walk) hugoFile(p, shown string, ps *post.Post) bool {
	if why := w.hugoLeftOut(ps, w.now); why != "" {
		w.log.Warnf(p, 1, "%s; left out, as hugo leaves it out without -D, -F or -E", why)
		w.leftOut = append(w.leftOut, shown+": "+why)
		w.left++
		return false
	}
	if w.lang != "" && !w.sameLanguage(w.hugoLanguage(p, ps), w.lang) {
		return false // another language's page: Hugo builds each language as a site
	}
	return true
}

// hugoNow is the moment future and expired pages are judged at: the
// edition's date when one is given, else now.
func hugoNow(opt AssembleOptions) time.Time {
	if !opt.Date.IsZero() {
		return opt.Date.Add(24*time.Hour - time.Nanosecond)
	}
	return time.Now()
}

// hasFrontMatter reports a file that opens with front matter in any of
// the three formats: ---, +++ or {.
func hasFrontMatter(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	return bytes.HasPrefix(data, []byte("---")) || bytes.HasPrefix(data, []byte("+++")) || bytes.HasPrefix(data, []byte("{"))
}

// notRendered reports front matter that tells hugo not to render the
// page: build.render never (or false, as Hugo before 0.99 wrote it), under
// build or _build, or headless: true.
func notRendered(extra map[string]any) bool {
	if b, ok := extra["headless"].(bool); ok && b {
		return true
	}
	for _, k := range []string{"build", "_build"} {
		m, ok := extra[k].(map[string]any)
		if !ok {
			continue
		}
		switch r := m["render"].(type) {
		case bool:
			return !r
		case string:
			return strings.EqualFold(r, "never") || strings.EqualFold(r, "false")
		}
	}
	return false
}
