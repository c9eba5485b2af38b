package pipeline_test

// What a reader must find of a post, independently of our converter:
// goldmark's own rendering of it.

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
)

// expectedWords derives the words a reader must find of a post,
// independently of our converter: goldmark's own HTML renderer (GFM and
// footnotes, raw HTML kept), after stripping the front matter and the
// Liquid and kramdown syntax that is markup, not text.
func expectedWords(t *testing.T, file string) map[string]bool {
	t.Helper()
	return wordSet(expectedText(t, file))
}

// expectedText is the text of a post as goldmark renders it; see
// expectedWords.
func expectedText(t *testing.T, file string) string {
	t.Helper()
	src := strings.ReplaceAll(string(readFile(t, file)), "\r\n", "\n")
	src = strings.TrimPrefix(src, "\uFEFF")
	src = stripFrontMatter(src)
	src = stripTemplating(src)
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote),
		goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
	var out bytes.Buffer
	if err := md.Convert([]byte(src), &out); err != nil {
		t.Fatalf("goldmark: %s: %v", file, err)
	}
	return htmlText(out.String())
}

// stripFrontMatter removes a leading YAML block between --- and --- (or
// ...) lines.
func stripFrontMatter(src string) string {
	lines := strings.SplitAfter(src, "\n")
	if len(lines) == 0 || strings.TrimRight(lines[0], " \t\n") != "---" {
		return src
	}
	for i := 1; i < len(lines); i++ {
		if l := strings.TrimRight(lines[i], " \t\n"); l == "---" || l == "..." {
			return strings.Join(lines[i+1:], "")
		}
	}
	return src
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
	src = liquidOut.ReplaceAllString(src, "")
	src = kramdownExt.ReplaceAllString(src, "")
	return kramdownAttr.ReplaceAllString(src, "")
}

// htmlText is the text of an HTML fragment, without the content of
// script, style and iframe elements, comments, or goldmark's footnote
// reference numbers (its numbering is not ours; the EPUB's note numbers
// are checked against the model in TestEPUBStructure). Block elements
// separate words, inline ones do not.
func htmlText(s string) string {
	z := xhtml.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	type open struct {
		name       string
		sep, quiet bool
	}
	var stack []open
	quiet := func() bool {
		for _, o := range stack {
			if o.quiet {
				return true
			}
		}
		return false
	}
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			return b.String()
		case xhtml.TextToken:
			if !quiet() {
				b.Write(z.Text())
			}
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			tok := z.Token()
			o := open{name: tok.Data, sep: !inlineElements[tok.Data], quiet: skipped[tok.Data]}
			for _, a := range tok.Attr {
				if a.Key == "class" && (a.Val == "footnote-ref" || a.Val == "footnote-backref") {
					o.sep, o.quiet = true, true
				}
			}
			if o.sep {
				b.WriteByte(' ')
			}
			if tt == xhtml.StartTagToken && !voidElements[tok.Data] {
				stack = append(stack, o)
			}
		case xhtml.EndTagToken:
			name, _ := z.TagName()
			// Pop to the matching element: raw HTML in posts is not
			// always well nested.
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i].name == string(name) {
					if stack[i].sep {
						b.WriteByte(' ')
					}
					stack = stack[:i]
					break
				}
			}
			if !inlineElements[string(name)] {
				b.WriteByte(' ')
			}
		}
	}
}

var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true,
	"hr": true, "img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}

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
