package manifest

import (
	"bufio"
	"bytes"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/redtide/edition/internal/lang"
)

// editionDate is the date the manifest gives the edition: --date, else
// the newest post's, else (no post has a date) today's, or the day of
// SOURCE_DATE_EPOCH, with one warning that names the undated posts'
// count. Undated posts are listed last in path order, which is stable
// from run to run; that too is said once, not once per post.
func (w *walk) editionDate(opt AssembleOptions) time.Time {
	var undated []string // as messages name them
	for _, it := range w.posts {
		if it.date.IsZero() {
			undated = append(undated, it.file)
		}
	}
	if len(undated) > 0 {
		sort.Strings(undated)
		what := "a post has no date"
		if len(undated) > 1 {
			what = strconv.Itoa(len(undated)) + " posts have no date"
		}
		w.log.Warnf(undated[0], 1, "%s in front matter or file name (this one first); listed last, in path order", what)
	}
	date := opt.Date
	for _, it := range w.posts {
		if opt.Date.IsZero() && it.date.After(date) {
			date = it.date
		}
	}
	if date.IsZero() {
		date = today()
		w.log.Warnf(undated[0], 1, "no post has a date: the edition is dated %s (today); give its date with --date", date.Format("2006-01-02"))
	}
	return date
}

// today is the current day, or SOURCE_DATE_EPOCH's, in UTC.
func today() time.Time {
	now := time.Now()
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil {
			now = time.Unix(n, 0)
		}
	}
	now = now.UTC()
	return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
}

// language is the edition's language: --language, else the site's
// (lang, or the defaults every page gets), else the language most posts
// declare, else the one most posts read as (a site that declares none:
// its pages would otherwise be hyphenated with English patterns), else
// en.
func (w *walk) language(opt AssembleOptions) string {
	if opt.Language != "" {
		return opt.Language
	}
	if l, _ := w.st.Language(""); l != "" {
		return l
	}
	votes := map[string]int{}
	for _, it := range w.posts {
		if t := firstNonEmpty(it.lang, it.reads); t != "" {
			votes[lang.Normalize(t)]++
		}
	}
	best := ""
	for t, n := range votes {
		if best == "" || n > votes[best] || n == votes[best] && t < best {
			best = t
		}
	}
	return firstNonEmpty(best, "en")
}

// proseOf is about words words of a post body's prose, for lang.Guess:
// lines of code blocks, HTML, Liquid and front matter-like lines are
// skipped.
func proseOf(body []byte, words int) string {
	var b strings.Builder
	n := 0
	fence := false
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() && n < words {
		l := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(l, "```") || strings.HasPrefix(l, "~~~") {
			fence = !fence
			continue
		}
		if fence || l == "" || strings.HasPrefix(l, "<") || strings.HasPrefix(l, "{%") || strings.HasPrefix(l, "    ") {
			continue
		}
		b.WriteString(l)
		b.WriteByte('\n')
		n += len(strings.Fields(l))
	}
	return b.String()
}
