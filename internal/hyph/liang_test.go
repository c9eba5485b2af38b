package hyph

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/redtide/edition/internal/testenv"
	"github.com/speedata/hyphenation"
)

// TestReference checks every language word by word against its reference
// list, testdata/ref/TAG.txt: words hyphenated by TeX itself (LuaTeX)
// with the same patterns and the minimums of package lang's table (see
// testdata/ref/make.sh).
func TestReference(t *testing.T) {
	for _, tag := range Languages() {
		t.Run(tag, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", "ref", tag+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			h := mustNew(t, tag)
			n, bad := 0, 0
			for s := bufio.NewScanner(f); s.Scan(); n++ {
				want := s.Text()
				word := strings.ReplaceAll(want, "-", "")
				if got := show(word, h.Hyphenate(word)); got != want {
					if bad++; bad <= 20 {
						t.Errorf("%s: got %s, TeX %s", tag, got, want)
					}
				}
			}
			if n < 300 {
				t.Errorf("%s: only %d reference words", tag, n)
			}
		})
	}
}

// sourcePatterns returns the patterns of a language's folder as plain
// text, and its exceptions.
func sourcePatterns(t testing.TB, tag string) (pats, excs string) {
	t.Helper()
	dir := path.Join("patterns", tag)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var p, e bytes.Buffer
	for _, ent := range entries {
		b, err := os.ReadFile(path.Join(dir, ent.Name()))
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case strings.HasSuffix(ent.Name(), extDic):
			if b, err = readDic(b); err != nil {
				t.Fatal(err)
			}
			p.Write(b)
		case strings.HasSuffix(ent.Name(), extPatterns):
			p.Write(b)
		case strings.HasSuffix(ent.Name(), extExceptions):
			e.Write(b)
		}
		p.WriteByte('\n')
	}
	return p.String(), e.String()
}

// speedataRef is speedata's hyphenation for patterns, made to apply
// one-letter patterns as TeX does: speedata only looks up substrings of
// two letters or more, so each one-letter pattern ("1b") is merged into
// a two-letter one for every letter of alphabet (and the word boundary)
// before it ("a1b", ".1b"), taking the larger priority where a
// two-letter pattern exists.
func speedataRef(t testing.TB, pats string, alphabet []rune) *hyphenation.Lang {
	t.Helper()
	type pat struct {
		letters []rune
		prio    []byte
	}
	parse := func(s string) pat {
		var p pat
		digit := byte(0)
		for _, r := range s {
			if unicode.IsDigit(r) {
				digit = byte(r - '0')
				continue
			}
			if r != '.' {
				p.prio = append(p.prio, digit)
			}
			p.letters = append(p.letters, r)
			digit = 0
		}
		p.prio = append(p.prio, digit)
		return p
	}
	format := func(p pat) string {
		var b strings.Builder
		k := 0
		for _, r := range p.letters {
			if r == '.' {
				b.WriteRune(r)
				continue
			}
			if p.prio[k] > 0 {
				b.WriteByte('0' + p.prio[k])
			}
			b.WriteRune(r)
			k++
		}
		if p.prio[k] > 0 {
			b.WriteByte('0' + p.prio[k])
		}
		return b.String()
	}
	byKey := map[string]pat{}
	var order []string
	var singles []pat
	for _, f := range strings.Fields(pats) {
		p := parse(f)
		if len(p.letters) == 1 {
			singles = append(singles, p)
			continue
		}
		k := string(p.letters)
		if _, ok := byKey[k]; !ok {
			order = append(order, k)
		}
		byKey[k] = p
	}
	for _, s := range singles {
		for _, a := range append([]rune{'.'}, alphabet...) {
			k := string([]rune{a, s.letters[0]})
			p, ok := byKey[k]
			if !ok {
				order = append(order, k)
				p = pat{letters: []rune{a, s.letters[0]}}
				if a == '.' {
					p.prio = []byte{0, 0}
				} else {
					p.prio = []byte{0, 0, 0}
				}
			}
			q := slices.Clone(p.prio)
			// s.prio: before and after the letter, which is the last.
			for i, v := range s.prio {
				j := len(q) - 2 + i
				q[j] = max(q[j], v)
			}
			byKey[k] = pat{p.letters, q}
		}
	}
	var b strings.Builder
	for _, k := range order {
		b.WriteString(format(byKey[k]))
		b.WriteByte('\n')
	}
	ref, err := hyphenation.New(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return ref
}

// testWords returns the words of the test corpus, of the posts, of
// ../shared/corpus when it is there, of the reference lists and of the
// patterns, lower-cased and cut at anything but letters and apostrophes.
func testWords(t testing.TB, extra ...string) []string {
	t.Helper()
	texts := append([]string{corpus}, extra...)
	for _, dir := range []string{filepath.Join(testenv.RepoRoot(t), "posts"), filepath.Join(testenv.SharedRoot(t), "corpus"), filepath.Join("testdata", "ref")} {
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".txt")) {
				if b, err := os.ReadFile(p); err == nil {
					texts = append(texts, string(b))
				}
			}
			return nil
		})
	}
	seen := map[string]bool{}
	var out []string
	for _, text := range texts {
		for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
			return !unicode.IsLetter(r) && r != '\'' && r != '.'
		}) {
			w = strings.Trim(w, ".")
			if w != "" && !seen[w] {
				seen[w] = true
				out = append(out, w)
			}
		}
	}
	return out
}

