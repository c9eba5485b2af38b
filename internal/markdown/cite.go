package markdown

import (
	"bytes"
	"strings"
	"unicode/utf8"

	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/redtide/edition/internal/lang"
	"github.com/redtide/edition/internal/markdown/citesyntax"
	"github.com/redtide/edition/internal/markdown/scan"
	"github.com/redtide/edition/internal/markdown/typo"
	"github.com/redtide/edition/internal/model"
)

// citeNode is a pandoc citation read by citeParser; conv turns it into a
// model.Cite.
type citeNode struct {
	gast.BaseInline
	at   int // source offset of its first byte
	text string
	cite citesyntax.Cite
}

var kindCite = gast.NewNodeKind("EditionCite")

func (n *citeNode) Kind() gast.NodeKind { return kindCite }
func (n *citeNode) Dump(src []byte, level int) {
	gast.DumpHelper(n, src, level, map[string]string{"text": n.text}, nil)
}

// citeParser reads pandoc citations. goldmark hands it no text inside
// code spans, autolinks or raw HTML (their parsers consume them first),
// and a bare URL or address has been made a link by Linkify before its
// @ is reached; an @ inside a word is no citation (citeMayFollow).
type citeParser struct{}

func (citeParser) Trigger() []byte { return []byte{'[', '@', '-'} }

func (citeParser) Parse(parent gast.Node, block text.Reader, pc parser.Context) gast.Node {
	line, seg := block.PeekLine()
	if len(line) < 2 {
		return nil
	}
	if line[0] != '[' {
		if line[0] == '-' && line[1] != '@' {
			return nil
		}
		prev, _ := utf8.DecodeLastRune(block.Source()[:seg.Start])
		c, n := citesyntax.AuthorInText(string(line), prev)
		if n == 0 {
			return nil
		}
		block.Advance(n)
		return &citeNode{at: seg.Start, text: string(line[:n]), cite: c}
	}
	if line[1] == '^' || !blockScan(parent, block.Source(), pc).at {
		return nil // a bracketed citation has a key, which has an @
	}
	savedLine, savedPos := block.Position()
	var node *citeNode
	txt, ok := scanInline(block, "]", func(s []byte) (int, bool) {
		if bytes.IndexByte(s, '@') < 0 {
			// No key: Bracketed reads no citation, and only asks
			// whether more text could close the brackets.
			end, more := scan.MatchBracket(s, 0, '[', ']')
			return 0, end < 0 && more
		}
		// Bracketed reads up to the closing bracket and the byte
		// after it: only that much is made a string (the rest of the
		// paragraph's line was, at every citation)
		end, more := scan.MatchBracket(s, 0, '[', ']')
		if end < 0 {
			return 0, more
		}
		c, n, more := citesyntax.Bracketed(string(s[:min(end+2, len(s))]))
		if n == 0 {
			return 0, more
		}
		node = &citeNode{at: seg.Start, cite: c}
		return n, false
	}, 4096)
	if !ok {
		return nil
	}
	if _, isRef := pc.Reference(util.ToLinkReference([]byte(txt[1 : len(txt)-1]))); isRef {
		// [@name] with a definition [@name]: https://… is a link
		// (CommonMark's shortcut reference link), as readers saw it.
		block.SetPosition(savedLine, savedPos)
		return nil
	}
	node.text = txt
	return node
}

// cite converts a citation: its prefixes and suffixes are Markdown, and
// each suffix starts with the work's locator, read in the post's
// language.
func (c *conv) cite(n *citeNode) []model.Inline {
	return []model.Inline{c.citeModel(n.cite, n.at, n.text)}
}

// citeModel makes a model.Cite of a raw citation at source offset at.
func (c *conv) citeModel(rc citesyntax.Cite, at int, source string) *model.Cite {
	line := c.lines.Line(at)
	mc := &model.Cite{AuthorInText: rc.InText, Line: line, Column: c.lines.Column(at), Source: source}
	for _, it := range rc.Items {
		loc := citesyntax.LocatorOf(it.Suffix, c.post.tag)
		mi := model.CiteItem{Key: it.Key, SuppressAuthor: it.Suppress, Locator: loc.Value, Label: loc.Label}
		if p := strings.TrimSpace(it.Prefix); p != "" {
			mi.Prefix = c.inlineMarkdown(p, line)
		}
		mi.Suffix = c.citeSuffix(loc.Rest, line)
		mc.Items = append(mc.Items, mi)
	}
	return mc
}

