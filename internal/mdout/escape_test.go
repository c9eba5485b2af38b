package mdout

import "testing"

func TestEscape(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain words", "plain words"},
		{"a*b_c", `a\*b\_c`},
		{"$5 [x](y) <b>", `\$5 \[x\](y) \<b\>`},
		// No run of hyphens or dots is left for pandoc's smart
		// extension to make a dash or an ellipsis of.
		{"--flag, -x, a-b, ---", `\--flag, -x, a-b, \-\--`},
		{"wait... 1.5 ....", `wait\... 1.5 \.\...`},
		{`back\slash "q" 'a'`, `back\\slash \"q\" \'a\'`},
		{"two\nlines\tand tab", "two lines and tab"},
	} {
		if got := escape(c.in); got != c.want {
			t.Errorf("escape(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestLineStart(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Words first.", "Words first."},
		{"1986. A year", `1986\. A year`},
		{"a) an item?", `a\) an item?`},
		{"iv. roman", `iv\. roman`},
		{"(2) parenthesized", `\(2) parenthesized`},
		{"- dash", `\- dash`},
		{"+ plus", `\+ plus`},
		{": colon", `\: colon`},
		{"% title", `\% title`},
		{"-dash-word", "-dash-word"},
		{"   indented", "indented"},
		{"Mr. Smith", "Mr. Smith"},
	} {
		if got := lineStart(c.in); got != c.want {
			t.Errorf("lineStart(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
