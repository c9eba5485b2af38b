package model

import (
	"fmt"
	"strings"
)

// Dump renders an edition as an indented text listing, for golden tests
// and debugging. It shows structure and every number the renderers read.
func Dump(ed *Edition) string {
	var b strings.Builder
	fmt.Fprintf(&b, "edition %q title=%q vol=%d no=%d date=%s lang=%s\n",
		ed.Publication, ed.Title, ed.Volume, ed.Number, ed.Date.Format("2006-01-02"), ed.Language)
	for _, s := range ed.Sections {
		fmt.Fprintf(&b, "section %q\n", s.Title)
		for _, a := range s.Articles {
			dumpArticle(&b, a, "  ")
		}
	}
	return b.String()
}

// DumpArticle renders one article like Dump.
func DumpArticle(a *Article) string {
	var b strings.Builder
	dumpArticle(&b, a, "")
	return b.String()
}

func dumpArticle(b *strings.Builder, a *Article, ind string) {
	fmt.Fprintf(b, "%sarticle %s %q\n", ind, a.ID, a.Title)
	if a.Subtitle != "" {
		fmt.Fprintf(b, "%s  subtitle %q\n", ind, a.Subtitle)
	}
	if len(a.Authors) > 0 {
		fmt.Fprintf(b, "%s  authors %q\n", ind, a.Authors)
	}
	if !a.Date.IsZero() {
		fmt.Fprintf(b, "%s  date %s\n", ind, a.Date.Format("2006-01-02"))
	}
	if a.Language != "" {
		fmt.Fprintf(b, "%s  lang %s\n", ind, a.Language)
	}
	dumpBlocks(b, a.Blocks, ind+"  ", false)
	for _, n := range a.Notes {
		fmt.Fprintf(b, "%s  note %d id=%s label=%q\n", ind, n.Number, n.ID, n.Label)
		dumpBlocks(b, n.Blocks, ind+"    ", false)
	}
	if bib := a.Bibliography; bib != nil {
		fmt.Fprintf(b, "%s  bibliography %q ordered=%v\n", ind, bib.Title, bib.Ordered)
		for _, e := range bib.Entries {
			if e.Group != nil {
				fmt.Fprintf(b, "%s    group %s\n", ind, dumpInlines(e.Group))
			}
			fmt.Fprintf(b, "%s    entry %d id=%s %s\n", ind, e.Number, e.ID, dumpInlines(e.Inlines))
		}
	}
}

// DumpBlocks renders blocks like Dump; with lines, each block is
// prefixed by its source line ("12: para ...").
func DumpBlocks(bs []Block, lines bool) string {
	var b strings.Builder
	dumpBlocks(&b, bs, "", lines)
	return b.String()
}

func dumpBlocks(b *strings.Builder, bs []Block, ind string, lines bool) {
	for _, bl := range bs {
		if lines {
			fmt.Fprintf(b, "%d: ", bl.SourceLine())
		}
		switch t := bl.(type) {
		case *Paragraph:
			fmt.Fprintf(b, "%spara %s\n", ind, dumpInlines(t.Inlines))
		case *Heading:
			fmt.Fprintf(b, "%sheading %d id=%s %s\n", ind, t.Level, t.ID, dumpInlines(t.Inlines))
		case *List:
			fmt.Fprintf(b, "%slist ordered=%v start=%d\n", ind, t.Ordered, t.Start)
			for _, it := range t.Items {
				if lines {
					fmt.Fprintf(b, "%d: ", it.Line)
				}
				fmt.Fprintf(b, "%s  item\n", ind)
				dumpBlocks(b, it.Blocks, ind+"    ", lines)
			}
		case *Quote:
			fmt.Fprintf(b, "%squote\n", ind)
			dumpBlocks(b, t.Blocks, ind+"  ", lines)
		case *CodeBlock:
			fmt.Fprintf(b, "%scode lang=%q %q\n", ind, t.Language, t.Text)
		case *Rule:
			fmt.Fprintf(b, "%srule\n", ind)
		case *BibliographyHere:
			fmt.Fprintf(b, "%sbibliography-here cited=%v\n", ind, t.Cited)
		case *MathBlock:
			fmt.Fprintf(b, "%smath%s %q\n", ind, unread(t.Formula == nil), t.TeX)
		case *Figure:
			img := "<none>"
			if t.Image != nil {
				img = fmt.Sprintf("%s %s %dx%d alt=%q", t.Image.Path, t.Image.MediaType, t.Image.Width, t.Image.Height, t.Image.Alt)
			}
			fmt.Fprintf(b, "%sfigure %s caption=%s\n", ind, img, dumpInlines(t.Caption))
		case *Table:
			fmt.Fprintf(b, "%stable align=%v\n", ind, t.Align)
			if t.Caption != nil {
				fmt.Fprintf(b, "%s  caption %s\n", ind, dumpInlines(t.Caption))
			}
			if t.Header != nil {
				fmt.Fprintf(b, "%s  header%s\n", ind, dumpCells(t.Header))
			}
			for _, r := range t.Rows {
				fmt.Fprintf(b, "%s  row%s\n", ind, dumpCells(r))
			}
		}
	}
}

