package edition

import (
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/biblio"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/testenv"
)

// sharedBibs is what a reader finds in the real posts of ../shared,
// labelled by hand: the title of each post's bibliography, or "" for a
// post whose last section looks like one by its title but is not (prose,
// tool links, troubleshooting tips). Posts not listed have no section a
// reader would take for a bibliography, except the debatable ones in
// sharedDebatable.
var sharedBibs = map[string]map[string]string{
	"lessons/programminghistorian": {
		"en/building-static-sites-with-jekyll-github-pages.md":   "Further reading",
		"en/downloading-multiple-records-using-query-strings.md": "Further Reading",
		"en/intro-to-linked-data.md":                             "Further reading and resources",
		"en/introduction-to-ffmpeg.md":                           "References",
		"en/preserving-your-research-data.md":                    "Further Reading",
		"en/sentiment-analysis.md":                               "Works Cited",
		"en/text-mining-with-extracted-features.md":              "References",
		"en/topic-modeling-and-mallet.md":                        "Further Reading about Topic Modeling",
		"es/analisis-de-sentimientos-r.md":                       "Referencias",
		"es/contar-frecuencias.md":                               "Lecturas sugeridas",
		"es/crear-y-ver-archivos-html-con-python.md":             "Lecturas sugeridas",
		"es/preservar-datos-de-investigacion.md":                 "Lecturas recomendadas",
		"es/sitios-estaticos-con-jekyll-y-github-pages.md":       "Lecturas",
		"fr/analyse-de-documents-avec-tfidf.md":                  "Références et lectures supplémentaires",
		"fr/detecter-la-reutilisation-de-texte-avec-passim.md":   "Bibliographie",
		"fr/intro-aux-bots-twitter.md":                           "Références",
		"fr/introduction-a-heurist.md":                           "Ressources utiles",
		"fr/manipuler-chaines-caracteres-python.md":              "Bibliographie",
		"pt/HTML-lista-palavras-2.md":                            "Leituras Sugeridas",
		"pt/analise-sentimento-exploracao-dados.md":              "Referências",
		"pt/criacao-visualizacao-ficheiros-html-python.md":       "Leituras Sugeridas",
		"pt/introducao-mysql-r.md":                               "Referências",
		"pt/preservar-os-seus-dados-de-investigacao.md":          "Leituras adicionais",
		"pt/saida-dados-ficheiro-html-python.md":                 "Leituras Sugeridas",
		// Not bibliographies: a summary of the lesson in prose, then three
		// course links ("Further Reading and Resources"); links to games and
		// tools ("Resources"); documentation links ("Further Resources");
		// troubleshooting tips with a book list inside ("Additional
		// Resources"); prose ("Useful Resources", "Ressources utiles",
		// "Recursos úteis", "Lectures et ressources additionnelles");
		// annotated links to tutorials ("Recursos adicionales en español").
		"en/computer-vision-deep-learning-pt2.md":                              "",
		"en/interactive-text-games-using-twine.md":                             "",
		"en/visualizing-with-bokeh.md":                                         "",
		"en/creating-guis-in-python-for-digital-humanities-projects.md":        "",
		"en/jupyter-notebooks.md":                                              "",
		"en/sustainable-authorship-in-plain-text-using-pandoc-and-markdown.md": "",
		"fr/redaction-durable-avec-pandoc-et-markdown.md":                      "",
		"fr/introduction-a-la-stylometrie-avec-python.md":                      "",
		"es/administracion-de-datos-en-r.md":                                   "",
		"pt/autoria-sustentavel-texto-simples-pandoc-markdown.md":              "",
	},
	"corpus": {
		"mdlincoln-mdlincoln.github.io/2013-10-24-mira-calligraphiae-monumenta.md":    "References",
		"mdlincoln-mdlincoln.github.io/2014-04-02-marvelous-mechanical-bodies.md":     "References",
		"mdlincoln-mdlincoln.github.io/2014-07-10-sparql-for-humanists.md":            "Further reading",
		"mdlincoln-mdlincoln.github.io/2021-06-07-labor-behind-dh-data-complexity.md": "References and Related Works",
		"unm-historiography-metahistory/21st-century-gender.md":                       "Bibliography",
		"unm-historiography-metahistory/Historiography-of-the-Third-Reich.md":         "Bibliography",
		"unm-historiography-metahistory/Marxist-Historiography.md":                    "Bibliography",
		"unm-historiography-metahistory/The-Dunning-School-of-Thought.md":             "Bibliography",
		"unm-historiography-metahistory/annales-school.md":                            "Bibliography", // untitled
		"unm-historiography-metahistory/anthropology.md":                              "References",
		"unm-historiography-metahistory/archival-theory.md":                           "Bibliography",
		"unm-historiography-metahistory/bede.md":                                      "Bibliography",
		"unm-historiography-metahistory/bible.md":                                     "Bibliography",
		"unm-historiography-metahistory/chinese-historiography.md":                    "Bibliography",
		"unm-historiography-metahistory/donnie.md":                                    "Sources",
		"unm-historiography-metahistory/early-feminist-history.md":                    "Bibliography",
		"unm-historiography-metahistory/early-soviet-historiography.md":               "Bibliography",
		"unm-historiography-metahistory/enlightenment.md":                             "Bibliography",
		"unm-historiography-metahistory/fernand-braudel.md":                           "Bibliography",
		"unm-historiography-metahistory/film.md":                                      "Bibliography",
		"unm-historiography-metahistory/historical-fiction.md":                        "References",
		"unm-historiography-metahistory/historiography-of-elizabethi.md":              "Works Cited",
		"unm-historiography-metahistory/history-wars.md":                              "Sources",
		"unm-historiography-metahistory/max-weber.md":                                 "Bibliography",
		"unm-historiography-metahistory/medieval-islamic-historiography.md":           "Works Cited",
		"unm-historiography-metahistory/modern-medicine.md":                           "Sources",
		"unm-historiography-metahistory/myth-and-history.md":                          "Works Cited",
		"unm-historiography-metahistory/oral-history.md":                              "Work Cited",
		"unm-historiography-metahistory/polybius.md":                                  "Bibliography",
		"unm-historiography-metahistory/postcolonialism.md":                           "Sources",
		"unm-historiography-metahistory/professionalization.md":                       "Works Cited",
		"unm-historiography-metahistory/reforming-history.md":                         "Works Cited",
		"unm-historiography-metahistory/rwandaanuntoldstory.md":                       "Bibliography",
		"unm-historiography-metahistory/the-study-of-witches.md":                      "Bibliography",
		"unm-historiography-metahistory/time-in-history.md":                           "Bibliography",
		"unm-historiography-metahistory/universal-histories.md":                       "Works Cited",
		"unm-historiography-metahistory/why-historiography.md":                        "References",
		// A footnote list written by hand ("FOOTNOTES", "[^1] …" with no
		// colon): notes, not a bibliography.
		"unm-historiography-metahistory/marxism.md": "",
		// Prose about four books, not a list of them.
		"unm-historiography-metahistory/WWII.md": "",
	},
}

