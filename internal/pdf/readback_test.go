package pdf

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"os/exec"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/testenv"
)

// pdfFile is a PDF read back with qpdf --json (JSON version 2): its
// objects, with their streams decoded, and its pages in order.
type pdfFile struct {
	t       *testing.T
	version string
	objs    map[string]any // "obj:N 0 R" and "trailer" → object
	pages   []string       // page objects, "N 0 R"
}

// readPDF runs qpdf on the file at path; a missing qpdf skips the test
// locally and fails it in CI.
func readPDF(t *testing.T, path string) *pdfFile {
	t.Helper()
	qpdf := testenv.Tool(t, "qpdf")
	out, err := exec.Command(qpdf[0], append(qpdf[1:], "--json", "--json-key=qpdf", "--json-key=pages",
		"--json-stream-data=inline", "--decode-level=generalized", path)...).Output()
	if err != nil {
		t.Fatalf("qpdf --json %s: %v", path, err)
	}
	var doc struct {
		QPDF  []json.RawMessage `json:"qpdf"`
		Pages []struct {
			Object string `json:"object"`
		} `json:"pages"`
	}
	if err := json.Unmarshal(out, &doc); err != nil || len(doc.QPDF) != 2 {
		t.Fatalf("qpdf --json: %v", err)
	}
	var head struct {
		PDFVersion string `json:"pdfversion"`
	}
	f := &pdfFile{t: t}
	if err := json.Unmarshal(doc.QPDF[0], &head); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(doc.QPDF[1], &f.objs); err != nil {
		t.Fatal(err)
	}
	f.version = head.PDFVersion
	for _, p := range doc.Pages {
		f.pages = append(f.pages, p.Object)
	}
	return f
}

// obj returns an object by reference ("N 0 R"), or the trailer.
func (f *pdfFile) obj(ref string) any {
	if ref == "trailer" {
		return f.objs["trailer"].(map[string]any)["value"]
	}
	o, ok := f.objs["obj:"+ref].(map[string]any)
	if !ok {
		f.t.Fatalf("no object %s", ref)
	}
	if v, ok := o["value"]; ok {
		return v
	}
	return o["stream"]
}

// resolve follows a reference; anything else is returned as it is.
func (f *pdfFile) resolve(v any) any {
	if s, ok := v.(string); ok && strings.HasSuffix(s, " R") {
		return f.obj(s)
	}
	return v
}

// dict returns v resolved as a dictionary, or a stream's dictionary.
func (f *pdfFile) dict(v any) map[string]any {
	m, _ := f.resolve(v).(map[string]any)
	if d, ok := m["dict"].(map[string]any); ok {
		return d
	}
	return m
}

// data returns the decoded data of the stream v.
func (f *pdfFile) data(v any) []byte {
	m, _ := f.resolve(v).(map[string]any)
	s, _ := m["data"].(string)
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		f.t.Fatalf("stream data: %v", err)
	}
	return b
}

// text returns a PDF string as qpdf writes it ("u:…" for text).
func text(v any) string {
	s, _ := v.(string)
	return strings.TrimPrefix(s, "u:")
}

// box returns a page's rectangle as [llx lly urx ury]; ok is false when
// the page has none.
func (f *pdfFile) box(page map[string]any, name string) (r [4]float64, ok bool) {
	a, ok := f.resolve(f.inherited(page, name)).([]any)
	if !ok || len(a) != 4 {
		return r, false
	}
	for i, v := range a {
		r[i], _ = v.(float64)
	}
	return r, true
}

// inherited returns a page's entry, from its ancestors when the page has
// none (ISO 32000-1 §7.7.3.4: MediaBox, CropBox, Resources and Rotate are
// inherited).
func (f *pdfFile) inherited(page map[string]any, key string) any {
	for n := 0; page != nil && n < 32; n++ {
		if v, ok := page[key]; ok {
			return v
		}
		if key != "/MediaBox" && key != "/CropBox" && key != "/Resources" && key != "/Rotate" {
			return nil
		}
		page = f.dict(page["/Parent"])
	}
	return nil
}

// content returns the decoded content of a page.
func (f *pdfFile) content(page map[string]any) []byte {
	switch c := page["/Contents"].(type) {
	case string:
		return f.data(c)
	case []any:
		var b []byte
		for _, r := range c {
			b = append(b, f.data(r)...)
		}
		return b
	}
	return nil
}

// op is one operator of a content stream with its operands.
type op struct {
	name string
	args []string
}

// ops splits a content stream into operators (ISO 32000-1 §7.8.2):
// operands are numbers, names, strings, arrays and dictionaries, written
// back as their source text; strings are skipped over whole, so that text
// drawn is never read as an operator.
func ops(b []byte) []op {
	var out []op
	var args []string
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0 || c == '\f':
			i++
		case c == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		case c == '(':
			j := skipString(b, i)
			args = append(args, string(b[i:j]))
			i = j
		case c == '[' || c == ']' || c == '{' || c == '}':
			args = append(args, string(c))
			i++
		case c == '<' || c == '>':
			j := i + 1
			if c == '<' && (j >= len(b) || b[j] != '<') {
				for j < len(b) && b[j] != '>' {
					j++
				}
				j++
			} else if j < len(b) && b[j] == c {
				j++
			}
			args = append(args, string(b[i:j]))
			i = j
		default:
			j := i + 1
			for j < len(b) && !bytes.ContainsRune([]byte(" \n\r\t\f\x00()<>[]{}/%"), rune(b[j])) {
				j++
			}
			tok := string(b[i:j])
			i = j
			if c == '/' || c == '-' || c == '+' || c == '.' || '0' <= c && c <= '9' || tok == "true" || tok == "false" || tok == "null" {
				args = append(args, tok)
				continue
			}
			out = append(out, op{name: tok, args: args})
			args = nil
		}
	}
	return out
}

// skipString returns the index after the literal string starting at b[i].
func skipString(b []byte, i int) int {
	depth := 0
	for ; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return len(b)
}

func TestOps(t *testing.T) {
	got := ops([]byte("q 0.000 0.000 0.000 1.000 k BT /F1 9.00 Tf ET BT 1 2 Td (a\\) rg \\(b) Tj ET /CS1 cs 1 scn [<00ff> 3] TJ Q"))
	var names []string
	for _, o := range got {
		names = append(names, o.name+"/"+strings.Join(o.args, ","))
	}
	want := "q/ k/0.000,0.000,0.000,1.000 BT/ Tf//F1,9.00 ET/ BT/ Td/1,2 Tj/(a\\) rg \\(b) ET/ cs//CS1 scn/1 TJ/[,<00ff>,3,] Q/"
	if s := strings.Join(names, " "); s != want {
		t.Errorf("ops:\n%s\nwant\n%s", s, want)
	}
}
