package markdown

import (
	"fmt"
	"strings"

	"github.com/redtide/edition/internal/markdown/scan"
	"github.com/redtide/edition/internal/model"
)

// Jekyll sites use tags of plugins edition does not run: {% figure
// caption:"Figure 1. …" %} … {% endfigure %} (jekyll-figure), {% sidenote
// 'id' 'text' %} (tufte-jekyll), {% blockquote %} (Octopress), {% alert %}
// … Their output is unknown, but not their words: the text between a block
// tag and its end tag is the post's own and is kept as Markdown, and so is
// every argument that reads as text for a reader (scan.TextArgKeys, or any
// quoted value of several words). When the block holds a figure, that text
// is its caption. One warning per tag name per post says what was kept.

// pluginTag converts a plugin's tag standing alone: its text arguments
// are kept (see tagTexts), the rest dropped.
func (c *conv) pluginTag(line int, name, args string) []model.Block {
	texts := scan.TagTexts(args)
	if strings.HasSuffix(strings.ToLower(name), "note") && len(texts) > 0 {
		return c.tagNote(line, name, texts)
	}
	blocks := c.tagTextBlocks(line, texts, false)
	if len(blocks) > 0 {
		c.warnTag(line, name, "Liquid tag {%% %s %%} is a plugin's: its text is kept, the rest of it dropped", name)
	} else {
		c.warnTag(line, name, "Liquid tag {%% %s %%} dropped", name)
	}
	return blocks
}

// tagNote converts a note tag ({% sidenote 'id' 'text' %}, {% marginnote
// … %}, tufte-jekyll's and its kind's): its text becomes a footnote of
// the article, referenced where the tag stands, as print sets a side note.
func (c *conv) tagNote(line int, name string, texts []scan.TagText) []model.Block {
	r := c.post
	var blocks []model.Block
	pos := model.Pos{Line: line}
	for _, t := range texts {
		blocks = append(blocks, &model.Paragraph{Pos: pos, Inlines: c.inlineMarkdown(t.Value, line)})
	}
	note := &model.Note{Pos: pos, Label: fmt.Sprintf("%s-%d", name, len(r.tagNotes)+1), Blocks: blocks}
	r.tagNotes = append(r.tagNotes, note)
	r.referenced[note] = true
	c.warnTag(line, name, "Liquid tag {%% %s %%} is a plugin's: its text is set as a footnote", name)
	return []model.Block{&model.Paragraph{Pos: pos, Inlines: []model.Inline{&model.NoteRef{Note: note}}}}
}

// pluginBlock converts {% name args %} … {% endname %}: the content is
// read as Markdown; the text arguments caption the figure it holds, or
// follow the content.
func (c *conv) pluginBlock(line int, src string) []model.Block {
	name, args, n := scan.LiquidTag([]byte(src))
	body := src[n:]
	if i, _ := scan.LiquidEnd([]byte(body), name); i >= 0 {
		body = body[:i]
	}
	lname := strings.ToLower(name)
	if strings.Contains(lname, "pull") {
		// A pull quote repeats a part of the text, marked {" … "}, as
		// decoration beside it: the text stays as it reads, unmarked.
		body = scan.PullMarks().ReplaceAllString(body, "")
	}
	var blocks []model.Block
	if c.depth > 20 {
		blocks = []model.Block{&model.Paragraph{Pos: model.Pos{Line: line}, Inlines: []model.Inline{&model.Text{Text: body}}}}
	} else {
		sub := c.sub(body, line+strings.Count(src[:n], "\n"))
		blocks = sub.blocks(c.parse(c.post.cv.md, sub.src))
	}
	if strings.Contains(lname, "quote") && !strings.Contains(lname, "pull") {
		return c.quoteBlock(line, name, args, blocks)
	}
	texts := scan.TagTexts(args)
	var fig *model.Figure
	model.WalkBlocks(blocks, func(b model.Block) {
		if f, ok := b.(*model.Figure); ok && fig == nil {
			fig = f
		}
	})
	if fig != nil {
		texts = c.captionFigure(line, fig, texts)
	}
	blocks = append(blocks, c.tagTextBlocks(line, texts, false)...)
	c.warnTag(line, name, "Liquid block {%% %s %%} is a plugin's: its content and text are kept, its other arguments dropped", name)
	return blocks
}

