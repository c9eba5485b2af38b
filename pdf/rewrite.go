package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"hash/fnv"
	"regexp"
	"strconv"
)

// fpdf names an embedded UTF-8 font "utf8" + its lower-cased family and
// gives it no subset tag, so viewers and preflight tools (pdffonts) cannot
// tell it is a subset. PDF 32000-1 §9.6.4 wants a subset named
// "ABCDEF+PostScriptName". The rename changes lengths, so the
// cross-reference table is rebuilt from fpdf's own offsets.
var utf8FontName = regexp.MustCompile(`/utf8([A-Za-z0-9#_.+-]+)`)

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

// renameFonts replaces fpdf's font names by tagged PostScript names;
// names maps fpdf's lower-case family to the PostScript name.
func renameFonts(pdf []byte, names map[string]string) ([]byte, error) {
	sx := bytes.LastIndex(pdf, []byte("startxref\n"))
	if sx < 0 {
		return nil, errors.New("no startxref")
	}
	xrefPos, err := strconv.Atoi(string(bytes.TrimSpace(bytes.TrimSuffix(bytes.TrimSpace(pdf[sx+len("startxref\n"):]), []byte("%%EOF")))))
	if err != nil || xrefPos <= 0 || xrefPos >= sx || !bytes.HasPrefix(pdf[xrefPos:], []byte("xref\n")) {
		return nil, errors.New("malformed startxref")
	}
	body := pdf[:xrefPos]
	type edit struct{ pos, delta int }
	var edits []edit
	var out bytes.Buffer
	last := 0
	for _, m := range utf8FontName.FindAllSubmatchIndex(body, -1) {
		ps, ok := names[string(body[m[2]:m[3]])]
		if !ok {
			continue
		}
		repl := "/" + subsetTag(ps) + "+" + ps
		out.Write(body[last:m[0]])
		out.WriteString(repl)
		edits = append(edits, edit{m[0], len(repl) - (m[1] - m[0])})
		last = m[1]
	}
	out.Write(body[last:])
	shift := func(off int) int {
		d := 0
		for _, e := range edits {
			if e.pos < off {
				d += e.delta
			}
		}
		return off + d
	}
	// xref: "xref\n0 N\n" then N entries "oooooooooo ggggg n \n"
	rest := pdf[xrefPos:]
	lines := bytes.SplitAfter(rest, []byte("\n"))
	if len(lines) < 3 {
		return nil, errors.New("short xref")
	}
	var n int
	if _, err := fmt.Sscanf(string(lines[1]), "0 %d", &n); err != nil || len(lines) < 2+n {
		return nil, errors.New("malformed xref header")
	}
	out.Write(lines[0])
	out.Write(lines[1])
	for i := 0; i < n; i++ {
		l := lines[2+i]
		if len(l) != 20 {
			return nil, fmt.Errorf("xref entry %d has %d bytes", i, len(l))
		}
		if l[17] == 'n' {
			off, err := strconv.Atoi(string(l[:10]))
			if err != nil {
				return nil, fmt.Errorf("xref entry %d: %w", i, err)
			}
			fmt.Fprintf(&out, "%010d%s", shift(off), l[10:])
		} else {
			out.Write(l)
		}
	}
	tail := bytes.Join(lines[2+n:], nil)
	i := bytes.LastIndex(tail, []byte("startxref\n"))
	out.Write(tail[:i])
	fmt.Fprintf(&out, "startxref\n%d\n%%%%EOF\n", shift(xrefPos))
	return out.Bytes(), nil
}
