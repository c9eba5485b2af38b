package edition

import (
	"path"
	"strings"
	"sync"
	"time"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/markdown"
	"github.com/redtide/edition/internal/post"
	"github.com/redtide/edition/internal/site"
)

// hugoInput is what a post of a Hugo site needs from its site to be
// converted: the goldmark settings, {{< param >}}'s values, the
// edition's pages for {{< ref >}} and the site's shortcode templates.
// nil for other sites.
func hugoInput(m *manifest.Manifest, st *site.Site, refs *hugoRefs, rel string, p *post.Post) *markdown.Hugo {
	if st.Hugo == nil {
		return nil
	}
	page := map[string]any{}
	for k, v := range p.Extra {
		page[strings.ToLower(k)] = v
	}
	params := append([]map[string]any{page}, st.HugoParams(rel)...)
	return &markdown.Hugo{
		Unsafe: st.Hugo.Unsafe,
		Param: func(key string) (string, bool) {
			// Hugo's param: the page's parameter, else its language's,
			// else the site's.
			k := strings.ToLower(key)
			for _, m := range params {
				if v, ok := lookupDotted(m, k); ok {
					return site.Stringify(v), true
				}
			}
			return "", false
		},
		Ref: func(target string) (string, bool) { return refs.find(m, st, target) },
		Shortcode: func(sc markdown.Shortcode) (string, error) {
			return st.Shortcode(site.ShortcodeCall{Name: sc.Name, Named: sc.Named, Positional: sc.Positional,
				Inner: sc.Inner, Paired: sc.Paired, Page: page, Title: p.Title})
		},
	}
}

// lookupDotted finds key (a.b.c) in nested mappings.
func lookupDotted(m map[string]any, key string) (any, bool) {
	var v any = m
	for _, k := range strings.Split(key, ".") {
		mm, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = mm[k]; !ok {
			return nil, false
		}
	}
	return v, v != nil
}

// hugoRefs finds the pages of the edition that {{< ref >}} names, by
// Hugo's rules: a path from the content folder (/blog/x.md,
// blog/x/index.md), or the page's logical name alone (x.md, x). Titles
// are read once.
type hugoRefs struct {
	once  sync.Once
	pages map[string]string // normalised path or name -> title
}

func (r *hugoRefs) find(m *manifest.Manifest, st *site.Site, target string) (string, bool) {
	r.once.Do(func() { r.pages = hugoPages(m, st) })
	t, ok := r.pages[refKey(target)]
	return t, ok
}

// hugoPages reads the title of every post of the edition, keyed by its
// path below the content folder and by its logical name.
func hugoPages(m *manifest.Manifest, st *site.Site) map[string]string {
	out := map[string]string{}
	for _, s := range m.Sections {
		for _, e := range s.Posts {
			root, rel := m.PostFile(e)
			data, err := m.Open(root, rel)
			if err != nil {
				continue
			}
			p, err := post.Parse(rel, data, nil)
			if err != nil {
				continue
			}
			for _, d := range st.Hugo.ContentDirs() {
				if r, ok := strings.CutPrefix(rel, d+"/"); ok {
					rel = r
					break
				}
			}
			out[refKey(rel)] = p.Title
			if name := refKey(path.Base(refKey(rel))); out[name] == "" {
				out[name] = p.Title
			}
		}
	}
	return out
}

// refKey normalises a ref target or a content path: no leading slash,
// no extension, no /index or /_index, no #anchor.
func refKey(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "#")
	s = strings.Trim(s, "/")
	s = strings.TrimSuffix(s, path.Ext(s))
	for _, ix := range []string{"/index", "/_index"} {
		s = strings.TrimSuffix(s, ix)
	}
	if s == "index" {
		return ""
	}
	return strings.ToLower(s)
}

// warnUnbuilt warns about a Hugo page the manifest lists that hugo
// would not build without -D, -F or -E (a draft, a page published after
// the edition's date, an expired one): the editor chose it, so it is
// printed, but the site does not show it.
func warnUnbuilt(st *site.Site, display string, p *post.Post, date time.Time, log *diag.Log) {
	h := st.Hugo
	if h == nil {
		return
	}
	pub := p.PublishDate
	if pub.IsZero() {
		pub = p.Date
	}
	end := date.Add(24*time.Hour - time.Nanosecond)
	switch {
	case p.Draft && !h.BuildDrafts:
		log.Warnf(display, 1, "draft: true; hugo does not build it without -D, but the manifest lists it")
	case !pub.IsZero() && !date.IsZero() && pub.After(end) && !h.BuildFuture:
		log.Warnf(display, 1, "published %s, after the edition's date; hugo would not build it yet", pub.Format("2006-01-02"))
	case !p.ExpiryDate.IsZero() && !date.IsZero() && !p.ExpiryDate.After(end) && !h.BuildExpired:
		log.Warnf(display, 1, "expired %s, by the edition's date; hugo no longer builds it", p.ExpiryDate.Format("2006-01-02"))
	}
}
