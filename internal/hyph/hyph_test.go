package hyph

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/redtide/edition/internal/lang"
	"github.com/redtide/edition/internal/testenv"
)

// show inserts '-' at the offsets, for readable failures.
func show(word string, offs []int) string {
	var b strings.Builder
	prev := 0
	for _, o := range offs {
		b.WriteString(word[prev:o])
		b.WriteByte('-')
		prev = o
	}
	b.WriteString(word[prev:])
	return b.String()
}

func newEN(t testing.TB) *Hyphenator { return mustNew(t, "en-US") }

func TestHyphenate(t *testing.T) {
	h := newEN(t)
	// What the patterns give, checked by hand against dictionary
	// syllabification; a few are incomplete ("bour-geoisie") but no break
	// is wrong.
	tests := []struct{ word, want string }{
		{"hyphenation", "hy-phen-ation"},
		{"typesetting", "type-set-ting"},
		{"revolution", "rev-o-lu-tion"},
		{"revolutionary", "rev-o-lu-tion-ary"},
		{"bureaucratization", "bu-reau-cra-ti-za-tion"},
		{"internationalism", "in-ter-na-tion-al-ism"},
		{"dictatorship", "dic-ta-tor-ship"},
		{"proletariat", "pro-le-tariat"},
		{"bourgeoisie", "bour-geoisie"},
		{"capitalism", "cap-i-tal-ism"},
		{"associated", "as-so-ci-ated"},
		{"Trotsky", "Trot-sky"},
		{"Trotskyism", "Trot-sky-ism"},
		{"Bolsheviks", "Bol-she-viks"},
		{"Stalinism", "Stal-in-ism"},
		{"Typesetting", "Type-set-ting"}, // capitalized, not an acronym

		// Punctuation around the letters is kept out of the way.
		{"(revolution,", "(rev-o-lu-tion,"},
		{"“bureaucracy”", "“bu-reau-cracy”"},
		{"typesetting.", "type-set-ting."},
		{"—dictatorship—", "—dic-ta-tor-ship—"},

		// Apostrophes, straight and curly.
		{"daughter's", "daugh-ter's"},
		{"daughter’s", "daugh-ter’s"},
		{"king's", "king's"},

		// Left min 2, right min 3, at least 5 letters.
		{"hyphen", "hy-phen"},
		{"many", "many"},
		{"also", "also"},
		{"table", "ta-ble"}, // three letters after: allowed
		{"ahead", "ahead"},  // a-head would leave one before
		{"workers", "work-ers"},

		// No hyphens: acronyms, digits, other non-letters.
		{"NATO", "NATO"},
		{"NATO's", "NATO's"},
		{"USSR", "USSR"},
		{"UNESCO", "UNESCO"},
		{"1917s", "1917s"},
		{"B52s", "B52s"},
		{"covid19", "covid19"},
		{"example.com", "example.com"},
		{"and/or", "and/or"},
		{"", ""},
		{"...", "..."},

		// Existing hyphens: break only after them.
		{"well-known", "well--known"},
		{"anti-imperialist", "anti--imperialist"},
		{"mother-in-law", "mother--in--law"},
		{"x-ray", "x--ray"},
		{"-prefix", "-pre-fix"}, // a leading or trailing hyphen is punctuation
		{"suffix-", "suf-fix-"},
		{"(left-wing)", "(left--wing)"},
		{"non‐breaking", "non‐-breaking"}, // U+2010 HYPHEN
		{"non‑breaking", "non‑breaking"},  // U+2011 NON-BREAKING HYPHEN: not a word

		// Non-ASCII letters do not panic.
		{"naïve", "naïve"},
		{"Zürich", "Zürich"},
		{"Достоевский", "Достоевский"},
		{"façade", "façade"},
	}
	for _, tt := range tests {
		got := h.Hyphenate(tt.word)
		if s := show(tt.word, got); s != tt.want {
			t.Errorf("Hyphenate(%q) = %v (%s), want %s", tt.word, got, s, tt.want)
		}
	}
}

