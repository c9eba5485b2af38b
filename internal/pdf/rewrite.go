package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"hash/fnv"
	"runtime"
	"slices"
	"strconv"
	"sync"
)

// fpdf names an embedded UTF-8 font "utf8" + its lower-cased family and
// gives it no subset tag, so viewers and preflight tools (pdffonts) cannot
// tell it is a subset. PDF 32000-1 §9.6.4 wants a subset named
// "ABCDEF+PostScriptName". The rename changes lengths, so the
// cross-reference table is rebuilt. fpdf's names match
// /utf8([A-Za-z0-9#_.+-]+).
func isNameByte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '#' || c == '_' || c == '.' || c == '+' || c == '-'
}

// subsetTag is six upper-case letters derived from the name: stable across
// builds.
func subsetTag(name string) string {
	h := fnv.New64a()
	h.Write([]byte(name))
	v := h.Sum64()
	b := make([]byte, 6)
	for i := range b {
		b[i] = 'A' + byte(v%26)
		v /= 26
	}
	return string(b)
}

// object is one indirect object of fpdf's output: pdf[start:end].
type object struct {
	num        int
	start, end int
	content    []byte // the page content stream, if it is one
}

// finish rewrites the PDF fpdf wrote, object by object, and rebuilds the
// cross-reference table:
//
//   - fpdf is told not to compress, and the page content streams are
//     compressed here, on all cores, each goroutine reusing one zlib
//     writer. The bytes are those fpdf writes when it compresses (zlib,
//     best speed, a new writer per page, which costs more than the
//     compression of a small page).
//   - BleedBox comes before TrimBox (fixBoxOrder).
//   - Fonts get tagged subset names (utf8FontName); names maps fpdf's
//     lower-case family to the PostScript name.
func finish(pdf []byte, names map[string]string) ([]byte, error) {
	sx := bytes.LastIndex(pdf, []byte("startxref\n"))
	if sx < 0 {
		return nil, errors.New("no startxref")
	}
	xrefPos, err := strconv.Atoi(string(bytes.TrimSpace(bytes.TrimSuffix(bytes.TrimSpace(pdf[sx+len("startxref\n"):]), []byte("%%EOF")))))
	if err != nil || xrefPos <= 0 || xrefPos >= sx || !bytes.HasPrefix(pdf[xrefPos:], []byte("xref\n")) {
		return nil, errors.New("malformed startxref")
	}
	// xref: "xref\n0 N\n" then N entries "oooooooooo ggggg n \n"
	rest := pdf[xrefPos:]
	head, rest, _ := bytes.Cut(rest, []byte("\n"))
	count, rest, _ := bytes.Cut(rest, []byte("\n"))
	var n int
	if _, err := fmt.Sscanf(string(count), "0 %d", &n); err != nil || n < 1 || len(rest) < 20*n {
		return nil, errors.New("malformed xref header")
	}
	entries, trailer := rest[:20*n], rest[20*n:]
	var objs []object
	for i := 0; i < n; i++ {
		l := entries[20*i : 20*i+20]
		if l[19] != '\n' {
			return nil, fmt.Errorf("xref entry %d is malformed", i)
		}
		if l[17] != 'n' {
			continue
		}
		off, err := strconv.Atoi(string(l[:10]))
		if err != nil || off <= 0 || off >= xrefPos {
			return nil, fmt.Errorf("xref entry %d: bad offset", i)
		}
		objs = append(objs, object{num: i, start: off})
	}
	if len(objs) == 0 {
		return nil, errors.New("no objects")
	}
	slices.SortFunc(objs, func(a, b object) int { return a.start - b.start })
	for i := range objs {
		objs[i].end = xrefPos
		if i+1 < len(objs) {
			objs[i].end = objs[i+1].start
		}
	}

	// Page content streams: the objects that pages name as /Contents.
	byNum := make(map[int]int, len(objs))
	for i, o := range objs {
		byNum[o.num] = i
	}
	var contents []int
	for _, o := range objs {
		body := pdf[o.start:o.end]
		if !bytes.Contains(body[:min(len(body), 40)], []byte(" 0 obj\n<</Type /Page\n")) {
			continue
		}
		_, after, ok := bytes.Cut(body, []byte("/Contents "))
		if !ok {
			continue
		}
		num, _, _ := bytes.Cut(after, []byte(" "))
		cn, err := strconv.Atoi(string(num))
		if err != nil {
			return nil, fmt.Errorf("object %d: bad /Contents", o.num)
		}
		ci, ok := byNum[cn]
		if !ok {
			return nil, fmt.Errorf("object %d: /Contents %d is not in the xref", o.num, cn)
		}
		c := &objs[ci]
		data, ok := plainStream(pdf[c.start:c.end], c.num)
		if !ok {
			return nil, fmt.Errorf("object %d: not an uncompressed content stream", c.num)
		}
		c.content = data
		contents = append(contents, ci)
	}
	packed := compressAll(objs, contents)

	var out bytes.Buffer
	out.Grow(objs[0].start + (xrefPos-objs[0].start)/3)
	rewrite := func(b []byte) {
		if bytes.Contains(b[:min(len(b), 40)], []byte(" 0 obj\n<</Type /Page\n")) {
			b = fixBoxOrder(b)
		}
		// The matches of utf8FontName, found with a fast search for
		// their start: the fonts themselves are megabytes.
		last := 0
		for at := 0; ; {
			i := bytes.Index(b[at:], []byte("/utf8"))
			if i < 0 {
				break
			}
			i += at
			j := i + len("/utf8")
			for j < len(b) && isNameByte(b[j]) {
				j++
			}
			at = j
			if j == i+len("/utf8") {
				at = i + 1
				continue
			}
			ps, ok := names[string(b[i+len("/utf8"):j])]
			if !ok {
				continue
			}
			out.Write(b[last:i])
			out.WriteString("/" + subsetTag(ps) + "+" + ps)
			last = j
		}
		out.Write(b[last:])
	}
	rewrite(pdf[:objs[0].start])
	offsets := make([]int, n)
	for i, o := range objs {
		offsets[o.num] = out.Len()
		if o.content == nil {
			rewrite(pdf[o.start:o.end])
			continue
		}
		fmt.Fprintf(&out, "%d 0 obj\n<</Filter /FlateDecode /Length %d>>\nstream\n", o.num, len(packed[i]))
		out.Write(packed[i])
		out.WriteString("\nendstream\nendobj\n")
	}
	xref := out.Len()
	out.Write(head)
	out.WriteByte('\n')
	out.Write(count)
	out.WriteByte('\n')
	for i := 0; i < n; i++ {
		l := entries[20*i : 20*i+20]
		if l[17] == 'n' {
			fmt.Fprintf(&out, "%010d", offsets[i])
			out.Write(l[10:])
		} else {
			out.Write(l)
		}
	}
	i := bytes.LastIndex(trailer, []byte("startxref\n"))
	out.Write(trailer[:i])
	fmt.Fprintf(&out, "startxref\n%d\n%%%%EOF\n", xref)
	return out.Bytes(), nil
}

