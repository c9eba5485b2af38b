package pipeline_test

// End-to-end checks: build real editions and read the outputs back with
// independent tools (epubcheck, DAISY Ace, poppler, qpdf) and parsers
// (archive/zip, encoding/xml, goldmark's own HTML renderer).

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	xhtml "golang.org/x/net/html"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/pipeline"
	"github.com/redtide/edition/internal/testenv"
)

// checkEPUB runs epubcheck on path and fails on any fatal, error or
// warning (infos are allowed).
func checkEPUB(t *testing.T, path string) {
	t.Helper()
	argv := testenv.Tool(t, "epubcheck")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	start := time.Now()
	out, err := exec.CommandContext(ctx, argv[0], append(argv[1:], path)...).CombinedOutput()
	t.Logf("epubcheck took %s", time.Since(start).Round(time.Millisecond))
	m := messagesRe.FindSubmatch(out)
	if m == nil {
		t.Fatalf("epubcheck printed no Messages line (exit: %v):\n%s", err, out)
	}
	if string(m[1]) != "0" || string(m[2]) != "0" || string(m[3]) != "0" || err != nil {
		t.Errorf("epubcheck %s: %s (exit: %v)\n%s", filepath.Base(path), m[0], err, out)
	}
}

func TestDefaultEditionEPUBCheck(t *testing.T) {
	t.Parallel()
	res := runBuild(t, defaultManifest(t), t.TempDir(), testEpoch)
	checkEPUB(t, epubOf(t, res))
}

func TestCorpusEPUBCheck(t *testing.T) {
	t.Parallel()
	res := runBuild(t, corpusManifest(t), t.TempDir(), testEpoch)
	checkEPUB(t, epubOf(t, res))
}

// aceReport is the part of Ace's report.json the test reads.
type aceReport struct {
	Result struct {
		Outcome string `json:"earl:outcome"`
	} `json:"earl:result"`
	Assertions []struct {
		Subject struct {
			URL string `json:"url"`
		} `json:"earl:testSubject"`
		Assertions []struct {
			Test struct {
				Impact string `json:"earl:impact"`
				Title  string `json:"dct:title"`
			} `json:"earl:test"`
			Result struct {
				Outcome     string `json:"earl:outcome"`
				Description string `json:"dct:description"`
				Pointer     struct {
					CSS []string `json:"css"`
				} `json:"earl:pointer"`
			} `json:"earl:result"`
		} `json:"assertions"`
	} `json:"assertions"`
	Metadata struct {
		Present []string `json:"present"`
	} `json:"a11y-metadata"`
}

// a11yProperties are the schema.org accessibility properties every
// edition's package document must declare (EPUB Accessibility 1.1 §2).
var a11yProperties = []string{"schema:accessMode", "schema:accessibilityFeature",
	"schema:accessibilityHazard", "schema:accessibilitySummary", "schema:accessModeSufficient"}

func TestDefaultEditionAce(t *testing.T) {
	t.Parallel()
	argv := testenv.Tool(t, "ace")
	res := runBuild(t, defaultManifest(t), t.TempDir(), testEpoch)
	checkAce(t, argv, epubOf(t, res))
}

