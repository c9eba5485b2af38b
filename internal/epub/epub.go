// Package epub writes an edition as an EPUB 3 publication. It is the only
// code that calls go-epub; what that library does not do (accessibility
// metadata, landmarks, several creators, stable timestamps and ordering,
// no network) is added around it.
package epub

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"sort"
	"strings"
	"sync"
	"time"

	goepub "github.com/go-shiori/go-epub"

	"github.com/redtide/edition/internal/lang"
	"github.com/redtide/edition/internal/model"
)

//go:embed style.css
var styleCSS []byte

// Options for Write.
type Options struct {
	// Modified is the dcterms:modified time and the time of every zip
	// entry: SOURCE_DATE_EPOCH or the edition date, never the clock.
	Modified time.Time
	// CoverPNG is a generated cover, used when the edition has no cover
	// image of its own.
	CoverPNG []byte
}

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

// Write renders ed as an EPUB 3 file to w.
func Write(w io.Writer, ed *model.Edition, opt Options) error {
	useMemory.Do(func() { _ = goepub.Use(goepub.MemoryFS) })
	media := map[string][]byte{}
	goepubMu.Lock()
	raw, err := build(ed, opt, media)
	goepubMu.Unlock()
	if err != nil {
		return err
	}
	return normalise(w, raw, media, ed, opt)
}

// Identifier is the stable dc:identifier of an edition: a name-based UUID
// of publication, volume and number, the same on every build.
func Identifier(ed *model.Edition) string {
	sum := sha256.Sum256([]byte(fmt.Sprintf("edition\x00%s\x00%d\x00%d", ed.Publication, ed.Volume, ed.Number)))
	sum[6] = sum[6]&0x0f | 0x50 // version 5 layout (name-based)
	sum[8] = sum[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", sum[0:4], sum[4:6], sum[6:8], sum[8:10], sum[10:16])
}

// Title is the publication title shown in reading systems' libraries.
func Title(ed *model.Edition) string {
	t := ed.Publication
	if l := model.IssueLabel(ed); l != "" {
		t += ", " + l
	}
	if ed.Title != "" {
		t += ": " + ed.Title
	}
	return t
}

const (
	cssName   = "edition.css"
	coverName = "cover.png"
)

// build drives go-epub and returns its (not yet normalised) output.
//
// Images are given to go-epub as a stand-in of their first bytes, enough
// for it to sniff the media type for the manifest; normalise puts the
// real bytes (kept in media, by entry name) into the archive. go-epub
// would otherwise base64-decode and deflate every image once more.
func build(ed *model.Edition, opt Options, media map[string][]byte) ([]byte, error) {
	e, err := goepub.NewEpub(Title(ed))
	if err != nil {
		return nil, fmt.Errorf("epub: %w", err)
	}
	e.Client = &http.Client{Transport: noNetwork{}}
	e.SetIdentifier(Identifier(ed))
	e.SetLang(ed.Language)
	if ed.Description != "" {
		e.SetDescription(ed.Description)
	}
	cssPath, err := e.AddCSS(dataURL(styleCSS, "text/css"), cssName)
	if err != nil {
		return nil, fmt.Errorf("epub: stylesheet: %w", err)
	}

	// Images, once each, in a stable order.
	paths := map[string]string{}
	var imgs []*model.Image
	seen := map[string]bool{}
	for _, s := range ed.Sections {
		for _, a := range s.Articles {
			collectImages(a, func(img *model.Image) {
				if !seen[img.Name] {
					seen[img.Name] = true
					imgs = append(imgs, img)
				}
			})
		}
	}
	for _, img := range imgs {
		p, err := e.AddImage(standIn(img.Data, img.MediaType), img.Name)
		media["EPUB/images/"+img.Name] = img.Data
		if err != nil {
			return nil, fmt.Errorf("epub: image %s: %w", img.Path, err)
		}
		paths[img.Name] = p
	}

	cover, coverType := opt.CoverPNG, "image/png"
	coverFile := coverName
	if ed.Cover != nil {
		cover, coverType, coverFile = ed.Cover.Data, ed.Cover.MediaType, "cover"+path.Ext(ed.Cover.Name)
	}
	if len(cover) > 0 {
		p, err := e.AddImage(standIn(cover, coverType), coverFile)
		media["EPUB/images/"+coverFile] = cover
		if err != nil {
			return nil, fmt.Errorf("epub: cover: %w", err)
		}
		if err := e.SetCover(p, ""); err != nil {
			return nil, fmt.Errorf("epub: cover: %w", err)
		}
	}

	mast := &xw{}
	masthead(mast, ed)
	if _, err := e.AddSection(mast.String(), ed.Publication, "masthead.xhtml", cssPath); err != nil {
		return nil, fmt.Errorf("epub: masthead: %w", err)
	}
	for _, s := range ed.Sections {
		for _, a := range s.Articles {
			x := &xw{images: paths}
			x.article(a, model.ArticleLang(ed, a))
			if _, err := e.AddSection(x.String(), a.Title, a.ID+".xhtml", cssPath); err != nil {
				return nil, fmt.Errorf("epub: %s: %w", a.Source, err)
			}
		}
	}
	var buf bytes.Buffer
	if _, err := e.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("epub: %w", err)
	}
	return buf.Bytes(), nil
}

