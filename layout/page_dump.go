package layout

import (
	"fmt"
	"strings"
)

// Dump returns a text listing of the document for golden tests: pages, then
// lines with their measurements, then the runs of each line. Lengths are in
// points with two decimals.
func (d *Document) Dump() string {
	var b strings.Builder
	fmt.Fprintf(&b, "document %s x %s bleed %s pages %d\n", pt(d.Width), pt(d.Height), pt(d.Bleed), len(d.Pages))
	for _, bm := range d.Outline {
		fmt.Fprintf(&b, "outline %d page %d %q\n", bm.Level, bm.Page+1, bm.Title)
	}
	for _, p := range d.Pages {
		fmt.Fprintf(&b, "page %d folio %q\n", p.Index+1, p.Folio)
		for _, l := range p.Lines {
			fmt.Fprintf(&b, "  line %s col %d x %s y %s w %s", l.Kind, l.Column, pt(l.X), pt(l.Y), pt(l.Width))
			if l.Justified {
				fmt.Fprintf(&b, " r %.3f", l.Ratio)
			}
			if l.Hyphenated {
				b.WriteString(" hyph")
			}
			if l.Loose {
				b.WriteString(" loose")
			}
			if l.Overfull {
				b.WriteString(" overfull")
			}
			if l.Widow {
				b.WriteString(" widow")
			}
			if l.Orphan {
				b.WriteString(" orphan")
			}
			b.WriteByte('\n')
			for _, r := range l.Runs {
				if r.Math != nil {
					fmt.Fprintf(&b, "    %s %s math %s w %s h %.2f d %.2f glyphs %d rules %d\n", pt(r.X), pt(r.Y), pt(r.Size), pt(r.Width),
						r.Math.Height, r.Math.Depth, len(r.Math.Glyphs), len(r.Math.Rules))
					continue
				}
				fmt.Fprintf(&b, "    %s %s %s %s %q", pt(r.X), pt(r.Y), r.Face, pt(r.Size), r.Text)
				if r.Strike {
					b.WriteString(" strike")
				}
				b.WriteByte('\n')
			}
		}
		for _, r := range p.Marks {
			fmt.Fprintf(&b, "  mark %s %s %s %s %q\n", pt(r.X), pt(r.Y), r.Face, pt(r.Size), r.Text)
		}
		for _, r := range p.Rules {
			fmt.Fprintf(&b, "  rule %s %s %s %s\n", pt(r.X), pt(r.Y), pt(r.W), pt(r.H))
		}
		for _, im := range p.Images {
			name := ""
			if im.Image != nil {
				name = im.Image.Name
			}
			fmt.Fprintf(&b, "  image %s %s %s %s %q\n", pt(im.X), pt(im.Y), pt(im.W), pt(im.H), name)
		}
		for _, l := range p.Links {
			target := l.URL
			if l.Dest != "" {
				target = "#" + l.Dest
			}
			fmt.Fprintf(&b, "  link %s %s %s %s %s\n", pt(l.X), pt(l.Y), pt(l.W), pt(l.H), target)
		}
		for _, a := range p.Anchor {
			fmt.Fprintf(&b, "  anchor %s %s\n", a.Name, pt(a.Y))
		}
	}
	return b.String()
}

func pt(l Length) string { return fmt.Sprintf("%.2f", l.Points()) }

// Lines returns every text line of the document in page order.
func (d *Document) Lines() []*TextLine {
	var out []*TextLine
	for _, p := range d.Pages {
		out = append(out, p.Lines...)
	}
	return out
}
