package csl

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// stopWords are the English words that title case leaves in lower case
// (CSL 1.0.2 appendix).
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields("a an and as at but by down for from in into nor of on onto or over so the till to up via with yet") {
		stopWords[w] = true
	}
}

// maxStopWord is the length of the longest stop word, in bytes: a longer
// word is none (of the letters whose lower case is shorter, only the
// Kelvin sign lower-cases to ASCII, and no stop word has a k).
const maxStopWord = 4

// word is a run of letters or digits in a leaf.
type word struct {
	leaf       *node
	start, end int // byte offsets in leaf.text
	afterColon bool
}

// applyCase changes the case of the text under n, sparing nocase spans.
// english tells whether title case applies (CSL applies it to English only).
func applyCase(n *node, tc string, english bool) {
	if tc == "" || n == nil {
		return
	}
	switch tc {
	case "lowercase", "uppercase":
		f := strings.ToLower
		if tc == "uppercase" {
			f = strings.ToUpper
		}
		n.leaves(func(l *node) {
			if !l.nocase {
				l.text = f(l.text)
			}
		})
		return
	}
	limit := 0
	if tc == "capitalize-first" {
		limit = 1 // only the first word changes
	}
	buf := wordPool.Get().(*[]word)
	defer func() { *buf = (*buf)[:0]; wordPool.Put(buf) }()
	words := splitWords(n, (*buf)[:0], limit)
	*buf = words
	if len(words) == 0 {
		return
	}
	switch tc {
	case "capitalize-first":
		capWord(words[0])
	case "capitalize-all":
		var cw capWords
		for _, w := range words {
			cw.cap(w)
		}
		cw.done()
	case "sentence":
		sentenceCase(n, words)
	case "title":
		if english {
			titleCase(n, words)
		}
	}
}

// applyCase applies a text-case to n. Title case of one leaf of text is
// remembered by the processor: an item's title is title-cased in its
// cites, its sort key and its entry, and the words of a title are most
// of what title case costs.
func (c *ctx) applyCase(n *node, tc string) {
	if tc != "title" || n == nil || n.kids != nil || n.nocase || n.text == "" {
		applyCase(n, tc, c.english())
		return
	}
	if !c.english() {
		return
	}
	if t, ok := c.p.titled[n.text]; ok {
		n.text = t
		return
	}
	if c.p.titled == nil {
		c.p.titled = map[string]string{}
	}
	was := n.text
	applyCase(n, tc, true)
	c.p.titled[was] = n.text
}

// wordPool keeps the word lists of applyCase, which every title and
// capitalized term of every cite needs only for a moment.
var wordPool = sync.Pool{New: func() any { return new([]word) }}

// splitWords appends the words under n to ws; with a limit above 0 it
// stops after that many.
func splitWords(n *node, ws []word, limit int) []word {
	colon := true
	n.leaves(func(l *node) {
		if limit > 0 && len(ws) >= limit {
			return
		}
		start := -1
		for i, r := range l.text {
			if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' || r == '.' && start >= 0 {
				if start < 0 {
					start = i
				}
				continue
			}
			if start >= 0 {
				ws = append(ws, word{l, start, i, colon})
				colon = false
				start = -1
			}
			if r == ':' || r == '?' || r == '!' || r == '—' {
				colon = true
			}
		}
		if start >= 0 {
			ws = append(ws, word{l, start, len(l.text), colon})
			colon = false
		}
	})
	if limit > 0 && len(ws) > limit {
		ws = ws[:limit] // the leaf that reached the limit may add more
	}
	return ws
}

func (w word) text() string { return w.leaf.text[w.start:w.end] }

func capWord(w word) {
	var cw capWords
	cw.cap(w)
	cw.done()
}

// capWords capitalizes words, the words of a leaf one after the other
// into a new text, which becomes the leaf's once (done, or the first
// word of another leaf): a title's text was made again for every word. A
// capital takes the bytes of its small letter (or the word is left
// alone), so that the words' offsets hold, and what a word reads of its
// leaf is not changed by capitalizing the words before it.
type capWords struct {
	leaf *node
	b    strings.Builder
	next int // the first byte of leaf.text not yet in b
}

func (cw *capWords) cap(w word) {
	if w.leaf.nocase {
		return
	}
	r, size := utf8.DecodeRuneInString(w.text())
	u := unicode.ToUpper(r)
	if u == r || utf8.RuneLen(u) != size {
		return
	}
	if w.leaf != cw.leaf {
		cw.done()
		cw.leaf, cw.next = w.leaf, 0
		cw.b.Grow(len(w.leaf.text)) // the text, its size unchanged: one allocation
	}
	cw.b.WriteString(cw.leaf.text[cw.next:w.start])
	cw.b.WriteRune(u)
	cw.next = w.start + size
}

// done gives the leaf being capitalized its text.
func (cw *capWords) done() {
	if cw.leaf != nil {
		cw.b.WriteString(cw.leaf.text[cw.next:])
		cw.leaf.text = cw.b.String()
		cw.leaf, cw.b = nil, strings.Builder{}
	}
}

func allUpper(words []word) bool {
	any := false
	for _, w := range words {
		for _, r := range w.text() {
			if unicode.IsLower(r) {
				return false
			}
			if unicode.IsUpper(r) {
				any = true
			}
		}
	}
	return any
}

func sentenceCase(n *node, words []word) {
	if allUpper(words) {
		n.leaves(func(l *node) {
			if !l.nocase {
				l.text = strings.ToLower(l.text)
			}
		})
	}
	capWord(words[0])
}

func titleCase(n *node, words []word) {
	if allUpper(words) {
		n.leaves(func(l *node) {
			if !l.nocase {
				l.text = strings.ToLower(l.text)
			}
		})
	}
	var cw capWords
	for i, w := range words {
		s := w.text()
		if w.leaf.nocase || hasUpperAfterFirst(s) {
			continue
		}
		if len(s) <= maxStopWord && stopWords[strings.ToLower(s)] && !w.afterColon && i != len(words)-1 {
			continue
		}
		cw.cap(w)
	}
	cw.done()
}

func hasUpperAfterFirst(s string) bool {
	for i, r := range s {
		if i > 0 && unicode.IsUpper(r) {
			return true
		}
	}
	return false
}
