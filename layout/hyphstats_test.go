package layout_test

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/layout"
)

// hyphStats are the measurements of hyphenation and paragraph ends that
// TestMeasurementsEditions reports, read from the laid-out lines as a
// reader of the PDF would read them.
type hyphStats struct {
	full      int // justified lines: of justified kinds, not a paragraph's last, not before a hard break
	flush     int // full lines whose text reaches the right edge
	hyphenEnd int // full lines ending in a hyphen, inserted or the word's own
	inserted  int // ... of which the hyphen was inserted (hyphenation)
	compound  int // inserted hyphens inside a word that has a hyphen, dash or slash of its own
	capital   int // inserted hyphens inside a capitalised word
	double    int // full lines ending in a hyphen after a line that does
	final     int // paragraphs whose last full line ends in a hyphen
	runts     int // last lines shorter than 1/6 of the measure holding no word of 4 letters or digits
	tiny      int // last lines of 3 letters or digits or fewer (the count)
	examples  map[string][]string
}

// justifiedKind tells the kinds of line that are set justified.
func justifiedKind(k layout.LineKind) bool {
	return k == layout.KindBody || k == layout.KindQuote || k == layout.KindList || k == layout.KindNote
}

// sourceTexts returns the text of each article of the edition by its
// source, so that a line-end hyphen can be told to be the word's own (the
// text has the hyphenated form) or inserted.
func sourceTexts(ed *model.Edition) map[string]string {
	texts := map[string]string{}
	for _, s := range ed.Sections {
		for _, a := range s.Articles {
			var b strings.Builder
			model.WalkArticle(a, func(in model.Inline) {
				switch t := in.(type) {
				case *model.Text:
					b.WriteString(t.Text)
				case *model.Code:
					b.WriteString(t.Text)
				}
			})
			texts[a.Source] = strings.ReplaceAll(b.String(), "\u00a0", " ")
		}
	}
	return texts
}

// trimPunct removes punctuation around a word.
func trimPunct(w string) string {
	return strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '‐' })
}

// lineWords returns the words of a line: runs that touch are one word.
func lineWords(l *layout.TextLine) []string {
	var words []string
	var cur strings.Builder
	end := layout.Length(-1 << 40)
	for _, r := range l.Runs {
		if r.X > end+layout.Pt/4 && cur.Len() > 0 {
			words = append(words, cur.String())
			cur.Reset()
		}
		cur.WriteString(r.Text)
		end = r.X + r.Width
	}
	if cur.Len() > 0 {
		words = append(words, strings.Fields(cur.String())...)
	}
	return words
}

// lineRight is the right edge of a line's text from the line's left edge
// (runs are placed on the page).
func lineRight(l *layout.TextLine) layout.Length {
	right := layout.Length(0)
	for _, r := range l.Runs {
		right = max(right, r.X+r.Width-l.X)
	}
	return right
}

func isHyphenEnd(w string) bool { return strings.HasSuffix(w, "-") || strings.HasSuffix(w, "‐") }

// compoundMark tells a hyphen, en dash or slash inside a word (an em dash
// joins words rather than making a compound).
func compoundMark(w string) bool { return strings.ContainsAny(w, "-‐–/") }

// urlish tells a URL or an address, which breaks at its punctuation.
func urlish(w string) bool {
	return strings.Contains(w, "://") || strings.HasPrefix(w, "www.") || strings.Contains(w, "@")
}

func hyphenationStats(d *layout.Document, src map[string]string) hyphStats {
	s := hyphStats{examples: map[string][]string{}}
	example := func(kind, text string) {
		if len(s.examples[kind]) < 8 {
			s.examples[kind] = append(s.examples[kind], text)
		}
	}
	lines := d.Lines()
	prevHyphen := -1 // paragraph of the previous line if it ended in a hyphen
	for i, l := range lines {
		if !justifiedKind(l.Kind) || len(l.Runs) == 0 {
			continue
		}
		if prevHyphen >= 0 && (l.Par != prevHyphen || l.ParLine == 0) {
			prevHyphen = -1
		}
		words := lineWords(l)
		if l.ParLine == l.ParLen-1 {
			s.lastLine(l, words, example)
			continue
		}
		if !l.Justified {
			continue // before a hard break, or a paragraph set ragged (counted apart)
		}
		s.full++
		if lineRight(l) >= l.Width-layout.Pt/2 {
			s.flush++
		}
		if len(words) == 0 || !isHyphenEnd(words[len(words)-1]) {
			prevHyphen = -1
			continue
		}
		s.hyphenEnd++
		if prevHyphen == l.Par {
			s.double++
		}
		prevHyphen = l.Par
		if l.ParLine == l.ParLen-2 {
			s.final++
		}
		var next string
		if i+1 < len(lines) && lines[i+1].Par == l.Par {
			if nw := lineWords(lines[i+1]); len(nw) > 0 {
				next = nw[0]
			}
		}
		last := words[len(words)-1]
		_, n := utf8.DecodeLastRuneInString(last)
		joined := trimPunct(last[:len(last)-n] + next)
		if !strings.ContainsFunc(joined, unicode.IsLetter) {
			continue
		}
		if text := src[l.Source]; strings.Contains(text, trimPunct(last+next)) || !strings.Contains(text, joined) {
			continue // the word's own hyphen (or a word we cannot find)
		}
		s.inserted++
		if compoundMark(joined) && !urlish(joined) {
			s.compound++
			example("compound", last+"/"+next)
		}
		if r, _ := utf8.DecodeRuneInString(joined); unicode.IsUpper(r) {
			s.capital++
			example("capital", last+"/"+next)
		}
	}
	return s
}

// lastLine counts a paragraph's last line as a runt when it is shorter than
// a sixth of the measure and holds no word of four letters or digits.
func (s *hyphStats) lastLine(l *layout.TextLine, words []string, example func(string, string)) {
	if l.ParLen < 2 {
		return
	}
	right := lineRight(l)
	text := strings.Join(words, " ")
	if alnum(text) <= 3 {
		s.tiny++
	}
	if right*6 >= l.Width {
		return
	}
	for _, w := range words {
		if alnum(w) >= 4 {
			return
		}
	}
	s.runts++
	example("runt", text)
}

// alnum counts the letters and digits of s.
func alnum(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}