// TestSharedEditionsAce runs Ace on the corpus and the lessons, each
// built as one edition. Ace takes minutes on them (about 3 and 11 on two
// cores), so the test runs only when EDITION_ACE_SHARED=1.
func TestSharedEditionsAce(t *testing.T) {
	if os.Getenv("EDITION_ACE_SHARED") != "1" {
		t.Skip("set EDITION_ACE_SHARED=1 to run Ace on the corpus and the lessons")
	}
	argv := testenv.Tool(t, "ace")
	for _, e := range sharedEditions {
		t.Run(e.name, func(t *testing.T) {
			dir := copyTree(t, testenv.Shared(t, e.rel))
			data, err := manifest.Assemble(dir, dir, manifest.AssembleOptions{Publication: e.name, Number: 1}, &diag.Log{})
			if err != nil {
				t.Fatalf("assembling %s: %v", e.rel, err)
			}
			man := filepath.Join(dir, "edition.yaml")
			if err := os.WriteFile(man, data, 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := pipeline.Run(pipeline.Options{Manifest: man, OutDir: t.TempDir(), Epoch: &testEpoch})
			if err != nil {
				t.Fatal(err)
			}
			checkAce(t, argv, epubOf(t, res))
		})
	}
}

// checkAce runs DAISY Ace on an EPUB: no violation of any impact, and
// the accessibility metadata present.
func checkAce(t *testing.T, argv []string, file string) {
	t.Helper()
	// Metadata straight from the package document, before Ace's opinion.
	opf, err := parseXML(entry(readEPUB(t, file), "EPUB/package.opf"))
	if err != nil {
		t.Fatalf("package.opf: %v", err)
	}
	props := map[string][]string{}
	for _, m := range opf.all(named("meta")) {
		if p := m.attr("", "property"); p != "" {
			props[p] = append(props[p], strings.TrimSpace(m.text.String()))
		}
	}
	for _, p := range a11yProperties {
		if len(props[p]) == 0 || props[p][0] == "" {
			t.Errorf("package.opf has no %s", p)
		}
	}

	reportDir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], append(argv[1:], "-f", "-o", reportDir, file)...)
	cmd.Env = append(os.Environ(), "PUPPETEER_EXECUTABLE_PATH="+testenv.Chromium())
	start := time.Now()
	out, err := cmd.CombinedOutput()
	t.Logf("ace took %s", time.Since(start).Round(time.Millisecond))
	if err != nil {
		t.Fatalf("ace: %v\n%s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(reportDir, "report.json"))
	if err != nil {
		t.Fatalf("ace wrote no report: %v\n%s", err, out)
	}
	var rep aceReport
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatalf("report.json: %v", err)
	}
	if rep.Result.Outcome != "pass" {
		t.Errorf("ace outcome %q, want pass", rep.Result.Outcome)
	}
	if len(rep.Assertions) == 0 {
		t.Errorf("ace checked no documents")
	}
	for _, d := range rep.Assertions {
		for _, v := range d.Assertions {
			t.Errorf("ace: %s: [%s] %s: %s %v", d.Subject.URL, v.Test.Impact, v.Test.Title,
				v.Result.Description, v.Result.Pointer.CSS)
		}
	}
	for _, p := range a11yProperties {
		if !strings.Contains(" "+strings.Join(rep.Metadata.Present, " ")+" ", " "+p+" ") {
			t.Errorf("ace does not see %s in the package metadata (present: %v)", p, rep.Metadata.Present)
		}
	}
}

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
	if !regexp.MustCompile(`^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(id1) {
		t.Errorf("dc:identifier %q is not a name-based (version 5 layout) urn:uuid", id1)
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

// TestReproducible builds twice with the same epoch and compares bytes,
// then once with another SOURCE_DATE_EPOCH and checks that only the
// modification date changes.
func TestReproducible(t *testing.T) {
	t.Parallel()
	m := defaultManifest(t)
	a := runBuild(t, m, t.TempDir(), testEpoch)
	// Several builds, not two: output in map order differs only now and
	// then (two builds of fpdf's equal-width images agree half the time).
	for range 3 {
		b := runBuild(t, m, t.TempDir(), testEpoch)
		if len(a.Outputs) != len(b.Outputs) || len(a.Outputs) == 0 {
			t.Fatalf("outputs %v and %v", a.Outputs, b.Outputs)
		}
		for i := range a.Outputs {
			x, y := readFile(t, a.Outputs[i]), readFile(t, b.Outputs[i])
			if filepath.Base(a.Outputs[i]) != filepath.Base(b.Outputs[i]) || !bytes.Equal(x, y) {
				t.Errorf("%s and %s differ", a.Outputs[i], b.Outputs[i])
			}
		}
	}

	epoch, err := pipeline.Epoch(func(k string) string {
		if k == "SOURCE_DATE_EPOCH" {
			return "1700000000"
		}
		return ""
	})
	if err != nil || epoch == nil {
		t.Fatalf("pipeline.Epoch: %v, %v", epoch, err)
	}
	c := runBuild(t, m, t.TempDir(), *epoch)
	fa, fc := readEPUB(t, epubOf(t, a)), readEPUB(t, epubOf(t, c))
	if len(fa) != len(fc) {
		t.Fatalf("%d entries with one epoch, %d with another", len(fa), len(fc))
	}
	stamp := regexp.MustCompile(`(<meta property="dcterms:modified">)[^<]*(</meta>)`)
	for i := range fa {
		x, y := fa[i], fc[i]
		if !y.hdr.Modified.Equal(*epoch) {
			t.Errorf("%s: zip time %v, want %v", y.hdr.Name, y.hdr.Modified, *epoch)
		}
		xd, yd := x.data, y.data
		if x.hdr.Name == "EPUB/package.opf" {
			if bytes.Equal(xd, yd) {
				t.Errorf("package.opf is the same for two epochs")
			}
			xd, yd = stamp.ReplaceAll(xd, []byte("$1$2")), stamp.ReplaceAll(yd, []byte("$1$2"))
		}
		if x.hdr.Name != y.hdr.Name || !bytes.Equal(xd, yd) {
			t.Errorf("entry %d: %s and %s differ beyond the modified date", i, x.hdr.Name, y.hdr.Name)
		}
	}

	if pa, pc := output(a, ".pdf"), output(c, ".pdf"); pa != "" && pc != "" {
		// PDF dates (D:YYYYMMDDHHmmSS…) and a trailer /ID hashed from them
		// may differ; nothing else may.
		date := regexp.MustCompile(`D:\d{4,14}(?:Z|[+-]\d{2}'?\d{2}'?)?`)
		id := regexp.MustCompile(`/ID\s*\[\s*<[0-9A-Fa-f]*>\s*<[0-9A-Fa-f]*>\s*\]`)
		norm := func(b []byte) []byte { return id.ReplaceAll(date.ReplaceAll(b, []byte("D:")), []byte("/ID[]")) }
		if !bytes.Equal(norm(readFile(t, pa)), norm(readFile(t, pc))) {
			t.Errorf("%s and %s differ beyond their dates", pa, pc)
		}
	}
}

func readFile(t testing.TB, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestAtomicFailure: a failed build leaves the previous edition untouched
// and no temporary files behind.
func TestAtomicFailure(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	res := runBuild(t, defaultManifest(t), out, testEpoch)
	before := snapshot(t, out)
	if len(before) != len(res.Outputs) {
		t.Fatalf("output folder holds %v, the build reported %v", sortedKeys(keys(before)), res.Outputs)
	}

	m := copyPosts(t)
	bad := filepath.Join(filepath.Dir(m), "2026-11-19-permanent-revolution-reconsidered.md")
	src := readFile(t, bad)
	// Unclosed front matter: drop the closing --- line.
	fixed := regexp.MustCompile(`(?m)\A(---\n(?:.*\n)*?)---\n`).ReplaceAll(src, []byte("$1"))
	if bytes.Equal(fixed, src) {
		t.Fatalf("could not break %s", bad)
	}
	if err := os.WriteFile(bad, fixed, 0o644); err != nil {
		t.Fatal(err)
	}
	epoch := testEpoch.Add(time.Hour) // a successful build would change the bytes
	_, err := pipeline.Run(pipeline.Options{Manifest: m, OutDir: out, Epoch: &epoch})
	if err == nil {
		t.Fatalf("building with a malformed post succeeded")
	}
	if !strings.Contains(err.Error(), "2026-11-19-permanent-revolution-reconsidered.md") {
		t.Errorf("error does not name the broken post: %v", err)
	}
	after := snapshot(t, out)
	for name, data := range before {
		if !bytes.Equal(after[name], data) {
			t.Errorf("%s changed by a failed build", name)
		}
	}
	for name := range after {
		if _, ok := before[name]; !ok {
			t.Errorf("failed build left %s behind", name)
		}
		if matched, _ := filepath.Match(".*.tmp", name); matched {
			t.Errorf("temporary file %s left behind", name)
		}
	}
}

func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range ents {
		out[e.Name()] = readFile(t, filepath.Join(dir, e.Name()))
	}
	return out
}

func keys[V any](m map[string]V) map[string]bool {
	out := map[string]bool{}
	for k := range m {
		out[k] = true
	}
	return out
}

// TestDefaultEditionPDF checks the print PDF with poppler and qpdf once
// the print engine writes one.
func TestDefaultEditionPDF(t *testing.T) {
	t.Parallel()
	res := runBuild(t, defaultManifest(t), t.TempDir(), testEpoch)
	file := pdfOf(t, res)

	t.Run("fonts embedded", func(t *testing.T) {
		argv := testenv.Tool(t, "pdffonts")
		out, err := exec.Command(argv[0], file).CombinedOutput()
		if err != nil {
			t.Fatalf("pdffonts: %v\n%s", err, out)
		}
		fonts := parsePDFFonts(t, string(out))
		if len(fonts) == 0 {
			t.Errorf("pdffonts lists no fonts:\n%s", out)
		}
		for _, f := range fonts {
			if f.emb != "yes" {
				t.Errorf("font %s (%s) not embedded", f.name, f.typ)
			}
		}
	})
	t.Run("qpdf check", func(t *testing.T) {
		argv := testenv.Tool(t, "qpdf")
		out, err := exec.Command(argv[0], "--check", file).CombinedOutput()
		if err != nil || !bytes.Contains(out, []byte("No syntax or stream encoding errors found")) ||
			bytes.Contains(out, []byte("WARNING")) {
			t.Errorf("qpdf --check: %v\n%s", err, out)
		}
	})
}

type pdfFont struct{ name, typ, emb string }

// parsePDFFonts reads pdffonts' table; its columns are fixed by the
// dashed rule under the header.
func parsePDFFonts(t *testing.T, out string) []pdfFont {
	t.Helper()
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[1], "---") {
		t.Fatalf("unexpected pdffonts output:\n%s", out)
	}
	header, rule := lines[0], lines[1]
	var cols [][2]int
	for i := 0; i < len(rule); {
		j := i
		for j < len(rule) && rule[j] == '-' {
			j++
		}
		cols = append(cols, [2]int{i, j})
		for j < len(rule) && rule[j] == ' ' {
			j++
		}
		i = j
	}
	cell := func(l string, c [2]int) string {
		if c[0] >= len(l) {
			return ""
		}
		return strings.TrimSpace(l[c[0]:min(c[1], len(l))])
	}
	idx := map[string]int{}
	for i, c := range cols {
		idx[cell(header, c)] = i
	}
	for _, k := range []string{"name", "type", "emb"} {
		if _, ok := idx[k]; !ok {
			t.Fatalf("pdffonts header has no %q column:\n%s", k, out)
		}
	}
	var fonts []pdfFont
	for _, l := range lines[2:] {
		fonts = append(fonts, pdfFont{cell(l, cols[idx["name"]]), cell(l, cols[idx["type"]]), cell(l, cols[idx["emb"]])})
	}
	return fonts
}

// pdfWords is the word set of a PDF's text. A word broken at a line end
// counts both whole and as its two parts, since the text cannot tell a
// discretionary hyphen from a hard one.
func pdfWords(t *testing.T, file string) map[string]bool {
	t.Helper()
	argv := testenv.Tool(t, "pdftotext")
	// -raw: content-stream order, and no joining of hyphenated line ends,
	// which would glue "masterfully-|modeled" into one word.
	out, err := exec.Command(argv[0], "-raw", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := ligatures.Replace(string(out))
	set := wordSet(text)
	// A word broken at a line end, with a hyphen or (in code, wrapped at
	// any character) without, also counts whole.
	lines := strings.Split(text, "\n")
	for i := 0; i+1 < len(lines); i++ {
		end := lineEnd.FindString(lines[i])
		start := lineStart.FindString(lines[i+1])
		if end != "" && start != "" {
			for _, w := range words(strings.TrimRight(end, "-\u2010\u00ad") + start) {
				set[w] = true
			}
		}
	}
	// A note number set as a superscript straight after a word reads as
	// part of it: "war1".
	for w := range set {
		if m := trailingNoteNumber.FindStringSubmatch(w); m != nil {
			set[m[1]] = true
		}
	}
	return set
}

var (
	ligatures          = strings.NewReplacer("ﬀ", "ff", "ﬁ", "fi", "ﬂ", "fl", "ﬃ", "ffi", "ﬄ", "ffl", "ﬅ", "st", "ﬆ", "st")
	trailingNoteNumber = regexp.MustCompile(`^(.*\pL)\d{1,3}$`)
	lineEnd            = regexp.MustCompile(`[\pL\pN\pM]+[-\x{2010}\x{00ad}]?\s*$`)
	lineStart          = regexp.MustCompile(`^\s*[\pL\pN\pM]+`)
)

func Example_words() {
	fmt.Println(words("Don’t — “Revolution”: 1919-20…"))
	// Output: [don t revolution 1919 20]
}

// TestNoMarkupLeaks looks for Markdown syntax shown as text in the EPUB
// (more often than goldmark's own rendering of the post shows it, e.g. in
// code): a sign that some source was copied instead of converted.
// bothEditions are the editions the whole-build checks run on: the
// default one and, when ../shared/corpus is there, the corpus.
var bothEditions = []struct {
	name     string
	manifest func(testing.TB) string
}{
	{"default", defaultManifest},
	{"corpus", corpusManifest},
}

func TestNoMarkupLeaks(t *testing.T) {
	t.Parallel()
	for _, c := range bothEditions {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			m := c.manifest(t)
			res := runBuild(t, m, t.TempDir(), testEpoch)
			files := readEPUB(t, epubOf(t, res))
			for a, post := range articleFiles(t, m, res) {
				got, err := xhtmlText(entry(files, "EPUB/xhtml/"+a.ID+".xhtml"))
				if err != nil {
					t.Fatal(err)
				}
				want := expectedText(t, post)
				for _, syn := range []string{"](", `\[`, `\]`, `\*`, `\_`, "[^", "**", "![", "{%", "{{", "{:"} {
					if n, w := strings.Count(got, syn), strings.Count(want, syn); n > w {
						i := strings.Index(got, syn)
						t.Errorf("%s: %q shown %d times (goldmark: %d), first in %q", post, syn, n, w,
							got[max(0, i-60):min(len(got), i+60)])
					}
				}
			}
		})
	}
}

// expectedWords derives the words a reader must find of a post,
// independently of our converter: goldmark's own HTML renderer (GFM and
// footnotes, raw HTML kept), after stripping the front matter and the
// Liquid and kramdown syntax that is markup, not text.
func expectedWords(t *testing.T, file string) map[string]bool {
	t.Helper()
	return wordSet(expectedText(t, file))
}

// expectedText is the text of a post as goldmark renders it; see
// expectedWords.
func expectedText(t *testing.T, file string) string {
	t.Helper()
	src := strings.ReplaceAll(string(readFile(t, file)), "\r\n", "\n")
	src = strings.TrimPrefix(src, "\uFEFF")
	src = stripFrontMatter(src)
	src = stripTemplating(src)
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote),
		goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
	var out bytes.Buffer
	if err := md.Convert([]byte(src), &out); err != nil {
		t.Fatalf("goldmark: %s: %v", file, err)
	}
	return htmlText(out.String())
}

// stripFrontMatter removes a leading YAML block between --- and --- (or
// ...) lines.
func stripFrontMatter(src string) string {
	lines := strings.SplitAfter(src, "\n")
	if len(lines) == 0 {
		return src
	}
	fence := strings.TrimRight(lines[0], " \t\n")
	if fence != "---" && fence != "+++" { // YAML, or Hugo's TOML
		return src
	}
	for i := 1; i < len(lines); i++ {
		if l := strings.TrimRight(lines[i], " \t\n"); l == fence || fence == "---" && l == "..." {
			return strings.Join(lines[i+1:], "")
		}
	}
	return src
}

var (
	liquidRaw     = regexp.MustCompile(`(?s)\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}`)
	liquidComment = regexp.MustCompile(`(?s)\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}`)
	liquidHL      = regexp.MustCompile(`\{%-?\s*(end)?highlight\b[^%]*%\}`)
	liquidInclude = regexp.MustCompile(`(?s)\{%-?\s*include\s(.*?)-?%\}`)
	// An include that lost its opening brace is mended, as the converter
	// does (with a warning), rather than printed.
	bracelessInclude = regexp.MustCompile(`(?m)^%\s*include\s(?:[^%]|%[^}])*%\}`)
	includeAttr      = regexp.MustCompile(`([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')`)
	liquidTagRe      = regexp.MustCompile(`(?s)\{%.*?%\}`)
	liquidOut        = regexp.MustCompile(`(?s)\{\{.*?\}\}`)
	hugoShortcode    = regexp.MustCompile(`(?s)\{\{[<%]\s*[\w-]+\s(.*?)[>%]\}\}`)
	shortcodeArg     = regexp.MustCompile(`\b(caption|footer)\s*=\s*"((?:[^"\\]|\\.)*)"`)
	kramdownAttr     = regexp.MustCompile(`\{:[^}\n]*\}`)
	kramdownTOC      = regexp.MustCompile(`(?m)^(?:[ \t]*(?:[*+-]|\d+\.)[ \t].*\n)+[ \t]*\{:\s*toc\s*\}`)
	kramdownExt      = regexp.MustCompile(`\{::\w+[^}\n]*/?\}`)
)

// stripTemplating removes Liquid tags and outputs and kramdown attribute
// lists as Jekyll would: a Liquid comment is dropped whole, {% highlight %}
// becomes a code fence, {% raw %} text is kept as written.
func stripTemplating(src string) string {
	// {% raw %} text is shown as written: set it aside first.
	var raws []string
	src = liquidRaw.ReplaceAllStringFunc(src, func(m string) string {
		raws = append(raws, liquidRaw.FindStringSubmatch(m)[1])
		return "\x00raw" + strconv.Itoa(len(raws)-1) + "\x00"
	})
	src = stripMarkup(src)
	for i, r := range raws {
		src = strings.Replace(src, "\x00raw"+strconv.Itoa(i)+"\x00", r, 1)
	}
	return src
}

func stripMarkup(src string) string {
	// kramdown replaces the list {:toc} follows by the site's table of
	// contents: its items are placeholders ("* TOC"), not text.
	src = kramdownTOC.ReplaceAllString(src, "")
	src = liquidComment.ReplaceAllString(src, "")
	src = liquidHL.ReplaceAllString(src, "\n```\n")
	src = bracelessInclude.ReplaceAllStringFunc(src, func(m string) string { return "{" + m })
	src = liquidInclude.ReplaceAllStringFunc(src, includeText)
	src = liquidTagRe.ReplaceAllString(src, "")
	src = hugoShortcode.ReplaceAllStringFunc(src, shortcodeText)
	src = liquidOut.ReplaceAllString(src, "")
	src = kramdownExt.ReplaceAllString(src, "")
	return kramdownAttr.ReplaceAllString(src, "")
}

// htmlText is the text of an HTML fragment, without the content of
// script, style and iframe elements, comments, or goldmark's footnote
// reference numbers (its numbering is not ours; the EPUB's note numbers
// are checked against the model in TestEPUBStructure). Block elements
// separate words, inline ones do not.
func htmlText(s string) string {
	z := xhtml.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	type open struct {
		name       string
		sep, quiet bool
	}
	var stack []open
	quiet := func() bool {
		for _, o := range stack {
			if o.quiet {
				return true
			}
		}
		return false
	}
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			return b.String()
		case xhtml.TextToken:
			if !quiet() {
				b.Write(z.Text())
			}
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			tok := z.Token()
			o := open{name: tok.Data, sep: !inlineElements[tok.Data], quiet: skipped[tok.Data]}
			for _, a := range tok.Attr {
				if a.Key == "class" && (a.Val == "footnote-ref" || a.Val == "footnote-backref") {
					o.sep, o.quiet = true, true
				}
			}
			if o.sep {
				b.WriteByte(' ')
			}
			if tt == xhtml.StartTagToken && !voidElements[tok.Data] {
				stack = append(stack, o)
			}
		case xhtml.EndTagToken:
			name, _ := z.TagName()
			// Pop to the matching element: raw HTML in posts is not
			// always well nested.
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i].name == string(name) {
					if stack[i].sep {
						b.WriteByte(' ')
					}
					stack = stack[:i]
					break
				}
			}
			if !inlineElements[string(name)] {
				b.WriteByte(' ')
			}
		}
	}
}

