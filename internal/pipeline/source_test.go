package pipeline_test

// What a reader must find of a post, independently of our converter:
// goldmark's own rendering of it (GFM and footnotes, raw HTML kept),
// parsed as HTML and read by one walker, for the words of a post
// (expectedWords) and for its units (sourceUnits). The body is the
// build's own (post.Parse splits the front matter); only Jekyll's Liquid
// pass, which runs before any Markdown parser and which goldmark has not,
// and kramdown's attribute lists and extensions are taken out first
// (stripTemplating).

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	xhtml "golang.org/x/net/html"

	"github.com/redtide/edition/internal/post"
)

// expectedWords are the words a reader must find of a post.
func expectedWords(t *testing.T, file string) map[string]bool {
	t.Helper()
	return wordSet(expectedText(t, file))
}

// expectedText is the text of a post as goldmark renders it, a space
// between blocks.
func expectedText(t *testing.T, file string) string {
	t.Helper()
	return readerText(goldmarkRendering(t, file), false, false)
}

// goldmarkRendering is the post in file as goldmark renders it, parsed
// as HTML.
func goldmarkRendering(t *testing.T, file string) *xhtml.Node {
	t.Helper()
	p, err := post.Parse(file, readFile(t, file), nil)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	src := stripTemplating(string(p.Body))
	// A reference written with spaces ([^ 18]) to a defined note is read
	// as one (see the README).
	src = spacedRef.ReplaceAllStringFunc(src, func(m string) string {
		label := strings.TrimSpace(m[2 : len(m)-1])
		if strings.Contains(src, "[^"+label+"]:") {
			return "[^" + label + "]"
		}
		return m
	})
	// ^[label] where the post defines [^label] is read as that
	// reference, caret and brackets swapped (see the README).
	src = swappedRef.ReplaceAllStringFunc(src, func(m string) string {
		label := m[2 : len(m)-1]
		if strings.Contains(src, "[^"+label+"]:") {
			return "[^" + label + "]"
		}
		return m
	})
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote),
		goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
	var out bytes.Buffer
	if err := md.Convert([]byte(src), &out); err != nil {
		t.Fatalf("goldmark: %s: %v", file, err)
	}
	doc, err := xhtml.Parse(&out)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return doc
}

var (
	liquidRaw     = regexp.MustCompile(`(?s)\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}`)
	liquidComment = regexp.MustCompile(`(?s)\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}`)
	liquidHL      = regexp.MustCompile(`\{%-?\s*(end)?highlight\b[^%]*%\}`)
	liquidInclude = regexp.MustCompile(`(?s)\{%-?\s*include\s(.*?)-?%\}`)
	// An include that lost its opening brace is mended, as the converter
	// does (with a warning), rather than printed.
	bracelessInclude = regexp.MustCompile(`(?m)^%\s*include\s(?:[^%]|%[^}])*%\}`)
	includeAttr      = regexp.MustCompile(`([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')`)
	liquidTagRe      = regexp.MustCompile(`(?s)\{%.*?%\}`)
	liquidOut        = regexp.MustCompile(`(?s)\{\{.*?\}\}`)
	hugoShortcode    = regexp.MustCompile(`(?s)\{\{[<%]\s*[\w-]+\s(.*?)[>%]\}\}`)
	shortcodeArg     = regexp.MustCompile(`\b(caption|footer)\s*=\s*"((?:[^"\\]|\\.)*)"`)
	kramdownAttr     = regexp.MustCompile(`\{:[^}\n]*\}`)
	kramdownTOC      = regexp.MustCompile(`(?m)^(?:[ \t]*(?:[*+-]|\d+\.)[ \t].*\n)+[ \t]*\{:\s*toc\s*\}`)
	kramdownExt      = regexp.MustCompile(`\{::\w+[^}\n]*/?\}`)
)

// stripTemplating removes Liquid tags and outputs and kramdown attribute
// lists as Jekyll would: a Liquid comment is dropped whole, {% highlight %}
// becomes a code fence, {% raw %} text is kept as written.
func stripTemplating(src string) string {
	// {% raw %} text is shown as written: set it aside first.
	var raws []string
	src = liquidRaw.ReplaceAllStringFunc(src, func(m string) string {
		raws = append(raws, liquidRaw.FindStringSubmatch(m)[1])
		return "\x00raw" + strconv.Itoa(len(raws)-1) + "\x00"
	})
	src = stripMarkup(src)
	for i, r := range raws {
		src = strings.Replace(src, "\x00raw"+strconv.Itoa(i)+"\x00", r, 1)
	}
	return src
}

