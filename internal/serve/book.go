package serve

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"strings"
)

// book is a built EPUB, read for the preview: its files by name and its
// reading order.
type book struct {
	files    map[string]*zip.File
	chapters []chapter
	start    int // chapter a reader opens first: the start of the content
}

// chapter is one document of the spine.
type chapter struct {
	Href  string `json:"href"` // path inside the EPUB
	Title string `json:"title"`
	// Sum is the CRC-32 of the document, with its size: the page reloads
	// the chapter shown only when it changed.
	Sum string `json:"sum"`
}

// openBook reads the spine of an EPUB 3 (container.xml → package
// document → spine), naming each chapter from the navigation document,
// and starts at the "bodymatter" landmark as reading systems do.
func openBook(data []byte) (*book, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	b := &book{files: map[string]*zip.File{}}
	for _, f := range zr.File {
		b.files[f.Name] = f
	}
	var container struct {
		Rootfiles []struct {
			FullPath string `xml:"full-path,attr"`
		} `xml:"rootfiles>rootfile"`
	}
	if err := b.decode("META-INF/container.xml", &container); err != nil {
		return nil, err
	}
	if len(container.Rootfiles) == 0 {
		return nil, errors.New("container.xml names no package document")
	}
	opfPath := container.Rootfiles[0].FullPath
	var opf struct {
		Items []struct {
			ID         string `xml:"id,attr"`
			Href       string `xml:"href,attr"`
			Properties string `xml:"properties,attr"`
		} `xml:"manifest>item"`
		Spine []struct {
			IDRef string `xml:"idref,attr"`
		} `xml:"spine>itemref"`
	}
	if err := b.decode(opfPath, &opf); err != nil {
		return nil, err
	}
	dir := path.Dir(opfPath)
	hrefs := map[string]string{}
	var navPath string
	for _, it := range opf.Items {
		hrefs[it.ID] = resolve(dir, it.Href)
		if strings.Contains(" "+it.Properties+" ", " nav ") {
			navPath = hrefs[it.ID]
		}
	}
	titles, landmarks := map[string]string{}, map[string]string{}
	if navPath != "" {
		titles, landmarks = b.nav(navPath)
	}
	for _, ref := range opf.Spine {
		h, ok := hrefs[ref.IDRef]
		if !ok {
			continue
		}
		t := titles[h]
		if t == "" {
			t = strings.TrimSuffix(path.Base(h), path.Ext(h))
		}
		if h == landmarks["bodymatter"] {
			b.start = len(b.chapters)
		}
		sum := ""
		if f := b.files[h]; f != nil {
			sum = fmt.Sprintf("%08x-%d", f.CRC32, f.UncompressedSize64)
		}
		b.chapters = append(b.chapters, chapter{Href: h, Title: t, Sum: sum})
	}
	if len(b.chapters) == 0 {
		return nil, errors.New("the EPUB has an empty spine")
	}
	return b, nil
}

// resolve turns an href relative to dir into a path inside the EPUB.
func resolve(dir, href string) string {
	if i := strings.IndexByte(href, '#'); i >= 0 {
		href = href[:i]
	}
	if u, err := url.PathUnescape(href); err == nil {
		href = u
	}
	return path.Join(dir, href)
}

func (b *book) read(name string) ([]byte, error) {
	f, ok := b.files[name]
	if !ok {
		return nil, fmt.Errorf("%s: not in the EPUB", name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

func (b *book) decode(name string, v any) error {
	data, err := b.read(name)
	if err != nil {
		return err
	}
	if err := xml.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// nav reads the navigation document: the label of each target of the
// table of contents (then of the landmarks, for what the contents leave
// out, such as the cover), and the landmarks by type.
func (b *book) nav(name string) (titles, landmarks map[string]string) {
	titles, landmarks = map[string]string{}, map[string]string{}
	data, err := b.read(name)
	if err != nil {
		return titles, landmarks
	}
	dir := path.Dir(name)
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	var navType, href, kind string
	var text strings.Builder
	inA := false
	for {
		tok, err := dec.Token()
		if err != nil {
			return titles, landmarks
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "nav":
				navType = attr(t, "type")
			case "a":
				inA, href, kind = true, resolve(dir, attr(t, "href")), attr(t, "type")
				text.Reset()
			}
		case xml.CharData:
			if inA {
				text.Write(t)
			}
		case xml.EndElement:
			if t.Name.Local != "a" || !inA {
				continue
			}
			inA = false
			label := strings.Join(strings.Fields(text.String()), " ")
			if navType == "landmarks" && kind != "" {
				landmarks[kind] = href
			}
			if titles[href] == "" && (navType == "toc" || navType == "landmarks") {
				titles[href] = label
			}
		}
	}
}

// attr returns the value of the attribute with local name local (epub:type
// has local name "type").
func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