func dumpCells(cs []Cell) string {
	var b strings.Builder
	for _, c := range cs {
		b.WriteString(" | ")
		b.WriteString(dumpInlines(c.Inlines))
	}
	return b.String()
}

func dumpInlines(ins []Inline) string {
	var b strings.Builder
	for _, in := range ins {
		switch t := in.(type) {
		case *Text:
			fmt.Fprintf(&b, "%q", t.Text)
		case *Emph:
			b.WriteString("em(" + dumpInlines(t.Inlines) + ")")
		case *Strong:
			b.WriteString("strong(" + dumpInlines(t.Inlines) + ")")
		case *Strike:
			b.WriteString("del(" + dumpInlines(t.Inlines) + ")")
		case *Sup:
			b.WriteString("sup(" + dumpInlines(t.Inlines) + ")")
		case *Sub:
			b.WriteString("sub(" + dumpInlines(t.Inlines) + ")")
		case *Code:
			fmt.Fprintf(&b, "code(%q)", t.Text)
		case *Link:
			fmt.Fprintf(&b, "link(%s %s)", t.URL, dumpInlines(t.Inlines))
		case *Lang:
			fmt.Fprintf(&b, "lang(%s %s)", t.Tag, dumpInlines(t.Inlines))
		case *LineBreak:
			b.WriteString("br")
		case *Math:
			fmt.Fprintf(&b, "math%s(%q)", unread(t.Formula == nil), t.TeX)
		case *NoteRef:
			fmt.Fprintf(&b, "ref(%d#%d)", t.Note.Number, t.Occurrence)
		case *SmallCaps:
			b.WriteString("sc(" + dumpInlines(t.Inlines) + ")")
		case *CiteRef:
			fmt.Fprintf(&b, "cref(%s %s)", t.Entry.ID, dumpInlines(t.Inlines))
		case *Cite:
			fmt.Fprintf(&b, "cite(%s)", dumpCite(t))
		}
	}
	return b.String()
}

// dumpCite shows a citation as its parts: each work's prefix, key,
// label and locator, and suffix.
func dumpCite(c *Cite) string {
	var parts []string
	if c.AuthorInText {
		parts = append(parts, "in-text")
	}
	if c.Nocite {
		parts = append(parts, "nocite")
	}
	for _, it := range c.Items {
		s := ""
		if len(it.Prefix) > 0 {
			s += dumpInlines(it.Prefix) + " "
		}
		if it.SuppressAuthor {
			s += "-"
		}
		s += "@" + it.Key
		if it.Locator != "" || it.Label != "" {
			s += fmt.Sprintf(" %s=%q", it.Label, it.Locator)
		}
		if len(it.Suffix) > 0 {
			s += " " + dumpInlines(it.Suffix)
		}
		parts = append(parts, s)
	}
	return fmt.Sprintf("%d:%d ", c.Line, c.Column) + strings.Join(parts, "; ")
}

// unread marks math whose TeX could not be read (shown as its source).
func unread(b bool) string {
	if b {
		return "?"
	}
	return ""
}
