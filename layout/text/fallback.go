package text

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/redtide/edition/fonts"
)

// Width measures s in style st.
func (lt *Setter) Width(s string, st Style) Length {
	return Length(lt.Ems(s, st.Face)) * st.Size / 1000
}

// Ems measures s in face f in 1/1000 em, the runes f lacks in the
// fallback face that will draw them (see SplitFallback).
func (lt *Setter) Ems(s string, f Face) int {
	if a := lt.asciiOf(f); a != nil {
		if w, ok := a.ems(s); ok {
			return w
		}
	}
	font := f.Font(lt.fs)
	fb := lt.fallback(f)
	if fb == nil {
		return font.StringWidth(s)
	}
	w := 0
	for _, r := range s {
		if !font.Has(r) && fb.Has(r) {
			w += fb.Width(r)
		} else {
			w += font.Width(r)
		}
	}
	return w
}

// fallbackFace returns the face that draws the runes f lacks: the bold
// fallback for bold text and the (bold) display face, the regular one
// for the others.
func fallbackFace(f Face) Face {
	if f.Kind == DisplayFace || f.Kind == TextFace && (f.Style == fonts.Bold || f.Style == fonts.BoldItalic) {
		return Face{Kind: FallbackFace, Style: fonts.Bold}
	}
	return Face{Kind: FallbackFace}
}

// fallback returns the font of fallbackFace(f), nil if the set has none
// or f is a fallback face itself.
func (lt *Setter) fallback(f Face) *fonts.Font {
	if f.Kind == FallbackFace {
		return nil
	}
	return fallbackFace(f).Font(lt.fs)
}

// SplitFallback cuts every run of runs at the runes its face lacks and the
// fallback face has, which Clean kept and ems measured in the fallback,
// so that those runes are drawn in the fallback face. The pieces' widths
// sum to the run's up to rounding.
func (lt *Setter) SplitFallback(runs []Run) []Run {
	var out []Run
	var face Face // of the run before, whose ASCII table is a
	var a *asciiFace
	for i := range runs {
		r := &runs[i]
		if r.own { // most runs of text
			if out != nil {
				out = append(out, *r)
			}
			continue
		}
		var font, fb *fonts.Font
		need := true
		if a == nil || r.Face != face {
			face, a = r.Face, lt.asciiOf(r.Face)
		}
		if a != nil && a.ownFace(r.Text) {
			need = false // most runs
		} else {
			font, fb = r.Face.Font(lt.fs), lt.fallback(r.Face)
			need = fb != nil && strings.ContainsFunc(r.Text, func(c rune) bool { return !font.Has(c) && fb.Has(c) })
		}
		if !need {
			if out != nil {
				out = append(out, *r)
			}
			continue
		}
		if out == nil {
			out = append(make([]Run, 0, len(runs)+2), runs[:i]...)
		}
		x, from, inFB := r.X, 0, false
		emit := func(to int) {
			if to == from {
				return
			}
			part := *r
			if inFB {
				part.Face = fallbackFace(r.Face)
			}
			part.Text = r.Text[from:to]
			part.X = x
			part.Width = lt.Width(part.Text, Style{Face: r.Face, Size: r.Size})
			x += part.Width
			out = append(out, part)
			from = to
		}
		for j, c := range r.Text {
			if fbRune := !font.Has(c) && fb.Has(c); fbRune != inFB {
				emit(j)
				inFB = fbRune
			}
		}
		emit(len(r.Text))
	}
	if out == nil {
		return runs
	}
	return out
}

// Clean replaces runes the face cannot draw: first by a close substitute,
// else keeps them for the fallback face if that has them (SplitFallback
// gives them their own runs), else by '?', warning once per rune.
func (lt *Setter) Clean(s string, f Face) string {
	if a := lt.asciiOf(f); a != nil && a.keeps(s) {
		return s
	}
	font := f.Font(lt.fs)
	fb := lt.fallback(f)
	ok := true
	for _, r := range s {
		if !font.Has(r) && r != ' ' && !fallbackHas(fb, r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case font.Has(r) || r == ' ':
			b.WriteRune(r)
		case r == '\t' || r == '\n' || r == '\r' || unicode.IsSpace(r):
			b.WriteRune(' ')
		case r == '\u00ad' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff':
			// invisible: soft hyphen handled earlier, zero-width characters dropped
		default:
			if sub, ok := substitutes[r]; ok && font.StringWidth(sub) > 0 && allHas(font, sub) {
				b.WriteString(sub)
				continue
			}
			if fallbackHas(fb, r) {
				b.WriteRune(r)
				continue
			}
			lt.warn("glyph "+string(r), "no glyph for "+strconv.QuoteRune(r)+" in "+font.Name+"; printed as ?")
			b.WriteByte('?')
		}
	}
	return b.String()
}

// fallbackHas reports whether Clean keeps r for the fallback face fb:
// fb has it and it is no space, control or invisible character, which
// Clean turns into a space or drops whatever the fonts have.
func fallbackHas(fb *fonts.Font, r rune) bool {
	return fb != nil && fb.Has(r) && !unicode.IsSpace(r) && !unicode.IsControl(r) && !unicode.Is(unicode.Cf, r)
}

var substitutes = map[rune]string{
	'\u2212': "-", '\u2010': "-", '\u2011': "-", '\u2009': " ", '\u202f': " ", '\u2002': " ", '\u2003': " ",
	'\u2192': "->", '\u2190': "<-", '\u2026': "...", '\u2018': "'", '\u2019': "'", '\u201c': "\"", '\u201d': "\"",
	'\u2014': "--", '\u2013': "-", '\u2022': "*", '\u00a0': " ",
}

func allHas(f *fonts.Font, s string) bool {
	for _, r := range s {
		if !f.Has(r) {
			return false
		}
	}
	return true
}
