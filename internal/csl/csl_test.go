package csl

import (
	"os"
	"slices"
	"strings"
	"testing"
)

func render(t *testing.T, s *Style, lang string, cits []Citation) Result {
	t.Helper()
	return NewProcessor(s, lang, testDB().lookup).Render(cits, nil)
}

func note(n int, cites ...Cite) Citation { return Citation{Cites: cites, NoteIndex: n} }

func htmls(r []Rich) []string {
	var out []string
	for _, x := range r {
		out = append(out, x.HTML())
	}
	return out
}

func entries(es []Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Text.HTML())
	}
	return out
}

func compare(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: got %d, want %d:\n%s", what, len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%s %d:\n got %s\nwant %s", what, i, got[i], want[i])
		}
	}
}

// TestChicagoNotes renders the default style: a full first note, a short
// later note, and the bibliography sorted by author and title.
func TestChicagoNotes(t *testing.T) {
	res := render(t, DefaultStyle(), "en-US", []Citation{
		note(1, Cite{ID: "book", Locator: "23"}),
		note(2, Cite{ID: "article", Locator: "325"}),
		note(3, Cite{ID: "chapter", Locator: "45-47"}),
		note(4, Cite{ID: "web"}),
		note(5, Cite{ID: "book", Locator: "25"}),
		note(6, Cite{ID: "article"}, Cite{ID: "book2"}),
	})
	compare(t, "note", htmls(res.Citations), []string{
		"Yasunari Kawabata, <i>The Sound of the Mountain</i>, trans. Edward G. Seidensticker (Knopf, 1970), 23.",
		"Donald Keene and Aya Mori, “The Rise of the Novel in Japan,” <i>Journal of Asian Studies</i> 64, no. 2 (2005): 325, https://doi.org/10.1017/S0021911805000793.",
		"Haruo Shirane, “Poetry and the Court,” in <i>The Cambridge History of Japanese Literature</i>, ed. Haruo Shirane et al. (Cambridge University Press, 2016), 45–47.",
		"“Nobel Prize in Literature 1968,” NobelPrize.org, accessed March 7, 2024, https://www.nobelprize.org/prizes/literature/1968/summary/.",
		"Kawabata, <i>Sound of the Mountain</i>, 25.",
		"Keene and Mori, “The Rise of the Novel in Japan”; Yasunari Kawabata, <i>Snow Country</i> (Knopf, 1956).",
	})
	compare(t, "bibliography", entries(res.Bibliography), []string{
		"Kawabata, Yasunari. <i>Snow Country</i>. Knopf, 1956.",
		"Kawabata, Yasunari. <i>The Sound of the Mountain</i>. Translated by Edward G. Seidensticker. Knopf, 1970.",
		"Keene, Donald, and Aya Mori. “The Rise of the Novel in Japan.” <i>Journal of Asian Studies</i> 64, no. 2 (2005): 321–28. https://doi.org/10.1017/S0021911805000793.",
		"NobelPrize.org. “Nobel Prize in Literature 1968.” Accessed March 7, 2024. https://www.nobelprize.org/prizes/literature/1968/summary/.",
		"Shirane, Haruo. “Poetry and the Court.” In <i>The Cambridge History of Japanese Literature</i>, edited by Haruo Shirane, Tomi Suzuki, and David Lurie. Cambridge University Press, 2016.",
	})
	if !res.HangingIndent {
		t.Error("Chicago's bibliography has a hanging indent")
	}
}

