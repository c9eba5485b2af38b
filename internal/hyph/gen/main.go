// Command gen compiles the hyphenation patterns of each language,
// patterns/TAG/, into the trie that package hyph embeds, tries/TAG.trie,
// and removes the tries of languages that have no patterns any more. Run
// it with go generate in internal/hyph (or go generate ./... at the top).
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/redtide/edition/internal/hyph"
)

func main() {
	if err := run("patterns", "tries"); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// run writes a trie into out for every folder of src, rewriting only the
// files whose bytes change.
func run(src, out string) error {
	dirs, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	want := map[string]bool{}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		b, err := hyph.Compile(os.DirFS("."), filepath.ToSlash(filepath.Join(src, d.Name())))
		if err != nil {
			return err
		}
		name := filepath.Join(out, d.Name()+".trie")
		want[name] = true
		if old, err := os.ReadFile(name); err == nil && bytes.Equal(old, b) {
			continue
		}
		if err := os.WriteFile(name, b, 0o644); err != nil {
			return err
		}
	}
	old, err := filepath.Glob(filepath.Join(out, "*.trie"))
	if err != nil {
		return err
	}
	for _, name := range old {
		if !want[name] && strings.HasSuffix(name, ".trie") {
			if err := os.Remove(name); err != nil {
				return err
			}
		}
	}
	return nil
}
