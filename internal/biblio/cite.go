package biblio

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/redtide/edition/internal/lang"
	"github.com/redtide/edition/internal/lazy"
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
const maxCiteLen = 600

// entryScore is what one entry of a candidate list looks like.
type entryScore struct {
	features citeFeatures
	words    int
	run      int  // longest run of words without citation punctuation
	caps     int  // words that start with a capital letter
	code     bool // holds inline code: a command, not a work
	endsURL  bool // ends with its link or URL: "Title (https://…)"
	person   bool // starts with a name, given a role or affiliation, and no work
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

// reDOI finds a DOI in an entry.
var reDOI = lazy.Regexp(`10\.\d{4,9}/`)

// The quotation marks of quotedTitle: those that open a title, those that
// close it, and all that may not stand inside it.
const (
	quoteOpeners = `“«„‘"‹`
	quoteClosers = `”»“’"›`
	quoteMarks   = `“”«»„"‘’‹›`
)

// quotedTitle reports whether text holds a title in quotation marks: an
// opening mark, at least three characters, a space, at least two more
// characters and a closing mark, with no quotation mark between them and
// the space perhaps the first or last character inside. That is the
// regular expression
//
//	[“«„‘"‹]\s?[^“”«»„"‘’‹›]{3,}?\s[^“”«»„"‘’‹›]{2,}?\s?[”»“’"›]
//
// (cite_test.go checks them against each other), matched in one pass:
// since nothing inside may be a quotation mark, a title runs from an
// opening mark to the very next mark, which must close it, and holds a
// space (\s: tab, newline, form feed, carriage return or space) with
// three characters before it and two after it.
func quotedTitle(text string) bool {
	inside := false // after an opening mark
	n := 0          // characters since the opening mark
	space := -1     // index of the first space with three characters before it
	for _, r := range text {
		if r == '"' || r >= utf8.RuneSelf && strings.ContainsRune(quoteMarks, r) {
			if inside && space >= 0 && space <= n-3 && strings.ContainsRune(quoteClosers, r) {
				return true
			}
			inside, n, space = strings.ContainsRune(quoteOpeners, r), 0, -1
			continue
		}
		if space < 0 && n >= 3 && (r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r') {
			space = n
		}
		n++
	}
	return false
}

// startsUpper reports whether s starts with an upper-case letter (\p{Lu}),
// as every form authorAtHead knows does; other text is not searched.
func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.Is(unicode.Lu, r)
}

// citeVocab holds the words that mark elements of a citation, by kind:
// the lexicon's rows put together (lexicon.go, citeWords), since a post
// cites works in other languages than its own. Abbreviations are matched
// before their full stop.
type citeVocab struct {
	noDate, rolePhrases *phraseSet
	people              map[string]bool
	// classes says which lists a word is on: appendCiteTokens looks each
	// word up once, and the tests of elements read its class.
	classes map[string]wordClass
	// classLens[b] has bit n set when a word of classes starts with byte
	// b and is n bytes long (bit 31: 31 bytes or more). Most words of an
	// entry are on no list: they are told so without hashing them.
	classLens [256]uint32
	// licence holds what a licence line says, lower-cased, in every
	// language of the lexicon.
	licence *phraseSet
}

// vocab is made at the first entry scored, on the goroutine that scores
// it, not while the program starts: many runs score none.
var vocab = sync.OnceValue(func() *citeVocab {
	v := &citeVocab{
		noDate:      newPhraseSet(lexiconWords(func(c *citeWords) []string { return c.NoDate })...),
		rolePhrases: newPhraseSet(lexiconWords(func(c *citeWords) []string { return c.RolePhrases })...),
		people:      setOf(lexiconWords(func(c *citeWords) []string { return c.People })...),
		classes:     map[string]wordClass{},
	}
	for c, kind := range map[wordClass]func(*citeWords) []string{
		classPublisher:  func(c *citeWords) []string { return c.Publishers },
		classLocator:    func(c *citeWords) []string { return c.Locators },
		classPage:       func(c *citeWords) []string { return c.Pages },
		classRole:       func(c *citeWords) []string { return c.Roles },
		classIn:         func(c *citeWords) []string { return c.In },
		classPeriodical: func(c *citeWords) []string { return c.Periodicals },
	} {
		for _, w := range lexiconWords(kind) {
			v.classes[w] |= c
		}
	}
	for w := range v.classes {
		if w != "" {
			v.classLens[w[0]] |= 1 << min(len(w), 31)
		}
	}
	var marks []string
	for _, r := range lexicon {
		marks = append(marks, r.Licence...)
	}
	v.licence = newPhraseSet(marks...)
	return v
})

// class is the class of the word w: the lists it is on.
func (v *citeVocab) class(w string) wordClass {
	if w != "" && v.classLens[w[0]]&(1<<min(len(w), 31)) == 0 {
		return 0
	}
	return v.classes[w]
}

