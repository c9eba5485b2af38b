package hyph

import (
	"bufio"
	"io"
	"slices"
	"unicode"
	"unicode/utf8"
)

// liang holds parsed Liang patterns (Liang 1983, ch. 2) in a trie and
// applies them with the same results as github.com/speedata/hyphenation,
// which the tests use as the reference, without allocating per word. The
// trie is only read after parsing, so one liang serves any number of
// goroutines.
type liang struct {
	// nodes[0] is the root. A node's children are edges[first:first+n],
	// sorted by byte; the trie is over the UTF-8 bytes of the patterns'
	// letters (dots included).
	nodes []trieNode
	edges []trieEdge
	// prio holds the priorities of every pattern, one after another.
	prio []byte
	// root is the root's child for each byte, -1 for none: most letters
	// lead somewhere from the root, so it is looked up directly.
	root [256]int32
}

type trieNode struct {
	first, n  int32 // children
	pat, plen int32 // priorities prio[pat:pat+plen]; plen 0: no pattern ends here
}

type trieEdge struct {
	b    byte
	node int32
}

// parseLiang reads whitespace-separated patterns such as ".ach4" or
// "a2ch": letters with the priority of each inter-letter position, 0
// omitted, a dot for a word boundary. It reads exactly as speedata's New
// does, so that the two agree on every word: a later copy of a pattern
// replaces an earlier one.
func parseLiang(r io.Reader) (*liang, error) {
	pats := map[string][]byte{}
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
		pats[string(wordpart)] = pat
	}
	if err := s.Err(); err != nil {
		return nil, err
	}
	// Build the trie from the sorted patterns, so that its shape does not
	// depend on map order.
	keys := make([]string, 0, len(pats))
	for k := range pats {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	type building struct {
		children map[byte]int32
		pat      []byte
	}
	tree := []building{{children: map[byte]int32{}}}
	for _, k := range keys {
		n := int32(0)
		for i := 0; i < len(k); i++ {
			c, ok := tree[n].children[k[i]]
			if !ok {
				c = int32(len(tree))
				tree = append(tree, building{children: map[byte]int32{}})
				tree[n].children[k[i]] = c
			}
			n = c
		}
		tree[n].pat = pats[k]
	}
	l := &liang{nodes: make([]trieNode, len(tree))}
	for i, t := range tree {
		bs := make([]byte, 0, len(t.children))
		for b := range t.children {
			bs = append(bs, b)
		}
		slices.Sort(bs)
		l.nodes[i].first, l.nodes[i].n = int32(len(l.edges)), int32(len(bs))
		for _, b := range bs {
			l.edges = append(l.edges, trieEdge{b, t.children[b]})
		}
		if t.pat != nil {
			l.nodes[i].pat, l.nodes[i].plen = int32(len(l.prio)), int32(len(t.pat))
			l.prio = append(l.prio, t.pat...)
		}
	}
	for b := range l.root {
		l.root[b] = -1
	}
	for b, c := range tree[0].children {
		l.root[b] = c
	}
	return l, nil
}

// child returns the node reached from n by byte b, or -1.
func (l *liang) child(n int32, b byte) int32 {
	if n == 0 {
		return l.root[b]
	}
	nd := &l.nodes[n]
	for _, e := range l.edges[nd.first : nd.first+nd.n] {
		if e.b == b {
			return e.node
		}
		if e.b > b {
			break
		}
	}
	return -1
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
			if node = l.child(node, text[i]); node < 0 {
				break
			}
			if i+1 != offs[e] {
				continue // inside a rune
			}
			if nd := &l.nodes[node]; nd.plen > 0 && e-s >= 2 {
				for k, p := range l.prio[nd.pat : nd.pat+nd.plen] {
					if p > prio[base+k] {
						prio[base+k] = p
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