var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true,
	"hr": true, "img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}

// includeText is what a reader sees of an {% include %}: the caption of a
// figure or video and the text of an aside (the keys the Jekyll sites'
// _includes print, matched case-sensitively as Liquid does); image URLs,
// classes and sizes are not text.
func includeText(tag string) string {
	var b strings.Builder
	for _, m := range includeAttr.FindAllStringSubmatch(liquidInclude.FindStringSubmatch(tag)[1], -1) {
		switch m[1] {
		case "caption", "text":
			b.WriteString("\n\n" + strings.Join(strings.Fields(m[2]+m[3]), " ") + "\n\n")
		}
	}
	return b.String()
}

var skipped = map[string]bool{"script": true, "style": true, "iframe": true}

// epubArticleText maps each article ID to the words of its XHTML document.
func epubArticleWords(t *testing.T, res *pipeline.Result) map[string]map[string]bool {
	t.Helper()
	files := readEPUB(t, epubOf(t, res))
	out := map[string]map[string]bool{}
	for _, s := range res.Edition.Sections {
		for _, a := range s.Articles {
			text, err := xhtmlText(entry(files, "EPUB/xhtml/"+a.ID+".xhtml"))
			if err != nil {
				t.Fatalf("%s: %v", a.ID, err)
			}
			out[a.ID] = wordSet(text)
		}
	}
	return out
}

