package hyph

import (
	"bytes"
	"errors"
	"io"
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// liang holds parsed Liang patterns (Liang 1983, ch. 2) in a trie and
// applies them as TeX does (tex.web §923), without allocating per word.
// The tests check it word by word against lists hyphenated by LuaTeX and
// against github.com/speedata/hyphenation. The trie is only read after
// parsing, so one liang serves any number of goroutines.
type liang struct {
	// The trie is over the UTF-8 bytes of the patterns' letters (dots
	// included), stored compactly (a German compound list has ~10⁶ nodes,
	// too many for a dense table): the children of node n are
	// edges[start[n]:start[n+1]], each a byte class and a value that is
	// the child's number times two, plus one if a pattern with a nonzero
	// priority ends there. Node 0 is the root, whose children are also in
	// the dense root table (-1 for none). Bytes that occur in no pattern
	// are class 0, which leads nowhere. (A pattern of no letters, at the
	// root, would never apply.)
	class   [256]uint8
	classes int
	root    [256]int32
	start   []int32
	edges   []edge
	// The nonzero priorities of the pattern ending at node n are
	// prio[first[n]:first[n+1]]: pairs of an offset in the pattern and
	// a priority.
	first []int32
	prio  []prioAt

	// The same trie indexed for lookups (index), when there are at most
	// 64 classes (every language so far has under 50): node n's
	// children are kids[nodes[n].kids:], one for each bit of
	// nodes[n].mask, in the order of their classes, so that a step is
	// a test and a count of bits rather than a search of the edges.
	nodes []trieNode
	kids  []int32
}

type edge struct {
	class uint8
	next  int32
}

// trieNode is a node of the indexed trie: the classes of its children
// as bits, where they start in kids, and where its priorities start in
// prio (first).
type trieNode struct {
	mask        uint64
	kids, first int32
}

// index fills nodes and kids from start, edges and first, unless there
// are more classes than a mask holds; step then searches the edges.
func (l *liang) index() {
	n := len(l.start) - 1
	if l.classes > 64 || n < 1 {
		l.nodes, l.kids = nil, nil
		return
	}
	l.nodes = make([]trieNode, n+1) // a last one gives node n-1's end of prio
	l.kids = make([]int32, len(l.edges))
	for i := range n {
		nd := &l.nodes[i]
		nd.kids, nd.first = l.start[i], l.first[i]
		es := l.edges[l.start[i]:l.start[i+1]]
		for _, e := range es {
			nd.mask |= 1 << e.class
		}
		for _, e := range es {
			l.kids[nd.kids+int32(bits.OnesCount64(nd.mask&(1<<e.class-1)))] = e.next
		}
	}
	l.nodes[n] = trieNode{kids: l.start[n], first: l.first[n]}
}

// stepIndexed follows the edge of class c from node, not the root, in
// the indexed trie, or returns -1.
func (l *liang) stepIndexed(node int32, c uint8) int32 {
	nd := &l.nodes[node]
	bit := uint64(1) << (c & 63) // c < 64: index keeps to 64 classes
	if nd.mask&bit == 0 {
		return -1
	}
	return l.kids[nd.kids+int32(bits.OnesCount64(nd.mask&(bit-1)))]
}

// stepEdges is stepIndexed searching node's edges, for a trie that
// is not indexed.
func (l *liang) stepEdges(node int32, c uint8) int32 {
	for _, e := range l.edges[l.start[node]:l.start[node+1]] {
		if e.class == c {
			return e.next
		}
	}
	return -1
}

type prioAt struct{ at, p uint8 }

// parseLiang reads whitespace-separated patterns such as ".ach4" or
// "a2ch": letters with the priority of each inter-letter position, 0
// omitted, a dot for a word boundary. It reads as speedata's New does: a
// later copy of a pattern replaces an earlier one.
func parseLiang(r io.Reader) (*liang, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	pats := sortedPatterns(data)
	l := &liang{classes: 1}
	nodes, err := l.classify(pats)
	if err != nil {
		return nil, err
	}
	return l, l.build(pats, nodes)
}

// pattern is one Liang pattern: its letters and the priority before,
// between and after them.
type pattern struct {
	letters string
	prio    []byte
	seq     int // position in the file, so equal keys keep their order
}

// sortedPatterns splits data into patterns, sorted with a later copy of a
// pattern last among its equals. Letters and priorities of all patterns
// live in two arenas: one allocation each instead of two per pattern (the
// German compound level has some 70,000 patterns).
func sortedPatterns(data []byte) []pattern {
	words := bytes.Fields(data)
	pats := make([]pattern, 0, len(words))
	letters := make([]byte, 0, len(data))
	prios := make([]byte, 0, len(data))
	for _, w := range words {
		l0, p0 := len(letters), len(prios)
		var prev rune
		for _, v := range string(w) {
			if !unicode.IsDigit(v) {
				letters = utf8.AppendRune(letters, v)
				if v != '.' {
					prios = append(prios, digit(prev))
				}
			}
			prev = v
		}
		prios = append(prios, digit(prev))
		pats = append(pats, pattern{unsafeString(letters[l0:]), prios[p0:len(prios):len(prios)], len(pats)})
	}
	// Pattern files usually come sorted already. An unstable sort with
	// the file position as the last key is much faster than a stable
	// sort's in-place merging.
	cmp := func(a, b pattern) int {
		if c := strings.Compare(a.letters, b.letters); c != 0 {
			return c
		}
		return a.seq - b.seq
	}
	if !slices.IsSortedFunc(pats, cmp) {
		slices.SortFunc(pats, cmp)
	}
	return pats
}

// digit is the priority r writes: its value if it is a digit, else 0.
func digit(r rune) byte {
	if unicode.IsDigit(r) {
		return byte(r) - '0'
	}
	return 0
}

// classify gives each byte the sorted patterns use a class of the table,
// and returns the number of trie nodes: a sorted key adds one for each
// letter past the prefix it shares with the key before it.
func (l *liang) classify(pats []pattern) (int, error) {
	nodes := 1
	prev := ""
	for _, p := range pats {
		k := p.letters
		for i := 0; i < len(k); i++ {
			if l.class[k[i]] == 0 {
				if l.classes == 256 {
					return 0, errors.New("too many letters")
				}
				l.class[k[i]] = uint8(l.classes)
				l.classes++
			}
		}
		nodes += len(k) - commonPrefix(prev, k)
		prev = k
	}
	if nodes >= 1<<30 {
		return 0, errors.New("too many patterns")
	}
	return nodes, nil
}

// build makes the trie of the sorted patterns: first a list of (parent,
// class) per node, then the edges grouped by parent.
func (l *liang) build(pats []pattern, nodes int) error {
	parent := make([]int32, nodes)    // each node's parent
	nodeClass := make([]uint8, nodes) // the class of the byte leading to it
	value := make([]int32, nodes)     // the edge value leading to it
	patOf := make([][]byte, nodes)    // the priorities ending at each node
	path := make([]int32, 1, 16)      // the nodes of prev's letters, root first
	n := int32(1)                     // next node number
	prev := ""
	for _, p := range pats {
		k := p.letters
		path = path[:commonPrefix(prev, k)+1]
		for i := len(path) - 1; i < len(k); i++ {
			parent[n] = path[i]
			nodeClass[n] = l.class[k[i]]
			value[n] = n << 1
			path = append(path, n)
			n++
		}
		patOf[path[len(k)]] = p.prio // the last of equal keys wins
		prev = k
	}
	if err := l.priorities(patOf, value); err != nil {
		return err
	}
	l.edgesOf(parent, nodeClass, value)
	l.index()
	return nil
}

// priorities stores the nonzero priorities of the pattern ending at each
// node, marking the edge values of nodes where one ends.
func (l *liang) priorities(patOf [][]byte, value []int32) error {
	l.first = make([]int32, len(patOf)+1)
	for n, pat := range patOf {
		l.first[n] = int32(len(l.prio))
		for at, p := range pat {
			if p != 0 {
				if at > 255 {
					return errors.New("pattern too long")
				}
				l.prio = append(l.prio, prioAt{uint8(at), p})
			}
		}
		if l.first[n] < int32(len(l.prio)) && n > 0 {
			value[n] |= 1
		}
	}
	l.first[len(patOf)] = int32(len(l.prio))
	return nil
}

// edgesOf groups the nodes' edges by parent, and fills the root table.
func (l *liang) edgesOf(parent []int32, nodeClass []uint8, value []int32) {
	nodes := len(parent)
	l.start = make([]int32, nodes+1)
	for c := 1; c < nodes; c++ {
		l.start[parent[c]+1]++
	}
	for i := 1; i <= nodes; i++ {
		l.start[i] += l.start[i-1]
	}
	l.edges = make([]edge, nodes-1) // every node but the root has one parent
	fill := slices.Clone(l.start[:nodes])
	for i := range l.root {
		l.root[i] = -1
	}
	for c := 1; c < nodes; c++ {
		p := parent[c]
		l.edges[fill[p]] = edge{nodeClass[c], value[c]}
		fill[p]++
		if p == 0 {
			l.root[nodeClass[c]] = value[c]
		}
	}
}

// unsafeString views b as a string. The arena b points into is never
// written again once parsed, so the string stays immutable.
func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

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
// broken, with no minimums, appended to out. Every pattern that matches
// applies, one letter long ("1b", which speedata's Lang.Hyphenate skips)
// or longer, as in TeX.
func (l *liang) hyphenate(runes []rune, out []int) []int {
	// The word between boundary dots, as UTF-8.
	var bbuf [4 * (maxRunes + 2)]byte
	text := append(bbuf[:0], '.')
	for _, r := range runes {
		text = utf8.AppendRune(text, toLower(r))
	}
	text = append(text, '.')
	n := len(runes) + 2 // runes in text

	// prio[k] collects the priorities as speedata does: a pattern matched
	// at start s contributes its i-th priority to prio[s-1+i], or to
	// prio[i] when it starts with the dot.
	var pbuf [maxRunes + 1]byte
	var prio []byte
	if n-1 <= len(pbuf) {
		prio = pbuf[:n-1]
	} else {
		prio = make([]byte, n-1)
	}
	if len(text) == n {
		l.matchASCII(text, prio) // most words
	} else {
		l.match(text, n, prio)
	}
	for i := 1; i < len(prio); i++ {
		if prio[i]%2 != 0 {
			out = append(out, i)
		}
	}
	return out
}

// match applies to prio every pattern that is a substring of text (n
// runes, the word between dots) that starts before the final dot and
// holds a letter.
func (l *liang) match(text []byte, n int, prio []byte) {
	// Where each rune starts, and the end.
	var obuf [maxRunes + 3]int
	offs := obuf[:0]
	for i := range string(text) {
		offs = append(offs, i)
	}
	offs = append(offs, len(text))
	for s := 0; s < n-1; s++ {
		base := s - 1
		if text[offs[s]] == '.' {
			base = s
		}
		e := s + 1 // the rune boundary after the bytes walked so far
		v := l.root[l.class[text[offs[s]]]]
		for i := offs[s]; v >= 0; {
			node := v >> 1
			if i+1 == offs[e] {
				if v&1 != 0 && (e-s >= 2 || s > 0) {
					l.apply(prio[base:], node)
				}
				e++
			}
			if i++; i == len(text) {
				break
			}
			if c := l.class[text[i]]; l.nodes != nil {
				v = l.stepIndexed(node, c)
			} else {
				v = l.stepEdges(node, c)
			}
		}
	}
}

// matchASCII is match for a text of ASCII letters, whose runes are its
// bytes: every byte walked ends a rune. Both write out the choice of
// stepIndexed or stepEdges: a method making it is too large to be
// inlined, and calling it in these loops cost 5M more instructions on
// the corpus edition.
func (l *liang) matchASCII(text []byte, prio []byte) {
	for s := 0; s < len(text)-1; s++ {
		base := s - 1
		if text[s] == '.' {
			base = s
		}
		v := l.root[l.class[text[s]]]
		for i := s; v >= 0; {
			node := v >> 1
			if v&1 != 0 && (i > s || s > 0) {
				l.apply(prio[base:], node)
			}
			if i++; i == len(text) {
				break
			}
			if c := l.class[text[i]]; l.nodes != nil {
				v = l.stepIndexed(node, c)
			} else {
				v = l.stepEdges(node, c)
			}
		}
	}
}

// apply raises the priorities of prio (from the pattern's start) to those
// of the pattern ending at node.
func (l *liang) apply(prio []byte, node int32) {
	var lo, hi int32
	if l.nodes != nil { // beside the node's children, just read
		lo, hi = l.nodes[node].first, l.nodes[node+1].first
	} else {
		lo, hi = l.first[node], l.first[node+1]
	}
	for _, pa := range l.prio[lo:hi] {
		if pa.p > prio[pa.at] {
			prio[pa.at] = pa.p
		}
	}
}
