package epub

// This file is the only one that calls go-epub (github.com/go-shiori/go-epub),
// a prescribed dependency. go-epub writes the container (mimetype,
// META-INF/container.xml), the content documents from the bodies this
// package makes (wrapped in its XHTML template, with the stylesheet
// linked) and an EPUB 2 NCX. Everything else it does is replaced, and
// each replacement is a workaround of one of its limits:
//
//  1. It keeps its files in one global in-memory file system (Use) whose
//     maps are not safe for concurrent use: goepubMu serialises it.
//  2. It would fetch remote URLs given as media: its HTTP client refuses
//     every request.
//  3. It base64-decodes, sniffs and deflates every image, and nothing it
//     writes refers to them (the package document is replaced, see 4):
//     the images are put into the archive when it is rewritten, and
//     go-epub never sees them. It deflates every content document at the
//     default level, which the rewrite inflates again: it is given a
//     short stand-in of each body (bodyStandIn), and the body is put in
//     its place in go-epub's wrapper when the archive is rewritten.
//  4. Its package document has one creator, no refinements, the clock's
//     time, no accessibility metadata, and a manifest in map order without
//     item properties (svg): the package document made in opf.go replaces
//     it whole.
//  5. Its navigation document has neither landmarks, nested contents nor
//     a page list: the one made in nav.go replaces it.
//  6. Its XHTML template has no language: lang and xml:lang are put on
//     each document's <html> element.
//  7. Its archive has the clock's times and map order: it is rewritten
//     with fixed times, in name order, media stored.
//
// With all of these, go-epub contributes the container file, the XHTML
// wrapper and the NCX; see the report of issue 11 for the proposal to
// replace this file with a writer of our own.

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"runtime"
	"sync"
	"sync/atomic"

	goepub "github.com/go-shiori/go-epub"
)

var (
	useMemory sync.Once
	// goepubMu serialises go-epub: it keeps its files in one global
	// in-memory file system whose maps are not safe for concurrent use.
	goepubMu sync.Mutex
)

// noNetwork refuses every request: go-epub would fetch remote URLs given
// to AddImage, and an edition build must not touch the network.
type noNetwork struct{}

func (noNetwork) RoundTrip(r *http.Request) (*http.Response, error) {
	return nil, fmt.Errorf("network access refused: %s", r.URL)
}

// errMissing reports a file go-epub should have written but did not (it
// logs some write errors instead of returning them).
var errMissing = errors.New("epub: go-epub did not write")

// container has go-epub write the container of p, and puts the cover
// image in it: its files, the content documents still go-epub's
// wrappers around their stand-ins (packDocuments puts the bodies in),
// and every file the package lists but the articles' images, known
// only once their documents are made (addImages).
func container(p *publication) (files map[string][]byte, listed map[string]bool, err error) {
	useMemory.Do(func() { _ = goepub.Use(goepub.MemoryFS) })
	goepubMu.Lock()
	raw, err := goepubArchive(p)
	goepubMu.Unlock()
	if err != nil {
		return nil, nil, err
	}
	return p.replaceFiles(raw)
}

// goepubArchive has go-epub write the container of p.
func goepubArchive(p *publication) ([]byte, error) {
	e, err := goepub.NewEpub(Title(p.ed))
	if err != nil {
		return nil, fmt.Errorf("epub: %w", err)
	}
	e.Client = &http.Client{Transport: noNetwork{}}
	e.SetIdentifier(Identifier(p.ed))
	e.SetLang(p.ed.Language)
	css, err := e.AddCSS(dataURL(styleCSS, "text/css"), cssName)
	if err != nil {
		return nil, fmt.Errorf("epub: stylesheet: %w", err)
	}
	for i, d := range p.docs {
		if _, err := e.AddSection(bodyStandIn(i), d.title, d.name, css); err != nil {
			return nil, fmt.Errorf("epub: %s: %w", d.name, err)
		}
	}
	var buf bytes.Buffer
	if _, err := e.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("epub: %w", err)
	}
	return buf.Bytes(), nil
}

