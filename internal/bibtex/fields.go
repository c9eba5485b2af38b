package bibtex

import (
	"strings"
	"unicode"
)

// numbers sets page, volume, issue, number and their kin as pandoc does:
// number is a collection number in books, an issue in articles.
func (c *converter) numbers() {
	c.set("page", strings.ReplaceAll(c.rich("pages"), "–", "-"))
	c.set("number-of-pages", c.rich("pagetotal"))
	vol, part := c.rich("volume"), c.rich("part")
	switch {
	case vol != "" && part != "":
		c.set("volume", vol+"."+part)
	case vol != "":
		c.set("volume", vol)
	default:
		c.set("volume", part)
	}
	c.set("number-of-volumes", c.rich("volumes"))
	c.set("chapter-number", c.rich("chapter"))
	c.set("edition", c.rich("edition"))
	c.set("version", c.rich("version"))
	num := c.rich("number")
	switch et := c.e.typ; {
	case num == "":
		c.set("issue", c.rich("issue"))
	case bookTypes[et]:
		c.set("collection-number", num)
	case articleTypes[et]:
		c.set("issue", concatWith(",", num, c.rich("issue")))
	default:
		c.set("number", num)
	}
}

// titles sets title, container-title, collection-title and short
// titles, with BibLaTeX's subtitle, titleaddon and maintitle.
func (c *converter) titles() {
	et := c.e.typ
	chapter, periodical := chapterTypes[et], et == "periodical"
	main := c.has("maintitle") && !chapter
	switch {
	case periodical:
		c.set("title", c.fullTitle("issuetitle", "issuesubtitle", ""))
		c.set("container-title", c.fullTitle("title", "subtitle", "titleaddon"))
	case main:
		c.set("title", c.fullTitle("maintitle", "mainsubtitle", "maintitleaddon"))
		c.set("volume-title", c.fullTitle("title", "subtitle", "titleaddon"))
	default:
		c.set("title", c.fullTitle("title", "subtitle", "titleaddon"))
	}
	switch {
	case periodical:
	case chapter && c.has("maintitle"):
		c.set("container-title", c.fullTitle("maintitle", "mainsubtitle", "maintitleaddon"))
		c.set("volume-title", c.fullTitle("booktitle", "booksubtitle", "booktitleaddon"))
	case chapter && c.has("booktitle"):
		c.set("container-title", c.fullTitle("booktitle", "booksubtitle", "booktitleaddon"))
	case c.has("journaltitle"):
		c.set("container-title", c.fullTitle("journaltitle", "journalsubtitle", ""))
	default:
		c.set("container-title", c.fullTitle("journal", "journalsubtitle", ""))
	}
	c.set("container-title-short", c.rich("shortjournal"))
	c.set("collection-title", c.rich("series"))
	c.set("event", c.rich("eventtitle"))
	c.set("original-title", c.rich("origtitle"))
	c.shortTitle(main)
}

// shortTitle is shorttitle, else the part of the title before a colon.
func (c *converter) shortTitle(main bool) {
	if s := c.rich("shorttitle"); s != "" && !main {
		c.set("title-short", s)
		return
	}
	t := c.rich("title")
	if c.has("subtitle") || c.has("titleaddon") {
		if !main {
			c.set("title-short", t)
		}
		return
	}
	if i := topColon(t); i > 0 {
		c.set("title-short", strings.TrimSpace(t[:i]))
	}
}

// topColon returns the index of the first colon of rich text s outside
// markup, or -1.
func topColon(s string) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch {
		case strings.HasPrefix(s[i:], "</"):
			depth--
		case s[i] == '<' && (strings.HasPrefix(s[i:], "<span ") || len(s) > i+2 && strings.Contains("<i><b><sup><sub>", s[i:i+3])):
			depth++
		case s[i] == ':' && depth == 0:
			return i
		}
	}
	return -1
}

// fullTitle joins a title, its subtitle (after ":") and addon (after
// "."), as pandoc does.
func (c *converter) fullTitle(title, sub, addon string) string {
	t := c.rich(title)
	if t == "" {
		return ""
	}
	if sub != "" {
		t = concatWith(":", t, c.rich(sub))
	}
	if addon != "" {
		t = concatWith(".", t, c.rich(addon))
	}
	return t
}

// concatWith joins non-empty parts with sep and a space, leaving out sep
// after a part that already ends in punctuation.
func concatWith(sep string, parts ...string) string {
	var out string
	for _, p := range parts {
		switch {
		case p == "":
		case out == "":
			out = p
		case strings.ContainsAny(stripMarkup(out)[len(stripMarkup(out))-1:], "!?.,:;"):
			out += " " + p
		default:
			out += sep + " " + p
		}
	}
	return out
}

