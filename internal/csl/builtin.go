package csl

import (
	"embed"
	"path"
	"strings"
	"sync"
)

//go:embed styles/*.csl
var styleFS embed.FS

var (
	styleMu    sync.Mutex
	styleCache = map[string]*Style{}
)

// DefaultStyle returns the embedded Chicago Manual of Style (18th edition)
// notes and bibliography style.
func DefaultStyle() *Style {
	s, ok := BuiltinStyle("chicago-notes-bibliography")
	if !ok {
		panic("csl: embedded default style is missing or broken")
	}
	return s
}

// BuiltinStyle returns an embedded style by name: the last segment of its
// id or its file name, with or without ".csl" ("chicago-author-date",
// "apa", "http://www.zotero.org/styles/apa").
func BuiltinStyle(name string) (*Style, bool) {
	name = strings.TrimSuffix(path.Base(strings.TrimRight(name, "/")), ".csl")
	styleMu.Lock()
	defer styleMu.Unlock()
	if s, ok := styleCache[name]; ok {
		return s, s != nil
	}
	var s *Style
	if data, err := styleFS.ReadFile("styles/" + name + ".csl"); err == nil {
		s, _ = ParseStyle(data)
	}
	styleCache[name] = s
	return s, s != nil
}

// BuiltinStyles lists the names of the embedded styles.
func BuiltinStyles() []string {
	entries, _ := styleFS.ReadDir("styles")
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".csl") {
			names = append(names, strings.TrimSuffix(e.Name(), ".csl"))
		}
	}
	return names
}
