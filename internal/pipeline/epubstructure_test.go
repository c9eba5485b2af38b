package pipeline_test

// The EPUB read back with archive/zip and encoding/xml: notes,
// bibliographies and the package's identity, against the model.

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/pipeline"
)

// TestEPUBStructure reads the EPUB back with archive/zip and encoding/xml
// and compares it with the document model.
func TestEPUBStructure(t *testing.T) {
	t.Parallel()
	t.Run("default", func(t *testing.T) {
		t.Parallel()
		res := runBuild(t, defaultManifest(t), t.TempDir(), testEpoch)
		checkStructure(t, res)
	})
	t.Run("corpus", func(t *testing.T) {
		t.Parallel()
		res := runBuild(t, corpusManifest(t), t.TempDir(), testEpoch)
		n := checkStructure(t, res)
		if n.bibliographies == 0 {
			t.Errorf("the corpus edition has no bibliography: the check proved nothing")
		}
	})
}

type structureCounts struct{ noterefs, bibliographies int }

func checkStructure(t *testing.T, res *pipeline.Result) structureCounts {
	t.Helper()
	file := epubOf(t, res)
	files := readEPUB(t, file)

	// OCF: the mimetype entry comes first, stored, with nothing else in
	// its local header, so the file type can be sniffed at a fixed offset.
	first := files[0].hdr
	if first.Name != "mimetype" {
		t.Errorf("first entry %q, want mimetype", first.Name)
	}
	if first.Method != 0 {
		t.Errorf("mimetype compressed with method %d, want 0 (stored)", first.Method)
	}
	if len(first.Extra) != 0 {
		t.Errorf("mimetype entry has a %d-byte extra field", len(first.Extra))
	}
	if got := string(files[0].data); got != "application/epub+zip" {
		t.Errorf("mimetype content %q", got)
	}
	for _, f := range files {
		if !f.hdr.Modified.Equal(testEpoch) {
			t.Errorf("%s: zip time %v, want the epoch %v", f.hdr.Name, f.hdr.Modified, testEpoch)
		}
	}

	docs := map[string]*node{}
	for _, f := range files {
		if !strings.HasSuffix(f.hdr.Name, ".xhtml") {
			continue
		}
		n, err := parseXML(f.data)
		if err != nil {
			t.Errorf("%s does not parse as XML: %v", f.hdr.Name, err)
			continue
		}
		docs[f.hdr.Name] = n
	}

	nav := docs["EPUB/nav.xhtml"]
	if nav == nil {
		t.Fatalf("no EPUB/nav.xhtml")
	}
	tocs := nav.all(func(n *node) bool {
		return n.name.Local == "nav" && n.attr("", "role") == "doc-toc" && n.epubType("toc")
	})
	if len(tocs) != 1 {
		t.Errorf("nav.xhtml has %d <nav epub:type=toc role=doc-toc>, want 1", len(tocs))
	}

	var counts structureCounts
	for _, s := range res.Edition.Sections {
		for _, a := range s.Articles {
			name := "EPUB/xhtml/" + a.ID + ".xhtml"
			root := docs[name]
			if root == nil {
				t.Errorf("%s: no %s", a.Source, name)
				continue
			}
			counts.noterefs += checkNotes(t, name, root, a)
			if checkBibliography(t, name, root, a) {
				counts.bibliographies++
			}
		}
	}
	if counts.noterefs == 0 {
		t.Errorf("no noterefs in the whole edition: the note checks proved nothing")
	}
	return counts
}

// checkNotes checks that every noteref links to a footnote aside in the
// same document, and shows the number the model gave the note; that the
// aside holds the note alone (a reading system pops it up), its number
// and a link back to the reference standing beside it, in its list item.
// It returns the number of noterefs.
func checkNotes(t *testing.T, name string, root *node, a *model.Article) int {
	t.Helper()
	byID := map[string]*node{}
	for _, n := range root.all(func(n *node) bool { return n.attr("", "id") != "" }) {
		id := n.attr("", "id")
		if byID[id] != nil {
			t.Errorf("%s: duplicate id %q", name, id)
		}
		byID[id] = n
	}
	// the list item around each aside
	item := map[*node]*node{}
	for _, li := range root.all(named("li")) {
		for _, c := range li.children {
			item[c] = li
		}
	}
	inModel := map[string]*model.NoteRef{}
	model.WalkArticle(a, func(in model.Inline) {
		if r, ok := in.(*model.NoteRef); ok {
			inModel[r.RefID()] = r
		}
	})
	refs := root.all(func(n *node) bool { return n.name.Local == "a" && n.epubType("noteref") })
	if len(refs) != len(inModel) {
		t.Errorf("%s: %d noterefs, the model has %d", name, len(refs), len(inModel))
	}
	for _, ref := range refs {
		id, href, shown := ref.attr("", "id"), ref.attr("", "href"), strings.TrimSpace(ref.text.String())
		target, ok := strings.CutPrefix(href, "#")
		aside := byID[target]
		if !ok || aside == nil || aside.name.Local != "aside" || !aside.epubType("footnote") || item[aside] == nil {
			t.Errorf("%s: noteref %q → %q is not an <aside epub:type=footnote> in a list item of the same file", name, id, href)
			continue
		}
		li := item[aside]
		back := li.all(func(n *node) bool { return n.name.Local == "a" && n.attr("", "href") == "#"+id })
		if id == "" || len(back) == 0 {
			t.Errorf("%s: footnote %q has no back-link to noteref %q", name, target, id)
		}
		if links := aside.all(func(n *node) bool { return n.attr("", "role") == "doc-backlink" }); len(links) > 0 {
			t.Errorf("%s: footnote #%s holds a link back: a pop-up would show it", name, target)
		}
		r := inModel[id]
		if r == nil {
			t.Errorf("%s: noteref %q is not in the model", name, id)
			continue
		}
		if want := strconv.Itoa(r.Note.Number); shown != want || target != r.Note.ID {
			t.Errorf("%s: noteref %q shows %q → #%s; the model has note %s (#%s)", name, id, shown, target, want, r.Note.ID)
		}
		// The note's item starts with the same number, the note itself
		// with its text.
		num := strconv.Itoa(r.Note.Number) + "."
		if got := strings.TrimSpace(li.text.String()); !strings.HasPrefix(got, num) {
			t.Errorf("%s: footnote #%s starts %.20q, want number %d", name, target, got, r.Note.Number)
		}
		if got := strings.TrimSpace(aside.text.String()); strings.HasPrefix(got, num) && !strings.HasPrefix(model.PlainText(firstInlines(r.Note)), num) {
			t.Errorf("%s: footnote #%s starts with its number %q inside the pop-up", name, target, num)
		}
	}
	return len(refs)
}