func testStyle(t *testing.T, name string) *Style {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	s, err := ParseStyle(data)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestIbidAndDash checks ibid and ibid-with-locator positions, a short
// note after an intervening citation, and the 3-em dash for a repeated
// author in the bibliography.
func TestIbidAndDash(t *testing.T) {
	res := render(t, testStyle(t, "test-ibid.csl"), "", []Citation{
		note(1, Cite{ID: "book", Locator: "10"}),
		note(2, Cite{ID: "book", Locator: "10"}),
		note(3, Cite{ID: "book", Locator: "12", Label: "chapter"}),
		note(4, Cite{ID: "book2"}),
		note(5, Cite{ID: "book", Locator: "14"}),
		note(7, Cite{ID: "book", Locator: "14"}),
	})
	compare(t, "note", htmls(res.Citations), []string{
		"Yasunari Kawabata, <i>The Sound of the Mountain</i>, 1970, 10.",
		"Ibid.",
		"Ibid., chap. 12.",
		"Yasunari Kawabata, <i>Snow Country</i>, 1956.",
		"Kawabata, <i>The Sound of the Mountain</i>, 14.",
		"Kawabata, <i>The Sound of the Mountain</i>, 14.",
	})
	compare(t, "bibliography", entries(res.Bibliography), []string{
		"Kawabata, Yasunari. <i>Snow Country</i>. 1956.",
		"———. <i>The Sound of the Mountain</i>. 1970.",
	})
}

// TestLocaleTerms renders German and French notes: quotation marks,
// role terms, "and" and dates come from the locale.
func TestLocaleTerms(t *testing.T) {
	cits := []Citation{note(1, Cite{ID: "chapter", Locator: "45-47"}), note(2, Cite{ID: "web"})}
	for _, tc := range []struct {
		lang string
		want []string
	}{
		{"de-DE", []string{
			"Haruo Shirane, „Poetry and the court“, in <i>The Cambridge History of Japanese Literature</i>, hg. von Haruo Shirane u.\u00a0a. (Cambridge University Press, 2016), 45–47.",
			"„Nobel Prize in Literature 1968“, NobelPrize.org, zugegriffen 7. März 2024, https://www.nobelprize.org/prizes/literature/1968/summary/.",
		}},
		{"fr", []string{
			"Haruo Shirane, «\u00a0Poetry and the court\u00a0», in <i>The Cambridge History of Japanese Literature</i>, éd. par Haruo Shirane et al. (Cambridge University Press, 2016), 45–47.",
			"«\u00a0Nobel Prize in Literature 1968\u00a0», NobelPrize.org, consulté 7 mars 2024, https://www.nobelprize.org/prizes/literature/1968/summary/.",
		}},
	} {
		res := render(t, DefaultStyle(), tc.lang, cits)
		compare(t, tc.lang, htmls(res.Citations), tc.want)
	}
	res := render(t, DefaultStyle(), "de", []Citation{note(1, Cite{ID: "article"})})
	if got := res.Bibliography[0].Text.String(); !strings.Contains(got, "Keene, Donald, und Aya Mori") {
		t.Errorf("German bibliography: %s", got)
	}
}

// TestAuthorDate renders Chicago author-date citations in the text, with
// year suffixes for two works of one author and one year.
func TestAuthorDate(t *testing.T) {
	s, ok := BuiltinStyle("chicago-author-date")
	if !ok || s.Class() != "in-text" {
		t.Fatal("chicago-author-date is not embedded as an in-text style")
	}
	res := render(t, s, "", []Citation{
		{Cites: []Cite{{ID: "smith-a"}}},
		{Cites: []Cite{{ID: "smith-b", Locator: "12"}}},
		{Cites: []Cite{{ID: "article", Prefix: "see"}, {ID: "book"}}},
		{Cites: []Cite{{ID: "smith-a"}, {ID: "smith-b"}}},
		{Cites: []Cite{{ID: "book", SuppressAuthor: true}}},
	})
	compare(t, "citation", htmls(res.Citations), []string{
		"(Smith 2001a)",
		"(Smith 2001b, 12)",
		"(see Keene and Mori 2005; Kawabata 1970)",
		"(Smith 2001a, 2001b)",
		"(1970)",
	})
	compare(t, "bibliography", entries(res.Bibliography), []string{
		"Kawabata, Yasunari. 1970. <i>The Sound of the Mountain</i>. Translated by Edward G. Seidensticker. Knopf.",
		"Keene, Donald, and Aya Mori. 2005. “The Rise of the Novel in Japan.” <i>Journal of Asian Studies</i> 64 (2): 321–28. https://doi.org/10.1017/S0021911805000793.",
		"Smith, Ann. 2001a. <i>Alpha</i>. Norton.",
		"Smith, Ann. 2001b. <i>Beta</i>. Norton.",
	})
}

// TestMissingKey renders an unknown key as pandoc does, in bold with a
// question mark, and reports it once.
func TestMissingKey(t *testing.T) {
	res := render(t, DefaultStyle(), "", []Citation{
		note(1, Cite{ID: "nope", Locator: "3"}),
		note(2, Cite{ID: "book"}, Cite{ID: "nope"}),
	})
	if got := res.Citations[0]; len(got) != 1 || got[0].Text != "nope?" || got[0].Format != Bold {
		t.Errorf("missing key renders as %#v", got)
	}
	// the style's closing period merges into the question mark
	if got := res.Citations[1].HTML(); !strings.HasSuffix(got, "; <b>nope?</b>") {
		t.Errorf("missing key among others: %s", got)
	}
	if len(res.Missing) != 1 || res.Missing[0] != "nope" {
		t.Errorf("Missing = %v", res.Missing)
	}
	if len(res.Bibliography) != 1 {
		t.Errorf("bibliography has %d entries, want the one known item", len(res.Bibliography))
	}
	res = NewProcessor(DefaultStyle(), "", testDB().lookup).Render(nil, []string{"web", "gone"})
	if len(res.Missing) != 1 || res.Missing[0] != "gone" || len(res.Bibliography) != 1 {
		t.Errorf("nocite: missing %v, %d entries", res.Missing, len(res.Bibliography))
	}
}

// TestParseStyleErrors names the line of a syntax error and refuses
// documents that are not independent styles.
func TestParseStyleErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"<style>\n<citation>\n<layout>\n</citation>", "line 4"},
		{"<locale/>", "not <style>"},
		{`<style class="note"><info/></style>`, "no <citation>"},
		{"", "line 1"},
	} {
		_, err := ParseStyle([]byte(tc.src))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseStyle(%q) = %v, want an error with %q", tc.src, err, tc.want)
		}
	}
}