// publishing sets publisher (school, institution, organization,
// howpublished and publisher, joined by "; "), the places and the event.
func (c *converter) publishing() {
	var pubs []string
	for _, f := range []string{"school", "institution", "organization", "howpublished", "publisher"} {
		if f == "howpublished" && c.urlOnly(f) {
			continue
		}
		if v := c.literalList(f); v != "" {
			pubs = append(pubs, v)
		}
	}
	c.set("publisher", strings.Join(pubs, "; "))
	c.set("original-publisher", c.rich("origpublisher"))
	c.set("event-place", c.rich("venue"))
	place := c.literalList("address")
	if place == "" && c.e.typ != "patent" {
		place = c.literalList("location")
	}
	c.set("publisher-place", place)
	c.set("original-publisher-place", c.literalList("origlocation"))
	if c.e.typ == "patent" {
		c.set("jurisdiction", c.literalList("location"))
	}
}

// literalList reads a BibLaTeX literal list ("Berlin and New York",
// "A and B and C") as biblatex prints it: "Berlin and New York",
// "A, B and C". (pandoc joins with "; ", which turns an unbraced
// "Taylor and Francis" into "Taylor; Francis".)
func (c *converter) literalList(f string) string {
	v, ok := c.e.get(f)
	if !ok {
		return ""
	}
	parts := splitAnd(nil, v)
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
	}
	joined := parts[len(parts)-1]
	if n := len(parts); n > 1 {
		joined = strings.Join(parts[:n-1], ", ") + " and " + parts[n-1]
	}
	return c.richValue(f, joined)
}

// urlOnly reports whether field f holds nothing but \url{...}; such a
// howpublished is the work's URL, not its publisher.
func (c *converter) urlOnly(f string) bool {
	v, _ := c.e.get(f)
	v = strings.TrimSpace(v)
	return strings.HasPrefix(v, `\url{`) && matchBrace(v, 4) == len(v)-1
}

// identifiers sets URL (url, else a linked eprint, else a bare
// \url{...} in howpublished), DOI, ISBN, ISSN, PMID, PMCID and the call
// number.
func (c *converter) identifiers() {
	etype := strings.ToLower(c.raw("eprinttype"))
	eprint := c.raw("eprint")
	switch {
	case c.has("url") && !c.optionOff("url"):
		c.set("URL", c.raw("url"))
	case eprint != "" && eprintURLs[etype] != "":
		c.set("URL", eprintURLs[etype]+eprint)
	case c.urlOnly("howpublished"):
		v, _ := c.e.get("howpublished")
		c.set("URL", rawText(strings.TrimSpace(v)[5:]))
	}
	doi := c.raw("doi")
	if doi == "" && etype == "doi" {
		doi = eprint
	}
	for _, prefix := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"} {
		if len(doi) > len(prefix) && strings.EqualFold(doi[:len(prefix)], prefix) {
			doi = doi[len(prefix):]
		}
	}
	if !c.optionOff("doi") {
		c.set("DOI", doi)
	}
	if etype == "pubmed" {
		c.set("PMID", eprint)
	}
	for _, m := range [][2]string{{"isbn", "ISBN"}, {"issn", "ISSN"}, {"pmid", "PMID"}, {"pmcid", "PMCID"}, {"library", "call-number"}} {
		c.set(m[1], c.raw(m[0]))
	}
}

// optionOff reports an options field that turns name off ("url=false").
func (c *converter) optionOff(name string) bool {
	for o := range strings.SplitSeq(c.raw("options"), ",") {
		k, v, _ := strings.Cut(o, "=")
		if strings.EqualFold(strings.TrimSpace(k), name) && strings.EqualFold(strings.TrimSpace(v), "false") {
			return true
		}
	}
	return false
}

// notes sets note (with BibLaTeX's addendum), annote, abstract,
// keyword and status (pubstate).
func (c *converter) notes() {
	if c.e.typ != "periodical" {
		c.set("note", concatWith(".", c.rich("note"), c.rich("addendum")))
	}
	annote := c.rich("annotation")
	if annote == "" {
		annote = c.rich("annote")
	}
	c.set("annote", annote)
	c.set("abstract", c.rich("abstract"))
	c.set("keyword", c.rich("keywords"))
	if s := c.rich("pubstate"); s != "" {
		c.set("status", pubState(s))
	}
}

// pubState spells BibLaTeX's pubstate keys ("inpress") as biblatex's
// English strings do.
func pubState(s string) string {
	switch strings.ToLower(strings.TrimFunc(s, unicode.IsSpace)) {
	case "inpress":
		return "in press"
	case "inpreparation":
		return "in preparation"
	case "submitted":
		return "submitted"
	case "forthcoming":
		return "forthcoming"
	case "prepublished":
		return "pre-published"
	}
	return s
}
