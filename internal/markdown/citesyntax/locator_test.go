package citesyntax

import (
	"strings"
	"testing"
)

// TestDifferAt0 checks that differAt0 passes over no term that
// strings.EqualFold would match, on strings starting with ASCII letters
// of both cases, digits, symbols, and letters beyond ASCII that fold to
// ASCII ones (the Kelvin sign, the long s) or not.
func TestDifferAt0(t *testing.T) {
	starts := []string{"p", "P", "k", "K", "\u212a", "s", "S", "\u017f", "é", "É", "§", "1", ".", ""}
	skipped := 0
	for _, a := range starts {
		for _, b := range starts {
			s, form := a+"p. 3", b+"p."
			if !differAt0(s, form) {
				continue
			}
			skipped++
			if len(form) <= len(s) && strings.EqualFold(s[:len(form)], form) {
				t.Errorf("differAt0(%q, %q) passes over a match", s, form)
			}
		}
	}
	if skipped == 0 {
		t.Error("differAt0 passed over nothing")
	}
}

// TestTermLists checks that looking a label up in the lists of its first
// byte finds what looking it up among all forms does, for every form of
// every language, alone and before a number, in upper case, and for
// strings starting beyond ASCII.
func TestTermLists(t *testing.T) {
	for _, tag := range []string{"en-US", "de-DE", "fr-FR", "it-IT", "es-ES", "pt-BR", "nl-NL"} {
		own, en := termListsFor(tag)
		for _, l := range []*termList{own, en} {
			var all []term
			for _, ts := range l {
				all = append(all, ts...)
			}
			if len(all) == 0 && l == en {
				t.Fatalf("%s: no English terms", tag)
			}
			var tried []string
			for _, tm := range all {
				tried = append(tried, tm.form, tm.form+" 3", strings.ToUpper(tm.form)+" 3", tm.form+"x")
			}
			tried = append(tried, "§ 3", "\u212a. 3", "é 3", "\x00", "3")
			for _, s := range tried {
				gl, gn := longestTermIn(s, l)
				wl, wn := longestTerm(s, all)
				if gl != wl || gn != wn {
					t.Errorf("%s: %q: %q %d by first byte, %q %d among all", tag, s, gl, gn, wl, wn)
				}
			}
		}
	}
}
