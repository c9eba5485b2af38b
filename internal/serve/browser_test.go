package serve

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/redtide/edition/internal/testenv"
)

// browser starts headless Chromium for the test.
func browser(t *testing.T, width, height int) context.Context {
	t.Helper()
	return testenv.Browser(t, width, height)
}

// Expressions that read the page as a person sees it.
const (
	// the text of print page n, its lines (<text>) one to a line
	jsPage = `(n => { const s = document.querySelector('#page-' + n + ' svg');
		return s ? [...s.querySelectorAll('text')].map(t => t.textContent).join('\n') : ''; })`
	// the text of every print page drawn
	jsPrint = `[...document.querySelectorAll('#pages text')].map(t => t.textContent).join('\n')`
	// the text of the EPUB chapter shown
	jsEPUB = `(() => { try { return document.querySelector('#epub').contentDocument.body.innerText } catch (e) { return '' } })()`
	// the errors shown above the pages
	jsErrors = `document.querySelector('#errors').innerText`
)

// eval evaluates a JavaScript expression that yields a string.
func eval(ctx context.Context, expr string) (string, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[string](expr))
}

// waitText waits until expr yields a string for which ok is true, and
// returns how long that took; it fails the test after limit.
func waitText(t *testing.T, ctx context.Context, what, expr string, limit time.Duration, ok func(string) bool) time.Duration {
	t.Helper()
	start := time.Now()
	var last string
	for time.Since(start) < limit {
		s, err := eval(ctx, expr)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if ok(s) {
			return time.Since(start)
		}
		last = s
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%s: not within %s; last seen:\n%.600s", what, limit, last)
	return 0
}

func contains(sub string) func(string) bool {
	return func(s string) bool { return strings.Contains(s, sub) }
}

// TestBrowser opens the preview of the default edition in headless
// Chromium and edits a post as an editor would: the new headline shows
// in both views without a reload, a broken front matter shows its error
// above the last good pages, and fixing it clears the error.
func TestBrowser(t *testing.T) {
	ctx := browser(t, 1400, 900)
	// as an editor runs it: from the folder above the posts
	man := defaultEdition(t)
	t.Chdir(filepath.Dir(filepath.Dir(man)))
	man = filepath.Join(filepath.Base(filepath.Dir(man)), "edition.yaml")
	srv := start(t, man, func(o *Options) { o.Log = logWriter{t} })
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.url+"/")); err != nil {
		t.Fatal(err)
	}
	waitText(t, ctx, "masthead on page 1", jsPage+"(1)", 20*time.Second, contains("The Red Tide"))
	waitText(t, ctx, "first article in the EPUB view", jsEPUB, 10*time.Second, contains("Trotskyism"))

	// clicking a line of the article says where it comes from (the lead
	// starts on page 1)
	waitText(t, ctx, "page 1 drawn", jsPage+"(1)", 10*time.Second, func(s string) bool { return s != "" })
	click := `(() => { const t = document.querySelector('#page-1 text[data-kind=body]');
		t.dispatchEvent(new MouseEvent('click', {bubbles: true})); return document.querySelector('#where').innerText })()`
	if s, err := eval(ctx, click); err != nil || !strings.Contains(s, "2017-05-01-trotskyism.md") {
		t.Errorf("clicking a line of page 1 shows %q (%v), want its post", s, err)
	}

	// the reader is at the spread of pages 4 and 5
	if _, err := eval(ctx, `(() => { document.querySelector('#page-4').scrollIntoView(); return '' })()`); err != nil {
		t.Fatal(err)
	}
	loaded := `[...document.querySelectorAll('.sheet')].filter(s => s.dataset.loading).length ? '' : 'yes'`
	waitText(t, ctx, "pages 4 and 5", jsPage+"(5)", 10*time.Second, func(s string) bool { return s != "" })
	waitText(t, ctx, "the pages near", loaded, 10*time.Second, contains("yes"))

	// one save of two posts: the Culture section's, which opens page 4
	// near the reader, and the lead's, the EPUB's first chapter
	post := filepath.Join(filepath.Dir(man), "2017-05-01-trotskyism.md")
	culture := filepath.Join(filepath.Dir(man), "2026-11-15-songs-of-the-picket-line.md")
	const headline = "Trotsky in Coyoacán"
	const cultureHead = "Songs from Coyoacán"
	before := versions(t, ctx)
	if _, err := eval(ctx, `(performance.clearResourceTimings(), '')`); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s write", time.Now().Format("15:04:05.000"))
	setTitle(t, culture, "title: "+cultureHead)
	setTitle(t, post, "title: "+headline)
	tp := waitText(t, ctx, "new headline in the print view", jsPrint, 2*time.Second, contains(cultureHead))
	te := waitText(t, ctx, "new headline in the EPUB view", jsEPUB, 2*time.Second-tp, contains(headline))
	t.Logf("new headline shown: print %s, EPUB %s after the write", tp.Round(time.Millisecond), (tp + te).Round(time.Millisecond))
	if top, _ := eval(ctx, `String(topPage().page)`); top != "4" {
		t.Errorf("after the rebuild the view is at page %s, want 4 where the reader was", top)
	}
	waitText(t, ctx, "the pages near, again", loaded, 10*time.Second, contains("yes"))
	onlyChanged(t, ctx, before)

	// an unterminated quote: the YAML of the front matter does not parse
	setTitle(t, post, `title: "`+headline)
	waitText(t, ctx, "front matter error", jsErrors, 5*time.Second, contains("2017-05-01-trotskyism.md:"))
	errs, _ := eval(ctx, jsErrors)
	if !strings.Contains(errs, "front matter") {
		t.Errorf("errors shown: %q, want the front matter's", errs)
	}
	for what, expr := range map[string]string{"print": jsPrint, "EPUB": jsEPUB} {
		want := map[string]string{"print": cultureHead, "EPUB": headline}[what]
		if s, _ := eval(ctx, expr); !strings.Contains(s, want) {
			t.Errorf("after the failed build the %s view lost the last good pages:\n%.300s", what, s)
		}
	}

	setTitle(t, post, "title: Trotskyism")
	waitText(t, ctx, "error cleared", jsErrors, 5*time.Second, func(s string) bool { return strings.TrimSpace(s) == "" })
	waitText(t, ctx, "fixed headline", jsEPUB, 5*time.Second, func(s string) bool {
		return strings.Contains(s, "Trotskyism") && !strings.Contains(s, headline)
	})

	// nothing came from anywhere else
	foreign := `(() => { const w = [window, document.querySelector('#epub').contentWindow];
		return w.flatMap(x => x.performance.getEntriesByType('resource').map(e => e.name))
			.filter(n => !n.startsWith(location.origin)).join(' ') })()`
	if s, err := eval(ctx, foreign); err != nil || s != "" {
		t.Errorf("loaded from elsewhere: %q (%v)", s, err)
	}

	if shot := os.Getenv("EDITION_SCREENSHOT"); shot != "" {
		screenshot(t, ctx, shot)
	}
}

