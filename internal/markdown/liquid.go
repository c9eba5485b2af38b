package markdown

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/redtide/edition/internal/diag"
)

// Jekyll posts carry Liquid tags and kramdown extensions that no Markdown
// parser knows. They are rewritten before parsing; every rewrite keeps the
// number of lines, so positions in messages still point at the post.
var (
	liquidTag     = regexp.MustCompile(`(?s)\{%-?\s*(\w+)(.*?)-?%\}`)
	liquidOutput  = regexp.MustCompile(`\{\{-?\s*(.*?)\s*-?\}\}`)
	brokenInclude = regexp.MustCompile(`(?m)^%\s*include\s(?:[^%]|%[^}])*%\}`)
	ialLine       = regexp.MustCompile(`^[ \t]*\{:[^}\n]*\}[ \t]*$`)
	ialInline     = regexp.MustCompile(`\{:\s*[.#:][^}\n]*\}`)
	extBlock      = regexp.MustCompile(`\{::\w+[^}\n]*/?\}`)
	tocItem       = regexp.MustCompile(`^\s*(?:[*+-]|\d+\.)\s+(?:TOC|Table of Contents)\s*$`)
	attrRe        = regexp.MustCompile(`([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))`)
)

// preprocess rewrites Liquid and kramdown syntax in a post body. base is
// the file line of body line 1 minus one.
func preprocess(path string, body []byte, base int, log *diag.Log) []byte {
	lines := diag.NewLines(body, base)
	if bytes.Contains(body, []byte("% include")) {
		// "% include figure.html ... %}" at the start of a line is a Liquid
		// tag that lost its opening brace: mend it rather than print it.
		body = brokenInclude.ReplaceAllFunc(body, func(m []byte) []byte {
			log.Warnf(path, lines.Line(bytes.Index(body, m)), "Liquid tag without its opening { read as {%% include %%}")
			return append([]byte("{"), m...)
		})
		lines = diag.NewLines(body, base)
	}
	var out bytes.Buffer
	out.Grow(len(body))
	last := 0
	skipping := "" // inside {% comment %} ... dropped
	raw := false   // inside {% raw %} ... kept literally
	var tags [][]int
	if bytes.Contains(body, []byte("{%")) {
		tags = liquidTag.FindAllSubmatchIndex(body, -1)
	}
	for _, m := range tags {
		name := string(body[m[2]:m[3]])
		args := string(body[m[4]:m[5]])
		line := lines.Line(m[0])
		if raw {
			if name == "endraw" {
				// Protect literal {{ from the output-tag pass below.
				out.Write(bytes.ReplaceAll(body[last:m[0]], []byte("{{"), []byte(rawOpen)))
				out.Write(newlinesOnly(body[m[0]:m[1]]))
				last = m[1]
				raw = false
			}
			continue
		}
		if skipping != "" {
			if name == "end"+skipping {
				out.Write(newlinesOnly(body[last:m[0]]))
				out.Write(newlinesOnly(body[m[0]:m[1]]))
				last = m[1]
				skipping = ""
			}
			continue
		}
		out.Write(body[last:m[0]])
		tag := body[m[0]:m[1]]
		last = m[1]
		switch name {
		case "highlight":
			lang := strings.Fields(args)
			out.WriteString("```")
			if len(lang) > 0 {
				out.WriteString(lang[0])
			}
			out.Write(newlinesOnly(tag))
		case "endhighlight":
			out.WriteString("```")
			out.Write(newlinesOnly(tag))
		case "raw":
			raw = true
			out.Write(newlinesOnly(tag))
		case "endraw":
			out.Write(newlinesOnly(tag))
		case "comment":
			skipping = "comment"
			out.Write(newlinesOnly(tag))
		case "include":
			out.WriteString(include(path, line, args, log))
			out.Write(newlinesOnly(tag))
		default:
			log.Warnf(path, line, "Liquid tag {%% %s %%} dropped", name)
			out.Write(newlinesOnly(tag))
		}
	}
	switch {
	case skipping != "":
		out.Write(newlinesOnly(body[last:]))
	case raw:
		out.Write(bytes.ReplaceAll(body[last:], []byte("{{"), []byte(rawOpen)))
	default:
		out.Write(body[last:])
	}
	body = out.Bytes()

	// Liquid output tags and kramdown attribute lists, line by line.
	src := bytes.Split(body, []byte("\n"))
	for i, l := range src {
		line := base + i + 1
		if bytes.Contains(l, []byte("{{")) {
			l = liquidOutput.ReplaceAllFunc(l, func(m []byte) []byte {
				log.Warnf(path, line, "Liquid output %s dropped", m)
				return nil
			})
		}
		if !bytes.Contains(l, []byte("{:")) {
			src[i] = l
			continue
		}
		switch {
		case ialLine.Match(l):
			if bytes.Contains(l, []byte("toc")) && i > 0 && tocItem.Match(src[i-1]) {
				src[i-1] = nil
			}
			log.Warnf(path, line, "kramdown attribute list %s dropped", bytes.TrimSpace(l))
			l = nil
		default:
			l = ialInline.ReplaceAllFunc(l, func(m []byte) []byte {
				log.Warnf(path, line, "kramdown attribute list %s dropped", m)
				return nil
			})
			l = extBlock.ReplaceAllFunc(l, func(m []byte) []byte {
				log.Warnf(path, line, "kramdown extension %s dropped", m)
				return nil
			})
		}
		src[i] = l
	}
	out2 := bytes.Join(src, []byte("\n"))
	if bytes.Contains(out2, []byte(rawOpen)) {
		out2 = bytes.ReplaceAll(out2, []byte(rawOpen), []byte("{{"))
	}
	return out2
}

