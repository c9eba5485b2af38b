package text

import (
	"unicode/utf8"

	"github.com/redtide/edition/fonts"
)

// asciiFace is what measuring and cleaning ASCII text in one face needs,
// worked out once per layouter: most of an edition's text is ASCII, and
// Width and Clean otherwise ask the face and its fallback about every
// rune.
type asciiFace struct {
	kept  [2]uint64            // the ASCII runes Clean keeps as they are
	fb    [2]uint64            // those drawn in the fallback face
	width [utf8.RuneSelf]int32 // each rune's width as ems measures it
	own   bool                 // fb is empty: the face draws all its ASCII
}

// asciiFaces is the number of faces asciiOf remembers: every kind in
// every style.
const asciiFaces = (int(FallbackFace) + 1) * (int(fonts.BoldItalic) + 1)

// asciiOf returns the ASCII table of face f, nil for a face it does not
// know.
func (lt *Setter) asciiOf(f Face) *asciiFace {
	k, ok := faceIndex(f)
	if !ok {
		return nil
	}
	if a := lt.ascii[k]; a != nil {
		return a
	}
	font, fb := f.Font(lt.fs), lt.fallback(f)
	if font == nil {
		return nil
	}
	a := &asciiFace{}
	for r := rune(0); r < utf8.RuneSelf; r++ {
		if font.Has(r) || r == ' ' || fallbackHas(fb, r) {
			a.kept[r>>6] |= 1 << (r & 63)
		}
		if fb != nil && !font.Has(r) && fb.Has(r) {
			a.fb[r>>6] |= 1 << (r & 63)
			a.width[r] = int32(fb.Width(r))
		} else {
			a.width[r] = int32(font.Width(r))
		}
	}
	a.own = a.fb == [2]uint64{}
	lt.ascii[k] = a
	return a
}

// faceIndex is the number of face f among the asciiFaces faces, false
// for a face that is none of them.
func faceIndex(f Face) (int, bool) {
	if f.Kind > FallbackFace || f.Style < fonts.Regular || f.Style > fonts.BoldItalic {
		return 0, false
	}
	return int(f.Kind)*(int(fonts.BoldItalic)+1) + int(f.Style), true
}

// ems returns the width of s in 1/1000 em and true when s is ASCII.
func (a *asciiFace) ems(s string) (int, bool) {
	w := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return 0, false
		}
		w += int(a.width[c])
	}
	return w, true
}

// keeps tells that s is ASCII and Clean keeps every rune of it.
func (a *asciiFace) keeps(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || a.kept[c>>6]&(1<<(c&63)) == 0 {
			return false
		}
	}
	return true
}

// ownFace tells that s is ASCII and drawn in the face itself, none of it
// in the fallback face.
func (a *asciiFace) ownFace(s string) bool {
	if a.own {
		return isASCII(s)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || a.fb[c>>6]&(1<<(c&63)) != 0 {
			return false
		}
	}
	return true
}

// isASCII tells that s is ASCII, eight bytes at a time.
func isASCII(s string) bool {
	for ; len(s) >= 8; s = s[8:] {
		if (s[0]|s[1]|s[2]|s[3]|s[4]|s[5]|s[6]|s[7])&0x80 != 0 {
			return false
		}
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
