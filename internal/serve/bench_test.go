package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/redtide/edition/internal/manifest"
)

// BenchmarkRebuild measures what an editor waits for: from writing a new
// headline into a post to the print page that shows it being served,
// through the file notification, the quiet period, the build up to its
// layout and EPUB, the event to the page and the page's request for the
// SVG. (The PDF is painted and the outputs written after that.) The
// next write waits for the build to finish, as an editor's would.
// worst-ms is the slowest rebuild, cpu-ms/op the processor time used
// per rebuild up to the page being served. It runs on the default edition and, when ../shared is there,
// on the corpus assembled into one edition; corpus-middle and
// corpus-last write a word into the body of the corpus's middle and last
// post instead (the headline of the first is the lead's, on the front
// page, which makes up every page again).
//
//	go test ./internal/serve -run XXX -bench Rebuild -benchtime 20x
func BenchmarkRebuild(b *testing.B) {
	editions := map[string]func(testing.TB) string{"default": defaultEdition, "corpus": corpusEdition}
	for _, name := range []string{"default", "corpus", "corpus-middle", "corpus-last"} {
		b.Run(name, func(b *testing.B) {
			ed, where, _ := strings.Cut(name, "-")
			man := editions[ed](b)
			post := firstPost(b, man)
			// the edit: the headline, or a word at the end of the body
			write := func(i int) string {
				head := fmt.Sprintf("Headline%04d", i)
				setTitle(b, post, "title: "+head)
				return ">" + head + "<"
			}
			if where != "" {
				ps := posts(b, man)
				post = ps[len(ps)/2]
				if where == "last" {
					post = ps[len(ps)-1]
				}
				edit(b, post, func(s string) string { return s + "\n\nEdit0000 ends the article.\n" })
				write = func(i int) string {
					word := fmt.Sprintf("Edit%04d", i)
					edit(b, post, func(s string) string { return regexp.MustCompile(`Edit[0-9]{4}`).ReplaceAllString(s, word) })
					return word
				}
			}
			srv := start(b, man, nil)
			ev := srv.events(b)
			waitFor(b, ev, "first build", built(1))
			mark := write(9999)
			e := waitFor(b, ev, "second build", built(2))
			page := pageWith(b, srv, mark)
			var worst, cpu time.Duration
			gen, n := e.Gen, e.Build
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				t0, c0 := time.Now(), cpuTime()
				mark := write(i)
				gen = waitFor(b, ev, "new pages", func(e event) bool { return e.Gen > gen }).Gen
				code, body := srv.get(b, fmt.Sprintf("/page/%d.svg", page))
				if code != 200 || !strings.Contains(body, mark) {
					b.Fatalf("page %d after the rebuild: %d, without %q", page, code, mark)
				}
				worst = max(worst, time.Since(t0))
				cpu += cpuTime() - c0
				b.StopTimer()
				n++
				// the pages come first, then the EPUB: a new generation
				// each (the end's event carries the last)
				gen = waitFor(b, ev, "the build's end", built(n)).Gen
				b.StartTimer()
			}
			b.ReportMetric(float64(worst.Milliseconds()), "worst-ms")
			b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
		})
	}
}

// firstPost returns the first post of the edition with a title in its
// front matter.
func firstPost(tb testing.TB, man string) string {
	tb.Helper()
	m, err := manifest.Load(man)
	if err != nil {
		tb.Fatal(err)
	}
	for _, sec := range m.Sections {
		for _, e := range sec.Posts {
			p := filepath.Join(filepath.Dir(man), filepath.FromSlash(e.Path))
			data, err := os.ReadFile(p)
			if err != nil {
				tb.Fatal(err)
			}
			front, _, _ := strings.Cut(strings.TrimPrefix(string(data), "---\n"), "\n---")
			if strings.HasPrefix(string(data), "---\n") && strings.Contains("\n"+front, "\ntitle:") {
				return p
			}
		}
	}
	tb.Fatalf("%s: no post has a title in its front matter", man)
	return ""
}

// pageWith returns the first page whose SVG has w.
func pageWith(tb testing.TB, srv *running, w string) int {
	tb.Helper()
	for n := 1; ; n++ {
		code, body := srv.get(tb, fmt.Sprintf("/page/%d.svg", n))
		if code != 200 {
			tb.Fatalf("no page shows %q", w)
		}
		if strings.Contains(body, w) {
			return n
		}
	}
}

// cpuTime is the processor time the process has used, on all cores: on a
// busy machine it says what the wall-clock time would be on an idle one
// (at least cpu/cores).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
