package markdown

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"

	"github.com/redtide/edition/internal/model"
)

// TestPathologicalInputs converts inputs full of unclosed openers, which a
// careless parser scans to the end of the post from each one: none may
// take seconds. (SLOW=name runs one case.)
func TestPathologicalInputs(t *testing.T) {
	conv := New()
	only := os.Getenv("SLOW")
	for name, s := range map[string]string{
		"liquid":   strings.Repeat("{% x ", 3000),
		"output":   strings.Repeat("{{ x ", 3000),
		"brackets": strings.Repeat("[a ", 3000),
		"links":    strings.Repeat("[a](", 3000),
		"dollars":  strings.Repeat("$$ x ", 3000),
		"dollar1":  "$$a$$ " + strings.Repeat("$x ", 3000),
		"bsparen":  strings.Repeat(`\\( x `, 3000),
		"refs":     strings.Repeat("[^a] ", 3000),
		"lines":    strings.Repeat("{% x\n", 3000),
		"shortc":   strings.Repeat("{{< x\n", 3000),
		"raw":      strings.Repeat("{% raw %} x\n", 3000),
		"quotes":   strings.Repeat("'a ", 3000),
		"ial":      strings.Repeat("{: x\n", 3000),
		"blocks":   strings.Repeat("{% x %}\n", 3000),
		"math":     strings.Repeat("$$\nx\n", 3000),
		"env":      strings.Repeat("\\begin{a}\n", 3000),
		"fr":       strings.Repeat("a : ", 3000),
	} {
		if only != "" && name != only {
			continue
		}
		start := time.Now()
		in := Input{Path: "x", Body: []byte(s), Lang: "fr"}
		conv.Convert(in, func(ImageRef) (*model.Image, error) { return nil, nil }, nil)
		d := time.Since(start)
		start = time.Now()
		parse(goldmark.New(), []byte(s), false, Engine{})
		alone := time.Since(start)
		t.Logf("%s: %v (goldmark alone %v)", name, d, alone)
		if d > 3*time.Second+10*alone {
			t.Errorf("%s: %v to convert %d bytes (goldmark alone: %v)", name, d, len(s), alone)
		}
	}
}
