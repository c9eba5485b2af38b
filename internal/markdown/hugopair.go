package markdown

import (
	"strings"

	"github.com/redtide/edition/internal/markdown/scan"
	"github.com/redtide/edition/internal/model"
)

// scOpen and scClose stand, among a container's converted blocks, for
// the opening and closing tags of a shortcode written on lines of their
// own, until pairShortcodes turns each pair and what lies between into
// what the shortcode shows. They never leave this package.
type scOpen struct {
	model.Rule
	sc      Shortcode
	src     string // the tag as written
	innerAt int    // source offset just past the tag
}

type scClose struct {
	model.Rule
	name string
	at   int // source offset of the tag
}

// otherShortcode converts a shortcode other than figure and highlight:
// Hugo's own embeds, param and ref; else, in a block, an opening tag that
// pairShortcodes completes; else the shortcode alone.
func (c *conv) otherShortcode(line int, name, args, src string, block bool) []model.Block {
	named, pos := scan.ShortcodeArgs(args)
	if bs, ok := c.builtinShortcode(line, name, named, pos); ok {
		return bs
	}
	sc := Shortcode{Name: name, Named: named, Positional: pos, Line: line}
	if block {
		return []model.Block{&scOpen{sc: sc, src: src, innerAt: c.scEnd}}
	}
	return c.shortcodeAlone(sc, nil)
}

// pairShortcodes replaces each opening tag that has its closing tag
// later among out (the same name, nesting counted) by the shortcode with
// the blocks between as its content; other opening tags stand alone, and
// closing tags left over are dropped.
func (c *conv) pairShortcodes(out []model.Block) []model.Block {
	has := false
	for _, b := range out {
		if _, ok := b.(*scOpen); ok {
			has = true
			break
		}
		if _, ok := b.(*scClose); ok {
			has = true
			break
		}
	}
	if !has {
		return out
	}
	var kept []model.Block
	for i := 0; i < len(out); i++ {
		switch b := out[i].(type) {
		case *scOpen:
			j := closingOf(out, i)
			if j < 0 {
				kept = append(kept, c.shortcodeAlone(b.sc, nil)...)
				continue
			}
			b.sc.Paired = true
			if b.innerAt > 0 && out[j].(*scClose).at >= b.innerAt && out[j].(*scClose).at <= len(c.src) {
				b.sc.Inner = string(c.src[b.innerAt:out[j].(*scClose).at])
			}
			inner := c.pairShortcodes(out[i+1 : j])
			kept = append(kept, c.shortcodeAlone(b.sc, inner)...)
			i = j
		case *scClose:
		default:
			kept = append(kept, b)
		}
	}
	return kept
}

// closingOf finds the closing tag of the opening tag at out[i].
func closingOf(out []model.Block, i int) int {
	name := out[i].(*scOpen).sc.Name
	depth := 0
	for j := i + 1; j < len(out); j++ {
		switch b := out[j].(type) {
		case *scOpen:
			if b.sc.Name == name {
				depth++
			}
		case *scClose:
			if b.name != name {
				continue
			}
			if depth == 0 {
				return j
			}
			depth--
		}
	}
	return -1
}

// shortcodeAlone converts a shortcode through the site's template when
// there is one edition can evaluate; otherwise its text is kept: its
// text arguments, then its content (inner, already converted), then its
// attribution; a quotation's inside a quote. One warning per name and
// post says so.
func (c *conv) shortcodeAlone(sc Shortcode, inner []model.Block) []model.Block {
	pos := model.Pos{Line: sc.Line}
	why := "has no template here"
	if c.post.hugo != nil && c.post.hugo.opts.Shortcode != nil {
		html, err := c.post.hugo.opts.Shortcode(sc)
		if err == nil {
			return c.templateBlocks(sc.Line, html)
		}
		why = err.Error()
	}
	if bs, ok := c.imageShortcode(sc, why); ok {
		return append(bs, inner...)
	}
	before, after := shortcodeText(sc.Named, sc.Positional)
	var bs []model.Block
	for _, t := range before {
		bs = append(bs, &model.Paragraph{Pos: pos, Inlines: c.inlineMarkdown(t, sc.Line)})
	}
	bs = append(bs, inner...)
	if len(after) > 0 {
		ins := []model.Inline{&model.Text{Text: "— "}}
		ins = append(ins, c.inlineMarkdown(strings.Join(after, ", "), sc.Line)...)
		bs = append(bs, &model.Paragraph{Pos: pos, Inlines: ins})
	}
	switch {
	case quoteLike(sc.Name) && len(bs) > 0:
		c.warnOnce("sc "+sc.Name, sc.Line, "Hugo shortcode {{< %s >}} %s: its text is set as a quotation", sc.Name, why)
		return []model.Block{&model.Quote{Pos: pos, Blocks: bs}}
	case len(before)+len(after) > 0 || len(inner) > 0:
		c.warnOnce("sc "+sc.Name, sc.Line, "Hugo shortcode {{< %s >}} %s: its text is kept", sc.Name, why)
	default:
		c.warnOnce("sc "+sc.Name, sc.Line, "Hugo shortcode {{< %s >}} %s and no text arguments: its tags are dropped (text between them is kept)", sc.Name, why)
	}
	return bs
}

// imageShortcode reads a shortcode edition cannot render whose
// arguments name an image file ({{< img src="x.png" alt="" >}}, a
// theme's figure) as a figure, as a site's includes are read: its
// caption or title under it, its credit after.
func (c *conv) imageShortcode(sc Shortcode, why string) ([]model.Block, bool) {
	p := scan.LowerKeys(sc.Named)
	src := firstOf(p, imageParams...)
	if src == "" && len(sc.Positional) > 0 && scan.IsImageFile(sc.Positional[0]) {
		src = sc.Positional[0]
	}
	if src == "" || !scan.IsImageFile(src) && !namesImage(sc.Name) {
		return nil, false
	}
	c.warnOnce("sc "+sc.Name, sc.Line, "Hugo shortcode {{< %s >}} %s: read as a figure of %s", sc.Name, why, src)
	caption := strings.TrimSpace(strings.Join(nonEmpty(p["title"], p["caption"]), " — "))
	defer func(t bool) { c.trusted = t }(c.trusted)
	c.trusted = true
	return c.figure(sc.Line, sc.Name, src, p["alt"], caption, firstOf(p, append([]string{"attr"}, creditParams...)...), p), true
}

// templateBlocks converts the HTML a site's shortcode template wrote. Its
// lines are unindented first: indentation in a template is layout, not
// a Markdown code block.
func (c *conv) templateBlocks(line int, html string) []model.Block {
	if c.depth > 20 {
		return nil
	}
	lines := strings.Split(html, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimLeft(l, " \t")
	}
	sub := c.sub(strings.TrimSpace(strings.Join(lines, "\n")), line)
	sub.trusted = true
	return sub.blocks(c.parse(c.post.cv.md, sub.src))
}