// lexiconWords lists one kind of citation word of every row of the
// lexicon.
func lexiconWords(kind func(*citeWords) []string) []string {
	var out []string
	for i := range lexicon {
		out = append(out, kind(&lexicon[i].Cite)...)
	}
	return out
}

// wordClass says which of the lists of citeVocab a word is on.
type wordClass uint8

const (
	classPublisher wordClass = 1 << iota
	classLocator
	classPage
	classRole
	classIn
	classPeriodical
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// scoreCache keeps the scores of one article's entries: the search for
// its bibliography looks at the same entries from several candidates.
type scoreCache map[entryKey]entryScore

// entryKey names an entry by its first and last inlines, which are the
// model's own whatever slice holds them.
type entryKey struct {
	first, last model.Inline
	n           int
}

func (sc scoreCache) score(ins []model.Inline) entryScore {
	if len(ins) == 0 {
		return scoreEntry(ins)
	}
	k := entryKey{ins[0], ins[len(ins)-1], len(ins)}
	if s, ok := sc[k]; ok {
		return s
	}
	s := scoreEntry(ins)
	sc[k] = s
	return s
}

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
			if title := model.PlainText(t.Inlines); !fewFields(title, 1) || utf8.RuneCountInString(title) >= 8 {
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
	v := vocab()
	bufs := tokenPool.Get().(*tokenBufs)
	defer tokenPool.Put(bufs)
	// Most entries are shorter than maxCiteLen: one scan makes both
	// lists. A longer one is scanned once, whole; the tokens of text are
	// its first cut tokens, then those of text[resume:], from the word or
	// character that runs past the end of text (see appendCiteTokens).
	fullToks, cut, resume := appendCiteTokens(bufs.full[:0], full, len(text), v)
	bufs.full = fullToks
	toks := fullToks
	if len(text) < len(full) {
		toks, _, _ = appendCiteTokens(append(bufs.head[:0], fullToks[:cut]...), text[resume:], len(text), v)
		bufs.head = toks
	}
	// text lower-cased, only if a test below needs it
	var lower string
	lowered := false
	low := func() string {
		if !lowered {
			lower, lowered = toLower(text), true
		}
		return lower
	}
	if hasYear(toks) || v.noDate.in(low()) {
		s.features |= featYear
	}
	head := text
	if len(head) > 160 {
		head = head[:160]
	}
	if startsUpper(head) && authorAtHead(head) {
		s.features |= featAuthor
	}
	if quotedTitle(text) {
		s.features |= featQuoted
	}
	if hasPublisher(toks) {
		s.features |= featPublisher
	}
	// (a link to a web page has set featLocator already)
	if s.features&featLocator == 0 && (strings.Contains(low(), "http") || strings.Contains(low(), "www.") || strings.Contains(low(), "doi:") || reDOI().MatchString(text)) {
		s.features |= featLocator
	}
	if hasLocator(toks) {
		s.features |= featPages
	}
	if hasRole(toks) || v.rolePhrases.in(low()) {
		s.features |= featRole
	}
	s.person = s.features&(featAuthor|workFeatures) == featAuthor && hasPeopleWord(toks, v)
	run := 0
	for _, t := range fullToks {
		if t.punct {
			run = 0
			continue
		}
		s.words++
		if capitalised(t) {
			s.caps++
		}
		run++
		s.run = max(s.run, run)
	}
	return s
}

// workFeatures are the elements that only a work has: a date, a title
// in quotation marks, a publisher, pages or a container. A person listed
// with a role in italics and a link to a homepage shows none of them.
const workFeatures = featYear | featQuoted | featPublisher | featPages | featRole

// hasPeopleWord reports whether toks hold a word of roles or
// affiliations (lexicon.go, citeWords.People).
func hasPeopleWord(toks []citeToken, v *citeVocab) bool {
	for _, t := range toks {
		if !t.punct && v.people[strings.ToLower(t.text)] {
			return true
		}
	}
	return false
}

// people reports whether at least half the entries are people, not
// works: the list of an "about" or "team" page.
func people(sc []entryScore) bool {
	n := 0
	for _, s := range sc {
		if s.person {
			n++
		}
	}
	return len(sc) > 0 && 2*n >= len(sc)
}

// endsWithLocator reports whether an entry ends with its link or URL, the
// way references to web pages are written: "Title (https://…)".
func endsWithLocator(ins []model.Inline, text string) bool {
	if n := len(ins); n > 0 {
		if _, ok := ins[n-1].(*model.Link); ok {
			return true
		}
	}
	f := lastField(text)
	if f == "" {
		return false
	}
	last := strings.Trim(f, "()<>[].,;")
	return strings.HasPrefix(last, "http") || strings.HasPrefix(last, "www.") || strings.HasPrefix(last, "doi:")
}

// lastField is the last of strings.Fields(s), found without splitting
// the whole of s.
func lastField(s string) string {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	i := strings.LastIndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s
	}
	_, n := utf8.DecodeRuneInString(s[i:])
	return s[i+n:]
}

