package text

// wordTable maps words to their shapes, like a map[string]shapeRef, for
// shapeCache. Nearly every lookup of a setter asks it, so it keeps the
// words of 1 to 16 ASCII bytes (nearly all plain words) in its own slots,
// their bytes held in the slot itself: a lookup reads one slot, and
// neither hashes the text with the runtime's string hash nor follows the
// key to the post's text to compare it, as a Go map does. Other words go
// to a Go map. Open addressing with linear probing (Knuth, TAOCP vol. 3,
// §6.4, Algorithm L), at most three quarters full.
type wordTable struct {
	slots []wordSlot // len is a power of two, or 0
	n     int        // words in slots
	other map[string]shapeRef
}

// wordSlot holds a short ASCII word as its wordKey; k1 == 0 marks an
// empty slot (a key's k1 carries the word's length, at least 1).
type wordSlot struct {
	k0, k1 uint64
	r      shapeRef
}

// asciiHigh has the high bit of each byte: no ASCII byte sets one.
const asciiHigh = 0x8080808080808080

// lenBits[n] spreads the bits of n (1 to 16) over the high bits of the
// low five bytes, which an ASCII word leaves clear: or-ed into k1, they
// tell words apart that differ only in length.
var lenBits = func() (t [17]uint64) {
	for n := range t {
		for b := range 5 {
			if n&(1<<b) != 0 {
				t[n] |= 1 << (8*b + 7)
			}
		}
	}
	return t
}()

// wordKey packs s into two words when it is 1 to 16 ASCII bytes, and
// reports whether it did. For 8 bytes and more k0 and k1 are its first
// and last eight bytes, which together cover it; shorter words are
// packed into k0. Either way the length is or-ed into k1 (lenBits), so
// that the key is s's alone.
func wordKey(s string) (k0, k1 uint64, ok bool) {
	n := len(s)
	switch {
	case n == 0 || n > 16:
		return 0, 0, false
	case n >= 8:
		k0, k1 = le64(s), le64(s[n-8:])
	case n >= 4:
		lo, hi := le32(s), le32(s[n-4:])
		k0 = lo | hi<<(8*(n-4))
	default:
		k0 = uint64(s[0]) | uint64(s[n/2])<<(8*(n/2)) | uint64(s[n-1])<<(8*(n-1))
	}
	if (k0|k1)&asciiHigh != 0 {
		return 0, 0, false
	}
	return k0, k1 | lenBits[n], true
}

// le64 is the first eight bytes of s, little-endian (one load).
func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// le32 is the first four bytes of s, little-endian (one load).
func le32(s string) uint64 {
	_ = s[3]
	return uint64(uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24)
}

// slot returns the first slot to probe for key (k0, k1): a multiplicative
// hash (TAOCP §6.4) of the two words, its high bits mixed down.
func (t *wordTable) slot(k0, k1 uint64) int {
	h := (k0*0x9e3779b97f4a7c15 ^ k1) * 0xd6e8feb86659fd93
	h ^= h >> 32
	return int(h & uint64(len(t.slots)-1))
}

// get returns the shape of s and whether the table has one.
func (t *wordTable) get(s string) (shapeRef, bool) {
	k0, k1, ok := wordKey(s)
	if !ok {
		r, ok := t.other[s]
		return r, ok
	}
	if len(t.slots) == 0 {
		return shapeRef{}, false
	}
	mask := len(t.slots) - 1
	for i := t.slot(k0, k1); ; i = (i + 1) & mask {
		sl := &t.slots[i]
		if sl.k1 == k1 && sl.k0 == k0 {
			return sl.r, true
		}
		if sl.k1 == 0 {
			return shapeRef{}, false
		}
	}
}

// put sets the shape of s to r.
func (t *wordTable) put(s string, r shapeRef) {
	k0, k1, ok := wordKey(s)
	if !ok {
		if t.other == nil {
			t.other = map[string]shapeRef{}
		}
		t.other[s] = r
		return
	}
	if 4*(t.n+1) > 3*len(t.slots) {
		t.grow()
	}
	if t.insert(k0, k1, r) {
		t.n++
	}
}

// insert sets the shape of key (k0, k1) to r and reports whether the key
// is new; there must be an empty slot.
func (t *wordTable) insert(k0, k1 uint64, r shapeRef) bool {
	mask := len(t.slots) - 1
	for i := t.slot(k0, k1); ; i = (i + 1) & mask {
		sl := &t.slots[i]
		if sl.k1 == 0 {
			*sl = wordSlot{k0, k1, r}
			return true
		}
		if sl.k1 == k1 && sl.k0 == k0 {
			sl.r = r
			return false
		}
	}
}

// grow doubles the slots (the first time, makes 64) and puts the words
// back.
func (t *wordTable) grow() {
	old := t.slots
	t.slots = make([]wordSlot, max(64, 2*len(old)))
	// Written before it is read: fresh memory from the system that is
	// read first is mapped to the shared zero page, and the write that
	// follows faults again and has every processor's TLB flushed (the
	// probes of insert read before they write). Clearing it writes each
	// page once.
	clear(t.slots)
	for _, sl := range old {
		if sl.k1 != 0 {
			t.insert(sl.k0, sl.k1, sl.r)
		}
	}
}
