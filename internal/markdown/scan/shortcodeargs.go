package scan

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/redtide/edition/internal/lazy"
)

// ShortcodeArgs reads a shortcode's arguments as Hugo does: named
// (key="value", key=`raw`, key=value) or positional ("a b", word), in Go
// string syntax, so \" is a quote inside a quoted value.
func ShortcodeArgs(args string) (named map[string]string, pos []string) {
	named = map[string]string{}
	s := strings.TrimSpace(args)
	for s != "" {
		key := ""
		if m := argName().FindStringSubmatch(s); m != nil {
			key, s = m[1], s[len(m[0]):]
		}
		val, rest := argValue(s)
		s = strings.TrimLeftFunc(rest, unicode.IsSpace)
		if key != "" {
			if _, dup := named[key]; !dup {
				named[key] = val
			}
		} else {
			pos = append(pos, val)
		}
	}
	return named, pos
}

var argName = lazy.Regexp(`^([\w-]+)\s*=\s*`)

// argValue reads one value at the start of s: a Go quoted string, a raw
// string, or a word.
func argValue(s string) (val, rest string) {
	if s == "" {
		return "", ""
	}
	switch s[0] {
	case '"':
		for i := 1; i < len(s); i++ {
			if s[i] == '\\' {
				i++
				continue
			}
			if s[i] == '"' {
				if v, err := strconv.Unquote(s[:i+1]); err == nil {
					return v, s[i+1:]
				}
				return strings.ReplaceAll(s[1:i], `\"`, `"`), s[i+1:]
			}
		}
		return s[1:], ""
	case '`':
		if i := strings.IndexByte(s[1:], '`'); i >= 0 {
			return s[1 : i+1], s[i+2:]
		}
		return s[1:], ""
	}
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, ""
	}
	return s[:i], s[i:]
}

// LowerKeys is named with its keys in lower case, for the parameters
// edition looks up itself (Caption, caption).
func LowerKeys(named map[string]string) map[string]string {
	out := make(map[string]string, len(named))
	for k, v := range named {
		if _, dup := out[strings.ToLower(k)]; !dup {
			out[strings.ToLower(k)] = v
		}
	}
	return out
}