// citeSuffix converts the suffix left after a locator; a suffix set off
// by a space keeps it (", 33 and passim" prints its space; ", 33, passim"
// its comma).
func (c *conv) citeSuffix(s string, line int) []model.Inline {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	ins := c.inlineMarkdown(strings.TrimSpace(s), line)
	if r, _ := utf8.DecodeRuneInString(s); r == ' ' || r == '\n' || r == '\t' {
		ins = append([]model.Inline{&model.Text{Text: " "}}, ins...)
	}
	return ins
}

// uncite turns the citations inside a link's text back into the text as
// written: [@user](https://…) links to a profile, and a citation cannot
// stand inside a link.
func uncite(ins []model.Inline) []model.Inline {
	for i, in := range ins {
		if mc, ok := in.(*model.Cite); ok {
			ins[i] = &model.Text{Text: mc.Source}
		} else if ch := model.Children(in); ch != nil {
			*ch = uncite(*ch)
		}
	}
	return ins
}

// inlineNote is pandoc's inline note, ^[text]: a footnote written where
// it is referenced (Quarto and R Markdown posts use them for asides and
// citations alike).
type inlineNote struct {
	gast.BaseInline
	text string // between the brackets
}

var kindInlineNote = gast.NewNodeKind("EditionInlineNote")

func (n *inlineNote) Kind() gast.NodeKind { return kindInlineNote }
func (n *inlineNote) Dump(src []byte, level int) {
	gast.DumpHelper(n, src, level, map[string]string{"text": n.text}, nil)
}

// inlineNoteParser reads ^[…], brackets balanced, across the lines of
// a paragraph.
type inlineNoteParser struct{}

func (inlineNoteParser) Trigger() []byte { return []byte{'^'} }

func (inlineNoteParser) Parse(parent gast.Node, block text.Reader, pc parser.Context) gast.Node {
	line, _ := block.PeekLine()
	if len(line) < 3 || line[1] != '[' {
		return nil
	}
	var inner string
	_, ok := scanInline(block, "]", func(s []byte) (int, bool) {
		end, more := scan.MatchBracket(s, 1, '[', ']')
		if end < 0 {
			return 0, more
		}
		inner = string(s[2:end])
		return end + 1, false
	}, 16<<10)
	if !ok || strings.TrimSpace(inner) == "" {
		return nil
	}
	return &inlineNote{text: inner}
}

// inlineNote converts an inline note into a note of the post, referenced
// where it stands.
func (c *conv) inlineNote(n *inlineNote) []model.Inline {
	line := c.line(n)
	if c.post.inlineNotes == nil { // a title: no notes
		return []model.Inline{&model.Text{Text: "^[" + n.text + "]"}}
	}
	if def := c.post.notes[strings.TrimSpace(n.text)]; def != nil {
		// "console^[1]" where the post defines [^1]: the reference,
		// its brackets and caret swapped
		c.post.referenced[def] = true
		c.warnAt(line, "^[%s] read as the footnote reference [^%s], which the post defines", strings.TrimSpace(n.text), strings.TrimSpace(n.text))
		return []model.Inline{&model.NoteRef{Note: def}}
	}
	note := &model.Note{Pos: model.Pos{Line: line}}
	note.Blocks = []model.Block{&model.Paragraph{Pos: note.Pos, Inlines: c.inlineMarkdown(strings.TrimSpace(n.text), line)}}
	*c.post.inlineNotes = append(*c.post.inlineNotes, note)
	return []model.Inline{&model.NoteRef{Note: note}}
}

// localizeCites localizes the prefixes and suffixes of the citations in
// blocks, which the walk over the text does not enter: they are text of
// the post, set around the citation's own.
func localizeCites(bs []model.Block, l *lang.Language) {
	model.WalkInlinesInBlocks(bs, func(in model.Inline) {
		c, ok := in.(*model.Cite)
		if !ok {
			return
		}
		for i := range c.Items {
			for _, ins := range [][]model.Inline{c.Items[i].Prefix, c.Items[i].Suffix} {
				if len(ins) == 0 {
					continue // nothing to localize (most cites have no prefix or suffix)
				}
				p := []model.Block{&model.Paragraph{Inlines: ins}}
				typo.LocalizeBlocks(p, l)
				typo.Scrub(p)
			}
		}
	})
}