func stripMarkup(src string) string {
	// kramdown replaces the list {:toc} follows by the site's table of
	// contents: its items are placeholders ("* TOC"), not text.
	src = kramdownTOC.ReplaceAllString(src, "")
	src = liquidComment.ReplaceAllString(src, "")
	src = liquidHL.ReplaceAllString(src, "\n```\n")
	src = bracelessInclude.ReplaceAllStringFunc(src, func(m string) string { return "{" + m })
	src = liquidInclude.ReplaceAllStringFunc(src, includeText)
	src = liquidTagRe.ReplaceAllString(src, "")
	src = hugoShortcode.ReplaceAllStringFunc(src, shortcodeText)
	src = liquidOut.ReplaceAllString(src, "")
	src = kramdownExt.ReplaceAllString(src, "")
	return kramdownAttr.ReplaceAllString(src, "")
}

// shortcodeText is what a reader of the site sees of a Hugo shortcode's
// arguments: a figure's caption, a quotation's footer, each a paragraph.
func shortcodeText(m string) string {
	var b strings.Builder
	for _, a := range shortcodeArg.FindAllStringSubmatch(m, -1) {
		b.WriteString("\n\n" + strings.ReplaceAll(a[2], `\"`, `"`) + "\n\n")
	}
	return b.String()
}

// includeText is what a reader sees of an {% include %}: the caption of a
// figure or video and the text of an aside (the keys the Jekyll sites'
// _includes print, matched case-sensitively as Liquid does); image URLs,
// classes and sizes are not text.
func includeText(tag string) string {
	var b strings.Builder
	for _, m := range includeAttr.FindAllStringSubmatch(liquidInclude.FindStringSubmatch(tag)[1], -1) {
		switch m[1] {
		case "caption", "text":
			b.WriteString("\n\n" + strings.Join(strings.Fields(m[2]+m[3]), " ") + "\n\n")
		}
	}
	return b.String()
}

var skipped = map[string]bool{"script": true, "style": true, "iframe": true}

// sourceUnits returns the tokens of each paragraph, list item (its own
// text), table cell, caption and footnote of the post in file as goldmark
// renders it, as [2][]string: without and with the alt text of its images
// (which stands in for an image that is not found).
func sourceUnits(t *testing.T, file string) [][2][]string {
	t.Helper()
	doc := goldmarkRendering(t, file)
	var units [][2][]string
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode {
			switch n.Data {
			case "script", "style", "iframe", "pre", "h1", "h2", "h3", "h4", "h5", "h6":
				return
			case "p", "td", "th", "caption", "figcaption", "dt", "dd", "li":
				if u := tokens(ownText(n, false)); len(u) > 0 {
					alt := tokens(ownText(n, true))
					if c := n.FirstChild; n.Data == "p" && c != nil && c.Type == xhtml.TextNode && colonless.MatchString(c.Data) && len(u) > 1 {
						// "[^3] Popkin": a note written without its colon
						// may be read as one, its label its number
						u, alt = u[1:], alt[1:]
					}
					units = append(units, [2][]string{u, alt})
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return units
}

// ownText is the text of n less its block children (a list item's
// nested list, a paragraph inside it) and goldmark's footnote marks.
func ownText(n *xhtml.Node, alts bool) string { return readerText(n, alts, true) }

// readerText is the text of n as a reader reads it: without the content
// of script, style and iframe elements, comments, or goldmark's footnote
// marks (its numbering is not ours; the EPUB's note numbers are checked
// against the model in TestEPUBStructure); with the alt text of images
// when alts; without its block children when own. Block elements
// separate words, inline ones do not.
func readerText(n *xhtml.Node, alts, own bool) string {
	var b strings.Builder
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == xhtml.TextNode:
				// a reference to no note is printed [label]
				b.WriteString(undefinedRef.ReplaceAllString(c.Data, "[$1]"))
			case c.Type != xhtml.ElementNode:
			case skipped[c.Data] || footnoteMark(c):
			case c.Data == "img":
				if alts {
					b.WriteString(" " + attrOf(c, "alt") + " ")
				}
			case inlineElements[c.Data] || c.Data == "br":
				if c.Data == "br" {
					b.WriteByte(' ')
				}
				walk(c)
			case own:
				b.WriteByte(' ') // a block of its own: a unit, or its units, elsewhere
			default:
				b.WriteByte(' ')
				walk(c)
				b.WriteByte(' ')
			}
		}
	}
	walk(n)
	return b.String()
}

func attrOf(n *xhtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

var (
	spacedRef    = regexp.MustCompile(`\[\^[ \t]+[^\]\s]+[ \t]*\]|\[\^[^\]\s]+[ \t]+\]`)
	swappedRef   = regexp.MustCompile(`\^\[[^\]\s]{1,100}\]`)
	colonless    = regexp.MustCompile(`^\[\^[^\]\s]+\] `)
	undefinedRef = regexp.MustCompile(`\[\^[ \t]*([^\]\s]{1,100})[ \t]*\]`)
)

var footnoteClass = regexp.MustCompile(`\bfootnote-(ref|backref)\b`)

func footnoteMark(n *xhtml.Node) bool {
	for _, a := range n.Attr {
		if a.Key == "class" && footnoteClass.MatchString(a.Val) {
			return true
		}
	}
	return false
}