func collectImages(a *model.Article, f func(*model.Image)) {
	visit := func(bs []model.Block) {
		model.WalkBlocks(bs, func(b model.Block) {
			if fig, ok := b.(*model.Figure); ok && fig.Image != nil && fig.Image.Data != nil {
				f(fig.Image)
			}
		})
	}
	visit(a.Blocks)
	for _, n := range a.Notes {
		visit(n.Blocks)
	}
}

// masthead writes the title page: publication, issue, date and contents.
func masthead(w *xw, ed *model.Edition) {
	words := lang.For(ed.Language).Words
	w.printf(`<section class="masthead" epub:type="titlepage" role="doc-introduction" aria-label="%s">`+"\n", esc(words.TitlePage))
	w.printf("<h1>%s</h1>\n", esc(ed.Publication))
	if ed.Title != "" {
		w.printf(`<p class="issue-title">%s</p>`+"\n", esc(ed.Title))
	}
	if l := model.IssueLabel(ed); l != "" {
		w.printf("<p>%s</p>\n", esc(l))
	}
	w.printf(`<p><time datetime="%s">%s</time></p>`+"\n", ed.Date.Format("2006-01-02"), esc(model.LongDate(ed.Date, ed.Language)))
	if ed.Description != "" {
		w.printf("<p>%s</p>\n", esc(ed.Description))
	}
	if len(ed.Editors) > 0 {
		w.printf("<p>%s %s</p>\n", esc(words.EditedBy), esc(model.JoinNames(ed.Editors, ed.Language)))
	}
	w.printf(`<section class="contents" aria-label="%s">`+"\n", esc(words.Contents))
	for _, s := range ed.Sections {
		if s.Title != "" {
			w.printf("<h2>%s</h2>\n", esc(s.Title))
		}
		w.WriteString("<ol>\n")
		for _, a := range s.Articles {
			w.printf(`<li><a href="%s.xhtml">%s</a>`, a.ID, esc(a.Title))
			if len(a.Authors) > 0 {
				w.printf(" — %s", esc(model.JoinNames(a.Authors, ed.Language)))
			}
			w.WriteString("</li>\n")
		}
		w.WriteString("</ol>\n")
	}
	w.WriteString("</section>\n</section>\n")
}

// errMissing reports a file go-epub should have written but did not (it
// logs some write errors instead of returning them).
var errMissing = errors.New("epub: go-epub did not write")

