package svg

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/layout"
	"github.com/redtide/edition/layout/layouttest"
	"github.com/redtide/edition/layout/mathbox"
)

var update = flag.Bool("update", false, "rewrite golden files")

// handmade is one page with one of everything a page holds.
func handmade() *layout.Document {
	img := &model.Image{Path: "a.png", Name: "img-a.png", MediaType: "image/png", Data: []byte("x")}
	lost := &model.Image{Path: "b.png"}
	bold := layout.Face{Kind: layout.TextFace, Style: fonts.Bold}
	reg := layout.Face{Kind: layout.TextFace}
	return &layout.Document{
		Width: 200 * layout.Pt, Height: 300 * layout.Pt, Bleed: 9 * layout.Pt, CropMarks: true,
		Pages: []*layout.Page{{
			Index: 0,
			Lines: []*layout.TextLine{
				{Kind: layout.KindTitle, Source: "posts/a.md", Runs: []layout.Run{
					{X: 10 * layout.Pt, Y: 30 * layout.Pt, Width: 40 * layout.Pt, Face: layout.Face{Kind: layout.DisplayFace}, Size: 20 * layout.Pt, Text: "Fish"},
					{X: 55 * layout.Pt, Y: 30 * layout.Pt, Width: 40 * layout.Pt, Face: layout.Face{Kind: layout.DisplayFace}, Size: 20 * layout.Pt, Text: "&<Chips>"},
				}},
				{Kind: layout.KindBody, Source: `posts/"b".md`, Runs: []layout.Run{
					{X: 10 * layout.Pt, Y: 50 * layout.Pt, Width: 20 * layout.Pt, Face: bold, Size: 10 * layout.Pt, Text: "bold"},
					{X: 30 * layout.Pt, Y: 50 * layout.Pt, Width: 3 * layout.Pt, Face: reg, Size: 10 * layout.Pt, Text: ","},
					{X: 36 * layout.Pt, Y: 46 * layout.Pt, Width: 4 * layout.Pt, Face: reg, Size: 6 * layout.Pt, Text: "1"},
					{X: 42 * layout.Pt, Y: 50 * layout.Pt, Width: 20 * layout.Pt, Face: reg, Size: 10 * layout.Pt, Text: "gone", Strike: true},
					{X: 70 * layout.Pt, Y: 50 * layout.Pt, Face: reg, Size: 10 * layout.Pt, Text: ""},
				}},
				{Kind: layout.KindCode, Source: "posts/a.md", Runs: []layout.Run{
					{X: 10 * layout.Pt, Y: 70 * layout.Pt, Width: 60 * layout.Pt, Face: layout.Face{Kind: layout.MonoFace}, Size: 8 * layout.Pt, Text: "if  x {\t}"},
				}},
			},
			Marks:  []layout.Run{{X: 5 * layout.Pt, Y: 80 * layout.Pt, Face: layout.Face{Kind: layout.FallbackFace}, Size: 8 * layout.Pt, Text: "↪"}},
			Rules:  []layout.Rule{{X: 10 * layout.Pt, Y: 35 * layout.Pt, W: 180 * layout.Pt, H: layout.Pt / 2}},
			Images: []layout.ImageBox{{X: 10 * layout.Pt, Y: 100 * layout.Pt, W: 80 * layout.Pt, H: 60 * layout.Pt, Image: img}, {X: 100 * layout.Pt, Y: 100 * layout.Pt, W: 80 * layout.Pt, H: 60 * layout.Pt, Image: lost}},
			Links: []layout.LinkRect{
				{X: 10 * layout.Pt, Y: 40 * layout.Pt, W: 50 * layout.Pt, H: 12 * layout.Pt, URL: "https://example.org/?a=1&b=2"},
				{X: 10 * layout.Pt, Y: 60 * layout.Pt, W: 50 * layout.Pt, H: 12 * layout.Pt, Dest: "fn1"},
				{X: 10 * layout.Pt, Y: 60 * layout.Pt, W: 50 * layout.Pt, H: 12 * layout.Pt, Dest: "nowhere"},
			},
			Anchor: []layout.Anchor{{Name: "fn1", Y: 200 * layout.Pt}},
		}},
	}
}

func TestPageGolden(t *testing.T) {
	opt := Options{
		Family: func(f *fonts.Font) string { return "ed-" + f.Name },
		ImageHref: func(im *model.Image) string {
			if im.Data == nil {
				return ""
			}
			return "/img/" + im.Name
		},
	}
	var b bytes.Buffer
	if err := New(handmade(), fonts.Default(), opt).Page(&b, 0); err != nil {
		t.Fatal(err)
	}
	checkXML(t, b.Bytes())
	golden := filepath.Join("testdata", "page.golden")
	if *update {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/svg -update)", err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("page differs from %s; run go test ./internal/svg -update and review the diff\n%s", golden, b.String())
	}
}