// rawOpen stands in for "{{" inside {% raw %} while output tags are
// removed. Posts cannot contain NUL (post.Parse refuses it).
const rawOpen = "\x00\x01"

// include turns {% include figure.html image-url="x.jpg" caption="..." %}
// into a Markdown image whose title is the caption; other includes are
// dropped with a warning.
func include(path string, line int, args string, log *diag.Log) string {
	fields := strings.Fields(args)
	if len(fields) == 0 {
		log.Warnf(path, line, "empty {%% include %%} dropped")
		return ""
	}
	file := fields[0]
	kv := map[string]string{}
	for _, m := range attrRe.FindAllStringSubmatch(args, -1) {
		kv[strings.ToLower(m[1])] = m[2] + m[3] + m[4]
	}
	src := ""
	for _, k := range []string{"image-url", "image_url", "url", "src", "image", "file", "img"} {
		if kv[k] != "" {
			src = kv[k]
			break
		}
	}
	caption := kv["caption"]
	text := firstOf(kv, "text", "content", "quote", "body")
	isImage := strings.Contains(file, "figure") || strings.Contains(file, "image") || strings.Contains(file, "img")
	switch {
	case isImage && src != "":
		// Without alt, the caption's plain text serves (see conv.image).
		return "![" + escapeMD(kv["alt"]) + "](<" + strings.ReplaceAll(src, ">", "%3E") + "> \"" +
			strings.ReplaceAll(caption, `"`, `\"`) + "\")"
	case text != "":
		// Pull quotes and asides: their text is the post's own words.
		return "> " + strings.Join(strings.Fields(text), " ")
	case caption != "":
		log.Warnf(path, line, "{%% include %s %%}: embedded media dropped; its caption is kept", file)
		return "*" + strings.Join(strings.Fields(caption), " ") + "*"
	}
	log.Warnf(path, line, "{%% include %s %%} dropped: it has no text, caption or image to keep", file)
	return ""
}

func firstOf(kv map[string]string, keys ...string) string {
	for _, k := range keys {
		if v := strings.TrimSpace(kv[k]); v != "" {
			return v
		}
	}
	return ""
}

func escapeMD(s string) string {
	r := strings.NewReplacer(`[`, `\[`, `]`, `\]`, "\n", " ")
	return r.Replace(s)
}

// newlinesOnly keeps just the line breaks of b.
func newlinesOnly(b []byte) []byte {
	return bytes.Repeat([]byte("\n"), bytes.Count(b, []byte("\n")))
}
