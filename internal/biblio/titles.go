package biblio

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/redtide/edition/internal/lazy"
)

// titleKind says which kinds of section a title names; a title may name
// more than one ("Notes and References").
type titleKind uint8

const (
	titleBib   titleKind = 1 << iota // a list of works: bibliography, references
	titleNotes                       // the post's own notes: notes, footnotes
	titleBack                        // other back matter: acknowledgements, appendix, licence
	// titleLoose marks a bibliography title made with one word the
	// lexicon does not know before its head ("Paper References"): its
	// body must show citations as clearly as under an unknown title.
	titleLoose
)

// role is what a word does in a title of one kind.
type role uint8

const (
	roleNone role = iota
	roleCompanion
	roleModifier
	roleWeak
	roleHead
)

// kindMatcher recognises the titles of one kind of section, in every
// language of the lexicon at once: a post's headings are often in
// another language than the post (a French lesson's "En anglais" list).
type kindMatcher struct {
	roles     map[string]role     // folded word or phrase → its best role
	byLen     map[lenKey][]string // single words by first letter and length, for misspellings
	maxPhrase int                 // most words in a phrase
	stems     []string
	suffixes  []string
}

// titleMatcher holds the compiled lexicon. It is built once and only read.
type titleMatcher struct {
	connectors, prepositions map[string]bool
	kinds                    [3]*kindMatcher // bib, notes, back
}

// titles is the lexicon compiled, at the first title classified, on the
// goroutine that classifies it, not while the program starts.
var titles = sync.OnceValue(func() *titleMatcher { return compileLexicon(lexicon) })

func compileLexicon(rows []lexRow) *titleMatcher {
	m := &titleMatcher{connectors: map[string]bool{}, prepositions: map[string]bool{}}
	for i := range m.kinds {
		m.kinds[i] = &kindMatcher{roles: map[string]role{}, byLen: map[lenKey][]string{}}
	}
	for _, r := range rows {
		for _, w := range r.Connectors {
			m.connectors[fold(w)] = true
		}
		for _, w := range r.Prepositions {
			m.prepositions[fold(w)] = true
		}
		for i, kw := range [3]kindWords{r.Bib, r.Notes, r.Back} {
			k := m.kinds[i]
			k.add(kw.Heads, roleHead)
			k.add(kw.Weak, roleWeak)
			k.add(kw.Modifiers, roleModifier)
			k.add(kw.Companions, roleCompanion)
			for _, s := range kw.Stems {
				k.stems = append(k.stems, fold(s))
			}
			for _, s := range kw.Suffixes {
				k.suffixes = append(k.suffixes, fold(s))
			}
		}
	}
	return m
}

func (k *kindMatcher) add(words []string, r role) {
	for _, w := range words {
		toks := tokens(w)
		key := strings.Join(toks, " ")
		if key == "" {
			continue
		}
		if k.roles[key] == roleNone && len(toks) == 1 {
			lk := keyOf(key, 0)
			k.byLen[lk] = append(k.byLen[lk], key)
		}
		if k.roles[key] < r {
			k.roles[key] = r
		}
		k.maxPhrase = max(k.maxPhrase, len(toks))
	}
}

// classify returns the kinds of section the title s names. A title with
// a subtitle is classified by its main part: "Appendix: downloading the
// files with rsync".
func (m *titleMatcher) classify(s string) titleKind {
	s = stripEnumerator(s)
	if k := m.classifyWords(s); k != 0 {
		return k
	}
	if i := strings.IndexAny(s, ":–—"); i > 0 {
		return m.classifyWords(s[:i])
	}
	return 0
}

func (m *titleMatcher) classifyWords(s string) titleKind {
	toks := tokens(s)
	if len(toks) == 0 || len(toks) > 12 {
		return 0
	}
	var k titleKind
	for i, km := range m.kinds {
		if m.matches(km, toks, false) {
			k |= 1 << i
		}
	}
	if k == 0 && len(toks) <= looseWords && m.matches(m.kinds[0], toks, true) {
		k = titleBib | titleLoose
	}
	return k
}

// looseWords is the most words a title with a word the lexicon does not
// know may have: a compound noun, "Paper References", "Video-Quellen".
const looseWords = 3

// matches reports whether toks are made only of km's words and the
// lexicon's connectors, with at least one head, or a weak head and a
// modifier ("further reading"). Once the title is made, a preposition
// opens a free complement: "Further reading on topic modelling". With
// loose, one word may be unknown if a head follows it: English, German
// and Dutch put a noun that qualifies another before it ("Paper
// References", "Video Quellen").
func (m *titleMatcher) matches(km *kindMatcher, toks []string, loose bool) bool {
	heads, weak, mods := 0, 0, 0
	made := func() bool { return heads > 0 || (weak > 0 && mods > 0) }
	var kb [64]byte
	key := kb[:0] // a phrase of toks, looked up without making a string
	count := func(r role) {
		switch r {
		case roleHead:
			heads++
		case roleWeak:
			weak++
		case roleModifier:
			mods++
		}
	}
next:
	for i := 0; i < len(toks); {
		for n := min(km.maxPhrase, len(toks)-i); n >= 2; n-- {
			key = append(key[:0], toks[i]...)
			for _, t := range toks[i+1 : i+n] {
				key = append(append(key, ' '), t...)
			}
			if r := km.roles[string(key)]; r != roleNone {
				count(r)
				i += n
				continue next
			}
		}
		t := toks[i]
		i++
		if r := km.word(t); r != roleNone {
			count(r)
			continue
		}
		switch {
		case made() && m.prepositions[t]:
			return true
		case m.connectors[t], m.prepositions[t], isNumbering(t):
			continue
		case loose && i < len(toks) && km.word(toks[i]) == roleHead:
			loose = false // one word only
			continue
		}
		return false
	}
	return made()
}

