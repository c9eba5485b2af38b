package post

import (
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/redtide/edition/internal/lazy"
)

// Authors as sites write them. A post's author:/authors: (and
// translator:/translators:) may be
//
//   - a string: a name, a handle, or several names ("A and B");
//   - a list of strings;
//   - a mapping with name, display_name or full_name, or first/last,
//     given/family (other keys, such as email or twitter, are ignored);
//   - a list of such mappings.
//
// Strings are kept as written here; People looks each up as a handle and
// splits the rest into people.

// nameKeys are the mapping keys that hold a whole name, in order of
// preference; partKeys the pairs that hold its parts.
var (
	nameKeys = []string{"name", "display_name", "displayname", "full_name", "fullname"}
	partKeys = [][2]string{{"first", "last"}, {"first_name", "last_name"}, {"firstname", "lastname"},
		{"given", "family"}, {"given_name", "family_name"}, {"given-name", "family-name"}}
)

// NameOf is the name a mapping gives a person ("" when it gives none).
func NameOf(m map[string]any) string {
	str := func(k string) string {
		for mk, v := range m {
			if strings.EqualFold(mk, k) {
				if s, ok := v.(string); ok {
					return strings.Join(strings.Fields(s), " ")
				}
			}
		}
		return ""
	}
	for _, k := range nameKeys {
		if s := str(k); s != "" {
			return s
		}
	}
	for _, p := range partKeys {
		if g, f := str(p[0]), str(p[1]); g != "" || f != "" {
			return strings.TrimSpace(g + " " + f)
		}
	}
	return ""
}

// personEntries reads an author-like front matter value: a string, a
// mapping, or a list of either. ok is false for any other shape; a
// mapping without a name is reported through noName with its line.
func personEntries(v *yaml.Node, noName func(line int)) ([]string, bool) {
	switch v.Kind {
	case yaml.ScalarNode:
		s, _ := scalarString(v)
		if s == "" {
			return nil, true
		}
		return []string{s}, true
	case yaml.MappingNode:
		var m map[string]any
		if v.Decode(&m) != nil {
			return nil, false
		}
		if n := NameOf(m); n != "" {
			return []string{n}, true
		}
		noName(v.Line)
		return nil, true
	case yaml.SequenceNode:
		var out []string
		for _, c := range v.Content {
			if c.Kind == yaml.SequenceNode {
				return nil, false
			}
			list, ok := personEntries(c, noName)
			if !ok {
				return nil, false
			}
			out = append(out, list...)
		}
		return out, true
	}
	return nil, false
}

