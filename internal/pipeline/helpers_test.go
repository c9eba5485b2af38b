package pipeline_test

// The end-to-end tests of this package build real editions and read the
// outputs back with independent tools (epubcheck, DAISY Ace, poppler,
// qpdf) and parsers (archive/zip, encoding/xml, goldmark's own HTML
// renderer), one concern to a file: epubcheck_test.go, ace_test.go,
// epubstructure_test.go, reproducible_test.go, atomic_test.go,
// pdffonts_test.go, textcomplete_test.go (with source_test.go, what a
// reader must find of a post) and complete_test.go (unit by unit, on the
// shared editions). This file holds what they share.

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/pipeline"
	"github.com/redtide/edition/internal/testenv"
)

// testEpoch is the SOURCE_DATE_EPOCH of every test build; an even second,
// since zip entry times have two-second resolution.
var testEpoch = time.Date(2026, 11, 25, 6, 7, 8, 0, time.UTC)

func repoRoot(t testing.TB) string { return testenv.RepoRoot(t) }

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

// defaultManifest is the repository's own issue manifest.
func defaultManifest(t testing.TB) string {
	return filepath.Join(repoRoot(t), "posts", "edition.yaml")
}

// corpusDir is the read-only corpus of real Jekyll posts beside the
// repository (skipped locally when absent, a failure in CI).
func corpusDir(t testing.TB) string {
	t.Helper()
	return testenv.Shared(t, "corpus")
}

// copyTree copies src into a new temporary folder and returns it.
func copyTree(t testing.TB, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatalf("copying %s: %v", src, err)
	}
	return dst
}

// copyPosts copies the repository's posts/ folder and returns the path of
// the copy's edition.yaml.
func copyPosts(t testing.TB) string {
	t.Helper()
	return filepath.Join(copyTree(t, filepath.Join(repoRoot(t), "posts")), "edition.yaml")
}

// corpusManifest copies the corpus and assembles a manifest of all of it
// (issue number 1); it returns the manifest's path.
func corpusManifest(t testing.TB) string {
	t.Helper()
	dir := copyTree(t, corpusDir(t))
	data, err := manifest.Assemble(dir, dir, manifest.AssembleOptions{Publication: "The Red Tide", Number: 1}, &diag.Log{})
	if err != nil {
		t.Fatalf("assembling the corpus manifest: %v", err)
	}
	m := filepath.Join(dir, "edition.yaml")
	if err := os.WriteFile(m, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return m
}

// editManifest rewrites a manifest copy with old replaced by new, failing
// when old is not there.
func editManifest(t testing.TB, path, old, new string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s does not contain %q", path, old)
	}
	if err := os.WriteFile(path, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// runBuild builds the edition of manifest into outDir at epoch.
func runBuild(t testing.TB, manifest, outDir string, epoch time.Time) *pipeline.Result {
	t.Helper()
	start := time.Now()
	res, err := pipeline.Run(pipeline.Options{Manifest: manifest, OutDir: outDir, Epoch: &epoch})
	if err != nil {
		t.Fatalf("building %s: %v", manifest, err)
	}
	t.Logf("built %s in %s", manifest, time.Since(start).Round(time.Millisecond))
	return res
}

// output returns the output with the given extension, or "".
func output(res *pipeline.Result, ext string) string {
	for _, o := range res.Outputs {
		if filepath.Ext(o) == ext {
			return o
		}
	}
	return ""
}

func epubOf(t testing.TB, res *pipeline.Result) string {
	t.Helper()
	p := output(res, ".epub")
	if p == "" {
		t.Fatalf("no EPUB among the outputs %v", res.Outputs)
	}
	return p
}

// pdfOf returns the PDF output; a build without one fails the test.
func pdfOf(t testing.TB, res *pipeline.Result) string {
	t.Helper()
	p := output(res, ".pdf")
	if p == "" {
		t.Fatalf("no PDF among the outputs %v", res.Outputs)
	}
	return p
}

// epubFile is one zip entry, in archive order.
type epubFile struct {
	hdr  zip.FileHeader
	data []byte
}

// readEPUB reads every entry of an EPUB.
func readEPUB(t testing.TB, path string) []epubFile {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	defer zr.Close()
	var out []epubFile
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("%s: %s: %v", path, f.Name, err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %s: %v", path, f.Name, err)
		}
		out = append(out, epubFile{f.FileHeader, data})
	}
	return out
}

func entry(files []epubFile, name string) []byte {
	for _, f := range files {
		if f.hdr.Name == name {
			return f.data
		}
	}
	return nil
}

// xhtmlText is the character data of an XHTML document, with a space
// where a block element (or a noteref, whose number is no part of the word
// it follows) starts or ends, so that words in neighbouring blocks stay
// apart while "1<sup>st</sup>" stays one word.
func xhtmlText(data []byte) (string, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var b strings.Builder
	var stack []bool // whether each open element separates words
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return b.String(), nil
		}
		if err != nil {
			return "", err
		}
		switch tok := tok.(type) {
		case xml.CharData:
			b.Write(tok)
		case xml.StartElement:
			sep := !inlineElements[tok.Name.Local]
			for _, a := range tok.Attr {
				sep = sep || a.Name.Local == "type" && a.Value == "noteref"
			}
			stack = append(stack, sep)
			if sep {
				b.WriteByte(' ')
			}
		case xml.EndElement:
			if len(stack) > 0 && stack[len(stack)-1] {
				b.WriteByte(' ')
			}
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
}

// inlineElements are the HTML elements that do not separate words.
var inlineElements = map[string]bool{"a": true, "abbr": true, "b": true, "bdi": true, "bdo": true,
	"cite": true, "code": true, "data": true, "del": true, "dfn": true, "em": true, "i": true,
	"ins": true, "kbd": true, "mark": true, "q": true, "s": true, "samp": true, "small": true,
	"span": true, "strike": true, "strong": true, "sub": true, "sup": true, "time": true,
	"u": true, "var": true, "font": true, "tt": true, "acronym": true, "big": true}

// wordFold maps typographic variants onto the plain characters a reader
// would type, so that the converter's typography cannot hide or fake a
// missing word.
var wordFold = strings.NewReplacer(
	"\u2018", "'", "\u2019", "'", "\u201a", "'", "\u201b", "'", "\u2032", "'",
	"\u201c", `"`, "\u201d", `"`, "\u201e", `"`, "\u201f", `"`, "\u00ab", `"`, "\u00bb", `"`,
	"\u2010", "-", "\u2011", "-", "\u2012", "-", "\u2013", "-", "\u2014", "-", "\u2015", "-", "\u2212", "-",
	"\u2026", "...", "\u00a0", " ", "\u00ad", "",
)

// words splits text into lower-case runs of letters and digits (marks
// join the letters they follow).
func words(s string) []string {
	s = strings.ToLower(wordFold.Replace(s))
	out := strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
	})
	// A mark alone (e.g. the variation selector in goldmark's "↩︎") is
	// no word.
	return slices.DeleteFunc(out, func(w string) bool {
		return !strings.ContainsFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
	})
}

