package epub

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/redtide/edition/internal/lang"
	"github.com/redtide/edition/internal/model"
)

var (
	metadataRe = regexp.MustCompile(`(?s)<metadata[^>]*>.*?</metadata>`)
	manifestRe = regexp.MustCompile(`(?s)(<manifest>)(.*?)(</manifest>)`)
	itemRe     = regexp.MustCompile(`<item [^>]*?/>|<item [^>]*?></item>`)
	hrefRe     = regexp.MustCompile(`href="([^"]*)"`)
	coverIDRe  = regexp.MustCompile(`<item id="([^"]+)"[^>]*properties="cover-image"`)
	packageRe  = regexp.MustCompile(`<package [^>]*>`)
)

// fixPackage replaces go-epub's metadata (one creator, a clock time, no
// accessibility metadata) with the edition's and sorts the manifest, which
// go-epub fills from a map.
func fixPackage(opf []byte, ed *model.Edition, opt Options) ([]byte, error) {
	if !metadataRe.Match(opf) || !manifestRe.Match(opf) {
		return nil, fmt.Errorf("epub: unexpected package document from go-epub")
	}
	coverID := ""
	if m := coverIDRe.FindSubmatch(opf); m != nil {
		coverID = string(m[1])
	}
	meta := metadata(ed, opt, coverID)
	opf = metadataRe.ReplaceAllLiteral(opf, []byte(meta))
	opf = manifestRe.ReplaceAllFunc(opf, func(m []byte) []byte {
		parts := manifestRe.FindSubmatch(m)
		items := itemRe.FindAll(parts[2], -1)
		sort.SliceStable(items, func(i, j int) bool {
			return string(hrefRe.Find(items[i])) < string(hrefRe.Find(items[j]))
		})
		var b bytes.Buffer
		b.Write(parts[1])
		for _, it := range items {
			b.WriteString("\n    ")
			b.Write(it)
		}
		b.WriteString("\n  ")
		b.Write(parts[3])
		return b.Bytes()
	})
	lang := esc(ed.Language)
	opf = packageRe.ReplaceAllLiteral(opf, []byte(`<package version="3.0" unique-identifier="pub-id" xmlns="http://www.idpf.org/2007/opf" xml:lang="`+lang+`">`))
	return opf, nil
}

func hasImages(ed *model.Edition) bool {
	found := false
	for _, s := range ed.Sections {
		for _, a := range s.Articles {
			collectImages(a, func(*model.Image) { found = true })
		}
	}
	return found
}

// languages lists every language of the edition: its own first (the
// publication's primary language), then the articles' and their passages'
// (model.Lang) in order of first use, each once.
func languages(ed *model.Edition) []string {
	out := []string{ed.Language}
	seen := map[string]bool{lang.Normalize(ed.Language): true}
	add := func(tag string) {
		if n := lang.Normalize(tag); n != "" && !seen[n] {
			seen[n] = true
			out = append(out, tag)
		}
	}
	for _, s := range ed.Sections {
		for _, a := range s.Articles {
			add(model.ArticleLang(ed, a))
			model.WalkArticle(a, func(in model.Inline) {
				if l, ok := in.(*model.Lang); ok {
					add(l.Tag)
				}
			})
		}
	}
	return out
}

