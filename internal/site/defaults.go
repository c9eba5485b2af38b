package site

import (
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Type is the kind of document at rel (a path relative to the root) as
// Jekyll's defaults scope it: "posts" under _posts/, "drafts" under
// _drafts/, a collection's label under _<label>/, else "pages".
func (s *Site) Type(rel string) string {
	rel = s.stripCollectionsDir(rel)
	for _, seg := range strings.Split(path.Dir(rel), "/") {
		if !strings.HasPrefix(seg, "_") {
			continue
		}
		label := seg[1:]
		if label == "drafts" {
			return "drafts"
		}
		for _, c := range s.Config.Collections {
			if c == label {
				return label
			}
		}
	}
	return "pages"
}

// stripCollectionsDir removes the collections_dir prefix, as Jekyll does
// on both a document's path and a scope's path before comparing them.
func (s *Site) stripCollectionsDir(p string) string {
	if d := s.Config.CollectionsDir; d != "" && strings.HasPrefix(p, d+"/") {
		return p[len(d)+1:]
	}
	return p
}

// Defaults are the front matter values the configuration's defaults give
// the document at rel, merged as Jekyll's FrontmatterDefaults#all merges
// them: every scope that covers the document applies, a longer scope path
// wins over a shorter one, and at equal length a scope with a type wins
// over one without; otherwise a later entry wins. A Hugo site's are its
// params' author (see hugoDefaults).
func (s *Site) Defaults(rel string) map[string]any {
	if s.Hugo != nil {
		return s.hugoDefaults(rel)
	}
	rel = sanitize(rel)
	typ := s.Type(rel)
	doc := s.stripCollectionsDir(rel)
	out := map[string]any{}
	var old *Default
	for i := range s.Config.Defaults {
		d := &s.Config.Defaults[i]
		if !s.applies(d, doc, typ) {
			continue
		}
		if old == nil || precedes(old, d) {
			out = merge(out, d.Values)
			old = d
		} else {
			out = merge(clone(d.Values), out)
		}
	}
	return out
}

// applies reports whether scope d covers the document at doc (collections
// dir stripped) of type typ.
func (s *Site) applies(d *Default, doc, typ string) bool {
	if d.Type != "" && !sameType(d.Type, typ) {
		return false
	}
	scope := s.stripCollectionsDir(d.Path)
	if scope == "" {
		return true
	}
	if strings.Contains(scope, "*") {
		return globPrefix(strings.Split(scope, "/"), strings.Split(doc, "/"))
	}
	return subpath(doc, scope)
}

// subpath reports whether p is scope or lies below it, comparing whole
// segments: "es" covers "es/x.md" but not "essays/x.md". (Jekyll 3.0 to
// 3.4 compared with Pathname#ascend, as here; later versions compare
// strings with start_with?, which also lets "es" cover "essays/", a
// side effect no site relies on and one that would set an English
// folder's articles in Spanish.)
func subpath(p, scope string) bool {
	scope = strings.TrimRight(scope, "/")
	return p == scope || strings.HasPrefix(p, scope+"/")
}

// sameType compares a scope's type with a document's, reading Jekyll's
// deprecated singular names (post, page, draft) as their plurals.
func sameType(scope, typ string) bool {
	switch scope {
	case "post", "page", "draft":
		scope += "s"
	}
	return scope == typ
}

// precedes is Jekyll's has_precedence?: whether scope b overrides a.
func precedes(a, b *Default) bool {
	pa, pb := a.Path, b.Path
	if len(pa) != len(pb) {
		return len(pb) >= len(pa)
	}
	if b.Type != "" {
		return true
	}
	return a.Type == ""
}

// globPrefix reports whether glob (segments, "*" within one segment, "**"
// across any number) matches the first segments of p, as a scope path
// with a glob covers every document below the folders it matches.
func globPrefix(glob, p []string) bool {
	if len(glob) == 0 {
		return true
	}
	if glob[0] == "**" {
		for i := 0; i <= len(p); i++ {
			if globPrefix(glob[1:], p[i:]) {
				return true
			}
		}
		return false
	}
	if len(p) == 0 {
		return false
	}
	if ok, err := path.Match(glob[0], p[0]); err != nil || !ok {
		return false
	}
	return globPrefix(glob[1:], p[1:])
}

// merge deep-merges b into a (b wins), as Jekyll's Utils.deep_merge_hashes.
func merge(a, b map[string]any) map[string]any {
	for k, v := range b {
		if bm, ok := v.(map[string]any); ok {
			if am, ok := a[k].(map[string]any); ok {
				a[k] = merge(clone(am), bm)
				continue
			}
		}
		a[k] = v
	}
	return a
}

func clone(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// Language is the language the site gives the document at rel: the
// `lang` (or `language`) of the defaults that cover it, else the
// configuration's own; from says which, for messages. A Hugo site's is
// its default content language (see PageLanguage for the rest).
func (s *Site) Language(rel string) (tag, from string) {
	if s.Hugo != nil {
		return s.Config.Lang, "defaultContentLanguage in " + filepath.Base(s.ConfigPath)
	}
	d := s.Defaults(rel)
	for _, k := range []string{"lang", "language"} {
		if v := strings.TrimSpace(Stringify(d[k])); v != "" {
			return v, "the defaults of " + ConfigName
		}
	}
	if s.Config.Lang != "" {
		return s.Config.Lang, ConfigName
	}
	return "", ""
}

func sortStrings(s []string) { sort.Strings(s) }
