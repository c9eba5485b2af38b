package site

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/lazy"
)

// hugoConfigNames are the files Hugo reads its configuration from, in
// the order it looks for them (hugo.* since Hugo 0.110, config.* before).
var hugoConfigNames = []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
	"config.toml", "config.yaml", "config.yml", "config.json"}

// Hugo is what edition reads of a Hugo site's configuration. Hugo's keys
// are case-insensitive (DefaultContentLanguage, [Languages.en]): they are
// read in lower case.
type Hugo struct {
	// ContentDir is the folder of the default language's content,
	// relative to the root ("content").
	ContentDir string
	// DefaultLanguage is defaultContentLanguage in lower case ("en" when
	// not given).
	DefaultLanguage string
	// Languages are the site's languages by their key in lower case.
	Languages map[string]HugoLanguage
	// StaticDirs are the folders copied to the site's root (staticDir,
	// "static"), then the assets folder (assetDir, "assets"), relative to
	// the root: /img/x.png is static/img/x.png.
	StaticDirs []string
	// IgnoreFiles are the ignoreFiles patterns: content files whose path
	// matches one are not part of the site.
	IgnoreFiles []*regexp.Regexp
	// BuildDrafts, BuildFuture and BuildExpired are Hugo's -D, -F and -E
	// as the configuration sets them.
	BuildDrafts, BuildFuture, BuildExpired bool
	// Unsafe is markup.goldmark.renderer.unsafe: raw HTML in Markdown is
	// rendered (false, Hugo's default, omits it).
	Unsafe bool
	// Passthrough is markup.goldmark.extensions.passthrough.enable: math
	// delimiters reach the page as written, not through Markdown's
	// escapes (Hugo 0.122 and later).
	Passthrough bool
	// Files are the configuration files read, root file first.
	Files []string
}

// HugoLanguage is one entry of [languages].
type HugoLanguage struct {
	Key          string // the table's key, lower case: "en", "pt-br"
	Title        string // the site's title in this language, "" for the site's
	LanguageCode string // languageCode (BCP 47), "" when not given
	ContentDir   string // its content folder relative to the root, "" for the site's
	Weight       int
}

// Tag is the language's BCP 47 tag: its languageCode, else its key.
func (l HugoLanguage) Tag() string {
	if l.LanguageCode != "" {
		return l.LanguageCode
	}
	return l.Key
}

// findHugoConfig returns the configuration files of a Hugo site rooted at
// dir: the root file (hugo.toml, config.toml…) and the files of
// config/_default/. A config.* file alone makes a Hugo site only beside a
// content/ folder or with keys only Hugo uses: the name is common.
func findHugoConfig(dir string) []string {
	var files []string
	for _, n := range hugoConfigNames {
		p := filepath.Join(dir, n)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			if strings.HasPrefix(n, "hugo.") || isDir(filepath.Join(dir, "content")) || looksHugo(p) {
				files = append(files, p)
			}
			break
		}
	}
	def := filepath.Join(dir, "config", "_default")
	if entries, err := os.ReadDir(def); err == nil {
		for _, e := range entries {
			if !e.IsDir() && configExt(e.Name()) != "" {
				files = append(files, filepath.Join(def, e.Name()))
			}
		}
	}
	return files
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// looksHugo reports a configuration that sets keys only Hugo reads.
func looksHugo(p string) bool {
	data, err := os.ReadFile(p)
	if err != nil {
		return false
	}
	return hugoKeys().Match(data)
}

var hugoKeys = lazy.Regexp(`(?im)(?:^|[{,])\s*"?(baseURL|defaultContentLanguage|languageCode|theme|contentDir)"?\s*[=:]`)

func configExt(name string) string {
	switch ext := strings.ToLower(path.Ext(name)); ext {
	case ".toml", ".yaml", ".yml", ".json":
		return ext
	}
	return ""
}

// openHugo reads the configuration of the Hugo site rooted at s.Root
// from files (see findHugoConfig).
func (s *Site) openHugo(files []string) error {
	merged := map[string]any{}
	var errs []error
	for _, f := range files {
		m, err := readHugoFile(f)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		mergeMissing(merged, placeSplit(f, m))
	}
	if err := diag.Join(errs...); err != nil {
		return err
	}
	s.ConfigPath = files[0]
	s.Config = hugoSiteConfig(merged)
	s.Hugo = hugoOf(merged)
	s.Hugo.Files = files
	if s.Config.Title == "" {
		s.Config.Title = s.Hugo.Languages[s.Hugo.DefaultLanguage].Title
	}
	s.Config.Lang = s.Hugo.Languages[s.Hugo.DefaultLanguage].Tag()
	return nil
}