// quoteBlock sets a quotation tag's content ({% blockquote Author,
// Source http://link Title %} … {% endblockquote %}, Octopress's) as a
// quotation; the words of its arguments, links left out, are its
// attribution.
func (c *conv) quoteBlock(line int, name, args string, blocks []model.Block) []model.Block {
	pos := model.Pos{Line: line}
	// Links separate the attribution's parts (author, source, title).
	var parts []string
	var words []string
	flush := func() {
		if len(words) > 0 {
			parts = append(parts, strings.Join(words, " "))
			words = nil
		}
	}
	for _, f := range strings.Fields(args) {
		f = strings.Trim(f, `"'`)
		switch k, _, ok := strings.Cut(f, ":"); {
		case f == "":
		case strings.Contains(f, "://"):
			flush()
		case ok && k != "" && scan.TextArgKeys[strings.ToLower(k)] == "" && !strings.Contains(k, ","):
			// a setting (class:"x", align:right)
		default:
			words = append(words, f)
		}
	}
	flush()
	if attribution := strings.TrimSpace(strings.Join(parts, ", ")); scan.HasLetter(attribution) {
		blocks = append(blocks, &model.Paragraph{Pos: pos, Inlines: append([]model.Inline{&model.Text{Text: "— "}}, c.inlineMarkdown(attribution, line)...)})
	}
	c.warnTag(line, name, "Liquid block {%% %s %%} is a plugin's: set as a quotation, with its attribution", name)
	if len(blocks) == 0 {
		return nil
	}
	return []model.Block{&model.Quote{Pos: pos, Blocks: blocks}}
}

// captionFigure gives fig the caption and credit of a tag's arguments
// (after a caption of its own) and its alt text when it has none; it
// returns the texts left over.
func (c *conv) captionFigure(line int, fig *model.Figure, texts []scan.TagText) []scan.TagText {
	var rest []scan.TagText
	var caption, credit []model.Inline
	for _, t := range texts {
		switch t.Role {
		case "caption", "text":
			caption = joinInlines(caption, c.inlineMarkdown(t.Value, line), " ")
		case "credit":
			credit = joinInlines(credit, c.inlineMarkdown(t.Value, line), ", ")
		case "alt":
			if fig.Image != nil && strings.TrimSpace(fig.Image.Alt) == "" {
				fig.Image.Alt = t.Value
			} else if fig.Image == nil {
				rest = append(rest, t)
			}
		}
	}
	caption = joinInlines(caption, credit, " — ")
	if len(caption) == 0 {
		return rest
	}
	fig.Caption = joinInlines(fig.Caption, caption, " ")
	if fig.Image != nil && strings.TrimSpace(fig.Image.Alt) == "" {
		fig.Image.Alt = model.PlainText(caption)
	}
	return rest
}

func joinInlines(a, b []model.Inline, sep string) []model.Inline {
	if len(b) == 0 {
		return a
	}
	if len(a) == 0 {
		return b
	}
	return append(append(a, &model.Text{Text: sep}), b...)
}

// tagTextBlocks sets a tag's text arguments as paragraphs: captions and
// credits in italics (they describe something the edition cannot show),
// a tag's text (a pull quote, a side note) as a quotation.
func (c *conv) tagTextBlocks(line int, texts []scan.TagText, _ bool) []model.Block {
	pos := model.Pos{Line: line}
	var out []model.Block
	for _, t := range texts {
		ins := c.inlineMarkdown(t.Value, line)
		if len(ins) == 0 {
			continue
		}
		if t.Role == "text" {
			out = append(out, &model.Quote{Pos: pos, Blocks: []model.Block{&model.Paragraph{Pos: pos, Inlines: ins}}})
			continue
		}
		out = append(out, &model.Paragraph{Pos: pos, Inlines: []model.Inline{&model.Emph{Inlines: ins}}})
	}
	return out
}

// warnTag warns once per tag name per post.
func (c *conv) warnTag(line int, name, format string, args ...any) {
	r := c.post
	if r.tagsWarned == nil {
		r.tagsWarned = map[string]bool{}
	}
	if r.tagsWarned[name] {
		return
	}
	r.tagsWarned[name] = true
	c.warnAt(line, format, args...)
}
