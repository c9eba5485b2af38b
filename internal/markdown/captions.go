package markdown

import (
	"strings"

	"github.com/redtide/edition/internal/lazy"
	"github.com/redtide/edition/internal/model"
)

// Sites write an image's caption under it in many ways besides a
// <figure>'s <figcaption>. A print edition floats figures, so a caption
// left in the text would stay behind while its image moved: these
// captions become the figure's own. The rule takes only text that sits
// directly under an image that has no caption yet, and only when the
// text is marked as a caption:
//
//   - in the image's own paragraph, after it (on the next line, after a
//     <br>, or on the same line): a run that is wholly italic (*…*, <i>, <em>) or small
//     (<small>), or that starts with a figure label;
//   - the next paragraph, when it is wholly italic, wholly small, starts
//     with a figure label ("Figure 3:", "*Fig. 2.*", "Abb. 4 –",
//     "Рис. 1."), or is an HTML <p class="caption"> (any class naming a
//     caption).
//
// An ordinary italic paragraph is not taken: it must follow an image
// directly in the source (not one taken out of running text or a table
// cell), have no caption beside it, and be short (captionWords words
// for a wholly italic or small run; a labelled caption may run to
// labelledWords), and an image inside running text (text before it in
// its paragraph) takes no caption from the text after it.

const (
	captionWords  = 60
	labelledWords = 150
)

// figureLabel matches the label that opens a caption, in the languages
// edition sets: Figure 3:, Fig. 2., Abb. 4 –, Figura 1, Afbeelding 2,
// Рис. 1, Image 5, Plate II, Table 2.
var figureLabel = lazy.Regexp(`(?i)^\s*(?:figure|figura|figur|fig|abbildung|abb|afbeelding|afb|image|imagen|imagem|immagine|img|illustration|ilustración|ilustração|illustrazione|plate|photo|foto|grafik|gráfico|graph|chart|map|karte|mapa|carte|carta|tableau|table|tabla|tabelle|tabel|рис|рисунок|иллюстрация)\.?\s*(?:\d+|[IVXLC]+)(?:[.-]\d+)*[a-z]?\s*(?:[.:—–-]|\s)`)

// captionText reports whether ins, inline content standing under an
// image, is marked as its caption (see above).
func (c *conv) captionText(ins []model.Inline) bool {
	ins = trimSpace(ins)
	if len(ins) == 0 {
		return false
	}
	words := len(strings.Fields(model.PlainText(ins)))
	if words == 0 {
		return false
	}
	if figureLabel().MatchString(model.PlainText(ins)) {
		return words <= labelledWords
	}
	return words <= captionWords && (wholly(ins, isEmph) || wholly(ins, c.isSmall))
}

func isEmph(in model.Inline) bool {
	_, ok := in.(*model.Emph)
	return ok
}

func (c *conv) isSmall(in model.Inline) bool { return c.post.small[in] }

// wholly reports whether every inline of ins that holds words passes
// is; text between them may be only punctuation and space.
func wholly(ins []model.Inline, is func(model.Inline) bool) bool {
	marked := false
	for _, in := range ins {
		if is(in) {
			marked = true
			continue
		}
		if t, ok := in.(*model.Text); ok && strings.Trim(t.Text, " \t\n.,;:()[]—–-") == "" {
			continue
		}
		return false
	}
	return marked
}

// paragraphCaption returns the caption under the image that opens a
// paragraph (its inlines, before the figures are moved out), and the
// inlines left; caption is nil when there is none.
func (c *conv) paragraphCaption(ins []model.Inline) (caption, rest []model.Inline, fig *model.Figure) {
	i := 0
	for i < len(ins) && blank(ins[i]) {
		i++
	}
	if i == len(ins) {
		return nil, ins, nil
	}
	f, ok := ins[i].(*figureInline)
	if !ok || len(f.fig.Caption) > 0 {
		return nil, ins, nil
	}
	// A soft line break is a space by now: the caption may follow on the
	// next line, after a <br>, or on the image's own line.
	j := i + 1
	for j < len(ins) && blank(ins[j]) {
		j++
	}
	if j == len(ins) || !c.captionText(ins[j:]) {
		return nil, ins, nil
	}
	for _, in := range ins[j:] {
		if _, ok := in.(*figureInline); ok {
			return nil, ins, nil
		}
	}
	return trimSpace(ins[j:]), ins[:j], f.fig
}

