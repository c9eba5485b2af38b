package markdown

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/markdown/typo"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/testenv"
)

// FuzzConvert feeds arbitrary Markdown (with Liquid, kramdown and raw
// HTML) through the converter: it must never panic, and its model must
// hold only what renderers can take: no NUL or control characters, links
// only to http(s) and mailto, and no raw markup.
func FuzzConvert(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join(testenv.RepoRoot(f), "posts", "*.md"))
	more, _ := filepath.Glob("../edition/testdata/golden/*.md")
	corpus := testenv.SharedGlob(f, "corpus/*/*.md")
	for _, s := range append(append(seeds, more...), corpus...) {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("x[^1]\n\n[^1]: note[^1]\n"))
	f.Add([]byte("<aside><p>a</aside></p><script>x</script>"))
	f.Add([]byte("{% include figure.html image-url=\"a.png\" caption=\"c\" %}\n{% raw %}{{x}}"))
	f.Add([]byte(strings.Repeat("> ", 200) + "deep"))
	f.Add([]byte(strings.Repeat("- ", 200) + "deep"))
	f.Add([]byte("$$\n\\frac{a}{b}\n$$\n\nx \\\\(y\\\\) $z$ {{< figure src=\"a.png\" >}} {: .x}\n{::comment}\nc\n{:/comment}"))
	f.Add([]byte("* TOC\n{:toc}\n\n<td markdown=\"span\">**b**</td>\n\n{% highlight go %}\nx\n{% endhighlight %}"))
	f.Add([]byte("\"Quote\" 'single' : ; ! ? « a » [^x] [a]({{ x }}/y)"))
	f.Add([]byte("{{< quote footer=\"A\" >}}\nq\n{{< /quote >}}\n\n{{< box title=\"T\" >}}\n*i*\n{{< /box >}} {{< param author >}}\n\nT\n: d\n\n## H {#id}"))
	f.Add([]byte("- {{< x >}}\n  a\n{{< /x >}}\n{{< /y >}}{{< y >}}[a]({{< ref \"known.md\" >}})"))
	for _, s := range testenv.SharedGlob(f, "hugo/*/content/*/*.md") {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("[see @doe99, pp. 33-35; -@roe \"x\"] @doe [p. 3] ^[note [@a]] {% cite a b -l 3 %}\n\n::: {#refs}\n:::\n"))
	f.Add([]byte("{% figure caption:\"Fig. 1\" %}\n![](a.png)\n{% endfigure %}\n\nx{% sidenote 'a' 'b c' %} \\(p\\)\n\n![i](b.png)<br><i>Figure 2: c</i>\n\n## H {#id}\n\n{::options parse_block_html=\"true\" /}\n<div>*a* {% include x.html text=\"t\" %}</div>\n\n| {% include f.html src=\"c.png\" %} |\n|---|\n\nTerm\n: def\n\n*[A]: b\n"))
	conv := New()
	f.Fuzz(func(t *testing.T, src []byte) {
		images := func(ImageRef) (*model.Image, error) { return nil, nil }
		var log diag.Log
		in := Input{Path: "f.md", Body: src}
		if len(src) > 0 && src[0]%2 == 1 {
			in.Lang = "fr"
		}
		if len(src) > 1 {
			in.Engine = Engine{Escapes: src[1]&1 != 0, HardWrap: src[1]&2 != 0, ParseBlockHTML: src[1]&4 != 0, Kramdown: src[1]&8 != 0}
		}
		if len(src) > 0 && src[0]%4 >= 2 {
			in.Hugo = testHugo(src[0]%8 >= 4) // a Hugo post: its parser, shortcodes and templates
		}
		res, err := conv.Convert(in, images, &log)
		if err != nil {
			return
		}
		check := func(in model.Inline) {
			switch x := in.(type) {
			case *model.Text:
				if strings.ContainsRune(x.Text, 0) {
					t.Fatalf("NUL in text %q", x.Text)
				}
				if strings.ContainsFunc(x.Text, typo.IsPlaceholder) {
					t.Fatalf("quote placeholder in text %q", x.Text)
				}
			case *model.Code:
				if strings.ContainsFunc(x.Text, typo.IsPlaceholder) {
					t.Fatalf("quote placeholder in code %q", x.Text)
				}
			case *model.Link:
				if !strings.HasPrefix(x.URL, "http://") && !strings.HasPrefix(x.URL, "https://") && !strings.HasPrefix(x.URL, "mailto:") {
					t.Fatalf("unsafe link %q", x.URL)
				}
			case *model.NoteRef:
				if x.Note == nil {
					t.Fatal("reference to no note")
				}
			case *model.Cite:
				for _, it := range x.Items {
					if it.Key == "" {
						t.Fatalf("citation %q with an empty key", x.Source)
					}
					for _, ins := range [][]model.Inline{it.Prefix, it.Suffix} {
						if strings.ContainsFunc(model.PlainText(ins), typo.IsPlaceholder) {
							t.Fatalf("quote placeholder in citation %q", x.Source)
						}
					}
				}
			}
		}
		model.WalkBlocks(res.Blocks, func(b model.Block) {
			switch b.(type) {
			case *scOpen, *scClose, *tocMark:
				t.Fatalf("a mark of this package left in the model: %T", b)
			}
		})
		model.WalkInlinesInBlocks(res.Blocks, check)
		for _, n := range res.Notes {
			model.WalkInlinesInBlocks(n.Blocks, check)
		}
	})
}
