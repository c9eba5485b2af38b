package edition

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/manifest"
)

const frenchText = "Le texte de cet article est écrit en français, et il est assez long pour que la langue soit reconnue par les mots les plus fréquents de la langue qui sont dans la liste."

// TestLanguageSources: the front matter's lang, else the site's defaults
// for the folder, else the site's lang, else the manifest's; a post whose
// text reads as another language than the one assumed is warned about.
func TestLanguageSources(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"_config.yml":    "lang: de\ndefaults:\n  - scope: {path: fr}\n    values: {lang: fr}\n  - scope: {path: fr/quebec}\n    values: {lang: fr-CA}\n",
		"fr/a.md":        "---\ntitle: A\ndate: 2026-01-01\n---\n" + frenchText + "\n",
		"fr/quebec/b.md": "---\ntitle: B\ndate: 2026-01-01\n---\n" + frenchText + "\n",
		"fr/c.md":        "---\ntitle: C\ndate: 2026-01-01\nlang: es\n---\n" + frenchText + "\n",
		"d.md":           "---\ntitle: D\ndate: 2026-01-01\n---\nKurz.\n",
		"e.md":           "---\ntitle: E\n---\n" + frenchText + "\n",
	})
	langs := map[string]string{}
	build := func(mdir string) []diag.Warning {
		m, err := manifest.Parse(filepath.Join(dir, mdir, "edition.yaml"),
			[]byte("publication: P\ndate: 2026-02-01\nlanguage: en\nposts: [fr/a.md, fr/quebec/b.md, fr/c.md, d.md, e.md]\n"))
		if err != nil {
			t.Fatal(err)
		}
		var log diag.Log
		ed, err := Build(m, &log, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range ed.Sections[0].Articles {
			langs[filepath.Base(a.Source)] = a.Language
			if a.Title == "E" && !a.Date.Equal(time.Time{}) {
				t.Errorf("an undated post was given the date %v", a.Date)
			}
		}
		return log.Warnings()
	}
	ws := build(".")
	want := map[string]string{"a.md": "fr", "b.md": "fr-CA", "c.md": "es", "d.md": "de", "e.md": "de"}
	for k, v := range want {
		if langs[k] != v {
			t.Errorf("%s: language %q, want %q", k, langs[k], v)
		}
	}
	var got []string
	for _, w := range ws {
		got = append(got, filepath.ToSlash(w.String()))
	}
	all := strings.Join(got, "\n")
	for _, w := range []string{
		`fr/c.md:1: the text reads as French, but its language is "es" (from its front matter); set lang: fr`,
		`e.md:1: the text reads as French, but its language is "de" (from ` + "_config.yml)",
		"e.md:1: no date in front matter or file name; printed without a date",
	} {
		if !strings.Contains(all, w) {
			t.Errorf("no warning %q in\n%s", w, all)
		}
	}
	for _, quiet := range []string{"fr/a.md:1: the text", "b.md:1: the text", "d.md:1: the text"} {
		if strings.Contains(all, quiet) {
			t.Errorf("unexpected warning %q in\n%s", quiet, all)
		}
	}
}

// TestUndeclaredLanguage: where neither a post nor its site declares a
// language, a post that reads clearly as another language than the
// edition's is set in the language it reads as, with a warning (a Dutch
// site that declares none was hyphenated with English patterns,
// "richtli-jnen"); a declared language is never overridden.
func TestUndeclaredLanguage(t *testing.T) {
	dir := t.TempDir()
	nl := "De gemeente heeft nieuwe richtlijnen voor digitaal toegankelijke informatie. Het is de bedoeling dat alle websites van de gemeente voor iedereen bruikbaar zijn, ook voor mensen met een beperking."
	writeTree(t, dir, map[string]string{
		"_config.yml": "title: Blog\n",
		"nl.md":       "---\ntitle: Richtlijnen\ndate: 2026-01-01\n---\n" + nl + "\n",
		"nl-en.md":    "---\ntitle: Declared\ndate: 2026-01-01\nlang: en\n---\n" + nl + "\n",
		"fr.md":       "---\ntitle: F\ndate: 2026-01-01\n---\n" + frenchText + "\n",
		// read from the source: the heading, list, code and link
		// destination around the French text are not counted
		"fr-title.md": "---\ntitle: '\"Le titre\"'\ndate: 2026-01-01\n---\n# The heading of the post\n\n" +
			"- the list of the things and the words\n\n```\nthe code of the one and the other\n```\n\n" +
			"[Le texte](http://example.com/the-and-of-the-in-the) " + frenchText[len("Le texte "):] + "\n",
	})
	m, err := manifest.Parse(filepath.Join(dir, "edition.yaml"),
		[]byte("publication: P\ndate: 2026-02-01\nlanguage: en\nposts: [nl.md, nl-en.md, fr.md, fr-title.md]\n"))
	if err != nil {
		t.Fatal(err)
	}
	var log diag.Log
	ed, err := Build(m, &log, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"nl.md": "nl", "nl-en.md": "en", "fr.md": "fr", "fr-title.md": "fr"}
	for _, a := range ed.Sections[0].Articles {
		if k := filepath.Base(a.Source); a.Language != want[k] {
			t.Errorf("%s: language %q, want %q", k, a.Language, want[k])
		}
		// the title is set in the language guessed: French quotation marks
		if k := filepath.Base(a.Source); k == "fr-title.md" && !strings.HasPrefix(a.Title, "«") {
			t.Errorf("%s: title %q, want it in French quotation marks", k, a.Title)
		}
	}
	var all []string
	for _, w := range log.Warnings() {
		all = append(all, w.String())
	}
	got := strings.Join(all, "\n")
	for _, w := range []string{"nl.md:1: the text reads as Dutch and neither the post nor the site declares a language: set in Dutch",
		`nl-en.md:1: the text reads as Dutch, but its language is "en" (from its front matter)`} {
		if !strings.Contains(got, w) {
			t.Errorf("no warning %q in\n%s", w, got)
		}
	}
}
