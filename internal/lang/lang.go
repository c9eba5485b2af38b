// Package lang holds what edition knows about each language it sets: its
// quotation marks and spacing, the minimum fragments a hyphen may leave,
// the stop words that recognise it, and every word the program prints
// itself (bylines, headings, jump lines, dates).
//
// It is data, not code: supporting a language means adding a row to
// table (and, for hyphenation, a pattern file to package hyph). Renderers
// never branch on a language tag; they look its row up here.
package lang

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// Language is one row of the table.
type Language struct {
	// Tag is the BCP 47 tag of the row, e.g. "fr" or "pt-BR".
	Tag string
	// Name is the language's name in English, for messages.
	Name string

	// Quotes are the primary and secondary quotation marks.
	Quotes Quotes
	// QuoteSpace is put inside primary quotes, between the mark and the
	// text (a narrow no-break space for French); "" for none.
	QuoteSpace string
	// SpaceBefore lists punctuation that takes PunctSpace before it
	// (French ; : ! ?); "" for none.
	SpaceBefore string
	// PunctSpace is the space put before SpaceBefore's marks.
	PunctSpace string

	// LeftHyphenMin and RightHyphenMin are the fewest letters a hyphen
	// may leave before and after it (TeX's \lefthyphenmin and
	// \righthyphenmin, as hyph-utf8 lists them for the language).
	LeftHyphenMin, RightHyphenMin int

	// StopWords are frequent short words of the language, lower-case,
	// for recognising text written in it (Guess).
	StopWords []string

	// Words are the words the program prints itself.
	Words Words
	// Months are the names of the months, January first, as they appear
	// inside a date.
	Months [12]string
	// DateFormat lays out a long date: {d} the day, {month} the month's
	// name, {yyyy} the year.
	DateFormat string
	// Days are the names of the days of the week, Sunday first (Go's
	// time.Weekday order), as they appear before a date.
	Days [7]string
	// DayDateFormat lays out a date with its day, as a masthead gives
	// it: {day} the day's name, {date} the long date.
	DayDateFormat string
}

// Quotes are a language's quotation marks.
type Quotes struct {
	Open, Close           string // primary: “ ”, „ “, « »
	InnerOpen, InnerClose string // secondary, for quotes inside quotes
}

// Words are the words printed around the content, in one language.
// Fields holding %d take a page number.
type Words struct {
	By                string // before authors' names: "By"
	And               string // between the last two names: "and"
	EditedBy          string // before the editors' names
	Notes             string // heading of an article's notes
	Bibliography      string // heading of a bibliography with no title of its own
	Contents          string // the contents page and its bookmark
	InThisIssue       string // the front page's contents box
	Continued         string // a footnote continued in the next column
	ContinuedOnPage   string // jump line at the break of an article: "Continued on page %d"
	ContinuedFromPage string // jump line where it resumes: "Continued from page %d"
	Page              string // "Page"
	Volume            string // abbreviation before a volume number
	Number            string // abbreviation before an issue number
	Figure            string // an image with no text alternative
	BackToText        string // label of a note's link back to its reference
	BackToReference   string // label of a link back to the %dth reference to a note
	TitlePage         string // the EPUB's title page (masthead), for navigation
	Cover             string // the cover, for navigation
	CoverOf           string // the cover image's text alternative: "Cover of %s", the title
	Landmarks         string // heading of the EPUB's (hidden) landmarks list
	StartOfContent    string // the landmark of the first article
	// AccessSummary and AccessSummaryImages describe the EPUB for
	// readers who need to know how accessible it is (its
	// schema:accessibilitySummary); the second is added when it has
	// images.
	AccessSummary       string
	AccessSummaryImages string
	// AccessSummaryNoAlt replaces AccessSummaryImages when images lack
	// a text alternative: "%d of the %d images have…" (missing, all).
	AccessSummaryNoAlt string
	// AccessSummaryPages is added when the EPUB marks the print
	// edition's pages.
	AccessSummaryPages string
	Pages              string // heading of the EPUB's list of print pages
}

