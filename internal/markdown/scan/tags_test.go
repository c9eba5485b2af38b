package scan

import (
	"maps"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

var tagParamRe = regexp.MustCompile(`([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\{\{.*?\}\}|\S+))`)

// tagParamsRe reads parameters with the regular expression TagParams
// documents: the reference it must agree with.
func tagParamsRe(args string) map[string]string {
	kv := map[string]string{}
	for _, m := range tagParamRe.FindAllStringSubmatch(args, -1) {
		k := strings.ToLower(m[1])
		if _, dup := kv[k]; !dup {
			kv[k] = m[2] + m[3] + m[4]
		}
	}
	return kv
}

func TestTagParams(t *testing.T) {
	got := TagParams(`figure.html Image-URL = "a b.png" caption='it''s' alt={{ page.x }} w=300 image-url="dup" x=`)
	want := map[string]string{"image-url": "a b.png", "caption": "it", "alt": "{{ page.x }}", "w": "300"}
	if !maps.Equal(got, want) {
		t.Errorf("TagParams = %q, want %q", got, want)
	}
	// Random arguments made of the bytes that matter agree with the
	// regular expression.
	pieces := []string{"a", "Key", "-", "_", "9", "=", " ", "\t", "\n", "\v", "\f", "\"", "'", "{{", "}}", "{", "}", "é", "\xff", "x=1", `y="q r"`, "z={{ a }}"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 50000 {
		var b strings.Builder
		for range r.IntN(16) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := TagParams(s), tagParamsRe(s); !maps.Equal(got, want) {
			t.Fatalf("TagParams(%q) = %q, want %q", s, got, want)
		}
	}
}