// captionInParagraph gives the image that opens a paragraph the caption
// under it (see paragraphCaption) and returns the inlines left.
func (c *conv) captionInParagraph(ins []model.Inline) []model.Inline {
	caption, rest, fig := c.paragraphCaption(ins)
	if fig == nil {
		return ins
	}
	setCaption(fig, caption)
	return rest
}

// setCaption captions fig; without alt text, the caption serves. Italics
// that marked the whole text as a caption are the caption style's to
// set, not emphasis within it.
func setCaption(fig *model.Figure, caption []model.Inline) {
	if wholly(caption, isEmph) {
		var flat []model.Inline
		for _, in := range caption {
			if e, ok := in.(*model.Emph); ok {
				flat = append(flat, e.Inlines...)
			} else {
				flat = append(flat, in)
			}
		}
		caption = mergeText(flat)
	}
	fig.Caption = caption
	if fig.Image != nil && strings.TrimSpace(fig.Image.Alt) == "" {
		fig.Image.Alt = model.PlainText(caption)
	}
}

func blank(in model.Inline) bool {
	switch t := in.(type) {
	case *model.LineBreak:
		return true
	case *model.Text:
		return strings.TrimSpace(t.Text) == ""
	}
	return false
}

// attachCaptions gives a figure without a caption the paragraph that
// follows it when that paragraph is marked as its caption; it descends
// into quotations and lists.
func (c *conv) attachCaptions(bs []model.Block) []model.Block {
	out := bs[:0]
	for i := 0; i < len(bs); i++ {
		b := bs[i]
		switch t := b.(type) {
		case *model.Quote:
			t.Blocks = c.attachCaptions(t.Blocks)
		case *model.List:
			for _, it := range t.Items {
				it.Blocks = c.attachCaptions(it.Blocks)
			}
		case *model.Figure:
			if i+1 < len(bs) && len(t.Caption) == 0 && !c.post.moved[t] {
				if p, ok := bs[i+1].(*model.Paragraph); ok && (c.post.captionParas[p] || c.captionText(p.Inlines)) {
					setCaption(t, trimSpace(p.Inlines))
					out = append(out, t)
					i++
					continue
				}
			}
		}
		out = append(out, b)
	}
	return out
}

// markMoved records figures that did not stand on their own in the
// source (taken out of running text or a table cell): the paragraph
// after them in the output was not under them in the source, and is no
// caption of theirs.
func (c *conv) markMoved(figs []model.Block) {
	r := c.post
	if r.moved == nil {
		r.moved = map[*model.Figure]bool{}
	}
	for _, b := range figs {
		if f, ok := b.(*model.Figure); ok {
			r.moved[f] = true
		}
	}
}

// markSmall records inlines that were inside <small> (see captionText).
func (c *conv) markSmall(ins []model.Inline) {
	r := c.post
	if r.small == nil {
		r.small = map[model.Inline]bool{}
	}
	for _, in := range ins {
		r.small[in] = true
	}
}

// markCaption records an HTML paragraph whose class names a caption.
func (c *conv) markCaption(p *model.Paragraph) {
	r := c.post
	if r.captionParas == nil {
		r.captionParas = map[*model.Paragraph]bool{}
	}
	r.captionParas[p] = true
}

// captionClass: a class attribute that names a caption (caption,
// image-caption, wp-caption-text, figcaption).
func captionClass(class string) bool {
	for _, c := range strings.Fields(strings.ToLower(class)) {
		if strings.Contains(c, "caption") {
			return true
		}
	}
	return false
}
