package bibdb

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"go.yaml.in/yaml/v3"

	"github.com/redtide/edition/internal/bib"
)

// flat describes an item as key → value: "type", variables, names as
// "author.0" = "given|dropping|non-dropping|family|suffix" or
// "{literal}", dates as "y-m-d/y-m-d" (~ circa, S season, "lit:"), "line".
func flat(it *bib.Item) map[string]string {
	m := map[string]string{"type": it.Type, "line": strconv.Itoa(it.Pos.Line)}
	for k, v := range it.Vars {
		m[k] = v
	}
	for k, ns := range it.Names {
		for i, n := range ns {
			s := strings.Join([]string{n.Given, n.DroppingParticle, n.NonDroppingParticle, n.Family, n.Suffix}, "|")
			if n.Literal != "" {
				s = "{" + n.Literal + "}"
			}
			if n.CommaSuffix {
				s += ",cs"
			}
			m[fmt.Sprintf("%s.%d", k, i)] = s
		}
	}
	for k, d := range it.Dates {
		var parts []string
		for _, p := range d.Parts {
			var xs []string
			for _, n := range p {
				xs = append(xs, strconv.Itoa(n))
			}
			parts = append(parts, strings.Join(xs, "-"))
		}
		s := strings.Join(parts, "/")
		if d.Season != 0 {
			s += fmt.Sprintf("S%d", d.Season)
		}
		if d.Circa {
			s += "~"
		}
		if d.Literal != "" {
			s = "lit:" + d.Literal
		}
		m[k] = s
	}
	return m
}

func expect(t *testing.T, it *bib.Item, want map[string]string) {
	t.Helper()
	got := flat(it)
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %s = %q, want %q", it.ID, k, got[k], v)
		}
	}
}

func byID(items []*bib.Item) map[string]*bib.Item {
	m := map[string]*bib.Item{}
	for _, it := range items {
		m[it.ID] = it
	}
	return m
}

const cslJSON = `[
  {"id": "a", "type": "article-journal", "title": "On <i>Things</i>",
   "author": [{"family": "Gogh", "given": "Vincent", "non-dropping-particle": "van"},
              {"family": "La Fontaine", "given": "Jean", "dropping-particle": "de"},
              {"family": "King", "given": "Martin Luther", "suffix": "Jr.", "comma-suffix": true},
              {"literal": "World Health Organization"}],
   "issued": {"date-parts": [["2020", "3", "7"]]}, "volume": 12, "page": "1-10", "doi": "10.1/x"},
  {"id": 42, "type": "book", "issued": {"date-parts": [[1999], [2001]], "circa": true},
   "accessed": {"raw": "2024-01-31"}, "original-date": {"literal": "n.d."},
   "event-date": {"date-parts": [[2020]], "season": "2"}, "edition": 2, "ISBN": "978-0",
   "submitted": {"date-parts": [["2019-05-06"]]}},
  {"type": "book", "title": "no id"}
]`

func TestFromJSON(t *testing.T) {
	items, probs, err := FromJSON("refs.json", []byte(cslJSON))
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) != 1 || !strings.Contains(probs[0].String(), "refs.json:12: a reference without an id") {
		t.Errorf("problems = %v", probs)
	}
	m := byID(items)
	expect(t, m["a"], map[string]string{
		"line": "2", "type": "article-journal", "title": "On <i>Things</i>", "volume": "12", "DOI": "10.1/x",
		"author.0": "Vincent||van|Gogh|", "author.1": "Jean|de||La Fontaine|", "author.2": "Martin Luther|||King|Jr.,cs",
		"author.3": "{World Health Organization}", "issued": "2020-3-7",
	})
	expect(t, m["42"], map[string]string{
		"line": "8", "issued": "1999/2001~", "accessed": "2024-1-31", "original-date": "lit:n.d.",
		"event-date": "2020S2", "edition": "2", "ISBN": "978-0", "submitted": "2019-5-6",
	})
}

func TestFromJSONSingleObjectAndErrors(t *testing.T) {
	items, _, err := FromJSON("one.json", []byte("\n{\"id\": \"x\", \"type\": \"book\"}"))
	if err != nil || len(items) != 1 || items[0].Pos.Line != 2 {
		t.Fatalf("single object: %v, %v", items, err)
	}
	for src, want := range map[string]string{
		"[\n{\"id\": \"x\",\n \"type\": }\n]": "bad.json:3: not CSL-JSON",
		"\"just a string\"":                   "bad.json:1: CSL-JSON must be an array",
		"[{\"id\": \"x\"}":                    "bad.json: not CSL-JSON",
	} {
		_, _, err := FromJSON("bad.json", []byte(src))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", src, err, want)
		}
	}
}

const cslYAML = `---
references:
- id: goering
  type: book
  ISBN: 0888441088
  author:
  - family: Goering
    given: Joseph
  title: 'William de Montibus (c. 1140--1213): *The Schools* and [DNA]{.nocase}'
  issued:
    date-parts:
    - - 1992
- id: plain
  issued: 2020-03-07
  accessed: {year: 2021, month: 2}
  URL: https://example.org/a_b_c
  note: H~2~O and x^2^ in **bold**, it's [small]{.smallcaps}
- id: old
  author:
  - family: Doe
  - literal: others
  issued:
  - year: 1999
  - year: 2001
---
`

