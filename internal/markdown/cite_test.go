package markdown

import (
	"strings"
	"testing"

	"github.com/redtide/edition/internal/csl"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/lang"
	"github.com/redtide/edition/internal/markdown/citesyntax"
	"github.com/redtide/edition/internal/model"
)

// citeCases are citations as real posts and pandoc's manual write them
// (https://pandoc.org/MANUAL.html#citation-syntax), jekyll-scholar's
// README and acceptance features, and what must not be read as one:
// e-mail addresses, URLs, code, links and handles in link text. Each
// wants the blocks, notes and warnings of the conversion (model.Dump's
// form: cite(line:column items), an item as prefix @key label="locator"
// suffix).
var citeCases = []struct{ lang, src, want string }{
	{"en", "Blah blah [see @doe99, pp. 33-35; also @smith04, chap. 1].",
		"para \"Blah blah \"cite(1:11 \"see\" @doe99 page=\"33-35\"; \"also\" @smith04 chapter=\"1\")\".\""},
	{"en", "Blah blah [@doe99, pp. 33-35, 38-39 and *passim*].",
		"para \"Blah blah \"cite(1:11 @doe99 page=\"33-35, 38-39\" \" \"\"and \"em(\"passim\"))\".\""},
	{"en", "Blah blah [@smith04; @doe99].",
		"para \"Blah blah \"cite(1:11 @smith04; @doe99)\".\""},
	{"en", "Smith says blah [-@smith04].",
		"para \"Smith says blah \"cite(1:17 -@smith04)\".\""},
	{"en", "@smith04 says blah.",
		"para cite(1:1 in-text; @smith04)\" says blah.\""},
	{"en", "@smith04 [p. 33] says blah.",
		"para cite(1:1 in-text; @smith04 page=\"33\")\" says blah.\""},
	{"en", "[@item1 p. 30]",
		"para cite(1:1 @item1 page=\"30\")"},
	{"en", "[@item1 {35-89, 102}]",
		"para cite(1:1 @item1 page=\"35-89, 102\")"},
	{"en", "[@{odd:key}, sec. 3]",
		"para cite(1:1 @odd:key section=\"3\")"},
	{"en", "[@item1, chap. 3]",
		"para cite(1:1 @item1 chapter=\"3\")"},
	{"en", "[@item1, ch. 3]",
		"para cite(1:1 @item1 \", ch. 3\")"},
	{"en", "[@item1, 33]",
		"para cite(1:1 @item1 page=\"33\")"},
	{"en", "[@item1, xi]",
		"para cite(1:1 @item1 \", xi\")"},
	{"en", "[@item1, p. xi]",
		"para cite(1:1 @item1 page=\"xi\")"},
	{"en", "[@item1, fig. 2]",
		"para cite(1:1 @item1 figure=\"2\")"},
	{"en", "[@item1, figs. 2-4]",
		"para cite(1:1 @item1 figure=\"2-4\")"},
	{"en", "[@item1, n. 12]",
		"para cite(1:1 @item1 note=\"12\")"},
	{"en", "[@item1, vol. 2]",
		"para cite(1:1 @item1 volume=\"2\")"},
	{"en", "[@item1, l. 4-7]",
		"para cite(1:1 @item1 line=\"4-7\")"},
	{"en", "[@item1, para. 3]",
		"para cite(1:1 @item1 paragraph=\"3\")"},
	{"en", "[@item1, §3]",
		"para cite(1:1 @item1 section=\"3\")"},
	{"en", "[@item1, pp. 33–35]",
		"para cite(1:1 @item1 page=\"33–35\")"},
	{"en", "[@item1, p. 33, for a review]",
		"para cite(1:1 @item1 page=\"33\" \", for a review\")"},
	{"en", "[@item1, 34(1)]",
		"para cite(1:1 @item1 page=\"34(1)\")"},
	{"en", "[@item1, chap. {ii, iv}]",
		"para cite(1:1 @item1 chapter=\"ii, iv\")"},
	{"en", "[@item1, and elsewhere]",
		"para cite(1:1 @item1 \", and elsewhere\")"},
	{"en", "[@item1 and nowhere else]",
		"para cite(1:1 @item1 \" \"\"and nowhere else\")"},
	{"en", "[@GreiferStuart:2023, p. 7]",
		"para cite(1:1 @GreiferStuart:2023 page=\"7\")"},
	{"en", "[@LeeperHoboltTilley:2020, 214]",
		"para cite(1:1 @LeeperHoboltTilley:2020 page=\"214\")"},
	{"en", "[@Tolkien:2012, book 1, ch. 10, \"Strider\"]",
		"para cite(1:1 @Tolkien:2012 book=\"1\" \", ch. 10, “Strider”\")"},
	{"en", "[@Tolkien:2022, \"The Life of the Númenóreans\", note 8, p. 262]",
		"para cite(1:1 @Tolkien:2022 \", “The Life of the Númenóreans”, note 8, p. 262\")"},
	{"en", "[Figure 4 from @ChaudhryDotsonHeiss:2021]",
		"para cite(1:1 \"Figure 4 from\" @ChaudhryDotsonHeiss:2021)"},
	{"en", "[-@tikhonov1952; Theorem 1.1 in @verhulst2007]",
		"para cite(1:1 -@tikhonov1952; \"Theorem 1.1 in\" @verhulst2007)"},
	{"en", "[-@roberts1997; -@roberts-webapp]",
		"para cite(1:1 -@roberts1997; -@roberts-webapp)"},
	{"en", "[@doi:10.1371/journal.pcbi.1007128; @pubmed:30718888; @pmc:PMC6103790]",
		"para cite(1:1 @doi:10.1371/journal.pcbi.1007128; @pubmed:30718888; @pmc:PMC6103790)"},
	{"en", "[@{https://greenelab.github.io/meta-review/}]",
		"para cite(1:1 @https://greenelab.github.io/meta-review/)"},
	{"en", "[see e.g. @abbott2020; @poggiale2004; @revilla2015]",
		"para cite(1:1 \"see e.g.\" @abbott2020; @poggiale2004; @revilla2015)"},
	{"en", "(@a; @b; @c, among others)",
		"para \"(\"cite(1:2 in-text; @a)\"; \"cite(1:6 in-text; @b)\"; \"cite(1:10 in-text; @c)\", among others)\""},
	{"en", "@foo [p. 21], as well.",
		"para cite(1:1 in-text; @foo page=\"21\")\", as well.\""},
	{"en", "@foo [-@bar] agrees.",
		"para cite(1:1 in-text; @foo; -@bar)\" agrees.\""},
	{"en", "@Foo_bar.baz. is a key that ends before the period.",
		"para cite(1:1 in-text; @Foo_bar.baz)\". is a key that ends before the period.\""},
	{"en", "@item1:page and @a-b-c- end.",
		"para cite(1:1 in-text; @item1:page)\" and \"cite(1:17 in-text; @a-b-c)\"- end.\""},
	{"en", "Mail john@example.org now.",
		"para \"Mail \"link(mailto:john@example.org \"john@example.org\")\" now.\""},
	{"en", "Follow https://x.org/@user please.",
		"para \"Follow \"link(https://x.org/@user \"https://x.org/@user\")\" please.\""},
	{"en", "A `[@key]` and `@key` in code.",
		"para \"A \"code(\"[@key]\")\" and \"code(\"@key\")\" in code.\""},
	{"en", "A link [@user](https://twitter.com/user).",
		"para \"A link \"link(https://twitter.com/user \"@user\")\".\""},
	{"en", "A link [see @doe](https://example.org).",
		"para \"A link \"link(https://example.org \"see \"\"@doe\")\".\""},
	{"en", "Not a cite: [text only] and [a; b].",
		"para \"Not a cite: [text only] and [a; b].\""},
	{"en", "Not a cite: [see foo@bar.com].",
		"para \"Not a cite: [see foo@bar.com].\""},
	{"en", "Footnote ref[^1] stays.\n\n[^1]: Note with [@doe99, p. 3].",
		"para \"Footnote ref\"ref(0#0)\" stays.\"\nnote para \"Note with \"cite(3:17 @doe99 page=\"3\")\".\""},
	{"en", "Inline note.^[See @doe99 [p. 4] and [@roe].]",
		"para \"Inline note.\"ref(0#0)\nnote para \"See \"cite(1:5 in-text; @doe99 page=\"4\")\" and \"cite(1:23 @roe)\".\""},
	{"en", "See @fig-map and [@tbl-results] and @eq:one.",
		"para \"See \"cite(1:5 in-text; @fig-map)\" and \"cite(1:18 @tbl-results)\" and \"cite(1:37 in-text; @eq:one)\".\""},
	{"en", "Escaped \\@doe99 is text.",
		"para \"Escaped @doe99 is text.\""},
	{"en", "A price of 5@3 is not a cite.",
		"para \"A price of 5@3 is not a cite.\""},
	{"en", "[@a, S. 12]",
		"para cite(1:1 @a \", S. 12\")"},
	{"de", "[@a, S. 12]",
		"para cite(1:1 @a page=\"12\")"},
	{"de", "[vgl. @c, S. 5 f.]",
		"para cite(1:1 \"vgl.\" @c page=\"5\" \" \"\"f.\")"},
	{"de", "[@b, Kap. 3]",
		"para cite(1:1 @b chapter=\"3\")"},
	{"de", "[@b, Abb. 2]",
		"para cite(1:1 @b figure=\"2\")"},
	{"fr", "[@a, p. 12]",
		"para cite(1:1 @a page=\"12\")"},
	{"fr", "[@b, chap. 3]",
		"para cite(1:1 @b chapter=\"3\")"},
	{"fr", "[voir @c, vol. 2]",
		"para cite(1:1 \"voir\" @c volume=\"2\")"},
	{"es", "[@a, p. 12]",
		"para cite(1:1 @a page=\"12\")"},
	{"es", "[@a, cap. 3]",
		"para cite(1:1 @a chapter=\"3\")"},
	{"it", "[@a, p. 12]",
		"para cite(1:1 @a page=\"12\")"},
	{"pt", "[@a, p. 12]",
		"para cite(1:1 @a page=\"12\")"},
	{"nl", "[@a, hfdst. 3]",
		"para cite(1:1 @a chapter=\"3\")"},
	{"nl", "[zie @a, p. 12]",
		"para cite(1:1 \"zie\" @a page=\"12\")"},
	{"nl", "[@a, pagina's 12-14]",
		"para cite(1:1 @a page=\"12-14\")"},
	{"nl", "[@a, hoofdstuk 2]",
		"para cite(1:1 @a chapter=\"2\")"},
	{"nl", "[@a, nr. 7]",
		"para cite(1:1 @a issue=\"7\")"},
	{"nl", "[@a, par. 4]",
		"para cite(1:1 @a paragraph=\"4\")"},
	{"nl", "[@a, aantekening 9]",
		"para cite(1:1 @a note=\"9\")"},
	{"nl", "[@a, regels 3-5]",
		"para cite(1:1 @a line=\"3-5\")"},
	{"nl-BE", "[@a, figuur 2]",
		"para cite(1:1 @a figure=\"2\")"},
	{"nl", "[@a, chap. 3]",
		"para cite(1:1 @a chapter=\"3\")"},
	{"pt-BR", "[@a, seção 3]",
		"para cite(1:1 @a section=\"3\")"},
	{"de", "[@a, Anm. 3]",
		"para cite(1:1 @a note=\"3\")"},
	{"en", "[@a, art. 5]",
		"para cite(1:1 @a article-locator=\"5\")"},
	{"en", "[@a, s.v. 5]",
		"para cite(1:1 @a sub-verbo=\"5\")"},
	{"en", "{% cite million2003breast seal:2007 -l 174 %}",
		"para cite(1:1 @million2003breast page=\"174\"; @seal:2007)"},
	{"en", "{% cite christian2011effects -l 16s %}",
		"para cite(1:1 @christian2011effects page=\"16s\")"},
	{"en", "{% cite ruby microscope --label chapter --locator 3 -L figure -l 24 & 32 %}",
		"para cite(1:1 @ruby chapter=\"3\"; @microscope figure=\"24 & 32\")"},
	{"en", "{% cite ruby -A --locator 284 %}",
		"para cite(1:1 -@ruby page=\"284\")"},
	{"en", "{% cite ruby --prefix post1 %}",
		"para cite(1:1 @ruby)"},
	{"en", "text {%\ncite a b\n%} more",
		"para \"text \"cite(1:6 @a; @b)\" more\""},
	{"en", "{% citation ruby %}",
		"para cite(1:1 @ruby)"},
	{"en", "{% nocite ruby java %}",
		"para cite(1:1 nocite; @ruby; @java)"},
	{"en", "{% cite %}",
		"warning p.md:1: {% cite %} names no work to cite; dropped"},
	{"en", "::: {#refs}\n:::",
		"bibliography-here cited=true"},
	{"en", "Text.\n\n::: {#refs .references}\n\n:::\n\nAfter.",
		"para \"Text.\"\nbibliography-here cited=true\npara \"After.\""},
	{"en", "::: {.callout-note}\nNot refs.\n:::",
		"para \"::: {.callout-note} Not refs. :::\""},
	{"en", "{% bibliography --cited %}",
		"bibliography-here cited=true"},
	{"en", "{% bibliography --file books %}",
		"bibliography-here cited=false\nwarning p.md:1: {% bibliography %}: option --file books not followed (the edition reads one set of databases and styles per post)"},
}