// TestEveryRunDrawn paints real layouts and reads every page back: each
// is well-formed XML, and its text elements hold, in order, exactly the
// runs of the page's lines.
func TestEveryRunDrawn(t *testing.T) {
	cfg := layout.DefaultConfig()
	cfg.TrimWidth, cfg.TrimHeight, _ = layout.ParseTrim("A4")
	cfg.Bleed = 3 * layout.Mm
	cfg.CropMarks = true
	for name, ed := range map[string]*model.Edition{"small": layouttest.Small(), "odd": layouttest.Odd()} {
		d, err := layout.Layout(ed, fonts.Default(), cfg, nil)
		if err != nil {
			t.Fatal(err)
		}
		p := New(d, fonts.Default(), Options{})
		for i, pg := range d.Pages {
			var b bytes.Buffer
			if err := p.Page(&b, i); err != nil {
				t.Fatal(err)
			}
			got := tspans(t, b.Bytes())
			var want []string
			for _, ln := range pg.Lines {
				for _, r := range ln.Runs {
					if r.Text != "" {
						want = append(want, r.Text)
					}
				}
			}
			for _, r := range pg.Marks {
				if r.Text != "" {
					want = append(want, r.Text)
				}
			}
			if strings.Join(got, "\x00") != strings.Join(want, "\x00") {
				t.Errorf("%s page %d: tspans\n%q\nwant runs\n%q", name, i+1, got, want)
			}
		}
	}
}

// checkXML fails t unless b is one well-formed XML element.
func checkXML(t *testing.T, b []byte) {
	t.Helper()
	tspans(t, b)
}

// tspans returns the text of every tspan of an SVG page, in order.
func tspans(t *testing.T, b []byte) []string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(b))
	var out []string
	in := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, b)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			if x.Name.Local == "tspan" {
				in = true
				out = append(out, "")
			}
		case xml.EndElement:
			in = false
		case xml.CharData:
			if in {
				out[len(out)-1] += string(x)
			}
		}
	}
}

// TestMath: a formula's glyphs are drawn as their own characters in the
// math face (a math italic, not the letter the PDF's text gives) where pdf
// draws them, a size variant as the character it stands for, with its
// rules and strikes; without a math family the formula is left out
// rather than drawn in another face.
func TestMath(t *testing.T) {
	mf, err := mathFont()
	if err != nil {
		t.Fatal(err)
	}
	italic, _ := mf.Glyph(0x1D465) // 𝑥
	two, _ := mf.Glyph('2')
	sum, _ := mf.GlyphByName("uni2211.s1") // a size variant: no character of its own
	box := &mathbox.Box{Width: 20, Height: 8, Depth: 2,
		Glyphs: []mathbox.Glyph{{X: 0, Y: -4, Size: 10, GID: italic, Text: "x"}, {X: 8, Y: 3, Size: 7, GID: two, Text: "2"}, {X: 12, Size: 10, GID: sum, Text: "∑"}},
		Rules:  []mathbox.Rule{{X: 0, Y: -1, W: 20, H: 0.5}},
		Lines:  []mathbox.Line{{X1: 0, Y1: 2, X2: 20, Y2: -8, W: 0.6}},
	}
	d := &layout.Document{Width: 200 * layout.Pt, Height: 300 * layout.Pt, Pages: []*layout.Page{{
		Lines: []*layout.TextLine{{Kind: layout.KindBody, Runs: []layout.Run{
			{X: 10 * layout.Pt, Y: 50 * layout.Pt, Width: 20 * layout.Pt, Size: 10 * layout.Pt, Math: box},
		}}},
	}}}
	var b bytes.Buffer
	if err := New(d, fonts.Default(), Options{MathFamily: "m"}).Page(&b, 0); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		`<g class="math" font-family="m">`,
		`<text x="10" y="46" font-size="10">𝑥</text>`,
		`<text x="18" y="53" font-size="7">2</text>`,
		`<text x="22" y="50" font-size="10">∑</text>`,
		`<rect x="10" y="49" width="20" height="0.5"/>`,
		`<line x1="10" y1="52" x2="30" y2="42"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %s in\n%s", want, out)
		}
	}
	b.Reset()
	if err := New(d, fonts.Default(), Options{}).Page(&b, 0); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "𝑥") {
		t.Error("a formula drawn without a math face")
	}
}
