package hyph

import (
	"encoding/binary"
	"errors"
)

// The English trie is embedded ready-made (hyph_en_US.trie, written by
// TestTrieUpToDate with -update from hyph_en_US.pat): reading it is a few
// copies, where parsing and sorting 11,000 patterns cost ~10 ms of every
// cold build.

const trieMagic = "LIANG\x01"

// appendBinary appends the trie in a little-endian binary form.
func (l *liang) appendBinary(b []byte) []byte {
	b = append(b, trieMagic...)
	b = binary.LittleEndian.AppendUint16(b, uint16(l.classes))
	b = append(b, l.class[:]...)
	for _, v := range l.root {
		b = binary.LittleEndian.AppendUint32(b, uint32(v))
	}
	ints := func(s []int32) {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(s)))
		for _, v := range s {
			b = binary.LittleEndian.AppendUint32(b, uint32(v))
		}
	}
	ints(l.start)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(l.edges)))
	for _, e := range l.edges {
		b = append(b, e.class)
		b = binary.LittleEndian.AppendUint32(b, uint32(e.next))
	}
	ints(l.first)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(l.prio)))
	for _, p := range l.prio {
		b = append(b, p.at, p.p)
	}
	return b
}

var errTrie = errors.New("hyph: corrupt embedded trie")

// readLiang reads what appendBinary wrote, checking every bound so that
// a corrupt file is an error and never an out-of-range lookup later.
func readLiang(b []byte) (*liang, error) {
	l, rest, err := readLiangFrom(b)
	if err == nil && len(rest) != 0 {
		err = errTrie
	}
	return l, err
}

// readLiangFrom reads one trie from the start of b and returns the bytes
// after it.
func readLiangFrom(b []byte) (*liang, []byte, error) {
	if len(b) < len(trieMagic) || string(b[:len(trieMagic)]) != trieMagic {
		return nil, nil, errTrie
	}
	b = b[len(trieMagic):]
	take := func(n int) []byte {
		if n < 0 || n > len(b) {
			b = nil
			return nil
		}
		out := b[:n]
		b = b[n:]
		return out
	}
	u32 := func() int {
		p := take(4)
		if p == nil {
			return -1
		}
		return int(binary.LittleEndian.Uint32(p))
	}
	l := &liang{}
	h := take(2)
	if h == nil {
		return nil, nil, errTrie
	}
	l.classes = int(binary.LittleEndian.Uint16(h))
	c := take(256)
	if c == nil {
		return nil, nil, errTrie
	}
	copy(l.class[:], c)
	r := take(4 * 256)
	if r == nil {
		return nil, nil, errTrie
	}
	for i := range l.root {
		l.root[i] = int32(binary.LittleEndian.Uint32(r[4*i:]))
	}
	ints := func() []int32 {
		n := u32()
		p := take(4 * n)
		if p == nil {
			return nil
		}
		s := make([]int32, n)
		for i := range s {
			s[i] = int32(binary.LittleEndian.Uint32(p[4*i:]))
		}
		return s
	}
	l.start = ints()
	n := u32()
	p := take(5 * n)
	if p == nil {
		return nil, nil, errTrie
	}
	l.edges = make([]edge, n)
	for i := range l.edges {
		l.edges[i] = edge{p[5*i], int32(binary.LittleEndian.Uint32(p[5*i+1:]))}
	}
	l.first = ints()
	n = u32()
	p = take(2 * n)
	if p == nil || l.start == nil || l.first == nil {
		return nil, nil, errTrie
	}
	l.prio = make([]prioAt, n)
	for i := range l.prio {
		l.prio[i] = prioAt{p[2*i], p[2*i+1]}
	}
	if err := l.check(); err != nil {
		return nil, nil, err
	}
	return l, b, nil
}

// check verifies that every index the lookups follow is in range.
func (l *liang) check() error {
	nodes := len(l.start) - 1
	if nodes < 1 || len(l.first) != nodes+1 || l.classes < 1 || l.classes > 256 {
		return errTrie
	}
	inNode := func(v int32) bool { return v == -1 || v >= 0 && int(v>>1) < nodes }
	for _, v := range l.root {
		if !inNode(v) {
			return errTrie
		}
	}
	for i := 0; i < nodes; i++ {
		if l.start[i] < 0 || l.start[i] > l.start[i+1] || l.first[i] < 0 || l.first[i] > l.first[i+1] {
			return errTrie
		}
	}
	if int(l.start[nodes]) != len(l.edges) || int(l.first[nodes]) != len(l.prio) {
		return errTrie
	}
	for _, e := range l.edges {
		if !inNode(e.next) || e.next < 0 {
			return errTrie
		}
	}
	return nil
}

const patternsMagic = "HYPH\x01"

// appendPatterns appends a pattern set (one or two levels and its
// minimums) in binary form.
func (p *patterns) appendBinary(b []byte) []byte {
	b = append(b, patternsMagic...)
	b = append(b, uint8(p.leftMin), uint8(p.rightMin), uint8(p.compoundLeftMin), uint8(p.compoundRightMin))
	var flags byte
	if p.vowelSyllables {
		flags |= 1
	}
	if p.compound != nil {
		flags |= 2
	}
	b = append(b, flags)
	if p.compound != nil {
		b = p.compound.appendBinary(b)
	}
	return p.syllable.appendBinary(b)
}

// readPatterns reads what patterns.appendBinary wrote.
func readPatterns(b []byte) (*patterns, error) {
	if len(b) < len(patternsMagic)+5 || string(b[:len(patternsMagic)]) != patternsMagic {
		return nil, errTrie
	}
	b = b[len(patternsMagic):]
	p := &patterns{leftMin: int(b[0]), rightMin: int(b[1]), compoundLeftMin: int(b[2]), compoundRightMin: int(b[3])}
	flags := b[4]
	b = b[5:]
	p.vowelSyllables = flags&1 != 0
	var err error
	if flags&2 != 0 {
		if p.compound, b, err = readLiangFrom(b); err != nil {
			return nil, err
		}
	}
	if p.syllable, err = readLiang(b); err != nil {
		return nil, err
	}
	return p, nil
}