// People turns author entries into names. An entry is first looked up
// whole as a handle (lookup may be nil); otherwise it is split into people
// (SplitNames) and each part is looked up. Repeated names are dropped.
func People(entries []string, lookup func(string) (string, bool)) []string {
	var out []string
	seen := map[string]bool{}
	add := func(n string) {
		if n != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	look := func(s string) (string, bool) {
		if lookup == nil {
			return "", false
		}
		return lookup(s)
	}
	for _, e := range entries {
		if n, ok := look(e); ok {
			add(n)
			continue
		}
		for _, p := range SplitNames(e) {
			if n, ok := look(p); ok {
				add(n)
			} else {
				add(p)
			}
		}
	}
	return out
}

var (
	// conjunction separates two people: "and" or "&" between spaces,
	// with an optional serial comma before it.
	conjunction = lazy.Regexp(`(?i)\s*,?\s+(?:and|&)\s+`)
	byPrefix    = lazy.Regexp(`(?i)^by\s+`)
	etAl        = lazy.Regexp(`(?i)\bet\s+al\b`)
)

// suffixes follow a name after a comma without being another person.
var suffixes = map[string]bool{"jr": true, "jr.": true, "sr": true, "sr.": true, "ii": true, "iii": true,
	"iv": true, "phd": true, "ph.d.": true, "md": true, "m.d.": true, "esq": true, "esq.": true}

// orgWords mark a name as an organisation's, which is never split:
// "Marx & Engels Institute", "The Red Tide Editorial Board".
var orgWords = wordSet(`institute institut institution society association collective committee
		foundation stiftung fondation fundación university universität université universidad universidade
		università college school academy press group company co. co inc. inc ltd. ltd llc gmbh ag network
		project center centre council union party league federation team lab laboratory library museum
		department office board staff editors editorial publishing publishers partners associates sons
		brothers bros. agency ministry archive archives trust club alliance coalition movement
		collaborative consortium initiative verlag éditions editions editorial`)

func wordSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// SplitNames splits a string naming several people into their names.
// The rule:
//
//  1. ";" always separates people.
//  2. A name holding an organisation's word (Institute, Society, Press,
//     Collective, Inc., …; see orgWords) or "et al." is one name.
//  3. "and" or "&" between spaces separates people ("A and B", "A & B",
//     "A, B and C", "A, B, and C"), unless both sides are the same
//     ("Johnson & Johnson", a firm).
//  4. Commas then separate people, except that one comma between a
//     surname and given names ("Smith, John", "García Márquez, Gabriel":
//     at most one side has more than one word) is one person, written
//     "John Smith"; "Smith, John and Doe, Jane" is two. A comma before
//     Jr., Sr., II, III, PhD… is part of the name.
//
// A leading "By " is dropped. Names are never split on other words
// ("José Ortega y Gasset" and "Maria e Silva" stay whole).
func SplitNames(s string) []string {
	s = strings.Join(strings.Fields(s), " ")
	s = byPrefix().ReplaceAllString(s, "")
	if s == "" {
		return nil
	}
	if strings.Contains(s, ";") {
		var out []string
		for _, p := range strings.Split(s, ";") {
			out = append(out, SplitNames(p)...)
		}
		return out
	}
	if isOrganisation(s) || etAl().MatchString(s) {
		return []string{s}
	}
	parts := conjunction().Split(s, -1)
	for _, p := range parts {
		if strings.TrimSpace(p) == "" {
			return []string{s}
		}
	}
	if len(parts) == 2 && strings.EqualFold(parts[0], parts[1]) {
		return []string{s}
	}
	if len(parts) == 1 {
		if n, ok := invert(s); ok {
			return []string{n}
		}
		return commaList(s)
	}
	inverted := true
	for _, p := range parts {
		if _, ok := invert(p); !ok {
			inverted = false
		}
	}
	var out []string
	for _, p := range parts {
		if inverted {
			n, _ := invert(p)
			out = append(out, n)
			continue
		}
		out = append(out, commaList(p)...)
	}
	return out
}

// invert reads "Surname, Given" as "Given Surname"; ok is false when p is
// not in that form.
func invert(p string) (string, bool) {
	pieces := strings.Split(p, ",")
	if len(pieces) != 2 {
		return "", false
	}
	sur, given := strings.TrimSpace(pieces[0]), strings.TrimSpace(pieces[1])
	if sur == "" || given == "" || suffixes[strings.ToLower(given)] {
		return "", false
	}
	if len(strings.Fields(sur)) > 1 && len(strings.Fields(given)) > 1 && !initials(given) {
		return "", false // "Ana Pérez, Ben Li": two people
	}
	return given + " " + sur, true
}

// initials reports a given name written as initials only ("J. R.").
func initials(s string) bool {
	for _, w := range strings.Fields(s) {
		if !(len([]rune(w)) <= 3 && strings.HasSuffix(w, ".")) {
			return false
		}
	}
	return true
}

// commaList splits a comma-separated list of names, keeping suffixes
// (", Jr.") with the name before them.
func commaList(p string) []string {
	var out []string
	for _, piece := range strings.Split(p, ",") {
		piece = strings.TrimSpace(piece)
		if piece == "" {
			continue
		}
		if suffixes[strings.ToLower(piece)] && len(out) > 0 {
			out[len(out)-1] += ", " + piece
			continue
		}
		out = append(out, piece)
	}
	return out
}

func isOrganisation(s string) bool {
	for _, w := range strings.Fields(strings.ToLower(s)) {
		if orgWords[strings.Trim(w, ",;:()'\"")] || orgWords[w] {
			return true
		}
	}
	return false
}

// EntriesOf reads author entries from a decoded value (a site's front
// matter defaults): a string, a mapping or a list of them.
func EntriesOf(v any) []string {
	switch x := v.(type) {
	case string:
		if s := strings.TrimSpace(x); s != "" {
			return []string{s}
		}
	case map[string]any:
		if n := NameOf(x); n != "" {
			return []string{n}
		}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, EntriesOf(e)...)
		}
		return out
	}
	return nil
}