// table is every supported language. Tags are lower-case; regional rows
// ("pt-br") come before nothing in particular: Lookup tries the full tag,
// then its primary subtag.
var table = []*Language{
	{
		Tag: "en", Name: "English",
		Quotes:        Quotes{"“", "”", "‘", "’"},
		LeftHyphenMin: 2, RightHyphenMin: 3,
		StopWords: strings.Fields("the and of to in is that it was for on are with as this by be at from have not or which but"),
		Words: Words{
			By: "By", And: "and", EditedBy: "Edited by", Notes: "Notes", Bibliography: "Bibliography",
			Contents: "Contents", InThisIssue: "In this issue", Continued: "continued",
			ContinuedOnPage: "Continued on page %d", ContinuedFromPage: "Continued from page %d",
			Page: "Page", Volume: "Vol.", Number: "No.", Figure: "Figure", BackToText: "Back to the text",
			BackToReference: "Back to reference %d", TitlePage: "Title page", Cover: "Cover", CoverOf: "Cover of %s",
			Landmarks: "Landmarks", StartOfContent: "Start of content",
			AccessSummary:       "Text with headings, a navigable table of contents, and footnotes linked to and from their references.",
			AccessSummaryImages: "Every image has a text alternative; captions are given as text.",
			AccessSummaryNoAlt:  "Images without a text alternative: %d of %d.",
			AccessSummaryPages:  "The page numbers of the print edition are marked in the text and listed.",
			Pages:               "Pages",
		},
		Months:        [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		DateFormat:    "{d} {month} {yyyy}",
		Days:          [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
		DayDateFormat: "{day}, {date}",
	},
	{
		Tag: "de", Name: "German",
		Quotes:        Quotes{"„", "“", "‚", "‘"},
		LeftHyphenMin: 2, RightHyphenMin: 2,
		StopWords: strings.Fields("der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat dass"),
		Words: Words{
			By: "Von", And: "und", EditedBy: "Herausgegeben von", Notes: "Anmerkungen", Bibliography: "Literatur",
			Contents: "Inhalt", InThisIssue: "In dieser Ausgabe", Continued: "Fortsetzung",
			ContinuedOnPage: "Fortsetzung auf Seite %d", ContinuedFromPage: "Fortsetzung von Seite %d",
			Page: "Seite", Volume: "Jg.", Number: "Nr.", Figure: "Abbildung", BackToText: "Zurück zum Text",
			BackToReference: "Zurück zur Verweisstelle %d", TitlePage: "Titelseite", Cover: "Umschlag", CoverOf: "Umschlag von %s",
			Landmarks: "Orientierungspunkte", StartOfContent: "Beginn des Inhalts",
			AccessSummary:       "Text mit Überschriften, einem navigierbaren Inhaltsverzeichnis und Fußnoten, die mit ihren Verweisstellen in beide Richtungen verknüpft sind.",
			AccessSummaryImages: "Jedes Bild hat eine Textalternative; Bildunterschriften sind als Text gegeben.",
			AccessSummaryNoAlt:  "Bilder ohne Textalternative: %d von %d.",
			AccessSummaryPages:  "Die Seitenzahlen der gedruckten Ausgabe sind im Text markiert und aufgelistet.",
			Pages:               "Seiten",
		},
		Months:        [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
		DateFormat:    "{d}. {month} {yyyy}",
		Days:          [7]string{"Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"},
		DayDateFormat: "{day}, {date}",
	},
	{
		Tag: "fr", Name: "French",
		Quotes:     Quotes{"«", "»", "“", "”"},
		QuoteSpace: "\u202F", SpaceBefore: ";:!?", PunctSpace: "\u202F",
		LeftHyphenMin: 2, RightHyphenMin: 3,
		StopWords: strings.Fields("le la les de des du et en un une est que qui dans pour pas sur au ce il elle ne se plus par avec sont"),
		Words: Words{
			By: "Par", And: "et", EditedBy: "Sous la direction de", Notes: "Notes", Bibliography: "Bibliographie",
			Contents: "Sommaire", InThisIssue: "Dans ce numéro", Continued: "suite",
			ContinuedOnPage: "Suite page %d", ContinuedFromPage: "Suite de la page %d",
			Page: "Page", Volume: "Vol.", Number: "n°", Figure: "Figure", BackToText: "Retour au texte",
			BackToReference: "Retour à l’appel %d", TitlePage: "Page de titre", Cover: "Couverture", CoverOf: "Couverture de %s",
			Landmarks: "Repères", StartOfContent: "Début du contenu",
			AccessSummary:       "Texte avec intertitres, table des matières navigable et notes liées à leurs appels dans les deux sens.",
			AccessSummaryImages: "Chaque image a une alternative textuelle\u202F; les légendes sont données sous forme de texte.",
			AccessSummaryNoAlt:  "Images sans alternative textuelle\u202F: %d sur %d.",
			AccessSummaryPages:  "Les numéros de page de l’édition imprimée sont marqués dans le texte et listés.",
			Pages:               "Pages",
		},
		Months:        [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		DateFormat:    "{d} {month} {yyyy}",
		Days:          [7]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"},
		DayDateFormat: "{day} {date}",
	},
	{
		Tag: "es", Name: "Spanish",
		Quotes:        Quotes{"«", "»", "“", "”"},
		LeftHyphenMin: 2, RightHyphenMin: 2,
		StopWords: strings.Fields("el la los las de del y en un una que es por con para se no al lo como más pero sus su le"),
		Words: Words{
			By: "Por", And: "y", EditedBy: "Edición de", Notes: "Notas", Bibliography: "Bibliografía",
			Contents: "Índice", InThisIssue: "En este número", Continued: "continuación",
			ContinuedOnPage: "Continúa en la página %d", ContinuedFromPage: "Viene de la página %d",
			Page: "Página", Volume: "Vol.", Number: "N.º", Figure: "Figura", BackToText: "Volver al texto",
			BackToReference: "Volver a la llamada %d", TitlePage: "Portada", Cover: "Cubierta", CoverOf: "Cubierta de %s",
			Landmarks: "Puntos de referencia", StartOfContent: "Inicio del contenido",
			AccessSummary:       "Texto con encabezados, un índice navegable y notas enlazadas con sus llamadas en ambos sentidos.",
			AccessSummaryImages: "Cada imagen tiene una alternativa textual; los pies de imagen se dan como texto.",
			AccessSummaryNoAlt:  "Imágenes sin alternativa textual: %d de %d.",
			AccessSummaryPages:  "Los números de página de la edición impresa están marcados en el texto y listados.",
			Pages:               "Páginas",
		},
		Months:        [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		DateFormat:    "{d} de {month} de {yyyy}",
		Days:          [7]string{"domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"},
		DayDateFormat: "{day}, {date}",
	},
	{
		Tag: "pt", Name: "Portuguese",
		Quotes:        Quotes{"«", "»", "“", "”"},
		LeftHyphenMin: 2, RightHyphenMin: 3,
		StopWords: strings.Fields("o a os as de do da dos das e em um uma que é para com não no na por se mais ao como seu sua"),
		Words: Words{
			By: "Por", And: "e", EditedBy: "Edição de", Notes: "Notas", Bibliography: "Bibliografia",
			Contents: "Sumário", InThisIssue: "Nesta edição", Continued: "continuação",
			ContinuedOnPage: "Continua na página %d", ContinuedFromPage: "Continuação da página %d",
			Page: "Página", Volume: "Vol.", Number: "N.º", Figure: "Figura", BackToText: "Voltar ao texto",
			BackToReference: "Voltar à chamada %d", TitlePage: "Página de rosto", Cover: "Capa", CoverOf: "Capa de %s",
			Landmarks: "Pontos de referência", StartOfContent: "Início do conteúdo",
			AccessSummary:       "Texto com títulos, índice navegável e notas ligadas às suas chamadas nos dois sentidos.",
			AccessSummaryImages: "Cada imagem tem uma alternativa textual; as legendas são dadas como texto.",
			AccessSummaryNoAlt:  "Imagens sem alternativa textual: %d de %d.",
			AccessSummaryPages:  "Os números de página da edição impressa estão marcados no texto e listados.",
			Pages:               "Páginas",
		},
		Months:        [12]string{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"},
		DateFormat:    "{d} de {month} de {yyyy}",
		Days:          [7]string{"domingo", "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado"},
		DayDateFormat: "{day}, {date}",
	},
	{
		Tag: "pt-br", Name: "Brazilian Portuguese",
		Quotes:        Quotes{"“", "”", "‘", "’"},
		LeftHyphenMin: 2, RightHyphenMin: 3,
		StopWords: strings.Fields("o a os as de do da dos das e em um uma que é para com não no na por se mais ao como seu sua"),
		Words: Words{
			By: "Por", And: "e", EditedBy: "Edição de", Notes: "Notas", Bibliography: "Bibliografia",
			Contents: "Sumário", InThisIssue: "Nesta edição", Continued: "continuação",
			ContinuedOnPage: "Continua na página %d", ContinuedFromPage: "Continuação da página %d",
			Page: "Página", Volume: "Vol.", Number: "N.º", Figure: "Figura", BackToText: "Voltar ao texto",
			BackToReference: "Voltar à chamada %d", TitlePage: "Página de rosto", Cover: "Capa", CoverOf: "Capa de %s",
			Landmarks: "Pontos de referência", StartOfContent: "Início do conteúdo",
			AccessSummary:       "Texto com títulos, índice navegável e notas ligadas às suas chamadas nos dois sentidos.",
			AccessSummaryImages: "Cada imagem tem uma alternativa textual; as legendas são dadas como texto.",
			AccessSummaryNoAlt:  "Imagens sem alternativa textual: %d de %d.",
			AccessSummaryPages:  "Os números de página da edição impressa estão marcados no texto e listados.",
			Pages:               "Páginas",
		},
		Months:        [12]string{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"},
		DateFormat:    "{d} de {month} de {yyyy}",
		Days:          [7]string{"domingo", "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado"},
		DayDateFormat: "{day}, {date}",
	},
	{
		Tag: "it", Name: "Italian",
		Quotes:        Quotes{"«", "»", "“", "”"},
		LeftHyphenMin: 2, RightHyphenMin: 2,
		StopWords: strings.Fields("il la le di del della e in un una che è per con non si da al lo gli dei delle sono come più nel"),
		Words: Words{
			By: "Di", And: "e", EditedBy: "A cura di", Notes: "Note", Bibliography: "Bibliografia",
			Contents: "Sommario", InThisIssue: "In questo numero", Continued: "continua",
			ContinuedOnPage: "Continua a pagina %d", ContinuedFromPage: "Segue da pagina %d",
			Page: "Pagina", Volume: "Vol.", Number: "N.", Figure: "Figura", BackToText: "Torna al testo",
			BackToReference: "Torna al richiamo %d", TitlePage: "Frontespizio", Cover: "Copertina", CoverOf: "Copertina di %s",
			Landmarks: "Punti di riferimento", StartOfContent: "Inizio del contenuto",
			AccessSummary:       "Testo con titoli, un indice navigabile e note collegate ai loro richiami nei due sensi.",
			AccessSummaryImages: "Ogni immagine ha un’alternativa testuale; le didascalie sono date come testo.",
			AccessSummaryNoAlt:  "Immagini senza alternativa testuale: %d su %d.",
			AccessSummaryPages:  "I numeri di pagina dell’edizione a stampa sono segnati nel testo ed elencati.",
			Pages:               "Pagine",
		},
		Months:        [12]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"},
		DateFormat:    "{d} {month} {yyyy}",
		Days:          [7]string{"domenica", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato"},
		DayDateFormat: "{day} {date}",
	},
	{
		Tag: "nl", Name: "Dutch",
		Quotes:        Quotes{"“", "”", "‘", "’"},
		LeftHyphenMin: 2, RightHyphenMin: 2,
		StopWords: strings.Fields("de het een en van in is dat op te zijn met voor niet die aan er als ook om maar bij door wordt"),
		Words: Words{
			By: "Door", And: "en", EditedBy: "Redactie", Notes: "Noten", Bibliography: "Literatuur",
			Contents: "Inhoud", InThisIssue: "In dit nummer", Continued: "vervolg",
			ContinuedOnPage: "Vervolg op pagina %d", ContinuedFromPage: "Vervolg van pagina %d",
			Page: "Pagina", Volume: "Jrg.", Number: "Nr.", Figure: "Afbeelding", BackToText: "Terug naar de tekst",
			BackToReference: "Terug naar verwijzing %d", TitlePage: "Titelpagina", Cover: "Omslag", CoverOf: "Omslag van %s",
			Landmarks: "Oriëntatiepunten", StartOfContent: "Begin van de inhoud",
			AccessSummary:       "Tekst met koppen, een navigeerbare inhoudsopgave en noten die in beide richtingen met hun verwijzingen verbonden zijn.",
			AccessSummaryImages: "Elke afbeelding heeft een tekstalternatief; bijschriften zijn als tekst gegeven.",
			AccessSummaryNoAlt:  "Afbeeldingen zonder tekstalternatief: %d van %d.",
			AccessSummaryPages:  "De paginanummers van de gedrukte editie zijn in de tekst gemarkeerd en opgesomd.",
			Pages:               "Pagina’s",
		},
		Months:        [12]string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
		DateFormat:    "{d} {month} {yyyy}",
		Days:          [7]string{"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"},
		DayDateFormat: "{day} {date}",
	},
}

// Default is the row used for a tag the table does not have: English.
var Default = table[0]

// Lookup returns the row for tag (BCP 47, any case, "_" or "-"): the
// full tag's row, else its primary subtag's, else nil.
func Lookup(tag string) *Language {
	t := Normalize(tag)
	if t == "" {
		return nil
	}
	for _, l := range table {
		if l.Tag == t {
			return l
		}
	}
	base, _, _ := strings.Cut(t, "-")
	for _, l := range table {
		if l.Tag == base {
			return l
		}
	}
	return nil
}

// For is Lookup's row for tag, or Default when the table lacks it.
func For(tag string) *Language {
	if l := Lookup(tag); l != nil {
		return l
	}
	return Default
}

// Normalize lower-cases a BCP 47 tag and writes "_" (zh_HK, as Jekyll
// sites often do) as "-".
func Normalize(tag string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(tag)), "_", "-")
}

// Base is the primary subtag of tag, lower-cased: "de-AT" → "de".
func Base(tag string) string {
	b, _, _ := strings.Cut(Normalize(tag), "-")
	return b
}

// Supported lists the tags of every row, in table order.
func Supported() []string {
	out := make([]string, len(table))
	for i, l := range table {
		out[i] = l.Tag
	}
	return out
}

// LongDate formats t for readers: "25 November 2026", "25. November
// 2026", "25 de noviembre de 2026".
func (l *Language) LongDate(t time.Time) string {
	r := strings.NewReplacer("{d}", fmt.Sprint(t.Day()), "{month}", l.Months[t.Month()-1], "{yyyy}", fmt.Sprint(t.Year()))
	return r.Replace(l.DateFormat)
}

// DayDate formats t with its day, as a masthead does: "Wednesday, 25
// November 2026", "Mittwoch, 25. November 2026", "mercredi 25 novembre
// 2026".
func (l *Language) DayDate(t time.Time) string {
	return strings.NewReplacer("{day}", l.Days[t.Weekday()], "{date}", l.LongDate(t)).Replace(l.DayDateFormat)
}

// JoinNames joins names as a sentence would: "A", "A and B", "A, B and C".
func (l *Language) JoinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + l.Words.And + " " + names[len(names)-1]
}

// Byline is "By A", "By A and B", "By A, B and C"; "" for no authors.
func (l *Language) Byline(authors []string) string {
	if len(authors) == 0 {
		return ""
	}
	return l.Words.By + " " + l.JoinNames(authors)
}

// Guess names the language text is written in, from the stop words of
// every row found among its words. A stop word shared by n languages
// counts 1/n for each (Spanish and Portuguese share many). The best
// language must score at least 6 and half as much again as any other;
// otherwise Guess returns nil: the text is too short or too mixed to
// say, and it never guesses beyond that. Several texts (a post's first
// paragraphs) are read as one, without being joined.
func Guess(texts ...string) *Language {
	index := stopIndex()
	scores := map[string]float64{} // by primary subtag
	var buf [maxStopWord]byte
	count := func(w string) {
		if len(w) > maxStopWord {
			return
		}
		var bases []string
		if lw, ok := lowerASCII(buf[:0], w); ok {
			bases = index[string(lw)] // looked up without making a string
		} else {
			bases = index[strings.ToLower(w)]
		}
		for _, b := range bases {
			scores[b] += 1 / float64(len(bases))
		}
	}
	for _, text := range texts {
		eachWord(text, count)
	}
	best, second := "", 0.0
	for b, c := range scores {
		switch {
		case best == "" || c > scores[best] || c == scores[best] && b < best:
			if best != "" {
				second = max(second, scores[best])
			}
			best = b
		default:
			second = max(second, c)
		}
	}
	if best == "" || scores[best] < 6 || scores[best] < 1.5*second {
		return nil
	}
	return Lookup(best)
}

// lowerASCII appends w in lower case to b, as strings.ToLower writes
// ASCII; ok is false, and b unusable, if w is not ASCII.
func lowerASCII(b []byte, w string) ([]byte, bool) {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			return b, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b, true
}

// eachWord calls f with each word of text in turn: the runs of letters
// and apostrophes, taken in place. ASCII, most of most texts, is told
// by a table rather than decoded and looked up in unicode's.
func eachWord(text string, f func(string)) {
	start := -1
	for i := 0; i < len(text); {
		in, size := false, 1
		if c := text[i]; c < utf8.RuneSelf {
			in = asciiWord[c]
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(text[i:])
			in = r == '’' || unicode.IsLetter(r)
		}
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			f(text[start:i])
			start = -1
		}
		i += size
	}
	if start >= 0 {
		f(text[start:])
	}
}

// asciiWord marks the ASCII bytes eachWord takes into words: the
// letters and the apostrophe.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range rune(utf8.RuneSelf) {
		t[c] = c == '\'' || unicode.IsLetter(c)
	}
	return t
}()

// maxStopWord is the length in bytes of the longest stop word, so that
// longer words are not even looked up (TestTableComplete checks it).
const maxStopWord = 16

var stopIndexOnce struct {
	sync.Once
	m map[string][]string
}

// stopIndex maps each stop word to the primary subtags of the languages
// that have it, each once.
func stopIndex() map[string][]string {
	stopIndexOnce.Do(func() {
		m := map[string][]string{}
		for _, l := range table {
			b := Base(l.Tag)
			for _, w := range l.StopWords {
				if !slices.Contains(m[w], b) {
					m[w] = append(m[w], b)
				}
			}
		}
		stopIndexOnce.m = m
	})
	return stopIndexOnce.m
}

// Script is a writing system other than the Latin alphabet. A passage in
// it inside an article in another script (a Russian quotation in an
// English article) is marked with a language, so that reading systems
// pronounce it as that language and the print edition does not hyphenate
// it with the article's patterns.
type Script struct {
	// Name is the script's name, for messages.
	Name string
	// Table holds the script's characters.
	Table *unicode.RangeTable
	// Tag is the language a passage in the script is taken to be in when
	// the source does not say: the language most widely written in it.
	// For Cyrillic this is a guess (Russian) that is wrong for Ukrainian,
	// Bulgarian or Serbian passages; a source that knows better marks
	// the passage itself.
	Tag string
	// Languages are the primary subtags of languages written in the
	// script: an article in one of them is not marked.
	Languages []string
	// RTL is set for scripts written right to left.
	RTL bool
}

// scripts lists the scripts passages are recognised in.
var scripts = []*Script{
	{Name: "Cyrillic", Table: unicode.Cyrillic, Tag: "ru",
		Languages: strings.Fields("ru uk be bg sr mk kk ky tg mn ba tt cv ce os sah ab av kv udm")},
	{Name: "Greek", Table: unicode.Greek, Tag: "el", Languages: strings.Fields("el grc gmy")},
	{Name: "Hebrew", Table: unicode.Hebrew, Tag: "he", Languages: strings.Fields("he iw yi lad jrb"), RTL: true},
	{Name: "Arabic", Table: unicode.Arabic, Tag: "ar",
		Languages: strings.Fields("ar fa ur ps ku ckb sd ug ks bal"), RTL: true},
}

// ScriptOf returns the script among those passages are recognised in
// that holds the letter r, or nil.
func ScriptOf(r rune) *Script {
	if r < 0x370 { // Latin, punctuation and digits: the common case
		return nil
	}
	for _, s := range scripts {
		if unicode.Is(s.Table, r) {
			return s
		}
	}
	return nil
}

// WrittenIn reports whether the language of tag is written in s.
func (s *Script) WrittenIn(tag string) bool {
	b := Base(tag)
	for _, l := range s.Languages {
		if l == b {
			return true
		}
	}
	return false
}

// RTL reports whether the language of tag is written right to left, as
// far as the scripts above tell.
func RTL(tag string) bool {
	for _, s := range scripts {
		if s.RTL && s.WrittenIn(tag) {
			return true
		}
	}
	return false
}

// CountFields counts the words of s, runs of non-space as strings.Fields
// splits them (unicode.IsSpace), without making them, and stops at
// stop: a long text is not read to its end to learn it has more.
func CountFields(s string, stop int) int {
	n, in := 0, false
	for i := 0; i < len(s) && n < stop; {
		var space bool
		if c := s[i]; c < utf8.RuneSelf {
			space = c == ' ' || c >= '\t' && c <= '\r' // unicode.IsSpace for ASCII
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
			i += size
		}
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}
