// Copyright ©2021 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/klauspost/compress/zlib"
)

var xmem = xmempool{
	Pool: sync.Pool{
		New: func() interface{} {
			var m membuffer
			return &m
		},
	},
}

type xmempool struct{ sync.Pool }

// zwriters are the zlib writers (level 1, zlibWriter) of compress: edition
// patch.
//
// Every stream fpdf deflates (page contents, font subsets and their
// CIDToGIDMaps, ICC profiles, image masks) is deflated by
// github.com/klauspost/compress at level 1 instead of compress/flate's
// BestSpeed: on the corpus edition's page streams it takes about half
// the instructions and makes them about 6% smaller (font subsets 2%
// larger). Its output differs from compress/flate's,
// but is the same for the same input, as the file must be.
var zwriters sync.Pool

func (pool *xmempool) compress(data []byte) *membuffer {
	return pool.compressIn(data, len(data))
}

// compressIn is compress with room for room bytes of output made at
// first: edition patch. compress makes room for as many bytes as data
// has, which the deflated bytes of a CIDToGIDMap (128 KB, mostly zeros,
// to a few KB) are far from filling; making and clearing that room was
// a page fault each 4 KB.
func (pool *xmempool) compressIn(data []byte, room int) *membuffer {
	mem := pool.Get().(*membuffer)
	buf := &mem.buf
	buf.Grow(room)

	// edition patch: the zlib writers are reused (Reset), as making one
	// allocates and clears its tables; the bytes are the same
	zw, _ := zwriters.Get().(*zlibWriter)
	if zw == nil {
		zw = newZlibWriter(buf)
	} else {
		zw.Reset(buf)
	}
	defer zwriters.Put(zw)
	_, err := zw.Write(data)
	if err != nil {
		panic(fmt.Errorf("could not zlib-compress slice: %w", err))
	}

	err = zw.Close()
	if err != nil {
		panic(fmt.Errorf("could not close zlib writer: %w", err))
	}
	return mem
}

func (pool *xmempool) uncompress(data []byte) (*membuffer, error) {
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}

	mem := pool.Get().(*membuffer)
	mem.buf.Reset()

	_, err = mem.buf.ReadFrom(zr)
	if err != nil {
		mem.release()
		return nil, err
	}

	return mem, nil
}

type membuffer struct {
	buf bytes.Buffer
}

func (mem *membuffer) bytes() []byte { return mem.buf.Bytes() }
func (mem *membuffer) release() {
	mem.buf.Reset()
	xmem.Put(mem)
}

func (mem *membuffer) copy() []byte {
	src := mem.bytes()
	dst := make([]byte, len(src))
	copy(dst, src)
	return dst
}
