package markdown

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestOpening(t *testing.T) {
	for _, c := range []struct {
		name, body string
		words      int
		want       []string
	}{
		{"paragraphs", "One two\nthree.\n\nFour five.\n", 100, []string{"One two three.", "Four five."}},
		{"headings", "# Title\n\nText.\n\nSub\n===\n\nMore.\n\nA line\n---\n", 100, []string{"Text.", "More."}},
		{"blocks", "> quoted\n\n- item\n\n1. item\n\n| a | b |\n\n<div>x</div>\n\n    code\n\n***\n\nText.", 100, []string{"Text."}},
		{"fences", "```\nnot text\n\nstill not\n```\n\n~~~ python\nx\n~~~\n\nText.", 100, []string{"Text."}},
		{"math", "$$\nx = 1\n\ny\n$$\n\n$$ x $$\n\nText.", 100, []string{"Text."}},
		{"comment", "<!--\nhidden\n\nhidden\n-->\n\nText.", 100, []string{"Text."}},
		{"site syntax", "{% include figure.html %}\n\n{{< figure src=x >}}\n\n{: .lead}\n\n![alt](x.png)\n\n[^1]: a note\n\n[ref]: http://x\n\nText.", 100, []string{"Text."}},
		{"inline", "A [link](http://example.com/a b) and <em>em</em> <span class=\"x\">text</span>.", 100, []string{"A [link and  em   text ."}},
		{"a paragraph whole", "one two three\n\nfour five six\n\nseven", 4, []string{"one two three", "four five six"}},
		{"a list item's line is not a paragraph's start", "-not a list\n\n1.5 is a number", 100, []string{"-not a list", "1.5 is a number"}},
	} {
		if got := Opening([]byte(c.body), c.words); !slices.Equal(got, c.want) {
			t.Errorf("%s: Opening = %q, want %q", c.name, got, c.want)
		}
	}
}

// FuzzOpening: any body gives paragraphs of valid text that stop once
// the count is reached, without panicking.
func FuzzOpening(f *testing.F) {
	for _, s := range []string{"a\n\nb", "```\n", "$$", "<!--", "A\n===\n", "[x]: y\n\n- z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		out := Opening([]byte(body), 10)
		n := 0
		for i, p := range out {
			if n >= 10 {
				t.Fatalf("paragraph %d after %d words", i, n)
			}
			if utf8.ValidString(body) && !utf8.ValidString(p) {
				t.Fatalf("invalid text %q", p)
			}
			if strings.TrimSpace(p) == "" {
				t.Fatalf("empty paragraph")
			}
			n += len(strings.Fields(p))
		}
	})
}
