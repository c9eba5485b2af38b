package edition

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/redtide/edition/internal/model"
)

// TestBibliographyForms checks every way real posts introduce the works
// they cite, and posts that must not be taken for a bibliography.
func TestBibliographyForms(t *testing.T) {
	tests := []struct {
		name, body string
		title      string // "" means no bibliography
		ordered    bool
		entries    int
		blocksLeft int
	}{
		{"bold numbered", "Text.\n\n**Bibliography**\n\n1. A\n2. B\n", "Bibliography", true, 2, 1},
		{"bold no blank", "Text.\n\n**Bibliography**\n1. A\n2. B\n", "Bibliography", true, 2, 1},
		{"h2 bullets", "Text.\n\n## References\n\n- A\n- B\n- C\n", "References", false, 3, 1},
		{"h4", "Text.\n\n#### Bibliography\n\n* A\n", "Bibliography", false, 1, 1},
		{"setext", "Text.\n\nReferences\n==========\n\nA.\n\nB.\n", "References", false, 2, 1},
		{"plain line paragraphs", "Text.\n\nWorks Cited\n\nA, 2001.\n\nB, 2002.\n", "Works Cited", false, 2, 1},
		{"sources colon", "Text.\n\nSources:\n\nA.\n\nB.\n", "Sources", false, 2, 1},
		{"bold sources colon", "Text.\n\n**Sources:**\n\n1. A\n", "Sources", true, 1, 1},
		{"bold colon inside", "Text.\n\n**References:**\n\n1. A\n", "References", true, 1, 1},
		{"further reading", "Text.\n\n### Further reading\n\n- A\n", "Further reading", false, 1, 1},
		{"related works", "Text.\n\n## References and Related Works\n\n- A\n", "References and Related Works", false, 1, 1},
		{"italic caps", "Text.\n\n_BIBLIOGRAPHY_\n\n1. A\n", "Bibliography", true, 1, 1},
		{"lower case", "Text.\n\nbibliography\n\n1. A\n", "bibliography", true, 1, 1},
		{"hard breaks", "Text.\n\nReferences\n\nA, 2001.\\\nB, 2002.\n", "References", false, 2, 1},
		{"rule before", "Text.\n\n---\n\n**Bibliography**\n\n1. A\n", "Bibliography", true, 1, 1},
		{"none", "Text.\n\nMore text about references in general.\n", "", false, 0, 2},
		{"heading then text section", "Text.\n\n## References\n\nA.\n\n## Appendix\n\nB.\n", "", false, 0, 5},
		{"title only", "Text.\n\n## Bibliography\n", "", false, 0, 2},
		{"mid-sentence", "Text.\n\nSources: many of them.\n", "", false, 0, 2},
	}
	dir := t.TempDir()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := "---\ntitle: T\ndate: 2026-01-01\n---\n" + tc.body
			if err := os.WriteFile(filepath.Join(dir, "p.md"), []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			ed, _, err := buildOne(t, dir, "p.md")
			if err != nil {
				t.Fatal(err)
			}
			a := ed.Sections[0].Articles[0]
			b := a.Bibliography
			if tc.title == "" {
				if b != nil {
					t.Fatalf("found bibliography %q, want none", b.Title)
				}
			} else {
				if b == nil {
					t.Fatalf("no bibliography found; blocks:\n%s", model.DumpArticle(a))
				}
				if b.Title != tc.title || b.Ordered != tc.ordered || len(b.Entries) != tc.entries {
					t.Errorf("got %q ordered=%v entries=%d, want %q ordered=%v entries=%d",
						b.Title, b.Ordered, len(b.Entries), tc.title, tc.ordered, tc.entries)
				}
				for i, e := range b.Entries {
					if e.Number != i+1 || e.ID == "" {
						t.Errorf("entry %d numbered %d id %q", i, e.Number, e.ID)
					}
				}
			}
			if len(a.Blocks) != tc.blocksLeft {
				t.Errorf("%d body blocks left, want %d:\n%s", len(a.Blocks), tc.blocksLeft, model.DumpArticle(a))
			}
		})
	}
}
