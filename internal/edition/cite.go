package edition

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/redtide/edition/internal/model"
)

// Citation scoring. A reference list is recognised by what its entries
// are made of, whatever the style (Chicago, MLA, APA, ISO 690, DIN 1505):
// each style puts together the same elements in different orders — who
// (an author's name), when (a year), what (a title in italics or quotation
// marks), where (a publisher and place, a journal with volume and pages,
// a URL or DOI). An entry scores one point for each kind of element it
// has; prose and instructions have few of them and long runs of words.

// citeFeatures are the kinds of element a citation is made of.
type citeFeatures uint16

const (
	featYear      citeFeatures = 1 << iota // 1987, 2003a, n.d.
	featAuthor                             // "Surname, Given", "G. Surname", "Surname et al."
	featItalic                             // an italic title
	featQuoted                             // a title in quotation marks
	featPublisher                          // "University Press", "London: Verso"
	featLocator                            // a URL or DOI
	featPages                              // pp. 12–34, vol. 3, 5(2)
	featRole                               // ed., trans., Hrsg., In:, a journal
)

// maxCiteLen is how much of an entry is searched for citation elements.
const maxCiteLen = 2000

// entryScore is what one entry of a candidate list looks like.
type entryScore struct {
	features citeFeatures
	words    int
	run      int  // longest run of words without citation punctuation
	caps     int  // words that start with a capital letter
	code     bool // holds inline code: a command, not a work
	endsURL  bool // ends with its link or URL: "Title (https://…)"
}

// points is the number of kinds of element the entry has.
func (s entryScore) points() int {
	n := 0
	for f := s.features; f != 0; f &= f - 1 {
		n++
	}
	if s.code {
		n--
	}
	return n
}

// cites reports whether the entry is clearly a citation.
func (s entryScore) cites() bool { return s.points() >= 2 }

// prose reports whether the entry reads as running text rather than a
// citation: long, with a long unbroken run of words and few elements of
// one; or a sentence, whose words are mostly lower-case where a
// citation's names and titles are capitalised. An annotated entry
// ("Smith, J. 2001. Title. Press. A fine survey of …") keeps its
// elements and stays a citation.
func (s entryScore) prose() bool {
	p := s.points()
	if s.features&featAuthor != 0 && p >= 3 {
		return false // "Surname, Given. A Long Title of Many Words. Place, 2013."
	}
	return s.words >= 25 && s.run >= 14 && p <= 3 ||
		s.words >= 10 && 5*s.caps < s.words && p <= 2 && !s.endsURL
}

// cites reports whether the entry is clearly a citation of a work by
// someone at some time: two elements, one of them a name or a year.
// A title with a link is a reference to a page; it takes more to be a
// citation where nothing else says the list is one.
func (s entryScore) citesWork() bool {
	return s.cites() && s.features&(featAuthor|featYear) != 0
}

const (
	wb       = `(?:^|[^\p{L}\p{N}])` // a word boundary that knows letters beyond ASCII
	we       = `(?:[^\p{L}\p{N}]|$)`
	name     = `\p{Lu}[\p{L}'’\-]+`
	particle = `(?:van|von|de|der|den|del|della|da|di|du|le|la|ten|ter|zu)`
)