// placeSplit puts the content of a file of config/_default/ under the key
// its name gives (params.toml holds [params]; menus.en.toml holds
// languages.en.menus); hugo.* and config.* hold the root itself.
func placeSplit(file string, m map[string]any) map[string]any {
	if filepath.Base(filepath.Dir(file)) != "_default" {
		return m
	}
	name := strings.ToLower(strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)))
	key, lang, _ := strings.Cut(name, ".")
	if key == "hugo" || key == "config" {
		return m
	}
	if lang != "" {
		return map[string]any{"languages": map[string]any{lang: map[string]any{key: m}}}
	}
	return map[string]any{key: m}
}

// mergeMissing copies into dst the values of src that dst does not have,
// mappings merged key by key: the root file wins over config/_default/.
func mergeMissing(dst, src map[string]any) {
	for k, v := range src {
		d, ok := dst[k]
		if !ok {
			dst[k] = v
			continue
		}
		dm, ok1 := d.(map[string]any)
		sm, ok2 := v.(map[string]any)
		if ok1 && ok2 {
			mergeMissing(dm, sm)
		}
	}
}

// readHugoFile reads one configuration file, keys in lower case.
func readHugoFile(file string) (map[string]any, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, &diag.Error{Path: file, Err: unwrap(err)}
	}
	m, err := DecodeData(file, data)
	if err != nil {
		return nil, err
	}
	return lowerKeys(m).(map[string]any), nil
}

// DecodeData decodes a TOML, YAML or JSON file (by its extension) into
// plain values; errors name file:line.
func DecodeData(file string, data []byte) (map[string]any, error) {
	var m map[string]any
	switch configExt(file) {
	case ".toml":
		if _, err := toml.Decode(string(data), &m); err != nil {
			var pe toml.ParseError
			if errors.As(err, &pe) {
				return nil, diag.Errorf(file, pe.Position.Line, "malformed site configuration: %s", pe.Message)
			}
			return nil, diag.Errorf(file, 0, "malformed site configuration: %v", err)
		}
	case ".json":
		if err := json.Unmarshal(data, &m); err != nil {
			line := 0
			var se *json.SyntaxError
			if errors.As(err, &se) {
				line = bytes.Count(data[:min(int(se.Offset), len(data))], []byte("\n")) + 1
			}
			return nil, diag.Errorf(file, line, "malformed site configuration: %s", strings.TrimPrefix(err.Error(), "json: "))
		}
	default:
		var root yaml.Node
		if err := yaml.Unmarshal(data, &root); err != nil {
			return nil, diag.Errorf(file, 0, "malformed site configuration: %s", strings.TrimPrefix(err.Error(), "yaml: "))
		}
		v, err := value(&root)
		if err != nil {
			return nil, diag.Errorf(file, 0, "malformed site configuration: %v", err)
		}
		m, _ = v.(map[string]any)
	}
	if m == nil {
		m = map[string]any{}
	}
	return m, nil
}

// lowerKeys writes every mapping key in lower case, as Hugo reads them;
// TOML's arrays of tables become lists of mappings.
func lowerKeys(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[strings.ToLower(k)] = lowerKeys(e)
		}
		return out
	case []map[string]any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = lowerKeys(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = lowerKeys(e)
		}
		return out
	}
	return v
}

// hugoSiteConfig fills the fields every site has from a Hugo
// configuration.
func hugoSiteConfig(m map[string]any) Config {
	cfg := emptyConfig()
	cfg.Vars = m
	str := func(k string) string { return strings.TrimSpace(Stringify(m[k])) }
	cfg.Title = str("title")
	cfg.BaseURL = str("baseurl")
	cfg.MarkdownExt = []string{"md", "markdown", "mdown"}
	return cfg
}