func metadata(ed *model.Edition, opt Options, coverID string) string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, "    "+format+"\n", args...) }
	b.WriteString(`<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">` + "\n")
	p(`<dc:identifier id="pub-id">%s</dc:identifier>`, esc(Identifier(ed)))
	p(`<dc:title id="title">%s</dc:title>`, esc(Title(ed)))
	for _, l := range languages(ed) {
		p(`<dc:language>%s</dc:language>`, esc(l))
	}
	for i, a := range model.Distinct(ed, func(a *model.Article) []string { return a.Authors }) {
		p(`<dc:creator id="creator%d">%s</dc:creator>`, i+1, esc(a))
		p(`<meta refines="#creator%d" property="role" scheme="marc:relators">aut</meta>`, i+1)
	}
	for i, t := range model.Distinct(ed, func(a *model.Article) []string { return a.Translators }) {
		p(`<dc:contributor id="translator%d">%s</dc:contributor>`, i+1, esc(t))
		p(`<meta refines="#translator%d" property="role" scheme="marc:relators">trl</meta>`, i+1)
	}
	for i, e := range ed.Editors {
		p(`<dc:contributor id="editor%d">%s</dc:contributor>`, i+1, esc(e))
		p(`<meta refines="#editor%d" property="role" scheme="marc:relators">edt</meta>`, i+1)
	}
	if ed.Publisher != "" {
		p(`<dc:publisher>%s</dc:publisher>`, esc(ed.Publisher))
	}
	p(`<dc:date>%s</dc:date>`, ed.Date.Format("2006-01-02"))
	if ed.Description != "" {
		p(`<dc:description>%s</dc:description>`, esc(ed.Description))
	}
	p(`<meta property="dcterms:modified">%s</meta>`, opt.Modified.UTC().Format("2006-01-02T15:04:05Z"))
	if coverID != "" {
		p(`<meta name="cover" content="%s"/>`, esc(coverID))
	}
	images := hasImages(ed) || coverID != ""
	p(`<meta property="schema:accessMode">textual</meta>`)
	if images {
		p(`<meta property="schema:accessMode">visual</meta>`)
	}
	p(`<meta property="schema:accessModeSufficient">textual</meta>`)
	for _, f := range []string{"structuralNavigation", "tableOfContents", "readingOrder"} {
		p(`<meta property="schema:accessibilityFeature">%s</meta>`, f)
	}
	if images {
		p(`<meta property="schema:accessibilityFeature">alternativeText</meta>`)
	}
	p(`<meta property="schema:accessibilityHazard">none</meta>`)
	words := lang.For(ed.Language).Words
	summary := words.AccessSummary
	if images {
		summary += " " + words.AccessSummaryImages
	}
	p(`<meta property="schema:accessibilitySummary">%s</meta>`, esc(summary))
	b.WriteString("  </metadata>")
	return b.String()
}

// navDocument writes the navigation document: the table of contents by
// section and article, and landmarks.
func navDocument(ed *model.Edition, files map[string][]byte) []byte {
	var b strings.Builder
	words := lang.For(ed.Language).Words
	contents := esc(words.Contents)
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head>
<title>` + contents + `</title>
<link rel="stylesheet" type="text/css" href="css/` + cssName + `"/>
</head>
<body>
<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">
<h1 id="toc-title">` + contents + `</h1>
<ol>
`)
	fmt.Fprintf(&b, "<li><a href=\"xhtml/masthead.xhtml\">%s</a></li>\n", esc(ed.Publication))
	for _, s := range ed.Sections {
		if s.Title != "" {
			fmt.Fprintf(&b, "<li><span>%s</span>\n<ol>\n", esc(s.Title))
		}
		for _, a := range s.Articles {
			fmt.Fprintf(&b, "<li><a href=\"xhtml/%s.xhtml\">%s</a></li>\n", a.ID, esc(a.Title))
		}
		if s.Title != "" {
			b.WriteString("</ol>\n</li>\n")
		}
	}
	b.WriteString("</ol>\n</nav>\n")
	fmt.Fprintf(&b, `<nav epub:type="landmarks" id="landmarks" aria-labelledby="landmarks-title" hidden="hidden">
<h2 id="landmarks-title">%s</h2>
<ol>
`, esc(words.Landmarks))
	if _, ok := files["EPUB/xhtml/cover.xhtml"]; ok {
		fmt.Fprintf(&b, `<li><a epub:type="cover" href="xhtml/cover.xhtml">%s</a></li>`+"\n", esc(words.Cover))
	}
	fmt.Fprintf(&b, `<li><a epub:type="titlepage" href="xhtml/masthead.xhtml">%s</a></li>`+"\n", esc(words.TitlePage))
	if len(ed.Sections) > 0 && len(ed.Sections[0].Articles) > 0 {
		fmt.Fprintf(&b, `<li><a epub:type="bodymatter" href="xhtml/%s.xhtml">%s</a></li>`+"\n", ed.Sections[0].Articles[0].ID, esc(words.StartOfContent))
	}
	b.WriteString("</ol>\n</nav>\n</body>\n</html>\n")
	return []byte(b.String())
}
