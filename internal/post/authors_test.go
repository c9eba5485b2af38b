package post

import (
	"strings"
	"testing"

	"github.com/redtide/edition/internal/diag"
)

func TestSplitNames(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Jane Doe", "Jane Doe"},
		{"Ana Pérez and Ben Li", "Ana Pérez|Ben Li"},
		{"Ana Pérez & Ben Li", "Ana Pérez|Ben Li"},
		{"Ana Pérez, Ben Li and Cy Ng", "Ana Pérez|Ben Li|Cy Ng"},
		{"Ana Pérez, Ben Li, and Cy Ng", "Ana Pérez|Ben Li|Cy Ng"},
		{"Ana Pérez AND Ben Li", "Ana Pérez|Ben Li"},
		{"Ana Pérez, Ben Li", "Ana Pérez|Ben Li"},
		{"Ana Pérez; Ben Li", "Ana Pérez|Ben Li"},
		{"Plato, Aristotle and Socrates", "Plato|Aristotle|Socrates"},
		{"Marx & Engels", "Marx|Engels"},
		// Surname, given names: one person.
		{"Smith, John", "John Smith"},
		{"García Márquez, Gabriel", "Gabriel García Márquez"},
		{"van der Berg, Jan", "Jan van der Berg"},
		{"Tolkien, J. R. R.", "J. R. R. Tolkien"},
		{"Smith, John and Doe, Jane", "John Smith|Jane Doe"},
		{"Smith, John; Doe, Jane", "John Smith|Jane Doe"},
		// Suffixes belong to the name.
		{"Martin Luther King, Jr.", "Martin Luther King, Jr."},
		{"Ana Pérez, PhD and Ben Li", "Ana Pérez, PhD|Ben Li"},
		// Organisations and firms are never split.
		{"Marx & Engels Institute", "Marx & Engels Institute"},
		{"Society of Friends and Neighbours", "Society of Friends and Neighbours"},
		{"The Red Tide Editorial Board", "The Red Tide Editorial Board"},
		{"Johnson & Johnson", "Johnson & Johnson"},
		{"Smith et al.", "Smith et al."},
		// Words inside names are not conjunctions.
		{"Chris Anderson", "Chris Anderson"},
		{"Sandra Band", "Sandra Band"},
		{"José Ortega y Gasset", "José Ortega y Gasset"},
		{"Maria e Silva", "Maria e Silva"},
		{"AT&T", "AT&T"},
		// Odd input.
		{"By Jane Doe", "Jane Doe"},
		{"  Jane   Doe  ", "Jane Doe"},
		{"and", "and"},
		{"A and", "A and"},
		{"", ""},
	} {
		got := strings.Join(SplitNames(c.in), "|")
		if got != c.want {
			t.Errorf("SplitNames(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestAuthorForms(t *testing.T) {
	handles := map[string]string{"red_tide": "The Red Tide Collective", "ana": "Ana Pérez", "ben": "Ben Li"}
	lookup := func(h string) (string, bool) { n, ok := handles[h]; return n, ok }
	for _, c := range []struct{ name, fm, want string }{
		{"string", "author: Jane Doe", "Jane Doe"},
		{"authors string", "authors: Jane Doe and John Roe", "Jane Doe|John Roe"},
		{"list", "authors:\n  - Jane Doe\n  - John Roe", "Jane Doe|John Roe"},
		{"flow list", "authors: [Jane Doe, John Roe]", "Jane Doe|John Roe"},
		{"mapping name", "author:\n  name: Jane Doe\n  email: j@example.org\n  twitter: jd", "Jane Doe"},
		{"mapping display_name", "author: {display_name: Jane Doe, login: jd}", "Jane Doe"},
		{"mapping first/last", "author: {first: Jane, last: Doe}", "Jane Doe"},
		{"mapping given/family", "author: {given: Jane, family: Doe, orcid: 0000}", "Jane Doe"},
		{"list of mappings", "authors:\n  - name: Jane Doe\n  - {first: John, last: Roe}\n  - Ada Byron", "Jane Doe|John Roe|Ada Byron"},
		{"handle", "author: red_tide", "The Red Tide Collective"},
		{"handles in a list", "authors: [ana, ben]", "Ana Pérez|Ben Li"},
		{"handles joined", "author: ana and ben", "Ana Pérez|Ben Li"},
		{"author and authors", "author: Jane Doe\nauthors: [Jane Doe, John Roe]", "Jane Doe|John Roe"},
		{"empty", "author:", ""},
		{"mapping without a name", "author: {email: x@example.org}", ""},
	} {
		p, err := Parse("p.md", []byte("---\n"+c.fm+"\n---\nText.\n"), &diag.Log{})
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got := strings.Join(People(p.Authors, lookup), "|"); got != c.want {
			t.Errorf("%s: authors %q, want %q", c.name, got, c.want)
		}
	}
	var log diag.Log
	if _, err := Parse("p.md", []byte("---\ntitle: T\nauthor: {email: x}\n---\n"), &log); err != nil {
		t.Fatal(err)
	}
	if ws := log.Warnings(); len(ws) != 1 || !strings.Contains(ws[0].String(), "p.md:3: author: a mapping without name") {
		t.Errorf("warnings %v", ws)
	}
	p, _ := Parse("p.md", []byte("---\ntranslator:\n- Jennifer Isasi\nauthors:\n- Nabeel Siddiqui\n---\n"), nil)
	if strings.Join(p.Authors, "|") != "Nabeel Siddiqui" || strings.Join(p.Translators, "|") != "Jennifer Isasi" {
		t.Errorf("authors %q translators %q", p.Authors, p.Translators)
	}
}

func TestEntriesOf(t *testing.T) {
	v := []any{"Jane Doe", map[string]any{"name": "John Roe"}, map[string]any{"x": 1}, 3}
	if got := strings.Join(EntriesOf(v), "|"); got != "Jane Doe|John Roe" {
		t.Errorf("EntriesOf = %q", got)
	}
}