// TestHyphenateMinimums checks the English minimums over many words.
func TestHyphenateMinimums(t *testing.T) {
	h := newEN(t)
	en := lang.For("en")
	for _, w := range strings.Fields(corpus) {
		for _, off := range h.Hyphenate(w) {
			left := strings.TrimLeftFunc(w[:off], func(r rune) bool { return !isLetterOrApostrophe(r) })
			right := strings.TrimRightFunc(w[off:], func(r rune) bool { return !isLetterOrApostrophe(r) })
			if strings.ContainsFunc(w, isHyphen) {
				continue
			}
			if n := utf8.RuneCountInString(left); n < en.LeftHyphenMin {
				t.Errorf("%q: %d letters before hyphen at %d", w, n, off)
			}
			if n := utf8.RuneCountInString(right); n < en.RightHyphenMin {
				t.Errorf("%q: %d letters after hyphen at %d", w, n, off)
			}
		}
	}
}

func isLetterOrApostrophe(r rune) bool {
	return isApostrophe(r) || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127 && !strings.ContainsRune("“”—", r)
}

func TestNew(t *testing.T) {
	for _, tag := range []string{"en", "en-US", "en-GB", "EN_us", "en-AU", "de", "de-DE", "de-AT", "de-CH", "DE_de",
		"fr", "fr-CA", "es", "es-MX", "pt", "pt-BR", "pt_PT", "it", "nl", "nl-BE"} {
		if h, err := New(tag); err != nil || h == nil {
			t.Errorf("New(%q) = %v, %v", tag, h, err)
		}
	}
	for _, tag := range []string{"", "eng", "english", "deu", "dk", "ru", "zh-Hant", "x"} {
		if h, err := New(tag); err == nil || h != nil {
			t.Errorf("New(%q) = %v, %v; want an error", tag, h, err)
		}
	}
	a, b := newEN(t), newEN(t)
	if a.pats != b.pats {
		t.Error("patterns read twice")
	}
	if p, br := mustNew(t, "pt"), mustNew(t, "pt-BR"); p.pats != br.pats {
		t.Error("pt-BR does not share the Portuguese patterns")
	}
	var nilH *Hyphenator
	if got := nilH.Hyphenate("hyphenation"); got != nil {
		t.Errorf("nil Hyphenator gave %v", got)
	}
}

// TestLanguages: every row of package lang has patterns, and every
// pattern set has a row (its minimums come from there).
func TestLanguages(t *testing.T) {
	have := map[string]bool{}
	for _, tag := range Languages() {
		have[tag] = true
		if lang.Lookup(tag) == nil {
			t.Errorf("patterns for %q, which package lang has no row for", tag)
		}
	}
	for _, tag := range lang.Supported() {
		if !have[tag] && !have[lang.Base(tag)] {
			t.Errorf("language %q has no patterns", tag)
		}
	}
}