// sharedDebatable are sections a reader might or might not call a
// bibliography; either answer passes. Both are one sentence pointing to
// a manual or a book chapter under "Further Reading"/"Lecturas
// sugeridas"; they are not detected (the sentence reads as prose).
var sharedDebatable = map[string]bool{
	"en/automated-downloading-with-wget.md": true,
	"es/normalizar-datos.md":                true,
}

// TestSharedBibliographies builds every post of ../shared/lessons and
// ../shared/corpus alone and compares the bibliographies found with the
// hand-made labels; it also checks that no notes heading is left empty.
func TestSharedBibliographies(t *testing.T) {
	for _, folder := range []string{"lessons/programminghistorian", "corpus"} {
		t.Run(folder, func(t *testing.T) {
			root := testenv.Shared(t, folder)
			files, _ := filepath.Glob(filepath.Join(root, "*", "*.md"))
			more, _ := filepath.Glob(filepath.Join(root, "*", "*.markdown"))
			files = append(files, more...)
			sort.Strings(files)
			want := sharedBibs[folder]
			found, posts := 0, 0
			for _, f := range files {
				rel, _ := filepath.Rel(root, f)
				rel = filepath.ToSlash(rel)
				if filepath.Base(rel) == "SOURCE.md" {
					continue
				}
				posts++
				ed, _, err := buildOne(t, root, rel)
				if err != nil {
					t.Errorf("%s: %v", rel, err)
					continue
				}
				a := ed.Sections[0].Articles[0]
				got := ""
				if a.Bibliography != nil {
					got = a.Bibliography.Title
					found++
				}
				if w, ok := want[rel]; ok && got != w {
					t.Errorf("%s: bibliography %q, want %q", rel, got, w)
				} else if !ok && got != "" && !sharedDebatable[rel] {
					t.Errorf("%s: bibliography %q found in a post labelled as having none", rel, got)
				}
				checkNoEmptyNotesHeading(t, rel, a)
			}
			labelled := 0
			for _, w := range want {
				if w != "" {
					labelled++
				}
			}
			t.Logf("%s: %d bibliographies found in %d posts; %d labelled", folder, found, posts, labelled)
			if found < labelled {
				t.Errorf("%d bibliographies found, want at least %d", found, labelled)
			}
		})
	}
}

// checkNoEmptyNotesHeading fails for a notes heading (Notes, Endnotes,
// Fußnoten…) with nothing under it.
func checkNoEmptyNotesHeading(t *testing.T, rel string, a *model.Article) {
	t.Helper()
	for _, b := range biblio.EmptyNotesTitles(a.Blocks) {
		title, _ := biblio.NotesTitle(b)
		t.Errorf("%s: notes heading %q left empty", rel, strings.TrimSpace(model.PlainText(title)))
	}
}