var (
	reYear = regexp.MustCompile(`(?:^|[^\p{L}\p{N}])(?:1\d\d\d|20\d\d)[a-z]?(?:[^\p{L}\p{N}]|$)` +
		`|` + wb + `(?:n\.\s?d\.|s\.\s?d\.|s\.\s?f\.|o\.\s?J\.|z\.\s?j\.|s\.\s?a\.|forthcoming|in press|im Druck|à paraître|en prensa|no prelo|in corso di stampa)`)
	// A name at the head of an entry: "Surname, Given" or "Surname, G.",
	// "Given [particle] Surname" followed by a comma, a full stop, a year
	// in parentheses or a second author, "G. H. Surname", "Surname et
	// al.", "SURNAME, Given".
	reAuthor = regexp.MustCompile(`^` + name + `(?:\s` + name + `)?,\s(?:\p{Lu}\.|\p{Lu}[\p{Ll}'’\-]+)` +
		`|^(?:` + name + `\s){1,3}(?:` + particle + `\s)*` + name + `(?:,|\.|\s\(|\s(?:et al|and|&|y|e|et|und|en)\s)` +
		`|^(?:\p{Lu}\.\s?){1,3}\s?` + name +
		`|^` + name + `\set\.?\sal` +
		`|^\p{Lu}{2,}(?:[\s\-]\p{Lu}{2,})*,\s\p{Lu}`)
	reQuoted    = regexp.MustCompile(`[“«„‘"‹]\s?[^“”«»„"‘’‹›]{3,}?\s[^“”«»„"‘’‹›]{2,}?\s?[”»“’"›]`)
	rePublisher = regexp.MustCompile(wb + `(?:\p{Lu}[\p{L}&.]+\s(?:University\s)?Press|University Press|Verlag|Publishing|Publishers|Publications|Éditions|Editions|Ediciones|Editorial|Editora|Edizioni|Editore|Uitgeverij|Uitgevers|Books|Presses|PUF|Routledge|Springer|Elsevier|Wiley|Brill|Gallimard|Seuil|Suhrkamp|Palgrave|Macmillan|Blackwell|Einaudi|Laterza)` + we +
		// a place before its publisher: "London: Verso", "Berkeley, Calif: Peachpit"
		`|(?:^|[.,;]\s)\p{Lu}[\p{L}\-]+(?:\s\p{Lu}[\p{L}\-]+)?(?:,\s\p{Lu}[\p{L}.]+)?\s?:\s\p{Lu}`)
	reDOI   = regexp.MustCompile(`(?i)\bdoi:|\b10\.\d{4,9}/|https?://|\bwww\.`)
	rePages = regexp.MustCompile(`\b(?:[Cc]hs?|[Cc]hap|[Cc]ap|Kap|[Cc]h)\.\s?\d|\bp{1,2}\.\s?\d|\bS\.\s?\d|\b\d+\s?[–\-]\s?\d+\b|\b(?:vol|Vol|no|No|nr|Nr|n°|Bd|Jg|Heft|t|tome|núm|num|fasc)\.?\s?\d|\d+\s?\(\d+\)|\b\d+\s?pp?\.|\b\d+\s(?:pages|páginas|pages|Seiten|pagine|pagina's)\b`)
	reRole  = regexp.MustCompile(wb + `(?:eds?|Eds?|edn|trans|Trans|transl|tr|comp|coord|Hrsg|hrsg|Hg|hg|éd|éds|dir|trad|übers|Übers|vert|red)\.` +
		`|\((?:eds?|Eds?|Hrsg|Hg|hrsg|dir|coord|org|a cura di)\.?\)` +
		`|` + wb + `(?:edited by|translated by|a cura di|herausgegeben von|sous la direction de|traducido por|tradução de|vertaald door)` + we +
		`|(?:^|\s)(?:In|in|Dans|dans|En|en|Em|em):\s` +
		`|` + wb + `(?:Journal|Review|Proceedings|Quarterly|Revue|Zeitschrift|Rivista|Tijdschrift|Revista|Bulletin|Annales|Jahrbuch|Cahiers|Studies|Magazine|Transactions|Annals)` + we)
	reWord = regexp.MustCompile(`[\p{L}\p{N}'’\-]+|[.,;:()\[\]“”«»„"‘’?!/]`)
)

// scoreEntry scores one entry of a candidate bibliography.
func scoreEntry(ins []model.Inline) entryScore {
	var s entryScore
	full := strings.TrimSpace(model.PlainText(ins))
	// A citation's elements are near its head; a longer entry is judged
	// by its first maxCiteLen bytes (its words are all counted).
	text := full
	if len(text) > maxCiteLen {
		text = text[:maxCiteLen]
	}
	model.WalkInlines(ins, func(in model.Inline) {
		switch t := in.(type) {
		case *model.Emph:
			if len(strings.Fields(model.PlainText(t.Inlines))) >= 2 || len([]rune(model.PlainText(t.Inlines))) >= 8 {
				s.features |= featItalic
			}
		case *model.Link:
			if strings.HasPrefix(t.URL, "http") {
				s.features |= featLocator
			}
		case *model.Code:
			s.code = true
		}
	})
	s.endsURL = endsWithLocator(ins, full)
	if reYear.MatchString(text) {
		s.features |= featYear
	}
	if reAuthor.MatchString(text) {
		s.features |= featAuthor
	}
	if reQuoted.MatchString(text) {
		s.features |= featQuoted
	}
	if rePublisher.MatchString(text) {
		s.features |= featPublisher
	}
	if reDOI.MatchString(text) {
		s.features |= featLocator
	}
	if rePages.MatchString(text) {
		s.features |= featPages
	}
	if reRole.MatchString(text) {
		s.features |= featRole
	}
	run := 0
	for _, w := range reWord.FindAllString(full, -1) {
		if r := []rune(w); len(r) == 1 && !unicode.IsLetter(r[0]) && !unicode.IsDigit(r[0]) {
			run = 0
			continue
		}
		s.words++
		if unicode.IsUpper([]rune(w)[0]) {
			s.caps++
		}
		run++
		s.run = max(s.run, run)
	}
	return s
}

// endsWithLocator reports whether an entry ends with its link or URL, the
// way references to web pages are written: "Title (https://…)".
func endsWithLocator(ins []model.Inline, text string) bool {
	if n := len(ins); n > 0 {
		if _, ok := ins[n-1].(*model.Link); ok {
			return true
		}
	}
	f := strings.Fields(text)
	if len(f) == 0 {
		return false
	}
	last := strings.Trim(f[len(f)-1], "()<>[].,;")
	return strings.HasPrefix(last, "http") || strings.HasPrefix(last, "www.") || strings.HasPrefix(last, "doi:")
}
