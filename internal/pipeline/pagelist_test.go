package pipeline_test

import (
	"html"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/redtide/edition/internal/pipeline"
	"github.com/redtide/edition/internal/testenv"
	"github.com/redtide/edition/layout"
)

// TestPageList checks the EPUB's print page numbers against the PDF of
// the same build, on the default edition and the corpus: one marker per
// page but a cover (a front page that opens the lead is page 1), listed in the page list, and for every page N the
// words that follow the marker page-N in the EPUB are printed on page N
// of the PDF (as pdftotext reads it, running head and folio taken off).
// Pages without text (blank pages at the
// end) are marked but not compared. Which words of a page come first in
// the edition's order is the layout's test (TestPageStarts): a newspaper
// page sets articles one below another and floats at the head of
// columns, so the text pdftotext reads first is not always the text that
// runs on from the page before.
func TestPageList(t *testing.T) {
	t.Parallel()
	testenv.Tool(t, "pdftotext")
	manifests := []string{defaultManifest(t)}
	if testing.Short() {
		t.Log("-short: the default edition only")
	} else if testenv.SharedRoot(t) != "" || testenv.InCI() {
		manifests = append(manifests, corpusManifest(t))
	}
	for _, man := range manifests {
		var doc *layout.Document
		res, err := pipeline.Run(pipeline.Options{Manifest: man, OutDir: t.TempDir(), Epoch: &testEpoch,
			Preview: func(p pipeline.Preview) { doc = p.Layout }})
		if err != nil {
			t.Fatal(err)
		}
		checkPageList(t, man, doc, pdfOf(t, res), readEPUB(t, epubOf(t, res)))
	}
}

var (
	pageMarker = regexp.MustCompile(`<span epub:type="pagebreak" role="doc-pagebreak" id="page-([^"]+)" aria-label="([^"]+)"></span>`)
	pageLink   = regexp.MustCompile(`<a href="xhtml/([^"#]+)#page-([^"]+)">([^<]+)</a>`)
	tag        = regexp.MustCompile(`<[^>]*>`)
	blockEnd   = regexp.MustCompile(`</(p|h[1-6]|li|figcaption|td|th|dt|dd|pre|blockquote|caption)>`)
)

func checkPageList(t *testing.T, man string, doc *layout.Document, pdf string, files []epubFile) {
	t.Helper()
	after := map[string]string{} // page label -> the EPUB's text after its marker
	for _, f := range files {
		if !strings.HasPrefix(f.hdr.Name, "EPUB/xhtml/") {
			continue
		}
		x := string(f.data)
		for _, m := range pageMarker.FindAllStringSubmatchIndex(x, -1) {
			label := x[m[2]:m[3]]
			if _, dup := after[label]; dup {
				t.Errorf("%s: two markers of page %s", man, label)
			}
			if x[m[4]:m[5]] != label {
				t.Errorf("%s: marker page-%s labelled %q", man, label, x[m[4]:m[5]])
			}
			rest := x[m[1]:min(len(x), m[1]+4000)]
			if end := blockEnd.FindStringIndex(rest); end != nil {
				rest = rest[:end[0]] // the element the page begins in
			}
			after[label] = html.UnescapeString(tag.ReplaceAllString(rest, ""))
		}
	}
	listed := 0
	for _, m := range pageLink.FindAllStringSubmatch(string(entry(files, "EPUB/nav.xhtml")), -1) {
		listed++
		if _, ok := after[m[2]]; !ok || m[3] != m[2] {
			t.Errorf("%s: page list links page %s (%q) to no marker", man, m[2], m[3])
		}
	}
	first := 1 // a cover has no marker; a front page that opens the lead has
	for _, l := range doc.Pages[0].Lines {
		if l.Node != nil {
			first = 0
		}
	}
	if n := len(doc.Pages); len(after) != n-first || listed != n-first {
		t.Errorf("%s: %d markers and %d pages listed for a PDF of %d pages", man, len(after), listed, n)
	}
	bad := 0
	for i := first; i < len(doc.Pages); i++ {
		label := strconv.Itoa(i + 1)
		text, ok := after[label]
		if !ok {
			t.Errorf("%s: no marker of page %s", man, label)
			continue
		}
		want := letters(text)
		want = want[:min(len(want), 30)]
		page := pageText(t, pdf, doc, i)
		if page == "" || strings.Contains(letters(page), want) {
			continue
		}
		bad++
		if bad <= 5 {
			t.Errorf("%s: page %s begins %.60q in the PDF, but its marker is followed by %.60q", man, label, page, strings.Join(strings.Fields(text), " "))
		}
	}
	if bad > 5 {
		t.Errorf("%s: %d pages in all", man, bad)
	}
}

// pageText is the text pdftotext reads on page i, without its running
// head and folio (the layout's furniture lines).
func pageText(t *testing.T, pdf string, doc *layout.Document, i int) string {
	t.Helper()
	p := doc.Pages[i]
	n := strconv.Itoa(i + 1)
	args := []string{"-f", n, "-l", n, "-enc", "UTF-8"}
	out, err := exec.Command("pdftotext", append(args, pdf, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext page %s: %v", n, err)
	}
	text := ligatures.Replace(string(out))
	var furniture strings.Builder
	for _, l := range p.Lines {
		if l.Kind == layout.KindFurniture {
			for _, r := range l.Runs {
				furniture.WriteString(letters(r.Text))
			}
		}
	}
	// Take the furniture off the start of the text, line by line, each
	// piece once: pdftotext may cut a line of it in two, and an article's
	// title may be its running head too.
	rest := furniture.String()
	lines := strings.Split(text, "\n")
	for len(lines) > 0 {
		l := letters(lines[0])
		if l != "" {
			i := strings.Index(rest, l)
			if i < 0 {
				break
			}
			rest = rest[:i] + rest[i+len(l):]
		}
		lines = lines[1:]
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// letters keeps the letters and digits of s, which both outputs print
// alike (quotes, dashes, spaces and hyphens differ).
func letters(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

// TestNoPDFNoPageList: without a print edition there are no page
// numbers to carry, and no source named for them.
func TestNoPDFNoPageList(t *testing.T) {
	t.Parallel()
	res, err := pipeline.Run(pipeline.Options{Manifest: defaultManifest(t), OutDir: t.TempDir(), Epoch: &testEpoch, NoPDF: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range readEPUB(t, epubOf(t, res)) {
		for _, s := range []string{"pagebreak", "page-list", "dc:source", "pageBreakMarkers"} {
			if strings.Contains(string(f.data), s) {
				t.Errorf("%s holds %q in an EPUB built without a PDF", f.hdr.Name, s)
			}
		}
	}
}