// citeToken is a word (letters, digits and the apostrophes, hyphens and
// degree signs inside it) or one punctuation mark.
type citeToken struct {
	text  string
	punct bool
	class wordClass // of a word
}

// tokenPool holds the token buffers of scoreEntry: an article's entries
// are scored one after another, each into buffers as long as itself.
var tokenPool = sync.Pool{New: func() any { return new(tokenBufs) }}

// tokenBufs are the tokens of a whole entry and of its head, when the
// entry is longer than its head.
type tokenBufs struct{ full, head []citeToken }

// appendCiteTokens appends the tokens of s to out. A punctuation token
// is a slice of s (no allocation per mark), except for a byte that is
// not UTF-8, which reads as U+FFFD as ranging over s gives it.
//
// The tokens appended up to out[cut] are the first tokens of s[:limit]
// too; the tokens of s[:limit] after them are those of s[resume:limit].
// The tokens of a text up to a place depend only on the text before it:
// resume is where the character that runs past limit is, or the word it
// is part of, after which s and s[:limit] read otherwise.
func appendCiteTokens(out []citeToken, s string, limit int, v *citeVocab) (toks []citeToken, cut, resume int) {
	cut, resume = -1, limit
	start := -1
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if cut < 0 && i+n > limit {
			cut, resume = len(out), min(i, limit)
			if start >= 0 {
				resume = start
			}
		}
		var word, space bool
		if r < utf8.RuneSelf {
			word = asciiWord[r] || start >= 0 && (r == '\'' || r == '-')
			space = r == ' ' || r >= '\t' && r <= '\r' // unicode.IsSpace for ASCII
		} else {
			word = wordRune(r) || start >= 0 && r == '’'
			space = !word && unicode.IsSpace(r)
		}
		if word {
			if start < 0 {
				start = i
			}
			i += n
			// the rest of an ASCII word at once, up to limit until cut is set
			end := len(s)
			if cut < 0 {
				end = min(end, limit)
			}
			for i < end && (asciiWord[s[i]] || s[i] == '\'' || s[i] == '-') {
				i++
			}
			continue
		}
		if start >= 0 {
			out = append(out, citeToken{text: s[start:i], class: v.class(s[start:i])})
			start = -1
		}
		if !space {
			out = append(out, citeToken{text: punctText(s, i, r), punct: true})
		}
		i += n
	}
	if start >= 0 {
		out = append(out, citeToken{text: s[start:], class: v.class(s[start:])})
	}
	if cut < 0 {
		cut = len(out)
	}
	return out, cut, resume
}

// asciiWord tells the ASCII letters and digits, which wordRune accepts,
// from other bytes.
var asciiWord = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// wordRune reports whether r is a letter, a digit or a degree sign (n°),
// the characters a citeToken word is made of; ASCII is told apart
// without the Unicode tables.
func wordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '°'
}

// punctText is the text of the mark r at s[i:].
func punctText(s string, i int, r rune) string {
	if n := utf8.RuneLen(r); r != utf8.RuneError && i+n <= len(s) {
		return s[i : i+n]
	}
	return string(r)
}

// fieldCount is len(strings.Fields(s)), counted without making the
// fields: entries, titles and openings are measured in words often.
func fieldCount(s string) int {
	return lang.CountFields(s, len(s))
}

// fewFields reports whether fieldCount(s) <= n, reading s no further
// than its field n+1: a long paragraph is not counted to its end.
func fewFields(s string, n int) bool {
	return lang.CountFields(s, n+1) <= n
}

