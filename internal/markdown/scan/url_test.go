package scan

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// encodeURLByByte is encodeURL as it was first written, byte by byte
// into a builder: the reference the faster one must agree with.
func encodeURLByByte(s string) string {
	var b strings.Builder
	hostEnd := hostEnd(s)
	fragment := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte(c)
		case c == '#' && !fragment:
			fragment = true
			b.WriteByte(c)
		case (c == '[' || c == ']') && i < hostEnd:
			b.WriteByte(c)
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~:/?@!$&'()*+,;=", c) >= 0:
			b.WriteByte(c)
		default:
			b.WriteString("%" + strings.ToUpper(string("0123456789abcdef"[c>>4])+string("0123456789abcdef"[c&15])))
		}
	}
	return b.String()
}

func TestEncodeURL(t *testing.T) {
	cases := map[string]string{
		"https://example.org/a b":           "https://example.org/a%20b",
		"https://[::1]:8080/x[1]":           "https://[::1]:8080/x%5B1%5D",
		"https://example.org/%zz%41#a#b":    "https://example.org/%25zz%41#a%23b",
		"https://example.org/é?q=\"x\"{}\\": "https://example.org/%C3%A9?q=%22x%22%7B%7D%5C",
		"mailto:a@example.org":              "mailto:a@example.org",
		"":                                  "",
	}
	for in, want := range cases {
		if got := encodeURL(in); got != want {
			t.Errorf("encodeURL(%q) = %q, want %q", in, got, want)
		}
	}
	// Random URLs made of the bytes that matter agree with the reference.
	alphabet := []byte("ab09%#[]:/ ?\"{}\\~-.é\x00\x7f\xff")
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		b := []byte("https://")
		for range r.IntN(24) {
			b = append(b, alphabet[r.IntN(len(alphabet))])
		}
		s := string(b[r.IntN(len("https://")+1):])
		if got, want := encodeURL(s), encodeURLByByte(s); got != want {
			t.Fatalf("encodeURL(%q) = %q, want %q", s, got, want)
		}
	}
}
