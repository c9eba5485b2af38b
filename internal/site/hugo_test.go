package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hugoSite writes name -> content under a new folder.
func hugoSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestHugoConfig finds and reads a Hugo site's configuration as Hugo
// does: one file (hugo.* before config.*, in TOML, YAML or JSON), or
// config/_default/ with its split files, keys in any case.
func TestHugoConfig(t *testing.T) {
	tests := []struct {
		name        string
		files       map[string]string
		title       string
		lang        string // the default language's tag
		baseURL     string
		langs       string // language keys in order, with title and contentDir
		unsafe      bool
		staticDirs  string
		contentDirs string
	}{
		{name: "hugo.toml", files: map[string]string{
			"hugo.toml": "title = \"A Hugo Site\"\nbaseURL = \"https://example.org/\"\nlanguageCode = \"en-GB\"\n",
			"content/x": ""},
			title: "A Hugo Site", lang: "en-GB", baseURL: "https://example.org/", langs: "en-gb:",
			staticDirs: "static assets", contentDirs: "content"},
		{name: "config.yaml beside content", files: map[string]string{
			"config.yaml": "title: YAML Site\nlanguageCode: fr\nstaticDir: [static, files]\nmarkup:\n  goldmark:\n    renderer:\n      unsafe: true\n",
			"content/x":   ""},
			title: "YAML Site", lang: "fr", langs: "fr:", unsafe: true, staticDirs: "static files assets", contentDirs: "content"},
		{name: "config.json", files: map[string]string{
			"config.json": `{"title": "JSON Site", "contentDir": "pages", "defaultContentLanguage": "de"}`,
			"pages/x":     ""},
			title: "JSON Site", lang: "de", langs: "de:", staticDirs: "static assets", contentDirs: "pages"},
		{name: "hugo.toml wins over config.toml", files: map[string]string{
			"hugo.toml": "title = \"New\"\n", "config.toml": "title = \"Old\"\n"},
			title: "New", lang: "en", langs: "en:", staticDirs: "static assets", contentDirs: "content"},
		{name: "split config/_default", files: map[string]string{
			"config/_default/hugo.toml":      "baseURL = \"https://split.example/\"\ndefaultContentLanguage = \"es\"\n",
			"config/_default/languages.toml": "[es]\ntitle = \"El Sitio\"\nweight = 1\n[en]\ntitle = \"The Site\"\ncontentDir = \"content/english\"\nweight = 2\n",
			"config/_default/params.toml":    "author = \"Ana\"\n",
			"config/_default/markup.yaml":    "goldmark:\n  renderer:\n    unsafe: true\n",
			"config/_default/menus.en.toml":  "[[main]]\nname = \"Home\"\n"},
			title: "El Sitio", lang: "es", baseURL: "https://split.example/", langs: "es:El Sitio en:The Site:content/english",
			unsafe: true, staticDirs: "static assets", contentDirs: "content content/english"},
		{name: "multilingual with capitals", files: map[string]string{
			"config.toml": "languageCode = \"es-ES\"\nDefaultContentLanguage = \"es\"\n[Languages]\n[Languages.en]\ntitle = \"The Chest\"\n[Languages.es]\ntitle = \"El Baúl\"\n",
			"content/x":   ""},
			title: "El Baúl", lang: "es-ES", langs: "es:El Baúl en:The Chest", staticDirs: "static assets", contentDirs: "content"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := hugoSite(t, tc.files)
			root, ok := Find(filepath.Join(dir, "content"))
			if !ok || root != mustAbs(t, dir) {
				t.Fatalf("Find = %q, %v; want %q", root, ok, dir)
			}
			s, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			if s.Hugo == nil {
				t.Fatal("not read as a Hugo site")
			}
			if s.Config.Title != tc.title || s.Config.Lang != tc.lang || s.Config.BaseURL != tc.baseURL || s.Hugo.Unsafe != tc.unsafe {
				t.Errorf("title %q lang %q baseURL %q unsafe %v", s.Config.Title, s.Config.Lang, s.Config.BaseURL, s.Hugo.Unsafe)
			}
			var langs []string
			for _, k := range s.Hugo.LanguageKeys() {
				l := s.Hugo.Languages[k]
				e := k + ":" + l.Title
				if l.ContentDir != "" {
					e += ":" + l.ContentDir
				}
				langs = append(langs, e)
			}
			if got := strings.Join(langs, " "); got != tc.langs {
				t.Errorf("languages %q, want %q", got, tc.langs)
			}
			if got := strings.Join(s.Hugo.StaticDirs, " "); got != tc.staticDirs {
				t.Errorf("static dirs %q, want %q", got, tc.staticDirs)
			}
			if got := strings.Join(s.Hugo.ContentDirs(), " "); got != tc.contentDirs {
				t.Errorf("content dirs %q, want %q", got, tc.contentDirs)
			}
		})
	}
}

func mustAbs(t *testing.T, p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestHugoNotASite: a config.* file alone, without content/ or Hugo's
// keys, is some other tool's configuration.
func TestHugoNotASite(t *testing.T) {
	dir := hugoSite(t, map[string]string{"config.json": `{"lint": true}`})
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if s.Hugo != nil {
		t.Error("config.json of another tool read as a Hugo site")
	}
}

// TestHugoConfigErrors: a broken configuration names file:line.
func TestHugoConfigErrors(t *testing.T) {
	tests := []struct{ file, data, want string }{
		{"hugo.toml", "title = \"x\"\nbaseURL = \n", "hugo.toml:2: malformed site configuration"},
		{"hugo.json", "{\n\"title\": \"x\",\n}\n", "hugo.json:3: malformed site configuration"},
		{"hugo.yaml", "title: x\n  bad: [\n", "hugo.yaml"},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			dir := hugoSite(t, map[string]string{tc.file: tc.data})
			_, err := Open(dir)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
		})
	}
}