// normalise rewrites go-epub's archive: stable metadata and manifest
// order, our nav with landmarks, language on every document, and fixed
// entry times, so two builds are byte-identical.
func normalise(w io.Writer, raw []byte, media map[string][]byte, ed *model.Edition, opt Options) error {
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return fmt.Errorf("epub: reading go-epub output: %w", err)
	}
	files := map[string][]byte{}
	entries := map[string]*zip.File{}
	var names []string
	for _, f := range zr.File {
		entries[f.Name] = f
		names = append(names, f.Name)
		if _, ok := media[f.Name]; ok {
			continue // a stand-in: the real bytes are in media
		}
		rc, err := f.Open()
		if err != nil {
			return fmt.Errorf("epub: %w", err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return fmt.Errorf("epub: %w", err)
		}
		files[f.Name] = data
	}
	need := []string{"mimetype", "META-INF/container.xml", "EPUB/package.opf", "EPUB/nav.xhtml", "EPUB/xhtml/masthead.xhtml"}
	for _, s := range ed.Sections {
		for _, a := range s.Articles {
			need = append(need, "EPUB/xhtml/"+a.ID+".xhtml")
		}
	}
	for _, n := range need {
		if _, ok := entries[n]; !ok {
			return fmt.Errorf("%w %s", errMissing, n)
		}
	}
	langs := map[string]string{"EPUB/nav.xhtml": ed.Language}
	for name := range files {
		if strings.HasPrefix(name, "EPUB/xhtml/") {
			langs[name] = ed.Language
		}
	}
	for _, s := range ed.Sections {
		for _, a := range s.Articles {
			langs["EPUB/xhtml/"+a.ID+".xhtml"] = model.ArticleLang(ed, a)
		}
	}
	files["EPUB/package.opf"], err = fixPackage(files["EPUB/package.opf"], ed, opt)
	if err != nil {
		return err
	}
	files["EPUB/nav.xhtml"] = navDocument(ed, files)
	if c, ok := files["EPUB/xhtml/cover.xhtml"]; ok {
		words := lang.For(ed.Language).Words
		alt := fmt.Sprintf(words.CoverOf, Title(ed))
		c = bytes.Replace(c, []byte(`alt="Cover Image"`), []byte(`alt="`+esc(alt)+`"`), 1)
		c = bytes.Replace(c, []byte(`<title dir="auto"></title>`), []byte(`<title>`+esc(words.Cover)+`</title>`), 1)
		c = bytes.Replace(c, []byte(`<body dir="auto">`), []byte(`<body dir="auto" epub:type="cover">`), 1)
		files["EPUB/xhtml/cover.xhtml"] = c
	}
	for name, lang := range langs {
		files[name] = setLang(files[name], lang)
	}

	sort.SliceStable(names, func(i, j int) bool {
		if names[i] == "mimetype" || names[j] == "mimetype" {
			return names[i] == "mimetype"
		}
		return names[i] < names[j]
	})
	mod := opt.Modified.UTC()
	if mod.Year() < 1980 {
		mod = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, fastDeflate)
	for _, n := range names {
		// MS-DOS time fields only: Modified would add an extra field,
		// which EPUB forbids on the mimetype entry.
		h := &zip.FileHeader{Name: n, Method: zip.Deflate, ModifiedDate: dosDate(mod), ModifiedTime: dosTime(mod)}
		data, isMedia := media[n]
		if !isMedia {
			data = files[n]
		}
		if n == "mimetype" || isMedia {
			// JPEG, PNG and GIF are compressed already.
			h.Method = zip.Store
		}
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return fmt.Errorf("epub: %w", err)
		}
		if _, err := fw.Write(data); err != nil {
			return fmt.Errorf("epub: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("epub: %w", err)
	}
	return nil
}

// setLang puts lang and xml:lang on the <html> element, unless it has
// them (passages inside may have their own).
func setLang(x []byte, lang string) []byte {
	const html = `<html xmlns="http://www.w3.org/1999/xhtml"`
	i := bytes.Index(x, []byte(html))
	if lang == "" || i < 0 {
		return x
	}
	if end := bytes.IndexByte(x[i:], '>'); end >= 0 && bytes.Contains(x[i:i+end], []byte("xml:lang=")) {
		return x
	}
	l := esc(lang)
	return bytes.Replace(x, []byte(html), []byte(html+` lang="`+l+`" xml:lang="`+l+`"`), 1)
}

func dosDate(t time.Time) uint16 {
	return uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
}

func dosTime(t time.Time) uint16 {
	return uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
}

// standIn is a data URL of the first bytes of an image: go-epub sniffs
// the media type from it.
func standIn(data []byte, mediaType string) string {
	return dataURL(data[:min(len(data), 512)], mediaType)
}

var flatePool sync.Pool

// fastDeflate compresses entries at the fastest level (markup compresses
// well even so), reusing compressors: each holds about a megabyte.
func fastDeflate(out io.Writer) (io.WriteCloser, error) {
	if fw, ok := flatePool.Get().(*flate.Writer); ok {
		fw.Reset(out)
		return pooledFlate{fw}, nil
	}
	fw, err := flate.NewWriter(out, flate.BestSpeed)
	if err != nil {
		return nil, err
	}
	return pooledFlate{fw}, nil
}

type pooledFlate struct{ *flate.Writer }

func (p pooledFlate) Close() error {
	err := p.Writer.Close()
	flatePool.Put(p.Writer)
	return err
}

// dataURL is data as an RFC 2397 base64 data URL, the form go-epub reads
// without fetching anything.
func dataURL(data []byte, mediaType string) string {
	return "data:" + mediaType + ";base64," + base64.StdEncoding.EncodeToString(data)
}
