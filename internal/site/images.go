package site

import (
	"errors"
	"path"
	"strings"

	"golang.org/x/net/html"
)

// SitePath removes the site's address from an image's src as a page
// renders it: the url and baseurl (which some sites set to a full URL),
// so `{{ site.baseurl }}/images/x.png` and `https://example.org/blog/x.png`
// on a site served at https://example.org/blog both become /images/x.png
// and /x.png. Other sources are returned as they are.
func (s *Site) SitePath(src string) string {
	base := strings.TrimRight(s.Config.BaseURL, "/")
	var prefixes []string
	if strings.Contains(base, "://") {
		prefixes = append(prefixes, base)
	} else if s.Config.URL != "" {
		prefixes = append(prefixes, s.Config.URL+base, s.Config.URL)
	}
	for _, p := range prefixes {
		if rest, ok := cutPrefixAnyScheme(src, p); ok && (rest == "" || rest[0] == '/') {
			src = rest
			break
		}
	}
	if base != "" && !strings.Contains(base, "://") {
		bp := "/" + strings.Trim(base, "/")
		if strings.HasPrefix(src, bp+"/") {
			src = src[len(bp):]
		}
	}
	return src
}

// cutPrefixAnyScheme is strings.CutPrefix that also matches http and
// https, and a protocol-relative //host, for one another.
func cutPrefixAnyScheme(s, prefix string) (string, bool) {
	strip := func(x string) string {
		for _, sch := range []string{"https://", "http://", "//"} {
			if strings.HasPrefix(x, sch) {
				return x[len(sch):]
			}
		}
		return x
	}
	a, b := strip(s), strip(prefix)
	if a == s || b == prefix {
		return strings.CutPrefix(s, prefix)
	}
	return strings.CutPrefix(a, b)
}

// ImageFolders are the folders of the site, relative to its root, where a
// post's images conventionally live when the post names only a file:
// images/<slug>/ and assets/images/<slug>/ (the post's own folder), then
// the site-wide image folders, then any folder the configuration names by
// a custom key (essay-images: /essays/images). Only folders that exist
// are returned.
func (s *Site) ImageFolders(slug string) []string {
	var cands []string
	if slug != "" {
		cands = append(cands, "images/"+slug, "assets/images/"+slug, "assets/img/"+slug, "img/"+slug)
	}
	cands = append(cands, "assets/images", "assets/img", "images", "img", "assets", "uploads", "files")
	s.folderOnce.Do(func() { s.configFolders = configFolders(s.Config.Vars) })
	cands = append(cands, s.configFolders...)
	var out []string
	seen := map[string]bool{}
	for _, c := range cands {
		if c != "" && !seen[c] && s.isDir(c) {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

// configFolders are the folders the configuration names by custom keys,
// in key order: every value that is a site-absolute path.
func configFolders(vars map[string]any) []string {
	var out []string
	for _, k := range sortedKeys(vars) {
		switch k {
		case "baseurl", "url", "source", "destination", "collections_dir", "plugins_dir", "layouts_dir", "data_dir", "includes_dir":
			continue
		}
		v, ok := vars[k].(string)
		if !ok || !strings.HasPrefix(v, "/") || strings.ContainsAny(v, " :") {
			continue
		}
		out = append(out, strings.Trim(path.Clean(v), "/"))
	}
	return out
}

// IncludeImage renders the site's include template name with an include
// call's parameters for a page, and returns the src of the first <img> it
// writes (its address removed, see SitePath). It returns ErrNoTemplate
// when the site has no such template, and "" when the template writes no
// image.
func (s *Site) IncludeImage(name string, params map[string]string, page map[string]any) (string, error) {
	out, err := s.Render(name, params, page)
	if err != nil {
		return "", err
	}
	z := html.NewTokenizer(strings.NewReader(out))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return "", nil
		case html.StartTagToken, html.SelfClosingTagToken:
			t := z.Token()
			if t.Data != "img" {
				continue
			}
			for _, a := range t.Attr {
				if a.Key == "src" && strings.TrimSpace(a.Val) != "" {
					return s.SitePath(strings.TrimSpace(a.Val)), nil
				}
			}
		}
	}
}

// IsNoTemplate reports whether err says the site has no such include.
func IsNoTemplate(err error) bool { return errors.Is(err, ErrNoTemplate) }

// Slug is a document's slug as Jekyll derives it from the file name: the
// base name without its extension and date prefix.
func Slug(rel string) string {
	b := path.Base(rel)
	b = strings.TrimSuffix(b, path.Ext(b))
	return b[datePrefixLen(b):]
}

// Page is the page variable a template sees for the document at rel: the
// defaults that cover it, its front matter over them, and the values
// Jekyll computes (name, path, slug, url, categories; see URL).
func (s *Site) Page(rel string, front map[string]any) map[string]any {
	p := s.Defaults(rel)
	for k, v := range front {
		p[k] = v
	}
	p["name"] = path.Base(rel)
	p["path"] = rel
	if v, ok := p["slug"]; !ok || strings.TrimSpace(Stringify(v)) == "" {
		p["slug"] = Slug(rel)
	}
	if _, ok := p["url"]; !ok {
		p["url"] = s.URL(rel, p)
	}
	cats := s.categories(sanitize(s.stripCollectionsDir(rel)), s.Type(rel), p)
	list := make([]any, len(cats))
	for i, c := range cats {
		list[i] = c
	}
	p["categories"] = list
	return p
}
