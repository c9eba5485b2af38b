package scan

import (
	"path"
	"strings"
	"unicode"

	"github.com/redtide/edition/internal/lazy"
)

// coreTags are Liquid's and Jekyll's own tags: they are read elsewhere
// (include, highlight, raw, comment) or are control flow, whose text is
// kept and whose tags are dropped.
var coreTags = map[string]bool{
	"if": true, "elsif": true, "else": true, "unless": true, "case": true, "when": true,
	"for": true, "break": true, "continue": true, "cycle": true, "tablerow": true,
	"capture": true, "assign": true, "increment": true, "decrement": true,
	"include": true, "include_relative": true, "highlight": true, "raw": true, "comment": true,
	"link": true, "post_url": true, "render": true, "liquid": true, "echo": true,
}

// PluginBlockName reports whether a tag of this name opens a block of a
// plugin: not a core tag, not itself an end tag.
func PluginBlockName(name string) bool {
	return name != "" && !coreTags[name] && !strings.HasPrefix(name, "end")
}

// TextArgKeys name the arguments that hold words for a reader.
var TextArgKeys = map[string]string{
	"caption": "caption", "title": "caption", "text": "text", "quote": "text", "content": "text", "body": "text",
	"alt": "alt", "credit": "credit", "credits": "credit", "attribution": "credit", "source": "credit",
	"cite": "credit", "author": "credit", "photographer": "credit", "copyright": "credit",
}

// PullMarks are Octopress's marks of the part of a text a pull quote
// repeats: {" … "}.
var PullMarks = lazy.Regexp(`\{"[ \t]*|[ \t]*"\}`)

// tagArgRe reads one argument: key:"value", key="value", key=value,
// "value" or a bare word.
var tagArgRe = lazy.Regexp(`(?:([\w-]+)\s*[:=]\s*)?(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|“([^”]*)”|([^\s"']+))`)

// TagText is an argument of a plugin tag that reads as text.
type TagText struct {
	Role  string // caption, text, alt or credit
	Value string
}

// TagTexts picks out the arguments of a plugin tag that read as text.
func TagTexts(args string) []TagText {
	var out []TagText
	for _, m := range tagArgRe().FindAllStringSubmatch(args, -1) {
		key := strings.ToLower(m[1])
		quoted := m[2] + m[3] + m[4]
		v := strings.TrimSpace(quoted + m[5])
		v = strings.NewReplacer(`\"`, `"`, `\'`, `'`).Replace(v)
		if v == "" || strings.Contains(v, "{{") {
			continue
		}
		if role, ok := TextArgKeys[key]; ok && (quoted != "" || HasLetter(v)) && !looksLikePath(v) {
			out = append(out, TagText{role, v})
			continue
		}
		if quoted != "" && len(strings.Fields(v)) >= 2 && HasLetter(v) {
			out = append(out, TagText{"text", v})
		}
	}
	return out
}

func HasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// looksLikePath: a value that names a file or a URL, not words.
func looksLikePath(v string) bool {
	return !strings.Contains(v, " ") && (strings.Contains(v, "/") || IsImageFile(v))
}

func IsImageFile(src string) bool {
	switch strings.ToLower(path.Ext(strings.SplitN(src, "?", 2)[0])) {
	case ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".tif", ".tiff", ".bmp", ".avif":
		return true
	}
	return false
}
