package layout

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/layout/text"
)

func bold(s fonts.Style) fonts.Style {
	switch s {
	case fonts.Regular:
		return fonts.Bold
	case fonts.Italic:
		return fonts.BoldItalic
	}
	return s
}

func toggleItalic(s fonts.Style) fonts.Style {
	switch s {
	case fonts.Regular:
		return fonts.Italic
	case fonts.Italic:
		return fonts.Regular
	case fonts.Bold:
		return fonts.BoldItalic
	}
	return fonts.Bold
}

// flatten turns inlines into styled pieces.
func (lt *layouter) flatten(inl []model.Inline, st text.Style, out []text.Piece) []text.Piece {
	for _, in := range inl {
		switch in := in.(type) {
		case *model.Text:
			out = append(out, text.Piece{Text: in.Text, Style: st})
		case *model.Emph:
			s := st
			if s.Face.Kind == TextFace {
				s.Face.Style = toggleItalic(s.Face.Style)
			}
			out = lt.flatten(in.Inlines, s, out)
		case *model.Strong:
			s := st
			if s.Face.Kind == TextFace {
				s.Face.Style = bold(s.Face.Style)
			}
			out = lt.flatten(in.Inlines, s, out)
		case *model.Strike:
			s := st
			s.Strike = true
			out = lt.flatten(in.Inlines, s, out)
		case *model.Code:
			s := st
			s.Face = Face{Kind: MonoFace}
			s.Size = st.Size * 9 / 10
			out = append(out, text.Piece{Text: in.Text, Style: s})
		case *model.Math:
			out = lt.inlineMath(in, st, out)
		case *model.Sup:
			out = lt.flatten(in.Inlines, supStyle(st), out)
		case *model.Sub:
			s := st
			s.Size = max(st.Size*7/10, 5*Pt)
			s.Rise -= st.Size * 15 / 100
			out = lt.flatten(in.Inlines, s, out)
		case *model.Link:
			s := st
			s.URL = in.URL
			out = lt.flatten(in.Inlines, s, out)
			out = lt.linkMark(in, s, out)
		case *model.Lang:
			s := st
			s.Lang = in.Tag
			out = lt.flatten(in.Inlines, s, out)
		case *model.LineBreak:
			out = append(out, text.Piece{Hard: true, Style: st})
		case *model.SmallCaps:
			out = lt.smallCaps(in.Inlines, st, out)
		case *model.CiteRef:
			// the entry is on the page; print has no link to follow
			out = lt.flatten(in.Inlines, st, out)
		case *model.NoteRef:
			if in.Note == nil {
				continue
			}
			s := supStyle(st)
			s.URL = ""
			if s.Face.Kind == TextFace {
				s.Face.Style = fonts.Regular
			}
			out = append(out, text.Piece{Text: lt.noteLabel(in.Note), Style: s, Ref: in})
		}
	}
	return out
}

func supStyle(st text.Style) text.Style {
	s := st
	s.Size = max(st.Size*7/10, 5*Pt)
	s.Rise += st.Size * 35 / 100
	return s
}

// TraceParagraph sets text as a paragraph of body type in language lang
// (hyphenated, justified, in one column of an edition with settings cfg)
// and returns the line breaker's account of its first justified attempt,
// as linebreak.Trace gives it: every feasible break with its badness and
// demerits, and the breaks chosen. It is for debugging line breaking; the
// lines of a real edition also depend on the paragraph's indent and
// styles.
func TraceParagraph(fs *fonts.Set, cfg Config, lang, par string) (string, error) {
	if fs == nil || fs.Text == nil || fs.Text.Regular == nil {
		return "", errors.New("layout: incomplete font set")
	}
	cfg = cfg.withDefaults()
	if err := cfg.Validate(); err != nil {
		return "", fmt.Errorf("layout: %w", err)
	}
	lt := &layouter{fs: fs, cfg: cfg, warned: map[string]bool{}}
	lt.Setter = text.NewSetter(fs, cfg.settings(), lt)
	c := lt.bodyCtx()
	spec := text.Spec{Width: c.width, Justify: true, Hyphenate: true, Lang: lang, Kind: c.kind, Leading: c.leading}
	return lt.Trace([]text.Piece{{Text: par, Style: c.style()}}, spec), nil
}

// smallCaps sets inlines in small capitals: the fonts have none, so
// lower-case letters are set as capitals at 80 per cent of the size
// (what word processors do), capitals and other characters as they are.
func (lt *layouter) smallCaps(ins []model.Inline, st text.Style, out []text.Piece) []text.Piece {
	for _, p := range lt.flatten(ins, st, nil) {
		if p.Text == "" || p.Ref != nil {
			out = append(out, p)
			continue
		}
		start := 0
		lower := false
		flush := func(end int) {
			if end <= start {
				return
			}
			q := p
			q.Text = p.Text[start:end]
			if lower {
				q.Text = strings.ToUpper(q.Text)
				q.Style.Size = p.Style.Size * 8 / 10
			}
			out = append(out, q)
			start = end
		}
		for i, r := range p.Text {
			if l := unicode.IsLower(r); l != lower {
				flush(i)
				lower = l
			}
		}
		flush(len(p.Text))
	}
	return out
}