// TestLiangMatchesSpeedata checks that the trie gives speedata's answer,
// with one-letter patterns applied as TeX does, for every word of the
// test texts in every language.
func TestLiangMatchesSpeedata(t *testing.T) {
	for _, tag := range Languages() {
		t.Run(tag, func(t *testing.T) {
			pats, _ := sourcePatterns(t, tag)
			words := testWords(t, pats)
			words = append(words, "a", "ab", strings.Repeat("hyphenation", 10), "ﬁnancial", "naïve", "don't")
			var alphabet []rune
			seen := map[rune]bool{}
			for _, w := range words {
				for _, r := range w {
					if !seen[r] {
						seen[r] = true
						alphabet = append(alphabet, r)
					}
				}
			}
			ref := speedataRef(t, pats, alphabet)
			l := mustNew(t, tag).pats.liang
			if l.nodes == nil {
				t.Errorf("%s: the trie is not indexed", tag)
			}
			searched := *l // the trie walked by searching the edges
			searched.nodes, searched.kids = nil, nil
			bad := 0
			for _, w := range words {
				want := ref.Hyphenate(w)
				got := l.hyphenate([]rune(w), nil)
				if !slices.Equal(got, want) {
					if bad++; bad <= 20 {
						t.Errorf("%q: got %v, speedata %v", w, got, want)
					}
				}
				if got := searched.hyphenate([]rune(w), nil); !slices.Equal(got, want) {
					if bad++; bad <= 20 {
						t.Errorf("%q: got %v searching the edges, speedata %v", w, got, want)
					}
				}
			}
			t.Logf("%d words compared", len(words))
		})
	}
}

// TestOneLetterPatterns: a one-letter pattern applies, as in TeX
// (speedata's Lang.Hyphenate skips it: "1b" would not break "ha-ben").
func TestOneLetterPatterns(t *testing.T) {
	l, err := parseLiang(strings.NewReader("1b 4aben."))
	if err != nil {
		t.Fatal(err)
	}
	if got := l.hyphenate([]rune("haben"), nil); !slices.Equal(got, []int{2}) {
		t.Errorf("haben: %v, want [2]", got)
	}
	if got := show("haben", mustNew(t, "de").Hyphenate("haben")); got != "ha-ben" {
		t.Errorf("German haben: %s", got)
	}
}

// TestManyClasses: a trie of more letters than an index's mask holds
// (here 64 two-byte letters and a, b, e, h, n) is walked by searching the
// edges, with the same answers.
func TestManyClasses(t *testing.T) {
	var pats strings.Builder
	for r := 'À'; r <= 'ÿ'; r++ {
		fmt.Fprintf(&pats, "%c1a ", r)
	}
	pats.WriteString("1b 4aben.")
	l, err := parseLiang(strings.NewReader(pats.String()))
	if err != nil {
		t.Fatal(err)
	}
	if l.classes <= 64 || l.nodes != nil {
		t.Fatalf("%d classes, indexed %v: want over 64, not indexed", l.classes, l.nodes != nil)
	}
	if got := l.hyphenate([]rune("haben"), nil); !slices.Equal(got, []int{2}) {
		t.Errorf("haben: %v, want [2]", got)
	}
	if got := l.hyphenate([]rune("éa"), nil); !slices.Equal(got, []int{1}) {
		t.Errorf("éa: %v, want [1]", got)
	}
}

func BenchmarkHyphenateUncached(b *testing.B) {
	words := strings.Fields(corpus)
	b.ReportAllocs()
	for b.Loop() {
		h := newEN(b)
		for _, w := range words {
			h.hyphenate(nil, w)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(words)), "ns/word")
}

func BenchmarkHyphenatePosts(b *testing.B) {
	words := testWords(b)
	words = words[:min(len(words), 20000)]
	h := newEN(b)
	b.ResetTimer()
	for b.Loop() {
		for _, w := range words {
			h.hyphenate(nil, w)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(words)), "ns/word")
}

// BenchmarkCompile measures compiling each language's pattern files, what
// a build would pay per language without the ready-made tries.
func BenchmarkCompile(b *testing.B) {
	for _, tag := range Languages() {
		b.Run(tag, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Compile(os.DirFS("."), path.Join("patterns", tag)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
