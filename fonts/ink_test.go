package fonts

import "testing"

// TestInk: glyph ink from the glyf table, against what the shapes are
// known to do in Liberation Serif: an italic f overhangs its advance on
// the right; a roman o's ink lies inside
// its advance; a space has none.
func TestInk(t *testing.T) {
	set := Default()
	it, rm := set.Text.Face(Italic), set.Text.Face(Regular)
	if l, r := it.Ink('f'); r <= it.Width('f') || l >= r {
		t.Errorf("italic f: ink %d..%d, advance %d; want it to pass the advance", l, r, it.Width('f'))
	}
	if l, r := rm.Ink('o'); l <= 0 || r >= rm.Width('o') || r <= l {
		t.Errorf("roman o: ink %d..%d, advance %d; want it inside", l, r, rm.Width('o'))
	}
	if l, r := rm.Ink(' '); l != 0 || r != 0 {
		t.Errorf("space: ink %d..%d", l, r)
	}
	if l, r := rm.Ink(0x10FFFF); l != 0 || r != 0 {
		t.Errorf("a rune outside the BMP: ink %d..%d", l, r)
	}
}