// TestPageLanguage: Hugo's rules for a content file's language.
func TestPageLanguage(t *testing.T) {
	dir := hugoSite(t, map[string]string{
		"hugo.toml": "defaultContentLanguage = \"en\"\n[params]\nauthor = \"Site Author\"\ndescription = \"The  site\"\n[languages.en]\ntitle = \"E\"\n[languages.fr]\ncontentDir = \"content/fr\"\nlanguageCode = \"fr-CA\"\n[languages.fr.params]\nauthor = \"Auteur\"\ndescription = \"Le site\"\n[languages.pt-br]\ntitle = \"P\"\n",
	})
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ rel, tag string }{
		{"content/post/a.md", ""},                  // front matter, then the default decide
		{"content/post/a.fr.md", "fr-CA"},          // suffix, the language's languageCode
		{"content/post/b/index.pt-br.md", "pt-br"}, // suffix, the key
		{"content/post/a.de.md", ""},               // not a language of the site
		{"content/fr/post/a.md", "fr-CA"},          // the language's contentDir
		{"content/fr/post/a.en.md", "en"},          // the suffix wins
	}
	for _, tc := range tests {
		if got, _ := s.PageLanguage(tc.rel); got != tc.tag {
			t.Errorf("PageLanguage(%q) = %q, want %q", tc.rel, got, tc.tag)
		}
	}
	if got, _ := s.Language("content/post/a.md"); got != "en" {
		t.Errorf("default language %q, want en", got)
	}
	if got := s.TitleIn("pt-BR"); got != "P" {
		t.Errorf("TitleIn(pt-BR) = %q", got)
	}
	if got, want := s.TaglineIn("fr-CA"), "Le site"; got != want {
		t.Errorf("TaglineIn(fr-CA) = %q, want %q", got, want)
	}
	if got, want := s.TaglineIn("en"), "The site"; got != want {
		t.Errorf("TaglineIn(en) = %q, want %q", got, want)
	}
	if got := s.Defaults("content/post/a.md")["author"]; got != "Site Author" {
		t.Errorf("default author %v, want the site's params.author", got)
	}
	if got := s.Defaults("content/post/a.fr.md")["author"]; got != "Auteur" {
		t.Errorf("French default author %v, want the French params.author", got)
	}
}

// TestHugoShortcodeTemplate runs a site's shortcode templates.
func TestHugoShortcodeTemplate(t *testing.T) {
	dir := hugoSite(t, map[string]string{
		"hugo.toml":                             "theme = \"t\"\n[params]\nsiteword = \"site\"\n",
		"layouts/shortcodes/box.html":           `<div>{{ .Get "title" }}|{{ .Get 0 }}|{{ with .Get "missing" }}x{{ else }}none{{ end }}|{{ .Inner }}</div>`,
		"themes/t/layouts/shortcodes/word.html": `{{ range .Params }}[{{ . }}]{{ end }} {{ .Site.Params.siteword }} {{ .Page.Params.pageword }}`,
		"layouts/shortcodes/md.html":            `{{ .Inner | markdownify }}`,
		"layouts/shortcodes/partial.html":       `{{ partial "x" . }}`,
		"layouts/shortcodes/fails.html":         `{{ index .Params 5 }}`,
		"layouts/shortcodes/notice.html": "{{ $type := .Get 0 }}{{ $class := \"info\" }}{{ if in (slice \"tip\" \"hint\") $type }}{{ $class = \"tip\" }}{{ end }}" +
			"<div class=\"notice {{ $class }}\"><p>{{ $type | title }}</p>{{ if len .Params | eq 2 }}<p>{{ .Get 1 }}</p>{{ end }}{{ .Inner | markdownify }}</div>",
	})
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		call    ShortcodeCall
		want    string
		wantErr string
	}{
		{ShortcodeCall{Name: "box", Named: map[string]string{"title": "T & U"}, Inner: "in"}, `<div>T &amp; U||none|in</div>`, ""},
		{ShortcodeCall{Name: "box", Positional: []string{"p0"}}, `<div>|p0|none|</div>`, ""},
		{ShortcodeCall{Name: "word", Positional: []string{"a", "b"}, Page: map[string]any{"pageword": "page"}}, `[a][b] site page`, ""},
		{ShortcodeCall{Name: "md", Inner: "Some *text*."}, `Some <em>text</em>.`, ""},
		{ShortcodeCall{Name: "notice", Positional: []string{"hint", "second"}, Inner: "Do *this*."}, `<div class="notice tip"><p>Hint</p><p>second</p>Do <em>this</em>.</div>`, ""},
		{ShortcodeCall{Name: "partial"}, "", "uses more than edition evaluates"},
		{ShortcodeCall{Name: "fails", Positional: []string{"a"}}, "", "could not run"},
		{ShortcodeCall{Name: "none"}, "", "has no template"},
		{ShortcodeCall{Name: "../escape"}, "", "has no template"},
	}
	for _, tc := range tests {
		got, err := s.Shortcode(tc.call)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("%s: error %v, want %q", tc.call.Name, err, tc.wantErr)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s: got %q, %v; want %q", tc.call.Name, got, err, tc.want)
		}
	}
}