// replaceFiles reads go-epub's archive and puts the cover image in it;
// it returns its files, the content documents still go-epub's wrappers
// around their stand-ins (packDocuments puts the bodies in), and every
// file the package lists but the articles' images (p.images is empty
// yet). go-epub must have written nothing else: it is given no image.
func (p *publication) replaceFiles(raw []byte) (files map[string][]byte, listed map[string]bool, err error) {
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return nil, nil, fmt.Errorf("epub: reading go-epub output: %w", err)
	}
	media := map[string][]byte{}
	if p.cover != nil {
		media[contentDir+imageDir+p.cover.Name] = p.cover.Data
	}
	listed = map[string]bool{"mimetype": true, "META-INF/container.xml": true, contentDir + "package.opf": true}
	for _, it := range p.items() {
		listed[contentDir+it.href] = true
	}
	files = map[string][]byte{}
	for _, f := range zr.File {
		if !listed[f.Name] {
			return nil, nil, fmt.Errorf("epub: go-epub wrote %s, which the package does not list", f.Name)
		}
		if _, ok := media[f.Name]; ok {
			continue // go-epub has no image to write
		}
		if files[f.Name], err = readEntry(f); err != nil {
			return nil, nil, err
		}
	}
	maps.Copy(files, media)
	return files, listed, nil
}

// addImages puts the articles' images (p.images) in files, and their
// names in listed, once every article's outline is gathered.
func (p *publication) addImages(files map[string][]byte, listed map[string]bool) {
	for _, img := range p.images {
		name := contentDir + imageDir + img.Name
		files[name] = img.Data
		listed[name] = true
	}
}

// packDocuments makes each content document, puts its body and
// language in go-epub's wrapper (taken out of files) and deflates it,
// keeping only the compressed entry. The documents are made at once, as
// many as there are processors, each holding the XHTML of one document
// at a time; a document's bytes depend only on its article and its
// markers, so the entries are the same whatever the order. A document
// whose wrapper go-epub did not write is left out, which assemble
// reports.
func (p *publication) packDocuments(files map[string][]byte) (map[string]packed, error) {
	type job struct {
		i       int
		name    string
		wrapper []byte
		out     packed
		err     error
	}
	jobs := make([]*job, 0, len(p.docs))
	for i, d := range p.docs {
		name := d.entry()
		if wrapper := files[name]; wrapper != nil {
			delete(files, name)
			jobs = append(jobs, &job{i: i, name: name, wrapper: wrapper})
		}
	}
	var (
		wg   sync.WaitGroup
		next atomic.Int64
	)
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			var pk packer
			for {
				n := int(next.Add(1)) - 1
				if n >= len(jobs) {
					return
				}
				j := jobs[n]
				d := p.docs[j.i]
				p.makeBody(d)
				x, err := withBody(setLang(j.wrapper, d.lang), j.i, d.body)
				d.body, j.wrapper = "", nil
				if err == nil {
					j.out, err = pk.pack(x)
				}
				j.err = err
			}
		})
	}
	wg.Wait()
	docs := make(map[string]packed, len(jobs))
	for _, j := range jobs {
		if j.err != nil {
			return nil, j.err
		}
		docs[j.name] = j.out
	}
	return docs, nil
}

// bodyStandIn is what go-epub is given as the body of the i-th document:
// it puts the body into its XHTML wrapper as it is (an innerxml field),
// so the real body can take the stand-in's place afterwards (withBody).
// It is an XML comment, so that go-epub's wrapper stays well-formed with
// it, and numbered, so that no document's stand-in is taken for
// another's; a real body never holds one, since bodies are written by
// this package from the model, with text escaped.
func bodyStandIn(i int) string { return fmt.Sprintf("<!--edition body %d-->", i) }

// withBody puts body in the place of the i-th stand-in in doc, go-epub's
// wrapper.
func withBody(doc []byte, i int, body string) ([]byte, error) {
	before, after, ok := bytes.Cut(doc, []byte(bodyStandIn(i)))
	if !ok {
		return nil, fmt.Errorf("%w the body of document %d", errMissing, i)
	}
	out := make([]byte, 0, len(before)+len(body)+len(after))
	return append(append(append(out, before...), body...), after...), nil
}

func readEntry(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("epub: %w", err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		return nil, fmt.Errorf("epub: %w", err)
	}
	return data, nil
}

// setLang puts lang and xml:lang on the <html> element of go-epub's
// template.
func setLang(x []byte, lang string) []byte {
	const html = `<html xmlns="http://www.w3.org/1999/xhtml"`
	if lang == "" || !bytes.Contains(x, []byte(html)) {
		return x
	}
	l := esc(lang)
	return bytes.Replace(x, []byte(html), []byte(html+` lang="`+l+`" xml:lang="`+l+`"`), 1)
}

// dataURL is data as an RFC 2397 base64 data URL, the form go-epub reads
// without fetching anything.
func dataURL(data []byte, mediaType string) string {
	return "data:" + mediaType + ";base64," + base64.StdEncoding.EncodeToString(data)
}
