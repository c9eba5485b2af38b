package fpdf

import (
	"bytes"
	"encoding/binary"
	"slices"
	"testing"
)

// TestUnpackArrays: unpackUint16Array and unpackUint32Array give what
// fpdf's versions (kept here) gave, for every length up to 11, odd ones
// included.
func TestUnpackArrays(t *testing.T) {
	data := []byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}
	for n := 0; n <= len(data); n++ {
		if got, want := unpackUint16Array(data[:n]), oldUnpackUint16Array(data[:n]); !slices.Equal(got, want) {
			t.Errorf("16, %d bytes: %v, want %v", n, got, want)
		}
		if got, want := unpackUint32Array(data[:n]), oldUnpackUint32Array(data[:n]); !slices.Equal(got, want) {
			t.Errorf("32, %d bytes: %v, want %v", n, got, want)
		}
	}
}

func oldUnpackUint16Array(data []byte) []int {
	answer := make([]int, 1)
	r := bytes.NewReader(data)
	bs := make([]byte, 2)
	var e error
	var c int
	c, e = r.Read(bs)
	for e == nil && c > 0 {
		answer = append(answer, int(binary.BigEndian.Uint16(bs)))
		c, e = r.Read(bs)
	}
	return answer
}

func oldUnpackUint32Array(data []byte) []int {
	answer := make([]int, 1)
	r := bytes.NewReader(data)
	bs := make([]byte, 4)
	var e error
	var c int
	c, e = r.Read(bs)
	for e == nil && c > 0 {
		answer = append(answer, int(binary.BigEndian.Uint32(bs)))
		c, e = r.Read(bs)
	}
	return answer
}
