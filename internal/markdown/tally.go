package markdown

import (
	"fmt"
	"sort"
	"strings"
)

// One cause repeated through a post (links written from the site's root
// on a site whose address is unknown, Liquid output in the text, an HTML
// tag edition does not set) is one warning, not one per occurrence: it
// gives the count, the first line and a few examples, which is what a
// user needs to act on it.

// tallied is one cause's occurrences in a post.
type tallied struct {
	line     int      // the first occurrence's
	count    int      // occurrences
	examples []string // the first few distinct ones
	distinct int      // distinct examples met
	order    int      // when the cause was first met
}

// tally records one occurrence of cause (a message that reads with a
// count: "%d links … (%s)") at line, with example naming it.
func (c *conv) tally(line int, cause, example string) {
	r := c.post
	if r.tallies == nil {
		r.tallies = map[string]*tallied{}
	}
	t := r.tallies[cause]
	if t == nil {
		t = &tallied{line: line, order: len(r.tallies)}
		r.tallies[cause] = t
	}
	t.count++
	if line < t.line {
		t.line = line
	}
	if example != "" && !contains(t.examples, example) {
		t.distinct++
		if len(t.examples) < 3 {
			t.examples = append(t.examples, example)
		}
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// flushTallies writes one warning per cause recorded.
func (c *conv) flushTallies() {
	causes := make([]string, 0, len(c.post.tallies))
	for k := range c.post.tallies {
		causes = append(causes, k)
	}
	sort.Slice(causes, func(i, j int) bool { return c.post.tallies[causes[i]].order < c.post.tallies[causes[j]].order })
	for _, cause := range causes {
		t := c.post.tallies[cause]
		ex := strings.Join(t.examples, ", ")
		if t.distinct > len(t.examples) {
			ex += ", …"
		}
		switch {
		case t.count > 1 && ex != "":
			ex = fmt.Sprintf(" (%d times from here: %s)", t.count, ex)
		case t.count > 1:
			ex = fmt.Sprintf(" (%d times from here)", t.count)
		case ex != "":
			ex = " (" + ex + ")"
		}
		c.warnAt(t.line, "%s%s", cause, ex)
	}
}