// wordSet is the set of words of s.
func wordSet(s string) map[string]bool {
	set := map[string]bool{}
	for _, w := range words(s) {
		set[w] = true
	}
	return set
}

// sortedKeys lists a set in order, for stable messages.
func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

var messagesRe = regexp.MustCompile(`Messages: (\d+) fatals? / (\d+) errors? / (\d+) warnings?`)

// node is an element of a parsed XML document: enough of a DOM to query
// the EPUB's markup without an HTML library that would forgive errors.
type node struct {
	name     xml.Name
	attrs    []xml.Attr
	children []*node
	text     strings.Builder // all character data inside, in order
}

const opsNS = "http://www.idpf.org/2007/ops"

// parseXML parses data strictly (no HTML entities, no unclosed tags) and
// returns the root element.
func parseXML(data []byte) (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	root := &node{}
	stack := []*node{root}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{name: tok.Name, attrs: tok.Attr}
			top := stack[len(stack)-1]
			top.children = append(top.children, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			for _, n := range stack {
				n.text.Write(tok)
			}
		}
	}
	if len(root.children) != 1 {
		return nil, errors.New("want exactly one root element")
	}
	return root.children[0], nil
}

// attr returns the value of the attribute local in namespace space ("" for
// none).
func (n *node) attr(space, local string) string {
	for _, a := range n.attrs {
		if a.Name.Space == space && a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// epubType reports whether the element's epub:type lists typ.
func (n *node) epubType(typ string) bool {
	return slices.Contains(strings.Fields(n.attr(opsNS, "type")), typ)
}

// all returns every element below n (n included) for which keep is true,
// in document order.
func (n *node) all(keep func(*node) bool) []*node {
	var out []*node
	var walk func(*node)
	walk = func(x *node) {
		if keep(x) {
			out = append(out, x)
		}
		for _, c := range x.children {
			walk(c)
		}
	}
	walk(n)
	return out
}

func named(local string) func(*node) bool {
	return func(n *node) bool { return n.name.Local == local }
}

func readFile(t testing.TB, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func keys[V any](m map[string]V) map[string]bool {
	out := map[string]bool{}
	for k := range m {
		out[k] = true
	}
	return out
}