// firstInlines are the inlines of a note's first paragraph, if any.
func firstInlines(n *model.Note) []model.Inline {
	if len(n.Blocks) > 0 {
		if p, ok := n.Blocks[0].(*model.Paragraph); ok {
			return p.Inlines
		}
	}
	return nil
}

// checkBibliography compares the bibliography section with the model's
// entries; it reports whether the article has one.
func checkBibliography(t *testing.T, name string, root *node, a *model.Article) bool {
	t.Helper()
	secs := root.all(func(n *node) bool { return n.name.Local == "section" && n.epubType("bibliography") })
	if a.Bibliography == nil {
		if len(secs) != 0 {
			t.Errorf("%s: bibliography section but none in the model", name)
		}
		return false
	}
	if len(secs) != 1 {
		t.Errorf("%s: %d bibliography sections, want 1", name, len(secs))
		return true
	}
	var items []*node
	for _, list := range secs[0].children {
		if list.name.Local == "ul" || list.name.Local == "ol" {
			for _, li := range list.children {
				if li.name.Local == "li" {
					items = append(items, li)
				}
			}
		}
	}
	if len(items) != len(a.Bibliography.Entries) {
		t.Errorf("%s: %d bibliography items, the model has %d entries", name, len(items), len(a.Bibliography.Entries))
		return true
	}
	for i, e := range a.Bibliography.Entries {
		got, want := strings.Join(words(items[i].text.String()), " "), strings.Join(words(model.PlainText(e.Inlines)), " ")
		if items[i].attr("", "id") != e.ID || got != want {
			t.Errorf("%s: bibliography item %d is #%s %q, want #%s %q", name, i+1, items[i].attr("", "id"), got, e.ID, want)
		}
	}
	return true
}

// packageMeta reads the unique identifier and dcterms:modified of an EPUB.
func packageMeta(t *testing.T, file string) (id, modified string) {
	t.Helper()
	opf, err := parseXML(entry(readEPUB(t, file), "EPUB/package.opf"))
	if err != nil {
		t.Fatalf("package.opf: %v", err)
	}
	uid := opf.attr("", "unique-identifier")
	for _, n := range opf.all(named("identifier")) {
		if n.attr("", "id") == uid {
			id = strings.TrimSpace(n.text.String())
		}
	}
	for _, n := range opf.all(named("meta")) {
		if n.attr("", "property") == "dcterms:modified" {
			modified = strings.TrimSpace(n.text.String())
		}
	}
	if id == "" || modified == "" {
		t.Fatalf("%s: no unique identifier (%q) or dcterms:modified (%q)", file, id, modified)
	}
	return id, modified
}

// TestEPUBIdentity: dc:identifier names the issue (publication, volume,
// number), not the build; dcterms:modified is the epoch given.
func TestEPUBIdentity(t *testing.T) {
	t.Parallel()
	base := copyPosts(t)
	id1, mod := packageMeta(t, epubOf(t, runBuild(t, base, t.TempDir(), testEpoch)))
	if want := testEpoch.Format("2006-01-02T15:04:05Z"); mod != want {
		t.Errorf("dcterms:modified %s, want the epoch %s", mod, want)
	}
	if !regexp.MustCompile(`^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(id1) {
		t.Errorf("dc:identifier %q is not a name-based (SHA-256, version 8) urn:uuid", id1)
	}
	later := testEpoch.Add(48 * time.Hour)
	id2, mod2 := packageMeta(t, epubOf(t, runBuild(t, base, t.TempDir(), later)))
	if id2 != id1 {
		t.Errorf("dc:identifier changed between builds: %s, %s", id1, id2)
	}
	if want := later.Format("2006-01-02T15:04:05Z"); mod2 != want {
		t.Errorf("dcterms:modified %s, want the epoch %s", mod2, want)
	}

	for _, c := range []struct {
		name, old, new string
		same           bool
	}{
		{"number", "number: 12", "number: 13", false},
		{"volume", "volume: 3", "volume: 4", false},
		{"publication", "publication: The Red Tide", "publication: The Blue Tide", false},
		{"title", `title: "Permanent Revolution"`, `title: "Another Title"`, true},
		{"date", "date: 2026-11-25", "date: 2026-12-02", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := copyPosts(t)
			editManifest(t, m, c.old, c.new)
			id, _ := packageMeta(t, epubOf(t, runBuild(t, m, t.TempDir(), testEpoch)))
			if (id == id1) != c.same {
				t.Errorf("changing the %s: dc:identifier %s, was %s; want same=%v", c.name, id, id1, c.same)
			}
		})
	}
}
