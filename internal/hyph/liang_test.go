package hyph

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/redtide/edition/internal/testenv"
	"github.com/speedata/hyphenation"
)

// testWords returns the words of the test corpus, of the posts and of
// ../shared/corpus when it is there, and the letters of every pattern,
// lower-cased and cut at anything but letters and apostrophes.
func testWords(t testing.TB) []string {
	t.Helper()
	var texts []string
	texts = append(texts, corpus, enUSPatterns)
	for _, dir := range []string{filepath.Join(testenv.RepoRoot(t), "posts"), filepath.Join(testenv.SharedRoot(t), "corpus")} {
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
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

// TestLiangMatchesSpeedata checks that the allocation-free application of
// the patterns gives speedata's answer for every word.
func TestLiangMatchesSpeedata(t *testing.T) {
	ref, err := hyphenation.New(strings.NewReader(enUSPatterns))
	if err != nil {
		t.Fatal(err)
	}
	p, err := patternSets["en-US"]()
	if err != nil {
		t.Fatal(err)
	}
	l := p.syllable
	words := testWords(t)
	words = append(words, "a", "ab", strings.Repeat("hyphenation", 10), "ﬁnancial", "naïve", "don't")
	bad := 0
	for _, w := range words {
		want := ref.Hyphenate(w)
		got := l.hyphenate([]rune(w), nil)
		if !slices.Equal(got, want) {
			bad++
			if bad <= 20 {
				t.Errorf("%q: got %v, speedata %v", w, got, want)
			}
		}
	}
	t.Logf("%d words compared", len(words))
}

func BenchmarkHyphenateUncached(b *testing.B) {
	words := strings.Fields(corpus)
	b.ReportAllocs()
	for b.Loop() {
		h := newEN(b)
		for _, w := range words {
			h.hyphenate(w)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(words)), "ns/word")
}

func BenchmarkHyphenatePosts(b *testing.B) {
	words := testWords(b)[:20000]
	h := newEN(b)
	b.ResetTimer()
	for b.Loop() {
		for _, w := range words {
			h.hyphenate(w)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(words)), "ns/word")
}

// BenchmarkLoad measures parsing each embedded pattern set, which a build
// pays once per language it meets.
func BenchmarkLoad(b *testing.B) {
	for _, set := range []struct {
		name string
		load func() error
	}{
		{"en", func() error { _, err := parseLiang(strings.NewReader(enUSPatterns)); return err }},
		{"de", func() error { _, err := parseDic(strings.NewReader(dePatterns), 2, 2); return err }},
	} {
		b.Run(set.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := set.load(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
