package markdown

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/model"
)

var update = flag.Bool("update", false, "rewrite the want section of testdata/*.txtar")

// archive is a txtar file: a comment, then files introduced by
// "-- name --" lines (golang.org/x/tools/txtar's format).
type archive struct {
	comment string
	files   []txtFile
}

type txtFile struct {
	name, data string
}

func parseArchive(s string) archive {
	var a archive
	cur := &a.comment
	for _, line := range strings.SplitAfter(s, "\n") {
		t := strings.TrimRight(line, "\n")
		if strings.HasPrefix(t, "-- ") && strings.HasSuffix(t, " --") && len(t) > 6 {
			a.files = append(a.files, txtFile{name: strings.TrimSpace(t[3 : len(t)-3])})
			cur = &a.files[len(a.files)-1].data
			continue
		}
		*cur += line
	}
	return a
}

func (a archive) format() string {
	var b strings.Builder
	b.WriteString(a.comment)
	for _, f := range a.files {
		fmt.Fprintf(&b, "-- %s --\n%s", f.name, f.data)
		if f.data != "" && !strings.HasSuffix(f.data, "\n") {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func (a archive) file(name string) (string, bool) {
	for _, f := range a.files {
		if f.name == name {
			return f.data, true
		}
	}
	return "", false
}

// TestGolden converts the post.md of each testdata/*.txtar and compares
// a dump of the result (blocks with their lines, notes, the image
// references handed to the resolver, warnings) with its want file. An
// options file sets Input fields: "lang fr", "math", "bodyline 4",
// "escapes", "hard_wrap", "parse_block_html", "kramdown", "math_refs"
// (Engine), "read" (a
// ReadRelative that knows exercises.md).
// Images whose name starts with "missing" are not found.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	conv := New()
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			a := parseArchive(string(data))
			src, ok := a.file("post.md")
			if !ok {
				t.Fatal("no post.md")
			}
			opts, _ := a.file("options")
			got := convertDump(t, conv, src, opts)
			want, _ := a.file("want")
			if got == want {
				return
			}
			if *update {
				a.setWant(got)
				if err := os.WriteFile(file, []byte(a.format()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			t.Errorf("%s: got\n%s\nwant\n%s", file, got, want)
		})
	}
}

func (a *archive) setWant(s string) {
	for i := range a.files {
		if a.files[i].name == "want" {
			a.files[i].data = s
			return
		}
	}
	a.files = append(a.files, txtFile{name: "want", data: s})
}

func convertDump(t *testing.T, conv *Converter, src, opts string) string {
	in := Input{Path: "post.md", Body: []byte(src)}
	for _, l := range strings.Split(opts, "\n") {
		f := strings.Fields(l)
		switch {
		case len(f) == 2 && f[0] == "lang":
			in.Lang = f[1]
		case len(f) == 1 && f[0] == "math":
			in.Math = true
		case len(f) == 1 && f[0] == "read":
			in.ReadRelative = func(name string) ([]byte, error) {
				if name == "exercises.md" {
					return []byte("## Exercises\n\n1. Map the *walls*.\n2. Date the map.\n"), nil
				}
				return nil, os.ErrNotExist
			}
		case len(f) == 1 && f[0] == "escapes":
			in.Engine.Escapes = true
		case len(f) == 1 && f[0] == "hard_wrap":
			in.Engine.HardWrap = true
		case len(f) == 1 && f[0] == "kramdown":
			in.Engine.Kramdown = true
		case len(f) == 1 && f[0] == "parse_block_html":
			in.Engine.ParseBlockHTML = true
		case len(f) == 1 && f[0] == "math_refs":
			in.Engine.MathRefs = true
		case len(f) == 2 && f[0] == "bodyline":
			in.BodyLine, _ = strconv.Atoi(f[1])
		case len(f) >= 1 && f[0] == "hugo":
			in.Hugo = testHugo(len(f) == 2 && f[1] == "unsafe")
		}
	}
	var refs []string
	images := func(r ImageRef) (*model.Image, error) {
		var ps []string
		for k, v := range r.Params {
			ps = append(ps, k+"="+strconv.Quote(v))
		}
		sort.Strings(ps)
		refs = append(refs, fmt.Sprintf("%d: %q alt=%q include=%q %s", r.Line, r.Src, r.Alt, r.Include, strings.Join(ps, " ")))
		if strings.HasPrefix(filepath.Base(r.Src), "missing") {
			return nil, nil
		}
		return &model.Image{Path: r.Src, MediaType: "image/png", Width: 10, Height: 10, Alt: r.Alt}, nil
	}
	var log diag.Log
	res, err := conv.Convert(in, images, &log)
	if err != nil {
		return "error: " + err.Error() + "\n"
	}
	var b strings.Builder
	b.WriteString(model.DumpBlocks(res.Blocks, true))
	for _, n := range res.Notes {
		fmt.Fprintf(&b, "note %q line %d\n", n.Label, n.Line)
		for _, l := range strings.SplitAfter(model.DumpBlocks(n.Blocks, true), "\n") {
			if l != "" {
				b.WriteString("  " + l)
			}
		}
	}
	for _, r := range refs {
		b.WriteString("image " + r + "\n")
	}
	for _, w := range log.Warnings() {
		b.WriteString("warning " + w.String() + "\n")
	}
	return b.String()
}

// testHugo is a Hugo site for the golden cases: the page sets author,
// the site description; known.md is in the edition; the site's "box"
// shortcode template writes its title and content in a <div>.
func testHugo(unsafe bool) *Hugo {
	params := map[string]string{"author": "Ann *Author*", "description": "A site"}
	return &Hugo{
		Unsafe: unsafe,
		Param:  func(k string) (string, bool) { v, ok := params[k]; return v, ok },
		Ref: func(target string) (string, bool) {
			return "Known Post", strings.TrimPrefix(target, "/") == "known.md"
		},
		Shortcode: func(sc Shortcode) (string, error) {
			if sc.Name != "box" {
				return "", errors.New("has no template here")
			}
			return "<div class=\"box\">\n  <p><b>" + sc.Named["title"] + "</b></p>\n  " + sc.Inner + "\n</div>", nil
		},
	}
}
