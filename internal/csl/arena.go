package csl

// arena holds the nodes of one rendering (a citation, an entry, a sort
// key, a cite's short form) and their lists of children. A rendering
// makes thousands of small nodes and drops them all once it is flattened
// to text; the next rendering reuses their room (reset), so that nodes
// cost neither an allocation each nor the collector's time. Nothing keeps
// a node past the rendering that made it: renderings give Rich text and
// strings.
type arena struct {
	blocks    [][]node // nodeBlock nodes each
	b, i      int      // the next node: blocks[b][i]
	kidBlocks [][]*node
	kb, ki    int // the next child: kidBlocks[kb][ki]
}

const (
	nodeBlock = 256
	kidBlock  = 1024
)

// reset starts a new rendering: the nodes of the one before are reused.
func (a *arena) reset() { a.b, a.i, a.kb, a.ki = 0, 0, 0, 0 }

// node returns a zero node.
func (a *arena) node() *node {
	if a.i == nodeBlock {
		a.b, a.i = a.b+1, 0
	}
	if a.b == len(a.blocks) {
		a.blocks = append(a.blocks, make([]node, nodeBlock))
	}
	n := &a.blocks[a.b][a.i]
	a.i++
	*n = node{}
	return n
}

// kids returns a copy of ks, its capacity its length.
func (a *arena) kids(ks []*node) []*node {
	if len(ks) > kidBlock {
		return append([]*node(nil), ks...)
	}
	if a.ki+len(ks) > kidBlock {
		a.kb, a.ki = a.kb+1, 0
	}
	if a.kb == len(a.kidBlocks) {
		a.kidBlocks = append(a.kidBlocks, make([]*node, kidBlock))
	}
	out := a.kidBlocks[a.kb][a.ki : a.ki+len(ks) : a.ki+len(ks)]
	copy(out, ks)
	a.ki += len(ks)
	return out
}