// articleFiles pairs each article of the edition with its post file,
// using the manifest the edition came from.
func articleFiles(t *testing.T, manifestPath string, res *pipeline.Result) map[*model.Article]string {
	t.Helper()
	m, err := manifest.Load(manifestPath)
	if err != nil {
		t.Fatal(err)
	}
	var entries []string
	for _, s := range m.Sections {
		for _, e := range s.Posts {
			entries = append(entries, e.Path)
		}
	}
	out := map[*model.Article]string{}
	i := 0
	for _, s := range res.Edition.Sections {
		for _, a := range s.Articles {
			// Articles keep manifest order; unpublished posts are gaps.
			for i < len(entries) && !strings.HasSuffix(filepath.ToSlash(a.Source), "/"+entries[i]) && a.Source != entries[i] {
				i++
			}
			if i == len(entries) {
				t.Fatalf("article %s (%s) matches no manifest entry", a.ID, a.Source)
			}
			out[a] = filepath.Join(m.Root, filepath.FromSlash(entries[i]))
			i++
		}
	}
	return out
}

// missingWords lists, for each post of the edition, the words of the post
// that have does not hold for its article.
func missingWords(t *testing.T, manifestPath string, res *pipeline.Result, have func(a *model.Article) map[string]bool) (missing map[string][]string, checked int) {
	t.Helper()
	files := articleFiles(t, manifestPath, res)
	missing = map[string][]string{}
	for _, s := range res.Edition.Sections {
		for _, a := range s.Articles {
			want := expectedWords(t, files[a])
			for w := range reportedDropped(res, a.Source) {
				delete(want, w)
			}
			if len(want) == 0 {
				t.Errorf("%s: no words expected: the check would prove nothing", files[a])
			}
			checked += len(want)
			got := have(a)
			for _, w := range sortedKeys(want) {
				if !got[w] {
					missing[files[a]] = append(missing[files[a]], w)
				}
			}
		}
	}
	return missing, checked
}

