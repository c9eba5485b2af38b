package layout

import (
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/layout/text"
)

// Links on paper. A reader of the printed page cannot follow a link, so
// its target is printed (Config.Links):
//
//   - LinkNotes: the URL goes in a note at the foot of the column, marked
//     after the link's text by a letter. Letters are a series of their own
//     (a, b, … z, aa, ab…), restarting with each article: the article's
//     footnotes keep the numbers the EPUB gives them (numbered once, in
//     package edition), and a reader tells a source's address from an
//     author's note at a glance, as Chicago (14.18) and newspapers mark
//     a second series of notes apart. A URL linked again in the same
//     article keeps its letter; its note is printed again on a later page,
//     never twice on one.
//   - LinkInline: the URL follows the text in parentheses.
//   - LinkOff: the text alone.
//
// A link whose text is its URL (an autolink) is left as it is, and inside
// notes and bibliographies, where a note of a note would be absurd, the
// URL is printed inline. Every link stays clickable in the PDF.

// linkNotes are the link notes of the article being set.
type linkNotes struct {
	byURL map[string]*model.Note
	label map[*model.Note]string
}

// linkMark prints the target of link in after its text, pieces out.
func (lt *layouter) linkMark(in *model.Link, st text.Style, out []text.Piece) []text.Piece {
	mode := lt.cfg.Links
	if mode == LinkOff || in.URL == "" || selfLink(in) {
		return out
	}
	if mode == LinkNotes && (lt.inlineLinks || lt.art == nil) {
		mode = LinkInline
	}
	if mode == LinkInline {
		st.Added = true
		return append(out, text.Piece{Text: " (" + displayURL(in.URL) + ")", Style: st})
	}
	n := lt.linkNote(in.URL)
	s := supStyle(st)
	s.URL, s.Added = "", true
	// a four-per-em space keeps the letter apart from the word, for the
	// eye and for text extraction, which would read "fiascoa" (pdftotext
	// -raw joins a thin space)
	return append(out, text.Piece{Text: "\u2005" + lt.links.label[n], Style: s, Ref: &model.NoteRef{Note: n, Occurrence: 1}})
}

// linkNote returns the note of url in the article being set, making it
// the first time.
func (lt *layouter) linkNote(u string) *model.Note {
	if lt.links == nil {
		lt.links = &linkNotes{byURL: map[string]*model.Note{}, label: map[*model.Note]string{}}
	}
	if n, ok := lt.links.byURL[u]; ok {
		return n
	}
	k := len(lt.links.byURL)
	label := letters(k)
	text := displayURL(u)
	n := &model.Note{Number: linkNoteNumber(k), ID: "url-" + label, Label: label,
		Blocks: []model.Block{&model.Paragraph{Inlines: []model.Inline{&model.Link{URL: u, Inlines: []model.Inline{&model.Text{Text: text}}}}}}}
	lt.links.byURL[u] = n
	lt.links.label[n] = label
	lt.noteItems(n)
	if lt.set != nil {
		lt.set.linkNotes = append(lt.set.linkNotes, n)
	}
	return n
}

// linkNoteNumber is the model.Note Number of the k-th link note of an
// article (k from 0): -(k+1). Link notes are notes that layout makes, not
// edition, which numbers footnotes 1, 2, …; the negative number keeps the
// anchors of their references (model.NoteRef.RefID: "fnref-1") apart from
// those of footnotes ("fnref1"), and hasLinkNoteNumber tells them apart.
// On paper a link note is labelled by a letter (noteLabel), never by its
// number.
func linkNoteNumber(k int) int { return -(k + 1) }

// hasLinkNoteNumber reports whether n is a link note (see linkNoteNumber).
func hasLinkNoteNumber(n *model.Note) bool { return n.Number < 0 }

// noteLabel is how note n is numbered on paper: its number, or the letter
// of a link note.
func (lt *layouter) noteLabel(n *model.Note) string {
	if lt.links != nil {
		if l, ok := lt.links.label[n]; ok {
			return l
		}
	}
	return strconv.Itoa(n.Number)
}

// letters is the k-th label of the series a, b, … z, aa, ab, … (k from 0).
func letters(k int) string {
	var b []byte
	for k++; k > 0; k = (k - 1) / 26 {
		b = append([]byte{byte('a' + (k-1)%26)}, b...)
	}
	return string(b)
}

// selfLink reports whether a link's text is its URL, give or take the
// scheme, "www." and a final slash: printing the URL again would say
// nothing new.
func selfLink(in *model.Link) bool {
	norm := func(s string) string {
		s = strings.ToLower(strings.TrimSpace(s))
		for _, p := range []string{"https://", "http://", "mailto:", "www."} {
			s = strings.TrimPrefix(s, p)
		}
		return strings.TrimSuffix(s, "/")
	}
	text := norm(model.PlainText(in.Inlines))
	return text == norm(in.URL) || text == norm(displayURL(in.URL))
}

// displayURL is a URL as a reader types it: percent-escapes of UTF-8 text
// decoded (as browsers show addresses), a mailto: link's address alone.
func displayURL(u string) string {
	if addr, ok := strings.CutPrefix(u, "mailto:"); ok {
		u = addr
	}
	if d, err := url.PathUnescape(u); err == nil && utf8.ValidString(d) && !strings.ContainsAny(d, " \t\n") {
		u = d
	}
	return u
}

// continuedMark sets under the last note line of a column a note that
// continues in the next column: "(continued)" in the article's language,
// at the right.
func (lt *layouter) continuedMark(p *Page, last *vitem, colX, y Length, col int) {
	st := text.Style{Face: Face{Kind: TextFace, Style: fonts.Italic}, Size: max(lt.cfg.BodySize*8/10, 5*Pt)}
	if len(last.lines) > 0 && len(last.lines[0].Runs) > 0 {
		st.Size = last.lines[0].Runs[0].Size
	}
	mark := lt.Clean("("+lt.words().Continued+")", st.Face)
	w := lt.cfg.columnWidth()
	tw := lt.Width(mark, st)
	sl := lt.furnitureLine(w, Run{X: w - tw, Width: tw, Face: st.Face, Size: st.Size, Text: mark})
	sl.Info.Kind = KindNote
	sl.Height = lt.markHeight()
	sl.Base = sl.Height * 3 / 4
	placeItem(p, &vitem{h: sl.Height, lines: []*text.Line{sl}, lineY: []Length{0}}, colX, y, col)
}