// TestOddStyle renders a style with unknown elements, a missing macro and
// a macro that calls itself, without failing.
func TestOddStyle(t *testing.T) {
	src := `<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text">
<macro name="loop"><text macro="loop"/><text variable="title"/></macro>
<citation><layout><frobnicate/><text macro="nowhere"/><text macro="loop"/><number variable="volume" form="roman"/></layout></citation></style>`
	s, err := ParseStyle([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	res := NewProcessor(s, "", testDB().lookup).Render([]Citation{{Cites: []Cite{{ID: "article"}}}}, nil)
	if got := res.Citations[0].String(); !strings.HasPrefix(got, "The rise of the novel in Japan") || !strings.HasSuffix(got, "lxiv") {
		t.Errorf("odd style renders %q", got)
	}
}

func TestBuiltins(t *testing.T) {
	for _, name := range []string{"chicago-notes-bibliography", "http://www.zotero.org/styles/chicago-author-date", "chicago-author-date.csl"} {
		if _, ok := BuiltinStyle(name); !ok {
			t.Errorf("BuiltinStyle(%q) not found", name)
		}
	}
	if DefaultStyle().Class() != "note" || !strings.Contains(DefaultStyle().Title(), "18th") {
		t.Errorf("default style is %q (%s)", DefaultStyle().Title(), DefaultStyle().Class())
	}
	entries, _ := localeFS.ReadDir("locales")
	for _, e := range entries {
		if data, _ := localeFS.ReadFile("locales/" + e.Name()); strings.HasSuffix(e.Name(), ".xml") {
			if _, err := ParseLocale(data); err != nil {
				t.Errorf("%s: %v", e.Name(), err)
			}
		}
	}
	for tag, want := range map[string]string{"fr-CA": "fr-FR", "de": "de-DE", "en": "en-US", "xx": "",
		"es": "es-ES", "it-CH": "it-IT", "pt": "pt-PT", "nl-BE": "nl-NL", "en-GB": "en-GB"} {
		got := ""
		if l := builtinLocale(tag); l != nil {
			got = l.Lang()
		}
		if got != want {
			t.Errorf("locale for %q is %q, want %q", tag, got, want)
		}
	}
}

func FuzzParseStyle(f *testing.F) {
	f.Add([]byte(`<style class="note"><citation><layout><text variable="title"/></layout></citation></style>`))
	f.Add([]byte(`<style><macro name="m"><names variable="author"><substitute><text macro="m"/></substitute></names></macro><citation><layout><text macro="m"/><date variable="issued" form="text"/></layout></citation><bibliography><sort><key macro="m"/></sort><layout><group><choose><if position="ibid" match="none"><label variable="page"/></if></choose></group></layout></bibliography></style>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseStyle(data)
		if err != nil {
			return
		}
		db := testDB()
		p := NewProcessor(s, "", db.lookup)
		p.Render([]Citation{note(1, Cite{ID: "book", Locator: "3"}), note(2, Cite{ID: "book"}), note(3, Cite{ID: "article"}, Cite{ID: "x"})}, []string{"chapter"})
	})
}

// TestAPA renders APA 7 citations and references: ampersand, initials,
// sorting of the citation's cites by author, and titles as the data has
// them (APA sets no case).
func TestAPA(t *testing.T) {
	s, ok := BuiltinStyle("apa")
	if !ok {
		t.Fatal("apa is not embedded")
	}
	res := render(t, s, "", []Citation{
		{Cites: []Cite{{ID: "article", Locator: "325"}, {ID: "book"}}},
	})
	compare(t, "citation", htmls(res.Citations), []string{"(Kawabata, 1970; Keene &#38; Mori, 2005, p. 325)"})
	compare(t, "bibliography", entries(res.Bibliography), []string{
		"Kawabata, Y. (1970). <i>the sound of the mountain</i> (E. G. Seidensticker, Trans.). Knopf.",
		"Keene, D., &#38; Mori, A. (2005). The rise of the novel in Japan. <i>Journal of Asian Studies</i>, <i>64</i>(2), 321–328. https://doi.org/10.1017/S0021911805000793",
	})
}

// TestAuthorInText renders pandoc's author-in-text citations in an
// author-date style: the author in the text, the date in parentheses.
func TestAuthorInText(t *testing.T) {
	s, _ := BuiltinStyle("chicago-author-date")
	res := render(t, s, "", []Citation{
		{Cites: []Cite{{ID: "book", Locator: "33"}}, InText: true},
		{Cites: []Cite{{ID: "article"}, {ID: "nope"}}, InText: true},
	})
	compare(t, "citation", htmls(res.Citations), []string{
		"Kawabata (1970, 33)",
		"Keene and Mori (2005); <b>nope?</b>",
	})
}

// TestRunawayMacros renders a style whose macros call each other twice
// at every level: rendering stops at its bound instead of running for
// ever.
func TestRunawayMacros(t *testing.T) {
	src := `<style class="note"><macro name="m"><text macro="m"/><text macro="m"/><text variable="title"/></macro>
<citation><layout><text macro="m"/></layout></citation></style>`
	s, err := ParseStyle([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	res := NewProcessor(s, "", testDB().lookup).Render([]Citation{note(1, Cite{ID: "book"})}, nil)
	if len(res.Citations) != 1 {
		t.Fatal("citation lost")
	}
}

// TestLinks checks that DOIs and URLs come out as links, the DOI with the
// resolver the style puts before it, and that linked citations name
// their item.
func TestLinks(t *testing.T) {
	p := NewProcessor(DefaultStyle(), "", testDB().lookup)
	p.LinkCitations = true
	res := p.Render([]Citation{note(1, Cite{ID: "article"}), note(2, Cite{ID: "web"})}, nil)
	want := map[string]string{
		"https://doi.org/10.1017/S0021911805000793":                  "https://doi.org/10.1017/S0021911805000793",
		"https://www.nobelprize.org/prizes/literature/1968/summary/": "https://www.nobelprize.org/prizes/literature/1968/summary/",
	}
	found := 0
	for _, c := range res.Citations {
		for _, s := range c {
			if s.Link != "" {
				found++
				if want[s.Text] != s.Link {
					t.Errorf("span %q links to %q", s.Text, s.Link)
				}
			}
			if s.Ref == "" && strings.TrimSpace(s.Text) != "." {
				t.Errorf("span %q of a linked citation has no Ref", s.Text)
			}
		}
	}
	if found != 2 {
		t.Errorf("found %d links, want 2", found)
	}
}

func TestRichHTML(t *testing.T) {
	r := Rich{{Text: "One ", Format: Italic}, {Text: "Two", Format: NoDecoration}, {Text: " & ", Format: Italic | Bold}, {Text: "<x>"}}
	want := `<i>One <span style="font-style:normal;">Two</span><b> &#38; </b></i>&#60;x&#62;`
	if got := r.HTML(); got != want {
		t.Errorf("HTML() = %s\nwant %s", got, want)
	}
	if got := r.String(); got != "One Two & <x>" {
		t.Errorf("String() = %q", got)
	}
}

// TestNumericCollapse renders a numeric style that collapses runs of
// citation numbers into ranges.
func TestNumericCollapse(t *testing.T) {
	src := `<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text">
<citation collapse="citation-number"><sort><key variable="citation-number"/></sort>
<layout prefix="[" suffix="]" delimiter=", "><text variable="citation-number"/></layout></citation>
<bibliography><layout><text variable="citation-number" suffix=". "/><text variable="title"/></layout></bibliography></style>`
	s, err := ParseStyle([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	res := render(t, s, "", []Citation{
		{Cites: []Cite{{ID: "book"}, {ID: "book2"}}},
		{Cites: []Cite{{ID: "article"}, {ID: "chapter"}, {ID: "web"}}},
		{Cites: []Cite{{ID: "web"}, {ID: "book"}, {ID: "book2"}, {ID: "article"}, {ID: "smith-a"}}},
	})
	compare(t, "citation", htmls(res.Citations), []string{"[1, 2]", "[3–5]", "[1–3, 5, 6]"})
}

// TestAuthorOnly renders the author part of pandoc's author-in-text
// citations in the notes style: the name as the note at that position
// would give it.
func TestAuthorOnly(t *testing.T) {
	res := render(t, DefaultStyle(), "", []Citation{
		note(1, Cite{ID: "book", AuthorOnly: true}),
		note(2, Cite{ID: "book"}),
		note(3, Cite{ID: "book", AuthorOnly: true}),
		note(4, Cite{ID: "web", AuthorOnly: true}),
	})
	compare(t, "citation", htmls(res.Citations), []string{
		"Yasunari Kawabata",
		"Yasunari Kawabata, <i>The Sound of the Mountain</i>, trans. Edward G. Seidensticker (Knopf, 1970).",
		"Kawabata",
		"Nobel Prize in Literature 1968",
	})
}

// TestConcurrentRender renders with one shared style from several
// goroutines: styles and locales are read-only once parsed (run with
// -race).
func TestConcurrentRender(t *testing.T) {
	done := make(chan string)
	for i := 0; i < 4; i++ {
		go func() {
			res := render(t, DefaultStyle(), "de", []Citation{note(1, Cite{ID: "book"}), note(2, Cite{ID: "book"})})
			done <- res.Citations[1].String()
		}()
	}
	first := <-done
	for i := 1; i < 4; i++ {
		if got := <-done; got != first {
			t.Errorf("renders differ: %q and %q", got, first)
		}
	}
}

// TestElementLines numbers each element by the line its start tag ends on.
func TestElementLines(t *testing.T) {
	root, err := parseXML([]byte("<style>\n<citation>\n\n<layout\n/>\n</citation><bibliography/>\n\n\n<macro/></style>"))
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	var walk func(e *elem)
	walk = func(e *elem) {
		got = append(got, e.line)
		for _, k := range e.kids {
			walk(k)
		}
	}
	walk(root)
	if want := []int{1, 2, 5, 6, 9}; !slices.Equal(got, want) {
		t.Errorf("lines %v, want %v", got, want)
	}
}