// hugoOf reads the Hugo-only settings.
func hugoOf(m map[string]any) *Hugo {
	str := func(v any) string { return strings.TrimSpace(Stringify(v)) }
	h := &Hugo{ContentDir: cleanDir(str(m["contentdir"]), "content")}
	h.DefaultLanguage = strings.ToLower(str(m["defaultcontentlanguage"]))
	langs, _ := m["languages"].(map[string]any)
	h.Languages = map[string]HugoLanguage{}
	for k, v := range langs {
		lm, _ := v.(map[string]any)
		l := HugoLanguage{Key: strings.ToLower(k), Title: str(lm["title"]), LanguageCode: str(lm["languagecode"])}
		if cd := str(lm["contentdir"]); cd != "" {
			l.ContentDir = cleanDir(cd, "")
		}
		fmt.Sscan(str(lm["weight"]), &l.Weight)
		h.Languages[l.Key] = l
	}
	code := str(m["languagecode"])
	if h.DefaultLanguage == "" {
		// Hugo's default is en; a site that says only languageCode = "fr"
		// writes French.
		h.DefaultLanguage = strings.ToLower(firstNonEmpty(code, "en"))
	}
	def := h.Languages[h.DefaultLanguage]
	def.Key = h.DefaultLanguage
	if def.LanguageCode == "" && code != "" && strings.EqualFold(baseTag(code), baseTag(h.DefaultLanguage)) {
		def.LanguageCode = code // languageCode = "es-ES" with defaultContentLanguage = "es"
	}
	h.Languages[h.DefaultLanguage] = def
	h.StaticDirs = append(dirList(m["staticdir"], "static"), dirList(m["assetdir"], "assets")...)
	for _, p := range anyList(m["ignorefiles"]) {
		if re, err := regexp.Compile(Stringify(p)); err == nil {
			h.IgnoreFiles = append(h.IgnoreFiles, re)
		}
	}
	h.BuildDrafts, h.BuildFuture, h.BuildExpired = truth(m["builddrafts"]), truth(m["buildfuture"]), truth(m["buildexpired"])
	h.Unsafe = truth(dig(m, "markup", "goldmark", "renderer", "unsafe"))
	h.Passthrough = truth(dig(m, "markup", "goldmark", "extensions", "passthrough", "enable"))
	return h
}

func baseTag(t string) string {
	b, _, _ := strings.Cut(strings.ReplaceAll(t, "_", "-"), "-")
	return b
}

func cleanDir(d, def string) string {
	d = strings.Trim(path.Clean("/"+filepath.ToSlash(d)), "/")
	if d == "" {
		return def
	}
	return d
}

func dirList(v any, def string) []string {
	var out []string
	for _, e := range anyList(v) {
		if d := cleanDir(Stringify(e), ""); d != "" {
			out = append(out, d)
		}
	}
	if len(out) == 0 {
		out = []string{def}
	}
	return out
}

func anyList(v any) []any {
	switch x := v.(type) {
	case []any:
		return x
	case nil:
		return nil
	}
	return []any{v}
}

func truth(v any) bool {
	b, ok := v.(bool)
	return ok && b
}

// dig follows keys through nested mappings.
func dig(m map[string]any, keys ...string) any {
	var v any = m
	for _, k := range keys {
		mm, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = mm[k]
	}
	return v
}

// LanguageKeys are the site's language keys, the default first, then by
// weight and key.
func (h *Hugo) LanguageKeys() []string {
	var keys []string
	for k := range h.Languages {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := h.Languages[keys[i]], h.Languages[keys[j]]
		if (a.Key == h.DefaultLanguage) != (b.Key == h.DefaultLanguage) {
			return a.Key == h.DefaultLanguage
		}
		if a.Weight != b.Weight {
			return a.Weight < b.Weight
		}
		return a.Key < b.Key
	})
	return keys
}

// PageLanguage is the language Hugo gives the content file at rel
// (relative to the root) by where it is: a language suffix in its name
// (post.fr.md, index.es.md) naming one of the site's languages, else the
// contentDir of a language holding it. "" when neither says: the front
// matter's lang, then the site's default language decide. from says
// which, for messages.
func (s *Site) PageLanguage(rel string) (tag, from string) {
	h := s.Hugo
	if h == nil {
		return "", ""
	}
	base := path.Base(rel)
	stem := strings.TrimSuffix(base, path.Ext(base))
	if i := strings.LastIndexByte(stem, '.'); i > 0 {
		if l, ok := h.Languages[strings.ToLower(stem[i+1:])]; ok {
			return l.Tag(), "its file name"
		}
	}
	best := ""
	for _, k := range h.LanguageKeys() {
		l := h.Languages[k]
		if l.ContentDir != "" && strings.HasPrefix(rel, l.ContentDir+"/") && len(l.ContentDir) > len(best) {
			best, tag = l.ContentDir, l.Tag()
		}
	}
	if best != "" {
		return tag, "the contentDir of its language in " + filepath.Base(s.ConfigPath)
	}
	return "", ""
}