// droppedTitle matches the warning for a heading the build leaves out on
// purpose, naming it: the title of the site's table of contents.
var droppedTitle = regexp.MustCompile(`^heading "(.*)" over the site's table of contents dropped`)

// reportedDropped are the words of the headings of post source the build
// reports it dropped: their words may be missing, since a warning with
// path:line says why.
func reportedDropped(res *pipeline.Result, source string) map[string]bool {
	out := map[string]bool{}
	for _, w := range res.Warnings {
		if m := droppedTitle.FindStringSubmatch(w.Msg); m != nil && w.Path == source {
			for k := range wordSet(m[1]) {
				out[k] = true
			}
		}
	}
	return out
}

// checkComplete fails for every word of a post missing from its article.
func checkComplete(t *testing.T, manifestPath string, res *pipeline.Result, have func(a *model.Article) map[string]bool) {
	t.Helper()
	missing, checked := missingWords(t, manifestPath, res, have)
	for _, f := range sortedKeys(keys(missing)) {
		t.Errorf("%s: %d words missing: %s", f, len(missing[f]), strings.Join(missing[f], " "))
	}
	t.Logf("%d distinct words checked", checked)
}

func TestTextCompleteness(t *testing.T) {
	t.Parallel()
	for _, c := range bothEditions {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			m := c.manifest(t)
			res := runBuild(t, m, t.TempDir(), testEpoch)
			byArticle := epubArticleWords(t, res)
			t.Run("epub", func(t *testing.T) {
				checkComplete(t, m, res, func(a *model.Article) map[string]bool { return byArticle[a.ID] })
			})
			t.Run("pdf", func(t *testing.T) {
				set := pdfWords(t, pdfOf(t, res))
				checkComplete(t, m, res, func(*model.Article) map[string]bool { return set })
			})
		})
	}
}

