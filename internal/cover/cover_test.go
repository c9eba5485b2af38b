package cover

import (
	"bytes"
	"image/png"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"

	"github.com/redtide/edition/fonts"
)

func TestPNG(t *testing.T) {
	text := Text{Publication: "The Red Tide", IssueTitle: "Permanent Revolution", Issue: "Vol. 3, No. 12",
		Date: "25 November 2026", Headlines: []string{"Trotskyism", "A very long headline that has to wrap onto a second line of the cover"}}
	a, err := PNG(text, fonts.Default())
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != Width || b.Dy() != Height {
		t.Errorf("cover is %v, want %dx%d", b, Width, Height)
	}
	// The band at the top is red and the text drew something dark below it.
	if r, g, _, _ := img.At(5, 5).RGBA(); r>>8 < 0x90 || g>>8 > 0x40 {
		t.Errorf("top band colour %v", img.At(5, 5))
	}
	dark := 0
	for y := 480; y < 900; y++ {
		for x := 0; x < Width; x += 3 {
			if r, _, _, _ := img.At(x, y).RGBA(); r>>8 < 0x60 {
				dark++
			}
		}
	}
	if dark < 500 {
		t.Errorf("only %d dark pixels: no text drawn?", dark)
	}
	b, _ := PNG(text, fonts.Default())
	if !bytes.Equal(a, b) {
		t.Error("two covers of the same text differ")
	}
	c, _ := PNG(Text{Publication: "Another Paper"}, fonts.Default())
	if bytes.Equal(a, c) {
		t.Error("covers of different papers are equal")
	}
}

// TestIndex checks the palette index of every red and green against the
// blend it is worked out from.
func TestIndex(t *testing.T) {
	for r := range 256 {
		for g := range 256 {
			want := clamp63((int(paper.G) - g) * 63 / (int(paper.G) - int(ink.G)))
			if r-g >= 40 {
				want = 64 + clamp63((int(paper.G)-g)*63/(int(paper.G)-int(red.G)))
			}
			if got := int(index(uint8(r), uint8(g))); got != want {
				t.Fatalf("red %d green %d: index %d, want %d", r, g, got, want)
			}
		}
	}
}

// TestWrap checks that the lines wrap sums word by word are those
// measured whole by font.MeasureString, with kerned pairs, accents and
// bytes that are not UTF-8 either side of the spaces.
func TestWrap(t *testing.T) {
	f, err := opentype.Parse(fonts.Default().Text.Italic.Data)
	if err != nil {
		t.Fatal(err)
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: 44, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		t.Fatal(err)
	}
	// What wrap did before it summed: measure each candidate line whole.
	measured := func(s string, width int) []string {
		var lines []string
		cur := ""
		for _, w := range strings.Fields(s) {
			try := strings.TrimSpace(cur + " " + w)
			if cur != "" && font.MeasureString(face, try).Ceil() > width {
				lines = append(lines, cur)
				cur = w
				continue
			}
			cur = try
		}
		if cur != "" {
			lines = append(lines, cur)
		}
		return lines
	}
	words := []string{"AV", "To", "Ty", "f", "’", "«A»", "Łódź", "yếu", "\xe2\x82", "\xff", "T.", "W", "—", "1926"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 2000 {
		var b strings.Builder
		for range 1 + rng.IntN(30) {
			b.WriteString(words[rng.IntN(len(words))])
			b.WriteString([]string{" ", "  ", "\t", " \u00a0"}[rng.IntN(4)])
		}
		width := 20 + rng.IntN(400)
		if got, want := wrap(face, b.String(), width), measured(b.String(), width); !slices.Equal(got, want) {
			t.Fatalf("%q in %d px: %q, want %q", b.String(), width, got, want)
		}
	}
}
