package hyph

import (
	"bufio"
	"errors"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// liang holds parsed Liang patterns (Liang 1983, ch. 2) in a trie and
// applies them with the same results as github.com/speedata/hyphenation,
// which the tests use as the reference, without allocating per word. The
// trie is only read after parsing, so one liang serves any number of
// goroutines.
type liang struct {
	// The trie is over the UTF-8 bytes of the patterns' letters (dots
	// included), in a dense table: next[n*classes+class[b]] is -1 if node
	// n has no child by byte b, else the child's number times two, plus
	// one if a pattern with a nonzero priority ends there. Node 0 is the
	// root. Bytes that occur in no pattern are class 0, which leads
	// nowhere. (A pattern of no letters, at the root, would never apply:
	// patterns apply from two letters on.)
	class   [256]uint8
	classes int
	next    []int32
	// The nonzero priorities of the pattern ending at node n are
	// prio[first[n]:first[n+1]]: pairs of an offset in the pattern and
	// a priority.
	first []int32
	prio  []prioAt
}

type prioAt struct{ at, p uint8 }

// parseLiang reads whitespace-separated patterns such as ".ach4" or
// "a2ch": letters with the priority of each inter-letter position, 0
// omitted, a dot for a word boundary. It reads exactly as speedata's New
// does, so that the two agree on every word: a later copy of a pattern
// replaces an earlier one.
func parseLiang(r io.Reader) (*liang, error) {
	type pattern struct {
		letters string
		prio    []byte
	}
	var pats []pattern
	s := bufio.NewScanner(r)
	s.Split(bufio.ScanWords)
	var wordpart []byte
	for s.Scan() {
		wordpart = wordpart[:0]
		var pat []byte
		var prev rune
		var prio byte
		for _, v := range s.Text() {
			if !unicode.IsDigit(v) {
				if unicode.IsDigit(prev) {
					prio = byte(prev) - '0'
				} else {
					prio = 0
				}
				wordpart = utf8.AppendRune(wordpart, v)
				if v != '.' {
					pat = append(pat, prio)
				}
			}
			prev = v
		}
		if unicode.IsDigit(prev) {
			pat = append(pat, byte(prev)-'0')
		} else {
			pat = append(pat, 0)
		}
		pats = append(pats, pattern{string(wordpart), pat})
	}
	if err := s.Err(); err != nil {
		return nil, err
	}
	// Sorted, a later copy of a pattern last among its equals.
	slices.SortStableFunc(pats, func(a, b pattern) int { return strings.Compare(a.letters, b.letters) })

	// The bytes the patterns use, each a class of the table, and the
	// number of nodes: a sorted key adds one for each letter past the
	// prefix it shares with the key before it.
	l := &liang{classes: 1}
	nodes := 1
	prev := ""
	for _, p := range pats {
		k := p.letters
		for i := 0; i < len(k); i++ {
			if l.class[k[i]] == 0 {
				if l.classes == 256 {
					return nil, errors.New("too many letters")
				}
				l.class[k[i]] = uint8(l.classes)
				l.classes++
			}
		}
		nodes += len(k) - commonPrefix(prev, k)
		prev = k
	}
	K := l.classes
	if nodes >= 1<<30/K {
		return nil, errors.New("too many patterns")
	}
	l.next = make([]int32, nodes*K)
	for i := range l.next {
		l.next[i] = -1
	}
	parent := make([]int32, nodes) // the table entry that leads to each node
	patOf := make([][]byte, nodes) // the priorities ending at each node
	path := make([]int32, 1, 16)   // the nodes of prev's letters, root first
	n := int32(1)                  // next node number
	prev = ""
	for _, p := range pats {
		k := p.letters
		path = path[:commonPrefix(prev, k)+1]
		for i := len(path) - 1; i < len(k); i++ {
			e := int(path[i])*K + int(l.class[k[i]])
			l.next[e] = n << 1
			parent[n] = int32(e)
			path = append(path, n)
			n++
		}
		patOf[path[len(k)]] = p.prio // the last of equal keys wins
		prev = k
	}
	l.first = make([]int32, len(patOf)+1)
	for n, pat := range patOf {
		l.first[n] = int32(len(l.prio))
		for at, p := range pat {
			if p != 0 {
				if at > 255 {
					return nil, errors.New("pattern too long")
				}
				l.prio = append(l.prio, prioAt{uint8(at), p})
			}
		}
		if l.first[n] < int32(len(l.prio)) && n > 0 {
			l.next[parent[n]] |= 1
		}
	}
	l.first[len(patOf)] = int32(len(l.prio))
	return l, nil
}

// commonPrefix returns the length of the longest common prefix of a and b.
func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// maxRunes is the longest word hyphenate handles without allocating;
// longer words are handled too, with buffers from the heap.
const maxRunes = 64

// hyphenate returns the positions (in runes) after which runes may be
// broken: speedata's Lang.Hyphenate with Leftmin and Rightmin 0. The
// positions are appended to out.
func (l *liang) hyphenate(runes []rune, out []int) []int {
	// The word between boundary dots, as UTF-8, and where each rune
	// starts and ends.
	var bbuf [4 * (maxRunes + 2)]byte
	var obuf [maxRunes + 3]int
	var pbuf [maxRunes + 1]byte
	text, offs := bbuf[:0], obuf[:0]
	text = append(text, '.')
	offs = append(offs, 0)
	for _, r := range runes {
		offs = append(offs, len(text))
		text = utf8.AppendRune(text, unicode.ToLower(r))
	}
	offs = append(offs, len(text))
	text = append(text, '.')
	offs = append(offs, len(text))
	n := len(offs) - 1 // runes in text

	// prio[k] collects the priorities as speedata does: a pattern matched
	// at start s contributes its i-th priority to prio[s-1+i], or to
	// prio[i] when it starts with the dot.
	prio := pbuf[:0]
	for range n - 1 {
		prio = append(prio, 0)
	}
	// Every substring of at least two runes that starts before the final
	// dot and is a pattern.
	for s := 0; s < n-1; s++ {
		base := s - 1
		if text[offs[s]] == '.' {
			base = s
		}
		node := int32(0)
		e := s + 1 // the rune boundary after the bytes walked so far
		for i := offs[s]; i < len(text); i++ {
			v := l.next[int(node)*l.classes+int(l.class[text[i]])]
			if v < 0 {
				break
			}
			node = v >> 1
			if i+1 != offs[e] {
				continue // inside a rune
			}
			if v&1 != 0 && e-s >= 2 {
				for _, pa := range l.prio[l.first[node]:l.first[node+1]] {
					if pa.p > prio[base+int(pa.at)] {
						prio[base+int(pa.at)] = pa.p
					}
				}
			}
			e++
		}
	}
	for i := 1; i < len(prio); i++ {
		if prio[i]%2 != 0 {
			out = append(out, i)
		}
	}
	return out
}
