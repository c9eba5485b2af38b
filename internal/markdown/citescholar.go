package markdown

import (
	"bytes"
	"strings"

	"github.com/redtide/edition/internal/csl"
	"github.com/redtide/edition/internal/markdown/scan"
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

// scholarFlags are the options of jekyll-scholar's tags that take no
// value.
var scholarFlags = map[string]bool{"-A": true, "--suppress_author": true, "-c": true, "--cited": true, "--cited_in_order": true}

// isScholarOption: a word that is an option (-l, --locator), not a
// key or a value ("-5", "--" alone).
func isScholarOption(w string) bool {
	if strings.HasPrefix(w, "--") {
		return len(w) > 2 && w[2] >= 'a' && w[2] <= 'z'
	}
	return len(w) == 2 && w[0] == '-' && (w[1] >= 'a' && w[1] <= 'z' || w[1] >= 'A' && w[1] <= 'Z')
}

// scholarArgs are a tag's arguments, split.
type scholarArgs struct {
	keys     []string
	locators []string
	labels   []string
	suppress bool
	cited    bool     // bibliography --cited or --cited_in_order
	other    []string // options the edition does not follow, as written
}

// parseScholarArgs splits the arguments of a jekyll-scholar tag: words
// are keys until an option; an option's value runs to the next option;
// words after a flag are keys again.
func parseScholarArgs(args string) scholarArgs {
	var a scholarArgs
	opt := ""
	var val []string
	flush := func() {
		v := strings.Join(val, " ")
		switch opt {
		case "":
		case "-l", "--locator":
			a.locators = append(a.locators, v)
		case "-L", "--label":
			a.labels = append(a.labels, v)
		case "--prefix", "-p":
		default:
			a.other = append(a.other, strings.TrimSpace(opt+" "+v))
		}
		opt, val = "", nil
	}
	for _, w := range strings.Fields(args) {
		switch {
		case scholarFlags[w]:
			flush()
			a.suppress = a.suppress || w == "-A" || w == "--suppress_author"
			a.cited = a.cited || !(w == "-A" || w == "--suppress_author")
		case isScholarOption(w):
			flush()
			opt = w
		case opt == "":
			a.keys = append(a.keys, w)
		default:
			val = append(val, w)
		}
	}
	flush()
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
	if name, ok := csl.LocatorTerms("en-US")[s]; ok {
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

// citesIn converts HTML text holding jekyll-scholar's citation tags
// ("Illustration from Lind et al. {% cite lind2019proof %}" in a <div>):
// the text around them as any HTML text, the tags as citations. ok is
// false when the text holds none.
func (h *htmlConv) citesIn(data string) (ins []model.Inline, ok bool) {
	if !strings.Contains(data, "{%") {
		return nil, false
	}
	plain := 0 // data[plain:at] is text not yet converted
	for at := 0; at < len(data); {
		i := strings.Index(data[at:], "{%")
		if i < 0 {
			break
		}
		i += at
		name, args, n := scan.LiquidTag([]byte(data[i:]))
		if n == 0 || (name != "cite" && name != "citation" && name != "nocite") {
			at = i + max(n, 2)
			continue
		}
		ok = true
		if i > plain {
			ins = append(ins, h.text(data[plain:i])...)
		}
		bs, _ := h.c.scholarTag(h.c.line(h.at), name, args)
		ins = append(ins, blocksAsInlines(bs)...)
		at, plain = i+n, i+n
	}
	if !ok {
		return nil, false
	}
	if plain < len(data) {
		ins = append(ins, h.text(data[plain:])...)
	}
	return ins, true
}

// includedBibliography is the place of the bibliography when the site's
// include file holds jekyll-scholar's {% bibliography %} (a theme's
// references.html); nil otherwise.
func (c *conv) includedBibliography(line int, file string) *model.BibliographyHere {
	if c.post.readInclude == nil {
		return nil
	}
	data, err := c.post.readInclude(file)
	if err != nil {
		return nil
	}
	for i := bytes.Index(data, []byte("{%")); i >= 0; {
		name, args, n := scan.LiquidTag(data[i:])
		if name == "bibliography" {
			return &model.BibliographyHere{Pos: model.Pos{Line: line}, Cited: parseScholarArgs(args).cited}
		}
		next := bytes.Index(data[i+max(n, 2):], []byte("{%"))
		if next < 0 {
			break
		}
		i += max(n, 2) + next
	}
	return nil
}