// toLower is strings.ToLower(s), made faster for text that is mostly
// ASCII with some other characters (typographic quotation marks, accented
// letters), which strings.ToLower maps rune by rune through a function:
// here ASCII is lowered byte by byte and the rest rune by rune, as
// unicode.ToLower maps it, a byte that is not UTF-8 becoming U+FFFD.
func toLower(s string) string {
	var b []byte // nil while s[:i] is already lower-case
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				if b == nil {
					b = append(make([]byte, 0, len(s)+utf8.UTFMax), s[:i]...)
				}
				c += 'a' - 'A'
			}
			if b != nil {
				b = append(b, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if l := unicode.ToLower(r); l != r || r == utf8.RuneError && n == 1 {
			if b == nil {
				b = append(make([]byte, 0, len(s)+utf8.UTFMax), s[:i]...)
			}
			b = utf8.AppendRune(b, l)
		} else if b != nil {
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	if b == nil {
		return s
	}
	return string(b)
}

// phraseSet finds whether a text holds any of a list of phrases in one
// pass over the text: the phrases are grouped by their first byte, and
// only where one could start is it compared. (A strings.Contains per
// phrase reads the text once for each.)
type phraseSet struct {
	byFirst [256][]string
	empty   bool // "" is one of them: every text holds it
}

func newPhraseSet(phrases ...string) *phraseSet {
	ps := &phraseSet{}
	for _, p := range phrases {
		if p == "" {
			ps.empty = true
			continue
		}
		if !slices.Contains(ps.byFirst[p[0]], p) { // rows may share a phrase ("s.d.")
			ps.byFirst[p[0]] = append(ps.byFirst[p[0]], p)
		}
	}
	return ps
}

// in reports whether s holds one of the phrases.
func (ps *phraseSet) in(s string) bool {
	if ps.empty {
		return true
	}
	for i := 0; i < len(s); i++ {
		for _, p := range ps.byFirst[s[i]] {
			// the second byte first: most tries fail there
			if len(s)-i >= len(p) && (len(p) == 1 || s[i+1] == p[1]) && s[i:i+len(p)] == p {
				return true
			}
		}
	}
	return false
}

func isNumber(t citeToken) bool {
	if t.punct || t.text == "" {
		return false
	}
	for _, r := range t.text {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func capitalised(t citeToken) bool {
	if t.punct {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.text)
	return unicode.IsUpper(r)
}

// hasYear finds a year, 1000 to 2099, perhaps with a letter ("2003a").
func hasYear(toks []citeToken) bool {
	for _, t := range toks {
		x := t.text
		if n := len(x); n == 5 && x[4] >= 'a' && x[4] <= 'z' {
			x = x[:4]
		}
		if len(x) == 4 && isNumber(citeToken{text: x}) && (x[0] == '1' || x[:2] == "20") {
			return true
		}
	}
	return false
}

// hasPublisher finds a publisher ("… University Press", "Suhrkamp") or a
// place before one, after a full stop or comma: ". London: Verso",
// ", Berkeley, Calif: Peachpit".
func hasPublisher(toks []citeToken) bool {
	for i, t := range toks {
		if t.punct {
			continue
		}
		if t.class&classPublisher != 0 || t.text == "Press" && i > 0 && capitalised(toks[i-1]) {
			return true
		}
		if i > 0 && !(toks[i-1].punct && strings.Contains(".,;", toks[i-1].text)) || !capitalised(t) {
			continue
		}
		j := i + 1
		if j < len(toks) && capitalised(toks[j]) {
			j++
		}
		if j+1 < len(toks) && toks[j].text == "," && capitalised(toks[j+1]) {
			j += 2
			if j < len(toks) && toks[j].text == "." {
				j++
			}
		}
		if j+1 < len(toks) && toks[j].text == ":" && capitalised(toks[j+1]) {
			return true
		}
	}
	return false
}

// hasLocator finds pages, a chapter, a volume or an issue: "pp. 12",
// "S. 41", "Ch. 7", "vol. 3", "53–75", "1053-75", "5(2)", "198 pp.".
func hasLocator(toks []citeToken) bool {
	for i, t := range toks {
		if t.punct {
			continue // every pattern starts with a word or a number
		}
		next := func(k int) citeToken {
			if i+k < len(toks) {
				return toks[i+k]
			}
			return citeToken{punct: true}
		}
		abbrev, num := t.class&classLocator != 0, isNumber(t)
		switch {
		case abbrev && next(1).text == "." && isNumber(next(2)),
			abbrev && len(t.text) > 1 && isNumber(next(1)) && t.text != "no" && t.text != "No",
			num && (next(1).text == "–" || next(1).text == "-") && isNumber(next(2)),
			num && next(1).text == "(" && isNumber(next(2)) && next(3).text == ")",
			num && next(1).class&classPage != 0:
			return true
		case strings.Contains(t.text, "-"):
			a, b, _ := strings.Cut(t.text, "-")
			if isNumber(citeToken{text: a}) && isNumber(citeToken{text: b}) {
				return true
			}
		}
	}
	return false
}

// hasRole finds an editor's or translator's mark ("ed.", "(Hrsg.)",
// "trans."), "In:" before a container, or a periodical ("Journal").
func hasRole(toks []citeToken) bool {
	for i, t := range toks {
		if t.punct {
			continue
		}
		next := ""
		if i+1 < len(toks) {
			next = toks[i+1].text
		}
		if (next == "." || next == ")" && i > 0 && toks[i-1].text == "(") && t.class&classRole != 0 ||
			next == ":" && t.class&classIn != 0 || t.class&classPeriodical != 0 {
			return true
		}
	}
	return false
}