func mustNew(t testing.TB, tag string) *Hyphenator {
	t.Helper()
	h, err := New(tag)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func newDE(t testing.TB) *Hyphenator { return mustNew(t, "de-DE") }

func TestHyphenateGerman(t *testing.T) {
	h := newDE(t)
	// What the patterns give, checked against the Duden's division
	// (new spelling). The patterns come from a word list that marks
	// compound boundaries, and learnt them: compounds break at their
	// parts, and an ambiguous one (Stau-becken or Staub-ecken) is left
	// alone where the two readings differ.
	tests := []struct{ word, want string }{
		{"Novemberrevolution", "No-vem-ber-re-vo-lu-ti-on"},
		{"Arbeiterklasse", "Ar-bei-ter-klas-se"},
		{"Gewerkschaften", "Ge-werk-schaf-ten"},
		{"Zusammenhang", "Zu-sam-men-hang"},
		{"Sozialdemokratie", "So-zi-al-de-mo-kra-tie"},
		{"Waffenstillstand", "Waf-fen-still-stand"},
		{"Reichskanzler", "Reichs-kanz-ler"},
		{"Räterepublik", "Rä-te-re-pu-blik"},
		{"Matrosenaufstand", "Ma-tro-sen-auf-stand"},
		{"Donaudampfschifffahrtsgesellschaft", "Do-nau-dampf-schiff-fahrts-ge-sell-schaft"},
		{"Reichsrätekongress", "Reichs-rä-te-kon-gress"},
		{"Frauenwahlrecht", "Frau-en-wahl-recht"},

		// Umlauts, ß, capital umlauts.
		{"Größenordnung", "Grö-ßen-ord-nung"},
		{"außerordentlich", "au-ßer-or-dent-lich"},
		{"Straße", "Stra-ße"},
		{"Mäßigung", "Mä-ßi-gung"},
		{"Eröffnung", "Er-öff-nung"},
		{"Übergangsregierung", "Über-gangs-re-gie-rung"},
		{"ÜBERGANG", "ÜBERGANG"}, // all capitals: an acronym

		// ck stays together; compounds break at their parts first.
		{"Bäckerei", "Bä-cke-rei"},
		{"Brückner", "Brück-ner"},
		{"Parlament", "Par-la-ment"},
		{"Urinstinkt", "Ur-instinkt"},
		{"Staubecken", "Staubecken"},
		{"Druckerzeugnis", "Druckerzeug-nis"},

		// Left and right minimum 2; existing hyphens and quotes as in English.
		{"Abend", "Abend"},
		{"Ofen", "Ofen"},
		{"Frauen", "Frau-en"},
		{"Garde-Kavallerie", "Garde--Kavallerie"},
		{"„Ordnung“", "„Ord-nung“"},
		{"Arbeiter-", "Ar-bei-ter-"},
	}
	for _, tt := range tests {
		got := h.Hyphenate(tt.word)
		if s := show(tt.word, got); s != tt.want {
			t.Errorf("Hyphenate(%q) = %v (%s), want %s", tt.word, got, s, tt.want)
		}
	}
}

// TestHyphenateGermanPost checks the minimums and the offsets on every
// word of the German post.
func TestHyphenateGermanPost(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(testenv.RepoRoot(t), "posts", "2026-11-09-novemberrevolution.md"))
	if err != nil {
		t.Fatal(err)
	}
	h := newDE(t)
	n := 0
	for _, w := range strings.Fields(string(b)) {
		prev := 0
		for _, off := range h.Hyphenate(w) {
			if off <= prev || off >= len(w) || !utf8.RuneStart(w[off]) {
				t.Fatalf("%q: bad offsets %v", w, h.Hyphenate(w))
			}
			if strings.ContainsFunc(w, isHyphen) {
				continue
			}
			left := strings.TrimLeftFunc(w[:off], func(r rune) bool { return !unicode.IsLetter(r) })
			right := strings.TrimRightFunc(w[off:], func(r rune) bool { return !unicode.IsLetter(r) })
			if utf8.RuneCountInString(left) < 2 || utf8.RuneCountInString(right) < 2 {
				t.Errorf("%q: hyphen at %d leaves %q and %q", w, off, left, right)
			}
			prev = off
			n++
		}
	}
	if n < 500 {
		t.Errorf("only %d hyphens in the German post", n)
	}
}

func TestConcurrent(t *testing.T) {
	h := newEN(t)
	want := show("bureaucratization", h.Hyphenate("bureaucratization"))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for _, w := range strings.Fields(corpus) {
				h.Hyphenate(w)
			}
			if got := show("bureaucratization", h.Hyphenate("bureaucratization")); got != want {
				t.Errorf("got %s, want %s", got, want)
			}
		})
	}
	wg.Wait()
}

func FuzzHyphenate(f *testing.F) {
	for _, w := range strings.Fields(corpus + " well-known NATO’s “quoted” ﬁnancial a\u0301bc \xff\xfe Staubecken l’apprentissage œuvre") {
		f.Add(w)
	}
	var hs []*Hyphenator
	for _, tag := range Languages() {
		hs = append(hs, mustNew(f, tag))
	}
	f.Fuzz(func(t *testing.T, word string) {
		for _, h := range hs {
			offs := h.Hyphenate(word)
			prev := 0
			for _, o := range offs {
				if o <= prev || o >= len(word) {
					t.Fatalf("Hyphenate(%q) = %v: offset %d out of order or range", word, offs, o)
				}
				if !utf8.RuneStart(word[o]) {
					t.Fatalf("Hyphenate(%q) = %v: offset %d inside a rune", word, offs, o)
				}
				prev = o
			}
		}
	})
}

