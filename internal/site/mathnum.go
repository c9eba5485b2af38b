package site

import (
	"os"
	"strings"

	"github.com/redtide/edition/internal/lazy"
	"github.com/redtide/edition/internal/texmath"
)

// MathSetup is what a site's page templates say about its math renderer
// beyond macros: which renderer, and which displays it numbers.
type MathSetup struct {
	// MathJax: the pages load MathJax, whose tex2jax (2) and tex (3)
	// input typeset \ref and \eqref written in the text outside math
	// (processRefs, true by default). KaTeX's auto-render does not.
	MathJax bool
	// Numbering is MathJax 2's equationNumbers: {autoNumber: …} or
	// MathJax 3's tex: {tags: …}; texmath.NumberNone by default, as in
	// MathJax. KaTeX numbers the AMS environments without a star.
	Numbering texmath.Numbering
}

// MathSetup reads the site's math set-up from its page templates (the
// folders MathMacros reads). Read once per site.
func (s *Site) MathSetup() MathSetup {
	if s == nil || s.Root == "" {
		return MathSetup{}
	}
	s.setupOnce.Do(func() { s.setup = readMathSetup(templateFiles(s.Root)) })
	return s.setup
}

var (
	autoNumberKey = lazy.Regexp(`\bautoNumber["']?\s*:\s*["']((?i)all|ams|none)["']`)
	tagsKey       = lazy.Regexp(`\btags["']?\s*:\s*["']((?i)all|ams|none)["']`)
	mathJaxLoad   = lazy.Regexp(`(?i)mathjax`)
	katexLoad     = lazy.Regexp(`(?i)katex`)
)

func readMathSetup(files []string) MathSetup {
	var ms MathSetup
	katex := false
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		src := stripHTMLComments(string(data))
		if mathJaxLoad().MatchString(src) {
			ms.MathJax = true
		}
		if katexLoad().MatchString(src) {
			katex = true
		}
		if m := autoNumberKey().FindStringSubmatch(src); m != nil {
			ms.Numbering = texmath.ParseNumbering(m[1])
		} else if m := tagsKey().FindStringSubmatch(src); m != nil && mathJaxLoad().MatchString(src) {
			ms.Numbering = texmath.ParseNumbering(m[1])
		}
	}
	if katex && !ms.MathJax {
		ms.Numbering = texmath.NumberAMS
	}
	return ms
}

// stripHTMLComments drops <!-- … --> (a template's commented-out script
// tags load nothing).
func stripHTMLComments(s string) string {
	for {
		i := strings.Index(s, "<!--")
		if i < 0 {
			return s
		}
		j := strings.Index(s[i:], "-->")
		if j < 0 {
			return s[:i]
		}
		s = s[:i] + s[i+j+3:]
	}
}
