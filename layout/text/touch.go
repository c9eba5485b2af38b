package text

import "unsafe"

// touched returns s after writing a zero byte on each 4 KiB page of its
// capacity, which is zero already (a slab just made). Memory fresh from
// the system that is read before it is written is mapped to the shared
// zero page, and the write that follows faults again and has every
// processor's TLB flushed; a slab of lines or runs is read first by the
// garbage collector's write barrier, which reads the pointers a slot
// holds before it is written while a collection is marking. Writing
// each page first faults it in once.
func touched[T any](s []T) []T {
	var zero T
	n := uintptr(cap(s)) * unsafe.Sizeof(zero)
	if n == 0 {
		return s
	}
	b := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s[:cap(s)]))), n)
	for i := 0; i < len(b); i += 4096 {
		b[i] = 0
	}
	return s
}
