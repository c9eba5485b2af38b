package site

import (
	"errors"
	"strings"
	"testing"
)

func liquidSite(t *testing.T, includes map[string]string) *Site {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{}
	for k, v := range includes {
		files["_includes/"+k] = v
	}
	writeFiles(t, dir, files)
	return &Site{Root: dir, Config: Config{BaseURL: "/blog", URL: "https://example.org",
		Vars: map[string]any{"baseurl": "/blog", "url": "https://example.org", "essay-images": "/essays/images",
			"tags": []any{"a", "b"}}}}
}

func TestLiquid(t *testing.T) {
	s := liquidSite(t, map[string]string{
		"slug.html": `{% assign slug = page.name | remove_first: ".md" %}{% if page.original %}{% assign canonical = page.original %}{% else %}{% assign canonical = slug %}{% endif %}`,
		"loop.html": `{% include loop.html %}`,
		"big.html":  strings.Repeat("x", 40000) + "{{ page.name }}" + strings.Repeat("y", 40000),
	})
	page := map[string]any{"name": "lesson.md", "layout": "lesson", "title": "A & B", "n": 3, "empty": "",
		"list": []any{"x", "y"}, "deep": map[string]any{"key": "v"}}
	for _, c := range []struct{ name, src, want string }{
		{"text", "plain", "plain"},
		{"output", "{{ page.name }}", "lesson.md"},
		{"site key with hyphen", "{{ site.essay-images }}/x.jpg", "/essays/images/x.jpg"},
		{"bracket", `{{ page["deep"]["key"] }}|{{ page.list[1] }}|{{ page.list.size }}|{{ page.list.last }}`, "v|y|2|y"},
		{"filters", `{{ page.name | remove_first: ".md" | append: "/" | prepend: "/images/" }}`, "/images/lesson/"},
		{"replace", `{{ "a-b-c" | replace: "-", "/" }} {{ "a-b-c" | replace_first: "-", "" }} {{ "aXbX" | remove: "X" }}`, "a/b/c ab-c ab"},
		{"case", `{{ "MiXed" | downcase }}{{ "x" | upcase }}{{ "hello world" | capitalize }}`, "mixedXHello world"},
		{"slugify", `{{ "Hello, World: Ça va?" | slugify }}`, "hello-world-ça-va"},
		{"split", `{{ "a/b/c" | split: "/" | first }}{{ "a/b/c" | split: "/" | last }}{{ "a/b/c" | split: "/" | join: "+" }}`, "aca+b+c"},
		{"urls", `{{ "/x.png" | relative_url }} {{ "x.png" | absolute_url }}`, "/blog/x.png https://example.org/blog/x.png"},
		{"default", `{{ page.missing | default: "d" }}{{ page.empty | default: "e" }}{{ page.name | default: "no" }}`, "delesson.md"},
		{"if", `{% if page.layout == "lesson" %}L{% elsif page.layout == "post" %}P{% else %}O{% endif %}`, "L"},
		{"elsif", `{% if page.layout == "x" %}L{% elsif page.n > 2 %}P{% else %}O{% endif %}`, "P"},
		{"else", `{% if page.nothing %}L{% else %}O{% endif %}`, "O"},
		{"unless", `{% unless page.nothing %}U{% endunless %}{% unless page.name %}no{% else %}E{% endunless %}`, "UE"},
		{"contains", `{% if page.name contains ".md" %}c{% endif %}{% if page.list contains "y" %}l{% endif %}{% if site.tags contains "z" %}no{% endif %}`, "cl"},
		{"and or", `{% if page.nothing or page.name and page.layout == "lesson" %}y{% endif %}{% if page.name and page.nothing %}no{% endif %}`, "y"},
		{"not equal", `{% if page.layout != "post" %}ne{% endif %}{% if page.layout <> "lesson" %}no{% endif %}`, "ne"},
		{"empty", `{% if page.empty == empty %}e{% endif %}{% if page.name == empty %}no{% endif %}{% if page.missing == blank %}b{% endif %}`, "eb"},
		{"capture", `{% capture p %}{{ site.baseurl }}/images/{{ page.name }}{% endcapture %}[{{ p }}]`, "[/blog/images/lesson.md]"},
		{"nested include", `{% include slug.html %}{{ canonical }}`, "lesson"},
		{"include params", `{% include slug.html %}{{ include.x }}`, ""},
		{"comment", `a{% comment %} {{ page.name }} {% if %} {% endcomment %}b`, "ab"},
		{"raw", `{% raw %}{{ page.name }}{% endraw %}`, "{{ page.name }}"},
		{"for skipped", `a{% for x in page.list %}{{ x }}{% endfor %}b`, "ab"},
		{"unknown tag", `a{% seo %}b{% link x.md %}c`, "abc"},
		{"whitespace control", "a  {%- assign x = 1 -%}  b\n{{- x -}}\n c", "ab1c"},
		{"unclosed", `a {{ page.name`, `a {{ page.name`},
		{"html kept", `<img src="{{ page.name }}">`, `<img src="lesson.md">`},
	} {
		got, err := s.RenderString(c.src, page)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got != c.want {
			t.Errorf("%s: %q gives %q, want %q", c.name, c.src, got, c.want)
		}
	}
	// Bounds: recursion and output size stop with an error, never hang.
	doubling := `{% assign a = "xxxxxxxx" %}` + strings.Repeat(`{% assign a = a | append: a %}`, 100)
	for _, src := range []string{`{% include loop.html %}`, `{% include big.html %}`, doubling} {
		if _, err := s.RenderString(src, page); !errors.Is(err, errLimit) {
			t.Errorf("%s: error %v, want the limit", src, err)
		}
	}
	if _, err := s.RenderString(`{% include ../../etc/passwd %}`, page); !IsNoTemplate(err) {
		t.Errorf("include outside _includes: %v", err)
	}
}