// word finds the role of one word: as listed, as a plural, as a compound
// (German and Dutch: "Literatur"+"verzeichnis"), hyphenated parts
// ("Quellen-" in "Quellen- und Literaturverzeichnis"), or, for a long
// word, misspelt by one letter after the first ("Acknowlegements").
func (km *kindMatcher) word(t string) role {
	if r := km.roles[t]; r != roleNone {
		return r
	}
	// a plural where the lexicon has the singular, or the reverse
	// ("Further Readings", "Work Cited")
	if s, ok := strings.CutSuffix(t, "s"); ok && len(s) > 3 {
		if r := km.roles[s]; r != roleNone {
			return r
		}
	}
	var buf [64]byte // t+"s", looked up without making a string
	if r := km.roles[string(append(append(buf[:0], t...), 's'))]; r != roleNone && len(t) > 3 {
		return r
	}
	if strings.Contains(t, "-") {
		if r := km.word(strings.ReplaceAll(t, "-", "")); r != roleNone {
			return r
		}
		best := roleNone
		for _, p := range strings.Split(t, "-") {
			r := km.roles[p]
			if r == roleNone {
				return roleNone
			}
			best = max(best, r)
		}
		return best
	}
	for _, st := range km.stems {
		if rest, ok := strings.CutPrefix(t, st); ok && rest != "" {
			for _, su := range km.suffixes {
				if rest == su {
					return roleHead
				}
			}
		}
	}
	best := roleNone
	if n := utf8.RuneCountInString(t); n >= 8 {
		first, _ := utf8.DecodeRuneInString(t)
		for d := -1; d <= 1; d++ {
			for _, w := range km.byLen[lenKey{first, n + d}] {
				if r := km.roles[w]; r > best && nearlyEqual(t, w) {
					best = r
				}
			}
		}
	}
	return best
}

// lenKey groups the lexicon's words by first letter and length: a
// misspelling is looked for among the words of its first letter (typing
// errors rarely touch it) and of its length, give or take one.
type lenKey struct {
	first rune
	n     int
}

func keyOf(w string, d int) lenKey {
	r := []rune(w)
	return lenKey{r[0], len(r) + d}
}

var enumerator = lazy.Regexp(`^\s*(?:\d+(?:\.\d+)*\.?|[IVXLCivxlc]+[.)]|[A-Za-z][.)])\s+`)

// stripEnumerator drops a section number: "7. References", "IV. Sources".
func stripEnumerator(s string) string {
	// the regexp only where its first word could be a number
	first, _, _ := strings.Cut(strings.TrimLeft(s, " \t"), " ")
	if first == "" || len(first) > 8 ||
		!(first[0] >= '0' && first[0] <= '9' || strings.HasSuffix(first, ".") || strings.HasSuffix(first, ")")) {
		return s
	}
	return enumerator().ReplaceAllString(s, "")
}

var roman = lazy.Regexp(`^(?:x{0,3})(?:ix|iv|v?i{0,3})$`)

func isNumbering(t string) bool {
	if t == "" {
		return true
	}
	digits := true
	for _, r := range t {
		if r < '0' || r > '9' {
			digits = false
			break
		}
	}
	return digits || (len(t) <= 4 && roman().MatchString(t))
}

// fold lower-cases s and strips its accents, so that "Bibliografía",
// "BIBLIOGRAFIA" and "bibliografia" compare equal; typographic
// apostrophes become straight ones and ß becomes ss.
func fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(s) // what the rest does to ASCII, without normalising
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '’' || r == '‘' || r == 'ʼ':
			r = '\''
		case r == 'ß':
			b.WriteString("ss")
			continue
		case r == 'œ' || r == 'Œ':
			b.WriteString("oe")
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// tokens splits a title into folded words. Hyphens and apostrophes
// inside a word are kept ("non-exhaustive", "l'auteur"); at its ends
// they are dropped ("Quellen-").
func tokens(s string) []string {
	f := fold(s)
	var out []string
	for _, w := range strings.FieldsFunc(f, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '\''
	}) {
		w = strings.Trim(w, "-'")
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// nearlyEqual reports whether a and b differ by one inserted, deleted,
// replaced or transposed letter (Damerau's single-error rule, which
// covers most typing mistakes: Damerau, CACM 7(3), 1964).
//
// It reads a and b in place, which is exact for valid UTF-8: the
// lexicon's words and the tokens of titles (written by fold) are.
func nearlyEqual(a, b string) bool {
	na, nb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
	if na < nb {
		a, b, na, nb = b, a, nb, na
	}
	// p: where the runes of a and b first differ, in both.
	p := 0
	for p < len(b) && a[p] == b[p] {
		p++
	}
	for p > 0 && p < len(a) && !utf8.RuneStart(a[p]) {
		p--
	}
	switch na - nb {
	case 0:
		if p == len(a) {
			return true
		}
		x, sx := utf8.DecodeRuneInString(a[p:])
		y, sy := utf8.DecodeRuneInString(b[p:])
		if a[p+sx:] == b[p+sy:] {
			return true // replaced
		}
		if p+sx == len(a) {
			return false
		}
		x2, sx2 := utf8.DecodeRuneInString(a[p+sx:])
		y2, sy2 := utf8.DecodeRuneInString(b[p+sy:])
		return x == y2 && x2 == y && a[p+sx+sx2:] == b[p+sy+sy2:] // transposed
	case 1:
		_, sx := utf8.DecodeRuneInString(a[p:])
		return a[p+sx:] == b[p:] // inserted
	}
	return false
}
