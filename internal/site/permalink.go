package site

import (
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/redtide/edition/internal/lazy"
)

// A document's URL, as Jekyll computes it (jekyllrb.com/docs/permalinks/;
// Jekyll::Document#url, Jekyll::Page#url, Drops::UrlDrop): the front
// matter's permalink (a defaults: scope may give it), else the
// collection's permalink in _config.yml, else the site's permalink for
// posts (default `date`), else the built-in pattern of the kind of
// document. Patterns hold placeholders (:year, :title, :categories, …)
// or name a style:
//
//	date     /:categories/:year/:month/:day/:title:output_ext
//	pretty   /:categories/:year/:month/:day/:title/
//	ordinal  /:categories/:year/:y_day/:title:output_ext
//	weekdate /:categories/:year/W:week/:short_day/:title:output_ext
//	none     /:categories/:title:output_ext
//
// Pages are /:path/:basename:output_ext (with a trailing slash instead
// when the site's permalink is pretty, and index pages at their folder),
// other collections /:collection/:path:output_ext. :title is the front
// matter's slug, else the file name (case kept); :slug and :name the same,
// slugified; :categories the front matter's categories (and, for posts,
// the folders above _posts), lower case, joined with /. The URL does not
// include the site's baseurl.

var permalinkStyles = map[string]string{
	"date":     "/:categories/:year/:month/:day/:title:output_ext",
	"pretty":   "/:categories/:year/:month/:day/:title/",
	"ordinal":  "/:categories/:year/:y_day/:title:output_ext",
	"weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
	"none":     "/:categories/:title:output_ext",
}

var placeholder = lazy.Regexp(`:([a-z_]+)`)

// URL returns the URL of the document at rel (relative to the root)
// whose page variables (front matter over defaults) are page.
func (s *Site) URL(rel string, page map[string]any) string {
	rel = sanitize(rel)
	typ := s.Type(rel)
	doc := s.stripCollectionsDir(rel)
	pattern := strings.TrimSpace(Stringify(page["permalink"]))
	sitePattern := strings.TrimSpace(Stringify(s.Config.Vars["permalink"]))
	if pattern == "" {
		switch typ {
		case "pages":
			pattern = "/:path/:basename:output_ext"
			if sitePattern == "pretty" || strings.HasSuffix(sitePattern, "/") {
				pattern = "/:path/:basename/"
			}
		case "posts", "drafts":
			pattern = cmpOr(sitePattern, "date")
		default:
			pattern = cmpOr(s.collectionPermalink(typ), "/:collection/:path:output_ext")
		}
	}
	if p, ok := permalinkStyles[pattern]; ok {
		pattern = p
	}
	vars := s.urlVars(rel, doc, typ, page)
	u := placeholder().ReplaceAllStringFunc(pattern, func(m string) string {
		if v, ok := vars[m[1:]]; ok {
			return v
		}
		return m
	})
	u = "/" + strings.TrimLeft(u, "/")
	for strings.Contains(u, "//") {
		u = strings.ReplaceAll(u, "//", "/")
	}
	if typ == "pages" && strings.HasSuffix(u, "/index.html") {
		u = strings.TrimSuffix(u, "index.html")
	}
	return u
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// collectionPermalink is collections.<label>.permalink in _config.yml.
func (s *Site) collectionPermalink(label string) string {
	c, _ := s.Config.Vars["collections"].(map[string]any)
	m, _ := c[label].(map[string]any)
	return strings.TrimSpace(Stringify(m["permalink"]))
}

// urlVars are the values of a document's permalink placeholders.
func (s *Site) urlVars(rel, doc, typ string, page map[string]any) map[string]string {
	base := strings.TrimSuffix(path.Base(rel), path.Ext(rel))
	name := base[datePrefixLen(base):]
	if typ == "pages" {
		name = base
	}
	slug := cmpOr(strings.TrimSpace(Stringify(page["slug"])), name)
	v := map[string]string{
		"title":      slugify(slug, true),
		"slug":       slugify(slug, false),
		"name":       slugify(name, false),
		"basename":   base,
		"output_ext": ".html",
		"collection": typ,
		"categories": strings.ToLower(strings.Join(s.categories(doc, typ, page), "/")),
	}
	switch typ {
	case "pages":
		v["path"] = strings.TrimPrefix(path.Dir(doc), ".")
	default:
		// The path inside the collection's folder, without extension.
		p := strings.TrimSuffix(doc, path.Ext(doc))
		if i := strings.Index(p, "_"+typ+"/"); i >= 0 {
			p = p[i+len(typ)+2:]
		}
		v["path"] = p
	}
	d, ok := page["date"].(time.Time)
	if !ok || d.IsZero() {
		// A date the front matter gives as text, or none: the file
		// name's, as Jekyll takes a post's.
		if b := path.Base(rel); datePrefixLen(b) > 0 {
			d, _ = time.Parse("2006-1-2", b[:datePrefixLen(b)-1])
		}
	}
	if !d.IsZero() {
		_, week := d.ISOWeek()
		v["year"], v["short_year"] = d.Format("2006"), d.Format("06")
		v["month"], v["i_month"], v["short_month"], v["long_month"] = d.Format("01"), d.Format("1"), d.Format("Jan"), d.Format("January")
		v["day"], v["i_day"], v["short_day"], v["long_day"] = d.Format("02"), d.Format("2"), d.Format("Mon"), d.Format("Monday")
		v["y_day"], v["week"] = fmt.Sprintf("%03d", d.YearDay()), fmt.Sprintf("%02d", week)
		v["hour"], v["minute"], v["second"] = d.Format("15"), d.Format("04"), d.Format("05")
	}
	return v
}

// categories are a document's categories as its URL spells them: the
// front matter's categories (a list, or words separated by spaces) and
// category, and for posts the folders above _posts, each once.
func (s *Site) categories(doc, typ string, page map[string]any) []string {
	var out []string
	seen := map[string]bool{}
	add := func(c string) {
		c = strings.TrimSpace(c)
		if c != "" && !seen[strings.ToLower(c)] {
			seen[strings.ToLower(c)] = true
			out = append(out, c)
		}
	}
	if typ == "posts" || typ == "drafts" {
		if i := strings.Index(doc, "_"+typ+"/"); i > 0 {
			for _, d := range strings.Split(strings.Trim(doc[:i], "/"), "/") {
				add(d)
			}
		}
	}
	for _, k := range []string{"category", "categories"} {
		switch x := page[k].(type) {
		case string:
			if k == "category" {
				add(x)
			} else {
				for _, f := range strings.Fields(x) {
					add(f)
				}
			}
		case []any:
			for _, e := range x {
				add(Stringify(e))
			}
		}
	}
	return out
}

// slugify is Jekyll's Utils.slugify in its "pretty" mode, which
// permalinks use: runs of other characters become one hyphen; cased
// keeps the letters' case.
func slugify(s string, cased bool) string {
	s = strings.Trim(replaceRuns(s, prettyKeeps), "-")
	if !cased {
		s = strings.ToLower(s)
	}
	return s
}