// plainStream returns the data of "N 0 obj\n<</Length L>>\nstream\n" data
// "\nendstream\nendobj\n", as fpdf writes an uncompressed page.
func plainStream(obj []byte, num int) ([]byte, bool) {
	prefix := strconv.Itoa(num) + " 0 obj\n<</Length "
	if !bytes.HasPrefix(obj, []byte(prefix)) {
		return nil, false
	}
	lstr, rest, ok := bytes.Cut(obj[len(prefix):], []byte(">>\nstream\n"))
	if !ok {
		return nil, false
	}
	l, err := strconv.Atoi(string(lstr))
	if err != nil || l < 0 || l > len(rest) || !bytes.Equal(rest[l:], []byte("\nendstream\nendobj\n")) {
		return nil, false
	}
	return rest[:l], true
}

// compressAll compresses the content of objs[k] for every k in which,
// each as zlib at best speed, on as many goroutines as there are cores.
// packed[k] is the result for objs[k].
func compressAll(objs []object, which []int) [][]byte {
	packed := make([][]byte, len(objs))
	var next sync.Mutex
	k := 0
	work := func() {
		var zw *zlib.Writer
		for {
			next.Lock()
			if k == len(which) {
				next.Unlock()
				return
			}
			i := which[k]
			k++
			next.Unlock()
			var buf bytes.Buffer
			buf.Grow(len(objs[i].content)/3 + 64)
			if zw == nil {
				zw, _ = zlib.NewWriterLevel(&buf, zlib.BestSpeed)
			} else {
				zw.Reset(&buf)
			}
			zw.Write(objs[i].content) // a bytes.Buffer does not fail
			zw.Close()
			packed[i] = buf.Bytes()
		}
	}
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(which)) - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
	return packed
}