// TestUnpublishedLeftOut lists a published: false post in a manifest and
// checks that none of its own words reach the EPUB.
func TestUnpublishedLeftOut(t *testing.T) {
	t.Parallel()
	m := copyPosts(t)
	dir := filepath.Dir(m)
	const draft = "2026-11-26-draft-rent-strike-column.md"
	if !regexp.MustCompile(`(?m)^published:\s*false\s*$`).Match(readFile(t, filepath.Join(dir, draft))) {
		t.Fatalf("%s is no longer published: false", draft)
	}
	editManifest(t, m, "posts: [2026-11-15-songs-of-the-picket-line.md]",
		"posts: [2026-11-15-songs-of-the-picket-line.md, "+draft+"]")

	// The draft's own words: those in no other file the edition is made of.
	distinct := expectedWords(t, filepath.Join(dir, draft))
	others, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range others {
		if filepath.Base(f) == draft || !fileExists(f) {
			continue
		}
		for w := range wordSet(string(readFile(t, f))) {
			delete(distinct, w)
		}
	}
	if len(distinct) < 5 {
		t.Fatalf("the draft has only %d distinctive words (%v): pick another probe", len(distinct), sortedKeys(distinct))
	}

	res := runBuild(t, m, t.TempDir(), testEpoch)
	for _, s := range res.Edition.Sections {
		for _, a := range s.Articles {
			if strings.HasSuffix(a.Source, draft) {
				t.Errorf("the draft is in the edition as %s", a.ID)
			}
		}
	}
	warned := false
	for _, w := range res.Warnings {
		warned = warned || strings.HasSuffix(w.Path, draft) && strings.Contains(w.Msg, "published: false")
	}
	if !warned {
		t.Errorf("no warning that %s is left out; warnings: %v", draft, res.Warnings)
	}
	var all strings.Builder
	for _, f := range readEPUB(t, epubOf(t, res)) {
		if ext := filepath.Ext(f.hdr.Name); ext == ".xhtml" || ext == ".opf" || ext == ".ncx" {
			all.Write(f.data)
			all.WriteByte(' ')
		}
	}
	got := wordSet(all.String())
	var leaked []string
	for _, w := range sortedKeys(distinct) {
		if got[w] {
			leaked = append(leaked, w)
		}
	}
	if len(leaked) > 0 {
		t.Errorf("words of the unpublished %s are in the EPUB: %s", draft, strings.Join(leaked, " "))
	}
	t.Logf("%d distinctive draft words checked", len(distinct))
}

// shortcodeText is what a reader of the site sees of a Hugo shortcode's
// arguments: a figure's caption, a quotation's footer, each a paragraph.
func shortcodeText(m string) string {
	var b strings.Builder
	for _, a := range shortcodeArg.FindAllStringSubmatch(m, -1) {
		b.WriteString("\n\n" + strings.ReplaceAll(a[2], `\"`, `"`) + "\n\n")
	}
	return b.String()
}