func TestIncludeImage(t *testing.T) {
	s := liquidSite(t, map[string]string{
		"figure.html": `{% include slug.html %}
{% if include.filename contains "http" %}{% capture fullpath %}{{ include.filename }}{% endcapture %}
{% elsif page.layout == "lesson" %}{% capture fullpath %}{{ site.url }}{{ site.baseurl }}/images/{{ canonical }}/{{ include.filename }}{% endcapture %}
{% else %}{% capture fullpath %}{{ site.baseurl }}/{{ include.filename }}{% endcapture %}{% endif %}
<figure><a href="/x"><img src="{{ fullpath }}" alt="{{ include.alt }}"></a><figcaption>{{ include.caption | markdownify }}</figcaption></figure>`,
		"slug.html": `{% assign slug = page.name | remove_first: ".md" %}{% if page.original %}{% assign canonical = page.original %}{% else %}{% assign canonical = slug %}{% endif %}`,
		"text.html": `<p>{{ include.text }}</p>`,
	})
	for _, c := range []struct {
		page   map[string]any
		params map[string]string
		want   string
	}{
		{map[string]any{"name": "l.md", "layout": "lesson"}, map[string]string{"filename": "a.png"}, "/images/l/a.png"},
		{map[string]any{"name": "t.md", "layout": "lesson", "original": "l"}, map[string]string{"filename": "a.png"}, "/images/l/a.png"},
		{map[string]any{"name": "p.md"}, map[string]string{"filename": "a.png"}, "/a.png"},
		{map[string]any{"name": "p.md"}, map[string]string{"filename": "http://x.org/a.png"}, "http://x.org/a.png"},
	} {
		got, err := s.IncludeImage("figure.html", c.params, c.page)
		if err != nil || got != c.want {
			t.Errorf("page %v params %v: %q, %v; want %q", c.page, c.params, got, err, c.want)
		}
	}
	if got, err := s.IncludeImage("text.html", map[string]string{"text": "hi"}, nil); got != "" || err != nil {
		t.Errorf("a template without an image: %q, %v", got, err)
	}
	if _, err := s.IncludeImage("missing.html", nil, nil); !IsNoTemplate(err) {
		t.Errorf("a missing template: %v", err)
	}
}

// FuzzLiquid checks that no template makes the evaluator panic, hang or
// write without bound.
func FuzzLiquid(f *testing.F) {
	for _, s := range []string{`{% if a == "b" and c %}x{% elsif d %}{% else %}{% endif %}`,
		`{% capture x %}{{ a | split: "/" | last }}{% endcapture %}`, `{% include figure.html filename="x" %}`,
		`{{ a[ }}`, `{% if %}`, `{% assign = %}`, `{{ | }}`, `{%- raw -%}{{`, `{% for %}{% endif %}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		s := &Site{Root: t.TempDir(), Config: emptyConfig()}
		out, err := s.RenderString(src, map[string]any{"a": "x/y"})
		if err == nil && len(out) > maxOutput+len(src)+1024 {
			t.Fatalf("output of %d bytes", len(out))
		}
	})
}
