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
// page but a cover (a front page that opens the lead is page 1), listed
// in the page list in reading order, and both sides of every marker: the
// words that follow the marker page-N in the EPUB (up to the end of the
// element it stands in) are printed on page N of the PDF, and the words
// just before it, in the reading order of the EPUB's spine, on an
// earlier page (as pdftotext reads the pages, running head and folio
// taken off). A page whose text all comes later in reading order than
// the next page's shares its marker with that page (layout.PageStarts):
// the words after the shared marker are printed on one of those pages.
// Pages without text (blank pages at the end) are marked but not
// compared.
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
	blockEnd   = regexp.MustCompile(`</(p|h[1-6]|li|figcaption|figure|td|th|dt|dd|pre|blockquote|caption)>`)
	spineRef   = regexp.MustCompile(`<itemref idref="([^"]+)"`)
	opfItem    = regexp.MustCompile(`<item id="([^"]+)" href="([^"]+)"`)
)

// marker is a page marker of the EPUB and the text around it.
type marker struct {
	label  string
	doc    string // content document
	at     int    // offset in the spine's text
	before string // the letters of the element before it, or of the part of its element before it
	after  string // the text after it, to the end of its element
}

// spineMarkers reads the page markers of the EPUB's content documents
// in spine order.
func spineMarkers(t *testing.T, man string, files []epubFile) []marker {
	t.Helper()
	href := map[string]string{}
	opf := string(entry(files, "EPUB/package.opf"))
	for _, m := range opfItem.FindAllStringSubmatch(opf, -1) {
		href[m[1]] = m[2]
	}
	var out []marker
	read, last := 0, "" // length of the documents before; their last element's letters
	for _, ref := range spineRef.FindAllStringSubmatch(opf, -1) {
		name := href[ref[1]]
		x := string(entry(files, "EPUB/"+name))
		if i := strings.Index(x, "<body"); i >= 0 {
			x = x[i:]
		}
		for _, m := range pageMarker.FindAllStringSubmatchIndex(x, -1) {
			label := x[m[2]:m[3]]
			if x[m[4]:m[5]] != label {
				t.Errorf("%s: marker page-%s labelled %q", man, label, x[m[4]:m[5]])
			}
			rest := x[m[1]:min(len(x), m[1]+4000)]
			if end := blockEnd.FindStringIndex(rest); end != nil {
				rest = rest[:end[0]] // the element the page begins in
			}
			before := lastElement(x[:m[0]])
			if before == "" {
				before = last
			}
			out = append(out, marker{label: label, doc: name, at: read + m[0], before: before,
				after: html.UnescapeString(tag.ReplaceAllString(rest, ""))})
		}
		read += len(x)
		if l := lastElement(x); l != "" {
			last = l
		}
	}
	return out
}

// lastElement returns the letters of the last element of x that has
// any, or of the part of an element x ends in. pdftotext reads a page's
// columns and floats in an order of its own, so the words before a
// marker are looked for within one element.
func lastElement(x string) string {
	ends := blockEnd.FindAllStringIndex(x, -1)
	to := len(x)
	for k := len(ends); k >= 0; k-- {
		from := 0
		if k > 0 {
			from = ends[k-1][1]
		}
		if l := letters(html.UnescapeString(tag.ReplaceAllString(x[from:to], ""))); l != "" {
			return l
		}
		to = from
	}
	return ""
}

func checkPageList(t *testing.T, man string, doc *layout.Document, pdf string, files []epubFile) {
	t.Helper()
	marks := spineMarkers(t, man, files)
	byLabel := map[string]int{}
	for i, m := range marks {
		if _, dup := byLabel[m.label]; dup {
			t.Errorf("%s: two markers of page %s", man, m.label)
		}
		byLabel[m.label] = i
		if i > 0 && (m.label != strconv.Itoa(mustAtoi(marks[i-1].label)+1) || m.at < marks[i-1].at) {
			t.Errorf("%s: marker of page %s after that of page %s in reading order", man, marks[i-1].label, m.label)
		}
	}
	var listed []string
	for _, m := range pageLink.FindAllStringSubmatch(string(entry(files, "EPUB/nav.xhtml")), -1) {
		listed = append(listed, m[2])
		if i, ok := byLabel[m[2]]; !ok || m[3] != m[2] || "xhtml/"+m[1] != marks[i].doc {
			t.Errorf("%s: page list links page %s (%q) in %s to no marker", man, m[2], m[3], m[1])
		}
	}
	for i := 1; i < len(listed); i++ {
		if mustAtoi(listed[i]) != mustAtoi(listed[i-1])+1 {
			t.Errorf("%s: page list lists page %s after page %s", man, listed[i], listed[i-1])
		}
	}
	first := 1 // a cover has no marker; a front page that opens the lead has
	for _, l := range doc.Pages[0].Lines {
		if l.Node != nil {
			first = 0
		}
	}
	if n := len(doc.Pages); len(marks) != n-first || len(listed) != n-first {
		t.Errorf("%s: %d markers and %d pages listed for a PDF of %d pages", man, len(marks), len(listed), n)
	}
	pages := make([]string, len(doc.Pages)) // letters printed on each page
	for i := range pages {
		pages[i] = letters(pageText(t, pdf, doc, i))
	}
	bad := 0
	report := func(format string, args ...any) {
		if bad++; bad <= 8 {
			t.Errorf(man+": "+format, args...)
		}
	}
	for k, m := range marks {
		i := mustAtoi(m.label) - 1
		// after: on page N, or on a later page sharing the marker
		last := i
		for k2 := k + 1; k2 < len(marks) && marks[k2].at == m.at && marks[k2].doc == m.doc; k2++ {
			last = mustAtoi(marks[k2].label) - 1
		}
		want := letters(m.after)
		want = want[:min(len(want), 30)]
		if on := strings.Join(pages[i:last+1], ""); on != "" && want != "" && !strings.Contains(on, want) {
			report("page %s begins %.60q in the PDF, but its marker is followed by %.60q", m.label, pages[i], strings.Join(strings.Fields(m.after), " "))
		}
		// before: on the pages before N (the first page marked has
		// none: the text before it is the EPUB's front matter)
		if pages[i] == "" || m.before == "" || i == first {
			continue
		}
		tail := m.before[max(0, len(m.before)-30):]
		if !containsLoose(strings.Join(pages[first:i], ""), tail) {
			where := "not printed before it"
			if containsLoose(pages[i], tail) {
				where = "printed on that page"
			}
			report("the words before the marker of page %s (%q) are %s", m.label, tail, where)
		}
	}
	if bad > 8 {
		t.Errorf("%s: %d sides of markers wrong in all", man, bad)
	}
}

// containsLoose reports whether the letters of needle stand in hay in
// order, with at most two letters between two of them and four in all:
// the PDF prints, among the words, what the EPUB leaves to the reader's
// software or leaves out (an ordered list's numbers, the letters of link
// notes).
func containsLoose(hay, needle string) bool {
	if needle == "" || strings.Contains(hay, needle) {
		return true
	}
	h, n := []rune(hay), []rune(needle)
	for start := range h {
		if h[start] != n[0] {
			continue
		}
		i, extra := start+1, 0
		k := 1
		for ; k < len(n) && i < len(h); k++ {
			gap := 0
			for i < len(h) && h[i] != n[k] && gap < 2 {
				i++
				gap++
			}
			if i == len(h) || h[i] != n[k] {
				break
			}
			if extra += gap; extra > 4 {
				break
			}
			i++
		}
		if k == len(n) && extra <= 4 {
			return true
		}
	}
	return false
}

func mustAtoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
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
