package post

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// FileAs is a person's name as libraries sort it: "Okonkwo-Reyes, Maya",
// "van Gogh, Vincent", "King, Martin Luther, Jr."; an organisation's
// name, a name of one word or one ending in "et al." is its own. The
// surname is the last word with the lower-case particles before it (van,
// de, von, y…), as a name written in full cannot say more: a double
// surname ("García Márquez") is sorted by its last word.
func FileAs(name string) string {
	name = strings.Join(strings.Fields(name), " ")
	if isOrganisation(name) || etAl().MatchString(name) {
		return name
	}
	suffix := ""
	if i := strings.LastIndex(name, ","); i >= 0 && suffixes[strings.ToLower(strings.TrimSpace(name[i+1:]))] {
		name, suffix = strings.TrimSpace(name[:i]), ", "+strings.TrimSpace(name[i+1:])
	}
	words := strings.Fields(name)
	if len(words) > 2 && suffixes[strings.ToLower(words[len(words)-1])] {
		suffix = ", " + words[len(words)-1] + suffix
		words = words[:len(words)-1]
	}
	if len(words) < 2 || strings.Contains(name, ",") {
		return name + suffix
	}
	s := len(words) - 1
	for s > 1 && lowerInitial(words[s-1]) {
		s--
	}
	return strings.Join(words[s:], " ") + ", " + strings.Join(words[:s], " ") + suffix
}

func lowerInitial(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}