// TitleIn is the site's title in the language tag (a Hugo site's
// [languages.xx] title), else its title.
func (s *Site) TitleIn(tag string) string {
	if s.Hugo != nil && tag != "" {
		for _, k := range s.Hugo.LanguageKeys() {
			l := s.Hugo.Languages[k]
			if l.Title != "" && (strings.EqualFold(l.Key, tag) || strings.EqualFold(l.Tag(), tag)) {
				return l.Title
			}
		}
	}
	return s.Config.Title
}

// ContentDirs are the folders, relative to the root, holding a Hugo
// site's content: the site's contentDir and each language's.
func (h *Hugo) ContentDirs() []string {
	dirs := []string{h.ContentDir}
	for _, k := range h.LanguageKeys() {
		if d := h.Languages[k].ContentDir; d != "" && !slices.Contains(dirs, d) {
			dirs = append(dirs, d)
		}
	}
	return dirs
}

// Ignored reports a content file (rel to the root) that the site's
// ignoreFiles leaves out. Hugo matches the patterns against the file's
// path; here both the path from the root and from the content folder
// are tried.
func (h *Hugo) Ignored(rel string) bool {
	cands := []string{rel}
	for _, d := range h.ContentDirs() {
		if r, ok := strings.CutPrefix(rel, d+"/"); ok {
			cands = append(cands, r)
		}
	}
	for _, re := range h.IgnoreFiles {
		for _, c := range cands {
			if re.MatchString(c) {
				return true
			}
		}
	}
	return false
}

// RootFolders are where a Hugo site keeps the file it serves at the
// site-absolute path /rel: under each static folder, then assets/ (for
// resources.Get). nil for a Jekyll site, which serves its root as it is.
func (s *Site) RootFolders(rel string) []string {
	if s.Hugo == nil {
		return nil
	}
	out := make([]string, 0, len(s.Hugo.StaticDirs))
	for _, d := range s.Hugo.StaticDirs {
		out = append(out, path.Join(d, rel))
	}
	return out
}

// hugoDefaults are what a Hugo site gives every page that does not say
// it itself: the author of its language's params, else of the site's
// params (Hugo themes' .Site.Params.author), as a Jekyll site's defaults
// would.
func (s *Site) hugoDefaults(rel string) map[string]any {
	out := map[string]any{}
	for _, pm := range s.HugoParams(rel) {
		for _, k := range []string{"author", "authors"} {
			if v, ok := pm[k]; ok && out["author"] == nil {
				out["author"] = v
			}
		}
	}
	return out
}

// HugoParams are the params the page at rel sees as .Site.Params, most
// specific first: its language's ([languages.fr.params]), then the
// site's.
func (s *Site) HugoParams(rel string) []map[string]any {
	var out []map[string]any
	if s.Hugo == nil {
		return nil
	}
	if tag, _ := s.PageLanguage(rel); tag != "" {
		for _, k := range s.Hugo.LanguageKeys() {
			if s.Hugo.Languages[k].Tag() == tag {
				if pm, ok := dig(s.Config.Vars, "languages", k, "params").(map[string]any); ok {
					out = append(out, pm)
				}
			}
		}
	}
	if pm, ok := s.Config.Vars["params"].(map[string]any); ok {
		out = append(out, pm)
	}
	return out
}

// TaglineIn is a Hugo site's description in the language tag (its
// [languages.xx] description or params.description, else the site's),
// which assemble offers as the masthead's tagline; "" for a Jekyll site,
// whose description is left to the editor.
func (s *Site) TaglineIn(tag string) string {
	if s.Hugo == nil {
		return ""
	}
	var scopes []map[string]any
	for _, k := range s.Hugo.LanguageKeys() {
		l := s.Hugo.Languages[k]
		if tag != "" && (strings.EqualFold(l.Key, tag) || strings.EqualFold(l.Tag(), tag)) {
			if lm, ok := dig(s.Config.Vars, "languages", k).(map[string]any); ok {
				scopes = append(scopes, lm)
			}
		}
	}
	scopes = append(scopes, s.Config.Vars)
	for _, m := range scopes {
		for _, v := range []any{m["description"], dig(m, "params", "description")} {
			if d := strings.Join(strings.Fields(Stringify(v)), " "); d != "" {
				return d
			}
		}
	}
	return ""
}
