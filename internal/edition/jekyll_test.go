package edition

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/model"
)

// TestMultilingualCourseSite builds the site of issue 19 that did not
// build: a multilingual course whose units have no dates, published at
// /a/unit/<name>.<lang>/ by a permalink its defaults give, with images
// written relative to that URL, figure includes inside HTML table cells
// and a plugin's figure block. Everything reaches the edition: the
// figures with their captions, and the unit in the language it declares.
func TestMultilingualCourseSite(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"_config.yml":           "title: Course\ndefaults:\n  - scope: {path: a/units}\n    values: {permalink: \"/a/unit/:basename/\", lang: de}\n",
		"_includes/figure.html": `<figure><img src="{{ site.baseurl }}/assets/images/{{ include.file }}" alt="{{ include.alt }}"><figcaption>{{ include.caption }}</figcaption></figure>`,
		"assets/images/x.png":   png1,
		"assets/images/map.png": png1,
		"assets/images/a.png":   png1,
		"a/units/name.de.md": "---\ntitle: Bewegte Bilder\n---\n" +
			"Das Zoopraxiskop [zeigte](https://de.wikipedia.org/wiki/Zoopraxiskop){:target=\"_blank\"} bewegte Bilder.\n\n" +
			"![Eine Scheibe](../../../assets/images/x.png)\n*Abb. 1: Eine Scheibe des Zoopraxiskops.*\n\n" +
			"<table><tr><td>{% include figure.html file=\"map.png\" alt=\"Karte\" caption=\"Abb. 2: Die Karte.\" %}</td></tr></table>\n\n" +
			"{% figure caption:\"Abb. 3: Ein Pferd im Galopp.\" %}\n![](/assets/images/a.png)\n{% endfigure %}\n",
	})
	var alog diag.Log
	out, err := manifest.Assemble(dir, dir, manifest.AssembleOptions{}, &alog)
	if err != nil {
		t.Fatalf("assemble: %v", err)
	}
	m, err := manifest.Parse(filepath.Join(dir, "edition.yaml"), out)
	if err != nil {
		t.Fatal(err)
	}
	var log diag.Log
	ed, err := Build(m, &log, Options{})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	a := ed.Sections[0].Articles[0]
	if a.Language != "de" {
		t.Errorf("language %q, want de", a.Language)
	}
	var captions, text []string
	model.WalkBlocks(a.Blocks, func(b model.Block) {
		switch x := b.(type) {
		case *model.Figure:
			captions = append(captions, model.PlainText(x.Caption))
		case *model.Paragraph:
			text = append(text, model.PlainText(x.Inlines))
		}
	})
	want := []string{"Abb. 1: Eine Scheibe des Zoopraxiskops.", "Abb. 2: Die Karte.", "Abb. 3: Ein Pferd im Galopp."}
	if strings.Join(captions, "|") != strings.Join(want, "|") {
		t.Errorf("captions %q, want %q", captions, want)
	}
	if got := strings.Join(text, "\n"); got != "Das Zoopraxiskop zeigte bewegte Bilder." {
		t.Errorf("text %q", got)
	}
	for _, w := range log.Warnings() {
		if strings.Contains(w.Msg, "not found") || strings.Contains(w.Msg, "attribute list") {
			t.Errorf("unexpected warning %s", w)
		}
	}
}