func TestCitationSyntax(t *testing.T) {
	conv := New()
	for _, c := range citeCases {
		if got := citeDump(conv, c.lang, c.src); got != c.want {
			t.Errorf("%s %q:\ngot  %q\nwant %q", c.lang, c.src, got, c.want)
		}
	}
	if len(citeCases) < 60 {
		t.Errorf("%d cases; the syntax wants at least 60", len(citeCases))
	}
}

// TestLocatorTermsEveryLanguage: each language the edition supports reads
// its own locale's page label, long and short, in the singular and plural.
func TestLocatorTermsEveryLanguage(t *testing.T) {
	for _, tag := range lang.Supported() {
		terms := csl.LocatorTerms(tag)
		if terms == nil {
			t.Errorf("%s: no embedded CSL locale to read locator terms from", tag)
			continue
		}
		n := 0
		for form, name := range terms {
			if name != "page" {
				continue
			}
			n++
			if got := citesyntax.LocatorOf(", "+form+" 12", tag); got.Label != "page" || got.Value != "12" {
				t.Errorf("%s: %q read as %+v", tag, form+" 12", got)
			}
		}
		if n < 2 {
			t.Errorf("%s: %d forms of the page term", tag, n)
		}
	}
}

// citeDump converts src and shows its blocks, notes and warnings on
// one line each.
func citeDump(conv *Converter, lang, src string) string {
	var log diag.Log
	res, err := conv.Convert(Input{Path: "p.md", Body: []byte(src), Lang: lang}, func(ImageRef) (*model.Image, error) { return nil, nil }, &log)
	if err != nil {
		return "error: " + err.Error()
	}
	out := model.DumpBlocks(res.Blocks, false)
	for _, n := range res.Notes {
		out += "note " + strings.TrimSpace(model.DumpBlocks(n.Blocks, false)) + "\n"
	}
	for _, w := range log.Warnings() {
		out += "warning " + w.String() + "\n"
	}
	return strings.TrimSpace(out)
}

// FuzzCitation feeds arbitrary text to the citation readers: they must
// not panic, must read no more than they are given, and a key read must
// be one a later reading finds again.
func FuzzCitation(f *testing.F) {
	for _, c := range citeCases {
		f.Add(c.src)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if _, n, _ := citesyntax.Bracketed(s); n > len(s) {
			t.Fatalf("bracketCite(%q) read %d bytes", s, n)
		}
		if c, n := citesyntax.AuthorInText(s, ' '); n > len(s) {
			t.Fatalf("textCite(%q) read %d bytes", s, n)
		} else if n > 0 && c.Items[0].Key == "" {
			t.Fatalf("textCite(%q): empty key", s)
		}
		for _, tag := range []string{"en", "de", "fr", "nl"} {
			loc := citesyntax.LocatorOf(s, tag)
			if loc.Value != "" && loc.Label == "" {
				t.Fatalf("locatorOf(%q): a locator without a label", s)
			}
		}
		_ = parseScholarArgs(s)
	})
}
