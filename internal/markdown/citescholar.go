package markdown

import (
	"regexp"
	"strings"

	"github.com/redtide/edition/internal/model"
)

// jekyll-scholar's tags (https://github.com/inukshuk/jekyll-scholar):
//
//	{% cite key1 key2 -l 33 --label chapter -A %}   (citation is the same tag)
//	{% nocite key1 key2 %}
//	{% bibliography %}, {% bibliography --cited %}
//
// jekyll-scholar splits a tag's arguments at its options (its
// Utilities#optparse): the words before the first option are keys, and
// an option's value runs to the next option, so "-l 24 & 32" is one
// locator. Locators and labels pair with keys by position: the first
// -l goes to the first key, whatever it cites. --prefix and
// --cited_in_order name anchors and orders of the site's HTML and change
// no text; --file and --query choose entries from other databases, which
// the edition reads as one (a warning says so).

// scholarOption matches an option of jekyll-scholar's tags at a word's
// start.
var scholarOption = regexp.MustCompile(`(?:^|\s)(--[a-z_]+|-[a-zA-Z])(?:\s|$)`)

// scholarArgs are a tag's arguments, split.
type scholarArgs struct {
	keys     []string
	locators []string
	labels   []string
	suppress bool
	cited    bool     // bibliography --cited or --cited_in_order
	other    []string // options the edition does not follow, as written
}

// parseScholarArgs splits the arguments of a jekyll-scholar tag.
func parseScholarArgs(args string) scholarArgs {
	var a scholarArgs
	locs := scholarOption.FindAllStringSubmatchIndex(args, -1)
	head := args
	if len(locs) > 0 {
		head = args[:locs[0][2]]
	}
	a.keys = strings.Fields(head)
	for i, m := range locs {
		opt := args[m[2]:m[3]]
		end := len(args)
		if i+1 < len(locs) {
			end = locs[i+1][2]
		}
		val := strings.Join(strings.Fields(args[m[3]:end]), " ")
		switch opt {
		case "-l", "--locator":
			a.locators = append(a.locators, val)
		case "-L", "--label":
			a.labels = append(a.labels, val)
		case "-A", "--suppress_author":
			a.suppress = true
			a.keys = append(a.keys, strings.Fields(val)...)
		case "-c", "--cited", "--cited_in_order":
			a.cited = true
		case "--prefix", "-p":
		default:
			a.other = append(a.other, strings.TrimSpace(opt+" "+val))
		}
	}
	return a
}

// scholarTag converts jekyll-scholar's cite, citation, nocite and
// bibliography tags; ok is false for other tags.
func (c *conv) scholarTag(line int, name, args string) ([]model.Block, bool) {
	switch name {
	case "cite", "citation", "nocite":
	case "bibliography":
		a := parseScholarArgs(args)
		c.scholarIgnored(line, name, a)
		return []model.Block{&model.BibliographyHere{Pos: model.Pos{Line: line}, Cited: a.cited}}, true
	default:
		return nil, false
	}
	a := parseScholarArgs(args)
	src := "{% " + name + " " + args + " %}"
	if len(a.keys) == 0 {
		c.warnAt(line, "{%% %s %%} names no work to cite; dropped", name)
		return nil, true
	}
	c.scholarIgnored(line, name, a)
	mc := &model.Cite{Nocite: name == "nocite", Line: line, Column: c.tagColumn, Source: src}
	for i, k := range a.keys {
		it := model.CiteItem{Key: k, SuppressAuthor: a.suppress}
		if i < len(a.locators) {
			it.Locator = a.locators[i]
			it.Label = "page"
		}
		if i < len(a.labels) {
			it.Label = scholarLabel(a.labels[i])
		}
		mc.Items = append(mc.Items, it)
	}
	if len(a.locators) > len(a.keys) {
		c.warnAt(line, "{%% %s %%} has %d locators for %d keys; the extra ones are dropped", name, len(a.locators), len(a.keys))
	}
	return []model.Block{&model.Paragraph{Pos: model.Pos{Line: line}, Inlines: []model.Inline{mc}}}, true
}

// scholarLabel is the CSL term of a jekyll-scholar label: the term's
// name as CSL spells it ("chapter", "figure"), or any form of it in
// English ("chap.", "figs.").
func scholarLabel(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if name, ok := locatorTerms["en"][s]; ok {
		return name
	}
	return s
}

// scholarIgnored warns about the options of a tag that the edition
// does not follow.
func (c *conv) scholarIgnored(line int, name string, a scholarArgs) {
	for _, o := range a.other {
		c.warnAt(line, "{%% %s %%}: option %s not followed (the edition reads one set of databases and styles per post)", name, clip(o, 40))
	}
}
