package text

import (
	"testing"
	"unsafe"
)

// TestTouched checks that touching a slab changes nothing in it: the
// same slice, still zero, whatever its element size and capacity.
func TestTouched(t *testing.T) {
	for _, n := range []int{0, 1, 63, 64, 2048, 5000} {
		s := make([]Run, 0, n)
		got := touched(s)
		if len(got) != 0 || cap(got) != n || (n > 0 && unsafe.SliceData(got) != unsafe.SliceData(s)) {
			t.Fatalf("cap %d: touched gave len %d cap %d, another slice", n, len(got), cap(got))
		}
		for i, r := range got[:n] {
			if r != (Run{}) {
				t.Fatalf("cap %d: run %d is %+v after touching", n, i, r)
			}
		}
	}
	b := touched(make([]byte, 3, 9000))
	for i, c := range b[:cap(b)] {
		if c != 0 {
			t.Fatalf("byte %d is %d after touching", i, c)
		}
	}
}
