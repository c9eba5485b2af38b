package biblio_test

import (
	"strings"
	"testing"

	"github.com/redtide/edition/internal/model"
)

// TestSourceNotesHeadings: a post's own notes heading, left empty when
// goldmark takes the footnote definitions out of the flow, goes into the
// generated notes; other empty headings (over definitions, comments,
// tags that set nothing, or nothing at all) go with a warning naming
// their line.
func TestSourceNotesHeadings(t *testing.T) {
	tests := []struct {
		name, lang, body string
		headings         []string // headings left, in order
		warnLines        []int    // lines of the warnings about headings
		notes            int
	}{
		{"notes at end", "en", "Text.[^1]\n\n## Notes\n\n[^1]: A note.\n", nil, nil, 1},
		{"footnotes then nothing", "en", "Text.[^1]\n\n# Footnotes\n\n[^1]: A note.\n    continued, indented.\n", nil, nil, 1},
		{"endnotes, definitions elsewhere", "en", "Text.[^1]\n\n[^1]: A note.\n\n## Endnotes\n", nil, nil, 1},
		{"bold notes line", "en", "Text.[^1]\n\n**Notes**\n\n[^1]: A note.\n", nil, nil, 1},
		{"notes then bibliography", "en", "Text.[^1]\n\n## Notes\n\n[^1]: A note.\n\n## Conclusion\n\nMore text.\n", []string{"Conclusion"}, nil, 1},
		{"other heading over definitions", "en", "Text.[^1]\n\n## Sources\n\n[^1]: A note.\n\n## Coda\n\nEnd.\n", []string{"Coda"}, []int{8}, 1},
		{"nested notes headings", "en", "Text.[^1] More.[^2]\n\n## Notes\n\n### Chapter one\n\n[^1]: One.\n\n### Chapter two\n\n[^2]: Two.\n", nil, []int{10, 14}, 2},
		{"authored empty heading dropped", "en", "Intro.\n\n### Capitalism\n\n### The Mediterranean\n\nText.\n", []string{"The Mediterranean"}, []int{8}, 0},
		// C2DH/ranketwo, _assignments/archival-digital-turn/06-newspapers-digitization.en.md:
		// the last section holds only the comments its layout splits on.
		{"comments only", "en", "Intro.\n\n<!-- section -->\n### Reading/viewing suggestions\n<!-- section-contents -->\n\n<!-- briefing-teacher -->\n", nil, []int{9}, 0},
		{"comments then a deeper heading kept", "en", "Intro.\n\n## Part one\n<!-- section-contents -->\n\n### Chapter\n\nText.\n", []string{"Part one", "Chapter"}, nil, 0},
		{"tags that set nothing", "en", "Intro.\n\n## Gallery\n\n{% comment %}to do{% endcomment %}\n{: .wide}\n\n## Coda\n\nEnd.\n", []string{"Coda"}, []int{8}, 0},
		{"heading over a rule only", "en", "Intro.\n\n## Aside\n\n---\n\n## Coda\n\nEnd.\n", []string{"Coda"}, []int{8}, 0},
		{"table of contents title dropped with it", "en", "Intro.\n\n## Contents\n\n* TOC\n{:toc}\n\n## Part one\n\nText.\n", []string{"Part one"}, []int{8}, 0},
		{"heading over a table of contents and text kept", "en", "Intro.\n\n## Overview\n\n{% include toc.html %}\n\nText.\n", []string{"Overview"}, nil, 0},
		{"notes heading without notes dropped", "en", "Text.\n\n## Notes\n", nil, []int{8}, 0},
		{"unreferenced definition kept", "en", "Text.[^1]\n\n## Notes\n\n[^1]: Used.\n[^2]: Never used.\n", nil, nil, 2},
		{"Fußnoten", "de", "Text.[^1]\n\n## Fußnoten\n\n[^1]: Eine Anmerkung.\n", nil, nil, 1},
		{"Anmerkungen", "de", "Text.[^1]\n\n## Anmerkungen\n\n[^1]: Eine Anmerkung.\n", nil, nil, 1},
		{"Notas", "es", "Texto.[^1]\n\n# Notas\n\n[^1]: Una nota.\n", nil, nil, 1},
		{"Notes de bas de page", "fr", "Texte.[^1]\n\n## Notes de bas de page\n\n[^1]: Une note.\n", nil, nil, 1},
		{"Note", "it", "Testo.[^1]\n\n## Note\n\n[^1]: Una nota.\n", nil, nil, 1},
		{"Noten", "nl", "Tekst.[^1]\n\n## Noten\n\n[^1]: Een noot.\n", nil, nil, 1},
		{"Notas de la traductora", "es", "Texto.[^1]\n\n## Notas de la traductora\n\n[^1]: Una nota.\n", nil, nil, 1},
		{"links over link definitions", "en", "See [the manual][m].\n\n## Links\n\n[m]: https://example.org/manual\n", nil, []int{8}, 0},
		{"Примечания", "ru", "Текст.[^1]\n\n## Примечания\n\n[^1]: Примечание.\n", nil, nil, 1},
		{"setext notes", "en", "Text.[^1]\n\nNotes\n-----\n\n[^1]: A note.\n", nil, nil, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, ws := buildPost(t, "---\ntitle: T\ndate: 2026-01-01\nlang: "+tc.lang+"\n---\n"+tc.body)
			var got []string
			model.WalkBlocks(a.Blocks, func(b model.Block) {
				if h, ok := b.(*model.Heading); ok {
					got = append(got, model.PlainText(h.Inlines))
				}
			})
			if strings.Join(got, "|") != strings.Join(tc.headings, "|") {
				t.Errorf("headings %q, want %q\n%s", got, tc.headings, model.DumpArticle(a))
			}
			var lines []int
			for _, w := range ws {
				if strings.Contains(w.Msg, "heading") {
					lines = append(lines, w.Line)
				}
			}
			if len(lines) != len(tc.warnLines) {
				t.Errorf("heading warnings at lines %v, want %v: %v", lines, tc.warnLines, ws)
			} else {
				for i := range lines {
					if lines[i] != tc.warnLines[i] {
						t.Errorf("heading warnings at lines %v, want %v", lines, tc.warnLines)
					}
				}
			}
			if len(a.Notes) != tc.notes {
				t.Errorf("%d notes, want %d", len(a.Notes), tc.notes)
			}
			for i, n := range a.Notes {
				if n.Number != i+1 {
					t.Errorf("note %d numbered %d", i, n.Number)
				}
			}
		})
	}
}
