package cover

import (
	"bufio"
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/redtide/edition/fonts"
)

var update = flag.Bool("update", false, "rewrite testdata/png.golden")

// goldenTexts are the covers whose PNG bytes are pinned: each exercises a
// path through the drawing that a faster renderer must keep exact.
var goldenTexts = []struct {
	name string
	text Text
}{
	{"full", Text{Publication: "The Red Tide", IssueTitle: "Permanent Revolution", Issue: "Vol. 3, No. 12",
		Date: "25 November 2026", Headlines: []string{"Trotskyism", "A very long headline that has to wrap onto a second line of the cover"}}},
	{"empty", Text{}},
	{"publication", Text{Publication: "Another Paper"}},
	{"date", Text{Date: "1 May 1971"}},
	// Too long for the band at any size: drawn at the smallest size tried,
	// running off both edges.
	{"long-publication", Text{Publication: strings.Repeat("Workers' Liberty and Solidarity ", 4), Issue: "No. 1"}},
	// An italic title over several lines (its overhangs meet the next
	// glyph's anti-aliased edge) and headlines with descenders, accents
	// and a word too wide for any line.
	{"wrapping", Text{Publication: "Solidarność", IssueTitle: "The fifty-first anniversary of the Paris Commune: affiff ffl AVAW Tôi yếu đuối",
		Issue: "Vol. 51", Date: "18 March 1922", Headlines: []string{
			"Ägypten, Québec, Łódź — façades of jiggly quay, gypsy ǅ",
			"Internationalisation-of-the-struggle-against-precarious-employment-everywhere",
			"", "漢字 and ☭ with no glyph in the face",
		}}},
	// Lines whose glyphs reach into the next line's: the box-drawing
	// shade hangs below the baseline further than the next line's ring
	// of Ǻ clears it, so anti-aliased edges of two lines blend.
	{"touching", Text{Publication: "Box", IssueTitle: "▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓ ǺǺǺǺǺǺǺǺǺǺǺǺǺǺǺǺ",
		Headlines: []string{"▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓ ǺǺǺǺǺǺǺǺǺǺǺǺǺǺǺǺǺǺǺǺǺǺǺǺǺǺǺǺǺ █████████████████████████ ǺǺǺǺǺǺǺǺǺǺǺǺǺǺǺǺǺǺǺǺǺǺǺǺǺǺǺǺǺ"}}},
	// More headlines than fit: the last lines stop above the bottom band.
	{"overflow", Text{Publication: "Socialist Worker", IssueTitle: "Everything at once", Issue: "No. 2000", Date: "1 January 2000",
		Headlines: []string{
			"Strike wave spreads across the docks and the railways as the government hesitates",
			"Tenants organise against rent rises in every district of the city and beyond",
			"Teachers vote to walk out over pay, conditions and the size of their classes",
			"What the history of the general strike of 1926 teaches the movement today",
			"Review: a new biography of Rosa Luxemburg, her letters and her last years",
			"Letters, notices and the calendar of meetings for the coming month",
			"Why we say: no to the war, and yes to the unity of workers of all countries",
		}}},
}

// TestPNGGolden pins the PNG bytes of each cover by their SHA-256, which
// the EPUB hashes of every build depend on.
func TestPNGGolden(t *testing.T) {
	var got strings.Builder
	for _, c := range goldenTexts {
		b, err := PNG(c.text, fonts.Default())
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		fmt.Fprintf(&got, "%s %x\n", c.name, sha256.Sum256(b))
	}
	path := filepath.Join("testdata", "png.golden")
	if *update {
		if err := os.WriteFile(path, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	wantSum := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(string(want)))
	for sc.Scan() {
		name, sum, _ := strings.Cut(sc.Text(), " ")
		wantSum[name] = sum
	}
	sc = bufio.NewScanner(strings.NewReader(got.String()))
	for sc.Scan() {
		name, sum, _ := strings.Cut(sc.Text(), " ")
		if w, ok := wantSum[name]; !ok {
			t.Errorf("%s: no golden sum (run go test -update)", name)
		} else if sum != w {
			t.Errorf("%s: PNG SHA-256 %s, want %s", name, sum, w)
		}
	}
}

func BenchmarkPNG(b *testing.B) {
	set := fonts.Default()
	for _, name := range []string{"full", "overflow"} {
		var text Text
		for _, c := range goldenTexts {
			if c.name == name {
				text = c.text
			}
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := PNG(text, set); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