func TestFromYAMLFile(t *testing.T) {
	items, probs, err := FromYAMLFile("refs.yaml", []byte(cslYAML))
	if err != nil || len(probs) != 0 {
		t.Fatalf("%v %v", err, probs)
	}
	m := byID(items)
	expect(t, m["goering"], map[string]string{
		"line": "3", "ISBN": "0888441088", "author.0": "Joseph|||Goering|", "issued": "1992",
		"title": `William de Montibus (c. 1140–1213): <i>The Schools</i> and <span class="nocase">DNA</span>`,
	})
	expect(t, m["plain"], map[string]string{
		"line": "13", "type": "document", "issued": "2020-3-7", "accessed": "2021-2", "URL": "https://example.org/a_b_c",
		"note": `H<sub>2</sub>O and x<sup>2</sup> in <b>bold</b>, it’s <span style="font-variant:small-caps;">small</span>`,
	})
	expect(t, m["old"], map[string]string{"issued": "1999/2001", "author.0": "|||Doe|", "author.1": ""})
	if !m["old"].EtAl["author"] {
		t.Error(`a final "others" does not set EtAl`)
	}

	list, _, err := FromYAMLFile("list.yml", []byte("- id: x\n  title: T\n"))
	if err != nil || len(list) != 1 || list[0].Vars["title"] != "T" {
		t.Errorf("a bare list: %v %v", list, err)
	}
	for src, want := range map[string]string{
		"title: no references\n": "bad.yaml:1: CSL-YAML must be a list",
		"- [unclosed\n":          "bad.yaml: not CSL-YAML",
		"":                       "bad.yaml: no references: list",
	} {
		if _, _, err := FromYAMLFile("bad.yaml", []byte(src)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", src, err, want)
		}
	}
}

// TestFromYAML reads a front matter references: value decoded as the
// post reader decodes it (into any), and as a node with its lines.
func TestFromYAML(t *testing.T) {
	src := "title: Post\nreferences:\n- id: a\n  type: book\n  issued: 2001\n- id: b\n  author:\n  - Plato\n- 3\n"
	var v map[string]any
	if err := yaml.Unmarshal([]byte(src), &v); err != nil {
		t.Fatal(err)
	}
	items, probs := FromYAML("post.md", 2, v["references"])
	if len(items) != 2 || items[0].Pos.Line != 2 || items[1].Pos.Line != 2 {
		t.Fatalf("items %v", items)
	}
	if len(probs) != 1 || !strings.Contains(probs[0].String(), `post.md:2: a reference must be a mapping of CSL variables, not "3"`) {
		t.Errorf("problems %v", probs)
	}
	expect(t, items[0], map[string]string{"issued": "2001", "type": "book"})
	expect(t, items[1], map[string]string{"author.0": "{Plato}"})

	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	items, _ = FromYAML("post.md", 2, &doc)
	if len(items) != 2 || items[0].Pos.Line != 3 || items[1].Pos.Line != 6 {
		t.Errorf("from a node: %v", items)
	}
}

func TestLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"refs/a.bib":     {Data: []byte("@book{shared, title = {From BibTeX}}\n@book{onlybib, title = {B}}\n")},
		"refs/b.json":    {Data: []byte(`[{"id": "onlyjson", "type": "book"},` + "\n" + `{"id": "shared", "type": "book", "title": "From JSON"}]`)},
		"refs/c.yaml":    {Data: []byte("references:\n- id: onlyyaml\n")},
		"refs/d.bib":     {Data: []byte("@book{broken,\n title = {A}\n + 1}\n@book{afterbroken}\n")},
		"refs/notes.txt": {Data: []byte("x")},
	}
	db, probs, err := Load(fsys, []string{"refs/a.bib", "refs/b.json", "refs/c.yaml", "refs/d.bib", "refs/notes.txt", "refs/missing.json"})
	if err == nil {
		t.Fatal("no error for the broken, unknown and missing files")
	}
	for _, want := range []string{"refs/d.bib:3:", "refs/notes.txt: unknown bibliography format", "refs/missing.json:"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if got := strings.Join(db.IDs(), " "); got != "shared onlybib onlyjson onlyyaml afterbroken" {
		t.Errorf("IDs = %q", got)
	}
	if it := db.Lookup("shared"); it == nil || it.Vars["title"] != "From JSON" || it.Pos.File != "refs/b.json" || it.Pos.Line != 2 {
		t.Errorf("shared = %+v, want the later (JSON) definition", it)
	}
	var dup []string
	for _, p := range probs {
		if strings.Contains(p.Msg, "defined twice") {
			dup = append(dup, p.String())
		}
	}
	if len(dup) != 1 || !strings.HasPrefix(dup[0], `refs/b.json:2: key "shared" is defined twice, here and at refs/a.bib:1`) {
		t.Errorf("duplicate problems = %q", dup)
	}
	if db.Lookup("nope") != nil || (*DB)(nil).Lookup("x") != nil || db.Len() != 5 {
		t.Error("lookup of a missing key, or Len")
	}
	// jekyll-scholar's rule keeps the first, within a file too.
	dup2 := fstest.MapFS{"r.bib": {Data: []byte("@book{k, title = {One}}\n@book{k, title = {Two}}\n")}}
	first, fprobs, err := New(FirstWins).Load(dup2, []string{"r.bib"})
	if err != nil || first.Lookup("k").Vars["title"] != "One" || len(fprobs) != 1 ||
		fprobs[0].String() != `r.bib:2: key "k" is defined twice, here and at r.bib:1; the first definition is used` {
		t.Errorf("FirstWins: %v %v", fprobs, err)
	}
	last, _, _ := Load(dup2, []string{"r.bib"})
	if last.Lookup("k").Vars["title"] != "Two" {
		t.Error("LastWins within a file")
	}
	// Front matter references come last and override the files.
	fm, _ := FromYAML("post.md", 4, []any{map[string]any{"id": "onlybib", "title": "Mine"}})
	if p := db.Add(fm); len(p) != 1 || db.Lookup("onlybib").Vars["title"] != "Mine" {
		t.Errorf("front matter override: %v", p)
	}
}
