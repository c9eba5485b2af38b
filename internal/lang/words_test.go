package lang

import (
	"slices"
	"testing"
	"unicode"
)

// wordsByRange splits text as eachWord did before its ASCII table: rune
// by rune, every rune tested with unicode.IsLetter.
func wordsByRange(text string) []string {
	var words []string
	start := -1
	for i, r := range text {
		if r == '\'' || r == '’' || unicode.IsLetter(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			words = append(words, text[start:i])
			start = -1
		}
	}
	if start >= 0 {
		words = append(words, text[start:])
	}
	return words
}

func words(text string) []string {
	var ws []string
	eachWord(text, func(w string) { ws = append(ws, w) })
	return ws
}

var wordCases = []string{
	"", " ", "a", "The cat's hat.", "l’homme et la femme", "naïve café, Straße; ÆØÅ",
	"\xff\xfeabc\xc3", "abc\xc3\xa9def", "x1y2z", "Ωмега и альфа", "日本語のテキスト",
	"it's 'quoted' ’tis", "tab\tnew\nline", "\u00a0nbsp\u2009thin", "ǅemal Ⅻ", "a\x7fb\x00c",
	"word" + string(rune(0x10400)) + "deseret",
}

// TestEachWord: eachWord cuts text into the words the rune-by-rune loop did.
func TestEachWord(t *testing.T) {
	for _, s := range wordCases {
		if got, want := words(s), wordsByRange(s); !slices.Equal(got, want) {
			t.Errorf("eachWord(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzEachWord(f *testing.F) {
	for _, s := range wordCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := words(s), wordsByRange(s); !slices.Equal(got, want) {
			t.Fatalf("eachWord(%q) = %q, want %q", s, got, want)
		}
	})
}
