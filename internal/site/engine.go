package site

import "strings"

// Engine is the site's Markdown engine and those of its options that
// change a post's text (Jekyll's `markdown:` and `kramdown:` settings;
// https://jekyllrb.com/docs/configuration/markdown/, kramdown's options
// at https://kramdown.gettalong.org/options.html).
type Engine struct {
	// MathRaw: the engine hands math delimiters to the page as written
	// (Hugo's passthrough extension), not through its escapes.
	MathRaw bool
	// Name is the engine, lower case: "kramdown" (Jekyll's default when
	// the site has a _config.yml), "commonmark", "commonmarkghpages",
	// "gfm"…; "" for posts without a site configuration.
	Name string
	// Input is kramdown's parser: "gfm" (Jekyll's default) or
	// "kramdown".
	Input string
	// HardWrap: a line break in a paragraph is a line break (kramdown's
	// hard_wrap; Jekyll sets it false).
	HardWrap bool
	// ParseBlockHTML: the content of HTML block elements is Markdown
	// (kramdown's parse_block_html).
	ParseBlockHTML bool
	// MathEngine is kramdown's math_engine ("mathjax" by default), ""
	// when the site turns math off (nil, none, false).
	MathEngine string
	// SmartQuotes is kramdown's smart_quotes, as written ("" for the
	// default lsquo,rsquo,ldquo,rdquo).
	SmartQuotes string
}

// Engine returns the site's Markdown engine.
func (s *Site) Engine() Engine {
	if s == nil || s.ConfigPath == "" {
		return Engine{}
	}
	if s.Hugo != nil {
		// A Hugo site's engine is goldmark, set by markup.goldmark (see
		// Hugo); none of Jekyll's settings apply to it. Without the
		// passthrough extension its math is text to the Markdown.
		return Engine{Name: "goldmark", MathRaw: s.Hugo.Passthrough}
	}
	v := s.Config.Vars
	e := Engine{Name: "kramdown", Input: "gfm", MathEngine: "mathjax"}
	if name := strings.ToLower(strings.TrimSpace(Stringify(v["markdown"]))); name != "" {
		e.Name = name
	}
	k, _ := v["kramdown"].(map[string]any)
	if k == nil {
		return e
	}
	if in := strings.ToLower(strings.TrimSpace(Stringify(k["input"]))); in != "" {
		e.Input = in
	}
	e.HardWrap = optTrue(k["hard_wrap"])
	e.ParseBlockHTML = optTrue(k["parse_block_html"])
	if me, ok := k["math_engine"]; ok {
		switch m := strings.ToLower(strings.TrimSpace(Stringify(me))); m {
		case "", "nil", "null", "none", "false":
			e.MathEngine = ""
		default:
			e.MathEngine = m
		}
	}
	e.SmartQuotes = strings.TrimSpace(Stringify(k["smart_quotes"]))
	return e
}

func optTrue(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case string:
		return strings.EqualFold(strings.TrimSpace(x), "true")
	}
	return false
}