// versions reads the versions of the pages shown (see previewJSON).
func versions(t *testing.T, ctx context.Context) []int {
	t.Helper()
	var vs []int
	js, err := eval(ctx, `JSON.stringify(ui.state.preview.versions)`)
	if err == nil {
		err = json.Unmarshal([]byte(js), &vs)
	}
	if err != nil {
		t.Fatalf("versions: %v", err)
	}
	return vs
}

// onlyChanged checks that the page asked again only for pages whose
// version changed since before, and kept the drawings of some pages it
// shows that did not change.
func onlyChanged(t *testing.T, ctx context.Context, before []int) {
	t.Helper()
	after := versions(t, ctx)
	var fetched, drawn []int
	for _, q := range []struct {
		expr string
		into *[]int
	}{
		{`JSON.stringify(performance.getEntriesByType('resource').map(e => /\/page\/(\d+)\.svg/.exec(e.name)).filter(m => m).map(m => +m[1]))`, &fetched},
		{`JSON.stringify([...document.querySelectorAll('.sheet')].filter(s => s.dataset.ver).map(s => +s.dataset.page))`, &drawn},
	} {
		js, err := eval(ctx, q.expr)
		if err == nil {
			err = json.Unmarshal([]byte(js), q.into)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	same := func(n int) bool { return n <= len(before) && n <= len(after) && before[n-1] == after[n-1] }
	asked := map[int]bool{}
	for _, n := range fetched {
		asked[n] = true
		if same(n) {
			t.Errorf("page %d was asked for again, but did not change (version %d)", n, after[n-1])
		}
	}
	kept := 0
	for _, n := range drawn {
		if same(n) && !asked[n] {
			kept++
		}
	}
	if len(fetched) == 0 || kept == 0 {
		t.Errorf("after the edit the page asked for pages %v and kept %d unchanged drawings of %v; want the changed ones asked for and the others kept", fetched, kept, drawn)
	}
	t.Logf("pages asked for again: %v of %v drawn", fetched, drawn)
}

// screenshot saves the page as a PNG, for the README: the spread of
// pages 2 and 3, the warnings open, a line clicked.
func screenshot(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	pose := `(() => { document.querySelector('#warnings').open = true;
		document.querySelector('#page-2').scrollIntoView();
		document.querySelector('#page-2 text[data-kind=body]').dispatchEvent(new MouseEvent('click', {bubbles: true}));
		return '' })()`
	if _, err := eval(ctx, pose); err != nil {
		t.Fatal(err)
	}
	waitText(t, ctx, "page 3", jsPage+"(3)", 5*time.Second, func(s string) bool { return s != "" })
	time.Sleep(time.Second)
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// logWriter passes the server's log to the test's.
type logWriter struct{ t *testing.T }

func (w logWriter) Write(p []byte) (int, error) {
	w.t.Logf("%s %s", time.Now().Format("15:04:05.000"), strings.TrimSpace(string(p)))
	return len(p), nil
}