func BenchmarkHyphenate(b *testing.B) {
	h := newEN(b)
	words := strings.Fields(corpus)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, w := range words {
			h.Hyphenate(w)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(words)), "ns/word")
}

func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		if _, err := New("en"); err != nil {
			b.Fatal(err)
		}
	}
}

// corpus is a newspaper-like paragraph.
const corpus = `The Fourth International's founding conference, held in September 1938
at Périgny near Paris, adopted the Transitional Programme drafted by Leon Trotsky.
“The historical crisis of mankind,” it declared, “is reduced to the crisis of the
revolutionary leadership.” Delegates from eleven countries — among them the
Socialist Workers Party of the USA — debated the bureaucratization of the Soviet
state, the degeneration of the Comintern, and the approaching imperialist war.
Trotskyists argued that the workers’ state, though deformed, had to be defended
unconditionally against capitalist restoration; their opponents called it
state-capitalist. The anti-fascist struggle in Spain (1936–39) and the Moscow
trials weighed heavily on the proceedings, which were kept secret to protect
participants from the GPU.`

// TestAppendHyphens checks that AppendHyphens gives Hyphenate's offsets,
// after what its slice holds, and leaves the memo alone.
func TestAppendHyphens(t *testing.T) {
	h, err := New("en")
	if err != nil {
		t.Fatal(err)
	}
	out := []int{-1}
	for _, w := range []string{"hyphenation", "(revolution,", "well-known", "NATO", "cat", "“bureaucracy”", "x1y2z3"} {
		want := h.Hyphenate(w)
		n := len(out)
		out = h.AppendHyphens(out, w)
		if !slices.Equal(out[n:], want) {
			t.Errorf("AppendHyphens(%q) = %v, want %v", w, out[n:], want)
		}
	}
	if out[0] != -1 {
		t.Errorf("AppendHyphens changed what its slice held: %v", out)
	}
	fresh, _ := New("en")
	fresh.AppendHyphens(nil, "hyphenation")
	if _, ok := fresh.cache.Load("hyphenation"); ok {
		t.Error("AppendHyphens filled the memo")
	}
	var none *Hyphenator
	if got := none.AppendHyphens([]int{1}, "hyphenation"); !slices.Equal(got, []int{1}) {
		t.Errorf("nil Hyphenator: %v", got)
	}
}

// TestASCIIPaths checks that letterRun and wordKind, which loop over the
// bytes of an ASCII word, find what their loops over runes find, and
// that a word with a rune beyond ASCII goes to the runes.
func TestASCIIPaths(t *testing.T) {
	for _, w := range []string{"", "a", "1", "(revolution,", "“bureaucracy”", "word", "Word", "WORD", "NATO's", "NATO’s",
		"well-known", "x1y2z3", "'tis", "don't", "[a]", "@home", "back`tick", "Zürich", "naïve", "ÉCOLE", "e\u0301cole",
		"revolución", "...", "a-", "-a-", "rock'n'roll", "Z", "z{", "AZaz", "@[`{"} {
		s, e := letterRun(w)
		rs, re := letterRunRunes(w)
		if s != rs || s >= 0 && e != re {
			t.Errorf("letterRun(%q) = %d, %d; want %d, %d", w, s, e, rs, re)
		}
		if s < 0 {
			continue
		}
		if got, want := wordKind(w[s:e]), wordKindRunes(w[s:e]); got != want {
			t.Errorf("wordKind(%q) = %d, want %d", w[s:e], got, want)
		}
	}
	for w, want := range map[string]int{"hyphenation": kindWord, "NATO": kindNone, "well-known": kindHyphenated, "Zürich": kindWord, "naïve": kindWord} {
		if got := wordKind(w); got != want {
			t.Errorf("wordKind(%q) = %d, want %d", w, got, want)
		}
	}
}
